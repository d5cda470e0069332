import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import {
  CLASSIFICATION_NO_URL_MESSAGE,
  CLASSIFICATION_NOT_SYNC_MESSAGE,
} from '../baseten-url';
import batchTooLarge from '../embedding/__fixtures__/bei-batch-too-large.json';
import { expectInvalidResponseData } from '../test/expect-errors';
import { httpDeployment, TEST_KEY } from '../test/http-deployment';
import { json, useTestServer, type RecordedRequest } from '../test/msw-server';
import { createBaseten } from '../baseten-provider';
import { VERSION } from '../version';
import emotions from './__fixtures__/bei-classify-emotions.json';
import nerMax from './__fixtures__/bei-ner-max-aggregation.json';
import nerRaw from './__fixtures__/bei-ner-none-raw-scores.json';

const ROOT = 'https://model-wxyz5678.api.baseten.co/environments/production';
const PREDICT = `${ROOT}/sync/predict`;
const PREDICT_TOKENS = `${ROOT}/sync/predict_tokens`;
const server = useTestServer();

interface ClassifyBody {
  inputs: string[][];
}

/** A BEI answer with one label per text, scored by the text's number (`t-7` → 7). */
const labelsFor = (request: RecordedRequest) =>
  (request.body as ClassifyBody).inputs.map(([text]) => [
    { label: text, score: Number(text.split('-')[1]) },
  ]);

const texts = (count: number) =>
  Array.from({ length: count }, (_, i) => `t-${i}`);

describe('classify (BEI /sync/predict)', () => {
  it('posts each text as a single-text array with the set options, and keeps the labels in order', async () => {
    server.onPost(PREDICT, () =>
      json(emotions, 200, { 'x-baseten-request-id': 'req-cls' }),
    );
    const classifier = httpDeployment(ROOT).classifier();
    const result = await classifier.classify(
      ['Thanks so much, this fixed it!', 'Still broken after the update.'],
      { rawScores: false, truncate: true, truncationDirection: 'Left' },
    );
    const [request] = server.requests;
    expect(request.url).toBe(PREDICT);
    expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(request.headers['user-agent']).toContain(
      `ai-sdk-provider-baseten/${VERSION}`,
    );
    expect(request.body).toEqual({
      inputs: [
        ['Thanks so much, this fixed it!'],
        ['Still broken after the update.'],
      ],
      raw_scores: false,
      truncate: true,
      truncation_direction: 'Left',
    });
    expect(result.classifications).toEqual(emotions);
    expect(result.providerMetadata).toEqual({
      baseten: { transport: 'http', requests: 1, requestId: 'req-cls' },
    });
    expect(result.warnings).toEqual([]);
  });

  it('sends only the options that are set', async () => {
    server.onPost(PREDICT, request => json(labelsFor(request)));
    await httpDeployment(ROOT).classifier().classify(['t-1']);
    expect(server.requests[0].body).toEqual({ inputs: [['t-1']] });
  });

  it('splits 300 texts into 128-text requests and joins the answers in input order', async () => {
    server.onPost(PREDICT, request => json(labelsFor(request)));
    const { classifications, providerMetadata } = await httpDeployment(ROOT)
      .classifier()
      .classify(texts(300), { maxConcurrentRequests: 3 });
    expect(
      server.requests.map(r => (r.body as ClassifyBody).inputs.length).sort(),
    ).toEqual([128, 128, 44]);
    expect(classifications.map(([top]) => top.label)).toEqual(texts(300));
    expect(providerMetadata).toMatchObject({
      baseten: { requests: 3 },
    });
  });

  it('accepts …/sync/v1, …/sync/predict and …/sync/predict_tokens as the same deployment', async () => {
    server.onPost(PREDICT, request => json(labelsFor(request)));
    for (const modelURL of [
      `${ROOT}/sync/v1`,
      `${ROOT}/sync/predict`,
      `${ROOT}/sync/predict_tokens`,
    ]) {
      await createBaseten({
        apiKey: TEST_KEY,
        modelURL,
        performanceClient: false,
      })
        .classifier()
        .classify(['t-1']);
    }
    expect(server.requests.map(r => r.url)).toEqual([
      PREDICT,
      PREDICT,
      PREDICT,
    ]);
  });

  it('refuses fewer label lists than texts (nothing partial)', async () => {
    server.onPost(PREDICT, () => json(emotions.slice(0, 1)));
    const error = await httpDeployment(ROOT)
      .classifier()
      .classify(['one', 'two'])
      .catch((caught: unknown) => caught);
    expectInvalidResponseData(
      error,
      /returned 1 label lists for the 2 texts of classify request 1/,
    );
  });

  it('refuses an empty label list and a body of another shape', async () => {
    server.onPost(PREDICT, () => json([[]]));
    expectInvalidResponseData(
      await httpDeployment(ROOT)
        .classifier()
        .classify(['one'])
        .catch((caught: unknown) => caught),
      /label list 0 in classify request 1 is empty/,
    );
    server.onPost(PREDICT, () => json({ object: 'list', data: emotions }));
    expectInvalidResponseData(
      await httpDeployment(ROOT)
        .classifier()
        .classify(['one', 'two'])
        .catch((caught: unknown) => caught),
      /not one list of \{ label, score \} per input/,
    );
  });

  it("passes BEI's 413 on with its message (not retryable)", async () => {
    server.onPost(PREDICT, () => json(batchTooLarge, 413));
    const error = await httpDeployment(ROOT)
      .classifier()
      .classify(['one'])
      .catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toBe(
      'batch size 129 > maximum allowed batch size 128',
    );
    expect((error as APICallError).isRetryable).toBe(false);
  });

  it('refuses bad input and options before sending anything', async () => {
    const classifier = httpDeployment(ROOT).classifier();
    await expect(classifier.classify(['ok', ''])).rejects.toThrow(
      /values\[1\] is an empty string; every text to classify must be a non-empty string/,
    );
    await expect(
      classifier.classify(['ok'], { batchSize: 200 }),
    ).rejects.toThrow(
      /Invalid BasetenClassificationOptions: batchSize: batchSize must be at most 128/,
    );
    await expect(
      classifier.classify(['ok'], {
        rawScore: true,
      } as unknown as { rawScores: boolean }),
    ).rejects.toSatisfy(
      (error: unknown) =>
        InvalidArgumentError.isInstance(error) &&
        /rawScore/.test(error.message),
    );
    expect(server.requests).toHaveLength(0);
    expect(await classifier.classify([])).toMatchObject({
      classifications: [],
    });
  });

  it('needs a /sync modelURL, with the documented messages', () => {
    expect(() => createBaseten({ apiKey: TEST_KEY }).classifier()).toThrow(
      CLASSIFICATION_NO_URL_MESSAGE,
    );
    expect(() =>
      createBaseten({
        apiKey: TEST_KEY,
        modelURL: `${ROOT}/predict`,
      }).classifier(),
    ).toThrow(CLASSIFICATION_NOT_SYNC_MESSAGE);
  });
});

