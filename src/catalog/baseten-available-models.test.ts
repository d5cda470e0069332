import {
  APICallError,
  InvalidResponseDataError,
  LoadAPIKeyError,
} from '@ai-sdk/provider';
import { describe, expect, it, vi } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { json, useTestServer } from '../test/msw-server';
import { urlOf } from '../test/url-of';
import { VERSION } from '../version';
import modelAPIsListing from './__fixtures__/models-model-apis.json';
import aprilListing from './__fixtures__/models-april-2026-kimi-k2.5.json';
import openAIStyleListing from './__fixtures__/models-openai-style.json';

const MODELS = 'https://inference.baseten.co/v1/models';
const KEY = 'test-key.0123456789';

const server = useTestServer();

describe('getAvailableModels', () => {
  it('GETs ${baseURL}/models with the key, the headers and the user agent', async () => {
    server.onGet(MODELS, () => json(modelAPIsListing));
    const baseten = createBaseten({
      apiKey: KEY,
      headers: { 'x-team': 'search' },
    });

    await baseten.getAvailableModels();

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe('GET');
    expect(request.url).toBe(MODELS);
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers['x-team']).toBe('search');
    expect(request.headers['user-agent']).toContain(
      `ai-sdk-provider-baseten/${VERSION}`,
    );
  });

  it('maps each entry to id, name, limits, prices, capabilities and the raw entry', async () => {
    server.onGet(MODELS, () => json(modelAPIsListing));
    const baseten = createBaseten({ apiKey: KEY });

    const { models } = await baseten.getAvailableModels();

    expect(models.map(model => model.id)).toEqual([
      'openai/gpt-oss-120b',
      'zai-org/GLM-4.7',
      'moonshotai/Kimi-K2.6',
    ]);
    const [gptOss, glm, kimi] = models;
    expect(gptOss).toEqual({
      id: 'openai/gpt-oss-120b',
      name: 'GPT OSS 120B',
      description:
        "OpenAI's open-weight reasoning model with configurable reasoning effort.",
      contextLength: 128072,
      maxOutputTokens: 128072,
      pricing: { input: '0.0000001', output: '0.0000005' },
      capabilities: {
        language: {
          inputs: { image: false, audio: false },
          objectGeneration: true,
          tools: { usage: true, streaming: true },
          reasoning: { support: true, efforts: ['low', 'medium', 'high'] },
          sampling: { temperature: true, topP: false, logprobs: false },
        },
      },
      raw: modelAPIsListing.data[0],
    });
    expect(glm.capabilities.language).toMatchObject({
      reasoning: { support: false },
      sampling: { temperature: true, topP: true, logprobs: false },
    });
    expect(glm.capabilities.language?.reasoning).not.toHaveProperty('efforts');
    expect(kimi.capabilities.language).toMatchObject({
      inputs: { image: true, audio: false },
      reasoning: { support: true },
      sampling: { topP: false },
    });
    expect(kimi.pricing).toEqual({ input: '0.00000095', output: '0.000004' });
  });

  it("reads the April listing's `vision` feature, and no JSON features as none", async () => {
    server.onGet(MODELS, () => json(aprilListing));
    const baseten = createBaseten({ apiKey: KEY });

    const { models } = await baseten.getAvailableModels();

    expect(models[0].capabilities.language?.inputs.image).toBe(true);
    expect(models[1].capabilities.language).toMatchObject({
      objectGeneration: false,
      reasoning: { support: true },
      tools: { usage: true },
    });
  });

  it('works against a gateway baseURL; capabilities the listing omits are unknown', async () => {
    const gateway =
      'https://gateway.ai.cloudflare.com/v1/acct-1/gw-1/custom-baseten/v1';
    server.onGet(`${gateway}/models`, () => json(openAIStyleListing));
    const baseten = createBaseten({ apiKey: KEY, baseURL: `${gateway}/` });

    const { models } = await baseten.getAvailableModels();

    expect(server.requests[0].url).toBe(`${gateway}/models`);
    expect(models[0]).toEqual({
      id: 'openai/gpt-oss-120b',
      name: 'openai/gpt-oss-120b',
      description: undefined,
      contextLength: undefined,
      maxOutputTokens: undefined,
      pricing: undefined,
      capabilities: {
        language: {
          inputs: { image: 'unknown', audio: 'unknown' },
          objectGeneration: 'unknown',
          tools: { usage: 'unknown', streaming: 'unknown' },
          reasoning: { support: 'unknown' },
          sampling: {
            temperature: 'unknown',
            topP: 'unknown',
            logprobs: 'unknown',
          },
        },
      },
      raw: openAIStyleListing.data[0],
    });
    expect(models[1].contextLength).toBe(200000);
  });

  it('goes through a custom fetch', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(() =>
      Promise.resolve(json(modelAPIsListing)),
    );
    const baseten = createBaseten({ apiKey: KEY, fetch });

    const { models } = await baseten.getAvailableModels();

    expect(models).toHaveLength(3);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(urlOf(fetch.mock.calls[0][0])).toBe(MODELS);
    expect(server.requests).toHaveLength(0);
  });

  it('an empty listing is an empty list', async () => {
    server.onGet(MODELS, () => json({ data: [] }));
    const baseten = createBaseten({ apiKey: KEY });

    await expect(baseten.getAvailableModels()).resolves.toEqual({ models: [] });
  });

  it("rejects with the message of Baseten's error envelope, without the key", async () => {
    server.onGet(MODELS, () =>
      json({ error: 'please check the api-key you provided' }, 403),
    );
    const baseten = createBaseten({ apiKey: KEY });

    const error = await baseten
      .getAvailableModels()
      .catch((caught: unknown) => caught);

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: 'please check the api-key you provided',
      statusCode: 403,
      isRetryable: false,
      url: MODELS,
    });
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('marks a 500 retryable and keeps the nested envelope message', async () => {
    server.onGet(MODELS, () =>
      json(
        {
          error: {
            code: 500,
            message: 'Internal Server Error',
            type: 'Server Error',
          },
        },
        500,
      ),
    );
    const baseten = createBaseten({ apiKey: KEY });

    await expect(baseten.getAvailableModels()).rejects.toMatchObject({
      message: 'Internal Server Error',
      statusCode: 500,
      isRetryable: true,
    });
  });

  it('redacts the key should the server echo it', async () => {
    server.onGet(MODELS, () =>
      json({ error: `key ${KEY} is not allowed to list models` }, 403),
    );
    const baseten = createBaseten({ apiKey: KEY });

    const error = await baseten
      .getAvailableModels()
      .catch((caught: unknown) => caught);

    expect((error as Error).message).toBe(
      'key [redacted] is not allowed to list models',
    );
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it.each([
    ['without data', { object: 'list' }, 'data: '],
    [
      'with an entry without an id',
      { data: [{ object: 'model', name: 'GLM 4.7' }] },
      'data.0.id',
    ],
    [
      'with data that is not a list',
      { data: { id: 'zai-org/GLM-4.7' } },
      'data: ',
    ],
  ])(
    'a body %s is an InvalidResponseDataError naming the field',
    async (_, body, field) => {
      server.onGet(MODELS, () => json(body));
      const baseten = createBaseten({ apiKey: KEY });

      const error = await baseten
        .getAvailableModels()
        .catch((caught: unknown) => caught);

      expect(InvalidResponseDataError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(
        `${MODELS} did not answer with a model list`,
      );
      expect((error as Error).message).toContain(field);
    },
  );

  it('a body that is not JSON is an InvalidResponseDataError', async () => {
    server.onGet(
      MODELS,
      () =>
        new Response('<html><body>Sign in</body></html>', {
          headers: { 'content-type': 'text/html' },
        }),
    );
    const baseten = createBaseten({ apiKey: KEY });

    const error = await baseten
      .getAvailableModels()
      .catch((caught: unknown) => caught);

    expect(InvalidResponseDataError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ data: '<html><body>Sign in</body></html>' });
    expect((error as Error).message).toContain('the body is not JSON');
  });

  it('honours an abort signal', async () => {
    server.onGet(MODELS, () => json(modelAPIsListing));
    const baseten = createBaseten({ apiKey: KEY });
    const controller = new AbortController();
    controller.abort();

    const error = await baseten
      .getAvailableModels({ abortSignal: controller.signal })
      .catch((caught: unknown) => caught);

    expect((error as Error).name).toBe('AbortError');
    expect(server.requests).toHaveLength(0);
  });

  it('throws LoadAPIKeyError before any request without a key', async () => {
    vi.stubEnv('BASETEN_API_KEY', undefined);
    try {
      const baseten = createBaseten();
      await expect(baseten.getAvailableModels()).rejects.toSatisfy(
        (error: unknown) => LoadAPIKeyError.isInstance(error),
      );
      expect(server.requests).toHaveLength(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
