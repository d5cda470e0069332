// Generate text with a Model APIs model.
// Needs BASETEN_API_KEY; BASETEN_BASE_URL optionally overrides the Model APIs base URL.
import { generateText } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const baseten = createBaseten({ baseURL: process.env.BASETEN_BASE_URL });

const { text, usage, finishReason } = await generateText({
  model: baseten('moonshotai/Kimi-K2-Instruct-0905'),
  prompt: 'Write one sentence about fast inference.',
});

console.log(text);
console.log(
  `finish: ${finishReason}; tokens in/out: ${usage.inputTokens}/${usage.outputTokens}`,
);
