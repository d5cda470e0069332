// Structured output: a typed object validated against a zod schema
// (sent as a strict json_schema response format).
// Needs BASETEN_API_KEY; BASETEN_BASE_URL optionally overrides the Model APIs base URL.
import { generateText, Output } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';
import { z } from 'zod';

const baseten = createBaseten({ baseURL: process.env.BASETEN_BASE_URL });

const { output } = await generateText({
  model: baseten('zai-org/GLM-4.7'),
  prompt: 'Invent a contact card for a software engineer.',
  output: Output.object({
    schema: z.object({
      name: z.string(),
      email: z.email(),
      languages: z.array(z.string()).min(1),
    }),
  }),
});

console.log(output);
