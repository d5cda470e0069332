import { InvalidArgumentError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import {
  BASETEN_MODEL_APIS_URL,
  basetenModelURL,
  CHAT_PREDICT_MESSAGE,
  EMBEDDINGS_NO_URL_MESSAGE,
  EMBEDDINGS_NOT_SYNC_MESSAGE,
  parseModelURL,
  resolveChatBaseURL,
  resolveModelAPIsBaseURL,
  resolveSyncBaseURL,
} from './baseten-url';

const HOST = 'https://model-abcd1234.api.baseten.co';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('resolveChatBaseURL', () => {
  it.each([
    [
      `${HOST}/environments/production/sync/v1`,
      `${HOST}/environments/production/sync/v1`,
    ],
    [
      `${HOST}/environments/staging/sync/v1/`,
      `${HOST}/environments/staging/sync/v1`,
    ],
    [
      `${HOST}/environments/production/sync`,
      `${HOST}/environments/production/sync/v1`,
    ],
    [`${HOST}/production/sync`, `${HOST}/production/sync/v1`],
    [`${HOST}/development/sync/v1`, `${HOST}/development/sync/v1`],
    [`${HOST}/deployment/q8w2e4r6/sync`, `${HOST}/deployment/q8w2e4r6/sync/v1`],
    [
      'http://127.0.0.1:8080/environments/production/sync/v1',
      'http://127.0.0.1:8080/environments/production/sync/v1',
    ],
  ])('%s → %s', (modelURL, expected) => {
    expect(resolveChatBaseURL(modelURL)).toBe(expected);
  });

  it('rejects /predict with the documented message, exactly', () => {
    expect(
      messageOf(() =>
        resolveChatBaseURL(`${HOST}/environments/production/predict`),
      ),
    ).toBe(CHAT_PREDICT_MESSAGE);
    expect(
      messageOf(() => resolveChatBaseURL(`${HOST}/production/predict`)),
    ).toBe(CHAT_PREDICT_MESSAGE);
  });

  it.each([
    ['', /non-empty http\(s\) URL/],
    ['   ', /non-empty http\(s\) URL/],
    ['baseten', /not a URL/],
    ['ws://model-abcd1234.api.baseten.co/sync/v1', /scheme "ws:"/],
    [`${HOST}/production/async_predict`, /async_predict/],
    [`${HOST}/production/wake`, /ending in \/sync\/v1/],
    [`${HOST}/production/sync/v1/embeddings`, /Remove "\/embeddings"/],
    [`${HOST}/production/sync/v1#frag`, /query string or fragment/],
    ['https://user:pw@model-abcd1234.api.baseten.co/sync/v1', /credentials/],
  ])('rejects %j naming modelURL', (modelURL, reason) => {
    const message = messageOf(() => resolveChatBaseURL(modelURL));
    expect(message).toMatch(reason);
    expect(message).toMatch(/modelURL/);
  });

  it('never echoes URL credentials', () => {
    const message = messageOf(() =>
      resolveChatBaseURL('https://user:hunter2@x.test/sync/v1'),
    );
    expect(message).not.toContain('hunter2');
  });
});

describe('resolveSyncBaseURL (embeddings and reranking)', () => {
  it.each([
    [
      `${HOST}/environments/production/sync`,
      `${HOST}/environments/production/sync`,
    ],
    [
      `${HOST}/environments/production/sync/v1`,
      `${HOST}/environments/production/sync`,
    ],
    [
      `${HOST}/environments/production/sync/v1/`,
      `${HOST}/environments/production/sync`,
    ],
    [`${HOST}/deployment/q8w2e4r6/sync/`, `${HOST}/deployment/q8w2e4r6/sync`],
  ])('%s → %s', (modelURL, expected) => {
    expect(resolveSyncBaseURL(modelURL)).toBe(expected);
  });

  it('uses the documented messages (the missing-URL one followed by an example)', () => {
    // @ai-sdk/baseten's wording, then an example URL to copy
    expect(messageOf(() => resolveSyncBaseURL(undefined))).toBe(
      `${EMBEDDINGS_NO_URL_MESSAGE} For example: createBaseten({ modelURL: 'https://model-abcd1234.api.baseten.co/environments/production/sync' }). A modelURL is https://model-{id}.api.baseten.co/{prefix}/sync/v1 (or /sync), where {prefix} is environments/{name}, production, development or deployment/{id}.`,
    );
    expect(messageOf(() => resolveSyncBaseURL(undefined, 'reranking'))).toMatch(
      /^No model URL provided for reranking\. .* For example: createBaseten\(\{ modelURL: 'https:\/\/model-abcd1234\.api\.baseten\.co\/environments\/production\/sync' \}\)\./,
    );
    expect(
      messageOf(() => resolveSyncBaseURL(`${HOST}/production/predict`)),
    ).toBe(EMBEDDINGS_NOT_SYNC_MESSAGE);
    expect(
      messageOf(() => resolveSyncBaseURL(`${HOST}/production/async_predict`)),
    ).toBe(EMBEDDINGS_NOT_SYNC_MESSAGE);
  });
});

describe('parseModelURL', () => {
  it('splits by path segments, not substrings', () => {
    expect(
      parseModelURL('https://sync.example.test/environments/presync/sync/v1'),
    ).toEqual({
      deploymentRoot: 'https://sync.example.test/environments/presync',
      endpoint: 'sync/v1',
      trailing: [],
    });
    expect(
      parseModelURL(`${HOST}/environments/predictions/predict`).endpoint,
    ).toBe('predict');
    expect(parseModelURL(`${HOST}/environments/sync-env/other`).endpoint).toBe(
      'other',
    );
  });
});

describe('resolveModelAPIsBaseURL', () => {
  it('defaults to Model APIs and drops a trailing slash', () => {
    expect(resolveModelAPIsBaseURL(undefined)).toBe(BASETEN_MODEL_APIS_URL);
    expect(
      resolveModelAPIsBaseURL(
        'https://gateway.ai.cloudflare.com/v1/a/g/baseten/v1/',
      ),
    ).toBe('https://gateway.ai.cloudflare.com/v1/a/g/baseten/v1');
  });

  it.each(['', 'inference.baseten.co', 'file:///tmp/x'])(
    'rejects %j naming baseURL',
    baseURL => {
      expect(messageOf(() => resolveModelAPIsBaseURL(baseURL))).toMatch(
        /baseURL/,
      );
    },
  );
});

describe('basetenModelURL', () => {
  it.each([
    [
      { modelId: 'abcd1234' },
      'https://model-abcd1234.api.baseten.co/environments/production/sync/v1',
    ],
    [
      { modelId: 'abcd1234', environment: 'staging' },
      'https://model-abcd1234.api.baseten.co/environments/staging/sync/v1',
    ],
    [
      { modelId: 'abcd1234', environment: 'development' },
      'https://model-abcd1234.api.baseten.co/development/sync/v1',
    ],
    [
      { modelId: 'qvv0xeq', deploymentId: 'w7xk2p1' },
      'https://model-qvv0xeq.api.baseten.co/deployment/w7xk2p1/sync/v1',
    ],
    [
      { modelId: 'abcd1234', endpoint: 'sync' as const },
      'https://model-abcd1234.api.baseten.co/environments/production/sync',
    ],
  ])('%o → %s', (options, expected) => {
    expect(basetenModelURL(options)).toBe(expected);
  });

  it('builds URLs the chat and embedding rules accept', () => {
    const url = basetenModelURL({
      modelId: 'abcd1234',
      environment: 'staging',
      endpoint: 'sync',
    });
    expect(resolveChatBaseURL(url)).toBe(
      'https://model-abcd1234.api.baseten.co/environments/staging/sync/v1',
    );
    expect(resolveSyncBaseURL(url)).toBe(
      'https://model-abcd1234.api.baseten.co/environments/staging/sync',
    );
  });

  it.each([
    [
      { modelId: 'ABCD1234' },
      /Invalid modelId "ABCD1234": a Baseten model ID is short, lower-case/,
    ],
    [{ modelId: 'model-abcd1234' }, /Invalid modelId/],
    [{ modelId: 'https://model-abcd1234.api.baseten.co' }, /Invalid modelId/],
    [{ modelId: '' }, /Invalid modelId ""/],
    [
      { modelId: 'abcd1234', environment: 'prod/x' },
      /Invalid environment "prod\/x"/,
    ],
    [{ modelId: 'abcd1234', deploymentId: 'Q!' }, /Invalid deploymentId/],
    [
      { modelId: 'abcd1234', environment: 'staging', deploymentId: 'w7xk2p1' },
      /either environment or deploymentId, not both/,
    ],
    [
      { modelId: 'abcd1234', endpoint: 'run_remote' },
      /Invalid endpoint "run_remote": use "sync\/v1"/,
    ],
  ])('rejects %o', (options, message) => {
    const error = (() => {
      try {
        basetenModelURL(options as Parameters<typeof basetenModelURL>[0]);
      } catch (e) {
        return e;
      }
    })();
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});
