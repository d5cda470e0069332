import { APICallError } from '@ai-sdk/provider';
import { experimental_streamTranscribe as streamTranscribe } from 'ai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { resolveVoiceEndpoints } from '../baseten-url';
import {
  HARD_MAX_QUEUED_PARTS,
  MAX_QUEUED_PARTS,
} from '../deployment/baseten-voice-session';
import {
  PausableScriptedSocket,
  ScriptedSocket,
} from '../test/scripted-socket';
import { stringMatching } from '../test/matchers';
import type { PacingClock } from './baseten-audio-pacing';
import { BasetenTranscriptionModel } from './baseten-transcription-model';
import { SEND_HIGH_WATER_MARK } from './baseten-transcription-stream';
import endOfAudio from './__fixtures__/whisper-streaming-end-of-audio.json';

/** The client's end of the audio (Baseten's streaming-transcription docs). */
const END_AUDIO = '{"type":"end_audio"}';
/** 512 16-bit samples: the frame Baseten's voice detector reads. */
const FRAME_BYTES = 1024;

afterEach(() => {
  ScriptedSocket.instances = [];
  vi.useRealTimers();
});

const URL_ =
  'wss://model-w1sp3r00.api.baseten.co/environments/production/websocket';

function whisper() {
  return createBaseten({
    apiKey: 'scripted-key.1',
    modelURL: URL_,
    webSocket: ScriptedSocket,
  }).transcription();
}

const socket = () => ScriptedSocket.instances[0];

function transcript(
  isFinal: boolean,
  segments: Array<{ text: string; start_time: number; end_time: number }>,
) {
  return {
    type: 'transcription',
    is_final: isFinal,
    segments,
    language_code: 'en',
  };
}

/** Collects the stream's parts while the test plays the server; `reading` ends with it. */
function partsOf(result: ReturnType<typeof streamTranscribe>) {
  const parts: Array<{ type: string; error?: unknown }> = [];
  const reading = (async () => {
    for await (const part of result.fullStream) parts.push(part);
  })();
  return { parts, reading };
}

/** Waits for the model to create its socket, then opens it as the server. */
async function openSocket() {
  await expect.poll(() => ScriptedSocket.instances.length).toBe(1);
  socket().open();
}

