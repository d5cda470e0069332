import { APICallError } from '@ai-sdk/provider';
import {
  experimental_streamTranscribe as streamTranscribe,
  transcribe,
} from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { pcmToWav } from '../baseten-wav';
import { startBasetenEmulator, type BasetenEmulator } from '../emulator';
import { qwen3SpeechPCM } from '../emulator/voice/emulator-voice-qwen3-audio';
import { ScriptedSocket } from '../test/scripted-socket';
import { MAX_END_OF_AUDIO_TIMEOUT_MS } from './baseten-transcription-options';
import cantonese from './__fixtures__/qwen3-asr-stream-cantonese-with-error.json';

// The provider's Qwen3-ASR streaming client against the emulator's Qwen3-ASR socket (real
// loopback sockets), and against scripted servers in the live message shape.
const KEY = 'emulator-key.qwen3-asr-stream';
const ASR = 'deployment/q3asr101';
const ASR_WORDS = 'deployment/q3asr102';
let emulator: BasetenEmulator;

beforeAll(async () => {
  emulator = await startBasetenEmulator({
    apiKey: KEY,
    voiceDeployments: {
      [ASR]: 'qwen3-asr',
      [ASR_WORDS]: { protocol: 'qwen3-asr', wordTimestamps: true },
    },
  });
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
  ScriptedSocket.instances = [];
});
afterAll(() => emulator.close());

const urlOf = (target: string) =>
  `${emulator.origin.replace('http', 'ws')}/${target}/websocket`;

function qwen3ASR(target = ASR) {
  return createBaseten({
    apiKey: KEY,
    modelURL: urlOf(target),
  }).transcriptionModel('qwen3-asr');
}

/** A stream of `bytes` in pieces of `size`. */
function audioOf(bytes: Uint8Array, size = 4001): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

async function collect(result: ReturnType<typeof streamTranscribe>) {
  const parts: Array<{ type: string; text?: string; error?: unknown }> = [];
  const failure = await (async () => {
    for await (const part of result.fullStream) parts.push(part);
  })().catch((error: unknown) => error);
  return { parts, failure };
}

const session = () => {
  const request = emulator.requests.find(entry => entry.webSocket);
  if (request?.webSocket === undefined) throw new Error('no session');
  return request.webSocket;
};

