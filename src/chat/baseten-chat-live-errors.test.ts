import { APICallError } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { useTestServer } from '../test/msw-server';
import flat400 from './__fixtures__/flat-400-envelope.json?raw';
import forbidden403 from './__fixtures__/forbidden-key-403.json?raw';
import internal500 from './__fixtures__/internal-server-error-500.json?raw';
import nested400 from './__fixtures__/nested-400-envelope.json?raw';
import unknownModel404 from './__fixtures__/unknown-model-404.json?raw';

// Error answers in the shapes Baseten's live Model APIs send (HTTP/2, so no
// reason phrase), each with the X-Baseten-Request-Id support asks for.
const BASE_URL = 'https://inference.baseten.co/v1';
const KEY = 'live-errors-key-0123456789';
const REQUEST_ID = '3f9a0c1d2e4b46a8b7c6d5e4f3a2b1c0';
const server = useTestServer();
const baseten = createBaseten({ apiKey: KEY });

const answer = (status: number, body: string) => () =>
  new Response(body, {
    status,
    headers: {
      'content-type': 'application/json',
      'x-baseten-request-id': REQUEST_ID,
      'x-baseten-session-id': REQUEST_ID,
    },
  });

async function generateError(
  status: number,
  body: string,
  modelId = 'zai-org/GLM-4.7',
) {
  server.onPost(`${BASE_URL}/chat/completions`, answer(status, body));
  const error = await generateText({
    model: baseten(modelId),
    prompt: 'Hi',
    maxRetries: 0,
  }).catch((caught: unknown) => caught);
  expect(APICallError.isInstance(error)).toBe(true);
  return error as APICallError;
}

describe('error answers in the live envelopes', () => {
  it.each([
    [
      'flat-400-envelope',
      400,
      flat400,
      'logprobs and top_logprobs are not supported for this model',
      false,
    ],
    [
      'nested-400-envelope (pretty-printed)',
      400,
      nested400,
      'Validation: `response_format.json_schema.name` cannot be empty',
      false,
    ],
    [
      'forbidden-key-403',
      403,
      forbidden403,
      'please check the api-key you provided',
      false,
    ],
    [
      'unknown-model-404',
      404,
      unknownModel404,
      'please check the model you provided',
      false,
    ],
    [
      'internal-server-error-500',
      500,
      internal500,
      'Internal Server Error',
      true,
    ],
  ])(
    '%s: the server message, then the request id',
    async (_, status, body, message, isRetryable) => {
      const error = await generateError(status, body);
      expect(error.statusCode).toBe(status);
      expect(error.message).toBe(`${message} (request id ${REQUEST_ID})`);
      expect(error.isRetryable).toBe(isRetryable);
      expect(error.responseHeaders?.['x-baseten-request-id']).toBe(REQUEST_ID);
      expect(error.responseBody).toBe(body);
    },
  );

  it('errors to streamed requests are JSON too, read the same way', async () => {
    server.onPost(`${BASE_URL}/chat/completions`, answer(400, flat400));
    let error: unknown;
    await streamText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Hi',
      maxRetries: 0,
      onError: event => {
        error = event.error;
      },
    }).consumeStream();
    expect((error as Error).message).toBe(
      `logprobs and top_logprobs are not supported for this model (request id ${REQUEST_ID})`,
    );
  });

  it('a 400 on a call the catalog warned about: the warning as a likely cause, before the request id', async () => {
    server.onPost(`${BASE_URL}/chat/completions`, answer(400, flat400));
    const error = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Hi',
      topK: 5,
      maxRetries: 0,
    }).then(
      () => undefined,
      (caught: unknown) => caught as APICallError,
    );
    expect(error?.message).toMatch(
      new RegExp(
        `^logprobs and top_logprobs are not supported for this model \\(possible cause: .*top_k.*\\) \\(request id ${REQUEST_ID}\\)$`,
      ),
    );
  });
});

describe('a cut stream', () => {
  it('names the request id at the end of its message and keeps the response headers', async () => {
    const chunk = `data: ${JSON.stringify({
      id: 'chatcmpl-0d1e2f3a4b5c46d7e8f9a0b1c2d3e4f5',
      object: 'chat.completion.chunk',
      created: 1771402211,
      model: 'zai-org/GLM-4.7',
      choices: [{ index: 0, delta: { role: 'assistant', content: 'Half' } }],
    })}\n\n`;
    server.onPost(
      `${BASE_URL}/chat/completions`,
      () =>
        new Response(chunk, {
          headers: {
            'content-type': 'text/event-stream',
            'x-baseten-request-id': REQUEST_ID,
          },
        }),
    );
    const result = streamText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Hi',
      onError: () => {},
    });
    const error = await result.text.then(
      () => undefined,
      (caught: unknown) => caught as APICallError,
    );
    expect(error?.message).toBe(
      'The Baseten stream ended before it finished (the body ended without data: [DONE] ' +
        `after 4 characters of text) (request id ${REQUEST_ID})`,
    );
    expect(error?.isRetryable).toBe(true);
    expect(error?.responseHeaders?.['x-baseten-request-id']).toBe(REQUEST_ID);
  });
});