describe('the streaming protocol, message by message', () => {
  it('joins segment texts when a message has no transcript; other message types are not transcripts', async () => {
    const result = streamTranscribe({
      model: whisper(),
      audio: new ReadableStream({ start: controller => controller.close() }),
      inputAudioFormat: { type: 'audio/pcm' },
      includeRawChunks: true,
    });
    const parts: unknown[] = [];
    const reading = (async () => {
      for await (const part of result.fullStream) parts.push(part);
    })();
    await expect.poll(() => ScriptedSocket.instances.length).toBe(1);
    expect(socket().options?.headers?.authorization).toBe(
      'Bearer scripted-key.1',
    );
    socket().open();
    await expect.poll(() => socket().sent.at(-1)).toBe(END_AUDIO);
    socket().message({ type: 'status', state: 'ready' });
    socket().message(
      transcript(true, [
        { text: ' Good', start_time: 0, end_time: 0.5 },
        { text: ' morning.', start_time: 0.5, end_time: 1.1 },
      ]),
    );
    socket().serverClose(1000);
    await reading;
    expect(parts).toEqual([
      { type: 'raw', rawValue: { type: 'status', state: 'ready' } },
      expect.objectContaining({ type: 'raw' }),
      {
        type: 'transcript-final',
        id: 'utterance-0',
        text: 'Good morning.',
        startSecond: 0,
        endSecond: 1.1,
      },
    ]);
    expect(await result.segments).toEqual([
      { text: 'Good', startSecond: 0, endSecond: 0.5 },
      { text: 'morning.', startSecond: 0.5, endSecond: 1.1 },
    ]);
  });

  it('an error the server reports becomes an error part; the stream goes on', async () => {
    const result = streamTranscribe({
      model: whisper(),
      audio: new ReadableStream({ start: controller => controller.close() }),
      inputAudioFormat: { type: 'audio/pcm' },
    });
    const { parts, reading } = partsOf(result);
    await openSocket();
    socket().message({
      type: 'error',
      message: 'audio_language "xx" is not supported',
    });
    socket().message(
      transcript(true, [{ text: 'Still here.', start_time: 0, end_time: 1 }]),
    );
    await expect.poll(() => socket().sent.at(-1)).toBe(END_AUDIO);
    socket().serverClose(1000);
    await reading;
    expect(parts.map(part => part.type)).toEqual(['error', 'transcript-final']);
    expect(APICallError.isInstance(parts[0].error)).toBe(true);
    expect((parts[0].error as Error).message).toBe(
      'Baseten reported an error on the WebSocket: audio_language "xx" is not supported',
    );
    expect(await result.text).toBe('Still here.');
  });

  it('audio/pcm without a rate is announced as 16 kHz pcm_s16le, partial transcripts on', async () => {
    const result = streamTranscribe({
      model: whisper(),
      audio: new ReadableStream({ start: controller => controller.close() }),
      inputAudioFormat: { type: 'audio/pcm' },
    });
    await expect.poll(() => ScriptedSocket.instances.length).toBe(1);
    socket().open();
    await expect.poll(() => socket().sent.length).toBeGreaterThan(0);
    expect(JSON.parse(socket().sent[0] as string)).toEqual({
      whisper_params: {},
      streaming_params: {
        encoding: 'pcm_s16le',
        sample_rate: 16_000,
        enable_partial_transcripts: true,
      },
    });
    socket().serverClose(1000);
    await Promise.resolve(result.text).catch(() => {});
  });

  it('an odd number of audio/pcm bytes: whole samples sent, and an error part for the last byte', async () => {
    const chunks = [new Uint8Array(3), new Uint8Array(4)]; // 7 bytes: 3 samples and a half
    const result = streamTranscribe({
      model: whisper(),
      audio: new ReadableStream({
        pull: controller => {
          const chunk = chunks.shift();
          if (chunk === undefined) controller.close();
          else controller.enqueue(chunk);
        },
      }),
      inputAudioFormat: { type: 'audio/pcm' },
    });
    const { parts, reading } = partsOf(result);
    await openSocket();
    await expect.poll(() => socket().sent.at(-1)).toBe(END_AUDIO);
    // one frame: the 3 whole samples, padded with 16-bit silence to 512 samples; the odd byte dropped
    expect(socket().sent.slice(1, -1)).toEqual([FRAME_BYTES]);
    expect(socket().binaryFrames[0].every(byte => byte === 0)).toBe(true);
    socket().message(
      transcript(true, [{ text: 'Short.', start_time: 0, end_time: 0.2 }]),
    );
    socket().serverClose(1000);
    await reading;
    expect(parts.map(part => part.type)).toEqual(['error', 'transcript-final']);
    expect((parts[0].error as Error).message).toBe(
      'The audio ended with half a 16-bit sample (an odd number of bytes for audio/pcm); its last byte was not sent.',
    );
    expect(await result.text).toBe('Short.');
  });

  it('a clean close before the end of the audio was sent is an error, not a success', async () => {
    const result = streamTranscribe({
      model: whisper(),
      audio: new ReadableStream({
        pull: controller => controller.enqueue(new Uint8Array(2)),
      }),
      inputAudioFormat: { type: 'audio/pcm' },
    });
    await expect.poll(() => ScriptedSocket.instances.length).toBe(1);
    socket().open();
    socket().serverClose(1000, 'idle');
    await expect(result.text).rejects.toThrow(
      'Baseten closed the WebSocket with code 1000 (idle) before the stream finished.',
    );
  });
});

