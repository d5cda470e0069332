import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { json, sse, useTestServer } from '../test/msw-server';
import generateTextBody from './__fixtures__/generate-text.json';
import textStream from './__fixtures__/text-model-apis.chunks.txt?raw';

// Unknown keys under providerOptions.baseten are still sent (Baseten's engines
// take many fields), but a key that is neither typed nor a known engine field
// gets an `other` warning, with the typed option it most likely meant.
const MODEL_APIS = 'https://inference.baseten.co/v1/chat/completions';
const server = useTestServer();
const baseten = createBaseten({ apiKey: 'options-key-0123456789' });

describe('unknown chat provider options', () => {
  it('warn (naming the likely option), and are sent as they are; known engine fields pass quietly', async () => {
    server.onPost(MODEL_APIS, () => json(generateTextBody));
    const result = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Hi',
      providerOptions: {
        baseten: {
          topk: 5,
          documents: [{ title: 'a', text: 'b' }],
          guided_regex: '[a-z]+',
          customField: 'x',
        },
      },
    });
    expect(result.warnings).toEqual([
      {
        type: 'other',
        message:
          'providerOptions.baseten.topk is not a known Baseten chat option; it is sent in the request body as is. Did you mean topK?',
      },
      {
        type: 'other',
        message:
          'providerOptions.baseten.customField is not a known Baseten chat option; it is sent in the request body as is.',
      },
    ]);
    expect(server.requests[0].body).toMatchObject({
      topk: 5,
      documents: [{ title: 'a', text: 'b' }],
      guided_regex: '[a-z]+',
      customField: 'x',
    });
  });

  it('warn in streams too (on stream-start)', async () => {
    server.onPost(MODEL_APIS, () => sse(textStream));
    const result = streamText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Hi',
      providerOptions: { baseten: { repetiton_penalty: 1.1 } },
    });
    await result.consumeStream();
    expect(await result.warnings).toEqual([
      {
        type: 'other',
        message:
          'providerOptions.baseten.repetiton_penalty is not a known Baseten chat option; it is sent in the request body as is. Did you mean repetition_penalty?',
      },
    ]);
  });
});

describe('reasoningEffort: null', () => {
  it.each(['reasoningEffort', 'reasoning_effort'])(
    '%s: null is accepted and sent as reasoning_effort: null, without a warning',
    async option => {
      server.onPost(MODEL_APIS, () => json(generateTextBody));
      const result = await generateText({
        model: baseten('openai/gpt-oss-120b'),
        prompt: 'Hi',
        providerOptions: { baseten: { [option]: null } },
      });
      expect(result.warnings).toEqual([]);
      const body = server.requests[0].body as Record<string, unknown>;
      expect(body.reasoning_effort).toBeNull();
      expect(body).not.toHaveProperty('reasoningEffort');
    },
  );
});
