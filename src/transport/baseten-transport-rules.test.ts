import type { SharedV4Warning } from '@ai-sdk/provider';
import { embed, rerank } from 'ai';
import { describe, expect, it } from 'vitest';
import { createBaseten, type BasetenProviderSettings } from '../baseten-provider';
import { json, useTestServer, type RecordedRequest } from '../test/msw-server';

// The transport rules that end on HTTP, for every model kind that has two
// transports. (The ones that end on the native client need a real h2c
// socket: see the `*.native.test.ts` files.)

const ROOT = 'https://model-abcd1234.api.baseten.co/environments/production';
const KEY = 'test-key.0123456789';
const server = useTestServer();

interface CallOptions {
  headers?: Record<string, string>;
  providerOptions?: { baseten: Record<string, number> };
}

interface Outcome {
  transport: unknown;
  warnings: SharedV4Warning[];
}

interface ModelKind {
  name: string;
  url: string;
  reply: (request: RecordedRequest) => unknown;
  call: (settings: BasetenProviderSettings, options?: CallOptions) => Promise<Outcome>;
}

const kinds: ModelKind[] = [
  {
    name: 'embeddings',
    url: `${ROOT}/sync/v1/embeddings`,
    reply: request => ({
      data: (request.body as { input: string[] }).input.map((_, index) => ({ index, embedding: [0.5, 0.25] })),
      usage: { prompt_tokens: 1, total_tokens: 1 },
    }),
    call: async (settings, options = {}) => {
      const result = await embed({
        model: createBaseten(settings).embeddingModel(),
        value: 'text-1',
        ...options,
      });
      return { transport: result.providerMetadata?.baseten?.transport, warnings: result.warnings };
    },
  },
  {
    name: 'reranking',
    url: `${ROOT}/sync/rerank`,
    reply: request =>
      (request.body as { texts: string[] }).texts.map((_, index) => ({ index, score: 0.5 })),
    call: async (settings, options = {}) => {
      // rerank reports warnings through onEnd only
      let warnings: SharedV4Warning[] = [];
      const result = await rerank({
        model: createBaseten(settings).rerankingModel(),
        query: 'q',
        documents: ['doc-1'],
        onEnd: event => {
          warnings = event.warnings as SharedV4Warning[];
        },
        ...options,
      });
      return { transport: result.providerMetadata?.baseten?.transport, warnings };
    },
  },
];

describe.each(kinds)('$name: transport rules that send over HTTP', kind => {
  const answer = () => server.onPost(kind.url, request => json(kind.reply(request)));

  it('performanceClient: false uses HTTP without a warning', async () => {
    answer();
    const outcome = await kind.call({ apiKey: KEY, modelURL: `${ROOT}/sync`, performanceClient: false });
    expect(outcome).toEqual({ transport: 'http', warnings: [] });
  });

  it('performanceClient: true with custom headers uses HTTP, sends them, and says so', async () => {
    answer();
    const outcome = await kind.call({
      apiKey: KEY,
      modelURL: `${ROOT}/sync`,
      performanceClient: true,
      headers: { 'x-team': 'a' },
    });
    expect(outcome.transport).toBe('http');
    expect(server.requests[0].headers['x-team']).toBe('a');
    expect(outcome.warnings).toEqual([
      expect.objectContaining({
        type: 'unsupported',
        feature: 'performanceClient',
        details: expect.stringContaining('custom headers (x-team)'),
      }),
    ]);
  });

  it('left unset, a custom fetch means HTTP through that fetch, without a warning', async () => {
    answer();
    const seen: string[] = [];
    const outcome = await kind.call({
      apiKey: KEY,
      modelURL: `${ROOT}/sync/v1`,
      fetch: (input, init) => {
        seen.push(String(input));
        return globalThis.fetch(input, init);
      },
    });
    expect(seen).toEqual([kind.url]);
    expect(outcome).toEqual({ transport: 'http', warnings: [] });
  });

  it('left unset, per-call headers mean HTTP', async () => {
    answer();
    const outcome = await kind.call(
      { apiKey: KEY, modelURL: `${ROOT}/sync` },
      { headers: { 'x-trace': 't' } },
    );
    expect(outcome.transport).toBe('http');
    expect(server.requests[0].headers['x-trace']).toBe('t');
  });

  it('hedgeDelayMs means HTTP (batchPost cannot hedge), with a warning when native was asked for', async () => {
    answer();
    const outcome = await kind.call(
      { apiKey: KEY, modelURL: `${ROOT}/sync`, performanceClient: true },
      { providerOptions: { baseten: { hedgeDelayMs: 500 } } },
    );
    expect(outcome.transport).toBe('http');
    expect(outcome.warnings).toEqual([
      expect.objectContaining({ details: expect.stringContaining('hedgeDelayMs') }),
    ]);
  });
});
