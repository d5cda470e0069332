import { LoadSettingError } from '@ai-sdk/provider';
import { embed } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, useTestServer } from '../test/msw-server';

// The real lazy loader against a stand-in for the package (answered by the
// runtime's require, which requireOptionalPeer wraps): missing, broken, of an
// unsupported version, or shaped as a CommonJS default export. Each test
// imports the provider afresh, since a failed load is remembered for the life
// of the module.

const PACKAGE = '@basetenlabs/performance-client';
const ROOT = 'https://model-abcd1234.api.baseten.co/environments/production';
const EMBEDDINGS = `${ROOT}/sync/v1/embeddings`;
const KEY = 'test-key.0123456789';
const server = useTestServer();

const reply = (body: unknown) => ({
  data: (body as { input: string[] }).input.map((_, index) => ({
    index,
    embedding: [0.5, 0.25],
  })),
  usage: { prompt_tokens: 1, total_tokens: 1 },
});

const PEER_LOADER = './baseten-optional-peer';

/** Imports the provider with `require('@basetenlabs/performance-client')` answered by `factory`. */
async function providerWithPackage(
  factory: () => Record<string, unknown>,
  version = '0.0.10',
) {
  vi.resetModules();
  const imports = { count: 0 };
  vi.doMock(PEER_LOADER, () => ({
    requireOptionalPeer: (name: string) => {
      if (name === `${PACKAGE}/package.json`) return { version };
      if (name !== PACKAGE) throw new Error(`Cannot find module '${name}'`);
      imports.count++;
      return factory();
    },
  }));
  const { createBaseten } = await import('../baseten-provider');
  return { createBaseten, imports };
}

afterEach(() => {
  vi.doUnmock(PEER_LOADER);
});

describe('loading the native client on first use', () => {
  it.each([
    [
      'fails to import (not installed, or its binding does not load)',
      () => {
        throw new Error('Failed to load native binding');
      },
    ],
    [
      'exports no PerformanceClient',
      () => ({ PerformanceClient: undefined, default: {} }),
    ],
  ])(
    'a package that %s: performanceClient true is a LoadSettingError naming the package; unset uses HTTP',
    async (_name, factory) => {
      const { createBaseten, imports } = await providerWithPackage(factory);
      server.onPost(EMBEDDINGS, request => json(reply(request.body)));

      const error = await embed({
        model: createBaseten({
          apiKey: KEY,
          modelURL: `${ROOT}/sync`,
          performanceClient: true,
        }).embeddingModel(),
        value: 'text-1',
      }).catch((caught: unknown) => caught);
      expect(LoadSettingError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(
        /^The performanceClient setting is true, but @basetenlabs\/performance-client could not be loaded \(.+\)\. Install it with `npm install @basetenlabs\/performance-client@0\.0\.10`, or set performanceClient: false to use HTTP\.$/,
      );
      expect(server.requests).toEqual([]);

      const unset = await embed({
        model: createBaseten({
          apiKey: KEY,
          modelURL: `${ROOT}/sync`,
        }).embeddingModel(),
        value: 'text-1',
      });
      expect(unset.providerMetadata?.baseten?.transport).toBe('http');
      expect(unset.warnings).toEqual([]);
      expect(server.requests.map(request => request.url)).toEqual([EMBEDDINGS]);
      // a failed load is not tried again on every call
      expect(imports.count).toBe(1);
    },
  );

  it('the 0.1.x line (other batchPost arguments) is refused naming the supported version; unset, HTTP with a warning', async () => {
    const { createBaseten, imports } = await providerWithPackage(
      () => ({ PerformanceClient: class {} }),
      '0.1.4',
    );
    server.onPost(EMBEDDINGS, request => json(reply(request.body)));
    const error = await embed({
      model: createBaseten({
        apiKey: KEY,
        modelURL: `${ROOT}/sync`,
        performanceClient: true,
      }).embeddingModel(),
      value: 'text-1',
    }).catch((caught: unknown) => caught);
    expect(LoadSettingError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      "@basetenlabs/performance-client 0.1.4 is installed, but this provider supports 0.0.10 (later lines changed batchPost's arguments). Install it with `npm install @basetenlabs/performance-client@0.0.10`, or set performanceClient: false to use HTTP.",
    );
    expect(server.requests).toEqual([]);

    const unset = await embed({
      model: createBaseten({
        apiKey: KEY,
        modelURL: `${ROOT}/sync`,
      }).embeddingModel(),
      value: 'text-1',
    });
    expect(unset.providerMetadata?.baseten?.transport).toBe('http');
    expect(unset.warnings).toEqual([
      {
        type: 'unsupported',
        feature: 'performanceClient',
        details: `${(error as Error).message} This call was sent over HTTP.`,
      },
    ]);
    expect(server.requests.map(request => request.url)).toEqual([EMBEDDINGS]);
    expect(imports.count).toBe(0);
  });

  it('a CommonJS build (the class under default) is found and used, with the key passed explicitly', async () => {
    const constructed: unknown[][] = [];
    class StandInClient {
      constructor(...args: unknown[]) {
        constructed.push(args);
      }
      embed(): Promise<unknown> {
        return Promise.reject(
          new Error('the provider posts through batchPost'),
        );
      }
      batchPost(_path: string, payloads: unknown[]): Promise<unknown> {
        return Promise.resolve({
          data: payloads.map(reply),
          response_headers: [],
        });
      }
    }
    const { createBaseten } = await providerWithPackage(() => ({
      PerformanceClient: undefined,
      default: { PerformanceClient: StandInClient },
    }));
    server.onPost(EMBEDDINGS, request => json(reply(request.body)));
    const model = createBaseten({
      apiKey: KEY,
      modelURL: `${ROOT}/sync`,
    }).embeddingModel();
    const first = await embed({ model, value: 'text-1' });
    await embed({ model, value: 'text-2' });
    expect(first.providerMetadata?.baseten?.transport).toBe('native');
    expect(first.embedding).toEqual([0.5, 0.25]);
    expect(constructed).toEqual([[`${ROOT}/sync`, KEY]]);
    expect(server.requests).toEqual([]);
  });

  it('creating an embedding or reranking model starts the import, before any call', async () => {
    const { createBaseten, imports } = await providerWithPackage(() => ({
      PerformanceClient: class {},
    }));
    const baseten = createBaseten({ apiKey: KEY, modelURL: `${ROOT}/sync` });
    baseten.embeddingModel();
    baseten.rerankingModel();
    await vi.waitFor(() => expect(imports.count).toBe(1));
    expect(server.requests).toEqual([]);
  });

  it.each([
    ['performanceClient: false', { performanceClient: false }],
    ['a custom fetch', { fetch: globalThis.fetch }],
    ['custom headers', { headers: { 'x-team': 'search' } }],
  ])(
    'with %s (calls go over HTTP) nothing is imported',
    async (_name, settings) => {
      const { createBaseten, imports } = await providerWithPackage(() => ({
        PerformanceClient: class {},
      }));
      server.onPost(EMBEDDINGS, request => json(reply(request.body)));
      const result = await embed({
        model: createBaseten({
          apiKey: KEY,
          modelURL: `${ROOT}/sync`,
          ...settings,
        }).embeddingModel(),
        value: 'text-1',
      });
      expect(result.providerMetadata?.baseten?.transport).toBe('http');
      expect(imports.count).toBe(0);
    },
  );
});
