import { LoadSettingError, type SharedV4Warning } from '@ai-sdk/provider';
import { embed, rerank } from 'ai';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createBaseten,
  type BasetenProviderSettings,
} from '../baseten-provider';
import { json, useTestServer } from '../test/msw-server';
import { stringContaining } from '../test/matchers';
import { urlOf } from '../test/url-of';
import type { PerformanceClientConstructor } from './baseten-native-client';

// The transport rules, for every model kind that has two transports. The
// native client is a stand-in here, returned by a stubbed loader, so a rule
// that wrongly picks it shows up as `transport: 'native'` (and a call on the
// stand-in) in Node and edge alike, and "not installed" can be played out.
// The real client on a real h2c socket: see the `*.native.test.ts` files.

const loader = vi.hoisted(() => ({
  load: (): Promise<unknown> => Promise.reject(new Error('no loader set')),
}));
vi.mock('./baseten-native-client', async importOriginal => ({
  ...(await importOriginal<typeof import('./baseten-native-client')>()),
  loadPerformanceClient: () => loader.load(),
}));

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
  /** The native client's path for this kind, relative to `…/sync`. */
  nativePath: string;
  /** A valid answer to one request body. */
  reply: (body: unknown) => unknown;
  call: (
    settings: BasetenProviderSettings,
    options?: CallOptions,
  ) => Promise<Outcome>;
}

const kinds: ModelKind[] = [
  {
    name: 'embeddings',
    url: `${ROOT}/sync/v1/embeddings`,
    nativePath: 'v1/embeddings',
    reply: body => ({
      data: (body as { input: string[] }).input.map((_, index) => ({
        index,
        embedding: [0.5, 0.25],
      })),
      usage: { prompt_tokens: 1, total_tokens: 1 },
    }),
    call: async (settings, options = {}) => {
      const result = await embed({
        model: createBaseten(settings).embeddingModel(),
        value: 'text-1',
        ...options,
      });
      return {
        transport: result.providerMetadata?.baseten?.transport,
        warnings: result.warnings,
      };
    },
  },
  {
    name: 'reranking',
    url: `${ROOT}/sync/rerank`,
    nativePath: 'rerank',
    reply: body =>
      (body as { texts: string[] }).texts.map((_, index) => ({
        index,
        score: 0.5,
      })),
    call: async (settings, options = {}) => {
      // rerank reports warnings through onEnd only
      let warnings: SharedV4Warning[] = [];
      const result = await rerank({
        model: createBaseten(settings).rerankingModel(),
        query: 'q',
        documents: ['doc-1'],
        onEnd: event => {
          warnings = event.warnings;
        },
        ...options,
      });
      return {
        transport: result.providerMetadata?.baseten?.transport,
        warnings,
      };
    },
  },
];

/** What the stand-in native clients were asked to do. */
const native = {
  constructed: [] as Array<{ baseUrl: string; apiKey: unknown }>,
  posted: [] as Array<{ urlPath: string; payloads: unknown[] }>,
};

/** A stand-in for `PerformanceClient` that answers `batchPost` with `reply`. */
function standInClient(
  reply: (body: unknown) => unknown,
): PerformanceClientConstructor {
  return class StandInClient {
    constructor(baseUrl: string, apiKey?: string | null) {
      native.constructed.push({ baseUrl, apiKey });
    }
    embed(): Promise<unknown> {
      return Promise.reject(new Error('the provider posts through batchPost'));
    }
    batchPost(urlPath: string, payloads: unknown[]): Promise<unknown> {
      native.posted.push({ urlPath, payloads });
      return Promise.resolve({
        data: payloads.map(reply),
        response_headers: [],
      });
    }
  };
}

/** How `import('@basetenlabs/performance-client')` fails when the package is absent or broken. */
const loadFailures: Array<[string, () => Error]> = [
  [
    'not installed',
    () =>
      Object.assign(
        new Error(
          "Cannot find package '@basetenlabs/performance-client' imported from /app/node_modules/ai-sdk-provider-baseten/dist/index.js",
        ),
        { code: 'ERR_MODULE_NOT_FOUND' },
      ),
  ],
  [
    'installed without its native binding',
    () => new Error('Failed to load native binding'),
  ],
];

beforeEach(() => {
  native.constructed.length = 0;
  native.posted.length = 0;
});