describe('the end of the audio, as Baseten documents it', () => {
  it('sends end_audio, delivers the last finals, finishes on finished and closes the socket itself with 1000', async () => {
    const result = streamTranscribe({
      model: whisper(),
      audio: new ReadableStream({
        start: controller => {
          controller.enqueue(new Uint8Array(2 * FRAME_BYTES + 100));
          controller.close();
        },
      }),
      inputAudioFormat: { type: 'audio/pcm', rate: 16_000 },
    });
    const { parts, reading } = partsOf(result);
    await openSocket();
    await expect.poll(() => socket().sent.at(-1)).toBe(END_AUDIO);
    // exactly 512 samples a frame; the last one padded with silence
    expect(socket().sent.slice(1, -1)).toEqual([
      FRAME_BYTES,
      FRAME_BYTES,
      FRAME_BYTES,
    ]);
    expect(socket().sent).not.toContain('{"terminate_session":true}');
    for (const message of endOfAudio.messages) socket().message(message);
    await reading;
    // the server left the socket open; the client closed it
    expect(socket().closedByClient).toBe(1000);
    expect(parts.map(part => part.type)).toEqual([
      'transcript-partial',
      'transcript-final',
      'transcript-final',
    ]);
    expect(await result.text).toBe(
      'That’s one small step for man. One giant leap for mankind.',
    );
    expect(await result.language).toBe('en');
    expect(await result.segments).toEqual([
      {
        text: 'That’s one small step for man.',
        startSecond: 0,
        endSecond: 3.2,
      },
      { text: 'One giant leap for mankind.', startSecond: 3.9, endSecond: 6.4 },
    ]);
    expect(await result.providerMetadata).toEqual({
      baseten: { endOfAudio: 'finished' },
    });
  });

  it('a server that never answers end_audio: after endOfAudioTimeoutMs the stream finishes with what arrived and a warning, not an error', async () => {
    const result = streamTranscribe({
      model: whisper(),
      audio: new ReadableStream({ start: controller => controller.close() }),
      inputAudioFormat: { type: 'audio/pcm' },
      providerOptions: { baseten: { endOfAudioTimeoutMs: 50 } },
    });
    const { parts, reading } = partsOf(result);
    await openSocket();
    await expect.poll(() => socket().sent.at(-1)).toBe(END_AUDIO);
    // an older deployment: its finals, and nothing about end_audio
    socket().message(endOfAudio.messages[2]);
    await reading;
    expect(parts.map(part => part.type)).toEqual(['transcript-final']);
    expect(await result.text).toBe('That’s one small step for man.');
    expect(socket().closedByClient).toBe(1000);
    expect(await result.providerMetadata).toEqual({
      baseten: {
        endOfAudio: 'unconfirmed',
        warnings: [
          {
            type: 'other',
            message: stringMatching(
              /^The server did not confirm the end of the audio \(no end_audio "finished" within 50 ms of its last transcript, or 150 ms after end_audio\)/,
            ),
          },
        ],
      },
    });
  });

  it('a server that closes cleanly after end_audio without finished also ends the stream with its text', async () => {
    const result = streamTranscribe({
      model: whisper(),
      audio: new ReadableStream({ start: controller => controller.close() }),
      inputAudioFormat: { type: 'audio/pcm' },
    });
    const { reading } = partsOf(result);
    await openSocket();
    await expect.poll(() => socket().sent.at(-1)).toBe(END_AUDIO);
    socket().message(endOfAudio.messages[0]);
    socket().message(endOfAudio.messages[2]);
    socket().serverClose(1000);
    await reading;
    expect(await result.text).toBe('That’s one small step for man.');
    expect(await result.providerMetadata).toEqual({
      baseten: { endOfAudio: 'closed' },
    });
  });

  it.each([
    [
      { finalTranscriptMaxDurationSeconds: 45 },
      /finalTranscriptMaxDurationSeconds/,
    ],
    [
      { finalTranscriptMaxDurationSeconds: 2.5 },
      /finalTranscriptMaxDurationSeconds/,
    ],
    [{ vadThreshold: 1.5 }, /vadThreshold/],
    [{ minSilenceDurationMs: -1 }, /minSilenceDurationMs/],
    [{ speechPadMs: 12.5 }, /speechPadMs/],
    // a timer longer than 2^31-1 ms would fire at once
    [{ endOfAudioTimeoutMs: 2 ** 31 }, /endOfAudioTimeoutMs.*at most 3600000/s],
  ])(
    'checks the streaming limits before connecting: %j',
    async (options, message) => {
      let cancelled = false;
      const result = streamTranscribe({
        model: whisper(),
        audio: new ReadableStream({ cancel: () => void (cancelled = true) }),
        inputAudioFormat: { type: 'audio/pcm' },
        providerOptions: { baseten: options },
      });
      await expect(result.text).rejects.toThrow(message);
      expect(ScriptedSocket.instances).toHaveLength(0);
      expect(cancelled).toBe(true);
    },
  );
});

