import { APICallError } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import { isRetryableStatus, withReadableMessage } from './baseten-error';
import { createBaseten } from './baseten-provider';
import liveHeaders from './deployment/__fixtures__/deployment-response-headers.json';
import { json, useTestServer } from './test/msw-server';

const server = useTestServer();

const base = {
  url: 'https://model-abcd1234.api.baseten.co/environments/production/sync/v1/chat/completions',
  requestBodyValues: {},
};

describe('withReadableMessage', () => {
  it('names the status when an HTTP/2 error has neither body nor reason phrase', () => {
    const error = withReadableMessage(
      new APICallError({
        ...base,
        message: '',
        statusCode: 503,
        responseBody: '',
      }),
    );
    expect(error).toMatchObject({
      message: 'Baseten request failed with HTTP 503',
      statusCode: 503,
      isRetryable: true,
    });
  });

  it('uses a non-envelope body, cut to 500 characters', () => {
    const body = 'x'.repeat(600);
    const error = withReadableMessage(
      new APICallError({
        ...base,
        message: 'Bad Gateway',
        statusCode: 502,
        responseBody: body,
      }),
    ) as APICallError;
    expect(error.message).toBe(`${'x'.repeat(500)}…`);
    expect(error.responseBody).toBe(body);
  });

  it('leaves parsed envelopes and other errors alone', () => {
    const parsed = new APICallError({
      ...base,
      message: 'Rate limit exceeded',
      statusCode: 429,
      responseBody: '{"error":"Rate limit exceeded"}',
      data: { error: 'Rate limit exceeded' },
    });
    expect(withReadableMessage(parsed)).toBe(parsed);
    const other = new TypeError('fetch failed');
    expect(withReadableMessage(other)).toBe(other);
  });
});

describe('isRetryableStatus', () => {
  it('retries 429 and 5xx only', () => {
    expect(
      [400, 401, 403, 404, 408, 409, 413, 429, 500, 502, 503, 504].filter(
        isRetryableStatus,
      ),
    ).toEqual([429, 500, 502, 503, 504]);
  });
});

describe('withReadableMessage with the API key', () => {
  it('redacts a key a server echoed in the message, body and data', () => {
    const key = 'canary.0123456789abcdef';
    const error = withReadableMessage(
      new APICallError({
        ...base,
        message: `invalid key ${key}`,
        statusCode: 401,
        responseBody: JSON.stringify({ error: `invalid key ${key}` }),
        data: { error: `invalid key ${key}` },
      }),
      key,
    ) as APICallError;
    expect(
      JSON.stringify([error.message, error.responseBody, error.data]),
    ).not.toContain(key);
    expect(error.message).toBe('invalid key [redacted]');
    expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
  });
});

describe('withReadableMessage and the request id', () => {
  const headers = {
    'x-baseten-request-id': 'req-9f2',
    'x-baseten-model-id': 'q8w2k5zd',
  };

  it('ends the message with the request id from the response headers, once', () => {
    const error = withReadableMessage(
      new APICallError({
        ...base,
        message: 'Rate limit exceeded',
        statusCode: 429,
        responseHeaders: headers,
        responseBody: '{"error":"Rate limit exceeded"}',
        data: { error: 'Rate limit exceeded' },
      }),
    ) as APICallError;
    expect(error.message).toBe('Rate limit exceeded (request id req-9f2)');
    expect(error.responseHeaders).toEqual(headers);
    expect(error).toMatchObject({ statusCode: 429, isRetryable: true });
    expect(withReadableMessage(error)).toBe(error);
  });

  it('adds it to a message built from the body or the status too', () => {
    const fromStatus = withReadableMessage(
      new APICallError({
        ...base,
        message: '',
        statusCode: 502,
        responseHeaders: headers,
      }),
    ) as APICallError;
    expect(fromStatus.message).toBe(
      'Baseten request failed with HTTP 502 (request id req-9f2)',
    );
  });
});

describe('the request id on chat errors', () => {
  it('a Model APIs 403 keeps its headers and ends with the request id', async () => {
    server.onPost('https://inference.baseten.co/v1/chat/completions', () => {
      const response = json(
        { error: 'please check the api-key you provided' },
        403,
      );
      for (const [name, value] of Object.entries(liveHeaders))
        response.headers.set(name, value);
      return response;
    });
    const error = await generateText({
      model: createBaseten({ apiKey: 'wrong-key.0123456789' })(
        'zai-org/GLM-4.7',
      ),
      prompt: 'Hi',
      maxRetries: 0,
    }).catch((e: unknown) => e);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toBe(
      `please check the api-key you provided (request id ${liveHeaders['X-Baseten-Request-Id']})`,
    );
    expect(
      (error as APICallError).responseHeaders?.['x-baseten-model-id'],
    ).toBe('q8w2k5zd');
  });
});
