// Ask a reasoning model on Model APIs and read its reasoning apart from the answer.
// Needs BASETEN_API_KEY; BASETEN_BASE_URL optionally overrides the Model APIs base URL.
import { generateText } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const baseten = createBaseten({ baseURL: process.env.BASETEN_BASE_URL });

const { text, reasoningText, usage } = await generateText({
  model: baseten('openai/gpt-oss-120b'),
  prompt: 'What is 17 × 23?',
  providerOptions: { baseten: { reasoningEffort: 'high' } }, // sent as reasoning_effort
});

console.log(`reasoning: ${reasoningText ?? '(none returned)'}`);
console.log(`answer: ${text}`);
console.log(
  `tokens in/out: ${usage.inputTokens}/${usage.outputTokens} (reasoning: ${usage.outputTokenDetails?.reasoningTokens ?? 'n/a'})`,
);