describe('Qwen3-ASR streaming on the emulator', () => {
  it('handshake with the Whisper block names and Qwen3 defaults, base64 appends of 100 ms, one commit; ends on the flush final and closes', async () => {
    const pcm = concat(
      qwen3SpeechPCM('Hello there.', 16_000),
      new Uint8Array(16_000 * 2), // a second of silence
      qwen3SpeechPCM('How are you?', 16_000),
    );
    const result = streamTranscribe({
      model: qwen3ASR(),
      audio: audioOf(pcm),
      inputAudioFormat: { type: 'audio/pcm', rate: 16_000 },
    });
    const { parts, failure } = await collect(result);
    expect(failure).toBeUndefined();
    expect(
      parts
        .filter(part => part.type === 'transcript-final')
        .map(part => part.text),
    ).toEqual(['Hello there.', 'How are you?']);
    expect(await result.text).toBe('Hello there. How are you?');
    // the emulator says "English": the part and the result carry the ISO code
    expect(await result.language).toBe('en');
    expect(await result.providerMetadata).toEqual({
      baseten: { endOfAudio: 'finished' },
    });

    await expect.poll(() => session().closed).toBeDefined();
    const log = session();
    expect(JSON.parse(log.received[0] as string)).toEqual({
      whisper_params: { audio_language: 'auto', show_word_timestamps: false },
      streaming_params: {
        enable_partial_transcripts: true,
        partial_transcript_interval_s: 0.5,
        final_transcript_max_duration_s: 30,
      },
      streaming_vad_config: {
        threshold: 0.5,
        min_silence_duration_ms: 500,
        speech_pad_ms: 100,
      },
    });
    const frames = log.received.slice(1);
    // text frames only: Qwen3-ASR refuses binary audio
    expect(frames.every(frame => typeof frame === 'string')).toBe(true);
    const appends = frames
      .slice(0, -1)
      .map(
        frame => JSON.parse(frame as string) as { type: string; audio: string },
      );
    expect(appends.every(a => a.type === 'input_audio_buffer.append')).toBe(
      true,
    );
    const sizes = appends.map(a => Buffer.from(a.audio, 'base64').length);
    expect(sizes.slice(0, -1).every(size => size === 3200)).toBe(true);
    expect(
      Buffer.concat(appends.map(a => Buffer.from(a.audio, 'base64'))),
    ).toEqual(Buffer.from(pcm));
    // exactly one commit: a second would open an empty turn
    expect(frames.at(-1)).toBe('{"type":"input_audio_buffer.commit"}');
    // the server never closes: the client did, after the flush final
    expect(log.closed).toEqual({ code: 1000, by: 'client' });
  });

  it('24 kHz audio (what Qwen3-TTS speaks) is resampled to 16 kHz and still heard', async () => {
    const pcm = qwen3SpeechPCM('Resampled speech is heard.', 24_000);
    const result = streamTranscribe({
      model: qwen3ASR(),
      audio: audioOf(pcm, 3333),
      inputAudioFormat: { type: 'audio/pcm', rate: 24_000 },
    });
    expect(await result.text).toBe('Resampled speech is heard.');
    const appended = session()
      .received.slice(1, -1)
      .map(frame =>
        Buffer.from(
          (JSON.parse(frame as string) as { audio: string }).audio,
          'base64',
        ),
      );
    const samples = Buffer.concat(appended).length / 2;
    expect(Math.abs(samples - ((pcm.length / 2) * 2) / 3)).toBeLessThanOrEqual(
      1,
    );
  });

  it('a language (ISO code or name) is sent as its Qwen3 name; word timestamps only when asked', async () => {
    const result = streamTranscribe({
      model: qwen3ASR(ASR_WORDS),
      audio: audioOf(qwen3SpeechPCM('Two words.', 16_000)),
      inputAudioFormat: { type: 'audio/pcm' },
      providerOptions: {
        baseten: { language: 'en', wordTimestamps: true, vadThreshold: 0.4 },
      },
    });
    const { parts } = await collect(result);
    const final = parts.find(part => part.type === 'transcript-final') as {
      providerMetadata?: { baseten?: { words?: unknown } };
    };
    expect(final.providerMetadata?.baseten?.words).toEqual([
      { text: 'Two', startSecond: 0, endSecond: 0.4 },
      { text: 'words.', startSecond: 0.4, endSecond: 0.8 },
    ]);
    const handshake = JSON.parse(session().received[0] as string) as {
      whisper_params: unknown;
      streaming_vad_config: { threshold: number };
    };
    expect(handshake.whisper_params).toEqual({
      audio_language: 'English',
      show_word_timestamps: true,
    });
    expect(handshake.streaming_vad_config.threshold).toBe(0.4);
  });

  it('rejects a format it cannot send, an unknown language and out-of-range limits before connecting', async () => {
    const attempts = [
      { inputAudioFormat: { type: 'audio/pcmu', rate: 8000 } },
      {
        inputAudioFormat: { type: 'audio/pcm' },
        providerOptions: { baseten: { language: 'Klingon' } },
      },
      {
        inputAudioFormat: { type: 'audio/pcm' },
        providerOptions: { baseten: { finalTranscriptMaxDurationSeconds: 31 } },
      },
    ];
    const messages: string[] = [];
    for (const attempt of attempts) {
      let cancelled = false;
      const result = streamTranscribe({
        model: qwen3ASR(),
        audio: new ReadableStream({ cancel: () => void (cancelled = true) }),
        ...attempt,
      });
      await Promise.resolve(result.text).catch((error: unknown) =>
        messages.push((error as Error).message),
      );
      expect(cancelled).toBe(true);
    }
    expect(messages).toEqual([
      expect.stringMatching(
        /^Qwen3-ASR streaming takes 16-bit PCM only, not "audio\/pcmu"/,
      ),
      expect.stringMatching(/providerOptions\.baseten\.language "Klingon"/),
      expect.stringMatching(
        /finalTranscriptMaxDurationSeconds: must be at most 30/,
      ),
    ]);
    expect(emulator.requests).toHaveLength(0);
  });

  it('endOfAudioTimeoutMs has the same upper bound as Whisper’s: above an hour is refused before connecting, an hour is taken', async () => {
    // a timer longer than 2^31-1 ms would fire at once
    for (const endOfAudioTimeoutMs of [
      MAX_END_OF_AUDIO_TIMEOUT_MS + 1,
      2 ** 31,
    ]) {
      let cancelled = false;
      const result = streamTranscribe({
        model: qwen3ASR(),
        audio: new ReadableStream({ cancel: () => void (cancelled = true) }),
        inputAudioFormat: { type: 'audio/pcm' },
        providerOptions: { baseten: { endOfAudioTimeoutMs } },
      });
      await expect(Promise.resolve(result.text)).rejects.toThrow(
        /providerOptions\.baseten.*endOfAudioTimeoutMs: must be at most 3600000 \(an hour\)/s,
      );
      expect(cancelled).toBe(true);
    }
    expect(emulator.requests).toHaveLength(0);

    const result = streamTranscribe({
      model: qwen3ASR(),
      audio: audioOf(qwen3SpeechPCM('Within the bound.', 16_000)),
      inputAudioFormat: { type: 'audio/pcm' },
      providerOptions: {
        baseten: { endOfAudioTimeoutMs: MAX_END_OF_AUDIO_TIMEOUT_MS },
      },
    });
    expect(await result.text).toBe('Within the bound.');
  });

  it('batch-only options are unsupported warnings on the stream', async () => {
    const result = streamTranscribe({
      model: qwen3ASR(),
      audio: audioOf(qwen3SpeechPCM('Hi.', 16_000)),
      inputAudioFormat: { type: 'audio/pcm' },
      providerOptions: {
        baseten: {
          prompt: 'Names: Ada',
          servedModelName: 'Qwen/Qwen3-ASR-1.7B',
        },
      },
    });
    expect(await result.text).toBe('Hi.');
    expect(
      (await result.warnings).map(warning =>
        'feature' in warning ? warning.feature : warning.type,
      ),
    ).toEqual([
      'providerOptions.baseten.prompt',
      'providerOptions.baseten.servedModelName',
    ]);
  });

  it('a refused upgrade is an APICallError with the status; an abort closes the socket at once', async () => {
    emulator.faults.enqueue(
      { status: 503, message: 'No replica is ready' },
      { path: '/websocket' },
    );
    const refused = await collect(
      streamTranscribe({
        model: qwen3ASR(),
        audio: audioOf(qwen3SpeechPCM('Hi.', 16_000)),
        inputAudioFormat: { type: 'audio/pcm' },
      }),
    );
    expect(APICallError.isInstance(refused.failure)).toBe(true);
    expect((refused.failure as APICallError).statusCode).toBe(503);

    emulator.requests.length = 0;
    const controller = new AbortController();
    const endless = new ReadableStream<Uint8Array>(
      {
        pull: c => c.enqueue(qwen3SpeechPCM('more words here', 16_000)),
      },
      { highWaterMark: 0 },
    );
    const result = streamTranscribe({
      model: qwen3ASR(),
      audio: endless,
      inputAudioFormat: { type: 'audio/pcm' },
      abortSignal: controller.signal,
    });
    const reading = collect(result);
    await expect.poll(() => session().received.length).toBeGreaterThan(3);
    controller.abort();
    const { failure } = await reading;
    expect(failure).toBeDefined();
    await expect.poll(() => session().closed?.by).toBe('client');
  });
});

