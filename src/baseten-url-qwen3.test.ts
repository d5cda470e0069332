import { InvalidArgumentError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { resolveQwen3ASREndpoints } from './baseten-url';

const ROOT = 'model-abcd1234.api.baseten.co/environments/production';

describe('resolveQwen3ASREndpoints', () => {
  it('each of …/sync/v1, …/sync, …/predict and …/websocket gives the batch root and the socket', () => {
    const expected = {
      syncV1URL: `https://${ROOT}/sync/v1`,
      predictURL: `https://${ROOT}/predict`,
      webSocketURL: `wss://${ROOT}/websocket`,
    };
    for (const url of [
      `https://${ROOT}/sync/v1`,
      `https://${ROOT}/sync/v1/`,
      `https://${ROOT}/sync`,
      `https://${ROOT}/predict`,
    ])
      expect(resolveQwen3ASREndpoints(url)).toEqual({
        ...expected,
        named: 'predict',
      });
    for (const url of [`wss://${ROOT}/websocket`, `https://${ROOT}/websocket`])
      expect(resolveQwen3ASREndpoints(url)).toEqual({
        ...expected,
        named: 'websocket',
      });
  });

  it('plaintext only to loopback; other URLs and no URL are errors naming modelURL', () => {
    expect(
      resolveQwen3ASREndpoints('ws://127.0.0.1:8080/deployment/q3/websocket'),
    ).toEqual({
      syncV1URL: 'http://127.0.0.1:8080/deployment/q3/sync/v1',
      predictURL: 'http://127.0.0.1:8080/deployment/q3/predict',
      webSocketURL: 'ws://127.0.0.1:8080/deployment/q3/websocket',
      named: 'websocket',
    });
    for (const url of [
      `http://${ROOT}/sync/v1`,
      `https://${ROOT}/async_predict`,
      undefined,
    ]) {
      let error: unknown;
      try {
        resolveQwen3ASREndpoints(url);
      } catch (caught) {
        error = caught;
      }
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe('modelURL');
    }
  });
});
