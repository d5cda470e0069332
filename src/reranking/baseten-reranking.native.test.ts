import { rerank } from 'ai';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { expectInvalidResponseData } from '../test/expect-errors';
import { useH2cServer, type H2cRequest } from '../test/h2c-server';
import unsortedScores from './__fixtures__/bei-rerank-unsorted.json';

// These tests need the native performance client and a real h2c socket, so
// they run in the node project only (`*.native.test.ts`).

const KEY = 'native-key.0123456789';
const RERANK_PATH = '/environments/production/sync/rerank';
const server = useH2cServer();

const modelURL = (form: '/sync' | '/sync/v1' = '/sync') =>
  `${server.origin}/environments/production${form}`;

/** A BEI-shaped answer: scores are the texts' numbers (`doc-7` → 7), entries reversed. */
function reply(request: H2cRequest) {
  const { texts } = request.body as { texts: string[] };
  return {
    body: texts
      .map((text, index) => ({
        index,
        score: Number(text.split('-')[1]),
        text: null,
      }))
      .reverse(),
  };
}

const docs = (count: number) =>
  Array.from({ length: count }, (_, i) => `doc-${i}`);

describe('reranking through the native performance client', () => {
  it('is used by default when installed, with the key passed explicitly', async () => {
    server.handle(() => ({ body: unsortedScores }));
    const documents = ['a', 'b', 'c', 'd', 'e'];
    const { ranking, providerMetadata } = await rerank({
      model: createBaseten({
        apiKey: KEY,
        modelURL: modelURL(),
      }).rerankingModel(),
      query: 'How do I rotate an API key?',
      documents,
      topN: 3,
      providerOptions: { baseten: { truncate: true } },
    });
    expect(ranking.map(entry => [entry.originalIndex, entry.score])).toEqual([
      [0, 0.98193359],
      [2, 0.87353516],
      [4, 0.21069336],
    ]);
    expect(providerMetadata?.baseten).toEqual({
      transport: 'native',
      requests: 1,
    });
    const [request] = server.requests;
    expect(request.path).toBe(RERANK_PATH);
    expect(request.headers['user-agent']).toMatch(
      /^baseten-performance-client\//,
    );
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body).toEqual({
      query: 'How do I rotate an API key?',
      texts: documents,
      return_text: false,
      truncate: true,
    });
  });

  it.each(['/sync', '/sync/v1'] as const)(
    'performanceClient: true through a %s URL ranks 300 documents across batches',
    async form => {
      server.handle(request => reply(request));
      const { ranking, providerMetadata } = await rerank({
        model: createBaseten({
          apiKey: KEY,
          modelURL: modelURL(form),
          performanceClient: true,
        }).rerankingModel(),
        query: 'q',
        documents: docs(300),
      });
      expect(ranking.map(entry => entry.originalIndex)).toEqual(
        docs(300).map((_, i) => 299 - i),
      );
      expect(ranking.every(entry => entry.score === entry.originalIndex)).toBe(
        true,
      );
      expect(providerMetadata?.baseten).toEqual({
        transport: 'native',
        requests: 3,
      });
      // batches are sent concurrently, so they arrive in any order
      const sizes = server.requests.map(
        request => (request.body as { texts: string[] }).texts.length,
      );
      expect(sizes.sort((a, b) => a - b)).toEqual([44, 128, 128]);
      expect(new Set(server.requests.map(request => request.path))).toEqual(
        new Set([RERANK_PATH]),
      );
    },
  );
});

describe('native: nothing lost silently', () => {
  type Entry = ReturnType<typeof reply>['body'][number];
  const cases: Array<[string, (entries: Entry[]) => unknown, RegExp]> = [
    [
      'an out-of-range index',
      entries => entries.map((entry, i) => ({ ...entry, index: i + 1 })),
      /out-of-range index 2 \(texts: 2\)/,
    ],
    [
      'a repeated index',
      entries => entries.map(entry => ({ ...entry, index: 0 })),
      /repeated index 0/,
    ],
    [
      'more scores than texts',
      entries => [...entries, entries[0]],
      /returned 3 scores for the 2 texts/,
    ],
    [
      'a score that is not a number',
      entries => entries.map(entry => ({ ...entry, score: 'high' })),
      /0\.score/,
    ],
  ];

  it.each(cases)(
    '%s is an InvalidResponseDataError, as over HTTP',
    async (_name, respond, message) => {
      server.handle(request => ({ body: respond(reply(request).body) }));
      const error = await rerank({
        model: createBaseten({
          apiKey: KEY,
          modelURL: modelURL(),
          performanceClient: true,
        }).rerankingModel(),
        query: 'q',
        documents: docs(2),
        maxRetries: 0,
      }).catch((e: unknown) => e);
      expectInvalidResponseData(error, message);
    },
  );

  it("an index in range of the call but not of its request (a later batch's) is out of range", async () => {
    // the second request's texts are doc-2 and doc-3: index 2 would be doc-2 of the whole call
    server.handle(request => {
      const { body } = reply(request);
      const later = (request.body as { texts: string[] }).texts[0] === 'doc-2';
      return {
        body: later
          ? body.map(entry => ({ ...entry, index: entry.index + 2 }))
          : body,
      };
    });
    const error = await rerank({
      model: createBaseten({
        apiKey: KEY,
        modelURL: modelURL(),
        performanceClient: true,
      }).rerankingModel(),
      query: 'q',
      documents: docs(4),
      providerOptions: { baseten: { batchSize: 2 } },
    }).catch((e: unknown) => e);
    expectInvalidResponseData(
      error,
      /rerank request 2 has an out-of-range index 3 \(texts: 2\)/,
    );
  });
});
