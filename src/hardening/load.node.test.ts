import { embedMany, streamText } from 'ai';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseten } from '../index';
import { startBasetenEmulator, type BasetenEmulator } from '../emulator';
import { embedText } from '../emulator/deployments/emulator-embeddings';

// Load against the emulator over real sockets: five rounds of 200 concurrent
// streamText calls and one embedMany of 50,000 texts, every result checked,
// and the heap after each round (after a forced GC) printed and bounded.
// Embeddings are 256-dimensional to keep the emulator's share of the two
// cores small; the provider's work per vector does not change with it.
const ROUNDS = 5;
const STREAMS = 200;
const TEXTS = 50_000;
const DIMENSIONS = 256;
const MB = 1024 * 1024;
const HEAP_GROWTH_LIMIT = 64 * MB;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let emulator: BasetenEmulator;
beforeAll(async () => {
  emulator = await startBasetenEmulator({ embeddingDimensions: DIMENSIONS });
});
afterAll(() => emulator.close());

const values = Array.from(
  { length: TEXTS },
  (_, index) => `passage ${index} of the load test`,
);

async function streamRound(round: number) {
  const model = createBaseten({
    apiKey: 'load-key',
    baseURL: emulator.baseURL,
  })('zai-org/GLM-4.7');
  const results = await Promise.all(
    Array.from({ length: STREAMS }, async (_, index) => {
      const prompt = `r${round} s${index}`;
      const result = streamText({ model, prompt, maxRetries: 0 });
      return {
        prompt,
        text: await result.text,
        usage: await result.usage,
        finishReason: await result.finishReason,
      };
    }),
  );
  for (const { prompt, text, usage, finishReason } of results) {
    expect(text).toBe(`Hello from the Baseten emulator ✨ You said: ${prompt}`);
    expect(usage).toMatchObject({
      inputTokens: 5,
      outputTokens: 11,
      totalTokens: 16,
    });
    expect(finishReason).toBe('stop');
  }
}

async function embedRound() {
  const model = createBaseten({
    apiKey: 'load-key',
    modelURL: `${emulator.origin}/environments/production/sync`,
    performanceClient: false,
  }).embeddingModel();
  const { embeddings, usage } = await embedMany({
    model,
    values,
    maxRetries: 0,
  });
  expect(embeddings).toHaveLength(TEXTS);
  expect(usage.tokens).toBe(TEXTS * 6);
  // order and content: every vector is its own text's
  for (let index = 0; index < TEXTS; index++) {
    const vector = embeddings[index];
    if (vector.length !== DIMENSIONS)
      throw new Error(`embedding ${index} has ${vector.length} dimensions`);
    const expected = embedText(values[index], DIMENSIONS);
    for (let at = 0; at < expected.length; at++) {
      if (vector[at] !== expected[at])
        throw new Error(
          `embedding ${index} is not the one for its text (value ${at})`,
        );
    }
  }
}

function heapAfterGC(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('load against the emulator', () => {
  it(`${ROUNDS} rounds of ${STREAMS} concurrent streams and an embedMany of ${TEXTS} texts, with a flat heap`, async () => {
    const heaps: number[] = [];
    const times: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const started = performance.now();
      emulator.requests.length = 0;
      await streamRound(round);
      await embedRound();
      expect(emulator.requests).toHaveLength(STREAMS + Math.ceil(TEXTS / 128));
      emulator.requests.length = 0; // the emulator's own record is not the provider's memory
      times.push(performance.now() - started);
      heaps.push(heapAfterGC());
    }
    // rounds 2-5: round 1 includes the one-off warm-up (modules, JIT, pools)
    const steady = heaps.slice(1);
    const growth = Math.max(...steady) - Math.min(...steady);
    console.log(
      `load: ${ROUNDS} rounds of ${STREAMS} concurrent streamText + embedMany(${TEXTS}); ` +
        `round times ${times.map(ms => `${(ms / 1000).toFixed(1)} s`).join(', ')}; ` +
        `heap after GC ${heaps.map(bytes => `${(bytes / MB).toFixed(1)}`).join(', ')} MB; ` +
        `spread over rounds 2-${ROUNDS}: ${(growth / MB).toFixed(1)} MB (limit ${HEAP_GROWTH_LIMIT / MB} MB)`,
    );
    expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT);
  }, 180_000);
});
