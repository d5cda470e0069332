import { APICallError } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import unknownModel404 from '../chat/__fixtures__/unknown-model-404.json?raw';
import { useTestServer } from '../test/msw-server';
import { nearestCatalogSlugs } from './baseten-slug-suggestions';

// Model APIs answer an unknown slug with a terse 404; the error keeps that
// message and adds the catalog snapshot's nearest slugs.
const BASE_URL = 'https://inference.baseten.co/v1';
const KEY = 'slug-key-0123456789';
const REQUEST_ID = '5b1c2d3e4f5a46b7c8d9e0f1a2b3c4d5';
const server = useTestServer();

const notFound = () =>
  new Response(unknownModel404, {
    status: 404,
    headers: {
      'content-type': 'application/json',
      'x-baseten-request-id': REQUEST_ID,
    },
  });

async function errorOf(promise: Promise<unknown>): Promise<APICallError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(APICallError.isInstance(error)).toBe(true);
  return error as APICallError;
}

describe('a 404 for a slug the catalog does not list', () => {
  it('generateText: Baseten message, then the nearest slugs, then the request id', async () => {
    server.onPost(`${BASE_URL}/chat/completions`, notFound);
    const error = await errorOf(
      generateText({
        model: createBaseten({ apiKey: KEY })('zai-org/GLM4.7'),
        prompt: 'Hi',
        maxRetries: 0,
      }),
    );
    expect(error.statusCode).toBe(404);
    expect(error.message).toBe(
      `please check the model you provided ("zai-org/GLM4.7" is not a Model APIs slug in this package's catalog snapshot; nearest: ${nearestCatalogSlugs('zai-org/GLM4.7').join(', ')}. baseten.getAvailableModels() lists the live catalog) (request id ${REQUEST_ID})`,
    );
    expect(nearestCatalogSlugs('zai-org/GLM4.7')[0]).toBe('zai-org/GLM-4.7');
  });

  it('streamText: the same message', async () => {
    server.onPost(`${BASE_URL}/chat/completions`, notFound);
    let error: unknown;
    await streamText({
      model: createBaseten({ apiKey: KEY })('kimi-k2.6'),
      prompt: 'Hi',
      maxRetries: 0,
      onError: event => {
        error = event.error;
      },
    }).consumeStream();
    expect((error as Error).message).toMatch(
      /^please check the model you provided \("kimi-k2\.6" is not a Model APIs slug in this package's catalog snapshot; nearest: moonshotai\/Kimi-K2\.6, /,
    );
  });

  it('a slug the catalog lists, and a deployment, keep the message as it is', async () => {
    server.onPost(`${BASE_URL}/chat/completions`, notFound);
    const listed = await errorOf(
      generateText({
        model: createBaseten({ apiKey: KEY })('zai-org/GLM-4.7'),
        prompt: 'Hi',
        maxRetries: 0,
      }),
    );
    expect(listed.message).toBe(
      `please check the model you provided (request id ${REQUEST_ID})`,
    );
    const deploymentURL =
      'https://model-abcd1234.api.baseten.co/environments/production/sync/v1';
    server.onPost(`${deploymentURL}/chat/completions`, notFound);
    const deployment = await errorOf(
      generateText({
        model: createBaseten({ apiKey: KEY, modelURL: deploymentURL })(
          'zai-org/GLM4.7',
        ),
        prompt: 'Hi',
        maxRetries: 0,
      }),
    );
    expect(deployment.message).toBe(
      `please check the model you provided (request id ${REQUEST_ID})`,
    );
  });
});