describe('Qwen3-ASR batch with a …/websocket modelURL', () => {
  it('transcribe sends the whole WAV file through the streaming socket (resampled to 16 kHz) and returns the finish', async () => {
    const wav = pcmToWav(qwen3SpeechPCM('A whole file.', 24_000), 24_000);
    const result = await transcribe({ model: qwen3ASR(), audio: wav });
    expect(result.text).toBe('A whole file.');
    expect(result.language).toBe('en');
    expect(result.segments).toEqual([
      { text: 'A whole file.', startSecond: 0, endSecond: 1.2 },
    ]);
    await expect
      .poll(() => session().closed)
      .toEqual({
        code: 1000,
        by: 'client',
      });
    expect(session().received.at(-1)).toBe(
      '{"type":"input_audio_buffer.commit"}',
    );
  });
});

describe('Qwen3-ASR streaming, message by message (live shapes)', () => {
  it('names become ISO codes, an error message is an error part with the message and never the key, an empty final is no turn, the flush final ends the stream', async () => {
    const canary = 'sk-canary-qwen3-asr-7f3e';
    const result = streamTranscribe({
      model: createBaseten({
        apiKey: canary,
        modelURL:
          'wss://model-q3asr000.api.baseten.co/environments/production/websocket',
        webSocket: ScriptedSocket,
      }).transcriptionModel('qwen3-asr'),
      audio: new ReadableStream({ start: c => c.close() }),
      inputAudioFormat: { type: 'audio/pcm' },
      providerOptions: { baseten: { wordTimestamps: true } },
    });
    const reading = collect(result);
    await expect.poll(() => ScriptedSocket.instances.length).toBe(1);
    const socket = ScriptedSocket.instances[0];
    expect(socket.options?.headers?.authorization).toBe(`Bearer ${canary}`);
    socket.open();
    await expect
      .poll(() => socket.sent.at(-1))
      .toBe('{"type":"input_audio_buffer.commit"}');
    for (const [index, message] of cantonese.messages.entries())
      socket.message(
        index === 0
          ? {
              ...message,
              message: `${String(message.message)} (key ${canary})`,
            }
          : message,
      );
    const { parts, failure } = await reading;
    expect(failure).toBeUndefined();
    // the empty final is no turn: two finals for three final messages
    expect(parts.map(part => part.type)).toEqual([
      'error',
      'transcript-partial',
      'transcript-final',
      'transcript-final',
    ]);
    const error = parts[0].error as APICallError;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/audio buffer overflow, dropping 0\.2 s/);
    expect(JSON.stringify(parts)).not.toContain(canary);
    expect(error.message).not.toContain(canary);
    expect(await result.text).toBe('你好，今日天氣好好。 再見。');
    expect(await result.language).toBe('yue');
    expect(socket.closedByClient).toBe(1000);
  });
});
