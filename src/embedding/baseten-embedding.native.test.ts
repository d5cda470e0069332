import { PerformanceClient } from '@basetenlabs/performance-client';
import { embed, embedMany } from 'ai';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { expectInvalidResponseData } from '../test/expect-errors';
import { useH2cServer, type H2cRequest } from '../test/h2c-server';
import usagePromptBelowTotal from './__fixtures__/embeddings-base64-usage-prompt-below-total.json';
import usageTotalOnly from './__fixtures__/embeddings-base64-usage-total-only.json';

// These tests need the native performance client and a real h2c socket, so
// they run in the node project only (`*.native.test.ts`).

const KEY = 'native-key.0123456789';
const server = useH2cServer();

const modelURL = (form: '/sync' | '/sync/v1' = '/sync') =>
  `${server.origin}/environments/production${form}`;

/** A provider that requires the native client (`performanceClient: true`). */
const nativeDeployment = (form: '/sync' | '/sync/v1' = '/sync') =>
  createBaseten({
    apiKey: KEY,
    modelURL: modelURL(form),
    performanceClient: true,
  });

function reply(
  request: H2cRequest,
  dimensions = 16,
  options: { ignoreEncoding?: boolean } = {},
) {
  const body = request.body as { input: string[]; encoding_format?: string };
  const base64 = body.encoding_format === 'base64' && !options.ignoreEncoding;
  return {
    body: {
      object: 'list',
      data: body.input.map((text, index) => {
        const vector = new Float32Array(dimensions).fill(0.25);
        vector[0] = Number(text.split('-')[1]);
        return {
          object: 'embedding',
          index,
          embedding: base64
            ? Buffer.from(vector.buffer).toString('base64')
            : Array.from(vector),
        };
      }),
      usage: {
        prompt_tokens: body.input.length,
        total_tokens: body.input.length,
      },
    },
  };
}

const texts = (count: number) =>
  Array.from({ length: count }, (_, i) => `text-${i}`);

describe('embeddings through the native performance client', () => {
  it('is used by default when installed, with the key passed explicitly', async () => {
    server.handle(request => reply(request));
    const { embedding, usage, providerMetadata } = await embed({
      model: createBaseten({
        apiKey: KEY,
        modelURL: modelURL(),
      }).embeddingModel('bei'),
      value: 'text-4',
    });
    expect(embedding[0]).toBe(4);
    expect(embedding).toHaveLength(16);
    expect(usage).toEqual({ tokens: 1 });
    expect(providerMetadata?.baseten).toEqual({
      transport: 'native',
      requests: 1,
    });
    const [request] = server.requests;
    expect(request.path).toBe('/environments/production/sync/v1/embeddings');
    expect(request.headers['user-agent']).toMatch(
      /^baseten-performance-client\//,
    );
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body).toEqual({
      model: 'bei',
      input: ['text-4'],
      encoding_format: 'base64',
    });
  });

  it.each(['/sync', '/sync/v1'] as const)(
    'embedMany of 5,000 texts through a %s URL comes back complete and in order',
    async form => {
      server.handle(request => reply(request));
      const { embeddings, usage } = await embedMany({
        model: nativeDeployment(form).embeddingModel(),
        values: texts(5000),
      });
      expect(embeddings).toHaveLength(5000);
      expect(
        embeddings.every(
          (vector, i) => vector[0] === i && vector.length === 16,
        ),
      ).toBe(true);
      expect(usage).toEqual({ tokens: 5000 });
      expect(server.requests).toHaveLength(Math.ceil(5000 / 128));
      expect(new Set(server.requests.map(request => request.path))).toEqual(
        new Set(['/environments/production/sync/v1/embeddings']),
      );
    },
  );

  it('never lets the native client read OPENAI_API_KEY or BASETEN_API_KEY itself', async () => {
    server.handle(request => reply(request));
    const saved = {
      openai: process.env.OPENAI_API_KEY,
      baseten: process.env.BASETEN_API_KEY,
    };
    process.env.OPENAI_API_KEY = 'sk-openai-canary';
    process.env.BASETEN_API_KEY = 'env-baseten-key';
    try {
      await embed({
        model: nativeDeployment().embeddingModel(),
        value: 'text-1',
      });
      await embed({
        model: createBaseten({
          modelURL: modelURL(),
          performanceClient: true,
        }).embeddingModel(),
        value: 'text-1',
      });
    } finally {
      process.env.OPENAI_API_KEY = saved.openai;
      process.env.BASETEN_API_KEY = saved.baseten;
      if (saved.openai === undefined) delete process.env.OPENAI_API_KEY;
      if (saved.baseten === undefined) delete process.env.BASETEN_API_KEY;
    }
    expect(
      server.requests.map(request => request.headers.authorization),
    ).toEqual([`Bearer ${KEY}`, 'Bearer env-baseten-key']);
  });
});

