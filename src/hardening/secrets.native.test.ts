import { APICallError, LoadAPIKeyError } from '@ai-sdk/provider';
import { embed, embedMany, generateText, rerank, streamText } from 'ai';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { createBaseten, type BasetenProviderSettings } from '../index';
import { startBasetenEmulator, type BasetenEmulator } from '../emulator';
import type { PerformanceClientConstructor } from '../transport/baseten-native-client';
import { loadPerformanceClient } from '../transport/baseten-native-client';
import { captureLogCalls, dump, streamOutcome } from '../test/secret-canary';

// A canary key driven through every error path: it must never come back out,
// in a thrown error (message, stack, cause chain, request body, response body
// and headers, data), a stream part, a warning, provider metadata or a log.
const CANARY = 'sk-canary-5be1f0c9a7d3';
const OPENAI_CANARY = 'sk-openai-canary-93e2a1';

let emulator: BasetenEmulator;
let syncURL: string;
beforeAll(async () => {
  emulator = await startBasetenEmulator({
    embeddingDimensions: 8,
    hangTimeoutMs: 2_000,
  });
  syncURL = `${emulator.origin}/environments/production/sync`;
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const loggedCalls = captureLogCalls();

/** Records what a call left behind, for one assertion at the end. */
const outcomes: Array<{ path: string; text: string }> = [];
function check(path: string, ...values: unknown[]) {
  const text = values.map(value => dump(value)).join('\n');
  outcomes.push({ path, text });
  expect(text, path).not.toContain(CANARY);
}

const settings = (
  extra: BasetenProviderSettings = {},
): BasetenProviderSettings => ({ apiKey: CANARY, ...extra });
const modelAPIs = (extra?: BasetenProviderSettings) =>
  createBaseten(settings({ baseURL: emulator.baseURL, ...extra }));
const deployment = (
  performanceClient: boolean,
  extra?: BasetenProviderSettings,
) =>
  createBaseten(settings({ modelURL: syncURL, performanceClient, ...extra }));
const echo = { message: `Invalid API key: Bearer ${CANARY}` };

/** streamText's parts, failure and settled results. */
function outcomeOf(result: ReturnType<typeof streamText>) {
  return streamOutcome(result.fullStream, [
    result.text,
    result.finishReason,
    result.providerMetadata,
    result.warnings,
  ]);
}

describe('the API key never comes back out', () => {
  it.each([401, 500])(
    'chat: generateText and streamText, HTTP %i with the key echoed (retries included)',
    async status => {
      for (const kind of ['Model APIs', 'deployment'] as const) {
        const model =
          kind === 'Model APIs'
            ? modelAPIs()('zai-org/GLM-4.7')
            : createBaseten(settings({ modelURL: emulator.modelURL }))();
        emulator.faults.enqueue(
          { status, ...echo, retryAfterMs: 1 },
          { times: 4 },
        );
        const generated = await generateText({
          model,
          prompt: 'Hi',
          maxRetries: 1,
        }).catch((error: unknown) => error);
        check(`chat generate ${kind} ${status}`, generated);
        expect(dump(generated)).toContain('[redacted]');
        const streamed = await outcomeOf(
          streamText({ model, prompt: 'Hi', maxRetries: 1, onError: () => {} }),
        );
        check(`chat stream ${kind} ${status}`, streamed);
      }
    },
  );

  it('chat: a connection dropped mid-stream, a malformed chunk, an abort, and success (metadata, warnings)', async () => {
    const model = modelAPIs()('zai-org/GLM-4.7');
    emulator.faults.enqueue({ dropAfterChunks: 3 });
    check(
      'chat stream dropped',
      await outcomeOf(streamText({ model, prompt: 'Hi', onError: () => {} })),
    );
    emulator.faults.enqueue({ malformedChunkAt: 2 });
    check(
      'chat stream malformed chunk',
      await outcomeOf(streamText({ model, prompt: 'Hi', onError: () => {} })),
    );
    emulator.faults.enqueue({ hang: true });
    const controller = new AbortController();
    const aborted = generateText({
      model,
      prompt: 'Hi',
      abortSignal: controller.signal,
    }).catch((error: unknown) => error);
    await expect.poll(() => emulator.requests.length).toBe(3);
    controller.abort();
    check('chat generate aborted', await aborted);
    const ok = await generateText({
      model,
      prompt: 'Hi',
      providerOptions: { baseten: { topK: 3 } },
      // a setting the model ignores, so a warning is produced and logged
      presencePenalty: 0.1,
      seed: 1,
    });
    check(
      'chat success: warnings, metadata, request and response',
      ok.warnings,
      ok.providerMetadata,
      ok.request,
      ok.response,
    );
    check(
      'chat bad provider option',
      await generateText({
        model,
        prompt: 'Hi',
        providerOptions: { baseten: { topK: 'x' } },
      }).catch((e: unknown) => e),
    );
  });

  it.each([false, true])(
    'embeddings and reranking (native client: %s): echoed 401, 400, timeouts, aborts, warnings and metadata',
    async performanceClient => {
      const label = performanceClient ? 'native' : 'HTTP';
      for (const status of [401, 400]) {
        emulator.faults.enqueue(
          { status, ...echo },
          { path: '/v1/embeddings' },
        );
        check(
          `embed ${label} ${status}`,
          await embed({
            model: deployment(performanceClient).embeddingModel(),
            value: 'x',
            maxRetries: 0,
          }).catch((e: unknown) => e),
        );
        emulator.faults.enqueue({ status, ...echo }, { path: '/rerank' });
        check(
          `rerank ${label} ${status}`,
          await rerank({
            model: deployment(performanceClient).rerankingModel(),
            query: 'q',
            documents: ['a'],
            maxRetries: 0,
          }).catch((e: unknown) => e),
        );
      }
      if (!performanceClient) {
        // 5xx over HTTP is retried by the AI SDK: a RetryError holding every attempt
        emulator.faults.enqueue(
          { status: 503, ...echo, retryAfterMs: 1 },
          { path: '/v1/embeddings', times: 2 },
        );
        check(
          'embed HTTP 503 RetryError',
          await embed({
            model: deployment(false).embeddingModel(),
            value: 'x',
            maxRetries: 1,
          }).catch((e: unknown) => e),
        );
        emulator.faults.enqueue({ hang: true }, { path: '/v1/embeddings' });
        check(
          'embed HTTP timeoutMs',
          await embed({
            model: deployment(false).embeddingModel(),
            value: 'x',
            maxRetries: 0,
            providerOptions: { baseten: { timeoutMs: 50 } },
          }).catch((e: unknown) => e),
        );
        emulator.faults.enqueue({ dropAfterChunks: 1 }, { path: '/rerank' });
        check(
          'rerank HTTP connection dropped',
          await rerank({
            model: deployment(false).rerankingModel(),
            query: 'q',
            documents: ['a'],
            maxRetries: 0,
          }).catch((e: unknown) => e),
        );
      }
      emulator.faults.enqueue({ hang: true }, { path: '/rerank' });
      const controller = new AbortController();
      const aborted = rerank({
        model: deployment(performanceClient).rerankingModel(),
        query: 'q',
        documents: ['a'],
        maxRetries: 0,
        abortSignal: controller.signal,
      }).catch((e: unknown) => e);
      await expect
        .poll(() =>
          emulator.requests.some(request => request.fault?.hang === true),
        )
        .toBe(true);
      controller.abort();
      check(`rerank ${label} aborted`, await aborted);

      const embedded = await embedMany({
        model: deployment(performanceClient).embeddingModel(),
        values: ['a', 'b'],
        providerOptions: { baseten: { notAnOption: 1 } },
      });
      expect(embedded.warnings.length).toBeGreaterThan(0);
      check(
        `embed ${label} success: warnings, metadata, response`,
        embedded.warnings,
        embedded.providerMetadata,
        embedded.responses,
      );
      const ranked = await rerank({
        model: deployment(performanceClient).rerankingModel(),
        query: 'q',
        documents: [{ a: 1 }],
      });
      check(
        `rerank ${label} success: warnings, metadata, response`,
        ranked.providerMetadata,
        ranked.response,
      );
      check(
        `embed ${label} bad option`,
        await embed({
          model: deployment(performanceClient).embeddingModel(),
          value: 'x',
          providerOptions: { baseten: { batchSize: 0 } },
        }).catch((e: unknown) => e),
      );
    },
  );

  it('embeddings and reranking through the native client: a 503 echoing the key through all its retries, and retried into success', async () => {
    // An emulator of its own: an earlier test's aborted native call goes on
    // retrying in the background and would take faults queued on the shared one.
    const own = await startBasetenEmulator({ embeddingDimensions: 8 });
    try {
      const model = () =>
        createBaseten(
          settings({
            modelURL: `${own.origin}/environments/production/sync`,
            performanceClient: true,
          }),
        );
      // Both calls wait out the client's own backoff (about 11 s) side by side.
      own.faults.enqueue(
        { status: 503, ...echo },
        { path: '/v1/embeddings', times: 5 },
      );
      own.faults.enqueue(
        { status: 503, ...echo },
        { path: '/rerank', times: 5 },
      );
      const failures = await Promise.all([
        embed({
          model: model().embeddingModel(),
          value: 'x',
          maxRetries: 2,
        }).catch((e: unknown) => e),
        rerank({
          model: model().rerankingModel(),
          query: 'q',
          documents: ['a'],
          maxRetries: 2,
        }).catch((e: unknown) => e),
      ]);
      // every attempt was the native client's, and every answer carried the key
      expect(own.requests).toHaveLength(10);
      expect(
        own.requests.every(
          request => request.protocol === 'h2' && request.fault?.status === 503,
        ),
      ).toBe(true);
      for (const [name, failure] of [
        ['embed', failures[0]],
        ['rerank', failures[1]],
      ] as const) {
        expect(APICallError.isInstance(failure), name).toBe(true);
        const error = failure as APICallError;
        expect(error, name).toMatchObject({
          message:
            "Invalid API key: Bearer [redacted] (after the native performance client's own retries)",
          statusCode: 503,
          isRetryable: false,
        });
        for (const field of [
          error.message,
          error.cause,
          error.requestBodyValues,
          error.responseBody,
          error.data,
        ]) {
          expect(dump(field), name).not.toContain(CANARY);
        }
        expect(dump(error.cause), name).toContain('[redacted]');
        check(`${name} native 503 after the client's retries`, error);
      }

      own.requests.length = 0;
      own.faults.enqueue(
        { status: 503, ...echo },
        { path: '/v1/embeddings', times: 2 },
      );
      own.faults.enqueue(
        { status: 503, ...echo },
        { path: '/rerank', times: 2 },
      );
      let rerankWarnings: unknown[] = [];
      const [embedded, ranked] = await Promise.all([
        embed({
          model: model().embeddingModel(),
          value: 'x',
          providerOptions: { baseten: { notAnOption: 1 } },
        }),
        rerank({
          model: model().rerankingModel(),
          query: 'q',
          documents: [{ a: 1 }],
          onEnd: event => {
            rerankWarnings = event.warnings;
          },
        }),
      ]);
      expect(
        own.requests.map(request => request.fault?.status ?? 200).sort(),
      ).toEqual([200, 200, 503, 503, 503, 503]);
      expect([
        embedded.providerMetadata?.baseten?.transport,
        ranked.providerMetadata?.baseten?.transport,
      ]).toEqual(['native', 'native']);
      expect(embedded.warnings.length).toBeGreaterThan(0);
      expect(rerankWarnings.length).toBeGreaterThan(0);
      check(
        'embed native retried into success: warnings, metadata, response',
        embedded.warnings,
        embedded.providerMetadata,
        embedded.response,
      );
      check(
        'rerank native retried into success: warnings, metadata, response',
        rerankWarnings,
        ranked.providerMetadata,
        ranked.response,
      );
    } finally {
      await own.close();
    }
  }, 60_000);

  it('a key echoed in response headers and a plain-text body (custom fetch) is redacted too', async () => {
    const fetch = () =>
      Promise.resolve(
        new Response(`upstream rejected ${CANARY}`, {
          status: 502,
          headers: { 'x-echo': `Bearer ${CANARY}` },
        }),
      );
    check(
      'chat custom fetch',
      await generateText({
        model: createBaseten(settings({ baseURL: emulator.baseURL, fetch }))(
          'm',
        ),
        prompt: 'Hi',
        maxRetries: 0,
      }).catch((e: unknown) => e),
    );
    check(
      'embed custom fetch',
      await embed({
        model: createBaseten(
          settings({ modelURL: syncURL, fetch }),
        ).embeddingModel(),
        value: 'x',
        maxRetries: 0,
      }).catch((e: unknown) => e),
    );
    check(
      'rerank custom fetch',
      await rerank({
        model: createBaseten(
          settings({ modelURL: syncURL, fetch }),
        ).rerankingModel(),
        query: 'q',
        documents: ['a'],
        maxRetries: 0,
      }).catch((e: unknown) => e),
    );
  });

  afterAll(() => {
    // Everything the console received during the calls above.
    const text = loggedCalls
      .map(args => args.map(arg => dump(arg)).join(' '))
      .join('\n');
    expect(text).toMatch(/AI SDK Warning/); // the warnings were logged, and seen here
    expect(text).not.toContain(CANARY);
    console.log(
      `secret paths checked: ${outcomes.length} outcomes, plus ${loggedCalls.length} log lines (console and process warnings)`,
    );
  });
});

describe('with BASETEN_API_KEY unset and OPENAI_API_KEY set', () => {
  beforeEach(() => {
    vi.stubEnv('BASETEN_API_KEY', undefined);
    vi.stubEnv('OPENAI_API_KEY', OPENAI_CANARY);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('every model kind and transport fails with LoadAPIKeyError and sends nothing', async () => {
    const constructed: unknown[][] = [];
    const Real = await loadPerformanceClient();
    const Spy = function (this: unknown, ...args: unknown[]) {
      constructed.push(args);
      return new (Real as unknown as new (...a: unknown[]) => object)(...args);
    } as unknown as PerformanceClientConstructor;

    const calls: Array<[string, () => Promise<unknown>]> = [
      [
        'chat generate',
        () =>
          generateText({
            model: createBaseten({ baseURL: emulator.baseURL })(
              'zai-org/GLM-4.7',
            ),
            prompt: 'Hi',
          }),
      ],
      [
        'chat stream',
        async () => {
          let error: unknown;
          const result = streamText({
            model: createBaseten({ modelURL: emulator.modelURL })(),
            prompt: 'Hi',
            onError: ({ error: e }) => (error = e),
          });
          await result.consumeStream();
          throw error;
        },
      ],
      [
        'embed HTTP',
        () =>
          embed({
            model: createBaseten({
              modelURL: syncURL,
              performanceClient: false,
            }).embeddingModel(),
            value: 'x',
          }),
      ],
      [
        'embed native',
        () =>
          embed({
            model: createBaseten({
              modelURL: syncURL,
              performanceClient: true,
            }).embeddingModel(),
            value: 'x',
          }),
      ],
      [
        'embed native (class)',
        () =>
          embed({
            model: createBaseten({
              modelURL: syncURL,
              performanceClient: Spy,
            }).embeddingModel(),
            value: 'x',
          }),
      ],
      [
        'rerank HTTP',
        () =>
          rerank({
            model: createBaseten({
              modelURL: syncURL,
              performanceClient: false,
            }).rerankingModel(),
            query: 'q',
            documents: ['a'],
          }),
      ],
      [
        'rerank native (class)',
        () =>
          rerank({
            model: createBaseten({
              modelURL: syncURL,
              performanceClient: Spy,
            }).rerankingModel(),
            query: 'q',
            documents: ['a'],
          }),
      ],
    ];
    for (const [name, call] of calls) {
      const error = await call().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(LoadAPIKeyError.isInstance(error), name).toBe(true);
      expect((error as Error).message, name).toMatch(/BASETEN_API_KEY/);
      expect(dump(error), name).not.toContain(OPENAI_CANARY);
    }
    expect(constructed).toEqual([]);
    expect(emulator.requests).toEqual([]);
  });

  it('rerank and embed with performanceClient: true and the key given explicitly send only that key', async () => {
    const ranked = await rerank({
      model: createBaseten({
        apiKey: 'explicit-key',
        modelURL: syncURL,
        performanceClient: true,
      }).rerankingModel(),
      query: 'q',
      documents: ['a', 'b'],
    });
    const embedded = await embed({
      model: createBaseten({
        apiKey: 'explicit-key',
        modelURL: syncURL,
        performanceClient: true,
      }).embeddingModel(),
      value: 'x',
    });
    expect([
      ranked.providerMetadata?.baseten?.transport,
      embedded.providerMetadata?.baseten?.transport,
    ]).toEqual(['native', 'native']);
    expect(
      emulator.requests.map(request => [
        request.path,
        request.protocol,
        request.headers.authorization,
      ]),
    ).toEqual([
      ['/environments/production/sync/rerank', 'h2', 'Bearer explicit-key'],
      [
        '/environments/production/sync/v1/embeddings',
        'h2',
        'Bearer explicit-key',
      ],
    ]);
    expect(JSON.stringify(emulator.requests)).not.toContain(OPENAI_CANARY);
  });

  it('with a key set, the native client is built with that key explicitly and the OpenAI key is never sent', async () => {
    const constructed: unknown[][] = [];
    const Real = await loadPerformanceClient();
    const Spy = function (this: unknown, ...args: unknown[]) {
      constructed.push(args);
      return new (Real as unknown as new (...a: unknown[]) => object)(...args);
    } as unknown as PerformanceClientConstructor;
    await embed({
      model: createBaseten({
        apiKey: 'explicit-key',
        modelURL: syncURL,
        performanceClient: Spy,
      }).embeddingModel(),
      value: 'x',
    });
    vi.stubEnv('BASETEN_API_KEY', 'env-baseten-key');
    await rerank({
      model: createBaseten({
        modelURL: syncURL,
        performanceClient: Spy,
      }).rerankingModel(),
      query: 'q',
      documents: ['a'],
    });
    await generateText({
      model: createBaseten({ baseURL: emulator.baseURL })('zai-org/GLM-4.7'),
      prompt: 'Hi',
    });
    expect(constructed.map(args => args[1])).toEqual([
      'explicit-key',
      'env-baseten-key',
    ]);
    expect(
      emulator.requests.map(request => request.headers.authorization),
    ).toEqual([
      'Bearer explicit-key',
      'Bearer env-baseten-key',
      'Bearer env-baseten-key',
    ]);
    expect(JSON.stringify(emulator.requests)).not.toContain(OPENAI_CANARY);
  });
});
