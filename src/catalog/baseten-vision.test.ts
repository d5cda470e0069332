import { generateText, streamText } from 'ai';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { json, sse, useTestServer } from '../test/msw-server';
import kimiAnswer from './__fixtures__/chat-kimi-vision.json';
import kimiStream from './__fixtures__/stream-kimi-vision.chunks.txt?raw';

const CHAT = 'https://inference.baseten.co/v1/chat/completions';
const DEPLOYMENT =
  'https://model-abcd1234.api.baseten.co/environments/production/sync/v1';
const KEY = 'test-key.0123456789';
const IMAGE_URL = 'https://images.example.com/bicycle.png?size=large';
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
]);
const PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgoAAAAN';

const server = useTestServer();
const baseten = createBaseten({ apiKey: KEY });

function describeImage(
  image: URL | Uint8Array | string,
  mediaType = 'image/png',
) {
  return [
    {
      role: 'user' as const,
      content: [
        { type: 'text' as const, text: 'What is in this picture?' },
        { type: 'file' as const, data: image, mediaType },
      ],
    },
  ];
}

/** Records downloads of IMAGE_URL (there should be none), so a regression stays offline. */
function watchImageDownloads(): string[] {
  const downloads: string[] = [];
  server.use(
    http.get('https://images.example.com/bicycle.png', ({ request }) => {
      downloads.push(request.url);
      return new HttpResponse(PNG, {
        headers: { 'content-type': 'image/png' },
      });
    }),
  );
  return downloads;
}

function sentContent(index = 0): unknown {
  const body = server.requests[index].body as {
    messages: { content: unknown }[];
  };
  return body.messages[0].content;
}

describe('vision', () => {
  it('passes an HTTPS image URL through as image_url for Baseten to fetch', async () => {
    server.onPost(CHAT, () => json(kimiAnswer));
    const downloads = watchImageDownloads();

    const result = await generateText({
      model: baseten('moonshotai/Kimi-K2.6'),
      messages: describeImage(new URL(IMAGE_URL)),
    });

    expect(result.text).toBe('A red bicycle leaning against a brick wall.');
    expect(result.warnings).toEqual([]);
    expect(downloads).toEqual([]);
    expect(sentContent()).toEqual([
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: IMAGE_URL } },
    ]);
  });

  it('sends image bytes and base64 strings as data URLs', async () => {
    server.onPost(CHAT, () => json(kimiAnswer));
    const model = baseten('moonshotai/Kimi-K2.6');

    await generateText({ model, messages: describeImage(PNG) });
    await generateText({ model, messages: describeImage('iVBORw0KGgoAAAAN') });

    for (const index of [0, 1]) {
      expect(sentContent(index)).toEqual([
        { type: 'text', text: 'What is in this picture?' },
        { type: 'image_url', image_url: { url: PNG_DATA_URL } },
      ]);
    }
  });

  it('downloads a plain-HTTP image URL (Baseten fetches HTTPS only) for a data URL', async () => {
    server.onPost(CHAT, () => json(kimiAnswer));
    const downloads: string[] = [];
    server.use(
      http.get('http://images.example.com/bicycle.png', ({ request }) => {
        downloads.push(request.url);
        return new HttpResponse(PNG, {
          headers: { 'content-type': 'image/png' },
        });
      }),
    );

    await generateText({
      model: baseten('moonshotai/Kimi-K2.6'),
      messages: describeImage(new URL('http://images.example.com/bicycle.png')),
    });

    expect(downloads).toEqual(['http://images.example.com/bicycle.png']);
    expect(sentContent()).toEqual([
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: PNG_DATA_URL } },
    ]);
  });

  it('streams an answer about an image', async () => {
    server.onPost(CHAT, () => sse(kimiStream));
    const downloads = watchImageDownloads();

    const result = streamText({
      model: baseten('moonshotai/Kimi-K2.6'),
      messages: describeImage(new URL(IMAGE_URL)),
    });

    expect(await result.text).toBe('A red bicycle.');
    expect(downloads).toEqual([]);
    expect(server.requests[0].body).toMatchObject({ stream: true });
    expect(sentContent()).toEqual([
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: IMAGE_URL } },
    ]);
  });

  it('passes image URLs through to a dedicated deployment too', async () => {
    server.onPost(`${DEPLOYMENT}/chat/completions`, () => json(kimiAnswer));
    const dedicated = createBaseten({ apiKey: KEY, modelURL: DEPLOYMENT });
    const downloads = watchImageDownloads();

    await generateText({
      model: dedicated(),
      messages: describeImage(new URL(IMAGE_URL)),
    });

    expect(downloads).toEqual([]);
    expect(sentContent()).toEqual([
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: IMAGE_URL } },
    ]);
  });
});
