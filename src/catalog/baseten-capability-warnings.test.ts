import { APICallError } from '@ai-sdk/provider';
import { generateText, jsonSchema, Output, streamText } from 'ai';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { stringContaining } from '../test/matchers';
import { json, sse, useTestServer } from '../test/msw-server';
import deepSeekJson from './__fixtures__/chat-deepseek-v3.1-json.json';
import gptOssAnswer from './__fixtures__/chat-gpt-oss.json';
import kimiAnswer from './__fixtures__/chat-kimi-vision.json';
import imageToTextOnly from './__fixtures__/image-to-text-only-400.json';
import kimiStream from './__fixtures__/stream-kimi-vision.chunks.txt?raw';

const CHAT = 'https://inference.baseten.co/v1/chat/completions';
const DEPLOYMENT =
  'https://model-abcd1234.api.baseten.co/environments/production/sync/v1';
const KEY = 'test-key.0123456789';
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]);
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
]);

const server = useTestServer();
const baseten = createBaseten({ apiKey: KEY });

// The warnings are asserted on results; the AI SDK need not also print them.
beforeAll(() => {
  globalThis.AI_SDK_LOG_WARNINGS = false;
});

const imagePrompt = [
  {
    role: 'user' as const,
    content: [
      { type: 'text' as const, text: 'What is in this picture?' },
      { type: 'file' as const, data: PNG, mediaType: 'image/png' },
    ],
  },
];

