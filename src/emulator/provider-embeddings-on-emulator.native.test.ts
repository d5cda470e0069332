import { APICallError } from '@ai-sdk/provider';
import { embed, embedMany } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBaseten } from '../index';
import { embedText } from './deployments/emulator-embeddings';
import { startBasetenEmulator, type BasetenEmulator } from './index';

// Embeddings through the provider against the emulator, over both
// transports: fetch (HTTP/1.1) and the native performance client (h2c).
const DIMENSIONS = 32;
let emulator: BasetenEmulator;
let syncURL: string;
beforeAll(async () => {
  emulator = await startBasetenEmulator({ embeddingDimensions: DIMENSIONS });
  syncURL = `${emulator.origin}/environments/production/sync`;
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const expected = (text: string, dimensions = DIMENSIONS) =>
  Array.from(embedText(text, dimensions));
const values = Array.from(
  { length: 300 },
  (_, index) => `document number ${index}`,
);

describe.each([
  { transport: 'HTTP', performanceClient: false, protocol: 'http/1.1' },
  { transport: 'native', performanceClient: true, protocol: 'h2' },
] as const)('embeddings over $transport', ({ performanceClient, protocol }) => {
  const provider = () =>
    createBaseten({
      apiKey: 'emulator-key',
      modelURL: syncURL,
      performanceClient,
    });

  it('embed returns the deployment vector for the text', async () => {
    const result = await embed({
      model: provider().embeddingModel('my-embedder'),
      value: 'sunny day',
    });
    expect(result.embedding).toEqual(expected('sunny day'));
    expect(result.usage.tokens).toBe(2);
    const [request] = emulator.requests;
    expect(request).toMatchObject({
      path: '/environments/production/sync/v1/embeddings',
      protocol,
      body: { input: ['sunny day'], model: 'my-embedder' },
    });
  });

  it('embedMany splits 300 values into batches of at most 128 and keeps their order', async () => {
    const result = await embedMany({
      model: provider().embeddingModel(),
      values,
    });
    expect(result.embeddings).toHaveLength(300);
    expect(result.embeddings[0]).toEqual(expected(values[0]));
    expect(result.embeddings[299]).toEqual(expected(values[299]));
    const sizes = emulator.requests.map(
      request => (request.body as { input: string[] }).input.length,
    );
    expect(sizes.every(size => size <= 128)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(300);
    expect(
      emulator.requests.every(request => request.protocol === protocol),
    ).toBe(true);
  });

  it('honours dimensions', async () => {
    const result = await embed({
      model: provider().embeddingModel(),
      value: 'short',
      providerOptions: { baseten: { dimensions: 8 } },
    });
    expect(result.embedding).toEqual(expected('short', 8));
  });

  it('a 413 from the deployment becomes an APICallError naming the batch limit', async () => {
    emulator.faults.enqueue(
      {
        status: 413,
        message: 'batch size 200 > maximum allowed batch size 128',
      },
      { path: '/v1/embeddings' },
    );
    await expect(
      embed({ model: provider().embeddingModel(), value: 'x', maxRetries: 0 }),
    ).rejects.toSatisfy(
      error =>
        APICallError.isInstance(error) &&
        error.statusCode === 413 &&
        /maximum allowed batch size 128/.test(error.message),
    );
  });
});

describe('embedding retries over HTTP', () => {
  it('a 429 with retry-after-ms is retried after that delay', async () => {
    emulator.faults.enqueue(
      { status: 429, retryAfterMs: 250 },
      { path: '/v1/embeddings' },
    );
    const model = createBaseten({
      apiKey: 'k',
      modelURL: syncURL,
      performanceClient: false,
    }).embeddingModel();
    const result = await embed({ model, value: 'retry me' });
    expect(result.embedding).toEqual(expected('retry me'));
    const [first, second] = emulator.requests;
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(240);
    expect(second.receivedAt - first.receivedAt).toBeLessThan(1500);
  });
});