describe('the native client per model', () => {
  it('is created once, and again when the key in the environment changes', async () => {
    server.handle(request => reply(request));
    const constructed: string[] = [];
    class CountingClient extends PerformanceClient {
      constructor(baseUrl: string, apiKey?: string | null) {
        super(baseUrl, apiKey);
        constructed.push(String(apiKey));
      }
    }
    const saved = process.env.BASETEN_API_KEY;
    try {
      process.env.BASETEN_API_KEY = 'first-key.0001';
      const model = createBaseten({
        modelURL: modelURL(),
        performanceClient: CountingClient,
      }).embeddingModel();
      await embed({ model, value: 'text-1' });
      await embed({ model, value: 'text-2' });
      process.env.BASETEN_API_KEY = 'second-key.0002';
      await embed({ model, value: 'text-3' });
    } finally {
      if (saved === undefined) delete process.env.BASETEN_API_KEY;
      else process.env.BASETEN_API_KEY = saved;
    }
    expect(constructed).toEqual(['first-key.0001', 'second-key.0002']);
    expect(
      server.requests.map(request => request.headers.authorization),
    ).toEqual([
      'Bearer first-key.0001',
      'Bearer first-key.0001',
      'Bearer second-key.0002',
    ]);
  });
});

describe('native calls sent in groups', () => {
  it('keeps order and offsets across groups of batchPost calls', async () => {
    server.handle(request => reply(request, 4));
    const { embeddings, usage } = await embedMany({
      model: nativeDeployment().embeddingModel(),
      values: texts(300),
      // 150 requests; 4 in flight → 4 batchPost calls of one request each at a time
      providerOptions: { baseten: { batchSize: 2, maxConcurrentRequests: 4 } },
    });
    expect(server.requests).toHaveLength(150);
    expect(embeddings.map(vector => vector[0])).toEqual(
      texts(300).map((_, i) => i),
    );
    expect(usage).toEqual({ tokens: 300 });
  });

  it.each([
    [32, 4, 8],
    [20, 2, 10],
    [3, 1, 3],
  ])(
    'maxConcurrentRequests %i: batchPost gets groups of %i requests, %i calls at once',
    async (maxConcurrentRequests, groupSize, lanes) => {
      const seen = {
        groups: [] as Array<[number, unknown]>,
        inFlight: 0,
        maxInFlight: 0,
      };
      class RecordingClient {
        embed(): Promise<unknown> {
          return Promise.reject(
            new Error('the provider posts through batchPost'),
          );
        }
        async batchPost(
          _path: string,
          payloads: unknown[],
          concurrency: unknown,
        ) {
          seen.groups.push([payloads.length, concurrency]);
          seen.maxInFlight = Math.max(seen.maxInFlight, ++seen.inFlight);
          // answer on a later turn, so the other calls are started meanwhile
          await new Promise(resolve => setImmediate(resolve));
          seen.inFlight--;
          const data = payloads.map(
            payload => reply({ body: payload } as H2cRequest, 4).body,
          );
          return { data, response_headers: [] };
        }
      }
      const { embeddings } = await embedMany({
        model: createBaseten({
          apiKey: KEY,
          modelURL: modelURL(),
          performanceClient: RecordingClient,
        }).embeddingModel(),
        values: texts(200),
        providerOptions: { baseten: { batchSize: 1, maxConcurrentRequests } },
      });
      expect(embeddings.map(vector => vector[0])).toEqual(
        texts(200).map((_, i) => i),
      );
      const sizes = seen.groups.map(([size]) => size);
      expect(sizes.slice(0, -1).every(size => size === groupSize)).toBe(true);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(200);
      expect(
        seen.groups.every(([, concurrency]) => concurrency === groupSize),
      ).toBe(true);
      expect(seen.maxInFlight).toBe(lanes);
    },
  );
});

describe('native: usage', () => {
  it.each([
    [
      'prompt_tokens when it differs from total_tokens',
      usagePromptBelowTotal,
      6,
    ],
    ['total_tokens when there is no prompt_tokens', usageTotalOnly, 11],
  ])('usage.tokens is %s', async (_name, body, tokens) => {
    server.handle(() => ({ body }));
    const { embeddings, usage, providerMetadata } = await embedMany({
      model: nativeDeployment().embeddingModel(),
      values: texts(2),
    });
    expect(providerMetadata?.baseten?.transport).toBe('native');
    expect(usage).toEqual({ tokens });
    expect(embeddings).toHaveLength(2);
  });

  it('sums each request by its own rule, and reports no usage when a request has none', async () => {
    const bodyFor = (request: H2cRequest) =>
      (request.body as { input: string[] }).input[0] === 'text-0'
        ? usagePromptBelowTotal
        : usageTotalOnly;
    const model = nativeDeployment().embeddingModel();
    const options = { providerOptions: { baseten: { batchSize: 2 } } };

    server.handle(request => ({ body: bodyFor(request) }));
    const summed = await embedMany({ model, values: texts(4), ...options });
    expect(summed.usage).toEqual({ tokens: 6 + 11 });

    server.handle(request => {
      const body = bodyFor(request);
      return {
        body: body === usageTotalOnly ? { ...body, usage: undefined } : body,
      };
    });
    const partial = await embedMany({ model, values: texts(4), ...options });
    expect(partial.embeddings).toHaveLength(4);
    expect(partial.usage.tokens).toBeNaN();
  });
});

