import { APICallError } from '@ai-sdk/provider';
import { embed, rerank } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBaseten } from '../index';
import { startBasetenEmulator, type BasetenEmulator } from '../emulator';

// Faults on the native performance client's path (h2c), scripted through the
// emulator's fault queue since the client cannot send the fault header.
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

const native = () =>
  createBaseten({
    apiKey: 'native-key',
    modelURL: syncURL,
    performanceClient: true,
  });

describe('retries through the native client', () => {
  it('are bounded: a deployment answering 503 every time gets 5 requests from one embed with maxRetries: 2, not 15', async () => {
    emulator.faults.enqueue(
      { status: 503, message: 'replica not ready' },
      { path: '/v1/embeddings', times: 20 },
    );
    const error = await embed({
      model: native().embeddingModel(),
      value: 'hello',
      maxRetries: 2,
    }).catch((caught: unknown) => caught);
    // 5 attempts are the native client's own (0.0.10); the AI SDK adds none.
    expect(emulator.requests).toHaveLength(5);
    expect(emulator.requests.every(request => request.protocol === 'h2')).toBe(
      true,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message:
        "replica not ready (after the native performance client's own retries)",
      statusCode: 503,
      isRetryable: false,
    });
  }, 40_000);

  it('a 4xx is not retried by anyone, and keeps the server message as is', async () => {
    emulator.faults.enqueue(
      { status: 400, message: 'input too long' },
      { path: '/rerank', times: 5 },
    );
    const error = await rerank({
      model: native().rerankingModel(),
      query: 'q',
      documents: ['a'],
      maxRetries: 2,
    }).catch((caught: unknown) => caught);
    expect(emulator.requests).toHaveLength(1);
    expect(error).toMatchObject({
      message: 'input too long',
      statusCode: 400,
      isRetryable: false,
    });
  });
});

describe('abort through the native client', () => {
  it.each([
    [
      'embeddings',
      '/v1/embeddings',
      (signal: AbortSignal) =>
        embed({
          model: native().embeddingModel(),
          value: 'x',
          maxRetries: 0,
          abortSignal: signal,
        }),
    ],
    [
      'reranking',
      '/rerank',
      (signal: AbortSignal) =>
        rerank({
          model: native().rerankingModel(),
          query: 'q',
          documents: ['a'],
          maxRetries: 0,
          abortSignal: signal,
        }),
    ],
  ] as const)(
    '%s: abort rejects within 100 ms while the server hangs',
    async (_, path, call) => {
      emulator.faults.enqueue({ hang: true }, { path });
      const controller = new AbortController();
      const outcome = call(controller.signal).then(
        () => 'resolved',
        (caught: unknown) => caught,
      );
      await expect.poll(() => emulator.requests.length).toBe(1);
      expect(emulator.requests[0].protocol).toBe('h2');
      const abortedAt = performance.now();
      controller.abort();
      const error = await outcome;
      expect(performance.now() - abortedAt).toBeLessThan(100);
      expect((error as Error).name).toMatch(/Abort/);
    },
  );
});
