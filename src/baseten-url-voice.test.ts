import { InvalidArgumentError } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import {
  basetenModelURL,
  CHAT_PREDICT_MESSAGE,
  EMBEDDINGS_NOT_SYNC_MESSAGE,
  isLoopbackHost,
  resolveChatBaseURL,
  resolveSyncBaseURL,
  resolveVoiceEndpoints,
} from './baseten-url';

const HOST = 'model-abcd1234.api.baseten.co';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('modelURL');
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('resolveVoiceEndpoints: every deployment form gives both URLs', () => {
  it.each([
    'environments/production',
    'environments/staging',
    'production',
    'development',
    'deployment/q8w2e4r6',
  ])('/%s/predict ⇄ /%s/websocket', prefix => {
    const both = {
      predictURL: `https://${HOST}/${prefix}/predict`,
      webSocketURL: `wss://${HOST}/${prefix}/websocket`,
    };
    expect(
      resolveVoiceEndpoints(
        `https://${HOST}/${prefix}/predict`,
        'transcription',
      ),
    ).toEqual({
      ...both,
      named: 'predict',
    });
    expect(
      resolveVoiceEndpoints(
        `wss://${HOST}/${prefix}/websocket`,
        'transcription',
      ),
    ).toEqual({
      ...both,
      named: 'websocket',
    });
    // an https URL to the WebSocket endpoint means the same deployment
    expect(
      resolveVoiceEndpoints(`https://${HOST}/${prefix}/websocket/`, 'speech'),
    ).toEqual({
      ...both,
      named: 'websocket',
    });
  });

  it('chains: run_remote ⇄ websocket on the chain host', () => {
    const both = {
      predictURL:
        'https://chain-x7y8z9.api.baseten.co/environments/production/run_remote',
      webSocketURL:
        'wss://chain-x7y8z9.api.baseten.co/environments/production/websocket',
    };
    expect(resolveVoiceEndpoints(both.predictURL, 'transcription')).toEqual({
      ...both,
      named: 'predict',
    });
    expect(resolveVoiceEndpoints(both.webSocketURL, 'transcription')).toEqual({
      ...both,
      named: 'websocket',
    });
  });

  it.each([
    [
      'http://127.0.0.1:8080/environments/production/predict',
      'http://127.0.0.1:8080',
      'ws://127.0.0.1:8080',
    ],
    [
      'ws://localhost:9/production/websocket',
      'http://localhost:9',
      'ws://localhost:9',
    ],
    ['http://[::1]:7/development/predict', 'http://[::1]:7', 'ws://[::1]:7'],
  ])('plaintext to loopback: %s', (modelURL, http, ws) => {
    const { predictURL, webSocketURL } = resolveVoiceEndpoints(
      modelURL,
      'transcription',
    );
    expect(predictURL.startsWith(`${http}/`)).toBe(true);
    expect(predictURL.endsWith('/predict')).toBe(true);
    expect(webSocketURL.startsWith(`${ws}/`)).toBe(true);
    expect(webSocketURL.endsWith('/websocket')).toBe(true);
  });

  it.each([
    `http://${HOST}/environments/production/predict`,
    `ws://${HOST}/environments/production/websocket`,
    'ws://10.0.0.5/production/websocket',
    'http://127.example.com/production/predict',
  ])('rejects plaintext to a non-loopback host: %s', modelURL => {
    const message = messageOf(() =>
      resolveVoiceEndpoints(modelURL, 'transcription'),
    );
    expect(message).toMatch(
      /plaintext http:\/\/ and ws:\/\/ are only allowed to a loopback host/,
    );
    expect(message).toMatch(/modelURL/);
  });

  it.each([
    [
      `https://${HOST}/environments/production/sync/v1`,
      /ending in \/predict \(batch\) or \/websocket \(streaming\)/,
    ],
    [
      `https://${HOST}/environments/production/async_predict`,
      /ending in \/predict/,
    ],
    ['ftp://example.com/predict', /scheme "ftp:"/],
    [`https://user:pw@${HOST}/production/predict`, /credentials/],
    [`wss://${HOST}/production/websocket?x=1`, /query string/],
    ['not a url', /not a URL/],
  ])('rejects %s naming modelURL and the forms', (modelURL, reason) => {
    const message = messageOf(() =>
      resolveVoiceEndpoints(modelURL, 'transcription'),
    );
    expect(message).toMatch(reason);
    expect(message).toMatch(/modelURL/);
  });

  it('names the missing setting for each kind', () => {
    expect(
      messageOf(() => resolveVoiceEndpoints(undefined, 'transcription')),
    ).toMatch(
      /No model URL provided for transcription\. Set the modelURL setting to your Whisper deployment/,
    );
    expect(messageOf(() => resolveVoiceEndpoints(undefined, 'speech'))).toMatch(
      /No model URL provided for speech\. Set the modelURL setting to your text-to-speech deployment/,
    );
  });
});

describe('the other kinds keep their rules for voice URLs', () => {
  it('chat and embeddings still reject /predict exactly as documented', () => {
    expect(
      messageOf(() =>
        resolveChatBaseURL(`https://${HOST}/environments/production/predict`),
      ),
    ).toBe(CHAT_PREDICT_MESSAGE);
    expect(
      messageOf(() =>
        resolveSyncBaseURL(`https://${HOST}/environments/production/predict`),
      ),
    ).toBe(EMBEDDINGS_NOT_SYNC_MESSAGE);
  });

  it('chat and embeddings reject /websocket', () => {
    expect(
      messageOf(() =>
        resolveChatBaseURL(`https://${HOST}/production/websocket`),
      ),
    ).toMatch(/Invalid modelURL for a chat model/);
    expect(
      messageOf(() =>
        resolveSyncBaseURL(`https://${HOST}/production/websocket`),
      ),
    ).toBe(EMBEDDINGS_NOT_SYNC_MESSAGE);
  });
});

describe('basetenModelURL: predict and websocket endpoints', () => {
  it('builds https …/predict and wss …/websocket', () => {
    expect(basetenModelURL({ modelId: 'abcd1234', endpoint: 'predict' })).toBe(
      `https://${HOST}/environments/production/predict`,
    );
    expect(
      basetenModelURL({
        modelId: 'abcd1234',
        endpoint: 'websocket',
        deploymentId: 'q8w2e4r6',
      }),
    ).toBe(`wss://${HOST}/deployment/q8w2e4r6/websocket`);
    expect(
      basetenModelURL({
        modelId: 'abcd1234',
        endpoint: 'websocket',
        environment: 'development',
      }),
    ).toBe(`wss://${HOST}/development/websocket`);
  });

  it('a built URL resolves to the same deployment', () => {
    const url = basetenModelURL({
      modelId: 'abcd1234',
      endpoint: 'websocket',
      environment: 'staging',
    });
    expect(resolveVoiceEndpoints(url, 'transcription').predictURL).toBe(
      `https://${HOST}/environments/staging/predict`,
    );
  });

  it('rejects an unknown endpoint, naming the choices', () => {
    expect(() =>
      basetenModelURL({ modelId: 'abcd1234', endpoint: 'ws' as 'websocket' }),
    ).toThrow(/"predict" \(batch voice models\) or "websocket"/);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.10.20.30', true],
    ['[::1]', true],
    ['127.0.0.1.nip.io', false],
    ['0.0.0.0', false],
    ['example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
