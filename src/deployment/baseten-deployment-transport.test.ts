import {
  APICallError,
  LoadAPIKeyError,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { embedMany, rerank } from 'ai';
import { delay } from 'msw';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { stringContaining } from '../test/matchers';
import { json, useTestServer, type RecordedRequest } from '../test/msw-server';
import embeddingsTooLarge from '../embedding/__fixtures__/bei-batch-too-large.json';
import rerankTooLarge from '../reranking/__fixtures__/bei-rerank-batch-too-large.json';

// What every deployment model does the same way over HTTP, run for each of them.

const ROOT = 'https://model-abcd1234.api.baseten.co/environments/production';
const KEY = 'test-key.0123456789';

const server = useTestServer();

interface CallOptions {
  readonly count?: number;
  readonly providerOptions?: Record<string, unknown>;
  readonly maxRetries?: number;
  readonly abortSignal?: AbortSignal;
  /** `null` for no `apiKey` setting. */
  readonly apiKey?: string | null;
  /** The `modelURL` setting (default `${ROOT}/sync`). */
  readonly modelURL?: string;
}

interface Outcome {
  readonly numbers: number[];
  readonly warnings: readonly SharedV4Warning[];
}

interface DeploymentModelCase {
  readonly name: string;
  readonly url: string;
  /** A well-formed answer: input `item-N` carries the number N. */
  readonly reply: (request: RecordedRequest) => unknown;
  /** BEI's 413 answer to a batch over 128. */
  readonly tooLarge: unknown;
  /** An option of the other model, which this one warns about. */
  readonly unknownOption: string;
  /** Who ignores an unknown option, as the warning says. */
  readonly models: string;
  /** Calls the model with `count` inputs `item-0…`: each answer's number in result order. */
  readonly call: (options: CallOptions) => Promise<Outcome>;
  /** The numbers a well-formed answer to `count` inputs comes back as. */
  readonly expected: (count: number) => number[];
}

const items = (count: number) =>
  Array.from({ length: count }, (_, i) => `item-${i}`);
const numberOf = (text: string) => Number(text.split('-')[1]);

function provider(
  apiKey: string | null | undefined,
  modelURL = `${ROOT}/sync`,
) {
  return createBaseten({
    ...(apiKey !== null && { apiKey: apiKey ?? KEY }),
    modelURL,
    performanceClient: false,
  });
}

const embeddings: DeploymentModelCase = {
  name: 'embeddings',
  url: `${ROOT}/sync/v1/embeddings`,
  reply: request => ({
    object: 'list',
    data: (request.body as { input: string[] }).input.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: [numberOf(text), 0.5],
    })),
    usage: { prompt_tokens: 2, total_tokens: 2 },
  }),
  tooLarge: embeddingsTooLarge,
  unknownOption: 'truncate',
  models: 'Embedding models',
  call: async ({ count = 1, apiKey, modelURL, ...options }) => {
    const { embeddings: vectors, warnings } = await embedMany({
      model: provider(apiKey, modelURL).embeddingModel(),
      values: items(count),
      ...options,
      providerOptions: options.providerOptions && {
        baseten: options.providerOptions as never,
      },
    });
    return { numbers: vectors.map(vector => vector[0]), warnings };
  },
  expected: count => items(count).map(numberOf),
};

const reranking: DeploymentModelCase = {
  name: 'reranking',
  url: `${ROOT}/sync/rerank`,
  reply: request =>
    (request.body as { texts: string[] }).texts
      .map((text, index) => ({ index, score: numberOf(text), text: null }))
      .reverse(),
  tooLarge: rerankTooLarge,
  unknownOption: 'returnText',
  models: 'Reranking models',
  call: async ({ count = 1, apiKey, modelURL, ...options }) => {
    let warnings: readonly SharedV4Warning[] = [];
    const { ranking } = await rerank({
      model: provider(apiKey, modelURL).rerankingModel(),
      query: 'q',
      documents: items(count),
      ...options,
      providerOptions: options.providerOptions && {
        baseten: options.providerOptions as never,
      },
      // rerank's result has no warnings; its end event does
      onEnd: event => {
        warnings = event.warnings;
      },
    });
    return { numbers: ranking.map(entry => entry.originalIndex), warnings };
  },
  expected: count => items(count).map(numberOf).reverse(),
};

/** A handler that holds the request until the client gives up on it. */
async function hangUntilAborted(raw: Request): Promise<void> {
  await new Promise(resolve => raw.signal.addEventListener('abort', resolve));
}

