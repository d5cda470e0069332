import {
  InvalidArgumentError,
  LoadAPIKeyError,
  LoadSettingError,
  NoSuchModelError,
} from '@ai-sdk/provider';
import { embed, embedMany, generateText, rerank, streamText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBaseten, type BasetenProviderSettings } from '../index';
import { startBasetenEmulator, type BasetenEmulator } from '../emulator';
import type { PerformanceClientConstructor } from '../transport/baseten-native-client';

// Every setting and option misused: each fails before any request (the
// emulator sees none) with an AI SDK error class, and the error names the
// setting (in its message, or as `argument` where the message is the one
// @ai-sdk/baseten documents) and says what to do instead.
let emulator: BasetenEmulator;
let sync: string;
beforeAll(async () => {
  emulator = await startBasetenEmulator({ embeddingDimensions: 8 });
  sync = `${emulator.origin}/environments/production/sync`;
});
afterEach(() => {
  emulator.requests.length = 0;
});
afterAll(() => emulator.close());

type ErrorClass = { isInstance(error: unknown): boolean; name: string };
interface BadInput {
  readonly name: string;
  readonly run: () => unknown;
  readonly error: ErrorClass;
  /** The setting, as the message or `argument` names it. */
  readonly setting: RegExp;
  /** The fix the message gives. */
  readonly fix: RegExp;
}

const key = 'bad-input-key';
const provider = (settings: BasetenProviderSettings) =>
  createBaseten({ apiKey: key, ...settings });
const chat = (options: Record<string, unknown>) => () =>
  generateText({
    model: provider({ baseURL: emulator.baseURL })('zai-org/GLM-4.7'),
    prompt: 'Hi',
    maxRetries: 0,
    ...options,
  });
const chatAt = (modelURL: string) => () => provider({ modelURL })();
const embedder = (settings: BasetenProviderSettings = {}) =>
  provider({
    modelURL: sync,
    performanceClient: false,
    ...settings,
  }).embeddingModel();
const reranker = (settings: BasetenProviderSettings = {}) =>
  provider({
    modelURL: sync,
    performanceClient: false,
    ...settings,
  }).rerankingModel();
const embedWith = (baseten: Record<string, unknown>) => () =>
  embed({
    model: embedder(),
    value: 'x',
    maxRetries: 0,
    providerOptions: { baseten } as never,
  });
const rerankWith = (baseten: Record<string, unknown>) => () =>
  rerank({
    model: reranker(),
    query: 'q',
    documents: ['a'],
    maxRetries: 0,
    providerOptions: { baseten } as never,
  });
const SYNC_FIX = /\/sync\/v1/;
const HOST = 'https://model-abcd1234.api.baseten.co/environments/production';
// neither batchPost nor embed: nothing the provider could call
const noClientMethods = class {} as unknown as PerformanceClientConstructor;

