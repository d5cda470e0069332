import {
  APICallError,
  InvalidArgumentError,
  InvalidResponseDataError,
  LoadSettingError,
} from '@ai-sdk/provider';
import { embed, embedMany, rerank } from 'ai';
import type * as Anchor from 'baseten-anchor';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';

// @ai-sdk/baseten asks only `embed(input, model)` of a performanceClient. A
// class written to that contract (no batchPost) still serves embeddings here:
// one embed call per batch, each answer checked like a response body.
const ROOT = 'https://model-abcd1234.api.baseten.co/environments/production';
const KEY = 'fallback-key.0123456789';

type EmbedAnswer = Awaited<
  ReturnType<Anchor.BasetenPerformanceClient['embed']>
>;
type Respond = (
  input: string[],
  model: string,
  call: number,
) => EmbedAnswer | Promise<EmbedAnswer>;

/** `text-7` → [7, 0.5, 0.5, 0.5]. */
const vectorFor = (text: string, dimensions = 4) => {
  const vector = new Array<number>(dimensions).fill(0.5);
  vector[0] = Number(text.split('-')[1]);
  return vector;
};
const texts = (count: number) =>
  Array.from({ length: count }, (_, i) => `text-${i}`);
const floats: Respond = input => ({
  data: input.map(text => ({ embedding: vectorFor(text) })),
  usage: { total_tokens: input.length },
});

/** An embed-only client class, typed with @ai-sdk/baseten's own types, and what it saw. */
function embedOnlyClient(respond: Respond = floats) {
  const seen = {
    constructed: [] as Array<{ baseUrl: string; apiKey: string | undefined }>,
    calls: [] as Array<{ input: string[]; model: string; extra: number }>,
    inFlight: 0,
    maxInFlight: 0,
  };
  class EmbedOnlyClient implements Anchor.BasetenPerformanceClient {
    constructor(baseUrl: string, apiKey?: string) {
      seen.constructed.push({ baseUrl, apiKey });
    }
    async embed(
      input: string[],
      model: string,
      ...extra: unknown[]
    ): Promise<EmbedAnswer> {
      seen.calls.push({ input, model, extra: extra.length });
      seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
      try {
        await new Promise(resolve => setTimeout(resolve, 0)); // let the other workers start
        return await respond(input, model, seen.calls.length - 1);
      } finally {
        seen.inFlight--;
      }
    }
  }
  const constructor: Anchor.BasetenPerformanceClientConstructor =
    EmbedOnlyClient;
  return { constructor, seen };
}

const provider = (
  performanceClient: Anchor.BasetenPerformanceClientConstructor,
) =>
  createBaseten({
    apiKey: KEY,
    modelURL: `${ROOT}/sync/v1`,
    performanceClient,
  });

async function failure(run: () => Promise<unknown>): Promise<Error> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'no error was thrown').toBeInstanceOf(Error);
  return error as Error;
}

