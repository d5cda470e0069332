import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startBasetenEmulator, type BasetenEmulator } from './baseten-emulator';
import { FAULT_HEADER, parseFaultHeader } from './emulator-faults';
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
}

/** Runs one raw session: sends `frames` once open, collects what comes back until the socket ends. */
function rawSession(
  frames: Array<string | Uint8Array>,
  headers: Record<string, string> = auth,
  path?: string,
): Promise<Outcome> {
  return new Promise(resolve => {
    const socket = new WebSocket(wsURL(path), { headers });
    const messages: Array<Record<string, unknown>> = [];
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
    socket.on('message', data =>
      messages.push(
        JSON.parse((data as Buffer).toString('utf8')) as Record<
          string,
          unknown
        >,
      ),
    );
    socket.on('error', () => {});
    socket.on('close', (code, reason) =>
      resolve({ messages, close: { code, reason: reason.toString() } }),
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
const END = JSON.stringify({ terminate_session: true });

describe('Whisper /websocket', () => {
  it('sends partials as words are heard and a final per phrase, then closes after the end of the audio', async () => {
    const outcome = await rawSession([
      METADATA,
      emulatorSpeechPCM('Yes. No', 16_000),
      END,
    ]);
    expect(
      outcome.messages.map(message => [message.is_final, message.transcript]),
    ).toEqual([
      [true, 'Yes.'],
      [false, 'No'],
      [true, 'No'],
    ]);
    expect(outcome.messages[0]).toEqual({
      type: 'transcription',
      is_final: true,
      transcript: 'Yes.',
      segments: [
        { text: 'Yes.', log_prob: -0.25, start_time: 0, end_time: 0.4 },
      ],
      language_code: 'en',
    });
    expect(outcome.close).toEqual({ code: 1000, reason: 'session complete' });
  });

  it('rejects unknown metadata fields, as Baseten validates strictly', async () => {
    const outcome = await rawSession([
      JSON.stringify({
        streaming_params: { encoding: 'pcm_s16le', beam_size: 2 },
      }),
    ]);
    expect(outcome.messages).toEqual([
      {
        type: 'error',
        message:
          'Unknown field "streaming_params.beam_size" in the session metadata.',
      },
    ]);
    expect(outcome.close?.code).toBe(1008);
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
    expect(request.webSocket).toMatchObject({
      received: [METADATA, audio.length, END],
      binaryBytes: audio.length,
      sent: 1,
      closed: { code: 1000, by: 'server' },
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
  it('/predict streams raw 24 kHz PCM labelled audio/wav, with the prompt’s token count', async () => {
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
    expect(
      Number(response.headers.get('x-baseten-input-tokens')),
    ).toBeGreaterThan(0);
    const pcm = new Uint8Array(await response.arrayBuffer());
    expect(decodeWav(pcm)).toBeUndefined(); // no header, as Orpheus sends it
    expect(pcm.length).toBe(4 * 0.4 * 24_000 * 2);
    expect(textOf(transcribeAudio(pcm, 'pcm_s16le', 24_000))).toEqual([
      'Good evening.',
      'Welcome back.',
    ]);
  });

  it('/predict refuses a voice Orpheus does not have', async () => {
    const answer = await predict({ prompt: 'Hi', voice: 'bob' });
    expect(answer.status).toBe(400);
    expect((answer.body.error as { message: string }).message).toMatch(
      /^Unknown voice "bob"; Orpheus speaks tara, /,
    );
  });

  it('/websocket speaks every buffer_size words as they complete, the rest at __END__, then closes', async () => {
    const received: Uint8Array[] = [];
    const close = await new Promise<{ code: number }>(resolve => {
      const socket = new WebSocket(wsURL(), { headers: auth });
      socket.on('open', () => {
        socket.send(
          JSON.stringify({ voice: 'tara', max_tokens: 2000, buffer_size: 3 }),
        );
        for (const piece of [
          'one tw',
          'o three fo',
          'ur five six seven. ',
          'eight',
        ])
          socket.send(piece);
        socket.send('__END__');
      });
      socket.on('message', (data, isBinary) => {
        if (isBinary) received.push(new Uint8Array(data as Buffer));
      });
      socket.on('close', code => resolve({ code }));
    });
    expect(close.code).toBe(1000);
    const pcm = concat(...received);
    // two groups of three words, then the last two: three pieces, each with its own text
    expect(pcm.length).toBe((3 + 3 + 2) * 0.4 * 24_000 * 2);
    expect(textOf(transcribeAudio(pcm, 'pcm_s16le', 24_000))).toEqual([
      'one two three four five six seven.',
      'eight',
    ]);
  });
});
