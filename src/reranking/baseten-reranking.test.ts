import {
  APICallError,
  InvalidArgumentError,
  InvalidResponseDataError,
  LoadAPIKeyError,
  type RerankingModelV4,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { rerank } from 'ai';
import { delay } from 'msw';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import {
  EMBEDDINGS_NO_URL_MESSAGE,
  EMBEDDINGS_NOT_SYNC_MESSAGE,
  RERANKING_NO_URL_MESSAGE,
  RERANKING_NOT_SYNC_MESSAGE,
} from '../baseten-url';
import { json, useTestServer, type RecordedRequest } from '../test/msw-server';
import { VERSION } from '../version';
import batchTooLarge from './__fixtures__/bei-rerank-batch-too-large.json';
import unsortedScores from './__fixtures__/bei-rerank-unsorted.json';

const ROOT = 'https://model-wxyz5678.api.baseten.co/environments/production';
const RERANK = `${ROOT}/sync/rerank`;
const KEY = 'test-key.0123456789';

const server = useTestServer();

/** HTTP only: msw intercepts fetch, not the native client. */
function deployment(settings: Parameters<typeof createBaseten>[0] = {}) {
  return createBaseten({
    apiKey: KEY,
    modelURL: `${ROOT}/sync`,
    performanceClient: false,
    ...settings,
  });
}

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
function reply(request: RecordedRequest, scoreOf: (text: string) => number = numberOf) {
  const { texts } = request.body as RerankBody;
  return texts.map((text, index) => ({ index, score: scoreOf(text), text: null })).reverse();
}

const docs = (count: number) => Array.from({ length: count }, (_, i) => `doc-${i}`);

/** Runs `rerank` and returns its result with the warnings the model reported. */
async function rerankCollectingWarnings(options: Parameters<typeof rerank>[0]) {
  let warnings: SharedV4Warning[] = [];
  const result = await rerank({
    ...options,
    onEnd: event => {
      warnings = event.warnings as SharedV4Warning[];
    },
  });
  // the result is a class with getters, so the warnings are added to it rather than spread
  return Object.assign(result, { warnings });
}

describe('reranking over HTTP: the wire', () => {
  it.each([
    ['/sync', `${ROOT}/sync`],
    ['/sync/v1', `${ROOT}/sync/v1`],
    ['/sync/', `${ROOT}/sync/`],
  ])('a %s modelURL posts to …/sync/rerank', async (_form, modelURL) => {
    server.onPost(RERANK, request => json(reply(request)));
    await rerank({ model: deployment({ modelURL }).rerankingModel(), query: 'q', documents: ['doc-1'] });
    expect(server.requests.map(request => request.url)).toEqual([RERANK]);
  });

  it('sends the key, the user agent, custom headers and a body of query and texts only', async () => {
    server.onPost(RERANK, request => json(reply(request)));
    await rerank({
      model: deployment({ headers: { 'x-team': 'search' } }).rerankingModel('my-reranker'),
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
    expect(request.headers['user-agent']).toContain(`ai-sdk-provider-baseten/${VERSION}`);
    // the model ID is a label: BEI's rerank route takes no model field
    expect(request.body).toEqual({ query: QUERY, texts: ['doc-1', 'doc-2'], return_text: false });
  });

  it('sends rawScores, truncate and truncationDirection under their wire names', async () => {
    server.onPost(RERANK, request => json(reply(request)));
    await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['doc-1'],
      providerOptions: { baseten: { rawScores: true, truncate: true, truncationDirection: 'Left' } },
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
      Response.json(unsortedScores, { headers: { 'x-baseten-request-id': 'req-7' } }),
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
    expect(result.rerankedDocuments).toEqual([0, 2, 4, 3, 1].map(i => DOCUMENTS[i]));
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
    const result = await rerank({ model: deployment().rerankingModel(), query: 'q', documents: docs(4) });
    expect(result.ranking.map(entry => entry.originalIndex)).toEqual([0, 1, 2, 3]);
  });

  it('reranking is the same model under its short name', async () => {
    server.onPost(RERANK, request => json(reply(request)));
    const model = deployment().reranking('bge-reranker');
    expect(model).toMatchObject({ specificationVersion: 'v4', provider: 'baseten.reranking', modelId: 'bge-reranker' });
    expect(deployment().rerankingModel().modelId).toBe('reranker');
    const result = await rerank({ model, query: 'q', documents: ['doc-5', 'doc-9'] });
    expect(result.rerankedDocuments).toEqual(['doc-9', 'doc-5']);
  });

  it('object documents are sent as JSON text, with a compatibility warning', async () => {
    server.onPost(RERANK, request => json(reply(request, text => text.length)));
    const documents = [
      { title: 'Rotating keys', body: 'Create a new key, then revoke the old one.' },
      { title: 'Billing', body: 'Invoices are sent monthly.' },
    ];
    const result = await rerankCollectingWarnings({
      model: deployment().rerankingModel(),
      query: QUERY,
      documents,
    });
    expect((server.requests[0].body as RerankBody).texts).toEqual(documents.map(value => JSON.stringify(value)));
    expect(result.rerankedDocuments).toEqual(documents);
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'compatibility', feature: 'object documents' }),
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
    const result = await rerank({ model: deployment().rerankingModel(), query: 'q', documents });

    expect(server.requests.map(request => (request.body as RerankBody).texts.length)).toEqual([128, 128, 44]);
    expect(server.requests.map(request => (request.body as RerankBody).texts[0])).toEqual([
      'doc-0',
      'doc-128',
      'doc-256',
    ]);
    const expected = documents
      .map((text, index) => ({ index, score: scoreOf(text) }))
      .sort((a, b) => b.score - a.score || a.index - b.index);
    expect(result.ranking.map(entry => entry.originalIndex)).toEqual(expected.map(entry => entry.index));
    expect(result.ranking.every(entry => entry.document === `doc-${entry.originalIndex}`)).toBe(true);
    expect(result.ranking.slice(0, 3).map(entry => entry.originalIndex)).toEqual([200, 199, 201]);
    expect(result.providerMetadata?.baseten).toEqual({ transport: 'http', requests: 3 });
  });

  it('topN picks the best across batches', async () => {
    server.onPost(RERANK, request => json(reply(request)));
    const result = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: docs(300),
      topN: 3,
    });
    expect(result.ranking.map(entry => entry.originalIndex)).toEqual([299, 298, 297]);
  });

  it('honours batchSize and keeps at most maxConcurrentRequests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    server.onPost(RERANK, async request => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await delay(5);
      inFlight--;
      return json(reply(request));
    });
    const result = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: docs(50),
      providerOptions: { baseten: { batchSize: 5, maxConcurrentRequests: 3 } },
    });
    expect(result.ranking).toHaveLength(50);
    expect(result.ranking[0].originalIndex).toBe(49);
    expect(server.requests).toHaveLength(10);
    expect(peak).toBe(3);
  });
});

