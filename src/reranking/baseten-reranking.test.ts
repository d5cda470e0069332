import { InvalidArgumentError, type SharedV4Warning } from '@ai-sdk/provider';
import { rerank } from 'ai';
import { delay } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createBaseten,
  type BasetenProviderSettings,
} from '../baseten-provider';
import {
  EMBEDDINGS_NO_URL_MESSAGE,
  EMBEDDINGS_NOT_SYNC_MESSAGE,
  RERANKING_NO_URL_MESSAGE,
  RERANKING_NOT_SYNC_MESSAGE,
} from '../baseten-url';
import { httpDeployment, TEST_KEY } from '../test/http-deployment';
import { expectInvalidResponseData } from '../test/expect-errors';
import { json, useTestServer, type RecordedRequest } from '../test/msw-server';
import { VERSION } from '../version';
import unsortedScores from './__fixtures__/bei-rerank-unsorted.json';

const ROOT = 'https://model-wxyz5678.api.baseten.co/environments/production';
const RERANK = `${ROOT}/sync/rerank`;
const KEY = TEST_KEY;

const server = useTestServer();
const deployment = (settings?: BasetenProviderSettings) =>
  httpDeployment(ROOT, settings);

/** The documents `bei-rerank-unsorted.json` scores, for "How do I rotate an API key?". */
const QUERY = 'How do I rotate an API key?';
const DOCUMENTS = [
  'API keys are rotated from the workspace settings: create a new key, update your clients, then revoke the old one.',
  'Baseten bills active replicas by the minute.',
  'To rotate a key without downtime, keep both keys valid while your services redeploy.',
  'Scale-to-zero deployments take longer to answer their first request.',
  'A revoked key stops working within a minute.',
];

interface RerankBody {
  query: string;
  texts: string[];
  raw_scores?: boolean;
  return_text?: boolean;
}

/** A text's number (`doc-17` → 17). */
const numberOf = (text: string) => Number(text.split('-')[1]);

/**
 * A BEI-shaped answer: one entry per text, reversed (servers do not sort),
 * scored by `scoreOf` of the text.
 */
function reply(
  request: RecordedRequest,
  scoreOf: (text: string) => number = numberOf,
) {
  const { texts } = request.body as RerankBody;
  return texts
    .map((text, index) => ({ index, score: scoreOf(text), text: null }))
    .reverse();
}

const docs = (count: number) =>
  Array.from({ length: count }, (_, i) => `doc-${i}`);

/** Runs `rerank` and returns its result with the warnings the model reported. */
async function rerankCollectingWarnings(options: Parameters<typeof rerank>[0]) {
  let warnings: SharedV4Warning[] = [];
  const result = await rerank({
    ...options,
    onEnd: event => {
      warnings = event.warnings;
    },
  });
  // the result is a class with getters, so the warnings are added to it rather than spread
  return Object.assign(result, { warnings });
}

