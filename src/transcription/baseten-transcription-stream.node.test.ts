import { createHash } from 'node:crypto';
import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import { experimental_streamTranscribe as streamTranscribe } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createBaseten,
  type BasetenProviderSettings,
} from '../baseten-provider';
import { globalWebSocketWithHeaders } from '../deployment/baseten-websocket';
import {
  emulatorSpeechPCM,
  startBasetenEmulator,
  type BasetenEmulator,
} from '../emulator';
import { webSocketSession } from '../test/emulator-websocket';
import { stringMatching } from '../test/matchers';
import { VERSION } from '../version';

// Real loopback sockets: the provider's WebSocket client against the emulator's server.
const KEY = 'emulator-key.stream';
const TEXT = 'Hello there. How are you today?';
let emulator: BasetenEmulator;
let webSocketURL: string;

beforeAll(async () => {
  emulator = await startBasetenEmulator({ apiKey: KEY, hangTimeoutMs: 5_000 });
  webSocketURL = `${emulator.origin.replace('http', 'ws')}/environments/production/websocket`;
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

function whisper(settings: BasetenProviderSettings = {}) {
  return createBaseten({
    apiKey: KEY,
    modelURL: webSocketURL,
    ...settings,
  }).transcription();
}

/** A stream of `bytes` in pieces of `size` (odd sizes split samples). */
function audioOf(bytes: Uint8Array, size = 3001): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

/** Audio that never ends (until cancelled): what a live microphone gives. */
function endlessAudio(): ReadableStream<Uint8Array> {
  const second = emulatorSpeechPCM(
    'one two three four five six seven eight nine ten',
    16_000,
  );
  return new ReadableStream(
    { pull: controller => controller.enqueue(second) },
    { highWaterMark: 0 },
  );
}

function concat(...pieces: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(
    pieces.reduce((sum, piece) => sum + piece.length, 0),
  );
  pieces.reduce(
    (offset, piece) => (joined.set(piece, offset), offset + piece.length),
    0,
  );
  return joined;
}

const PCM16 = { type: 'audio/pcm', rate: 16_000 } as const;

async function collect(result: ReturnType<typeof streamTranscribe>) {
  const parts: Array<{ type: string; text?: string }> = [];
  const failure = await (async () => {
    for await (const part of result.fullStream) parts.push(part);
  })().catch((error: unknown) => error);
  return { parts, failure };
}

const session = () => webSocketSession(emulator);

describe('streaming transcription over the WebSocket', () => {
  it('sends the metadata, every audio byte in 512-sample frames (the last padded with silence), then end_audio; a final on each pause, the last after end_audio; closes after finished', async () => {
    // two sentences with a pause between: the server's voice detector ends the first on the
    // pause, and the second only when the audio ends
    const pcm = concat(
      emulatorSpeechPCM('Hello there.', 16_000),
      new Uint8Array(16_000), // 0.5 s of silence
      emulatorSpeechPCM('How are you today?', 16_000),
    );
    const result = streamTranscribe({
      model: whisper(),
      audio: audioOf(pcm),
      inputAudioFormat: PCM16,
    });
    const { parts, failure } = await collect(result);
    expect(failure).toBeUndefined();
    expect(parts).toEqual([
      {
        type: 'transcript-partial',
        id: 'utterance-0',
        text: 'Hello',
        startSecond: 0,
        durationInSeconds: 0.4,
      },
      {
        type: 'transcript-partial',
        id: 'utterance-0',
        text: 'Hello there.',
        startSecond: 0,
        durationInSeconds: 0.8,
      },
      {
        type: 'transcript-final',
        id: 'utterance-0',
        text: 'Hello there.',
        startSecond: 0,
        endSecond: 0.8,
      },
      ...['How', 'How are', 'How are you', 'How are you today?'].map(
        (text, index) => ({
          type: 'transcript-partial',
          id: 'utterance-1',
          text,
          startSecond: 1.3,
          durationInSeconds: Math.round((index + 1) * 0.4 * 10) / 10,
        }),
      ),
      {
        type: 'transcript-final',
        id: 'utterance-1',
        text: 'How are you today?',
        startSecond: 1.3,
        endSecond: 2.9,
      },
    ]);
    expect(await result.text).toBe(TEXT);
    expect(await result.segments).toEqual([
      { text: 'Hello there.', startSecond: 0, endSecond: 0.8 },
      { text: 'How are you today?', startSecond: 1.3, endSecond: 2.9 },
    ]);
    expect(await result.language).toBe('en');
    expect(await result.durationInSeconds).toBe(2.9);
    expect(await result.providerMetadata).toEqual({
      baseten: { endOfAudio: 'finished' },
    });

    await expect.poll(() => session().log.binarySha256).toBeDefined();
    const { log } = session();
    expect(log.received[0]).toBe(
      JSON.stringify({
        whisper_params: {},
        streaming_params: {
          encoding: 'pcm_s16le',
          sample_rate: 16_000,
          enable_partial_transcripts: true,
        },
      }),
    );
    expect(log.received.at(-1)).toBe('{"type":"end_audio"}');
    // exactly 512 samples a frame, whatever the input's pieces; the last one padded with silence
    const frames = log.received.slice(1, -1);
    expect(frames.every(frame => frame === 1024)).toBe(true);
    const padded = concat(pcm, new Uint8Array(1024 - (pcm.length % 1024)));
    expect(pcm.length % 1024).not.toBe(0);
    expect(log.binaryBytes).toBe(padded.length);
    expect(log.binarySha256).toBe(
      createHash('sha256').update(padded).digest('hex'),
    );
    // the server left the socket open after finished: the client closed it
    expect(log.closed).toEqual({ code: 1000, by: 'client' });
  });

  it('a model built from a /predict modelURL streams over the same deployment’s /websocket', async () => {
    const result = streamTranscribe({
      model: whisper({
        modelURL: `${emulator.origin}/environments/production/predict`,
      }),
      audio: audioOf(emulatorSpeechPCM('Good morning.', 16_000)),
      inputAudioFormat: PCM16,
    });
    expect(await result.text).toBe('Good morning.');
    expect(emulator.requests.map(request => request.path)).toEqual([
      '/environments/production/websocket',
    ]);
  });

  it('sends the key as a Bearer token on the upgrade, with the user-agent suffix and custom headers', async () => {
    const result = streamTranscribe({
      model: whisper({ headers: { 'x-team': 'voice' } }),
      audio: audioOf(emulatorSpeechPCM('Hi.', 16_000)),
      inputAudioFormat: PCM16,
    });
    expect(await result.text).toBe('Hi.');
    const { headers } = session().request;
    expect(headers.authorization).toBe(`Bearer ${KEY}`);
    expect(headers['user-agent']).toContain(
      `ai-sdk-provider-baseten/${VERSION}`,
    );
    expect(headers['x-team']).toBe('voice');
  });

  it("Node's global WebSocket, called the way it takes headers, sends the key too", async () => {
    const result = streamTranscribe({
      model: whisper({ webSocket: globalWebSocketWithHeaders() }),
      audio: audioOf(emulatorSpeechPCM('Global socket.', 16_000)),
      inputAudioFormat: PCM16,
    });
    expect(await result.text).toBe('Global socket.');
    expect(session().request.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('maps the streaming options into the metadata (whisper_params as batch); mu-law at 8 kHz; leaves out what the server would reject', async () => {
    const result = streamTranscribe({
      model: whisper(),
      audio: audioOf(new Uint8Array(8_000).fill(0xff)),
      inputAudioFormat: { type: 'audio/pcmu', rate: 8_000 },
      providerOptions: {
        baseten: {
          language: 'de',
          wordTimestamps: true,
          partialTranscripts: false,
          partialTranscriptIntervalSeconds: 0.25,
          finalTranscriptMaxDurationSeconds: 12,
          vadThreshold: 0.6,
          minSilenceDurationMs: 400,
          speechPadMs: 40,
          useDynamicPreprocessing: true,
          languageDetectionOnly: false,
          beam_size: 3,
        },
      },
    });
    await collect(result);
    // one byte a sample: 512-byte frames, the last padded (with mu-law silence)
    expect(session().log.received.slice(1)).toEqual([
      ...Array<number>(16).fill(512),
      '{"type":"end_audio"}',
    ]);
    expect(JSON.parse(String(session().log.received[0]))).toEqual({
      whisper_params: {
        audio_language: 'de',
        show_word_timestamps: true,
        use_dynamic_preprocessing: true,
        language_detection_only: false,
      },
      streaming_params: {
        encoding: 'pcm_mulaw',
        sample_rate: 8_000,
        enable_partial_transcripts: false,
        partial_transcript_interval_s: 0.25,
        final_transcript_max_duration_s: 12,
      },
      streaming_vad_config: {
        threshold: 0.6,
        min_silence_duration_ms: 400,
        speech_pad_ms: 40,
      },
    });
    await expect(result.warnings).resolves.toEqual([
      {
        type: 'unsupported',
        feature: 'providerOptions.baseten.beam_size',
        details: stringMatching(
          /^Transcription models do not use "beam_size"; it was ignored\. Accepted: language, /,
        ),
      },
    ]);
  });

  it('rejects an input format Baseten cannot take before connecting, and cancels the audio', async () => {
    let cancelled = false;
    const result = streamTranscribe({
      model: whisper(),
      audio: new ReadableStream({
        cancel: () => {
          cancelled = true;
        },
      }),
      inputAudioFormat: { type: 'audio/wav' },
    });
    const { failure } = await collect(result);
    expect(InvalidArgumentError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(
      /cannot take "audio\/wav" audio/,
    );
    expect(emulator.requests).toHaveLength(0);
    expect(cancelled).toBe(true);
  });

  it('doStream itself cancels the audio when it fails before connecting (a bad option, a bad format)', async () => {
    const attempts = [
      { providerOptions: { baseten: { vadThreshold: 'high' } } },
      { inputAudioFormat: { type: 'audio/wav' } },
    ];
    for (const attempt of attempts) {
      let cancelled = false;
      const model = whisper();
      if (model.doStream === undefined) throw new Error('no doStream');
      const failure = await Promise.resolve(
        model.doStream({
          audio: new ReadableStream({
            cancel: () => {
              cancelled = true;
            },
          }),
          inputAudioFormat: PCM16,
          ...attempt,
        }),
      ).catch((error: unknown) => error);
      expect(InvalidArgumentError.isInstance(failure)).toBe(true);
      expect(cancelled).toBe(true);
    }
    expect(emulator.requests).toHaveLength(0);
  });
});

describe('faults on the WebSocket', () => {
  it.each([
    [
      403,
      'wrong key',
      { apiKey: 'not-the-key' },
      'please check the api-key you provided',
    ],
    [401, 'fault', {}, 'Unauthorized by the emulated gateway'],
    [403, 'fault', {}, 'Forbidden by the emulated gateway'],
    [503, 'fault', {}, 'Scaling up: no replica is ready'],
  ] as const)(
    'a refused upgrade (%i, %s) is an APICallError with the status and the server message',
    async (status, kind, settings, message) => {
      if (kind === 'fault')
        emulator.faults.enqueue({ status, message }, { path: '/websocket' });
      const { parts, failure } = await collect(
        streamTranscribe({
          model: whisper(settings),
          audio: audioOf(new Uint8Array(64)),
          inputAudioFormat: PCM16,
        }),
      );
      expect(parts).toEqual([]);
      expect(APICallError.isInstance(failure)).toBe(true);
      expect((failure as APICallError).statusCode).toBe(status);
      expect((failure as APICallError).message).toMatch(
        new RegExp(`^${message} \\(request id [0-9a-f]{32}\\)`),
      );
      expect((failure as APICallError).url).toBe(webSocketURL);
      expect((failure as APICallError).isRetryable).toBe(status === 503);
    },
  );

  it("with Node's global WebSocket a refused upgrade is still an APICallError, saying how to see the status", async () => {
    emulator.faults.enqueue({ status: 403 }, { path: '/websocket' });
    const { failure } = await collect(
      streamTranscribe({
        model: whisper({ webSocket: globalWebSocketWithHeaders() }),
        audio: audioOf(new Uint8Array(64)),
        inputAudioFormat: PCM16,
      }),
    );
    expect(APICallError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(
      /install the 'ws' package to see the server's status and message/,
    );
  });

  it('a close with an error code is an error after the parts so far', async () => {
    emulator.faults.enqueue(
      { dropAfterChunks: 2, closeCode: 1011, message: 'model crashed' },
      { path: '/websocket' },
    );
    const { parts, failure } = await collect(
      streamTranscribe({
        model: whisper(),
        audio: audioOf(emulatorSpeechPCM(TEXT, 16_000)),
        inputAudioFormat: PCM16,
      }),
    );
    expect(parts.map(part => part.text)).toEqual(['Hello', 'Hello there.']);
    expect(APICallError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toBe(
      'Baseten closed the WebSocket with code 1011 (model crashed) before the stream finished.',
    );
    expect((failure as APICallError).isRetryable).toBe(true);
    expect((failure as APICallError).data).toEqual({
      closeCode: 1011,
      closeReason: 'model crashed',
    });
  });

  it('a socket dropped mid-stream is an error after the parts so far, never an empty success', async () => {
    emulator.faults.enqueue({ dropAfterChunks: 1 }, { path: '/websocket' });
    const result = streamTranscribe({
      model: whisper(),
      audio: audioOf(emulatorSpeechPCM(TEXT, 16_000)),
      inputAudioFormat: PCM16,
    });
    const { parts, failure } = await collect(result);
    expect(parts.map(part => part.text)).toEqual(['Hello']);
    expect((failure as Error).message).toMatch(
      /was dropped before the stream finished/,
    );
    await expect(result.text).rejects.toBe(failure);
  });

  it('an abort closes the socket at once, while the audio is still flowing', async () => {
    const controller = new AbortController();
    const result = streamTranscribe({
      model: whisper(),
      audio: endlessAudio(),
      inputAudioFormat: PCM16,
      abortSignal: controller.signal,
    });
    const parts: string[] = [];
    const failure = await (async () => {
      for await (const part of result.fullStream) {
        parts.push(part.type);
        if (parts.length === 1) controller.abort(new Error('user hung up'));
      }
    })().catch((error: unknown) => error);
    expect((failure as Error).message).toBe('user hung up');
    await expect.poll(() => session().log.closed?.by).toBe('client');
  });

  it('a consumer that stops reading closes the socket', async () => {
    const result = streamTranscribe({
      model: whisper(),
      audio: endlessAudio(),
      inputAudioFormat: PCM16,
    });
    for await (const part of result.fullStream) {
      expect(part.type).toBe('transcript-partial');
      break;
    }
    await expect.poll(() => session().log.closed?.by).toBe('client');
  });

  it('a session that hangs is ended by an abort: the stream fails and the server sees the close within 100 ms', async () => {
    emulator.faults.enqueue({ hang: true }, { path: '/websocket' });
    const controller = new AbortController();
    const result = streamTranscribe({
      model: whisper(),
      audio: endlessAudio(),
      inputAudioFormat: PCM16,
      abortSignal: controller.signal,
    });
    const done = collect(result);
    await expect.poll(() => session().log.binaryBytes).toBeGreaterThan(0);
    const abortedAt = performance.now();
    controller.abort();
    const { parts, failure } = await done;
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect(parts).toEqual([]);
    expect((failure as Error).name).toBe('AbortError');
    await expect
      .poll(() => session().log.closed?.by, { interval: 2 })
      .toBe('client');
    expect(performance.now() - abortedAt).toBeLessThan(100);
  });
});