describe('capability warnings from the catalog snapshot', () => {
  it('warns about topK for a model without top_k and still sends top_k', async () => {
    server.onPost(CHAT, () => json(gptOssAnswer));

    const result = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Describe a bicycle.',
      topK: 40,
      temperature: 0.2,
    });

    expect(result.warnings).toEqual([
      {
        type: 'unsupported',
        feature: 'topK',
        details:
          "openai/gpt-oss-120b does not list top_k among its sampling parameters in Baseten's " +
          'model catalog (temperature, stop); it is sent as is, and Baseten may reject it.',
      },
    ]);
    expect(server.requests[0].body).toMatchObject({
      top_k: 40,
      temperature: 0.2,
    });
  });

  it('names providerOptions.baseten.topK when the option sets it', async () => {
    server.onPost(CHAT, () => json(kimiAnswer));

    const result = await generateText({
      model: baseten('moonshotai/Kimi-K2.6'),
      prompt: 'Hi',
      providerOptions: { baseten: { top_k: 20 } },
    });

    expect(result.warnings).toEqual([
      expect.objectContaining({ feature: 'providerOptions.baseten.top_k' }),
    ]);
    expect(server.requests[0].body).toMatchObject({ top_k: 20 });
  });

  it('warns about topP, seed and penalties the model does not list, once each', async () => {
    server.onPost(CHAT, () => json(kimiAnswer));

    const result = await generateText({
      model: baseten('moonshotai/Kimi-K2.6'),
      prompt: 'Hi',
      topP: 0.9,
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: 0.5,
      stopSequences: ['END'],
    });

    expect(
      result.warnings?.map(warning => 'feature' in warning && warning.feature),
    ).toEqual(['topP', 'presencePenalty', 'frequencyPenalty', 'seed']);
    expect(JSON.stringify(result.warnings)).toContain(
      'moonshotai/Kimi-K2.6 does not list top_p',
    );
    expect(server.requests[0].body).toMatchObject({
      top_p: 0.9,
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: 0.5,
      stop: ['END'],
    });
  });

  it('gives no warning for what the model lists', async () => {
    server.onPost(CHAT, () => json(kimiAnswer));

    const result = await generateText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Hi',
      temperature: 0.7,
      topP: 0.95,
      topK: 40,
      stopSequences: ['END'],
    });

    expect(result.warnings).toEqual([]);
  });

  it('warns about reasoningEffort for a model without reasoning_effort, sends it', async () => {
    server.onPost(CHAT, () => json(kimiAnswer));

    const result = await generateText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Hi',
      providerOptions: { baseten: { reasoningEffort: 'high' } },
    });

    expect(result.warnings).toEqual([
      {
        type: 'unsupported',
        feature: 'providerOptions.baseten.reasoningEffort',
        details:
          "zai-org/GLM-4.7 does not list reasoning_effort among its features in Baseten's model " +
          "catalog; reasoning_effort: 'high' is sent as is, and Baseten may reject or ignore it.",
      },
    ]);
    expect(server.requests[0].body).toMatchObject({ reasoning_effort: 'high' });
  });

  it("warns about the AI SDK's reasoning setting the same way", async () => {
    server.onPost(CHAT, () => json(kimiAnswer));

    const result = await generateText({
      model: baseten('deepseek-ai/DeepSeek-V4-Pro'),
      prompt: 'Hi',
      reasoning: 'low',
    });

    expect(result.warnings).toEqual([
      expect.objectContaining({
        feature: 'reasoning',
        details: stringContaining(
          'deepseek-ai/DeepSeek-V4-Pro does not list reasoning_effort',
        ),
      }),
    ]);
    expect(server.requests[0].body).toMatchObject({ reasoning_effort: 'low' });
  });

  it('accepts documented efforts for gpt-oss and warns about others', async () => {
    server.onPost(CHAT, () => json(gptOssAnswer));
    const model = baseten('openai/gpt-oss-120b');

    const high = await generateText({
      model,
      prompt: 'Hi',
      providerOptions: { baseten: { reasoningEffort: 'high' } },
    });
    const max = await generateText({
      model,
      prompt: 'Hi',
      providerOptions: { baseten: { reasoning_effort: 'max' } },
    });

    expect(high.warnings).toEqual([]);
    expect(max.warnings).toEqual([
      expect.objectContaining({
        feature: 'providerOptions.baseten.reasoning_effort',
        details:
          "Baseten documents reasoning_effort low, medium, high for openai/gpt-oss-120b; 'max' " +
          'is sent as is, and Baseten may reject it.',
      }),
    ]);
    expect(server.requests[1].body).toMatchObject({ reasoning_effort: 'max' });
  });

  it('warns about an image part for a text-only model, naming vision models', async () => {
    server.onPost(CHAT, () => json(gptOssAnswer));

    const result = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      messages: imagePrompt,
    });

    const warnings = result.warnings ?? [];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      type: 'unsupported',
      feature: 'image input',
    });
    const details = (warnings[0] as { details: string }).details;
    expect(details).toContain(
      "openai/gpt-oss-120b takes text input in Baseten's model catalog",
    );
    expect(details).toContain('moonshotai/Kimi-K2.6');
    expect(details).not.toContain('zai-org/GLM-4.7');
    const body = server.requests[0].body as {
      messages: { content: unknown }[];
    };
    expect(body.messages[0].content).toEqual([
      { type: 'text', text: 'What is in this picture?' },
      {
        type: 'image_url',
        image_url: { url: 'data:image/png;base64,iVBORw0KGgoAAAAN' },
      },
    ]);
  });

  it('warns about a PDF for a vision model (images only) but not about the image', async () => {
    server.onPost(CHAT, () => json(kimiAnswer));

    const result = await generateText({
      model: baseten('moonshotai/Kimi-K2.6'),
      messages: [
        {
          role: 'user',
          content: [
            ...imagePrompt[0].content,
            { type: 'file', data: PDF, mediaType: 'application/pdf' },
            {
              type: 'file',
              data: new TextEncoder().encode('notes'),
              mediaType: 'text/plain',
            },
          ],
        },
      ],
    });

    expect(result.warnings).toEqual([
      expect.objectContaining({
        feature: 'file input',
        details: stringContaining(
          'moonshotai/Kimi-K2.6 takes text and image input',
        ),
      }),
    ]);
  });

  it('warns about JSON output for a model without structured_outputs or json_mode', async () => {
    server.onPost(CHAT, () => json(deepSeekJson));
    const model = baseten('deepseek-ai/DeepSeek-V3.1');
    const schema = jsonSchema<{ answer: string }>({
      type: 'object',
      properties: { answer: { type: 'string' } },
      required: ['answer'],
    });

    const withSchema = await generateText({
      model,
      prompt: 'Hi',
      output: Output.object({ schema }),
    });
    const jsonMode = await generateText({
      model,
      prompt: 'Hi',
      output: Output.json(),
    });

    expect(withSchema.warnings).toEqual([
      expect.objectContaining({
        feature: 'responseFormat',
        details: stringContaining(
          'deepseek-ai/DeepSeek-V3.1 does not list structured_outputs',
        ),
      }),
    ]);
    expect(jsonMode.warnings).toEqual([
      expect.objectContaining({
        details: stringContaining('does not list json_mode'),
      }),
    ]);
    expect(server.requests[0].body).toMatchObject({
      response_format: { type: 'json_schema' },
    });
    expect(server.requests[1].body).toMatchObject({
      response_format: { type: 'json_object' },
    });
  });

  it('applies to slugs of the earlier listing too', async () => {
    server.onPost(CHAT, () => json(kimiAnswer));

    const result = await generateText({
      model: baseten('deepseek-ai/DeepSeek-V3.1'),
      prompt: 'Hi',
      topP: 0.5,
    });

    expect(result.warnings).toEqual([
      expect.objectContaining({ feature: 'topP' }),
    ]);
  });

  it('gives unknown slugs and dedicated deployments no capability warnings', async () => {
    server.onPost(CHAT, () => json(kimiAnswer));
    server.onPost(`${DEPLOYMENT}/chat/completions`, () => json(kimiAnswer));
    const dedicated = createBaseten({ apiKey: KEY, modelURL: DEPLOYMENT });
    const call = { prompt: 'Hi', topK: 40, topP: 0.5, seed: 1 } as const;

    const unknown = await generateText({
      model: baseten('acme/brand-new-model'),
      ...call,
    });
    const deployment = await generateText({
      model: dedicated('openai/gpt-oss-120b'),
      ...call,
    });
    const unnamed = await generateText({
      model: dedicated(),
      messages: imagePrompt,
    });

    expect(unknown.warnings).toEqual([]);
    expect(deployment.warnings).toEqual([]);
    expect(unnamed.warnings).toEqual([]);
    expect(server.requests.map(request => request.url)).toEqual([
      CHAT,
      `${DEPLOYMENT}/chat/completions`,
      `${DEPLOYMENT}/chat/completions`,
    ]);
  });

  it('adds the warnings to a stream', async () => {
    server.onPost(CHAT, () => sse(kimiStream));

    const result = streamText({
      model: baseten('moonshotai/Kimi-K2.6'),
      prompt: 'Hi',
      topK: 5,
    });

    expect(await result.text).toBe('A red bicycle.');
    expect(await result.warnings).toEqual([
      expect.objectContaining({ feature: 'topK' }),
    ]);
    expect(server.requests[0].body).toMatchObject({ stream: true, top_k: 5 });
  });

  it("puts the warnings into the message of Baseten's 400, which returns no result", async () => {
    server.onPost(CHAT, () => json(imageToTextOnly, 400));

    const error = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      messages: imagePrompt,
      maxRetries: 0,
    }).catch((caught: unknown) => caught);

    expect(APICallError.isInstance(error)).toBe(true);
    const { message, statusCode } = error as APICallError;
    expect(statusCode).toBe(400);
    expect(message).toContain('does not support image inputs');
    expect(message).toContain(
      '(possible cause: openai/gpt-oss-120b takes text input',
    );
  });

  it('leaves other errors as they are', async () => {
    server.onPost(CHAT, () =>
      json({ error: 'please check the api-key you provided' }, 403),
    );

    const error = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Hi',
      topK: 3,
      maxRetries: 0,
    }).catch((caught: unknown) => caught);

    expect((error as Error).message).toBe(
      'please check the api-key you provided',
    );
  });
});