describe.each(kinds)('$name: transport rules that send over HTTP', kind => {
  const answer = () =>
    server.onPost(kind.url, request => json(kind.reply(request.body)));
  // The native client is installed and loads: a rule that wrongly chose it would use this one.
  beforeEach(() => {
    const Installed = standInClient(kind.reply);
    loader.load = () => Promise.resolve(Installed);
  });

  it('performanceClient: false uses HTTP without a warning', async () => {
    answer();
    const outcome = await kind.call({
      apiKey: KEY,
      modelURL: `${ROOT}/sync`,
      performanceClient: false,
    });
    expect(outcome).toEqual({ transport: 'http', warnings: [] });
    expect(native.constructed).toEqual([]);
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
        details: stringContaining('custom headers (x-team)'),
      }),
    ]);
    expect(native.constructed).toEqual([]);
  });

  it('left unset, a custom fetch means HTTP through that fetch, without a warning', async () => {
    answer();
    const seen: string[] = [];
    const outcome = await kind.call({
      apiKey: KEY,
      modelURL: `${ROOT}/sync/v1`,
      fetch: (input, init) => {
        seen.push(urlOf(input));
        return globalThis.fetch(input, init);
      },
    });
    expect(seen).toEqual([kind.url]);
    expect(outcome).toEqual({ transport: 'http', warnings: [] });
    expect(native.constructed).toEqual([]);
  });

  it('left unset, per-call headers mean HTTP', async () => {
    answer();
    const outcome = await kind.call(
      { apiKey: KEY, modelURL: `${ROOT}/sync` },
      { headers: { 'x-trace': 't' } },
    );
    expect(outcome).toEqual({ transport: 'http', warnings: [] });
    expect(server.requests[0].headers['x-trace']).toBe('t');
    expect(native.constructed).toEqual([]);
  });

  it('left unset, provider headers mean HTTP, sent with every request, without a warning', async () => {
    answer();
    const outcome = await kind.call({
      apiKey: KEY,
      modelURL: `${ROOT}/sync`,
      headers: { 'x-team': 'a' },
    });
    expect(outcome).toEqual({ transport: 'http', warnings: [] });
    expect(server.requests.map(request => request.headers['x-team'])).toEqual([
      'a',
    ]);
    expect(native.constructed).toEqual([]);
  });

  it.each([
    ['provider headers', { headers: { 'x-team': 'a' } }, {}, 'x-team'],
    ['per-call headers', {}, { headers: { 'x-trace': 't' } }, 'x-trace'],
  ] as const)(
    'the PerformanceClient class with %s uses HTTP, sends them, and says so; the class is never built',
    async (_name, settings, options, header) => {
      answer();
      const outcome = await kind.call(
        {
          apiKey: KEY,
          modelURL: `${ROOT}/sync`,
          performanceClient: standInClient(kind.reply),
          ...settings,
        },
        options,
      );
      expect(outcome.transport).toBe('http');
      expect(server.requests.map(request => request.headers[header])).toEqual([
        expect.any(String),
      ]);
      expect(outcome.warnings).toEqual([
        {
          type: 'unsupported',
          feature: 'performanceClient',
          details: stringContaining(`custom headers (${header})`),
        },
      ]);
      expect(native.constructed).toEqual([]);
    },
  );

  it('hedgeDelayMs means HTTP (batchPost cannot hedge), with a warning when native was asked for', async () => {
    answer();
    const outcome = await kind.call(
      { apiKey: KEY, modelURL: `${ROOT}/sync`, performanceClient: true },
      { providerOptions: { baseten: { hedgeDelayMs: 500 } } },
    );
    expect(outcome.transport).toBe('http');
    expect(outcome.warnings).toEqual([
      expect.objectContaining({
        details: stringContaining('hedgeDelayMs'),
      }),
    ]);
    expect(native.constructed).toEqual([]);
  });
});

describe.each(kinds)('$name: the native client, installed or not', kind => {
  const answer = () =>
    server.onPost(kind.url, request => json(kind.reply(request.body)));

  it('left unset with nothing custom, an installed client that loads is used (with the key passed explicitly)', async () => {
    const Installed = standInClient(kind.reply);
    loader.load = () => Promise.resolve(Installed);
    const outcome = await kind.call({ apiKey: KEY, modelURL: `${ROOT}/sync` });
    expect(outcome).toEqual({ transport: 'native', warnings: [] });
    expect(native.constructed).toEqual([
      { baseUrl: `${ROOT}/sync`, apiKey: KEY },
    ]);
    expect(native.posted.map(post => post.urlPath)).toEqual([kind.nativePath]);
    expect(server.requests).toEqual([]);
  });

  describe.each(loadFailures)('the package %s', (_name, failure) => {
    beforeEach(() => {
      loader.load = () => Promise.reject(failure());
    });

    it('performanceClient: true is a LoadSettingError naming the package and how to install it; nothing is sent', async () => {
      answer();
      const error = await kind
        .call({
          apiKey: KEY,
          modelURL: `${ROOT}/sync`,
          performanceClient: true,
        })
        .catch((caught: unknown) => caught);
      expect(LoadSettingError.isInstance(error)).toBe(true);
      const { message } = error as Error;
      expect(message).toContain(
        'The performanceClient setting is true, but @basetenlabs/performance-client could not be loaded',
      );
      expect(message).toContain(`(${failure().message})`);
      expect(message).toContain(
        '`npm install @basetenlabs/performance-client@0.0.10`',
      );
      expect(message).toContain('performanceClient: false');
      expect(server.requests).toEqual([]);
    });

    it('left unset, the call goes over HTTP without a warning', async () => {
      answer();
      const outcome = await kind.call({
        apiKey: KEY,
        modelURL: `${ROOT}/sync`,
      });
      expect(outcome).toEqual({ transport: 'http', warnings: [] });
      expect(server.requests.map(request => request.url)).toEqual([kind.url]);
    });

    it('performanceClient: true with custom headers goes over HTTP with the warning, not the load error', async () => {
      answer();
      const outcome = await kind.call({
        apiKey: KEY,
        modelURL: `${ROOT}/sync`,
        performanceClient: true,
        headers: { 'x-team': 'a' },
      });
      expect(outcome.transport).toBe('http');
      expect(outcome.warnings).toEqual([
        expect.objectContaining({
          type: 'unsupported',
          feature: 'performanceClient',
        }),
      ]);
    });
  });
});
