import { APICallError } from '@ai-sdk/provider';
import {
  createBinaryResponseHandler,
  createJsonResponseHandler,
  zodSchema,
  type FetchFunction,
} from '@ai-sdk/provider-utils';
import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createBasetenFetch } from '../baseten-fetch';
import { json, useTestServer } from '../test/msw-server';
import { urlOf } from '../test/url-of';
import { VERSION } from '../version';
import liveHeaders from './__fixtures__/deployment-response-headers.json';
import type { BasetenDeploymentConfig } from './baseten-deployment-config';
import { postToDeployment } from './baseten-deployment-post';

const PREDICT =
  'https://model-q8w2k5zd.api.baseten.co/environments/production/predict';
const KEY = 'post-key.0123456789';
const REQUEST_ID = liveHeaders['X-Baseten-Request-Id'];

const server = useTestServer();

function config(
  settings: Partial<BasetenDeploymentConfig> = {},
): BasetenDeploymentConfig {
  return {
    provider: 'baseten.test',
    apiKey: () => KEY,
    headers: { 'x-team': 'voice' },
    fetch: createBasetenFetch(undefined),
    ...settings,
  };
}

function withLiveHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(liveHeaders))
    response.headers.set(name, value);
  return response;
}

const transcriptSchema = zodSchema(z.object({ text: z.string() }));

describe('postToDeployment', () => {
  it('posts one JSON body with key, headers and user agent; reads a JSON answer', async () => {
    server.onPost(PREDICT, () =>
      withLiveHeaders(json({ text: 'hello there' })),
    );
    const answer = await postToDeployment(config(), {
      url: PREDICT,
      body: { audio: 'UklGRg==', language: 'en' },
      headers: { 'x-call': 'c-1' },
      successfulResponseHandler: createJsonResponseHandler(transcriptSchema),
    });
    expect(answer.value).toEqual({ text: 'hello there' });
    expect(answer.responseMetadata).toEqual({
      requestId: REQUEST_ID,
      modelId: 'q8w2k5zd',
      modelVersionId: '31p7x9m',
    });
    const [request] = server.requests;
    expect(request.body).toEqual({ audio: 'UklGRg==', language: 'en' });
    expect(request.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      'content-type': 'application/json',
      'x-team': 'voice',
      'x-call': 'c-1',
    });
    expect(request.headers['user-agent']).toContain(
      `ai-sdk-provider-baseten/${VERSION}`,
    );
  });

  it('reads a binary answer', async () => {
    const audio = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3]);
    server.onPost(
      PREDICT,
      () => new Response(audio, { headers: { 'content-type': 'audio/wav' } }),
    );
    const answer = await postToDeployment(config(), {
      url: PREDICT,
      body: { text: 'hi' },
      successfulResponseHandler: createBinaryResponseHandler(),
    });
    expect([...answer.value]).toEqual([...audio]);
    expect(answer.responseMetadata).toBeUndefined();
  });

  it('goes through the custom fetch', async () => {
    const seen: string[] = [];
    const customFetch: FetchFunction = (input, init) => {
      seen.push(urlOf(input));
      return globalThis.fetch(input, init);
    };
    server.onPost(PREDICT, () => json({ text: 'ok' }));
    const fetch = createBasetenFetch(customFetch);
    const withCustomFetch = config({ fetch });
    await postToDeployment(withCustomFetch, {
      url: PREDICT,
      body: {},
      successfulResponseHandler: createJsonResponseHandler(transcriptSchema),
    });
    expect(seen).toEqual([PREDICT]);
  });

  it.each([
    [400, { error: 'audio must be base64' }, 'audio must be base64', false],
    [503, { error: 'Internal Server Error' }, 'Internal Server Error', true],
  ])(
    'a %i is an APICallError with message and request id',
    async (status, body, text, retry) => {
      server.onPost(PREDICT, () => withLiveHeaders(json(body, status)));
      const error = await postToDeployment(config(), {
        url: PREDICT,
        body: { audio: '' },
        successfulResponseHandler: createJsonResponseHandler(transcriptSchema),
      }).catch((e: unknown) => e);
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        message: `${text} (request id ${REQUEST_ID})`,
        statusCode: status,
        isRetryable: retry,
        url: PREDICT,
      });
      expect(
        (error as APICallError).responseHeaders?.['x-baseten-request-id'],
      ).toBe(REQUEST_ID);
    },
  );

  it('redacts the API key should the server echo it', async () => {
    server.onPost(PREDICT, () => json({ error: `bad key ${KEY}` }, 403));
    const error = await postToDeployment(config(), {
      url: PREDICT,
      body: {},
      successfulResponseHandler: createJsonResponseHandler(transcriptSchema),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('bad key [redacted]');
    const { responseBody, requestBodyValues } = error as APICallError;
    expect(JSON.stringify([responseBody, requestBodyValues])).not.toContain(
      KEY,
    );
  });
});
