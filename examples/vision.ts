// Ask a vision model on Model APIs about an image.
// Needs BASETEN_API_KEY; BASETEN_BASE_URL optionally overrides the Model APIs base URL.
import { readFile } from 'node:fs/promises';
import { generateText } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const baseten = createBaseten({ baseURL: process.env.BASETEN_BASE_URL });

// Bytes are sent as a data URL; an HTTPS URL (new URL('https://…')) is passed
// through for Baseten to fetch.
const image = await readFile(
  new URL('./assets/red-circle.png', import.meta.url),
);

const { text, warnings } = await generateText({
  model: baseten('moonshotai/Kimi-K2.6'),
  messages: [
    {
      role: 'user',
      content: [
        {
          type: 'text',
          text: 'What shape and colour do you see? Answer in one sentence.',
        },
        { type: 'file', data: image, mediaType: 'image/png' },
      ],
    },
  ],
});

console.log(text);
// A text-only model would have warned here that it takes no images.
console.log(`warnings: ${warnings?.length ?? 0}`);
