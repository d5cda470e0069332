import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import {
  experimental_streamSpeech as streamSpeech,
  experimental_streamTranscribe as streamTranscribe,
  generateSpeech,
} from 'ai';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { createBaseten } from '../baseten-provider';
import { pcmToWav } from '../baseten-wav';
import { startBasetenEmulator, type BasetenEmulator } from '../emulator';
import { ScriptedSocket } from '../test/scripted-socket';
import failure from './__fixtures__/qwen3-tts-sentence-failure-relative-timestamps.json';
import { QWEN3_TTS_KEEPALIVE_MS } from './baseten-qwen3-tts-stream';

// The provider's Qwen3-TTS client against the emulator's vLLM-Omni session (real loopback
// sockets), checked by ear with the provider's own Qwen3-ASR stream; and against scripted
// servers in the live message shapes.
const KEY = 'emulator-key.qwen3-tts';
const TTS = 'deployment/q3tts101';
const TTS_ALIGNED = 'deployment/q3tts102';
const ASR = 'deployment/q3asr103';
let emulator: BasetenEmulator;

beforeAll(async () => {
  emulator = await startBasetenEmulator({
    apiKey: KEY,
    voiceDeployments: {
      [TTS]: 'qwen3-tts',
      [TTS_ALIGNED]: { protocol: 'qwen3-tts', wordTimestamps: true },
      [ASR]: 'qwen3-asr',
    },
  });
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
  ScriptedSocket.instances = [];
  vi.useRealTimers();
});
afterAll(() => emulator.close());

const urlOf = (target: string) =>
  `${emulator.origin.replace('http', 'ws')}/${target}/websocket`;
const qwen3TTS = (target = TTS) =>
  createBaseten({ apiKey: KEY, modelURL: urlOf(target) }).speechModel(
    'qwen3-tts',
  );

/** Two seconds of a reference recording, as a WAV file. */
const REFERENCE = pcmToWav(new Uint8Array(2 * 24_000 * 2), 24_000);
// providerOptions are JSON: bytes go as base64 (a Uint8Array works too, outside the JSON type)
const CLONE = {
  referenceAudio: Buffer.from(REFERENCE).toString('base64'),
  referenceText: 'This is the reference recording of my voice.',
};

/** What the emulator's Qwen3-ASR hears in 24 kHz PCM (resampled by the provider's client). */
async function heard(pcm: Uint8Array): Promise<string> {
  const result = streamTranscribe({
    model: createBaseten({
      apiKey: KEY,
      modelURL: urlOf(ASR),
    }).transcriptionModel('qwen3-asr'),
    audio: new ReadableStream({
      start: controller => {
        controller.enqueue(pcm);
        controller.close();
      },
    }),
    inputAudioFormat: { type: 'audio/pcm', rate: 24_000 },
  });
  return result.text;
}

async function collect(result: ReturnType<typeof streamSpeech>) {
  const parts: Array<{ type: string; id?: string; error?: unknown }> = [];
  const audio: Uint8Array[] = [];
  const failed = await (async () => {
    for await (const part of result.fullStream) {
      parts.push(part);
      if (part.type === 'audio' && typeof part.audio !== 'string')
        audio.push(part.audio);
    }
  })().catch((error: unknown) => error);
  return { parts, pcm: new Uint8Array(Buffer.concat(audio)), failed };
}

const sessionLog = () => {
  const request = emulator.requests.find(entry => entry.webSocket);
  if (request?.webSocket === undefined) throw new Error('no session');
  return request.webSocket;
};

const TEXT = 'Welcome back to Baseten. Your order ships on Monday.';

