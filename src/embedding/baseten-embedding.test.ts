import { InvalidArgumentError } from '@ai-sdk/provider';
import { embed, embedMany } from 'ai';
import { delay } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createBaseten,
  type BasetenProviderSettings,
} from '../baseten-provider';
import {
  EMBEDDINGS_NO_URL_MESSAGE,
  EMBEDDINGS_NOT_SYNC_MESSAGE,
} from '../baseten-url';
import { httpDeployment, TEST_KEY } from '../test/http-deployment';
import { expectInvalidResponseData } from '../test/expect-errors';
import { json, useTestServer, type RecordedRequest } from '../test/msw-server';
import { VERSION } from '../version';
import floatBody from './__fixtures__/bei-embeddings-float.json';
import usagePromptBelowTotal from './__fixtures__/embeddings-base64-usage-prompt-below-total.json';
import usageTotalOnly from './__fixtures__/embeddings-base64-usage-total-only.json';

const ROOT = 'https://model-abcd1234.api.baseten.co/environments/production';
const EMBEDDINGS = `${ROOT}/sync/v1/embeddings`;
const KEY = TEST_KEY;

const server = useTestServer();
const deployment = (settings?: BasetenProviderSettings) =>
  httpDeployment(ROOT, settings);

/** A vector that encodes its text's number (`text-17` → [17, 0.5, …]). */
function vectorFor(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0.5);
  vector[0] = Number(text.split('-')[1] ?? 0);
  return vector;
}

