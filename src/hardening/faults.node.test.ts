import { APICallError } from '@ai-sdk/provider';
import { embed, generateText, rerank, streamText, transcribe } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBaseten } from '../index';
import {
  emulatorSpeechWAV,
  startBasetenEmulator,
  type BasetenEmulator,
} from '../emulator';

// Faults survived over real sockets, on the paths the emulator fault tests
// (src/emulator/provider-faults-on-emulator.node.test.ts) do not cover yet:
// embeddings and reranking over HTTP, what a broken chat stream now tells
// the user, and abort on every HTTP model kind (batch transcription included). Native-client faults are in
// native-faults.native.test.ts.
let emulator: BasetenEmulator;
let syncURL: string;
beforeAll(async () => {
  emulator = await startBasetenEmulator({
    embeddingDimensions: 8,
    hangTimeoutMs: 5_000,
  });
  syncURL = `${emulator.origin}/environments/production/sync`;
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const http = () =>
  createBaseten({
    apiKey: 'fault-key',
    modelURL: syncURL,
    performanceClient: false,
  });
const chat = () =>
  createBaseten({ apiKey: 'fault-key', baseURL: emulator.baseURL })(
    'zai-org/GLM-4.7',
  );

function gapMs(): number {
  const [first, second] = emulator.requests;
  return second.receivedAt - first.receivedAt;
}

const kinds = {
  embeddings: {
    path: '/v1/embeddings',
    call: (maxRetries?: number, abortSignal?: AbortSignal) =>
      embed({
        model: http().embeddingModel(),
        value: 'hello',
        maxRetries,
        abortSignal,
      }).then(result => result.embedding.length),
    expected: 8,
  },
  reranking: {
    path: '/rerank',
    call: (maxRetries?: number, abortSignal?: AbortSignal) =>
      rerank({
        model: http().rerankingModel(),
        query: 'cats',
        documents: ['cats', 'dogs'],
        maxRetries,
        abortSignal,
      }).then(result => result.ranking.length),
    expected: 2,
  },
  transcription: {
    path: '/predict',
    call: (maxRetries?: number, abortSignal?: AbortSignal) =>
      transcribe({
        model: createBaseten({
          apiKey: 'fault-key',
          modelURL: `${emulator.origin}/environments/production/predict`,
        }).transcription(),
        audio: emulatorSpeechWAV('hello there'),
        maxRetries,
        abortSignal,
      }).then(result => result.text),
    expected: 'hello there',
  },
};

describe.each(Object.entries(kinds))('%s over HTTP', (_, kind) => {
  it('a 429 with retry-after (seconds) is retried after that delay, not the 2 s default', async () => {
    emulator.faults.enqueue(
      { status: 429, retryAfterSeconds: 1 },
      { path: kind.path },
    );
    expect(await kind.call()).toBe(kind.expected);
    expect(emulator.requests).toHaveLength(2);
    expect(gapMs()).toBeGreaterThanOrEqual(990);
    expect(gapMs()).toBeLessThan(1900);
  });

  it('a 429 with retry-after-ms is retried after that many milliseconds', async () => {
    emulator.faults.enqueue(
      { status: 429, retryAfterMs: 200 },
      { path: kind.path },
    );
    expect(await kind.call()).toBe(kind.expected);
    expect(emulator.requests).toHaveLength(2);
    expect(gapMs()).toBeGreaterThanOrEqual(190);
    expect(gapMs()).toBeLessThan(1500);
  });

  it.each([500, 503])(
    'a %i is retried, and maxRetries bounds the attempts',
    async status => {
      emulator.faults.enqueue(
        { status, message: 'replica not ready', retryAfterMs: 10 },
        { path: kind.path },
      );
      expect(await kind.call()).toBe(kind.expected);
      expect(emulator.requests).toHaveLength(2);

      emulator.requests.length = 0;
      emulator.faults.enqueue(
        { status, message: 'replica not ready', retryAfterMs: 10 },
        { path: kind.path, times: 10 },
      );
      const error = await kind.call(2).catch((caught: unknown) => caught);
      expect(emulator.requests).toHaveLength(3);
      const last = (error as { lastError?: unknown }).lastError;
      expect(APICallError.isInstance(last) && last.statusCode === status).toBe(
        true,
      );
      // the emulator, like Baseten, sends a fresh X-Baseten-Request-Id with every answer
      const requestId = (last as APICallError).responseHeaders?.[
        'x-baseten-request-id'
      ];
      expect(requestId).toMatch(/^[0-9a-f]{32}$/);
      expect((last as APICallError).message).toBe(
        `replica not ready (request id ${requestId})`,
      );
    },
  );

  it('abort rejects within 100 ms while the server hangs', async () => {
    emulator.faults.enqueue({ hang: true }, { path: kind.path });
    const controller = new AbortController();
    const outcome = kind
      .call(0, controller.signal)
      .catch((caught: unknown) => caught);
    await expect.poll(() => emulator.requests.length).toBe(1);
    const abortedAt = performance.now();
    controller.abort();
    const error = await outcome;
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect((error as Error).name).toMatch(/Abort/);
  });
});

describe('chat over HTTP', () => {
  it('a connection reset mid-stream delivers the text so far, then rejects with a clear, retryable error', async () => {
    // Events: "Hello ", "from ", "the " (GLM 4.7 opens with text, no priming chunk).
    emulator.faults.enqueue({ dropAfterChunks: 3 });
    const errors: unknown[] = [];
    const result = streamText({
      model: chat(),
      prompt: 'Hi there',
      onError: ({ error }) => errors.push(error),
    });
    const received: string[] = [];
    const failure = await (async () => {
      for await (const part of result.fullStream)
        if (part.type === 'text-delta') received.push(part.text);
    })().catch((error: unknown) => error);

    expect(received.join('')).toBe('Hello from the ');
    expect(APICallError.isInstance(failure)).toBe(true);
    const error = failure as APICallError;
    expect(error.message).toMatch(
      /^The Baseten stream ended before it finished \(connection closed after 15 characters of text\): terminated/,
    );
    expect(error.isRetryable).toBe(true);
    expect(error.statusCode).toBe(200);
    await expect(result.text).rejects.toBe(failure);
  });

  it('a malformed chunk is an error part, and the step finishes with "error" instead of "stop"', async () => {
    // The second event ("from ") is the one malformed.
    emulator.faults.enqueue({ malformedChunkAt: 2 });
    const result = streamText({
      model: chat(),
      prompt: 'Hi there',
      onError: () => {},
    });
    const types: string[] = [];
    for await (const part of result.fullStream) types.push(part.type);
    expect(types.filter(type => type === 'error')).toHaveLength(1);
    expect(await result.finishReason).toBe('error');
    // the rest still arrives, minus the lost event
    expect(await result.text).toBe(
      'Hello the Baseten emulator ✨ You said: Hi there',
    );
  });

  it('abort rejects within 100 ms while the server hangs, for generateText and streamText', async () => {
    for (const mode of ['generate', 'stream'] as const) {
      emulator.requests.length = 0;
      emulator.faults.enqueue({ hang: true });
      const controller = new AbortController();
      const outcome =
        mode === 'generate'
          ? generateText({
              model: chat(),
              prompt: 'Hi',
              maxRetries: 0,
              abortSignal: controller.signal,
            }).catch((caught: unknown) => caught)
          : (async () => {
              const result = streamText({
                model: chat(),
                prompt: 'Hi',
                maxRetries: 0,
                abortSignal: controller.signal,
                onError: () => {},
              });
              for await (const part of result.fullStream)
                if (part.type === 'abort')
                  return new DOMException('aborted', 'AbortError');
              return result.text;
            })().catch((caught: unknown) => caught);
      await expect.poll(() => emulator.requests.length).toBe(1);
      const abortedAt = performance.now();
      controller.abort();
      const error = await outcome;
      expect(performance.now() - abortedAt, mode).toBeLessThan(100);
      expect((error as Error).name, mode).toMatch(/Abort/);
    }
  });
});