describe('a performanceClient with embed but no batchPost', () => {
  it('serves embedMany with one embed(input, model) per batch, in order, with usage', async () => {
    const { constructor, seen } = embedOnlyClient();
    const { embeddings, usage, providerMetadata } = await embedMany({
      model: provider(constructor).embeddingModel('bge-m3'),
      values: texts(300),
    });
    expect(embeddings).toHaveLength(300);
    expect(
      embeddings.every((vector, i) => vector[0] === i && vector.length === 4),
    ).toBe(true);
    expect(usage).toEqual({ tokens: 300 });
    expect(providerMetadata?.baseten).toEqual({
      transport: 'native',
      requests: 3,
    });
    expect(seen.constructed).toEqual([
      { baseUrl: `${ROOT}/sync`, apiKey: KEY },
    ]);
    expect(
      seen.calls.map(({ input, model, extra }) => [
        input.length,
        input[0],
        model,
        extra,
      ]),
    ).toEqual([
      [128, 'text-0', 'bge-m3', 0],
      [128, 'text-128', 'bge-m3', 0],
      [44, 'text-256', 'bge-m3', 0],
    ]);
  });

  it('serves embed with the default model ID', async () => {
    const { constructor, seen } = embedOnlyClient();
    const { embedding } = await embed({
      model: provider(constructor).embeddingModel(),
      value: 'text-5',
    });
    expect(embedding).toEqual([5, 0.5, 0.5, 0.5]);
    expect(seen.calls).toEqual([
      { input: ['text-5'], model: 'embeddings', extra: 0 },
    ]);
  });

  it('has at most maxConcurrentRequests embed calls in flight', async () => {
    const { constructor, seen } = embedOnlyClient();
    const { embeddings } = await embedMany({
      model: provider(constructor).embeddingModel(),
      values: texts(10),
      providerOptions: { baseten: { batchSize: 1, maxConcurrentRequests: 3 } },
    });
    expect(embeddings.map(vector => vector[0])).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(seen.calls).toHaveLength(10);
    expect(seen.maxInFlight).toBe(3);
  });

  it('a short answer is an error, never a short result', async () => {
    const { constructor } = embedOnlyClient(input =>
      floats(input.slice(1), '', 0),
    );
    const error = await failure(() =>
      embedMany({
        model: provider(constructor).embeddingModel(),
        values: texts(3),
        maxRetries: 0,
      }),
    );
    expect(InvalidResponseDataError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /returned 2 embeddings for the 3 inputs of embeddings request 1/,
    );
  });

  it('vectors whose length changes between batches are an error', async () => {
    const { constructor } = embedOnlyClient((input, _, call) => ({
      data: input.map(text => ({
        embedding: vectorFor(text, call === 0 ? 4 : 8),
      })),
    }));
    const error = await failure(() =>
      embedMany({
        model: provider(constructor).embeddingModel(),
        values: texts(4),
        maxRetries: 0,
        providerOptions: {
          baseten: { batchSize: 2, maxConcurrentRequests: 1 },
        },
      }),
    );
    expect(InvalidResponseDataError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /embeddings request 2 has 8 dimensions; expected 4/,
    );
  });

  it('an answer that is not an embeddings list is an error', async () => {
    const { constructor } = embedOnlyClient(() => [] as unknown as EmbedAnswer);
    const error = await failure(() =>
      embed({
        model: provider(constructor).embeddingModel(),
        value: 'text-0',
        maxRetries: 0,
      }),
    );
    expect(InvalidResponseDataError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/is not an embeddings list/);
  });

  it('a failed embed is an APICallError with its status, and no further batch is sent', async () => {
    const { constructor, seen } = embedOnlyClient(() => {
      throw new Error(
        'API request failed with status 413 Payload Too Large: {"error":"batch too large"}',
      );
    });
    const error = await failure(() =>
      embedMany({
        model: provider(constructor).embeddingModel(),
        values: texts(5),
        providerOptions: {
          baseten: { batchSize: 1, maxConcurrentRequests: 1 },
        },
      }),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(413);
    expect(error.message).toMatch(/batch too large/);
    expect(seen.calls).toHaveLength(1);
  });

  it('abort rejects the call and sends no further batch', async () => {
    const controller = new AbortController();
    const { constructor, seen } = embedOnlyClient(input => {
      controller.abort();
      return floats(input, '', 0);
    });
    const error = await failure(() =>
      embedMany({
        model: provider(constructor).embeddingModel(),
        values: texts(3),
        abortSignal: controller.signal,
        providerOptions: {
          baseten: { batchSize: 1, maxConcurrentRequests: 1 },
        },
      }),
    );
    expect(error.name).toBe('AbortError');
    // the first call's answer settles in microtasks; a worker that ignored the
    // abort would have made its next call before this macrotask runs
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(seen.calls).toHaveLength(1);
  });

  it.each([
    ['dimensions', { dimensions: 256 }, /^dimensions cannot be sent/],
    ['user', { user: 'u-1' }, /^user cannot be sent/],
    ['timeoutMs', { timeoutMs: 5000 }, /^timeoutMs cannot be sent/],
    [
      'dimensions',
      { dimensions: 256, user: 'u-1' },
      /^dimensions and user cannot be sent/,
    ],
  ])(
    '%s, which embed(input, model) cannot carry, fails before any call (%j)',
    async (argument, options, message) => {
      const { constructor, seen } = embedOnlyClient();
      const error = await failure(() =>
        embed({
          model: provider(constructor).embeddingModel(),
          value: 'text-0',
          maxRetries: 0,
          providerOptions: { baseten: options },
        }),
      );
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(
        /no batchPost method.*or set performanceClient: false\.$/,
      );
      expect(seen.calls).toEqual([]);
    },
  );

  it('reranking fails before any call: it needs batchPost', async () => {
    const { constructor, seen } = embedOnlyClient();
    const error = await failure(() =>
      rerank({
        model: provider(constructor).rerankingModel(),
        query: 'q',
        documents: ['a', 'b'],
        maxRetries: 0,
      }),
    );
    expect(LoadSettingError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'The performanceClient given has no batchPost method, which reranking needs (its embed method serves embeddings only). Use @basetenlabs/performance-client 0.0.10 or set performanceClient: false.',
    );
    expect(seen.calls).toEqual([]);
  });
});

describe('other performanceClient classes', () => {
  it('one with neither batchPost nor embed fails before any call, naming both', async () => {
    const Empty =
      class {} as unknown as Anchor.BasetenPerformanceClientConstructor;
    const error = await failure(() =>
      embed({
        model: provider(Empty).embeddingModel(),
        value: 'text-0',
        maxRetries: 0,
      }),
    );
    expect(LoadSettingError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'The performanceClient given has neither a batchPost nor an embed method. Use @basetenlabs/performance-client 0.0.10 or set performanceClient: false.',
    );
  });

  it('one with batchPost goes through batchPost, never embed', async () => {
    const used: string[] = [];
    class BothMethods {
      embed(): Promise<never> {
        used.push('embed');
        return Promise.reject(new Error('embed should not be called'));
      }
      batchPost(urlPath: string, payloads: unknown[]) {
        used.push(`batchPost ${urlPath}`);
        return Promise.resolve({
          data: payloads.map(payload =>
            floats((payload as { input: string[] }).input, '', 0),
          ),
        });
      }
    }
    const { embeddings } = await embedMany({
      model: createBaseten({
        apiKey: KEY,
        modelURL: `${ROOT}/sync`,
        performanceClient: BothMethods,
      }).embeddingModel(),
      values: texts(2),
      providerOptions: { baseten: { dimensions: 4 } },
    });
    expect(embeddings.map(vector => vector[0])).toEqual([0, 1]);
    expect(used).toEqual(['batchPost v1/embeddings']);
  });
});