describe('Qwen3-TTS streaming on the emulator', () => {
  it('session.config for PCM streaming with a cloned voice, input.text as text arrives, input.done; 24 kHz audio parts that say the text', async () => {
    const result = streamSpeech({
      model: qwen3TTS(),
      text: ['Welcome back ', 'to Baseten. ', 'Your order ships on Monday.'],
      language: 'en',
      providerOptions: { baseten: CLONE },
    });
    const { parts, pcm, failed } = await collect(result);
    expect(failed).toBeUndefined();
    const audio = parts.filter(part => part.type === 'audio') as Array<{
      id?: string;
      audioFormat?: unknown;
    }>;
    expect(
      new Set(audio.map(part => JSON.stringify(part.audioFormat))),
    ).toEqual(new Set([JSON.stringify({ type: 'audio/pcm', rate: 24_000 })]));
    expect(new Set(audio.map(part => part.id))).toEqual(
      new Set(['sentence-0', 'sentence-1']),
    );
    const log = sessionLog();
    const config = JSON.parse(log.received[0] as string) as Record<
      string,
      unknown
    >;
    expect(config).toEqual({
      type: 'session.config',
      task_type: 'Base',
      language: 'English',
      response_format: 'pcm',
      stream_audio: true,
      ref_audio: `data:audio/wav;base64,${Buffer.from(REFERENCE).toString('base64')}`,
      ref_text: 'This is the reference recording of my voice.',
    });
    // no timestamp_type unless asked (a server without an aligner ends the session), no model
    expect(log.received.slice(1)).toEqual([
      '{"type":"input.text","text":"Welcome back "}',
      '{"type":"input.text","text":"to Baseten. "}',
      '{"type":"input.text","text":"Your order ships on Monday."}',
      '{"type":"input.done"}',
    ]);
    expect(await heard(pcm)).toBe(TEXT);
    expect(await result.usage).toEqual({ inputCharacters: TEXT.length });
  });

  it('generateSpeech goes through the same socket: a WAV file of every sentence in order (raw PCM with outputFormat pcm)', async () => {
    const { audio } = await generateSpeech({
      model: qwen3TTS(),
      text: TEXT,
      voice: 'ignored-when-cloning',
      providerOptions: { baseten: CLONE },
    });
    expect(audio.mediaType).toBe('audio/wav');
    const bytes = audio.uint8Array;
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RIFF');
    expect(await heard(bytes.subarray(44))).toBe(TEXT);
    const raw = await generateSpeech({
      model: qwen3TTS(),
      text: 'Just the samples.',
      outputFormat: 'pcm',
      providerOptions: { baseten: CLONE },
    });
    expect(raw.audio.mediaType).toBe('audio/pcm');
    expect(await heard(raw.audio.uint8Array)).toBe('Just the samples.');
  });

  it('word timestamps, when asked, on the whole utterance’s time base', async () => {
    const result = streamSpeech({
      model: qwen3TTS(TTS_ALIGNED),
      text: 'One two. Three four.',
      providerOptions: { baseten: { ...CLONE, wordTimestamps: true } },
    });
    await collect(result);
    expect(JSON.parse(sessionLog().received[0] as string)).toMatchObject({
      timestamp_type: 'word',
    });
    const metadata = (await result.providerMetadata) as {
      baseten: { words: unknown };
    };
    // the second sentence starts after the first one's 0.8 s of audio
    expect(metadata.baseten.words).toEqual([
      { text: 'One', startSecond: 0, endSecond: 0.4 },
      { text: 'two.', startSecond: 0.4, endSecond: 0.8 },
      { text: 'Three', startSecond: 0.8, endSecond: 1.2 },
      { text: 'four.', startSecond: 1.2, endSecond: 1.6 },
    ]);
  });

  it('checks before connecting: a voice or a reference is needed, referenceText with referenceAudio, 1–30 s of reference, a language it speaks', async () => {
    const attempts: Array<{
      options?: Record<string, unknown>;
      voice?: string;
      language?: string;
      pattern: RegExp;
    }> = [
      { pattern: /has no built-in voices: set voice/ },
      {
        options: { referenceAudio: REFERENCE },
        pattern: /referenceAudio needs referenceText/,
      },
      {
        options: {
          referenceAudio: pcmToWav(new Uint8Array(24_000), 24_000),
          referenceText: 'Hi.',
        },
        pattern: /lasts 0\.5 s; Qwen3-TTS clones a voice from 1 to 30 s/,
      },
      {
        options: { referenceAudio: new Uint8Array(100), referenceText: 'Hi.' },
        pattern: /set referenceAudioMediaType/,
      },
      {
        voice: 'ada',
        language: 'tlh',
        pattern: /Qwen3-TTS cannot speak language "tlh"/,
      },
    ];
    for (const attempt of attempts) {
      const error = await generateSpeech({
        model: qwen3TTS(),
        text: 'Hello.',
        ...(attempt.voice !== undefined ? { voice: attempt.voice } : {}),
        ...(attempt.language !== undefined
          ? { language: attempt.language }
          : {}),
        providerOptions: { baseten: (attempt.options ?? {}) as never },
      }).catch((caught: unknown) => caught);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(attempt.pattern);
    }
    expect(emulator.requests).toHaveLength(0);
  });

  it('the session.config is at most 4 MiB: a larger reference is refused before connecting, one just under goes whole', async () => {
    /** An MP3 file (ID3 header) of `size` bytes. */
    const mp3 = (size: number) => {
      const bytes = new Uint8Array(size).fill(0x55);
      bytes.set([0x49, 0x44, 0x33, 0x04]);
      return bytes;
    };
    const speak = (referenceAudio: Uint8Array) =>
      generateSpeech({
        model: qwen3TTS(),
        text: 'Hello.',
        providerOptions: {
          baseten: { referenceAudio, referenceText: 'Hi.' } as never,
        },
      });
    // base64 of 3.2 MB is 4 266 668 characters: over 4 194 304 bytes
    const error = await speak(mp3(3_200_000)).catch(
      (caught: unknown) => caught,
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /session\.config of at most 4 MiB/,
    );
    expect(emulator.requests).toHaveLength(0);

    const under = mp3(3_100_000);
    const { audio } = await speak(under);
    expect(audio.uint8Array.length).toBeGreaterThan(0);
    const sent = sessionLog().received[0] as string;
    expect(sent.length).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(JSON.parse(sent)).toMatchObject({
      type: 'session.config',
      ref_audio: `data:audio/mpeg;base64,${Buffer.from(under).toString('base64')}`,
      ref_text: 'Hi.',
    });
  });

  it('a refused upgrade is an APICallError with its status; a URL reference goes as is', async () => {
    emulator.faults.enqueue(
      { status: 503, message: 'No replica is ready' },
      { path: '/websocket' },
    );
    const { failed } = await collect(
      streamSpeech({
        model: qwen3TTS(),
        text: 'Hello.',
        providerOptions: {
          baseten: {
            referenceAudio: 'https://example.com/my-voice.wav',
            referenceText: 'My voice.',
          },
        },
      }),
    );
    expect(APICallError.isInstance(failed)).toBe(true);
    expect((failed as APICallError).statusCode).toBe(503);
    expect(
      JSON.stringify((failed as APICallError).requestBodyValues),
    ).toContain('"ref_audio":"https://example.com/my-voice.wav"');
  });
});