describe('reranking over HTTP: the wire', () => {
  it('sends the key, the user agent, custom headers and a body of query and texts only', async () => {
    server.onPost(RERANK, request => json(reply(request)));
    await rerank({
      model: deployment({ headers: { 'x-team': 'search' } }).rerankingModel(
        'my-reranker',
      ),
      query: QUERY,
      documents: ['doc-1', 'doc-2'],
      headers: { 'x-request': 'r-1' },
    });
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-team']).toBe('search');
    expect(request.headers['x-request']).toBe('r-1');
    expect(request.headers['user-agent']).toContain(
      `ai-sdk-provider-baseten/${VERSION}`,
    );
    // the model ID is a label: BEI's rerank route takes no model field
    expect(request.body).toEqual({
      query: QUERY,
      texts: ['doc-1', 'doc-2'],
      return_text: false,
    });
  });

  it('sends rawScores, truncate and truncationDirection under their wire names', async () => {
    server.onPost(RERANK, request => json(reply(request)));
    await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['doc-1'],
      providerOptions: {
        baseten: {
          rawScores: true,
          truncate: true,
          truncationDirection: 'Left',
        },
      },
    });
    expect(server.requests[0].body).toEqual({
      query: 'q',
      texts: ['doc-1'],
      raw_scores: true,
      return_text: false,
      truncate: true,
      truncation_direction: 'Left',
    });
  });

  it('ranks an unsorted BEI answer by score, keeping original indices and scores', async () => {
    server.onPost(RERANK, () =>
      Response.json(unsortedScores, {
        headers: { 'x-baseten-request-id': 'req-7' },
      }),
    );
    const result = await rerank({
      model: deployment().rerankingModel(),
      query: QUERY,
      documents: DOCUMENTS,
    });
    expect(result.ranking).toEqual([
      { originalIndex: 0, score: 0.98193359, document: DOCUMENTS[0] },
      { originalIndex: 2, score: 0.87353516, document: DOCUMENTS[2] },
      { originalIndex: 4, score: 0.21069336, document: DOCUMENTS[4] },
      { originalIndex: 3, score: 0.00091552734, document: DOCUMENTS[3] },
      { originalIndex: 1, score: 0.00030755997, document: DOCUMENTS[1] },
    ]);
    expect(result.rerankedDocuments).toEqual(
      [0, 2, 4, 3, 1].map(i => DOCUMENTS[i]),
    );
    expect(result.response.headers?.['x-baseten-request-id']).toBe('req-7');
    expect(result.providerMetadata?.baseten).toEqual({
      transport: 'http',
      requests: 1,
      requestId: 'req-7',
    });
  });

  it('topN keeps only the best documents', async () => {
    server.onPost(RERANK, () => json(unsortedScores));
    const result = await rerank({
      model: deployment().rerankingModel(),
      query: QUERY,
      documents: DOCUMENTS,
      topN: 2,
    });
    expect(result.ranking.map(entry => entry.originalIndex)).toEqual([0, 2]);
    // the server still scores every document: topN is applied after merging
    expect((server.requests[0].body as RerankBody).texts).toEqual(DOCUMENTS);
  });

  it('a topN above the number of documents returns them all', async () => {
    server.onPost(RERANK, request => json(reply(request)));
    const result = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: docs(3),
      topN: 10,
    });
    expect(result.ranking.map(entry => entry.originalIndex)).toEqual([2, 1, 0]);
  });

  it('equal scores keep the documents in their original order', async () => {
    server.onPost(RERANK, request => json(reply(request, () => 0.5)));
    const result = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: docs(4),
    });
    expect(result.ranking.map(entry => entry.originalIndex)).toEqual([
      0, 1, 2, 3,
    ]);
  });

  it('reranking is the same model under its short name', async () => {
    server.onPost(RERANK, request => json(reply(request)));
    const model = deployment().reranking('bge-reranker');
    expect(model).toMatchObject({
      specificationVersion: 'v4',
      provider: 'baseten.reranking',
      modelId: 'bge-reranker',
    });
    expect(deployment().rerankingModel().modelId).toBe('reranker');
    const result = await rerank({
      model,
      query: 'q',
      documents: ['doc-5', 'doc-9'],
    });
    expect(result.rerankedDocuments).toEqual(['doc-9', 'doc-5']);
  });

  it('object documents are sent as JSON text, with a compatibility warning', async () => {
    server.onPost(RERANK, request => json(reply(request, text => text.length)));
    const documents = [
      {
        title: 'Rotating keys',
        body: 'Create a new key, then revoke the old one.',
      },
      { title: 'Billing', body: 'Invoices are sent monthly.' },
    ];
    const result = await rerankCollectingWarnings({
      model: deployment().rerankingModel(),
      query: QUERY,
      documents,
    });
    expect((server.requests[0].body as RerankBody).texts).toEqual(
      documents.map(value => JSON.stringify(value)),
    );
    expect(result.rerankedDocuments).toEqual(documents);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        type: 'compatibility',
        feature: 'object documents',
      }),
    ]);
  });
});