function base64Of(vector: number[]): string {
  const bytes = new Uint8Array(new Float32Array(vector).buffer);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

interface ReplyOptions {
  dimensions?: number;
  /** Send float arrays even when base64 was asked for. */
  ignoreEncoding?: boolean;
  /** Send the data items in reverse order (with their indices). */
  reverse?: boolean;
}

function reply(request: RecordedRequest, options: ReplyOptions = {}) {
  const body = request.body as {
    input: string[];
    encoding_format?: string;
    dimensions?: number;
  };
  const dimensions = body.dimensions ?? options.dimensions ?? 8;
  const base64 = body.encoding_format === 'base64' && !options.ignoreEncoding;
  const data = body.input.map((text, index) => {
    const vector = vectorFor(text, dimensions);
    return {
      object: 'embedding',
      index,
      embedding: base64 ? base64Of(vector) : vector,
    };
  });
  if (options.reverse) data.reverse();
  return {
    object: 'list',
    model: 'my-embedder',
    data,
    usage: {
      prompt_tokens: body.input.length * 2,
      total_tokens: body.input.length * 2,
    },
  };
}

const texts = (count: number) =>
  Array.from({ length: count }, (_, i) => `text-${i}`);

describe('embeddings over HTTP: the wire', () => {
  it('sends the key, the user agent, custom headers and asks for base64', async () => {
    server.onPost(EMBEDDINGS, request => json(reply(request)));
    const baseten = deployment({ headers: { 'x-team': 'search' } });

    const { embedding, usage } = await embed({
      model: baseten.embeddingModel('my-embedder'),
      value: 'text-3',
      headers: { 'x-request': 'r-1' },
      providerOptions: { baseten: { user: 'u-1' } },
    });

    expect(embedding).toEqual(vectorFor('text-3', 8));
    expect(usage).toEqual({ tokens: 2 });
    const [request] = server.requests;
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-team']).toBe('search');
    expect(request.headers['x-request']).toBe('r-1');
    // once, after the AI SDK's part and before provider-utils' (as vercel/ai's providers order it)
    expect(request.headers['user-agent']).toMatch(
      new RegExp(
        `^ai/\\S+ ai-sdk-provider-baseten/${VERSION.replaceAll('.', '\\.')} ai-sdk-provider-utils/\\S+( |$)`,
      ),
    );
    expect(
      request.headers['user-agent']?.split('ai-sdk-provider-baseten/'),
    ).toHaveLength(2);
    expect(request.body).toEqual({
      model: 'my-embedder',
      input: ['text-3'],
      encoding_format: 'base64',
      user: 'u-1',
    });
  });

  it('sends model "embeddings" when no ID is given, and dimensions from either place', async () => {
    server.onPost(EMBEDDINGS, request => json(reply(request)));
    const model = deployment().embeddingModel();
    const viaCall = await embedMany({
      model,
      values: ['text-1'],
      dimensions: 4,
    });
    const viaOptions = await embed({
      model,
      value: 'text-1',
      providerOptions: { baseten: { dimensions: 4 } },
    });
    expect(viaCall.embeddings[0]).toHaveLength(4);
    expect(viaOptions.embedding).toHaveLength(4);
    expect(server.requests.map(request => request.body)).toEqual([
      {
        model: 'embeddings',
        input: ['text-1'],
        encoding_format: 'base64',
        dimensions: 4,
      },
      {
        model: 'embeddings',
        input: ['text-1'],
        encoding_format: 'base64',
        dimensions: 4,
      },
    ]);
  });

  it('textEmbeddingModel is the same model under its deprecated name', async () => {
    server.onPost(EMBEDDINGS, request => json(reply(request)));
    const { embedding } = await embed({
      model: deployment().textEmbeddingModel('e'),
      value: 'text-9',
    });
    expect(embedding[0]).toBe(9);
  });

  it('encodingFormat float asks for and accepts decimal arrays', async () => {
    server.onPost(EMBEDDINGS, () => json(floatBody));
    const { embeddings, usage } = await embedMany({
      model: deployment().embeddingModel(),
      values: ['sunny day', 'rainy night'],
      providerOptions: { baseten: { encodingFormat: 'float' } },
    });
    expect(server.requests[0].body).toMatchObject({ encoding_format: 'float' });
    expect(embeddings).toEqual(floatBody.data.map(item => item.embedding));
    expect(usage).toEqual({ tokens: 6 });
  });

  it('accepts float arrays from a server that ignores encoding_format: base64', async () => {
    server.onPost(EMBEDDINGS, request =>
      json(reply(request, { ignoreEncoding: true })),
    );
    const { embeddings } = await embedMany({
      model: deployment().embeddingModel(),
      values: ['text-5', 'text-6'],
    });
    expect(embeddings.map(vector => vector[0])).toEqual([5, 6]);
  });

  it('returns response headers and which transport served the call', async () => {
    server.onPost(EMBEDDINGS, request =>
      Response.json(reply(request), {
        headers: { 'x-baseten-request-id': 'req-42' },
      }),
    );
    const result = await embed({
      model: deployment().embeddingModel(),
      value: 'text-1',
    });
    expect(result.response?.headers?.['x-baseten-request-id']).toBe('req-42');
    expect(result.providerMetadata?.baseten).toEqual({
      transport: 'http',
      requests: 1,
      requestId: 'req-42',
    });
  });
});

describe('embeddings over HTTP: a 200 that cannot be read', () => {
  it('a body that is not JSON is an APICallError saying so, with the request id', async () => {
    server.onPost(
      EMBEDDINGS,
      () =>
        new Response('<html>upstream reset</html>', {
          headers: { 'x-baseten-request-id': 'req-html' },
        }),
    );
    const error = await embedMany({
      model: deployment().embeddingModel(),
      values: ['text-1'],
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      statusCode: 200,
      isRetryable: false,
      responseBody: '<html>upstream reset</html>',
      message:
        'Baseten answered HTTP 200 with a body that is not JSON. (request id req-html)',
    });
  });
});

describe('embeddings over HTTP: batching', () => {
  it('splits 300 values into requests of at most 128 and keeps input order', async () => {
    server.onPost(EMBEDDINGS, async request => {
      const input = (request.body as { input: string[] }).input;
      // the first batch answers last
      if (input[0] === 'text-0') await delay(30);
      return json(reply(request, { reverse: true }));
    });
    const { embeddings, usage, providerMetadata } = await embedMany({
      model: deployment().embeddingModel(),
      values: texts(300),
    });
    expect(
      server.requests.map(
        request => (request.body as { input: string[] }).input.length,
      ),
    ).toEqual([128, 128, 44]);
    expect(embeddings.map(vector => vector[0])).toEqual(
      texts(300).map((_, i) => i),
    );
    expect(usage).toEqual({ tokens: 600 });
    expect(providerMetadata?.baseten).toEqual({
      transport: 'http',
      requests: 3,
    });
  });

  it('embedMany hands doEmbed every value at once (no 128 cap on the model)', async () => {
    const model = deployment().embeddingModel();
    expect(model.maxEmbeddingsPerCall).toBe(Infinity);
    server.onPost(EMBEDDINGS, request => json(reply(request)));
    const result = await embedMany({ model, values: texts(5000) });
    expect(result.embeddings).toHaveLength(5000);
    expect(result.embeddings.every((vector, i) => vector[0] === i)).toBe(true);
    expect(server.requests).toHaveLength(Math.ceil(5000 / 128));
  });
});

describe('embeddings over HTTP: nothing lost silently', () => {
  const cases: Array<[string, (request: RecordedRequest) => unknown, RegExp]> =
    [
      [
        'fewer vectors than inputs',
        request => ({ ...reply(request), data: reply(request).data.slice(1) }),
        /returned 1 embeddings for the 2 inputs/,
      ],
      [
        'more vectors than inputs',
        request => ({
          ...reply(request),
          data: [...reply(request).data, reply(request).data[0]],
        }),
        /returned 3 embeddings for the 2 inputs/,
      ],
      [
        'an empty vector (what the native embed() gives for base64)',
        request => ({
          ...reply(request),
          data: reply(request).data.map(item => ({ ...item, embedding: [] })),
        }),
        /embedding 0 .* is empty/,
      ],
      [
        'vectors of different lengths',
        request => {
          const body = reply(request, { ignoreEncoding: true });
          body.data[1].embedding = (body.data[1].embedding as number[]).slice(
            1,
          );
          return body;
        },
        /embedding 1 .* has 7 dimensions; expected 8/,
      ],
      [
        'a repeated index',
        request => ({
          ...reply(request),
          data: reply(request).data.map(item => ({ ...item, index: 0 })),
        }),
        /repeated index 0/,
      ],
      [
        'an out-of-range index',
        request => ({
          ...reply(request),
          data: reply(request).data.map((item, i) => ({
            ...item,
            index: i + 5,
          })),
        }),
        /out-of-range index/,
      ],
      [
        'base64 that is not whole float32 values',
        request => ({
          ...reply(request),
          data: reply(request).data.map(item => ({
            ...item,
            embedding: 'AAAAAP8=',
          })),
        }),
        /not a valid vector/,
      ],
      [
        'a non-number in a float array',
        request => ({
          ...reply(request),
          data: reply(request).data.map(item => ({
            ...item,
            embedding: [0.1, 'x'],
          })),
        }),
        /not a valid vector/,
      ],
    ];

  it.each(cases)(
    '%s is an InvalidResponseDataError',
    async (_name, respond, message) => {
      server.onPost(EMBEDDINGS, request => json(respond(request)));
      const error = await embedMany({
        model: deployment().embeddingModel(),
        values: ['text-1', 'text-2'],
        maxRetries: 0,
      }).catch((e: unknown) => e);
      expectInvalidResponseData(error, message);
    },
  );

  it('checks the requested dimensions against what came back', async () => {
    server.onPost(EMBEDDINGS, request =>
      json(
        reply({
          ...request,
          body: { ...(request.body as object), dimensions: 6 },
        }),
      ),
    );
    const error = await embed({
      model: deployment().embeddingModel(),
      value: 'text-1',
      providerOptions: { baseten: { dimensions: 4 } },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/has 6 dimensions; expected 4/);
  });

  it('a vector length that differs between batches is an error', async () => {
    server.onPost(EMBEDDINGS, request => {
      const first = (request.body as { input: string[] }).input[0] === 'text-0';
      return json(reply(request, { dimensions: first ? 8 : 9 }));
    });
    const error = await embedMany({
      model: deployment().embeddingModel(),
      values: texts(4),
      providerOptions: { baseten: { batchSize: 2, maxConcurrentRequests: 1 } },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/has 9 dimensions; expected 8/);
  });

  it('reports no usage rather than a partial sum when a batch has none', async () => {
    server.onPost(EMBEDDINGS, request => {
      const body = reply(request);
      return json(
        (request.body as { input: string[] }).input[0] === 'text-0'
          ? body
          : { ...body, usage: undefined },
      );
    });
    const { usage } = await embedMany({
      model: deployment().embeddingModel(),
      values: texts(4),
      providerOptions: { baseten: { batchSize: 2 } },
    });
    expect(usage.tokens).toBeNaN();
  });
});

describe('embeddings over HTTP: usage', () => {
  const float32 = (values: number[]) => Array.from(new Float32Array(values));

  it.each([
    [
      'prompt_tokens when it differs from total_tokens',
      usagePromptBelowTotal,
      6,
    ],
    ['total_tokens when there is no prompt_tokens', usageTotalOnly, 11],
    [
      'total_tokens when prompt_tokens is null',
      { ...usageTotalOnly, usage: { prompt_tokens: null, total_tokens: 9 } },
      9,
    ],
  ])('usage.tokens is %s', async (_name, body, tokens) => {
    server.onPost(EMBEDDINGS, () => json(body));
    const { embeddings, usage } = await embedMany({
      model: deployment().embeddingModel(),
      values: ['text-1', 'text-2'],
    });
    expect(usage).toEqual({ tokens });
    expect(embeddings).toHaveLength(2);
  });

  it('sums each request by its own rule: prompt_tokens where given, else total_tokens', async () => {
    server.onPost(EMBEDDINGS, request =>
      json(
        (request.body as { input: string[] }).input[0] === 'text-0'
          ? usagePromptBelowTotal
          : usageTotalOnly,
      ),
    );
    const { embeddings, usage } = await embedMany({
      model: deployment().embeddingModel(),
      values: texts(4),
      providerOptions: { baseten: { batchSize: 2 } },
    });
    expect(usage).toEqual({ tokens: 6 + 11 });
    expect(embeddings).toEqual([
      float32([0.0132, -0.0215, 0.0478, 0.0091]),
      float32([0.0071, 0.0442, -0.0129, 0.0363]),
      float32([-0.0304, 0.0118, 0.0257, -0.0066]),
      float32([0.0132, -0.0215, 0.0478, 0.0091]),
    ]);
  });
});

describe('embeddings: bad input fails before any request', () => {
  const model = () => deployment().embeddingModel();
  const badOptions: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'batchSize above 128',
      { batchSize: 129 },
      /batchSize must be at most 128/,
    ],
    ['batchSize below 1', { batchSize: 0 }, /batchSize must be at least 1/],
    [
      'negative maxConcurrentRequests',
      { maxConcurrentRequests: -1 },
      /maxConcurrentRequests must be at least 1/,
    ],
    ['dimensions of 0', { dimensions: 0 }, /dimensions must be positive/],
    [
      'fractional dimensions',
      { dimensions: 1.5 },
      /dimensions must be a whole number/,
    ],
    ['an unknown encodingFormat', { encodingFormat: 'int8' }, /encodingFormat/],
    ['a user that is not a string', { user: 7 }, /user/],
  ];

  it.each(badOptions)('%s', async (_name, options, message) => {
    const error = await embed({
      model: model(),
      value: 'text-1',
      providerOptions: { baseten: options as Record<string, string> },
    }).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^Invalid providerOptions\.baseten for embeddings: /,
    );
    expect((error as Error).message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['an empty string', ['text-1', ''], /values\[1\] is an empty string/],
    ['a number', ['text-1', 2], /values\[1\] is a number/],
    ['null', [null], /values\[0\] is null/],
  ])('a value that is %s', async (_name, values, message) => {
    const error = await embedMany({
      model: model(),
      values: values as string[],
    }).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it('conflicting dimensions', async () => {
    const error = await embedMany({
      model: model(),
      values: ['a'],
      dimensions: 4,
      providerOptions: { baseten: { dimensions: 8 } },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /dimensions \(4\) and providerOptions\.baseten\.dimensions \(8\) disagree/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('the documented modelURL errors, verbatim, at model creation', () => {
    expect(() => createBaseten({ apiKey: KEY }).embeddingModel()).toThrow(
      EMBEDDINGS_NO_URL_MESSAGE,
    );
    expect(() =>
      createBaseten({
        apiKey: KEY,
        modelURL: `${ROOT}/predict`,
      }).embeddingModel(),
    ).toThrow(EMBEDDINGS_NOT_SYNC_MESSAGE);
    expect(() =>
      createBaseten({
        apiKey: KEY,
        modelURL: `${ROOT}/async_predict`,
      }).embeddingModel(),
    ).toThrow(EMBEDDINGS_NOT_SYNC_MESSAGE);
    expect(EMBEDDINGS_NO_URL_MESSAGE).toBe(
      'No model URL provided for embeddings. Please set modelURL option for embeddings.',
    );
    expect(EMBEDDINGS_NOT_SYNC_MESSAGE).toBe(
      'Not supported. You must use a /sync or /sync/v1 endpoint for embeddings.',
    );
  });
});