describe('classifyTokens (BEI-Bert /sync/predict_tokens, NER)', () => {
  it('posts the texts with aggregation_strategy and maps merged entity spans', async () => {
    server.onPost(PREDICT_TOKENS, () => json(nerMax));
    const text = 'Maria Lopez joined Baseten in San Francisco last March.';
    const { entities } = await httpDeployment(ROOT)
      .classifier()
      .classifyTokens([text, 'nothing to see here'], {
        aggregationStrategy: 'max',
      });
    expect(server.requests[0].body).toEqual({
      inputs: [[text], ['nothing to see here']],
      aggregation_strategy: 'max',
    });
    expect(entities[0]).toEqual([
      {
        token: 'Maria Lopez',
        tokenId: 0,
        start: 0,
        end: 11,
        scores: { PER: 0.99812 },
      },
      {
        token: 'Baseten',
        tokenId: 0,
        start: 19,
        end: 26,
        scores: { ORG: 0.98147 },
      },
      {
        token: 'San Francisco',
        tokenId: 0,
        start: 30,
        end: 43,
        scores: { LOC: 0.99633 },
      },
    ]);
    expect(entities[0].map(({ start, end }) => text.slice(start, end))).toEqual(
      ['Maria Lopez', 'Baseten', 'San Francisco'],
    );
    expect(entities[1]).toEqual([]);
  });

  it('keeps every BIO logit per sub-word token with aggregation none and raw scores', async () => {
    server.onPost(PREDICT_TOKENS, () => json(nerRaw));
    const { entities } = await httpDeployment(ROOT)
      .classifier()
      .classifyTokens(['Maria flew'], {
        aggregationStrategy: 'none',
        rawScores: true,
      });
    expect(server.requests[0].body).toMatchObject({
      raw_scores: true,
      aggregation_strategy: 'none',
    });
    expect(entities[0].map(e => e.tokenId)).toEqual([3814, 5520]);
    expect(Object.keys(entities[0][0].scores)).toHaveLength(9);
    expect(entities[0][0].scores['B-PER']).toBe(7.93);
  });

  it('refuses a span that ends before it starts, and a wrong count', async () => {
    server.onPost(PREDICT_TOKENS, () =>
      json([
        [{ token: 'x', token_id: 0, start: 5, end: 2, results: { ORG: 0.9 } }],
      ]),
    );
    expectInvalidResponseData(
      await httpDeployment(ROOT)
        .classifier()
        .classifyTokens(['x'])
        .catch((caught: unknown) => caught),
      /ends \(2\) before it starts \(5\)/,
    );
    server.onPost(PREDICT_TOKENS, () => json(nerRaw));
    expectInvalidResponseData(
      await httpDeployment(ROOT)
        .classifier()
        .classifyTokens(['a', 'b'])
        .catch((caught: unknown) => caught),
      /returned 1 entity lists for the 2 texts of predict_tokens request 1/,
    );
  });

  it('rejects an unknown aggregation strategy before sending', async () => {
    await expect(
      httpDeployment(ROOT)
        .classifier()
        .classifyTokens(['x'], {
          aggregationStrategy: 'mean' as 'max',
        }),
    ).rejects.toThrow(
      /Invalid BasetenTokenClassificationOptions: aggregationStrategy/,
    );
    expect(server.requests).toHaveLength(0);
  });
});
