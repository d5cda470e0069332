import {
  experimental_streamSpeech as streamSpeech,
  experimental_streamTranscribe as streamTranscribe,
  generateSpeech,
  transcribe,
} from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { globalWebSocketWithHeaders } from '../deployment/baseten-websocket';
import {
  emulatorSpeechPCM,
  emulatorSpeechWAV,
  startBasetenEmulator,
  type BasetenEmulator,
} from '../emulator';
import { createBaseten, type BasetenProviderSettings } from '../index';
import { captureLogCalls, dump, streamOutcome } from '../test/secret-canary';

// The canary idea of secrets.native.test.ts, driven through every voice path:
// batch and streaming, success and each failure; the key must never come back
// out in an error, a stream part, a warning, metadata or a log line.
const CANARY = 'sk-canary-voice-4e1b7d20c3';

let emulator: BasetenEmulator;
let predictURL: string;
let webSocketURL: string;
beforeAll(async () => {
  emulator = await startBasetenEmulator({ hangTimeoutMs: 2_000 });
  predictURL = `${emulator.origin}/environments/production/predict`;
  webSocketURL = `${emulator.origin.replace('http', 'ws')}/environments/production/websocket`;
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const loggedCalls = captureLogCalls();

let checked = 0;
function check(path: string, ...values: unknown[]) {
  checked += 1;
  expect(values.map(value => dump(value)).join('\n'), path).not.toContain(
    CANARY,
  );
}

const model = (modelURL: string, extra: BasetenProviderSettings = {}) =>
  createBaseten({ apiKey: CANARY, modelURL, ...extra }).transcription();
const speech = (modelURL: string, extra: BasetenProviderSettings = {}) =>
  createBaseten({ apiKey: CANARY, modelURL, ...extra }).speech();

async function speechOutcome(result: ReturnType<typeof streamSpeech>) {
  const parts: unknown[] = [];
  const failure = await (async () => {
    for await (const part of result.fullStream)
      if (part.type !== 'audio') parts.push(part);
  })().catch((error: unknown) => error);
  const settled = await Promise.allSettled([
    result.warnings,
    result.providerMetadata,
    result.responses,
  ]);
  return { parts, failure, settled };
}
const echo = `Invalid API key: Bearer ${CANARY}`;
const PCM16 = { type: 'audio/pcm', rate: 16_000 } as const;

function audio(
  bytes: Uint8Array = emulatorSpeechPCM('Hello there. Bye.', 16_000),
): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** streamTranscribe's parts, failure and settled results. */
function outcomeOf(result: ReturnType<typeof streamTranscribe>) {
  return streamOutcome(result.fullStream, [
    result.text,
    result.segments,
    result.warnings,
    result.providerMetadata,
    result.responses,
  ]);
}

describe('the API key never comes back out of a voice call', () => {
  it.each([401, 500])(
    'batch transcription: HTTP %i with the key echoed (retries included)',
    async status => {
      emulator.faults.enqueue(
        { status, message: echo, retryAfterMs: 1 },
        { path: '/predict', times: 3 },
      );
      const error = await transcribe({
        model: model(predictURL),
        audio: emulatorSpeechWAV('Hi.'),
        maxRetries: 1,
      }).catch((caught: unknown) => caught);
      check(`transcribe ${status}`, error);
      expect(dump(error)).toContain('[redacted]');
    },
  );

  it('batch transcription: success (warnings, metadata, request, response), URL audio, a bad option, a drop, an abort', async () => {
    const ok = await transcribe({
      model: model(predictURL),
      audio: emulatorSpeechWAV('Hello there.'),
      providerOptions: { baseten: { beam_size: 2, vadThreshold: 0.5 } },
    });
    expect(ok.warnings).toHaveLength(2);
    check('transcribe success', ok);
    const fromURL = await transcribe({
      model: model(predictURL),
      audio: new URL('https://cdn.example.com/a.wav'),
    }).catch((caught: unknown) => caught);
    check('transcribe URL refused by the offline emulator', fromURL);
    check(
      'transcribe bad option',
      await transcribe({
        model: model(predictURL),
        audio: emulatorSpeechWAV('x'),
        providerOptions: { baseten: { prompt: 3 } },
      }).catch((caught: unknown) => caught),
    );
    emulator.faults.enqueue({ dropAfterChunks: 0 }, { path: '/predict' });
    check(
      'transcribe dropped',
      await transcribe({
        model: model(predictURL),
        audio: emulatorSpeechWAV('x'),
        maxRetries: 0,
      }).catch((e: unknown) => e),
    );
    emulator.requests.length = 0;
    emulator.faults.enqueue({ hang: true }, { path: '/predict' });
    const controller = new AbortController();
    const aborted = transcribe({
      model: model(predictURL),
      audio: emulatorSpeechWAV('x'),
      abortSignal: controller.signal,
    }).catch((caught: unknown) => caught);
    await expect.poll(() => emulator.requests.length).toBe(1);
    controller.abort();
    check('transcribe aborted', await aborted);
  });

  it.each([
    ['ws', undefined],
    ['global WebSocket', globalWebSocketWithHeaders()],
  ] as const)(
    'streaming (%s): refused upgrades with the key echoed',
    async (_label, webSocket) => {
      for (const status of [401, 403, 503]) {
        emulator.faults.enqueue(
          { status, message: echo },
          { path: '/websocket' },
        );
        const outcome = await outcomeOf(
          streamTranscribe({
            model: model(webSocketURL, { webSocket }),
            audio: audio(),
            inputAudioFormat: PCM16,
          }),
        );
        check(`stream refused ${status}`, outcome);
        expect(outcome.failure).toBeDefined();
      }
    },
  );

  it('streaming: an error close whose reason echoes the key, a drop, a hang aborted, a bad format, a bad option, success', async () => {
    emulator.faults.enqueue(
      { dropAfterChunks: 1, closeCode: 4001, message: `Bearer ${CANARY}` },
      { path: '/websocket' },
    );
    const closed = await outcomeOf(
      streamTranscribe({
        model: model(webSocketURL),
        audio: audio(),
        inputAudioFormat: PCM16,
      }),
    );
    expect(dump(closed.failure)).toContain('[redacted]');
    check('stream error close', closed);

    emulator.faults.enqueue({ dropAfterChunks: 1 }, { path: '/websocket' });
    check(
      'stream dropped',
      await outcomeOf(
        streamTranscribe({
          model: model(webSocketURL),
          audio: audio(),
          inputAudioFormat: PCM16,
        }),
      ),
    );

    emulator.requests.length = 0;
    emulator.faults.enqueue({ hang: true }, { path: '/websocket' });
    const controller = new AbortController();
    const hanging = outcomeOf(
      streamTranscribe({
        model: model(webSocketURL),
        audio: audio(),
        inputAudioFormat: PCM16,
        abortSignal: controller.signal,
      }),
    );
    await expect
      .poll(() => emulator.requests.at(-1)?.webSocket?.binaryBytes ?? 0)
      .toBeGreaterThan(0);
    controller.abort();
    check('stream aborted', await hanging);

    check(
      'stream bad format',
      await outcomeOf(
        streamTranscribe({
          model: model(webSocketURL),
          audio: audio(),
          inputAudioFormat: { type: 'audio/mp3' },
        }),
      ),
    );
    check(
      'stream bad option',
      await outcomeOf(
        streamTranscribe({
          model: model(webSocketURL),
          audio: audio(),
          inputAudioFormat: PCM16,
          providerOptions: { baseten: { vadThreshold: 7 } },
        }),
      ),
    );
    const ok = await outcomeOf(
      streamTranscribe({
        model: model(webSocketURL),
        audio: audio(),
        inputAudioFormat: PCM16,
        includeRawChunks: true,
        providerOptions: {
          baseten: { beam_size: 2, useDynamicPreprocessing: true },
        },
      }),
    );
    expect((ok.failure as Error | undefined)?.message).toBeUndefined();
    check('stream success with raw chunks and warnings', ok);
  });

  it.each([401, 500])(
    'batch speech: HTTP %i with the key echoed (retries included)',
    async status => {
      emulator.faults.enqueue(
        { status, message: echo, retryAfterMs: 1 },
        { path: '/predict', times: 3 },
      );
      const error = await generateSpeech({
        model: speech(predictURL),
        text: 'Hi.',
        maxRetries: 1,
      }).catch((caught: unknown) => caught);
      check(`speech ${status}`, error);
      expect(dump(error)).toContain('[redacted]');
    },
  );

  it('speech: success with warnings, a bad option, streamed over /predict and the WebSocket with refusals, error closes, drops and aborts', async () => {
    const ok = await generateSpeech({
      model: speech(predictURL),
      text: 'Hello.',
      speed: 2,
      providerOptions: { baseten: { style: 'x' } },
    });
    expect(ok.warnings).toHaveLength(2);
    check('speech success', ok);
    check(
      'speech bad option',
      await generateSpeech({
        model: speech(predictURL),
        text: 'x',
        providerOptions: { baseten: { topP: 9 } },
      }).catch((e: unknown) => e),
    );
    check(
      'speech stream over predict',
      await speechOutcome(
        streamSpeech({ model: speech(predictURL), text: 'Hello there.' }),
      ),
    );
    emulator.faults.enqueue(
      { status: 403, message: echo },
      { path: '/predict' },
    );
    check(
      'speech stream over predict refused',
      await speechOutcome(
        streamSpeech({ model: speech(predictURL), text: 'Hi.' }),
      ),
    );
    emulator.faults.enqueue({ dropAfterChunks: 1 }, { path: '/predict' });
    check(
      'speech stream over predict cut',
      await speechOutcome(
        streamSpeech({ model: speech(predictURL), text: 'Hello there.' }),
      ),
    );
    for (const webSocket of [undefined, globalWebSocketWithHeaders()]) {
      emulator.faults.enqueue(
        { status: 401, message: echo },
        { path: '/websocket' },
      );
      const refused = await speechOutcome(
        streamSpeech({
          model: speech(webSocketURL, { webSocket }),
          text: 'Hi.',
        }),
      );
      expect(refused.failure).toBeDefined();
      check('speech stream refused', refused);
    }
    emulator.faults.enqueue(
      { dropAfterChunks: 1, closeCode: 4003, message: `Bearer ${CANARY}` },
      { path: '/websocket' },
    );
    const closed = await speechOutcome(
      streamSpeech({
        model: speech(webSocketURL),
        text: 'Hello there, friend.',
      }),
    );
    expect(dump(closed.failure)).toContain('[redacted]');
    check('speech stream error close', closed);
    emulator.faults.enqueue({ dropAfterChunks: 1 }, { path: '/websocket' });
    check(
      'speech stream dropped',
      await speechOutcome(
        streamSpeech({
          model: speech(webSocketURL),
          text: 'Hello there, friend.',
        }),
      ),
    );
    const controller = new AbortController();
    const aborted = speechOutcome(
      streamSpeech({
        model: speech(webSocketURL),
        text: new ReadableStream<string>({
          pull: () => new Promise<void>(() => {}),
        }),
        abortSignal: controller.signal,
      }),
    );
    controller.abort();
    check('speech stream aborted', await aborted);
    check(
      'speech stream success',
      await speechOutcome(
        streamSpeech({
          model: speech(webSocketURL),
          text: 'Bye now.',
          includeRawChunks: true,
        }),
      ),
    );
  });

  afterAll(() => {
    const text = loggedCalls
      .map(args => args.map(arg => dump(arg)).join(' '))
      .join('\n');
    expect(text).toMatch(/AI SDK Warning/);
    expect(text).not.toContain(CANARY);
    expect(checked).toBeGreaterThan(15);
  });
});
