import { APICallError } from '@ai-sdk/provider';
import { experimental_streamTranscribe as streamTranscribe } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import {
  HARD_MAX_QUEUED_PARTS,
  MAX_QUEUED_PARTS,
} from '../deployment/baseten-voice-session';
import {
  PausableScriptedSocket,
  ScriptedSocket,
} from '../test/scripted-socket';
import { stringMatching } from '../test/matchers';
import { SEND_HIGH_WATER_MARK } from './baseten-transcription-stream';
import endOfAudio from './__fixtures__/whisper-streaming-end-of-audio.json';

/** The client's end of the audio (Baseten's streaming-transcription docs). */
const END_AUDIO = '{"type":"end_audio"}';
/** 512 16-bit samples: the frame Baseten's voice detector reads. */
const FRAME_BYTES = 1024;

afterEach(() => {
  ScriptedSocket.instances = [];
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
    // one frame of the whole samples (shorter than 512 samples: it is the last), less the odd byte
    expect(socket().sent.slice(1, -1)).toEqual([6]);
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
    // exactly 512 samples a frame; the last one shorter
    expect(socket().sent.slice(1, -1)).toEqual([FRAME_BYTES, FRAME_BYTES, 100]);
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
              /^The server did not confirm the end of the audio \(no end_audio "finished" within 50 ms of its last message\)/,
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
    expect(audioBytes.reduce((sum, size) => sum + size, 0)).toBe(
      40 * chunk.length,
    );
    // 512 samples a frame, the last one shorter
    expect(audioBytes.slice(0, -1).every(size => size === FRAME_BYTES)).toBe(
      true,
    );
    expect(audioBytes.at(-1)).toBe((40 * chunk.length) % FRAME_BYTES);
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