describe('bounded buffering', () => {
  it('reads no more audio while the socket holds more than the high-water mark unsent', async () => {
    const chunk = new Uint8Array(100_000);
    const bufferedAtPull: number[] = [];
    let pulls = 0;
    const audio = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          bufferedAtPull.push(ScriptedSocket.instances[0]?.bufferedAmount ?? 0);
          pulls += 1;
          if (pulls > 40) controller.close();
          else controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const result = streamTranscribe({
      model: whisper(),
      audio,
      inputAudioFormat: { type: 'audio/pcm' },
      // 125 s of audio: sent as fast as the socket takes it, so that only the buffer limits it
      providerOptions: { baseten: { realTimePacing: false } },
    });
    const reading = (async () => {
      for await (const part of result.fullStream) void part;
    })();
    await expect.poll(() => ScriptedSocket.instances.length).toBe(1);
    socket().open();
    // the socket never drains: the sender must stop just past the high-water mark
    await expect
      .poll(() => socket().bufferedAmount)
      .toBeGreaterThan(SEND_HIGH_WATER_MARK);
    expect(socket().bufferedAmount).toBeLessThanOrEqual(
      SEND_HIGH_WATER_MARK + FRAME_BYTES,
    );
    // the network catches up, round by round: sending resumes until the buffer is full again
    const ended = () => socket().sent.at(-1) === END_AUDIO;
    for (let round = 0; round < 200 && !ended(); round++) {
      socket().bufferedAmount = 0;
      await expect
        .poll(() => ended() || socket().bufferedAmount > SEND_HIGH_WATER_MARK)
        .toBe(true);
    }
    expect(socket().sent.at(-1)).toBe(END_AUDIO);
    expect(
      bufferedAtPull.every(buffered => buffered <= SEND_HIGH_WATER_MARK),
    ).toBe(true);
    const audioBytes = socket().sent.filter(
      (frame): frame is number => typeof frame === 'number',
    );
    // every byte, in 512-sample frames, the last one padded with silence
    expect(audioBytes.length).toBe(
      Math.ceil((40 * chunk.length) / FRAME_BYTES),
    );
    expect(audioBytes.every(size => size === FRAME_BYTES)).toBe(true);
    socket().serverClose(1000);
    await reading.catch(() => {});
  });

  it('a reader that falls behind on partial transcripts pauses a socket that can pause, and resumes it', async () => {
    const result = streamTranscribe({
      model: createBaseten({
        apiKey: 'scripted-key.1',
        modelURL: URL_,
        webSocket: PausableScriptedSocket,
      }).transcription(),
      audio: new ReadableStream({ start: controller => controller.close() }),
      inputAudioFormat: { type: 'audio/pcm' },
    });
    const reader = result.fullStream[Symbol.asyncIterator]();
    await openSocket();
    const paused = socket() as PausableScriptedSocket;
    for (let index = 0; index <= MAX_QUEUED_PARTS + 10; index++)
      paused.message(
        transcript(false, [
          { text: `word ${index}`, start_time: 0, end_time: 1 },
        ]),
      );
    // messages are parsed asynchronously: the pause follows once they are queued
    await expect.poll(() => paused.paused).toBe(true);
    expect(paused.pauses).toBe(1);
    for (let index = 0; index < MAX_QUEUED_PARTS; index++) await reader.next();
    expect(paused.paused).toBe(false);
    paused.message(
      transcript(true, [{ text: 'Done.', start_time: 0, end_time: 1 }]),
    );
    paused.serverClose(1000);
    const rest: string[] = [];
    for (let next = await reader.next(); !next.done; next = await reader.next())
      rest.push((next.value as { type: string }).type);
    // every partial queued while paused still arrives, then the final
    expect(rest).toEqual([
      ...Array.from({ length: 11 }, () => 'transcript-partial'),
      'transcript-final',
    ]);
  });

  it('fails, rather than grow without bound, when a socket that cannot pause outruns the reader', async () => {
    const result = streamTranscribe({
      model: whisper(),
      audio: new ReadableStream({ start: controller => controller.close() }),
      inputAudioFormat: { type: 'audio/pcm' },
    });
    const reader = result.fullStream[Symbol.asyncIterator]();
    await openSocket();
    for (let index = 0; index <= HARD_MAX_QUEUED_PARTS; index++)
      socket().message(
        transcript(false, [{ text: 'again', start_time: 0, end_time: 1 }]),
      );
    await expect.poll(() => socket().readyState).toBe(3);
    const failure = await (async () => {
      while (!(await reader.next()).done);
    })().catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(
      /fell 4096 parts behind and this WebSocket cannot pause/,
    );
  });
});

