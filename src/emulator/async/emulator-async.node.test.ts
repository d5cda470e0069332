import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BasetenWebhookError,
  createBaseten,
  verifyBasetenWebhook,
  type BasetenWebhookPayload,
} from '../../index';
import {
  startBasetenEmulator,
  type BasetenEmulator,
  type BasetenEmulatorOptions,
} from '../index';

const NEW_SECRET = 'whsec_emulatorNewSecret0123456789';
const OLD_SECRET = 'whsec_emulatorOldSecret9876543210';

interface Delivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A webhook receiver on 127.0.0.1 that records deliveries and answers what `reply` says. */
async function startReceiver(
  reply: (delivery: Delivery, index: number) => number | Promise<number> = () =>
    200,
) {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((request, response) => {
    const pieces: Buffer[] = [];
    request.on('data', (piece: Buffer) => pieces.push(piece));
    request.on('end', () => {
      const delivery = {
        headers: request.headers,
        body: Buffer.concat(pieces),
      };
      deliveries.push(delivery);
      void Promise.resolve(reply(delivery, deliveries.length - 1)).then(
        status => response.writeHead(status).end(),
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(
    () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${port}/hooks/baseten`, deliveries };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emulatorWith(
  options: BasetenEmulatorOptions = {},
): Promise<BasetenEmulator> {
  const emulator = await startBasetenEmulator({
    webhookSecrets: NEW_SECRET,
    webhookRetryDelayMs: 5,
    ...options,
  });
  cleanups.push(() => emulator.close());
  return emulator;
}

function asyncOn(
  emulator: BasetenEmulator,
  path = '/environments/production/predict',
  maxRetries?: number,
) {
  return createBaseten({
    apiKey: 'emulator-key',
    modelURL: `${emulator.origin}${path}`,
  }).asyncInference({ maxRetries });
}

function verify(
  delivery: Delivery,
  secrets: string | string[] = NEW_SECRET,
): Promise<BasetenWebhookPayload> {
  return verifyBasetenWebhook({
    rawBody: delivery.body,
    headers: delivery.headers,
    secrets,
  });
}

describe('emulator async inference', () => {
  it('runs predict and delivers a signed webhook the verifier accepts', async () => {
    const emulator = await emulatorWith();
    const receiver = await startReceiver();
    const async = asyncOn(emulator);
    const { requestId } = await async.enqueue(
      { prompt: 'hello' },
      { webhookEndpoint: receiver.url, priority: 1 },
    );
    await emulator.asyncQueue.settled();

    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['x-baseten-request-id']).toBe(requestId);
    expect(delivery.headers['x-baseten-signature']).toMatch(
      /^v1=[0-9a-f]{64}$/,
    );
    const payload = await verify(delivery);
    expect(payload).toMatchObject({
      requestId,
      type: 'async_request_completed',
      data: {
        output: 'Emulated Truss model output ✨ (received prompt)',
      },
      errors: [],
    });
    expect(payload.modelId).toMatch(/^[a-z0-9]{8}$/);

    const status = await async.status(requestId);
    expect(status).toMatchObject({
      requestId,
      modelId: payload.modelId,
      deploymentId: payload.deploymentId,
      status: 'SUCCEEDED',
      webhookStatus: 'SUCCEEDED',
      errors: [],
    });
    expect(status.createdAt).toBeInstanceOf(Date);
    await expect(async.queueStatus()).resolves.toMatchObject({
      numQueuedRequests: 0,
      numInProgressRequests: 0,
    });
  });

  it('queues a chain on …/async_run_remote and names the chain', async () => {
    const emulator = await emulatorWith();
    const receiver = await startReceiver();
    const async = asyncOn(emulator, '/environments/production/run_remote');
    const { requestId } = await async.enqueue(
      { text: 'hi' },
      { webhookEndpoint: receiver.url },
    );
    await emulator.asyncQueue.settled();
    expect(emulator.requests[0].path).toBe(
      '/environments/production/async_run_remote',
    );
    const payload = await verify(receiver.deliveries[0]);
    expect(payload.chainId).toMatch(/^[a-z0-9]{8}$/);
    expect(payload.modelId).toBeUndefined();
    await expect(async.status(requestId)).resolves.toMatchObject({
      chainId: payload.chainId,
      status: 'SUCCEEDED',
    });
  });

  it('signs with every active secret during a rotation', async () => {
    const emulator = await emulatorWith({
      webhookSecrets: [NEW_SECRET, OLD_SECRET],
    });
    const receiver = await startReceiver();
    await asyncOn(emulator).enqueue({}, { webhookEndpoint: receiver.url });
    await emulator.asyncQueue.settled();
    const [delivery] = receiver.deliveries;
    expect(delivery.headers['x-baseten-signature']).toMatch(
      /^v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/,
    );
    await expect(verify(delivery, OLD_SECRET)).resolves.toMatchObject({
      type: 'async_request_completed',
    });
    await expect(verify(delivery, 'whsec_other')).rejects.toMatchObject({
      reason: 'signature-mismatch',
    });
  });

  it('sends no signature without a webhook secret (the verifier refuses it)', async () => {
    const emulator = await emulatorWith({ webhookSecrets: [] });
    const receiver = await startReceiver();
    await asyncOn(emulator).enqueue({}, { webhookEndpoint: receiver.url });
    await emulator.asyncQueue.settled();
    const error: unknown = await verify(receiver.deliveries[0]).catch(
      (caught: unknown) => caught,
    );
    expect(BasetenWebhookError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'missing-signature' });
  });

  it('completes without a webhook as NO_WEBHOOK_PROVIDED', async () => {
    const emulator = await emulatorWith();
    const async = asyncOn(emulator);
    const { requestId } = await async.enqueue({ prompt: 'x' });
    await emulator.asyncQueue.settled();
    await expect(async.status(requestId)).resolves.toMatchObject({
      status: 'SUCCEEDED',
      webhookStatus: 'NO_WEBHOOK_PROVIDED',
    });
  });

  it('retries a receiver that answers 503 once, then delivers', async () => {
    const emulator = await emulatorWith();
    const receiver = await startReceiver((_, index) =>
      index === 0 ? 503 : 200,
    );
    const async = asyncOn(emulator);
    const { requestId } = await async.enqueue(
      {},
      { webhookEndpoint: receiver.url },
    );
    await emulator.asyncQueue.settled();
    expect(emulator.asyncQueue.lookup(requestId)?.webhookAttempts).toEqual([
      503, 200,
    ]);
    // each attempt is signed anew and verifies
    for (const delivery of receiver.deliveries) await verify(delivery);
    await expect(async.status(requestId)).resolves.toMatchObject({
      status: 'SUCCEEDED',
      webhookStatus: 'SUCCEEDED',
    });
  });

  it('gives up after 2 attempts on a receiver that is down (WEBHOOK_FAILED)', async () => {
    const emulator = await emulatorWith();
    const receiver = await startReceiver(() => 503);
    const async = asyncOn(emulator);
    const { requestId } = await async.enqueue(
      {},
      { webhookEndpoint: receiver.url },
    );
    await emulator.asyncQueue.settled();
    expect(receiver.deliveries).toHaveLength(2);
    await expect(async.status(requestId)).resolves.toMatchObject({
      status: 'WEBHOOK_FAILED',
      webhookStatus: 'FAILED',
    });
  });

  it('counts an unreachable receiver as failed attempts', async () => {
    const emulator = await emulatorWith();
    const receiver = await startReceiver();
    await cleanups.pop()?.(); // the receiver is gone: connections are refused
    const async = asyncOn(emulator);
    const { requestId } = await async.enqueue(
      {},
      { webhookEndpoint: receiver.url },
    );
    await emulator.asyncQueue.settled();
    expect(emulator.asyncQueue.lookup(requestId)).toMatchObject({
      status: 'WEBHOOK_FAILED',
      webhookStatus: 'FAILED',
      webhookAttempts: ['error', 'error'],
    });
  });

  it('does not retry a receiver that answers 400', async () => {
    const emulator = await emulatorWith();
    const receiver = await startReceiver(() => 400);
    await asyncOn(emulator).enqueue({}, { webhookEndpoint: receiver.url });
    await emulator.asyncQueue.settled();
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('cancels a queued request, and refuses (resolving) once it is no longer queued', async () => {
    const emulator = await emulatorWith();
    const receiver = await startReceiver();
    const async = asyncOn(emulator);
    emulator.asyncQueue.pause();
    const { requestId } = await async.enqueue(
      {},
      { webhookEndpoint: receiver.url },
    );
    await expect(async.queueStatus()).resolves.toMatchObject({
      numQueuedRequests: 1,
      numInProgressRequests: 0,
    });
    await expect(async.cancel(requestId)).resolves.toEqual({
      requestId,
      canceled: true,
      message: `Canceled async request ${requestId}.`,
    });
    emulator.asyncQueue.resume();
    await emulator.asyncQueue.settled();
    expect(receiver.deliveries).toHaveLength(0);
    await expect(async.status(requestId)).resolves.toMatchObject({
      status: 'CANCELED',
      webhookStatus: 'CANCELED',
    });
    const again = await async.cancel(requestId);
    expect(again.canceled).toBe(false);
    expect(again.message).toContain('only QUEUED requests can be canceled');
  });

  it('refuses to cancel a request in progress', async () => {
    const emulator = await emulatorWith();
    let release: () => void = () => {};
    const held = new Promise<void>(resolve => (release = resolve));
    let arrived: () => void = () => {};
    const delivering = new Promise<void>(resolve => (arrived = resolve));
    const receiver = await startReceiver(async () => {
      arrived();
      await held;
      return 200;
    });
    const async = asyncOn(emulator);
    const { requestId } = await async.enqueue(
      {},
      { webhookEndpoint: receiver.url },
    );
    await delivering;
    await expect(async.queueStatus()).resolves.toMatchObject({
      numQueuedRequests: 0,
      numInProgressRequests: 1,
    });
    const refusal = await async.cancel(requestId);
    expect(refusal).toMatchObject({ requestId, canceled: false });
    expect(refusal.message).toContain('IN_PROGRESS');
    release();
    await emulator.asyncQueue.settled();
    await expect(async.status(requestId)).resolves.toMatchObject({
      status: 'SUCCEEDED',
    });
  });

  it('runs lower priority numbers first, in arrival order within one', async () => {
    const emulator = await emulatorWith({ asyncConcurrency: 1 });
    const receiver = await startReceiver();
    const async = asyncOn(emulator);
    emulator.asyncQueue.pause();
    const ids: Record<string, string> = {};
    for (const [name, priority] of [
      ['late', 2],
      ['first', 0],
      ['middle', 1],
      ['second', 0],
    ] as const) {
      const { requestId } = await async.enqueue(
        {},
        { webhookEndpoint: receiver.url, priority },
      );
      ids[requestId] = name;
    }
    emulator.asyncQueue.resume();
    await emulator.asyncQueue.settled();
    const order = receiver.deliveries.map(
      delivery => ids[String(delivery.headers['x-baseten-request-id'])],
    );
    expect(order).toEqual(['first', 'second', 'middle', 'late']);
  });

  it('keeps a slow queue QUEUED and stops with the emulator', async () => {
    const emulator = await emulatorWith({ asyncQueueDelayMs: 60_000 });
    const async = asyncOn(emulator);
    const { requestId } = await async.enqueue({});
    await expect(async.status(requestId)).resolves.toMatchObject({
      status: 'QUEUED',
      webhookStatus: 'NO_WEBHOOK_PROVIDED',
    });
    await expect(async.queueStatus()).resolves.toMatchObject({
      numQueuedRequests: 1,
    });
    // closing must not wait for the minute-long queue
    await emulator.close();
    await emulator.asyncQueue.settled();
  });

  it('answers 429 over the enqueue rate, and the client backs off and retries', async () => {
    const emulator = await emulatorWith({ asyncEnqueuesPerSecond: 0.5 });
    const async = asyncOn(emulator, '/production/predict', 0);
    await async.enqueue({});
    const error: unknown = await async
      .enqueue({})
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      statusCode: 429,
      isRetryable: true,
      message: expect.stringContaining('Rate limit exceeded') as string,
    });
    const last = emulator.requests[emulator.requests.length - 1];
    expect(last.path).toBe('/production/async_predict');
    // with retries the client waits what retry-after-ms says and gets through
    await expect(
      asyncOn(emulator, '/production/predict', 3).enqueue({}),
    ).resolves.toMatchObject({ requestId: expect.any(String) as string });
  }, 15_000);

  it('applies a scripted 429 fault to an enqueue', async () => {
    const emulator = await emulatorWith();
    emulator.faults.enqueue(
      { status: 429, retryAfterMs: 0 },
      { path: '/async_predict' },
    );
    await asyncOn(emulator).enqueue({});
    expect(emulator.requests.map(request => request.fault?.status)).toEqual([
      429,
      undefined,
    ]);
  });

  it('refuses bad enqueue bodies in the async error envelope', async () => {
    const emulator = await emulatorWith();
    const post = async (body: unknown) => {
      const response = await fetch(
        `${emulator.origin}/environments/production/async_predict`,
        {
          method: 'POST',
          headers: {
            authorization: 'Bearer emulator-key',
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
        },
      );
      return {
        status: response.status,
        body: (await response.json()) as unknown,
      };
    };
    await expect(post({ prompt: 'no envelope' })).resolves.toEqual({
      status: 400,
      body: {
        error: 'model_input is required and must be a JSON object.',
        error_code: 'client_error',
      },
    });
    await expect(
      post({ model_input: {}, webhook_endpoint: 'https://example.com/hook' }),
    ).resolves.toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('only to loopback') as string },
    });
    await expect(post({ model_input: {}, priority: 3 })).resolves.toMatchObject(
      { status: 400, body: { error_code: 'client_error' } },
    );
    await expect(
      post({ model_input: { audio: 'A'.repeat(300_000) } }),
    ).resolves.toMatchObject({
      status: 413,
      body: { error_code: 'payload_too_large' },
    });
  });

  it('answers 404 for an unknown request id', async () => {
    const emulator = await emulatorWith();
    const error: unknown = await asyncOn(emulator)
      .status('ffffffffffffffffffffffffffffffff')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 404, isRetryable: false });
  });
});
