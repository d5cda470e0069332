// Stream text (and the reasoning trace) from a reasoning model on Model APIs.
// Needs BASETEN_API_KEY; BASETEN_BASE_URL optionally overrides the Model APIs base URL.
import { streamText } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const baseten = createBaseten({ baseURL: process.env.BASETEN_BASE_URL });

const result = streamText({
  model: baseten('openai/gpt-oss-120b'),
  prompt: 'Count from one to five.',
  providerOptions: { baseten: { reasoningEffort: 'low' } },
});

for await (const part of result.fullStream) {
  if (part.type === 'reasoning-start') process.stdout.write('reasoning: ');
  if (part.type === 'reasoning-end') process.stdout.write('\nanswer: ');
  if (part.type === 'reasoning-delta' || part.type === 'text-delta')
    process.stdout.write(part.text);
  if (part.type === 'error') throw part.error;
}
const usage = await result.usage;
console.log(`\ntokens in/out: ${usage.inputTokens}/${usage.outputTokens}`);
