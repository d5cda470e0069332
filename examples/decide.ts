// Route a support ticket with a decision model (Laya on Baseten Model APIs):
// typed answers with probabilities, no text to parse.
// Needs BASETEN_API_KEY; BASETEN_BASE_URL optionally overrides the Model APIs base URL.
import { experimental_decide as decide } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const baseten = createBaseten({ baseURL: process.env.BASETEN_BASE_URL });

const { answers, usage, providerMetadata } = await decide({
  model: baseten.decisionModel('decision-models/laya'),
  state:
    'I was charged twice for my March invoice. Please refund the duplicate charge today.',
  questions: {
    wantsRefund: {
      type: 'boolean', // Baseten's "noul": P(yes)
      instructions: 'Is the customer asking for a refund?',
    },
    team: {
      type: 'choice',
      instructions: 'Which team should handle this ticket?',
      criteria: {
        billing: 'charges, invoices, refunds',
        technical: 'bugs, outages, error messages',
        sales: 'plans, pricing, upgrades',
      },
    },
    urgency: {
      type: 'score',
      instructions: 'How urgent is this ticket?',
      criteria: ['can wait a week', 'this week', 'today'],
    },
  },
});

console.log(`refund requested: P(yes) = ${answers.wantsRefund.probability}`);
console.log(`team: ${answers.team.choice}`, answers.team.probabilities);
console.log(`urgency: ${answers.urgency.score.toFixed(2)} of 0–2`);
const baseten_ = providerMetadata?.baseten as
  | { requestId?: string; answers?: Record<string, { confidence?: number }> }
  | undefined;
console.log(
  `team confidence: ${baseten_?.answers?.team?.confidence}; request id: ${baseten_?.requestId}; input tokens: ${usage.inputTokens}`,
);