describe('reranking over HTTP: batching', () => {
  it('splits 300 documents into requests of at most 128 and ranks them all together', async () => {
    // scores peak in the middle of the second batch, so the best documents come from every batch
    const scoreOf = (text: string) => 1 / (1 + Math.abs(numberOf(text) - 200));
    server.onPost(RERANK, async request => {
      // the first batch answers last
      if ((request.body as RerankBody).texts[0] === 'doc-0') await delay(30);
      return json(reply(request, scoreOf));
    });
    const documents = docs(300);
    const result = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents,
    });

    expect(
      server.requests.map(request => (request.body as RerankBody).texts.length),
    ).toEqual([128, 128, 44]);
    expect(
      server.requests.map(request => (request.body as RerankBody).texts[0]),
    ).toEqual(['doc-0', 'doc-128', 'doc-256']);
    const expected = documents
      .map((text, index) => ({ index, score: scoreOf(text) }))
      .sort((a, b) => b.score - a.score || a.index - b.index);
    expect(result.ranking.map(entry => entry.originalIndex)).toEqual(
      expected.map(entry => entry.index),
    );
    expect(
      result.ranking.every(
        entry => entry.document === `doc-${entry.originalIndex}`,
      ),
    ).toBe(true);
    expect(
      result.ranking.slice(0, 3).map(entry => entry.originalIndex),
    ).toEqual([200, 199, 201]);
    expect(result.providerMetadata?.baseten).toEqual({
      transport: 'http',
      requests: 3,
    });
  });

  it('topN picks the best across batches', async () => {
    server.onPost(RERANK, request => json(reply(request)));
    const result = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: docs(300),
      topN: 3,
    });
    expect(result.ranking.map(entry => entry.originalIndex)).toEqual([
      299, 298, 297,
    ]);
  });
});

describe('reranking over HTTP: nothing lost silently', () => {
  const entries = (request: RecordedRequest) => reply(request);
  const cases: Array<[string, (request: RecordedRequest) => unknown, RegExp]> =
    [
      [
        'fewer scores than texts',
        request => entries(request).slice(1),
        /returned 1 scores for the 2 texts/,
      ],
      [
        'more scores than texts',
        request => [...entries(request), entries(request)[0]],
        /returned 3 scores for the 2 texts/,
      ],
      [
        'a repeated index',
        request => entries(request).map(entry => ({ ...entry, index: 0 })),
        /repeated index 0/,
      ],
      [
        'an out-of-range index',
        request =>
          entries(request).map((entry, i) => ({ ...entry, index: i + 1 })),
        /out-of-range index 2 \(texts: 2\)/,
      ],
      [
        'a negative index',
        request =>
          entries(request).map((entry, i) => ({ ...entry, index: i - 1 })),
        /not a list of \{ index, score \}: 0\.index/,
      ],
      [
        'a score that is not a number',
        request => entries(request).map(entry => ({ ...entry, score: 'high' })),
        /not a list of \{ index, score \}: 0\.score/,
      ],
      [
        'a missing score',
        request => entries(request).map(({ index }) => ({ index })),
        /0\.score/,
      ],
      [
        'an object instead of the bare array',
        request => ({ object: 'list', data: entries(request) }),
        /not a list of \{ index, score \}: \(root\)/,
      ],
    ];

  it.each(cases)(
    '%s is an InvalidResponseDataError',
    async (_name, respond, message) => {
      server.onPost(RERANK, request => json(respond(request)));
      const error = await rerank({
        model: deployment().rerankingModel(),
        query: 'q',
        documents: ['doc-1', 'doc-2'],
        maxRetries: 0,
      }).catch((e: unknown) => e);
      expectInvalidResponseData(error, message);
    },
  );

  it('a bad answer to a later batch names that request and fails the whole call', async () => {
    server.onPost(RERANK, request => {
      const body = reply(request);
      return json(
        (request.body as RerankBody).texts[0] === 'doc-2'
          ? body.slice(1)
          : body,
      );
    });
    const error = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: docs(4),
      providerOptions: { baseten: { batchSize: 2, maxConcurrentRequests: 1 } },
    }).catch((e: unknown) => e);
    expectInvalidResponseData(
      error,
      /returned 1 scores for the 2 texts of rerank request 2/,
    );
  });
});