describe('Qwen3-TTS faults on the emulator', () => {
  it('a close with an error code, or a dropped socket, is an error after the audio so far', async () => {
    emulator.faults.enqueue(
      { dropAfterChunks: 4, closeCode: 1011, message: 'engine restarted' },
      { path: '/websocket' },
    );
    const closed = await collect(
      streamSpeech({
        model: qwen3TTS(),
        text: TEXT,
        providerOptions: { baseten: CLONE },
      }),
    );
    // audio.start, then three frames of audio, then the close
    expect(closed.parts.filter(part => part.type === 'audio')).toHaveLength(3);
    expect(APICallError.isInstance(closed.failed)).toBe(true);
    expect((closed.failed as APICallError).data).toEqual({
      closeCode: 1011,
      closeReason: 'engine restarted',
    });
    expect((closed.failed as APICallError).isRetryable).toBe(true);

    emulator.requests.length = 0;
    emulator.faults.enqueue({ dropAfterChunks: 2 }, { path: '/websocket' });
    const dropped = await collect(
      streamSpeech({
        model: qwen3TTS(),
        text: TEXT,
        providerOptions: { baseten: CLONE },
      }),
    );
    expect(dropped.parts.filter(part => part.type === 'audio')).toHaveLength(1);
    expect((dropped.failed as Error).message).toMatch(
      /was dropped before the stream finished/,
    );
  });

  it('an abort while the caller is still writing closes the socket at once and releases the text', async () => {
    const controller = new AbortController();
    let cancelled = false;
    const text = new ReadableStream<string>(
      {
        start: stream => stream.enqueue('Hello there. '),
        cancel: () => void (cancelled = true),
      },
      { highWaterMark: 0 },
    );
    const result = streamSpeech({
      model: qwen3TTS(),
      text,
      abortSignal: controller.signal,
      providerOptions: { baseten: CLONE },
    });
    const reading = collect(result);
    await expect
      .poll(() => emulator.requests[0]?.webSocket?.received.length ?? 0)
      .toBeGreaterThan(1);
    controller.abort();
    const { failed } = await reading;
    expect(failed).toBeDefined();
    await expect.poll(() => sessionLog().closed?.by).toBe('client');
    expect(cancelled).toBe(true);
  });
});