describe('reranking over HTTP: nothing lost silently', () => {
  const entries = (request: RecordedRequest) => reply(request);
  const cases: Array<[string, (request: RecordedRequest) => unknown, RegExp]> = [
    ['fewer scores than texts', request => entries(request).slice(1), /returned 1 scores for the 2 texts/],
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
      request => entries(request).map((entry, i) => ({ ...entry, index: i + 1 })),
      /out-of-range index 2 \(texts: 2\)/,
    ],
    [
      'a negative index',
      request => entries(request).map((entry, i) => ({ ...entry, index: i - 1 })),
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

  it.each(cases)('%s is an InvalidResponseDataError', async (_name, respond, message) => {
    server.onPost(RERANK, request => json(respond(request)));
    const error = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['doc-1', 'doc-2'],
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect(InvalidResponseDataError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('a bad answer to a later batch names that request and fails the whole call', async () => {
    server.onPost(RERANK, request => {
      const body = reply(request);
      return json((request.body as RerankBody).texts[0] === 'doc-2' ? body.slice(1) : body);
    });
    const error = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: docs(4),
      providerOptions: { baseten: { batchSize: 2, maxConcurrentRequests: 1 } },
    }).catch((e: unknown) => e);
    expect(InvalidResponseDataError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/returned 1 scores for the 2 texts of rerank request 2/);
  });
});

describe('reranking over HTTP: errors', () => {
  it('the deployment envelope (413) keeps its message and is not retried', async () => {
    server.onPost(RERANK, () => json(batchTooLarge, 413));
    const error = (await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['doc-1'],
    }).catch((e: unknown) => e)) as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe('batch size 129 > maximum allowed batch size 128');
    expect(error.statusCode).toBe(413);
    expect(error.url).toBe(RERANK);
    expect(error.isRetryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it.each([429, 503])('the Model APIs envelope with %i is retryable, and the AI SDK retries', async status => {
    server.onPost(RERANK, () => json({ error: 'replica not ready' }, status));
    const error = (await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['doc-1'],
      maxRetries: 1,
    }).catch((e: unknown) => e)) as Error & { lastError?: APICallError };
    const last = error.lastError ?? (error as APICallError);
    expect(APICallError.isInstance(last)).toBe(true);
    expect(last.message).toBe('replica not ready');
    expect(last.statusCode).toBe(status);
    expect(last.isRetryable).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('a 400 with the string envelope is not retryable', async () => {
    server.onPost(RERANK, () => json({ error: 'texts must not be empty' }, 400));
    const error = (await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['doc-1'],
    }).catch((e: unknown) => e)) as APICallError;
    expect(error.message).toBe('texts must not be empty');
    expect(error.isRetryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('a plain-text error body becomes the message', async () => {
    server.onPost(RERANK, () => new Response('upstream connect error', { status: 502 }));
    const error = (await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['doc-1'],
      maxRetries: 0,
    }).catch((e: unknown) => e)) as APICallError;
    expect(error.message).toBe('upstream connect error');
    expect(error.isRetryable).toBe(true);
  });

  it('redacts the API key should a server echo it back', async () => {
    server.onPost(RERANK, request => json({ error: `invalid key ${request.headers.authorization}` }, 401));
    const error = (await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['doc-1'],
    }).catch((e: unknown) => e)) as APICallError;
    expect(error.message).toBe('invalid key Bearer [redacted]');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(KEY);
  });

  it('timeoutMs turns a slow request into a retryable error naming the option', async () => {
    server.onPost(RERANK, async (request, raw) => {
      await new Promise(resolve => raw.signal.addEventListener('abort', resolve));
      return json(reply(request));
    });
    const error = (await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['doc-1'],
      maxRetries: 0,
      providerOptions: { baseten: { timeoutMs: 50 } },
    }).catch((e: unknown) => e)) as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/within 50 ms \(the timeoutMs option\)/);
    expect(error.isRetryable).toBe(true);
  });

  it('abort rejects promptly while a request hangs', async () => {
    server.onPost(RERANK, async (request, raw) => {
      await new Promise(resolve => raw.signal.addEventListener('abort', resolve));
      return json(reply(request));
    });
    const controller = new AbortController();
    const pending = rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: docs(10),
      abortSignal: controller.signal,
    });
    while (server.requests.length === 0) await delay(1);
    const abortedAt = performance.now();
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect((error as Error).name).toBe('AbortError');
  });

  it('an already aborted signal sends nothing', async () => {
    server.onPost(RERANK, request => json(reply(request)));
    const error = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['doc-1'],
      abortSignal: AbortSignal.abort(),
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(server.requests).toHaveLength(0);
  });
});