const badInputs: BadInput[] = [
  // modelURL
  {
    name: 'modelURL not a URL (chat)',
    run: chatAt('model-abcd1234/sync/v1'),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /absolute http\(s\) URL such as https:/,
  },
  {
    name: 'modelURL not a URL (embeddings)',
    run: () => provider({ modelURL: 'sync' }).embeddingModel(),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /absolute http\(s\) URL/,
  },
  {
    name: 'modelURL with scheme ftp:',
    run: chatAt('ftp://model-abcd1234.api.baseten.co/sync/v1'),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /Use an https:\/\//,
  },
  {
    name: 'modelURL with scheme ws: (reranking)',
    run: () => provider({ modelURL: 'ws://localhost/sync' }).rerankingModel(),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /Use an https:\/\//,
  },
  {
    name: 'modelURL ending in /predict (chat)',
    run: chatAt(`${HOST}/predict`),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: SYNC_FIX,
  },
  {
    name: 'modelURL ending in /predict (embeddings)',
    run: () => provider({ modelURL: `${HOST}/predict` }).embeddingModel(),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /\/sync or \/sync\/v1/,
  },
  {
    name: 'modelURL ending in /async_predict (chat)',
    run: chatAt(`${HOST}/async_predict`),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /asynchronous queue.*ending in \/sync\/v1/,
  },
  {
    name: 'modelURL ending in /async_predict (reranking)',
    run: () => provider({ modelURL: `${HOST}/async_predict` }).rerankingModel(),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /\/sync or \/sync\/v1/,
  },
  {
    name: 'modelURL with a query string',
    run: chatAt(`${HOST}/sync/v1?api_key=x`),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /remove the query string/,
  },
  {
    name: 'modelURL with a fragment (embeddings)',
    run: () => provider({ modelURL: `${HOST}/sync#v1` }).embeddingModel(),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /remove the query string or fragment/,
  },
  {
    name: 'modelURL with credentials',
    run: chatAt(`https://user:secret@model-abcd1234.api.baseten.co/sync/v1`),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /pass the key as the apiKey setting/,
  },
  {
    name: 'modelURL with /chat/completions appended',
    run: chatAt(`${HOST}/sync/v1/chat/completions`),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /Remove "\/chat\/completions"/,
  },
  {
    name: 'modelURL empty (embeddings)',
    run: () => provider({ modelURL: '' }).embeddingModel(),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /non-empty http\(s\) URL/,
  },
  {
    name: 'no modelURL for embeddings',
    run: () => provider({}).embeddingModel(),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /set modelURL/,
  },
  {
    name: 'no modelURL for reranking',
    run: () => provider({}).rerankingModel(),
    error: InvalidArgumentError,
    setting: /modelURL/,
    fix: /ending in \/sync or \/sync\/v1/,
  },
  // baseURL
  {
    name: 'baseURL empty',
    run: () => provider({ baseURL: '' }),
    error: InvalidArgumentError,
    setting: /baseURL/,
    fix: /non-empty http\(s\) URL/,
  },
  {
    name: 'baseURL blank',
    run: () => provider({ baseURL: '   ' }),
    error: InvalidArgumentError,
    setting: /baseURL/,
    fix: /non-empty http\(s\) URL/,
  },
  {
    name: 'baseURL without a scheme',
    run: () => provider({ baseURL: 'inference.baseten.co/v1' }),
    error: InvalidArgumentError,
    setting: /baseURL/,
    fix: /https:\/\/inference\.baseten\.co\/v1/,
  },
  {
    name: 'baseURL with a query string',
    run: () => provider({ baseURL: 'https://inference.baseten.co/v1?x=1' }),
    error: InvalidArgumentError,
    setting: /baseURL/,
    fix: /remove the query string/,
  },
  // apiKey
  ...(['', '   ', '\t\n'] as const).flatMap((apiKey): BadInput[] => [
    {
      name: `apiKey ${JSON.stringify(apiKey)} (chat)`,
      run: () =>
        generateText({
          model: createBaseten({ apiKey, baseURL: emulator.baseURL })(
            'zai-org/GLM-4.7',
          ),
          prompt: 'Hi',
          maxRetries: 0,
        }),
      error: LoadAPIKeyError,
      setting: /apiKey/,
      fix: /apiKey setting or the BASETEN_API_KEY environment variable/,
    },
    {
      name: `apiKey ${JSON.stringify(apiKey)} (embeddings, native)`,
      run: () =>
        embed({
          model: createBaseten({
            apiKey,
            modelURL: sync,
            performanceClient: true,
          }).embeddingModel(),
          value: 'x',
          maxRetries: 0,
        }),
      error: LoadAPIKeyError,
      setting: /apiKey/,
      fix: /BASETEN_API_KEY/,
    },
    {
      name: `apiKey ${JSON.stringify(apiKey)} (reranking)`,
      run: () =>
        rerank({
          model: createBaseten({ apiKey, modelURL: sync }).rerankingModel(),
          query: 'q',
          documents: ['a'],
          maxRetries: 0,
        }),
      error: LoadAPIKeyError,
      setting: /apiKey/,
      fix: /BASETEN_API_KEY/,
    },
  ]),
  // model IDs
  {
    name: 'no model ID on Model APIs',
    run: () => provider({})(),
    error: NoSuchModelError,
    setting: /model ID/,
    fix: /baseten\('openai\/gpt-oss-120b'\).*modelURL/,
  },
  {
    name: 'an image model',
    run: () => provider({}).imageModel('flux'),
    error: NoSuchModelError,
    setting: /imageModel|flux/,
    fix: /No such imageModel/,
  },
  // embeddings values and options
  {
    name: 'embedMany with a number',
    run: () =>
      embedMany({
        model: embedder(),
        values: ['a', 1 as unknown as string],
        maxRetries: 0,
      }),
    error: InvalidArgumentError,
    setting: /values\[1\]/,
    fix: /must be a non-empty string/,
  },
  {
    name: 'embedMany with null',
    run: () =>
      embedMany({
        model: embedder(),
        values: [null as unknown as string],
        maxRetries: 0,
      }),
    error: InvalidArgumentError,
    setting: /values\[0\]/,
    fix: /must be a non-empty string/,
  },
  {
    name: 'embedMany with an empty string',
    run: () =>
      embedMany({ model: embedder(), values: ['a', 'b', ''], maxRetries: 0 }),
    error: InvalidArgumentError,
    setting: /values\[2\]/,
    fix: /must be a non-empty string/,
  },
  {
    name: 'embed with an object',
    run: () =>
      embed({
        model: embedder(),
        value: { text: 'a' } as unknown as string,
        maxRetries: 0,
      }),
    error: InvalidArgumentError,
    setting: /values\[0\]/,
    fix: /must be a non-empty string/,
  },
  {
    name: 'dimensions 0',
    run: embedWith({ dimensions: 0 }),
    error: InvalidArgumentError,
    setting: /dimensions/,
    fix: /must be positive/,
  },
  {
    name: 'dimensions -8',
    run: embedWith({ dimensions: -8 }),
    error: InvalidArgumentError,
    setting: /dimensions/,
    fix: /must be positive/,
  },
  {
    name: 'dimensions 1.5',
    run: embedWith({ dimensions: 1.5 }),
    error: InvalidArgumentError,
    setting: /dimensions/,
    fix: /must be a whole number/,
  },
  {
    name: 'dimensions "256"',
    run: embedWith({ dimensions: '256' }),
    error: InvalidArgumentError,
    setting: /dimensions/,
    fix: /expected number/,
  },
  {
    name: 'batchSize 129',
    run: embedWith({ batchSize: 129 }),
    error: InvalidArgumentError,
    setting: /batchSize/,
    fix: /at most 128/,
  },
  {
    name: 'batchSize 0',
    run: embedWith({ batchSize: 0 }),
    error: InvalidArgumentError,
    setting: /batchSize/,
    fix: /at least 1/,
  },
  {
    name: 'batchSize 2.5 (reranking)',
    run: rerankWith({ batchSize: 2.5 }),
    error: InvalidArgumentError,
    setting: /batchSize/,
    fix: /whole number/,
  },
  {
    name: 'batchSize 500 (reranking)',
    run: rerankWith({ batchSize: 500 }),
    error: InvalidArgumentError,
    setting: /batchSize/,
    fix: /at most 128/,
  },
  {
    name: 'maxConcurrentRequests -1',
    run: embedWith({ maxConcurrentRequests: -1 }),
    error: InvalidArgumentError,
    setting: /maxConcurrentRequests/,
    fix: /at least 1/,
  },
  {
    name: 'maxConcurrentRequests 0 (reranking)',
    run: rerankWith({ maxConcurrentRequests: 0 }),
    error: InvalidArgumentError,
    setting: /maxConcurrentRequests/,
    fix: /at least 1/,
  },
  {
    name: 'timeoutMs -5',
    run: embedWith({ timeoutMs: -5 }),
    error: InvalidArgumentError,
    setting: /timeoutMs/,
    fix: /must be positive/,
  },
  {
    name: 'hedgeDelayMs "fast"',
    run: embedWith({ hedgeDelayMs: 'fast' }),
    error: InvalidArgumentError,
    setting: /hedgeDelayMs/,
    fix: /expected number/,
  },
  {
    name: 'encodingFormat "binary"',
    run: embedWith({ encodingFormat: 'binary' }),
    error: InvalidArgumentError,
    setting: /encodingFormat/,
    fix: /"float"\|"base64"/,
  },
  {
    name: 'user 42',
    run: embedWith({ user: 42 }),
    error: InvalidArgumentError,
    setting: /user/,
    fix: /expected string/,
  },
  // reranking values and options
  {
    name: 'rerank with an empty query',
    run: () =>
      rerank({ model: reranker(), query: '', documents: ['a'], maxRetries: 0 }),
    error: InvalidArgumentError,
    setting: /query/,
    fix: /must be a non-empty string/,
  },
  {
    name: 'rerank with topN 0',
    run: () =>
      rerank({
        model: reranker(),
        query: 'q',
        documents: ['a'],
        topN: 0,
        maxRetries: 0,
      }),
    error: InvalidArgumentError,
    setting: /topN/,
    fix: /positive whole number/,
  },
  {
    name: 'rerank with topN 1.5',
    run: () =>
      rerank({
        model: reranker(),
        query: 'q',
        documents: ['a'],
        topN: 1.5,
        maxRetries: 0,
      }),
    error: InvalidArgumentError,
    setting: /topN/,
    fix: /positive whole number/,
  },
  {
    name: 'rerank with an empty document',
    run: () =>
      rerank({
        model: reranker(),
        query: 'q',
        documents: ['a', ''],
        maxRetries: 0,
      }),
    error: InvalidArgumentError,
    setting: /documents\[1\]/,
    fix: /must be a non-empty string/,
  },
  {
    name: 'rawScores "yes"',
    run: rerankWith({ rawScores: 'yes' }),
    error: InvalidArgumentError,
    setting: /rawScores/,
    fix: /expected boolean/,
  },
  {
    name: 'truncationDirection "up"',
    run: rerankWith({ truncationDirection: 'up' }),
    error: InvalidArgumentError,
    setting: /truncationDirection/,
    fix: /"Left"\|"Right"/,
  },
  // chat options
  {
    name: 'chat topK "3"',
    run: chat({ providerOptions: { baseten: { topK: '3' } } }),
    error: InvalidArgumentError,
    setting: /providerOptions\.baseten.*topK/,
    fix: /BasetenChatProviderOptions/,
  },
  {
    name: 'chat minP 2',
    run: chat({ providerOptions: { baseten: { minP: 2 } } }),
    error: InvalidArgumentError,
    setting: /minP/,
    fix: /BasetenChatProviderOptions/,
  },
  {
    name: 'chat chatTemplateArgs "on"',
    run: chat({ providerOptions: { baseten: { chatTemplateArgs: 'on' } } }),
    error: InvalidArgumentError,
    setting: /chatTemplateArgs/,
    fix: /BasetenChatProviderOptions/,
  },
  {
    name: 'chat topK and providerOptions.baseten.topK disagree',
    run: chat({ topK: 3, providerOptions: { baseten: { topK: 4 } } }),
    error: InvalidArgumentError,
    setting: /topK/,
    fix: /set only one of them/,
  },
  {
    name: 'chat minP and min_p disagree',
    run: chat({ providerOptions: { baseten: { minP: 0.1, min_p: 0.2 } } }),
    error: InvalidArgumentError,
    setting: /minP/,
    fix: /keep one of them/,
  },
  {
    name: 'chat stream with a bad option',
    run: async () => {
      let error: unknown;
      await streamText({
        model: provider({ baseURL: emulator.baseURL })('zai-org/GLM-4.7'),
        prompt: 'Hi',
        maxRetries: 0,
        providerOptions: { baseten: { ignoreEos: 'no' } },
        onError: e => {
          error = e.error;
        },
      }).consumeStream();
      throw error;
    },
    error: InvalidArgumentError,
    setting: /ignoreEos/,
    fix: /BasetenChatProviderOptions/,
  },
  // transports
  {
    name: 'performanceClient with neither batchPost nor embed',
    run: () =>
      embed({
        model: embedder({ performanceClient: noClientMethods }),
        value: 'x',
        maxRetries: 0,
      }),
    error: LoadSettingError,
    setting: /performanceClient/,
    fix: /0\.0\.10 or set performanceClient: false/,
  },
];

describe('bad input fails before any request', () => {
  it.each(badInputs.map(input => [input.name, input] as const))(
    '%s',
    async (_, input) => {
      const error = await Promise.resolve()
        .then(() => input.run())
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(error, 'no error was thrown').toBeInstanceOf(Error);
      expect(
        input.error.isInstance(error),
        `${(error as Error).name}: ${(error as Error).message}`,
      ).toBe(true);
      const { message, argument } = error as Error & { argument?: string };
      expect(`${argument ?? ''} ${message}`).toMatch(input.setting);
      expect(message).toMatch(input.fix);
      expect(emulator.requests).toEqual([]);
    },
  );

  afterAll(() => {
    console.log(`bad inputs tried: ${badInputs.length}`);
  });
});
