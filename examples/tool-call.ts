// Tool calling: the model calls a tool, the AI SDK runs it, the model answers.
// Needs BASETEN_API_KEY; BASETEN_BASE_URL optionally overrides the Model APIs base URL.
import { generateText, stepCountIs, tool } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';
import { z } from 'zod';

const baseten = createBaseten({ baseURL: process.env.BASETEN_BASE_URL });

const result = await generateText({
  model: baseten('deepseek-ai/DeepSeek-V3.1'),
  prompt: 'What is the weather in Paris? Use the tool.',
  tools: {
    getWeather: tool({
      description: 'Current weather by city',
      inputSchema: z.object({ city: z.string() }),
      execute: async ({ city }) => ({ city, celsius: 21, sky: 'clear' }),
    }),
  },
  stopWhen: stepCountIs(3),
});

for (const step of result.steps) {
  for (const call of step.toolCalls)
    console.log(`tool call: ${call.toolName}(${JSON.stringify(call.input)})`);
}
console.log(result.text);
