import { InvalidArgumentError } from '@ai-sdk/provider';
import { embedMany, generateText } from 'ai';
import { describe, expect, it } from 'vitest';
import {
  createBaseten,
  type BasetenProviderSettings,
} from './baseten-provider';
import chatAnswer from './chat/__fixtures__/generate-text.json';
import embeddingsAnswer from './embedding/__fixtures__/bei-embeddings-float.json';
import { json, useTestServer } from './test/msw-server';

// One rule for every model kind: the API key goes over plaintext http:// or
// ws:// only to this machine, unless allowInsecureHttp says otherwise.
const KEY = 'test-key.plaintext';
const GATEWAY = 'http://gateway.internal.example:8080';
const server = useTestServer();

const LOOPBACK_ONLY =
  /plaintext http:\/\/ and ws:\/\/ are only allowed to a loopback host \(localhost, 127\.0\.0\.1, ::1\), since the API key travels on the connection\. Use https:\/\/ or wss:\/\/, or set allowInsecureHttp: true to send the key unencrypted to gateway\.internal\.example\./;

const models: Array<
  [
    string,
    'baseURL' | 'modelURL' | 'decisionURL',
    (settings: BasetenProviderSettings) => unknown,
  ]
> = [
  [
    'chat on Model APIs and the catalog',
    'baseURL',
    s =>
      createBaseten({ ...s, baseURL: `${GATEWAY}/v1` })('openai/gpt-oss-120b'),
  ],
  [
    'chat on a deployment',
    'modelURL',
    s =>
      createBaseten({
        ...s,
        modelURL: `${GATEWAY}/environments/production/sync/v1`,
      })(),
  ],
  [
    'embeddings',
    'modelURL',
    s =>
      createBaseten({
        ...s,
        modelURL: `${GATEWAY}/environments/production/sync`,
        performanceClient: false, // HTTP, which msw answers
      }).embeddingModel(),
  ],
  [
    'reranking',
    'modelURL',
    s =>
      createBaseten({
        ...s,
        modelURL: `${GATEWAY}/environments/production/sync`,
      }).rerankingModel(),
  ],
  [
    'transcription',
    'modelURL',
    s =>
      createBaseten({
        ...s,
        modelURL: `${GATEWAY}/environments/production/predict`,
      }).transcriptionModel(),
  ],
  [
    'speech',
    'modelURL',
    s =>
      createBaseten({
        ...s,
        modelURL: `${GATEWAY.replace('http', 'ws')}/environments/production/websocket`,
      }).speechModel(),
  ],
  [
    'Qwen3-ASR transcription',
    'modelURL',
    s =>
      createBaseten({
        ...s,
        modelURL: `${GATEWAY}/environments/production/sync/v1`,
      }).transcriptionModel('qwen3-asr'),
  ],
  [
    'Qwen3-TTS speech',
    'modelURL',
    s =>
      createBaseten({
        ...s,
        modelURL: `${GATEWAY.replace('http', 'ws')}/environments/production/websocket`,
      }).speechModel('qwen3-tts'),
  ],
  [
    'classification',
    'modelURL',
    s =>
      createBaseten({
        ...s,
        modelURL: `${GATEWAY}/environments/production/sync`,
      }).classifier(),
  ],
  [
    'async inference',
    'modelURL',
    s =>
      createBaseten({
        ...s,
        modelURL: `${GATEWAY}/environments/production/predict`,
      }).asyncInference(),
  ],
  [
    'decision models',
    'decisionURL',
    s =>
      createBaseten({
        ...s,
        decisionURL: `${GATEWAY}/v1/systemone`,
      }).decisionModel(),
  ],
];

describe('plaintext URLs', () => {
  it.each(models)(
    '%s: http:// or ws:// to another host is an InvalidArgumentError naming %s, the hosts allowed and the opt-in',
    (_name, setting, create) => {
      let caught: unknown;
      try {
        create({ apiKey: KEY });
      } catch (error) {
        caught = error;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe(setting);
      expect((caught as Error).message).toMatch(LOOPBACK_ONLY);
      expect((caught as Error).message).not.toContain(KEY);
      expect(server.requests).toEqual([]);
    },
  );

  it.each(models)(
    '%s: allowInsecureHttp: true accepts it',
    (_name, _setting, create) => {
      expect(() =>
        create({ apiKey: KEY, allowInsecureHttp: true }),
      ).not.toThrow();
    },
  );

  it('wake: http:// to another host is refused before any request, and allowed with the opt-in', async () => {
    const modelURL = `${GATEWAY}/environments/production/predict`;
    const refused = await createBaseten({ apiKey: KEY, modelURL })
      .wake()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(InvalidArgumentError.isInstance(refused)).toBe(true);
    expect((refused as Error).message).toMatch(LOOPBACK_ONLY);
    expect((refused as Error).message).not.toContain(KEY);
    expect(server.requests).toEqual([]);
    server.onPost(`${GATEWAY}/environments/production/wake`, () =>
      json({}, 202),
    );
    await createBaseten({
      apiKey: KEY,
      modelURL,
      allowInsecureHttp: true,
    }).wake();
    expect(server.requests.map(request => request.url)).toEqual([
      `${GATEWAY}/environments/production/wake`,
    ]);
  });

  it('with allowInsecureHttp chat and embeddings go to the plaintext host, key and all', async () => {
    server.onPost(`${GATEWAY}/v1/chat/completions`, () => json(chatAnswer));
    server.onPost(`${GATEWAY}/environments/production/sync/v1/embeddings`, () =>
      json(embeddingsAnswer),
    );
    const settings = { apiKey: KEY, allowInsecureHttp: true };
    await generateText({
      model: createBaseten({ ...settings, baseURL: `${GATEWAY}/v1` })(
        'openai/gpt-oss-120b',
      ),
      prompt: 'Hi',
    });
    await embedMany({
      model: createBaseten({
        ...settings,
        modelURL: `${GATEWAY}/environments/production/sync`,
        performanceClient: false, // HTTP, which msw answers
      }).embeddingModel(),
      values: ['first text', 'second text'], // the fixture's two embeddings
    });
    expect(
      server.requests.map(request => [
        request.url,
        request.headers.authorization,
      ]),
    ).toEqual([
      [`${GATEWAY}/v1/chat/completions`, `Bearer ${KEY}`],
      [
        `${GATEWAY}/environments/production/sync/v1/embeddings`,
        `Bearer ${KEY}`,
      ],
    ]);
  });

  it.each([
    'http://localhost:8080',
    'http://127.0.0.1:8080',
    'http://[::1]:8080',
  ])('loopback %s needs no opt-in, for every model kind', origin => {
    const baseten = (modelURL: string) =>
      createBaseten({ apiKey: KEY, modelURL });
    expect(() =>
      createBaseten({ apiKey: KEY, baseURL: `${origin}/v1` })('m'),
    ).not.toThrow();
    expect(() => baseten(`${origin}/production/sync/v1`)()).not.toThrow();
    expect(() =>
      baseten(`${origin}/production/sync`).embeddingModel(),
    ).not.toThrow();
    expect(() =>
      baseten(`${origin}/production/sync`).rerankingModel(),
    ).not.toThrow();
    expect(() =>
      baseten(`${origin}/production/predict`).transcriptionModel(),
    ).not.toThrow();
    expect(() =>
      baseten(
        `${origin.replace('http', 'ws')}/production/websocket`,
      ).speechModel(),
    ).not.toThrow();
  });
});