describe('native: nothing lost silently', () => {
  type Body = ReturnType<typeof reply>['body'];
  const cases: Array<[string, (request: H2cRequest) => Body, RegExp]> = [
    [
      'more vectors than inputs',
      request => {
        const { body } = reply(request);
        return { ...body, data: [...body.data, body.data[0]] };
      },
      /returned 3 embeddings for the 2 inputs/,
    ],
    [
      'an empty base64 vector',
      request => {
        const { body } = reply(request);
        return {
          ...body,
          data: body.data.map(item => ({ ...item, embedding: '' })),
        };
      },
      /embedding 0 .* is empty/,
    ],
    [
      'an empty float array',
      request => {
        const { body } = reply(request);
        return {
          ...body,
          data: body.data.map(item => ({ ...item, embedding: [] })),
        };
      },
      /embedding 0 .* is empty/,
    ],
    [
      'a vector one dimension short',
      request => {
        const { body } = reply(request, 16, { ignoreEncoding: true });
        body.data[1].embedding = (body.data[1].embedding as number[]).slice(1);
        return body;
      },
      /embedding 1 .* has 15 dimensions; expected 16/,
    ],
    [
      'base64 that is not whole float32 values',
      request => {
        const { body } = reply(request);
        return {
          ...body,
          data: body.data.map(item => ({ ...item, embedding: 'AAAAAP8=' })),
        };
      },
      /not a valid vector/,
    ],
    [
      'a repeated index',
      request => {
        const { body } = reply(request);
        return {
          ...body,
          data: body.data.map(item => ({ ...item, index: 0 })),
        };
      },
      /repeated index 0/,
    ],
    [
      'an out-of-range index',
      request => {
        const { body } = reply(request);
        return {
          ...body,
          data: body.data.map((item, i) => ({ ...item, index: i + 5 })),
        };
      },
      /out-of-range index/,
    ],
  ];

  it.each(cases)(
    '%s is an InvalidResponseDataError, as over HTTP',
    async (_name, respond, message) => {
      server.handle(request => ({ body: respond(request) }));
      const error = await embedMany({
        model: nativeDeployment().embeddingModel(),
        values: texts(2),
        maxRetries: 0,
      }).catch((e: unknown) => e);
      expectInvalidResponseData(error, message);
    },
  );

  it('the requested dimensions are checked against what came back', async () => {
    server.handle(request => reply(request, 6));
    const error = await embed({
      model: nativeDeployment().embeddingModel(),
      value: 'text-1',
      providerOptions: { baseten: { dimensions: 4 } },
    }).catch((e: unknown) => e);
    expectInvalidResponseData(error, /has 6 dimensions; expected 4/);
  });

  it('a vector length that differs between requests is an error', async () => {
    server.handle(request =>
      reply(
        request,
        (request.body as { input: string[] }).input[0] === 'text-0' ? 8 : 9,
      ),
    );
    const error = await embedMany({
      model: nativeDeployment().embeddingModel(),
      values: texts(4),
      providerOptions: { baseten: { batchSize: 2, maxConcurrentRequests: 1 } },
    }).catch((e: unknown) => e);
    expectInvalidResponseData(error, /has 9 dimensions; expected 8/);
  });

  it('float arrays answered to a base64 request come back whole and in order (what embed() would leave empty)', async () => {
    server.handle(request => reply(request, 16, { ignoreEncoding: true }));
    const { embeddings } = await embedMany({
      model: nativeDeployment().embeddingModel(),
      values: texts(300),
    });
    expect(
      server.requests.every(
        request =>
          (request.body as { encoding_format: string }).encoding_format ===
          'base64',
      ),
    ).toBe(true);
    expect(embeddings).toHaveLength(300);
    expect(
      embeddings.every(
        (vector, i) =>
          vector.length === 16 && vector[0] === i && vector[1] === 0.25,
      ),
    ).toBe(true);
  });

  it('base64 answered to a float request is decoded, not dropped', async () => {
    server.handle(request => {
      const { body } = reply(request);
      return {
        body: {
          ...body,
          data: body.data.map(item => ({
            ...item,
            embedding: Buffer.from(
              new Float32Array(item.embedding as number[]).buffer,
            ).toString('base64'),
          })),
        },
      };
    });
    const { embeddings } = await embedMany({
      model: nativeDeployment().embeddingModel(),
      values: texts(3),
      providerOptions: { baseten: { encodingFormat: 'float' } },
    });
    expect(embeddings.map(vector => [vector.length, vector[0]])).toEqual([
      [16, 0],
      [16, 1],
      [16, 2],
    ]);
  });
});