describe('reranking: bad input fails before any request', () => {
  const model = () => deployment().rerankingModel();
  const badOptions: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'batchSize above 128',
      { batchSize: 129 },
      /batchSize must be at most 128/,
    ],
    ['batchSize below 1', { batchSize: 0 }, /batchSize must be at least 1/],
    [
      'fractional batchSize',
      { batchSize: 2.5 },
      /batchSize must be a whole number/,
    ],
    [
      'maxConcurrentRequests of 0',
      { maxConcurrentRequests: 0 },
      /maxConcurrentRequests must be at least 1/,
    ],
    ['a negative timeoutMs', { timeoutMs: -5 }, /timeoutMs must be positive/],
    [
      'a negative hedgeDelayMs',
      { hedgeDelayMs: -1 },
      /hedgeDelayMs must be positive/,
    ],
    ['rawScores that is not a boolean', { rawScores: 'yes' }, /rawScores/],
    ['truncate that is not a boolean', { truncate: 1 }, /truncate/],
    [
      'a lower-case truncationDirection',
      { truncationDirection: 'left' },
      /truncationDirection/,
    ],
  ];

  it.each(badOptions)('%s', async (_name, options, message) => {
    const error = await rerank({
      model: model(),
      query: 'q',
      documents: ['doc-1'],
      providerOptions: { baseten: options as Record<string, string> },
    }).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(
      'providerOptions.baseten',
    );
    expect((error as Error).message).toMatch(
      /^Invalid providerOptions\.baseten for reranking: /,
    );
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(
      /See BasetenRerankingProviderOptions/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['an empty query', { query: '' }, 'query', /query is an empty string/],
    [
      'a query that is not a string',
      { query: 7 },
      'query',
      /query is a number/,
    ],
    [
      'an empty document',
      { documents: ['doc-1', ''] },
      'documents',
      /documents\[1\] is an empty string/,
    ],
    [
      'a document that is not a string',
      { documents: ['doc-1', 2] },
      'documents',
      /documents\[1\] is a number/,
    ],
    [
      'topN of 0',
      { topN: 0 },
      'topN',
      /topN must be a positive whole number .* got 0/,
    ],
    ['a fractional topN', { topN: 1.5 }, 'topN', /got 1\.5/],
    ['a topN given as text', { topN: '3' }, 'topN', /got a string\.$/],
    ['a negative topN', { topN: -2 }, 'topN', /got -2/],
  ])('%s', async (_name, override, argument, message) => {
    const error = await rerank({
      model: model(),
      query: 'q',
      documents: ['doc-1'],
      ...override,
    } as Parameters<typeof rerank>[0]).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect((error as Error).message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it('no documents means no request', async () => {
    const direct = await model().doRerank({
      query: 'q',
      documents: { type: 'text', values: [] },
    });
    expect(direct.ranking).toEqual([]);
    const result = await rerank({ model: model(), query: 'q', documents: [] });
    expect(result.ranking).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('modelURL errors at model creation name reranking; the embeddings ones are unchanged', () => {
    expect(() => createBaseten({ apiKey: KEY }).rerankingModel()).toThrow(
      RERANKING_NO_URL_MESSAGE,
    );
    expect(() =>
      createBaseten({
        apiKey: KEY,
        modelURL: `${ROOT}/predict`,
      }).rerankingModel(),
    ).toThrow(RERANKING_NOT_SYNC_MESSAGE);
    expect(() =>
      createBaseten({
        apiKey: KEY,
        modelURL: `${ROOT}/async_predict`,
      }).reranking(),
    ).toThrow(RERANKING_NOT_SYNC_MESSAGE);
    expect(() =>
      createBaseten({
        apiKey: KEY,
        modelURL: `${ROOT}/sync/rerank`,
      }).rerankingModel(),
    ).toThrow(RERANKING_NOT_SYNC_MESSAGE);
    expect(RERANKING_NO_URL_MESSAGE).toMatch(/reranking.*modelURL/);
    expect(RERANKING_NOT_SYNC_MESSAGE).toBe(
      'Not supported. You must use a /sync or /sync/v1 endpoint for reranking.',
    );
    expect(() => createBaseten({ apiKey: KEY }).embeddingModel()).toThrow(
      EMBEDDINGS_NO_URL_MESSAGE,
    );
    expect(() =>
      createBaseten({
        apiKey: KEY,
        modelURL: `${ROOT}/predict`,
      }).embeddingModel(),
    ).toThrow(EMBEDDINGS_NOT_SYNC_MESSAGE);
  });
});