describe('reranking over HTTP: hedging', () => {
  it('races a duplicate after hedgeDelayMs and takes the first answer', async () => {
    let calls = 0;
    server.onPost(RERANK, async (request, raw) => {
      calls++;
      if (calls === 1) await new Promise(resolve => raw.signal.addEventListener('abort', resolve));
      return json(reply(request));
    });
    const result = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['doc-1', 'doc-2'],
      providerOptions: { baseten: { hedgeDelayMs: 30 } },
    });
    expect(result.ranking.map(entry => entry.originalIndex)).toEqual([1, 0]);
    expect(server.requests).toHaveLength(2);
  });
});

describe('reranking: bad input fails before any request', () => {
  const model = () => deployment().rerankingModel();
  const badOptions: Array<[string, Record<string, unknown>, RegExp]> = [
    ['batchSize above 128', { batchSize: 129 }, /batchSize must be at most 128/],
    ['batchSize below 1', { batchSize: 0 }, /batchSize must be at least 1/],
    ['fractional batchSize', { batchSize: 2.5 }, /batchSize must be a whole number/],
    ['maxConcurrentRequests of 0', { maxConcurrentRequests: 0 }, /maxConcurrentRequests must be at least 1/],
    ['a negative timeoutMs', { timeoutMs: -5 }, /timeoutMs must be positive/],
    ['a negative hedgeDelayMs', { hedgeDelayMs: -1 }, /hedgeDelayMs must be positive/],
    ['rawScores that is not a boolean', { rawScores: 'yes' }, /rawScores/],
    ['truncate that is not a boolean', { truncate: 1 }, /truncate/],
    ['a lower-case truncationDirection', { truncationDirection: 'left' }, /truncationDirection/],
  ];

  it.each(badOptions)('%s', async (_name, options, message) => {
    const error = await rerank({
      model: model(),
      query: 'q',
      documents: ['doc-1'],
      providerOptions: { baseten: options as Record<string, string> },
    }).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('providerOptions.baseten');
    expect((error as Error).message).toMatch(/^Invalid providerOptions\.baseten for reranking: /);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/See BasetenRerankingProviderOptions/);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['an empty query', { query: '' }, 'query', /query is an empty string/],
    ['a query that is not a string', { query: 7 }, 'query', /query is a number/],
    ['an empty document', { documents: ['doc-1', ''] }, 'documents', /documents\[1\] is an empty string/],
    ['a document that is not a string', { documents: ['doc-1', 2] }, 'documents', /documents\[1\] is a number/],
    ['topN of 0', { topN: 0 }, 'topN', /topN must be a positive whole number .* got 0/],
    ['a fractional topN', { topN: 1.5 }, 'topN', /got 1\.5/],
    ['a negative topN', { topN: -2 }, 'topN', /got -2/],
  ])('%s', async (_name, override, argument, message) => {
    const error = await rerank({
      model: model(),
      query: 'q',
      documents: ['doc-1'],
      ...(override as object),
    } as Parameters<typeof rerank>[0]).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    expect((error as Error).message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it('an unknown option is a warning, not silently dropped', async () => {
    server.onPost(RERANK, request => json(reply(request)));
    const result = await rerankCollectingWarnings({
      model: model(),
      query: 'q',
      documents: ['doc-1'],
      providerOptions: { baseten: { returnText: true } },
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({
        type: 'unsupported',
        feature: 'providerOptions.baseten.returnText',
        details: expect.stringContaining('Reranking models do not use "returnText"'),
      }),
    ]);
    expect(server.requests[0].body).not.toHaveProperty('returnText');
    expect(server.requests[0].body).toHaveProperty('return_text', false);
  });

  it('no documents means no request', async () => {
    const direct = await (model() as RerankingModelV4).doRerank({
      query: 'q',
      documents: { type: 'text', values: [] },
    });
    expect(direct.ranking).toEqual([]);
    const result = await rerank({ model: model(), query: 'q', documents: [] });
    expect(result.ranking).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('no API key is a LoadAPIKeyError', async () => {
    const saved = process.env.BASETEN_API_KEY;
    delete process.env.BASETEN_API_KEY;
    try {
      const error = await rerank({
        model: createBaseten({ modelURL: `${ROOT}/sync`, performanceClient: false }).rerankingModel(),
        query: 'q',
        documents: ['doc-1'],
      }).catch((e: unknown) => e);
      expect(LoadAPIKeyError.isInstance(error)).toBe(true);
      expect(server.requests).toHaveLength(0);
    } finally {
      if (saved !== undefined) process.env.BASETEN_API_KEY = saved;
    }
  });

  it('modelURL errors at model creation name reranking; the embeddings ones are unchanged', () => {
    expect(() => createBaseten({ apiKey: KEY }).rerankingModel()).toThrow(RERANKING_NO_URL_MESSAGE);
    expect(() => createBaseten({ apiKey: KEY, modelURL: `${ROOT}/predict` }).rerankingModel()).toThrow(
      RERANKING_NOT_SYNC_MESSAGE,
    );
    expect(() => createBaseten({ apiKey: KEY, modelURL: `${ROOT}/async_predict` }).reranking()).toThrow(
      RERANKING_NOT_SYNC_MESSAGE,
    );
    expect(() => createBaseten({ apiKey: KEY, modelURL: `${ROOT}/sync/rerank` }).rerankingModel()).toThrow(
      RERANKING_NOT_SYNC_MESSAGE,
    );
    expect(RERANKING_NO_URL_MESSAGE).toMatch(/reranking.*modelURL/);
    expect(RERANKING_NOT_SYNC_MESSAGE).toBe('Not supported. You must use a /sync or /sync/v1 endpoint for reranking.');
    expect(() => createBaseten({ apiKey: KEY }).embeddingModel()).toThrow(EMBEDDINGS_NO_URL_MESSAGE);
    expect(() => createBaseten({ apiKey: KEY, modelURL: `${ROOT}/predict` }).embeddingModel()).toThrow(
      EMBEDDINGS_NOT_SYNC_MESSAGE,
    );
  });
});
