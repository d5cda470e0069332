import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  startBasetenEmulator,
  type BasetenEmulator,
} from '../baseten-emulator';
import { FAULT_HEADER, parseFaultHeader } from '../faults/emulator-faults';
import {
  decodeWav,
  EMULATOR_WORDS,
  emulatorSpeechPCM,
  emulatorSpeechWAV,
  encodeWav,
  EmulatedWhisperDecoder,
  transcribeAudio,
} from './emulator-voice-audio';

const KEY = 'voice-emulator-key';
let emulator: BasetenEmulator;
beforeAll(async () => {
  emulator = await startBasetenEmulator({ apiKey: KEY, hangTimeoutMs: 300 });
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const auth = { authorization: `Bearer ${KEY}` };
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const textOf = (phrases: Array<Array<{ text: string }>>) =>
  phrases.map(words => words.map(word => word.text).join(' '));

/** A sine tone of `seconds` at 16 kHz, 16-bit. */
function tone(seconds: number, frequency = 440, rate = 16_000): Uint8Array {
  const samples = Math.round(seconds * rate);
  const view = new DataView(new ArrayBuffer(samples * 2));
  for (let index = 0; index < samples; index++) {
    view.setInt16(
      index * 2,
      Math.round(6000 * Math.sin((2 * Math.PI * frequency * index) / rate)),
      true,
    );
  }
  return new Uint8Array(view.buffer);
}

const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

describe('the audio rule', () => {
  it("the emulator's speech transcribes back to its text, one phrase per sentence, 0.4 s a word", () => {
    const phrases = transcribeAudio(
      emulatorSpeechPCM('Good morning, Ada. Ready?', 24_000),
      'pcm_s16le',
      24_000,
    );
    expect(textOf(phrases)).toEqual(['Good morning, Ada.', 'Ready?']);
    expect(phrases[1][0]).toEqual({ text: 'Ready?', start: 1.2, end: 1.6 });
  });

  it('other audio: one word per non-silent 0.4 s window, a silent window ends a phrase, silence alone is nothing', () => {
    const audio = concat(tone(0.8), new Uint8Array(12_800), tone(0.4, 660));
    const phrases = transcribeAudio(audio, 'pcm_s16le', 16_000);
    expect(phrases.map(words => words.length)).toEqual([2, 1]);
    for (const word of phrases.flat())
      expect(EMULATOR_WORDS).toContain(word.text);
    expect(phrases[1][0]).toMatchObject({ start: 1.2, end: 1.6 });
    expect(
      transcribeAudio(new Uint8Array(32_000), 'pcm_s16le', 16_000),
    ).toEqual([]);
  });

  it('gives the same words however the bytes are split', () => {
    const audio = concat(
      emulatorSpeechPCM('one two. three', 16_000),
      tone(0.5),
    );
    const whole = transcribeAudio(audio, 'pcm_s16le', 16_000);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: audio.length - 1 }), {
          maxLength: 12,
        }),
        cuts => {
          const decoder = new EmulatedWhisperDecoder('pcm_s16le', 16_000);
          const bounds = [
            0,
            ...[...new Set(cuts)].sort((a, b) => a - b),
            audio.length,
          ];
          const events = bounds
            .slice(1)
            .flatMap((end, index) =>
              decoder.push(audio.subarray(bounds[index], end)),
            );
          const finals = [...events, ...decoder.end()]
            .filter(event => event.type === 'final')
            .map(event => [...event.words]);
          expect(finals).toEqual(whole);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('reads and writes 16-bit WAV files', () => {
    const pcm = tone(0.1);
    expect(decodeWav(encodeWav(pcm, 16_000))).toEqual({
      pcm,
      sampleRate: 16_000,
    });
    expect(
      decodeWav(new TextEncoder().encode('ID3 not a wav')),
    ).toBeUndefined();
  });
});

async function predict(body: unknown, headers: Record<string, string> = auth) {
  const response = await fetch(
    `${emulator.origin}/environments/production/predict`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    },
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('Whisper /predict', () => {
  it('answers Whisper-shaped segments for a WAV file, with word timings when asked', async () => {
    const wav = emulatorSpeechWAV('Hello there. Bye.', 16_000);
    const answer = await predict({
      whisper_input: {
        audio: { audio_b64: base64(wav) },
        whisper_params: { show_word_timestamps: true },
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      language_code: 'en',
      language_prob: null,
      segments: [
        {
          text: ' Hello there.',
          log_prob: -0.25,
          start_time: 0,
          end_time: 0.8,
          word_timestamps: [
            { word: 'Hello', start_time: 0, end_time: 0.4 },
            { word: 'there.', start_time: 0.4, end_time: 0.8 },
          ],
        },
        {
          text: ' Bye.',
          log_prob: -0.25,
          start_time: 0.8,
          end_time: 1.2,
          word_timestamps: [{ word: 'Bye.', start_time: 0.8, end_time: 1.2 }],
        },
      ],
    });
  });

  it('on every deployment path, and on chains’ run_remote', async () => {
    const body = JSON.stringify({
      whisper_input: {
        audio: { audio_bytes: base64(emulatorSpeechWAV('Hi.')) },
      },
    });
    for (const path of [
      '/production/predict',
      '/development/predict',
      '/deployment/ab12cd3/predict',
      '/environments/staging/run_remote',
    ]) {
      const response = await fetch(`${emulator.origin}${path}`, {
        method: 'POST',
        headers: auth,
        body,
      });
      expect(
        ((await response.json()) as { segments: unknown[] }).segments,
        path,
      ).toHaveLength(1);
    }
  });

  it('detects the language only, when asked; honours a set language', async () => {
    const audio = { audio_b64: base64(emulatorSpeechWAV('Hallo.')) };
    expect(
      (
        await predict({
          whisper_input: {
            audio,
            whisper_params: { language_detection_only: true },
          },
        })
      ).body,
    ).toEqual({
      language_code: 'en',
      language_prob: 0.98,
    });
    expect(
      (
        await predict({
          whisper_input: { audio, whisper_params: { audio_language: 'de' } },
        })
      ).body.language_code,
    ).toBe('de');
  });

  it('downloads audio from a loopback URL only', async () => {
    const wav = emulatorSpeechWAV('From a URL.');
    const files: Server = createServer((_request, response) =>
      response.end(Buffer.from(wav)),
    );
    await new Promise<void>(resolve => files.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(files.address() as AddressInfo).port}/call.wav`;
      const answer = await predict({ whisper_input: { audio: { url } } });
      expect((answer.body.segments as Array<{ text: string }>)[0].text).toBe(
        ' From a URL.',
      );
    } finally {
      await new Promise(resolve => files.close(resolve));
    }
    const remote = await predict({
      whisper_input: { audio: { url: 'https://cdn.example.com/a.wav' } },
    });
    expect(remote.status).toBe(400);
    expect(JSON.stringify(remote.body)).toMatch(
      /offline: it downloads audio only from loopback URLs/,
    );
  });

  it('refuses a request without exactly one audio source', async () => {
    const answer = await predict({
      whisper_input: {
        audio: { url: 'http://127.0.0.1/a', audio_b64: 'AAAA' },
      },
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toMatch(
      /exactly one of url, audio_b64 or audio_bytes/,
    );
  });
});

const wsURL = (path = '/environments/production/websocket') =>
  `${emulator.origin.replace('http', 'ws')}${path}`;

interface Outcome {
  readonly messages: Array<Record<string, unknown>>;
  readonly close?: { code: number; reason: string };
  readonly refused?: { status: number; body: string };
  /** The server said `end_audio` `finished` with the socket still open, and the client closed it. */
  readonly closedAfterFinished?: boolean;
}

const isFinished = (message: Record<string, unknown>) =>
  message.type === 'end_audio' &&
  (message.body as { status?: unknown } | undefined)?.status === 'finished';

/**
 * Runs one raw session: sends `frames` once open, collects what comes back until the socket ends;
 * closes it (1000) itself once the server says `end_audio` `finished`, as a client must.
 */
function rawSession(
  frames: Array<string | Uint8Array>,
  headers: Record<string, string> = auth,
  path?: string,
): Promise<Outcome> {
  return new Promise(resolve => {
    const socket = new WebSocket(wsURL(path), { headers });
    const messages: Array<Record<string, unknown>> = [];
    let closedAfterFinished = false;
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve({
          messages,
          refused: { status: response.statusCode ?? 0, body },
        }),
      );
    });
    socket.on('open', () => {
      for (const frame of frames) socket.send(frame);
    });
    socket.on('message', data => {
      const message = JSON.parse((data as Buffer).toString('utf8')) as Record<
        string,
        unknown
      >;
      messages.push(message);
      if (isFinished(message) && socket.readyState === WebSocket.OPEN) {
        closedAfterFinished = true;
        socket.close(1000);
      }
    });
    socket.on('error', () => {});
    socket.on('close', (code, reason) =>
      resolve({
        messages,
        close: { code, reason: reason.toString() },
        ...(closedAfterFinished ? { closedAfterFinished } : {}),
      }),
    );
  });
}

const METADATA = JSON.stringify({
  whisper_params: { audio_language: 'en' },
  streaming_params: {
    encoding: 'pcm_s16le',
    sample_rate: 16_000,
    enable_partial_transcripts: true,
  },
});
const END = JSON.stringify({ type: 'end_audio' });
const ACKNOWLEDGED = { type: 'end_audio', body: { status: 'acknowledged' } };
const FINISHED = { type: 'end_audio', body: { status: 'finished' } };

/** `seconds` of digital silence at 16 kHz, 16-bit. */
const silence = (seconds: number) =>
  new Uint8Array(Math.round(seconds * 16_000) * 2);

const summary = (messages: Array<Record<string, unknown>>) =>
  messages.map(message =>
    message.type === 'transcription'
      ? [
          message.is_final ? 'final' : 'partial',
          (message.segments as Array<{ text: string }>)
            .map(segment => segment.text)
            .join(' '),
          ...(message.is_end_of_audio_flush === true ? ['flush'] : []),
        ]
      : [message.type, (message.body as { status: string }).status],
  );

describe('Whisper /websocket', () => {
  it('finalizes a phrase on VAD silence; end_audio: acknowledged, the last final (flagged as the flush), finished, socket left open', async () => {
    const outcome = await rawSession([
      METADATA,
      emulatorSpeechPCM('Yes. Maybe', 16_000),
      silence(0.5),
      emulatorSpeechPCM('No', 16_000),
      END,
    ]);
    // punctuation ends nothing: the voice detector needs min_silence_duration_ms (300) of silence
    expect(summary(outcome.messages)).toEqual([
      ['partial', 'Yes.'],
      ['partial', 'Yes. Maybe'],
      ['final', 'Yes. Maybe'],
      ['partial', 'No'],
      ['end_audio', 'acknowledged'],
      ['final', 'No', 'flush'],
      ['end_audio', 'finished'],
    ]);
    // the live shape (Baseten's streaming page): segments, no transcript
    expect(outcome.messages[2]).toEqual({
      type: 'transcription',
      is_final: true,
      transcription_num: 3,
      language_code: 'en',
      language_prob: null,
      audio_length_sec: 1,
      segments: [
        { text: 'Yes. Maybe', log_prob: -0.25, start_time: 0, end_time: 0.8 },
      ],
    });
    expect(outcome.messages[5]).toMatchObject({
      is_final: true,
      is_end_of_audio_flush: true,
      segments: [{ text: 'No', start_time: 1.3, end_time: 1.7 }],
    });
    expect(outcome.messages.at(-2)).not.toHaveProperty('transcript');
    expect(outcome.messages[4]).toEqual(ACKNOWLEDGED);
    expect(outcome.messages.at(-1)).toEqual(FINISHED);
    // the server did not close: the client did, after finished
    expect(outcome.closedAfterFinished).toBe(true);
    expect(outcome.close?.code).toBe(1000);
  });

  it('min_silence_duration_ms decides what silence ends a phrase; without end_audio the last phrase never comes', async () => {
    const frames = (minSilence: number) => [
      JSON.stringify({
        streaming_params: { encoding: 'pcm_s16le', sample_rate: 16_000 },
        streaming_vad_config: { min_silence_duration_ms: minSilence },
      }),
      emulatorSpeechPCM('one', 16_000),
      silence(0.5),
      emulatorSpeechPCM('two', 16_000),
    ];
    const finals = (outcome: Outcome) =>
      summary(outcome.messages).filter(entry => entry[0] === 'final');
    // 0.1 s of the word's own tail + 0.5 s: 0.6 s of silence
    expect(finals(await rawSession([...frames(300), END]))).toEqual([
      ['final', 'one'],
      ['final', 'two', 'flush'],
    ]);
    expect(finals(await rawSession([...frames(700), END]))).toEqual([
      ['final', 'one two', 'flush'],
    ]);
    // a client that closes without end_audio loses the phrase still open, as on Baseten. The
    // server answers frames in order: its reply to a stray text frame sent after the audio means
    // it has read all of the audio, and still holds "two"
    const closing = new WebSocket(wsURL(), { headers: auth });
    const heard: Array<Record<string, unknown>> = [];
    const answeredAll = new Promise<void>(resolve =>
      closing.on('message', data => {
        const message = JSON.parse((data as Buffer).toString('utf8')) as Record<
          string,
          unknown
        >;
        heard.push(message);
        if (message.type === 'error') resolve();
      }),
    );
    await new Promise<void>(resolve => closing.on('open', () => resolve()));
    for (const frame of frames(300)) closing.send(frame);
    closing.send(JSON.stringify({ type: 'after_the_audio' }));
    await answeredAll;
    await new Promise<void>(resolve => {
      closing.on('close', () => resolve());
      closing.close(1000);
    });
    expect(heard.map(message => message.type)).toEqual([
      'transcription',
      'error',
    ]);
    expect(summary(heard.slice(0, 1))).toEqual([['final', 'one']]);
  });

  it('refuses metadata with unknown or out-of-range fields, as Baseten validates strictly: the model fails (1011)', async () => {
    const unknown = await rawSession([
      JSON.stringify({
        streaming_params: { encoding: 'pcm_s16le', beam_size: 2 },
      }),
    ]);
    expect(unknown.messages).toEqual([
      {
        type: 'error',
        message:
          'Unknown field "streaming_params.beam_size" in the session metadata.',
      },
    ]);
    expect(unknown.close).toEqual({
      code: 1011,
      reason: 'Internal Server Error (in model/chainlet).',
    });
    const tooLong = await rawSession([
      JSON.stringify({
        streaming_params: { final_transcript_max_duration_s: 45 },
      }),
    ]);
    expect(tooLong.messages[0]?.message).toMatch(
      /final_transcript_max_duration_s must be an integer from 1 to 30/,
    );
    expect(tooLong.close?.code).toBe(1011);
  });

  it('the old terminate_session marker is not Baseten’s: an error message, and the session goes on', async () => {
    const outcome = await rawSession([
      METADATA,
      emulatorSpeechPCM('Hi', 16_000),
      JSON.stringify({ terminate_session: true }),
      END,
    ]);
    expect(summary(outcome.messages.filter(m => m.type !== 'error'))).toEqual([
      ['partial', 'Hi'],
      ['end_audio', 'acknowledged'],
      ['final', 'Hi', 'flush'],
      ['end_audio', 'finished'],
    ]);
    expect(outcome.messages.find(m => m.type === 'error')?.message).toMatch(
      /end_audio/,
    );
  });

  it('refuses the upgrade without a key, with the wrong key, off a deployment path, and with a status fault', async () => {
    expect((await rawSession([], {})).refused).toEqual({
      status: 401,
      body: 'No Authorization header provided',
    });
    expect(
      (await rawSession([], { authorization: 'Bearer nope' })).refused,
    ).toEqual({
      status: 403,
      body: JSON.stringify({ error: 'please check the api-key you provided' }),
    });
    expect((await rawSession([], auth, '/v1/websocket')).refused?.status).toBe(
      404,
    );
    const faulted = await rawSession([], {
      ...auth,
      [FAULT_HEADER]: 'status=503; message=No replica; retry-after=2',
    });
    expect(faulted.refused).toEqual({
      status: 503,
      body: JSON.stringify({
        error: {
          message: 'No replica',
          type: 'ServiceUnavailableError',
          param: null,
          code: 503,
        },
      }),
    });
  });

  it('closes with a fault’s code after N messages, or drops the socket', async () => {
    const audio = emulatorSpeechPCM('a b c d e', 16_000);
    const closed = await rawSession([METADATA, audio, END], {
      ...auth,
      [FAULT_HEADER]: 'drop-after-chunks=2; close-code=1011; message=boom',
    });
    expect(closed.messages).toHaveLength(2);
    expect(closed.close).toEqual({ code: 1011, reason: 'boom' });
    emulator.faults.enqueue({ dropAfterChunks: 1 }, { path: '/websocket' });
    const dropped = await rawSession([METADATA, audio, END]);
    expect(dropped.messages).toHaveLength(1);
    expect(dropped.close?.code).toBe(1006);
  });

  it('a hang answers nothing, then closes 1011 at the hang limit', async () => {
    emulator.faults.enqueue({ hang: true }, { path: '/websocket' });
    const outcome = await rawSession([
      METADATA,
      emulatorSpeechPCM('a b', 16_000),
      END,
    ]);
    expect(outcome.messages).toEqual([]);
    expect(outcome.close).toEqual({
      code: 1011,
      reason: 'emulated hang timed out',
    });
  });

  it('records the session: frames in order, their bytes, who closed', async () => {
    const audio = emulatorSpeechPCM('Hi.', 16_000);
    await rawSession([METADATA, audio, END]);
    await expect
      .poll(() => emulator.requests[0]?.webSocket?.binarySha256)
      .toBeDefined();
    const [request] = emulator.requests;
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/environments/production/websocket');
    // a partial, then acknowledged, the final, finished; the client closes
    expect(request.webSocket).toMatchObject({
      received: [METADATA, audio.length, END],
      binaryBytes: audio.length,
      sent: 4,
      closed: { code: 1000, by: 'client' },
    });
  });

  it('a plain GET of the WebSocket path says it wants an upgrade', async () => {
    const response = await fetch(wsURL().replace('ws', 'http'), {
      headers: auth,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/takes WebSocket connections/);
  });

  it('parses close-code in the fault header', () => {
    expect(parseFaultHeader('close-code=4000; drop-after-chunks=3')).toEqual({
      closeCode: 4000,
      dropAfterChunks: 3,
    });
  });
});

describe('Orpheus /predict and /websocket', () => {
  it('/predict streams raw 24 kHz PCM labelled audio/wav in 4,096-byte pieces, with the prompt’s character count as X-Baseten-Input-Tokens', async () => {
    const response = await fetch(`${emulator.origin}/production/predict`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        prompt: 'Good evening. Welcome back.',
        voice: 'dan',
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    // Orpheus counts characters under this name (model.py: len(prompt))
    expect(response.headers.get('x-baseten-input-tokens')).toBe('27');
    const pcm = new Uint8Array(await response.arrayBuffer());
    expect(decodeWav(pcm)).toBeUndefined(); // no header, as Orpheus sends it
    expect(pcm.length).toBe(4 * 0.4 * 24_000 * 2);
    expect(textOf(transcribeAudio(pcm, 'pcm_s16le', 24_000))).toEqual([
      'Good evening.',
      'Welcome back.',
    ]);
  });

  it('speaks any voice, as Orpheus never checks it (a fine-tuned voice works): /predict 200, /websocket audio and no JSON', async () => {
    const response = await fetch(`${emulator.origin}/production/predict`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ prompt: 'Hi there.', voice: 'my-finetune' }),
    });
    expect(response.status).toBe(200);
    const pcm = new Uint8Array(await response.arrayBuffer());
    expect(textOf(transcribeAudio(pcm, 'pcm_s16le', 24_000))).toEqual([
      'Hi there.',
    ]);
    const session = await orpheusSession({ voice: 'my-finetune' }, [
      'Hi there.',
      '__END__',
    ]);
    expect(session).toMatchObject({
      phrases: ['Hi there.'],
      texts: 0,
      close: { code: 1000 },
    });
  });

  /** One raw Orpheus session: the metadata, the frames, `__END__`; the audio's phrases and the close. */
  async function orpheusSession(
    metadata: unknown,
    frames: ReadonlyArray<string | Uint8Array>,
  ): Promise<{
    phrases: string[];
    bytes: number;
    /** Text (JSON) frames from the server: Orpheus never sends one. */
    texts: number;
    close: { code: number; reason: string };
  }> {
    const received: Uint8Array[] = [];
    let texts = 0;
    const close = await new Promise<{ code: number; reason: string }>(
      resolve => {
        const socket = new WebSocket(wsURL(), { headers: auth });
        socket.on('open', () => {
          socket.send(
            typeof metadata === 'string' ? metadata : JSON.stringify(metadata),
          );
          for (const frame of frames) socket.send(frame);
        });
        socket.on('message', (data, isBinary) => {
          if (isBinary) received.push(new Uint8Array(data as Buffer));
          else texts += 1;
        });
        socket.on('close', (code, reason) =>
          resolve({ code, reason: reason.toString() }),
        );
      },
    );
    const pcm = concat(...received);
    return {
      phrases: textOf(transcribeAudio(pcm, 'pcm_s16le', 24_000)),
      bytes: pcm.length,
      texts,
      close,
    };
  }

  it('/websocket splits every frame into words and flushes once per frame by the server’s rule; __END__ speaks the rest, then closes 1000', async () => {
    // buffer_size 3 (orpheus-3b-websockets model.py): the frames' words go to a buffer, then
    // more than one sentence → all but the last; ≥ 3 words → the first 3; else nothing
    const outcome = await orpheusSession({ voice: 'tara', buffer_size: 3 }, [
      'one tw',
      'o three fo',
      'ur five six seven. ',
      'eight',
      '__END__',
    ]);
    expect(outcome.close.code).toBe(1000);
    // the split words are spoken as two words each: the frame boundary is a word boundary
    expect(outcome.phrases).toEqual([
      'one tw o three fo ur five six seven.',
      'eight',
    ]);
    expect(outcome.bytes).toBe(10 * 0.4 * 24_000 * 2);
  });

  it('/websocket drops what one __END__ flush does not speak, as the real server does', async () => {
    // one big frame: 3 words spoken at once, 3 more at __END__, the seventh never
    const big = await orpheusSession({ buffer_size: 3 }, [
      'a b c d e f g',
      '__END__',
    ]);
    expect(big.phrases).toEqual(['a b c d e f']);
    // a 25-word sentence in one frame, buffer_size 10: 10 words after the frame, 10 at __END__
    const words = Array.from({ length: 25 }, (_, index) => `w${index + 1}`);
    const long = await orpheusSession({ buffer_size: 10 }, [
      `${words.join(' ')}.`,
      '__END__',
    ]);
    expect(long.phrases).toEqual([words.slice(0, 20).join(' ')]);
    // whitespace-only frames flush without adding words, and drain the tail
    const drained = await orpheusSession({ buffer_size: 3 }, [
      'a b c d e f g',
      ' ',
      '__END__',
    ]);
    expect(drained.phrases).toEqual(['a b c d e f g']);
  });

  it('/websocket: a first frame that is not a JSON object, or a binary frame, fails the model: 1011 with the truss message', async () => {
    const truss = {
      code: 1011,
      reason: 'Internal Server Error (in model/chainlet).',
    };
    expect((await orpheusSession('not json', ['Hi', '__END__'])).close).toEqual(
      truss,
    );
    expect((await orpheusSession('[1, 2]', ['Hi', '__END__'])).close).toEqual(
      truss,
    );
    expect(
      (await orpheusSession({ voice: 'tara' }, [new Uint8Array(4), '__END__']))
        .close,
    ).toEqual(truss);
    // keys Orpheus does not read are ignored, as its server does
    const extra = await orpheusSession(
      { voice: 'tara', language: 'en', stop_token_ids: [128258] },
      ['Hi.', '__END__'],
    );
    expect(extra).toMatchObject({ phrases: ['Hi.'], close: { code: 1000 } });
  });

  it('/predict speaks for any body with a prompt, ignoring keys Orpheus does not read; a non-string prompt fails as the model does', async () => {
    const response = await fetch(`${emulator.origin}/production/predict`, {
      method: 'POST',
      headers: auth,
      // LiveKit sends `language`; Baseten's own call.py sends `stop_token_ids`
      body: JSON.stringify({
        prompt: 'Good evening.',
        voice: 'tara',
        language: 'en',
        stop_token_ids: [128258, 128009],
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const pcm = new Uint8Array(await response.arrayBuffer());
    expect(textOf(transcribeAudio(pcm, 'pcm_s16le', 24_000))).toEqual([
      'Good evening.',
    ]);
    const failed = await fetch(`${emulator.origin}/production/predict`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ prompt: 42 }),
    });
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(failed.headers.get('x-baseten-error-source')).toBe('04');
    expect(await failed.text()).toMatch(
      /^An internal server error occurred while processing your request /,
    );
  });
});
