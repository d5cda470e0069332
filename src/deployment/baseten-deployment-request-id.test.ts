import { APICallError } from '@ai-sdk/provider';
import { embed, embedMany, rerank } from 'ai';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { json, useTestServer } from '../test/msw-server';
import liveHeaders from './__fixtures__/deployment-response-headers.json';
import internalError from './__fixtures__/edge-internal-error-500.json';
import batchTooLarge from '../embedding/__fixtures__/bei-batch-too-large.json';
import unsortedScores from '../reranking/__fixtures__/bei-rerank-unsorted.json';

const ROOT = 'https://model-q8w2k5zd.api.baseten.co/environments/production';
const EMBEDDINGS = `${ROOT}/sync/v1/embeddings`;
const RERANK = `${ROOT}/sync/rerank`;
const KEY = 'request-id-key.0123456789';
const REQUEST_ID = liveHeaders['X-Baseten-Request-Id'];

const server = useTestServer();

const deployment = () =>
  createBaseten({
    apiKey: KEY,
    modelURL: `${ROOT}/sync`,
    performanceClient: false,
  });

/** A JSON answer carrying the headers a live deployment sends. */
function withLiveHeaders(body: unknown, status = 200): Response {
  const response = json(body, status);
  for (const [name, value] of Object.entries(liveHeaders))
    response.headers.set(name, value);
  return response;
}

function embeddingsBody(input: string[]) {
  return {
    object: 'list',
    model: 'bge-m3',
    data: input.map((_, index) => ({
      object: 'embedding',
      index,
      embedding: [0.25, -0.5],
    })),
    usage: { prompt_tokens: input.length, total_tokens: input.length },
  };
}

const expectedMetadata = {
  requestId: REQUEST_ID,
  modelId: 'q8w2k5zd',
  modelVersionId: '31p7x9m',
};

describe('request ids over HTTP', () => {
  it('embeddings carry the request id and model ids in providerMetadata.baseten', async () => {
    server.onPost(EMBEDDINGS, request =>
      withLiveHeaders(
        embeddingsBody((request.body as { input: string[] }).input),
      ),
    );
    const result = await embed({
      model: deployment().embeddingModel(),
      value: 'hello',
    });
    expect(result.providerMetadata?.baseten).toEqual({
      transport: 'http',
      requests: 1,
      ...expectedMetadata,
    });
    expect(result.response?.headers?.['x-baseten-request-id']).toBe(REQUEST_ID);
  });

  it('embedMany over several requests reports a request id too', async () => {
    server.onPost(EMBEDDINGS, request =>
      withLiveHeaders(
        embeddingsBody((request.body as { input: string[] }).input),
      ),
    );
    const { providerMetadata } = await embedMany({
      model: deployment().embeddingModel(),
      values: Array.from({ length: 130 }, (_, i) => `text-${i}`),
    });
    expect(providerMetadata?.baseten).toEqual({
      transport: 'http',
      requests: 2,
      ...expectedMetadata,
    });
  });

  it('reranking carries the request id and model ids in providerMetadata.baseten', async () => {
    server.onPost(RERANK, () => withLiveHeaders(unsortedScores));
    const { providerMetadata } = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(providerMetadata?.baseten).toEqual({
      transport: 'http',
      requests: 1,
      ...expectedMetadata,
    });
  });

  it('a deployment error keeps its headers and ends its message with the request id', async () => {
    server.onPost(EMBEDDINGS, () => withLiveHeaders(batchTooLarge, 413));
    const error = await embed({
      model: deployment().embeddingModel(),
      value: 'hello',
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.message).toBe(
      `batch size 129 > maximum allowed batch size 128 (request id ${REQUEST_ID})`,
    );
    expect(apiError.responseHeaders?.['x-baseten-model-id']).toBe('q8w2k5zd');
    expect(apiError.isRetryable).toBe(false);
  });

  it('a 500 is retryable and names the request id', async () => {
    server.onPost(RERANK, () => withLiveHeaders(internalError, 500));
    const error = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['a'],
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toBe(
      `Internal Server Error (request id ${REQUEST_ID})`,
    );
    expect((error as APICallError).isRetryable).toBe(true);
  });

  it('an error without a request id header has no suffix', async () => {
    server.onPost(EMBEDDINGS, () => json(batchTooLarge, 413));
    const error = await embed({
      model: deployment().embeddingModel(),
      value: 'hello',
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'batch size 129 > maximum allowed batch size 128',
    );
  });
});
