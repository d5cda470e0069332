import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../index';
import { json, useTestServer, type RecordedRequest } from '../test/msw-server';
import { dump } from '../test/secret-canary';
import cancelCanceled from './__fixtures__/cancel-canceled.json';
import cancelRefused from './__fixtures__/cancel-refused-in-progress.json';
import enqueueCreated from './__fixtures__/enqueue-created.json';
import payloadTooLarge from './__fixtures__/error-payload-too-large.json';
import rateLimited from './__fixtures__/error-rate-limited.json';
import queueStatus from './__fixtures__/queue-status.json';
import statusChainQueued from './__fixtures__/status-chain-queued.json';
import statusFailed from './__fixtures__/status-failed.json';
import statusSucceeded from './__fixtures__/status-succeeded.json';

const server = useTestServer();
const API_KEY = 'test-async-key-0123456789';
const HOST = 'https://model-abc123.api.baseten.co';
const REQUEST_ID = '9876543210abcdef1234567890fedcba';
const BASETEN_HEADERS = { 'x-baseten-request-id': 'edge-req-42' };

function asyncFor(modelURL: string, maxRetries?: number) {
  return createBaseten({ apiKey: API_KEY, modelURL }).asyncInference({
    maxRetries,
  });
}

function created(): Response {
  return HttpResponse.json(enqueueCreated, {
    status: 201,
    headers: BASETEN_HEADERS,
  });
}

