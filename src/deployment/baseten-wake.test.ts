import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { wakeDeployment } from '../baseten-wake-deployment';
import { json, useTestServer } from '../test/msw-server';
import { VERSION } from '../version';
import internalError from './__fixtures__/edge-internal-error-500.json';

const KEY = 'wake-key.0123456789abcdef';
const ROOT = 'https://model-abcd1234.api.baseten.co/environments/production';
const server = useTestServer();

/** Baseten's documented answer to /wake: 202 Accepted, no body. */
const accepted = () =>
  new HttpResponse(null, {
    status: 202,
    headers: { 'x-baseten-request-id': 'req-wake-1' },
  });

describe('wake', () => {
  it('posts an empty body to {target}/wake with the key, resolving on 202', async () => {
    server.onPost(`${ROOT}/wake`, accepted);
    const baseten = createBaseten({
      apiKey: KEY,
      modelURL: `wss://model-abcd1234.api.baseten.co/environments/production/websocket`,
      headers: { 'x-team': 'voice' },
    });
    const result = await baseten.wake();
    expect(result.url).toBe(`${ROOT}/wake`);
    expect(result.status).toBe(202);
    expect(result.requestId).toBe('req-wake-1');
    expect(result.responseHeaders['x-baseten-request-id']).toBe('req-wake-1');
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.body).toBeUndefined();
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers['x-team']).toBe('voice');
    expect(request.headers['user-agent']).toContain(
      `ai-sdk-provider-baseten/${VERSION}`,
    );
  });

  it('wakeDeployment(modelURL) wakes a regional host at its bare /wake', async () => {
    const regional = 'https://model-abcd1234-prod-eu.api.baseten.co';
    server.onPost(`${regional}/wake`, accepted);
    const result = await wakeDeployment(`${regional}/predict`, { apiKey: KEY });
    expect(result.status).toBe(202);
    expect(server.requests[0].url).toBe(`${regional}/wake`);
  });

  it('refuses a chain before sending anything', async () => {
    const baseten = createBaseten({
      apiKey: KEY,
      modelURL:
        'https://chain-wxyz5678.api.baseten.co/environments/production/run_remote',
    });
    await expect(baseten.wake()).rejects.toSatisfy(
      (error: unknown) =>
        InvalidArgumentError.isInstance(error) &&
        /\/wake for model deployments only/.test(error.message),
    );
    expect(server.requests).toHaveLength(0);
  });

  it('a failure is an APICallError with the message and request id, retryable on 5xx, never the key', async () => {
    server.onPost(`${ROOT}/wake`, () =>
      json(internalError, 500, { 'x-baseten-request-id': 'req-wake-500' }),
    );
    const error = await createBaseten({
      apiKey: KEY,
      modelURL: `${ROOT}/predict`,
    })
      .wake()
      .catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.message).toBe(
      'Internal Server Error (request id req-wake-500)',
    );
    expect(apiError.isRetryable).toBe(true);
    expect(apiError.url).toBe(`${ROOT}/wake`);
    expect(JSON.stringify(apiError)).not.toContain(KEY);
  });

  it('a wrong key is a 401, not retryable', async () => {
    server.onPost(
      `${ROOT}/wake`,
      () =>
        new HttpResponse('No Authorization header provided', { status: 401 }),
    );
    const error = await wakeDeployment(`${ROOT}/sync/v1`, {
      apiKey: KEY,
    }).catch((caught: unknown) => caught);
    expect((error as APICallError).statusCode).toBe(401);
    expect((error as APICallError).isRetryable).toBe(false);
  });
});