describe('Qwen3-TTS, message by message (live shapes)', () => {
  const URL_ =
    'wss://model-q3tts000.api.baseten.co/environments/production/websocket';
  const scripted = (apiKey = 'scripted-key.qwen3-tts') =>
    createBaseten({ apiKey, modelURL: URL_, webSocket: ScriptedSocket });
  const socket = () => ScriptedSocket.instances[0];

  it('a failed sentence is an error part while the others’ audio arrives; sentence-relative word times land on the utterance’s time base', async () => {
    const canary = 'sk-canary-qwen3-tts-91ab';
    const result = streamSpeech({
      model: scripted(canary).speechModel('qwen3-tts'),
      text: 'Hello there. This one fails. Goodbye now.',
      voice: 'ada',
      providerOptions: { baseten: { wordTimestamps: true } },
    });
    const reading = collect(result);
    await expect.poll(() => ScriptedSocket.instances.length).toBe(1);
    socket().open();
    await expect.poll(() => socket().sent.at(-1)).toBe('{"type":"input.done"}');
    for (const message of failure.messages) {
      if (message.pcmSamples !== undefined)
        socket().binary(new Uint8Array(message.pcmSamples * 2));
      else if (message.type === 'error')
        socket().message({
          ...message,
          message: `${message.message} (${canary})`,
        });
      else socket().message(message);
    }
    const { parts, failed } = await reading;
    expect(failed).toBeUndefined();
    expect(parts.map(part => part.type)).toEqual(['audio', 'error', 'audio']);
    expect(parts.map(part => part.id)).toEqual([
      'sentence-0',
      undefined,
      'sentence-2',
    ]);
    expect((parts[1].error as Error).message).toMatch(
      /Generation failed for sentence 1: CUDA out of memory/,
    );
    expect(JSON.stringify(parts[1].error)).not.toContain(canary);
    expect((parts[1].error as Error).message).not.toContain(canary);
    const metadata = (await result.providerMetadata) as {
      baseten: { words: unknown; failedSentences: number };
    };
    expect(metadata.baseten.failedSentences).toBe(1);
    expect(metadata.baseten.words).toEqual([
      { text: 'Hello', startSecond: 0, endSecond: 0.4 },
      { text: 'there.', startSecond: 0.4, endSecond: 0.8 },
      { text: 'Goodbye', startSecond: 0.8, endSecond: 1.2 },
      { text: 'now.', startSecond: 1.2, endSecond: 1.6 },
    ]);
    // session.done ends the stream; the client closes the socket
    expect(socket().closedByClient).toBe(1000);
  });

  it('a session the server ends (idle limit) fails after the audio so far, saying what the limit is', async () => {
    const result = streamSpeech({
      model: scripted().speechModel('qwen3-tts'),
      text: 'Hello.',
      voice: 'ada',
    });
    const reading = collect(result);
    await expect.poll(() => ScriptedSocket.instances.length).toBe(1);
    socket().open();
    await expect.poll(() => socket().sent.at(-1)).toBe('{"type":"input.done"}');
    socket().binary(new Uint8Array(4800));
    socket().message({
      type: 'error',
      message: 'Idle timeout: no message received',
    });
    socket().serverClose(1000);
    const { parts, failed } = await reading;
    expect(parts.map(part => part.type)).toEqual(['audio', 'error']);
    expect((parts[1].error as Error).message).toMatch(
      /Idle timeout: no message received \(Qwen3-TTS ends a session after 30 s without a message\)/,
    );
    expect(APICallError.isInstance(failed)).toBe(true);
    expect((failed as Error).message).toMatch(
      /closed the session before session\.done: Idle timeout/,
    );
  });

  it('a caller slower than the idle limit: an empty input.text every 15 s keeps the session alive', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let deliver: (text: string) => void = () => {};
    const text = new ReadableStream<string>({
      start: controller => {
        deliver = piece => {
          controller.enqueue(piece);
          controller.close();
        };
      },
    });
    const result = streamSpeech({
      model: scripted().speechModel('qwen3-tts'),
      text,
      voice: 'ada',
    });
    const reading = collect(result);
    await vi.waitUntil(() => ScriptedSocket.instances.length === 1);
    socket().open();
    await vi.waitUntil(() => socket().sent.length === 1);
    await vi.advanceTimersByTimeAsync(QWEN3_TTS_KEEPALIVE_MS * 2 + 1);
    expect(socket().sent.slice(1)).toEqual([
      '{"type":"input.text","text":""}',
      '{"type":"input.text","text":""}',
    ]);
    deliver('Finally.');
    await vi.waitUntil(() => socket().sent.at(-1) === '{"type":"input.done"}');
    expect(socket().sent.at(-2)).toBe(
      '{"type":"input.text","text":"Finally."}',
    );
    socket().binary(new Uint8Array(4800));
    socket().message({ type: 'session.done', total_sentences: 1 });
    const { failed } = await reading;
    expect(failed).toBeUndefined();
  });
});