/** Records DELETEs to `url` (the shared helper has POST and GET). */
function onDelete(url: string, responder: () => Response) {
  server.use(
    http.delete(url, ({ request }) => {
      server.requests.push({
        method: request.method,
        url: request.url,
        headers: Object.fromEntries(request.headers.entries()),
        body: undefined,
      });
      return responder();
    }),
  );
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('enqueue', () => {
  it('posts the documented body to …/async_predict and resolves the request id', async () => {
    server.onPost(`${HOST}/environments/production/async_predict`, created);
    const result = await asyncFor(
      `${HOST}/environments/production/sync/v1`,
    ).enqueue(
      { prompt: 'hello' },
      {
        webhookEndpoint: 'https://example.com/hooks/baseten',
        priority: 1,
        maxTimeInQueueSeconds: 3600,
        inferenceRetryConfig: {
          maxAttempts: 3,
          initialDelayMs: 1000,
          maxDelayMs: 5000,
        },
      },
    );
    expect(result).toEqual({ requestId: REQUEST_ID });
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toContain('ai-sdk-provider-baseten/');
    expect(request.body).toMatchInlineSnapshot(`
      {
        "inference_retry_config": {
          "initial_delay_ms": 1000,
          "max_attempts": 3,
          "max_delay_ms": 5000,
        },
        "max_time_in_queue_seconds": 3600,
        "model_input": {
          "prompt": "hello",
        },
        "priority": 1,
        "webhook_endpoint": "https://example.com/hooks/baseten",
      }
    `);
  });

  it('sends only model_input when no option is set', async () => {
    server.onPost(`${HOST}/production/async_predict`, created);
    await asyncFor(`${HOST}/production/predict`).enqueue({ text: 'hi' });
    expect(server.requests[0].body).toEqual({ model_input: { text: 'hi' } });
  });

  it.each([
    [`${HOST}/environments/staging/sync`, `${HOST}/environments/staging`],
    [`${HOST}/development/predict`, `${HOST}/development`],
    [`${HOST}/deployment/q4wxyz9/sync/v1`, `${HOST}/deployment/q4wxyz9`],
    [`${HOST}/production/async_predict`, `${HOST}/production`],
    [
      `${HOST}/environments/production/websocket`,
      `${HOST}/environments/production`,
    ],
    [`${HOST}/environments/production`, `${HOST}/environments/production`],
    [
      'https://model-abc123-prod-us.api.baseten.co/predict',
      'https://model-abc123-prod-us.api.baseten.co',
    ],
  ])('enqueues %s at %s/async_predict', async (modelURL, root) => {
    server.onPost(`${root}/async_predict`, created);
    await asyncFor(modelURL).enqueue({ x: 1 });
    expect(server.requests.map(request => request.url)).toEqual([
      `${root}/async_predict`,
    ]);
  });

  it.each([
    [
      'https://chain-xyz789.api.baseten.co/environments/production/run_remote',
      'https://chain-xyz789.api.baseten.co/environments/production',
    ],
    [
      'https://chain-xyz789.api.baseten.co/deployment/ghi012/websocket',
      'https://chain-xyz789.api.baseten.co/deployment/ghi012',
    ],
    [
      'https://chain-xyz789-prod-eu.api.baseten.co/run_remote',
      'https://chain-xyz789-prod-eu.api.baseten.co',
    ],
    [
      'http://127.0.0.1:8080/production/run_remote',
      'http://127.0.0.1:8080/production',
    ],
  ])('enqueues the chain %s at %s/async_run_remote', async (modelURL, root) => {
    server.onPost(`${root}/async_run_remote`, created);
    await asyncFor(modelURL).enqueue({
      audio_url: 'https://example.com/a.wav',
    });
    expect(server.requests[0].url).toBe(`${root}/async_run_remote`);
    expect(server.requests[0].body).toEqual({
      model_input: { audio_url: 'https://example.com/a.wav' },
    });
  });

  it('accepts http:// webhooks on loopback only', async () => {
    server.onPost(`${HOST}/production/async_predict`, created);
    const async = asyncFor(`${HOST}/production/predict`);
    await async.enqueue({}, { webhookEndpoint: 'http://127.0.0.1:3000/hook' });
    await async.enqueue({}, { webhookEndpoint: 'http://localhost:3000/hook' });
    expect(server.requests.map(request => request.body)).toEqual([
      { model_input: {}, webhook_endpoint: 'http://127.0.0.1:3000/hook' },
      { model_input: {}, webhook_endpoint: 'http://localhost:3000/hook' },
    ]);
  });

  it.each([
    [{ priority: 3 }, 'priority', 'an integer 0, 1 or 2'],
    [{ priority: 0.5 }, 'priority', 'got 0.5'],
    [{ priority: '1' }, 'priority', 'got "1"'],
    [
      { maxTimeInQueueSeconds: 5 },
      'maxTimeInQueueSeconds',
      'from 10 to 259200',
    ],
    [{ maxTimeInQueueSeconds: 259_201 }, 'maxTimeInQueueSeconds', '72 hours'],
    [
      { inferenceRetryConfig: { maxAttempts: 11 } },
      'inferenceRetryConfig.maxAttempts',
      'from 1 to 10',
    ],
    [
      { inferenceRetryConfig: { initialDelayMs: 10_001 } },
      'inferenceRetryConfig.initialDelayMs',
      'from 0 to 10000',
    ],
    [
      { inferenceRetryConfig: { maxDelayMs: -1 } },
      'inferenceRetryConfig.maxDelayMs',
      'from 0 to 60000',
    ],
    [
      { inferenceRetryConfig: { maxAttempt: 3 } },
      'inferenceRetryConfig.maxAttempt',
      'Unknown enqueue option',
    ],
    [
      { webhook_endpoint: 'https://x.dev' },
      'webhook_endpoint',
      'webhookEndpoint',
    ],
    [
      { webhookEndpoint: 'http://example.com/hook' },
      'webhookEndpoint',
      'https:// only',
    ],
    [
      { webhookEndpoint: 'ftp://example.com/hook' },
      'webhookEndpoint',
      'scheme "ftp:"',
    ],
    [{ webhookEndpoint: '/hooks/baseten' }, 'webhookEndpoint', 'absolute URL'],
    [
      { webhookEndpoint: 'https://example.com/hook#x' },
      'webhookEndpoint',
      'fragment',
    ],
  ])(
    'refuses %j before sending, naming %s',
    async (options, argument, words) => {
      const error = await rejection(
        asyncFor(`${HOST}/production/predict`).enqueue(
          { prompt: 'x' },
          options as never,
        ),
      );
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      expect((error as Error).message).toContain(words);
      expect(server.requests).toHaveLength(0);
    },
  );

  it.each([
    ['a string', 'hello'],
    ['an array', [{ prompt: 'x' }]],
    ['null', null],
  ])('refuses %s as input', async (_, input) => {
    const error = await rejection(
      asyncFor(`${HOST}/production/predict`).enqueue(input as never),
    );
    expect((error as InvalidArgumentError).argument).toBe('input');
    expect((error as Error).message).toContain('expected a JSON object');
  });

  it('refuses a body over 256 KiB before sending', async () => {
    const error = await rejection(
      asyncFor(`${HOST}/production/predict`).enqueue({
        audio: 'A'.repeat(256 * 1024),
      }),
    );
    expect((error as Error).message).toMatch(/at most 262144 bytes/);
    expect(server.requests).toHaveLength(0);
  });

  it('retries a 429, waiting what retry-after asks, then resolves', async () => {
    let calls = 0;
    server.onPost(`${HOST}/production/async_predict`, () =>
      ++calls === 1
        ? HttpResponse.json(rateLimited, {
            status: 429,
            headers: { 'retry-after': '0' },
          })
        : created(),
    );
    const result = await asyncFor(`${HOST}/production/predict`).enqueue({});
    expect(result.requestId).toBe(REQUEST_ID);
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxRetries 429s with a retryable APICallError', async () => {
    server.onPost(`${HOST}/production/async_predict`, () =>
      HttpResponse.json(rateLimited, {
        status: 429,
        headers: { 'retry-after-ms': '0', ...BASETEN_HEADERS },
      }),
    );
    const error = await rejection(
      asyncFor(`${HOST}/production/predict`, 1).enqueue({}),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 429,
      isRetryable: true,
      message:
        'Rate limit exceeded for async requests (request id edge-req-42)',
    });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 5xx enqueue (it may have been queued)', async () => {
    server.onPost(`${HOST}/production/async_predict`, () =>
      json(
        { error: 'Model unavailable', error_code: 'model_unavailable' },
        503,
      ),
    );
    const error = await rejection(
      asyncFor(`${HOST}/production/predict`).enqueue({}),
    );
    expect(error).toMatchObject({ statusCode: 503, isRetryable: true });
    expect(server.requests).toHaveLength(1);
  });

  it('turns a 413 into an APICallError with Baseten message', async () => {
    server.onPost(`${HOST}/production/async_predict`, () =>
      json(payloadTooLarge, 413),
    );
    const error = await rejection(
      asyncFor(`${HOST}/production/predict`).enqueue({}),
    );
    expect(error).toMatchObject({
      statusCode: 413,
      isRetryable: false,
      message: 'Request body exceeds the 256 KiB limit for async requests',
    });
  });

  it('never carries the API key in an error, even when the server echoes it', async () => {
    server.onPost(
      `${HOST}/production/async_predict`,
      (request: RecordedRequest) =>
        json({ error: `bad key ${request.headers.authorization}` }, 401),
    );
    const error = await rejection(
      asyncFor(`${HOST}/production/predict`).enqueue({}),
    );
    expect(dump(error)).not.toContain(API_KEY);
    expect((error as Error).message).toContain('[redacted]');
  });

  it('refuses a 201 without a request_id', async () => {
    server.onPost(`${HOST}/production/async_predict`, () => json({}, 201));
    const error = await rejection(
      asyncFor(`${HOST}/production/predict`).enqueue({}),
    );
    expect(error).toMatchObject({ statusCode: 201 });
  });
});