describe.each([embeddings, reranking])('$name over HTTP: errors', model => {
  const failure = (options: CallOptions = {}) =>
    model.call(options).then(
      () => expect.unreachable('the call should fail'),
      (e: unknown) => e,
    );

  it('the deployment envelope (413) keeps its message and is not retried', async () => {
    server.onPost(model.url, () => json(model.tooLarge, 413));
    const error = (await failure()) as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'batch size 129 > maximum allowed batch size 128',
    );
    expect(error.statusCode).toBe(413);
    expect(error.url).toBe(model.url);
    expect(error.isRetryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it.each([429, 503])(
    'the Model APIs envelope with %i is retryable and retried',
    async status => {
      server.onPost(model.url, () =>
        json({ error: 'replica not ready' }, status),
      );
      const error = (await failure({ maxRetries: 1 })) as Error & {
        lastError?: APICallError;
      };
      const last = error.lastError ?? (error as APICallError);
      expect(APICallError.isInstance(last)).toBe(true);
      expect(last.message).toBe('replica not ready');
      expect(last.statusCode).toBe(status);
      expect(last.isRetryable).toBe(true);
      expect(server.requests).toHaveLength(2);
    },
  );

  it('a 400 with the string envelope is not retryable', async () => {
    server.onPost(model.url, () =>
      json({ error: 'texts must not be empty' }, 400),
    );
    const error = (await failure()) as APICallError;
    expect(error.message).toBe('texts must not be empty');
    expect(error.isRetryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('a plain-text error body becomes the message', async () => {
    server.onPost(
      model.url,
      () => new Response('upstream connect error', { status: 502 }),
    );
    const error = (await failure({ maxRetries: 0 })) as APICallError;
    expect(error.message).toBe('upstream connect error');
    expect(error.isRetryable).toBe(true);
  });

  it('one failed batch fails the call and stops the rest', async () => {
    server.onPost(model.url, async request => {
      const isThird = JSON.stringify(request.body).includes('"item-2"');
      if (isThird) return json({ error: 'bad input' }, 400);
      await delay(20);
      return json(model.reply(request));
    });
    const error = await failure({
      count: 40,
      providerOptions: { batchSize: 2, maxConcurrentRequests: 2 },
      maxRetries: 0,
    });
    expect((error as Error).message).toBe('bad input');
    expect(server.requests.length).toBeLessThan(20);
  });

  it('redacts the API key should a server echo it back', async () => {
    server.onPost(model.url, request =>
      json({ error: `invalid key ${request.headers.authorization}` }, 401),
    );
    const error = (await failure()) as APICallError;
    expect(error.message).toBe('invalid key Bearer [redacted]');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(
      KEY,
    );
  });

  it('timeoutMs turns a slow request into a retryable error naming the option', async () => {
    server.onPost(model.url, async (request, raw) => {
      await hangUntilAborted(raw);
      return json(model.reply(request));
    });
    const options = { maxRetries: 0, providerOptions: { timeoutMs: 50 } };
    const error = (await failure(options)) as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/within 50 ms \(the timeoutMs option\)/);
    expect(error.isRetryable).toBe(true);
  });

  it('abort rejects promptly while a request hangs', async () => {
    server.onPost(model.url, async (request, raw) => {
      await hangUntilAborted(raw);
      return json(model.reply(request));
    });
    const controller = new AbortController();
    const pending = failure({ count: 10, abortSignal: controller.signal });
    while (server.requests.length === 0) await delay(1);
    const abortedAt = performance.now();
    controller.abort();
    const error = await pending;
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect((error as Error).name).toBe('AbortError');
  });

  it('an already aborted signal sends nothing', async () => {
    server.onPost(model.url, request => json(model.reply(request)));
    const error = await failure({ abortSignal: AbortSignal.abort() });
    expect((error as Error).name).toBe('AbortError');
    expect(server.requests).toHaveLength(0);
  });

  it('an unknown option is a warning, not silently dropped', async () => {
    server.onPost(model.url, request => json(model.reply(request)));
    const { warnings } = await model.call({
      providerOptions: { [model.unknownOption]: true },
    });
    expect(warnings).toEqual([
      expect.objectContaining({
        type: 'unsupported',
        feature: `providerOptions.baseten.${model.unknownOption}`,
        details: stringContaining(
          `${model.models} do not use "${model.unknownOption}"`,
        ),
      }),
    ]);
    expect(server.requests[0].body).not.toHaveProperty(model.unknownOption);
  });

  it('no API key is a LoadAPIKeyError', async () => {
    const saved = process.env.BASETEN_API_KEY;
    delete process.env.BASETEN_API_KEY;
    try {
      const error = await failure({ apiKey: null });
      expect(LoadAPIKeyError.isInstance(error)).toBe(true);
      expect(server.requests).toHaveLength(0);
    } finally {
      if (saved !== undefined) process.env.BASETEN_API_KEY = saved;
    }
  });
});

describe.each([embeddings, reranking])('$name over HTTP: the URL', model => {
  it.each([
    ['/sync', `${ROOT}/sync`],
    ['/sync/v1', `${ROOT}/sync/v1`],
    ['/sync/', `${ROOT}/sync/`],
  ])(
    "a %s modelURL posts to the model's route under /sync",
    async (_form, modelURL) => {
      server.onPost(model.url, request => json(model.reply(request)));
      await model.call({ modelURL });
      expect(server.requests.map(request => request.url)).toEqual([model.url]);
    },
  );
});

describe.each([embeddings, reranking])(
  '$name over HTTP: batching and hedging',
  model => {
    it('honours batchSize and keeps at most maxConcurrentRequests in flight', async () => {
      let inFlight = 0;
      let peak = 0;
      server.onPost(model.url, async request => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await delay(5);
        inFlight--;
        return json(model.reply(request));
      });
      const { numbers } = await model.call({
        count: 50,
        providerOptions: { batchSize: 5, maxConcurrentRequests: 3 },
      });
      expect(numbers).toEqual(model.expected(50));
      expect(server.requests).toHaveLength(10);
      expect(peak).toBe(3);
    });

    it('races a duplicate after hedgeDelayMs and takes the first answer', async () => {
      let calls = 0;
      server.onPost(model.url, async (request, raw) => {
        calls++;
        if (calls === 1) await hangUntilAborted(raw);
        return json(model.reply(request));
      });
      const { numbers } = await model.call({
        count: 2,
        providerOptions: { hedgeDelayMs: 30 },
      });
      expect(numbers).toEqual(model.expected(2));
      expect(server.requests).toHaveLength(2);
    });
  },
);
