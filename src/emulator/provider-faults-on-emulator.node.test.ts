import { APICallError } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBaseten } from '../index';
import { startBasetenEmulator, type BasetenEmulator } from './index';

// Fault cases through the provider and ai@7. Retry delays are measured from
// the arrival times the emulator records, not from sleeps in the test.
let emulator: BasetenEmulator;
let baseten: ReturnType<typeof createBaseten>;
beforeAll(async () => {
  emulator = await startBasetenEmulator();
  baseten = createBaseten({
    apiKey: 'emulator-key',
    baseURL: emulator.baseURL,
  });
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const model = () => baseten('zai-org/GLM-4.7');

function gapMs(): number {
  const [first, second] = emulator.requests;
  return second.receivedAt - first.receivedAt;
}

type Part = { type: string; [key: string]: unknown };

describe('retries', () => {
  it('a 429 with retry-after (seconds) is retried after the advertised delay, not the default backoff', async () => {
    emulator.faults.enqueue({ status: 429, retryAfterSeconds: 1 });
    const result = await generateText({ model: model(), prompt: 'Hi' });
    expect(result.text).toMatch(/You said: Hi$/);
    expect(emulator.requests).toHaveLength(2);
    expect(emulator.requests[0].fault).toEqual({
      status: 429,
      retryAfterSeconds: 1,
    });
    // The AI SDK's own first backoff is 2 s; 1 s proves the header was used.
    expect(gapMs()).toBeGreaterThanOrEqual(990);
    expect(gapMs()).toBeLessThan(1900);
  });

  it('a 429 with retry-after-ms is retried after that many milliseconds', async () => {
    emulator.faults.enqueue({ status: 429, retryAfterMs: 300 });
    await generateText({ model: model(), prompt: 'Hi' });
    expect(emulator.requests).toHaveLength(2);
    expect(gapMs()).toBeGreaterThanOrEqual(290);
    expect(gapMs()).toBeLessThan(1500);
  });

  it('a 503 without retry headers is retried with the default backoff, on a stream too', async () => {
    emulator.faults.enqueue({ status: 503, message: 'replica not ready' });
    const result = streamText({ model: model(), prompt: 'Hi' });
    expect(await result.text).toMatch(/You said: Hi$/);
    expect(emulator.requests).toHaveLength(2);
    expect(gapMs()).toBeGreaterThanOrEqual(1900);
  });

  it('gives up after maxRetries with the last error, retryable and carrying the message', async () => {
    emulator.faults.enqueue(
      { status: 500, message: 'engine crashed' },
      { times: 2 },
    );
    const call = generateText({ model: model(), prompt: 'Hi', maxRetries: 0 });
    await expect(call).rejects.toSatisfy(
      error =>
        APICallError.isInstance(error) &&
        error.statusCode === 500 &&
        error.isRetryable &&
        /^engine crashed/.test(error.message),
    );
    expect(emulator.requests).toHaveLength(1);
  });

  it('does not retry a 400', async () => {
    emulator.faults.enqueue({ status: 400, message: 'bad request' });
    await expect(
      generateText({ model: model(), prompt: 'Hi' }),
    ).rejects.toSatisfy(
      error =>
        APICallError.isInstance(error) &&
        error.statusCode === 400 &&
        !error.isRetryable,
    );
    expect(emulator.requests).toHaveLength(1);
  });
});

describe('broken streams', () => {
  it('a connection dropped mid-stream delivers the text so far, then rejects with the socket error', async () => {
    // Events: "Hello ", "from ", "the " (GLM 4.7 opens with text, no priming chunk).
    emulator.faults.enqueue({ dropAfterChunks: 3 });
    const result = streamText({
      model: model(),
      prompt: 'Hi there',
      onError: () => {},
    });
    const received: string[] = [];
    const failure = await (async () => {
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') received.push(part.text);
      }
    })().catch((error: unknown) => error);

    expect(received.join('')).toBe('Hello from the ');
    expect(APICallError.isInstance(failure)).toBe(true);
    const causes: string[] = [];
    for (
      let error: unknown = failure;
      error instanceof Error;
      error = error.cause
    )
      causes.push(error.message);
    expect(causes.join(' <- ')).toMatch(/terminated|other side closed/);
    await expect(result.text).rejects.toBeDefined();
  });

  it('a malformed chunk surfaces as an error part and the rest of the stream still arrives', async () => {
    emulator.faults.enqueue({ malformedChunkAt: 2 });
    const result = streamText({
      model: model(),
      prompt: 'Hi there',
      onError: () => {},
    });
    const collected: Part[] = [];
    for await (const part of result.fullStream) collected.push(part);

    const errorAt = collected.findIndex(part => part.type === 'error');
    expect(errorAt).toBeGreaterThan(-1);
    expect(String((collected[errorAt].error as Error).message)).toMatch(
      /JSON parsing failed/,
    );
    const text = (from: number, to: number) =>
      collected
        .slice(from, to)
        .flatMap(part =>
          part.type === 'text-delta' ? [part.text as string] : [],
        )
        .join('');
    // The second event ("from ") is the one lost.
    expect(text(0, errorAt)).toBe('Hello ');
    expect(text(errorAt, collected.length)).toBe(
      'the Baseten emulator ✨ You said: Hi there',
    );
  });
});

describe('abort', () => {
  it('aborting a hanging generateText rejects promptly', async () => {
    emulator.faults.enqueue({ hang: true });
    const controller = new AbortController();
    const call = generateText({
      model: model(),
      prompt: 'Hi',
      abortSignal: controller.signal,
    }).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await expect.poll(() => emulator.requests.length).toBe(1);
    const abortedAt = performance.now();
    controller.abort();
    const outcome = await call;
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).name).toMatch(/Abort/);
  });

  it('aborting a stream that stalls mid-way ends it promptly with the text so far', async () => {
    // A slow emulator: the abort lands between chunks.
    const slow = await startBasetenEmulator({ chunkDelayMs: 200 });
    try {
      const controller = new AbortController();
      const result = streamText({
        model: createBaseten({ apiKey: 'k', baseURL: slow.baseURL })(
          'zai-org/GLM-4.7',
        ),
        prompt: 'Hi',
        abortSignal: controller.signal,
        onError: () => {},
      });
      const received: string[] = [];
      let abortedAt = 0;
      const done = (async () => {
        for await (const part of result.fullStream) {
          if (part.type === 'text-delta') {
            received.push(part.text);
            if (abortedAt === 0) {
              abortedAt = performance.now();
              controller.abort();
            }
          }
        }
      })().catch((error: unknown) => error);
      await done;
      expect(performance.now() - abortedAt).toBeLessThan(100);
      expect(received).toEqual(['Hello ']);
    } finally {
      await slow.close();
    }
  });
});