describe('status, cancel and queue status', () => {
  it('GETs /async_request/{id} on the host and types the status', async () => {
    server.onGet(`${HOST}/async_request/${REQUEST_ID}`, () =>
      json(statusSucceeded),
    );
    const status = await asyncFor(
      `${HOST}/environments/production/sync/v1`,
    ).status(REQUEST_ID);
    expect(status).toEqual({
      requestId: REQUEST_ID,
      modelId: 'abc123',
      chainId: undefined,
      deploymentId: 'def456',
      status: 'SUCCEEDED',
      webhookStatus: 'SUCCEEDED',
      createdAt: new Date('2024-04-30T01:01:02.441Z'),
      statusAt: new Date('2024-04-30T01:01:08.883Z'),
      errors: [],
      raw: statusSucceeded,
    });
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('gives a failed request its errors', async () => {
    server.onGet(`${HOST}/async_request/0123456789abcdef0123456789abcdef`, () =>
      json(statusFailed),
    );
    const status = await asyncFor(`${HOST}/production/predict`).status(
      '0123456789abcdef0123456789abcdef',
    );
    expect(status.status).toBe('FAILED');
    expect(status.errors).toEqual([
      {
        code: 'MODEL_PREDICT_ERROR',
        message: 'Exception while running predict: CUDA out of memory',
      },
    ]);
  });

  it('reads a chain status (chain_id instead of model_id)', async () => {
    const chainHost = 'https://chain-xyz789.api.baseten.co';
    server.onGet(
      `${chainHost}/async_request/5555aaaa6666bbbb7777cccc8888dddd`,
      () => json(statusChainQueued),
    );
    const status = await asyncFor(
      `${chainHost}/environments/production/run_remote`,
    ).status('5555aaaa6666bbbb7777cccc8888dddd');
    expect(status).toMatchObject({
      chainId: 'xyz789',
      modelId: undefined,
      status: 'QUEUED',
      webhookStatus: 'PENDING',
    });
  });

  it('asks the non-regional host for the status of a regional deployment', async () => {
    server.onGet(`${HOST}/async_request/${REQUEST_ID}`, () =>
      json(statusSucceeded),
    );
    await asyncFor(
      'https://model-abc123-prod-us.api.baseten.co/predict',
    ).status(REQUEST_ID);
    expect(server.requests[0].url).toBe(`${HOST}/async_request/${REQUEST_ID}`);
  });

  it('retries a 503 status read', async () => {
    let calls = 0;
    server.onGet(`${HOST}/async_request/${REQUEST_ID}`, () =>
      ++calls === 1
        ? HttpResponse.json(
            { error: 'upstream unavailable' },
            { status: 503, headers: { 'retry-after': '0' } },
          )
        : json(statusSucceeded),
    );
    const status = await asyncFor(`${HOST}/production/predict`).status(
      REQUEST_ID,
    );
    expect(status.status).toBe('SUCCEEDED');
    expect(server.requests).toHaveLength(2);
  });

  it('turns a 404 into a non-retryable APICallError', async () => {
    server.onGet(`${HOST}/async_request/${REQUEST_ID}`, () =>
      json(
        { error: 'Async request not found', error_code: 'client_error' },
        404,
      ),
    );
    const error = await rejection(
      asyncFor(`${HOST}/production/predict`).status(REQUEST_ID),
    );
    expect(error).toMatchObject({
      statusCode: 404,
      isRetryable: false,
      message: 'Async request not found',
    });
    expect(server.requests).toHaveLength(1);
  });

  it.each(['', '../production/predict', 'a/b', 42])(
    'refuses the request id %j before sending',
    async requestId => {
      const error = await rejection(
        asyncFor(`${HOST}/production/predict`).status(requestId as string),
      );
      expect((error as InvalidArgumentError).argument).toBe('requestId');
      expect(server.requests).toHaveLength(0);
    },
  );

  it('DELETEs /async_request/{id} to cancel', async () => {
    onDelete(`${HOST}/async_request/${REQUEST_ID}`, () => json(cancelCanceled));
    const result = await asyncFor(`${HOST}/production/predict`).cancel(
      REQUEST_ID,
    );
    expect(result).toEqual({
      requestId: REQUEST_ID,
      canceled: true,
      message: `Canceled async request ${REQUEST_ID}`,
    });
    expect(server.requests[0]).toMatchObject({
      method: 'DELETE',
      url: `${HOST}/async_request/${REQUEST_ID}`,
    });
  });

  it('resolves a refusal to cancel (the request is running)', async () => {
    onDelete(`${HOST}/async_request/${REQUEST_ID}`, () => json(cancelRefused));
    const result = await asyncFor(`${HOST}/production/predict`).cancel(
      REQUEST_ID,
    );
    expect(result.canceled).toBe(false);
    expect(result.message).toContain('IN_PROGRESS');
  });

  it('GETs …/async_queue_status on the deployment target', async () => {
    server.onGet(`${HOST}/deployment/def456/async_queue_status`, () =>
      json(queueStatus),
    );
    const result = await asyncFor(
      `${HOST}/deployment/def456/sync/v1`,
    ).queueStatus();
    expect(result).toEqual({
      modelId: 'abc123',
      chainId: undefined,
      deploymentId: 'def456',
      numQueuedRequests: 12,
      numInProgressRequests: 3,
      raw: queueStatus,
    });
  });

  it('GETs the bare /async_queue_status on a regional host', async () => {
    const regional = 'https://model-abc123-prod-eu.api.baseten.co';
    server.onGet(`${regional}/async_queue_status`, () => json(queueStatus));
    await asyncFor(`${regional}/predict`).queueStatus();
    expect(server.requests[0].url).toBe(`${regional}/async_queue_status`);
  });
});

describe('asyncInference settings', () => {
  it.each([
    [undefined, 'No model URL provided for async inference'],
    ['http://model-abc123.api.baseten.co/production/predict', 'loopback'],
    [HOST, 'names no deployment target'],
    ['https://model-abc123.api.baseten.co/production/predict?x=1', 'query'],
  ])('refuses modelURL %j', (modelURL, words) => {
    expect(() =>
      createBaseten({ apiKey: API_KEY, modelURL }).asyncInference(),
    ).toThrow(words);
  });

  it('refuses a bad maxRetries', () => {
    expect(() =>
      createBaseten({
        apiKey: API_KEY,
        modelURL: `${HOST}/production/predict`,
      }).asyncInference({ maxRetries: -1 }),
    ).toThrow(/maxRetries/);
  });
});

describe('per-call options', () => {
  it('sends the call headers, keeps the key, and ignores unknown fields', async () => {
    server.onGet(`${HOST}/async_request/${REQUEST_ID}`, () =>
      json(statusSucceeded),
    );
    await asyncFor(`${HOST}/production/predict`).status(REQUEST_ID, {
      headers: { 'x-trace-id': 'trace-7', authorization: 'Bearer other' },
      method: 'DELETE',
    } as never);
    expect(server.requests[0]).toMatchObject({
      method: 'GET',
      headers: {
        'x-trace-id': 'trace-7',
        authorization: `Bearer ${API_KEY}`,
      },
    });
  });

  it('aborts a call with its abortSignal', async () => {
    server.onGet(`${HOST}/production/async_queue_status`, () =>
      json(queueStatus),
    );
    const controller = new AbortController();
    controller.abort();
    await expect(
      asyncFor(`${HOST}/production/predict`).queueStatus({
        abortSignal: controller.signal,
      }),
    ).rejects.toThrow(/abort/i);
  });
});
