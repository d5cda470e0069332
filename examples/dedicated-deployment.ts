// Chat with a dedicated deployment (a vLLM, SGLang or TensorRT-LLM model you deployed).
// Needs BASETEN_API_KEY and BASETEN_MODEL_URL, e.g.
// https://model-abcd1234.api.baseten.co/environments/production/sync/v1
import { streamText } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const modelURL = process.env.BASETEN_MODEL_URL;
if (!modelURL) {
  console.error(
    'Set BASETEN_MODEL_URL to your deployment URL ending in /sync/v1.',
  );
  process.exit(1);
}

const deployment = createBaseten({ modelURL });

const result = streamText({
  model: deployment(),
  prompt: 'Say hello from a dedicated deployment.',
});
for await (const delta of result.textStream) process.stdout.write(delta);
const usage = await result.usage;
console.log(`\ntokens in/out: ${usage.inputTokens}/${usage.outputTokens}`);
