import { embed, rerank } from 'ai';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { useH2cServer, type H2cRequest } from '../test/h2c-server';
import liveHeaders from './__fixtures__/deployment-response-headers.json';
import unsortedScores from '../reranking/__fixtures__/bei-rerank-unsorted.json';

// The native performance client needs a real h2c socket: node project only.

const KEY = 'native-request-id-key.0123456789';
const server = useH2cServer();

const deployment = () =>
  createBaseten({
    apiKey: KEY,
    modelURL: `${server.origin}/environments/production/sync`,
    performanceClient: true,
  });

function embeddingsBody(request: H2cRequest) {
  const { input } = request.body as { input: string[] };
  return input.map((_, index) => ({
    object: 'embedding',
    index,
    embedding: [0.25, -0.5],
  }));
}

const expectedMetadata = {
  transport: 'native',
  requests: 1,
  requestId: liveHeaders['X-Baseten-Request-Id'],
  modelId: liveHeaders['X-Baseten-Model-Id'],
  modelVersionId: liveHeaders['X-Baseten-Model-Version-Id'],
};

describe('request ids through the native performance client', () => {
  it('embeddings take them from the client’s response_headers', async () => {
    server.handle(request => ({
      body: { object: 'list', model: 'bge-m3', data: embeddingsBody(request) },
      headers: liveHeaders,
    }));
    const result = await embed({
      model: deployment().embeddingModel(),
      value: 'hello',
    });
    expect(result.providerMetadata?.baseten).toEqual(expectedMetadata);
    expect(result.response?.headers?.['x-baseten-model-version-id']).toBe(
      '31p7x9m',
    );
  });

  it('reranking takes them from the client’s response_headers', async () => {
    server.handle(() => ({ body: unsortedScores, headers: liveHeaders }));
    const { providerMetadata } = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(providerMetadata?.baseten).toEqual(expectedMetadata);
  });

  it('a server without Baseten headers gives no request id', async () => {
    server.handle(() => ({ body: unsortedScores }));
    const { providerMetadata } = await rerank({
      model: deployment().rerankingModel(),
      query: 'q',
      documents: ['a', 'b', 'c', 'd', 'e'],
    });
    expect(providerMetadata?.baseten).toEqual({
      transport: 'native',
      requests: 1,
    });
  });
});