/** A pacing clock the test moves: `sleep` records the wait and advances time by it. */
function manualClock() {
  const clock = {
    time: 1_000,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
      return Promise.resolve();
    },
  };
  return clock satisfies PacingClock;
}

/** A Whisper model whose real-time pacing reads `clock` (the model's internal test setting). */
function whisperOn(clock: PacingClock) {
  return new BasetenTranscriptionModel('whisper', {
    provider: 'baseten.transcription',
    apiKey: () => 'scripted-key.1',
    fetch: undefined,
    endpoints: resolveVoiceEndpoints(URL_, 'transcription'),
    webSocket: ScriptedSocket,
    pacingClock: clock,
  });
}

/** `chunks` as an audio stream, read all at once (a file). */
function fileOf(...chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start: controller => {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

const PCM16 = { type: 'audio/pcm', rate: 16_000 } as const;
const ACKNOWLEDGED = { type: 'end_audio', body: { status: 'acknowledged' } };
/** The server's last final and `finished`. */
function finish() {
  socket().message(
    transcript(true, [{ text: 'Heard.', start_time: 0, end_time: 1 }]),
  );
  socket().message(FINISHED);
}
const FINISHED = { type: 'end_audio', body: { status: 'finished' } };

describe('framing and pacing per encoding and rate', () => {
  it('mu-law at 8 kHz: 512-byte frames (a byte a sample), the last padded with 0xFF (mu-law silence), 64 ms a frame', async () => {
    const clock = manualClock();
    const result = streamTranscribe({
      model: whisperOn(clock),
      audio: fileOf(new Uint8Array(16_000).fill(0x7e)), // 2 s at 8 kHz
      inputAudioFormat: { type: 'audio/pcmu', rate: 8_000 },
    });
    const { reading } = partsOf(result);
    await openSocket();
    await expect.poll(() => socket().sent.at(-1)).toBe(END_AUDIO);
    expect(socket().sent.slice(1, -1)).toEqual(Array<number>(32).fill(512));
    const last = socket().binaryFrames[31];
    const audio = 16_000 - 31 * 512;
    expect(last.subarray(0, audio).every(byte => byte === 0x7e)).toBe(true);
    expect(last.subarray(audio).every(byte => byte === 0xff)).toBe(true);
    // a file: 0.5 s (4 000 samples) may go ahead of real time, then one frame every 64 ms
    expect(clock.sleeps).toEqual([12, ...Array<number>(23).fill(64)]);
    finish();
    await reading;
  });

  it('16-bit PCM at 32 kHz: 1024-byte frames, the last padded with 0x00, 16 ms a frame', async () => {
    const clock = manualClock();
    const result = streamTranscribe({
      model: whisperOn(clock),
      audio: fileOf(new Uint8Array(64_000).fill(0x11)), // 1 s at 32 kHz
      inputAudioFormat: { type: 'audio/pcm', rate: 32_000 },
    });
    const { reading } = partsOf(result);
    await openSocket();
    await expect.poll(() => socket().sent.at(-1)).toBe(END_AUDIO);
    expect(socket().sent.slice(1, -1)).toEqual(
      Array<number>(63).fill(FRAME_BYTES),
    );
    const last = socket().binaryFrames[62];
    expect(last.subarray(0, 512).every(byte => byte === 0x11)).toBe(true);
    expect(last.subarray(512).every(byte => byte === 0x00)).toBe(true);
    // 16 000 samples ahead at most, then one frame every 16 ms
    expect(clock.sleeps).toEqual([12, ...Array<number>(30).fill(16)]);
    finish();
    await reading;
  });

  it('a live source delivering 100 ms chunks at real time goes out without any wait', async () => {
    const clock = manualClock();
    let chunks = 0;
    const audio = new ReadableStream<Uint8Array>(
      {
        pull: controller => {
          if (chunks++ === 30) return controller.close();
          clock.time += 100; // the microphone records 100 ms, then delivers it
          controller.enqueue(new Uint8Array(3_200).fill(1));
        },
      },
      { highWaterMark: 0 },
    );
    const result = streamTranscribe({
      model: whisperOn(clock),
      audio,
      inputAudioFormat: PCM16,
    });
    const { reading } = partsOf(result);
    await openSocket();
    await expect.poll(() => socket().sent.at(-1)).toBe(END_AUDIO);
    expect(socket().sent.length).toBe(2 + Math.ceil((30 * 3_200) / 1024));
    expect(clock.sleeps).toEqual([]);
    finish();
    await reading;
  });

  it('an abort during a pacing wait ends the wait, the stream and the socket; nothing more is sent', async () => {
    const sleeps: number[] = [];
    const clock: PacingClock = {
      now: () => 0,
      // a long wait, which only the abort ends
      sleep: (ms, abortSignal) => {
        sleeps.push(ms);
        return new Promise((_resolve, reject) =>
          abortSignal?.addEventListener('abort', () =>
            reject(abortSignal.reason as Error),
          ),
        );
      },
    };
    const controller = new AbortController();
    const result = streamTranscribe({
      model: whisperOn(clock),
      audio: fileOf(new Uint8Array(64_000)), // 2 s at 16 kHz
      inputAudioFormat: PCM16,
      abortSignal: controller.signal,
    });
    const { reading } = partsOf(result);
    await openSocket();
    await expect.poll(() => sleeps.length).toBe(1);
    // the first 0.5 s went out at once; the next frame waits
    expect(socket().sent.length).toBe(1 + 16);
    controller.abort(new Error('user hung up'));
    await expect(reading).rejects.toThrow('user hung up');
    expect(socket().readyState).toBe(3);
    expect(socket().sent.length).toBe(1 + 16);
    expect(socket().sent).not.toContain(END_AUDIO);
  });
});

describe('the end-of-audio handshake, strictly', () => {
  it('finished before the client sent end_audio is ignored with a warning: the audio goes on, the stream ends on the real finished', async () => {
    let input!: ReadableStreamDefaultController<Uint8Array>;
    const result = streamTranscribe({
      model: whisper(),
      audio: new ReadableStream<Uint8Array>({
        start: controller => void (input = controller),
      }),
      inputAudioFormat: PCM16,
      providerOptions: { baseten: { realTimePacing: false } },
    });
    const { reading } = partsOf(result);
    await openSocket();
    input.enqueue(new Uint8Array(FRAME_BYTES));
    await expect.poll(() => socket().sent.length).toBe(2);
    socket().message(FINISHED);
    socket().message(
      transcript(true, [
        { text: 'Still talking.', start_time: 0, end_time: 1 },
      ]),
    );
    await expect
      .poll(() => socket().sent.length === 2 && socket().readyState === 1)
      .toBe(true);
    input.enqueue(new Uint8Array(FRAME_BYTES));
    input.close();
    await expect.poll(() => socket().sent.at(-1)).toBe(END_AUDIO);
    expect(socket().sent.slice(1, -1)).toEqual([FRAME_BYTES, FRAME_BYTES]);
    socket().message(ACKNOWLEDGED);
    socket().message(
      transcript(true, [{ text: 'Done now.', start_time: 1, end_time: 2 }]),
    );
    socket().message(FINISHED);
    await reading;
    expect(await result.text).toBe('Still talking. Done now.');
    expect(await result.providerMetadata).toEqual({
      baseten: {
        endOfAudio: 'finished',
        warnings: [
          {
            type: 'other',
            message: stringMatching(
              /^The server sent end_audio "finished" before the client sent end_audio; it was ignored/,
            ),
          },
        ],
      },
    });
  });

  it('an end_audio status other than acknowledged or finished is a warning, not dropped', async () => {
    const result = streamTranscribe({
      model: whisper(),
      audio: fileOf(),
      inputAudioFormat: PCM16,
    });
    const { reading } = partsOf(result);
    await openSocket();
    await expect.poll(() => socket().sent.at(-1)).toBe(END_AUDIO);
    socket().message({
      type: 'end_audio',
      body: { status: 'error', message: 'flush failed' },
    });
    finish();
    await reading;
    expect(await result.providerMetadata).toEqual({
      baseten: {
        endOfAudio: 'finished',
        warnings: [
          {
            type: 'other',
            message:
              'The server answered end_audio with an unknown status "error": {"type":"end_audio","body":{"status":"error","message":"flush failed"}}',
          },
        ],
      },
    });
  });

  it('status and keep-alive messages after end_audio do not restart the wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const result = streamTranscribe({
      model: whisper(),
      audio: fileOf(),
      inputAudioFormat: PCM16,
      providerOptions: { baseten: { endOfAudioTimeoutMs: 100 } },
    });
    const { reading } = partsOf(result);
    await vi.advanceTimersByTimeAsync(0);
    socket().open();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket().sent.at(-1)).toBe(END_AUDIO);
    // an older server: its last final at once, then only status and keep-alive messages
    socket().message(
      transcript(true, [{ text: 'Heard.', start_time: 0, end_time: 1 }]),
    );
    for (const message of [{ type: 'status' }, { type: 'health_check' }]) {
      await vi.advanceTimersByTimeAsync(40);
      socket().message(message);
    }
    await vi.advanceTimersByTimeAsync(19); // 99 ms after end_audio
    expect(socket().closedByClient).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(socket().closedByClient).toBe(1000);
    await reading;
    expect(await result.providerMetadata).toMatchObject({
      baseten: { endOfAudio: 'unconfirmed' },
    });
  });

  it('transcripts restart the wait, but for at most three timeouts in all after end_audio', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = manualClock();
    const result = streamTranscribe({
      model: whisperOn(clock),
      audio: fileOf(),
      inputAudioFormat: PCM16,
      providerOptions: { baseten: { endOfAudioTimeoutMs: 100 } },
    });
    const { reading } = partsOf(result);
    await vi.advanceTimersByTimeAsync(0);
    socket().open();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket().sent.at(-1)).toBe(END_AUDIO);
    // a server that keeps answering: a final every 40 ms, never finished
    for (let index = 1; index <= 7; index++) {
      await vi.advanceTimersByTimeAsync(40);
      clock.time += 40;
      socket().message(
        transcript(true, [
          { text: `Part ${index}.`, start_time: index, end_time: index + 1 },
        ]),
      );
    }
    await vi.advanceTimersByTimeAsync(19); // 299 ms after end_audio
    expect(socket().closedByClient).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(socket().closedByClient).toBe(1000);
    await reading;
    expect(await result.text).toBe(
      'Part 1. Part 2. Part 3. Part 4. Part 5. Part 6. Part 7.',
    );
    expect(await result.providerMetadata).toMatchObject({
      baseten: { endOfAudio: 'unconfirmed' },
    });
  });
});
