import { rerank } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBaseten } from '../index';
import { relevance } from './deployments/emulator-rerank';
import { startBasetenEmulator, type BasetenEmulator } from './index';

// Reranking through the provider against the emulator's /sync/rerank, over
// fetch (HTTP/1.1) and the native performance client (h2c). The emulator
// answers in a shuffled order, so a correct ranking proves the client sorts.
let emulator: BasetenEmulator;
let syncURL: string;
beforeAll(async () => {
  emulator = await startBasetenEmulator();
  syncURL = `${emulator.origin}/environments/production/sync`;
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const query = 'cats dogs';
const documents = [
  'cats purr',
  'dogs bark loudly',
  'the cat sat',
  'stock prices',
  'cats and dogs',
];

describe.each([
  { transport: 'HTTP', performanceClient: false, protocol: 'http/1.1' },
  { transport: 'native', performanceClient: true, protocol: 'h2' },
] as const)('rerank over $transport', ({ performanceClient, protocol }) => {
  const model = () =>
    createBaseten({
      apiKey: 'emulator-key',
      modelURL: syncURL,
      performanceClient,
    }).rerankingModel('my-reranker');

  it('ranks every document by the deployment score, best first', async () => {
    const result = await rerank({ model: model(), query, documents });
    expect(result.ranking.map(entry => entry.originalIndex)[0]).toBe(4);
    expect(result.ranking).toHaveLength(documents.length);
    for (const entry of result.ranking) {
      expect(entry.document).toBe(documents[entry.originalIndex]);
      expect(entry.score).toBeCloseTo(
        relevance(query, documents[entry.originalIndex]),
        12,
      );
    }
    const scores = result.ranking.map(entry => entry.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const [request] = emulator.requests;
    expect(request).toMatchObject({
      path: '/environments/production/sync/rerank',
      protocol,
      body: { query, texts: documents },
    });
  });

  it('keeps the topN best', async () => {
    const result = await rerank({ model: model(), query, documents, topN: 2 });
    expect(result.ranking).toHaveLength(2);
    expect(result.ranking[0].originalIndex).toBe(4);
  });

  it('splits more than 128 documents into batches and ranks across them', async () => {
    const many = Array.from({ length: 300 }, (_, index) =>
      index === 217 ? 'cats and dogs' : `filler text ${index}`,
    );
    const result = await rerank({
      model: model(),
      query,
      documents: many,
      topN: 3,
    });
    expect(result.ranking[0]).toMatchObject({
      originalIndex: 217,
      document: 'cats and dogs',
    });
    const sizes = emulator.requests.map(
      request => (request.body as { texts: string[] }).texts.length,
    );
    expect(Math.max(...sizes)).toBeLessThanOrEqual(128);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(300);
  });
});
