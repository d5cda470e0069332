import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  startBasetenEmulator,
  type BasetenEmulator,
} from '../baseten-emulator';
import {
  decodeWav,
  EMULATOR_WORDS,
  encodeWav,
  emulatorSpeechPCM,
} from './emulator-voice-audio';
import {
  Qwen3AudioDecoder,
  qwen3SpeechPCM,
  transcribeQwen3Audio,
} from './emulator-voice-qwen3-audio';
import handshakeFixture from './__fixtures__/qwen3-asr-handshake.json';
import ttsConfigFixture from './__fixtures__/qwen3-tts-session-config-pcm-stream.json';

const KEY = 'qwen3-emulator-key';
const ASR = '/deployment/q3asr001';
const ASR_WORDS = '/deployment/q3asr002';
const ASR_BATCH = '/deployment/q3bat001';
const ASR_CHAT = '/deployment/q3cht001';
const TTS = '/deployment/q3tts001';
const TTS_ALIGNED = '/deployment/q3tts002';
const TTS_QUICK = '/deployment/q3tts003';

let emulator: BasetenEmulator;
beforeAll(async () => {
  emulator = await startBasetenEmulator({
    apiKey: KEY,
    hangTimeoutMs: 200,
    voiceDeployments: {
      [ASR]: 'qwen3-asr',
      [ASR_WORDS]: { protocol: 'qwen3-asr', wordTimestamps: true },
      [ASR_BATCH]: 'qwen3-asr-batch',
      [ASR_CHAT]: 'qwen3-asr-chat',
      [TTS]: 'qwen3-tts',
      [TTS_ALIGNED]: { protocol: 'qwen3-tts', wordTimestamps: true },
      [TTS_QUICK]: {
        protocol: 'qwen3-tts',
        configTimeoutMs: 40,
        idleTimeoutMs: 40,
      },
    },
  });
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const auth = { authorization: `Bearer ${KEY}` };
const HANDSHAKE = JSON.stringify(handshakeFixture);
const json = (value: unknown) => JSON.stringify(value);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const wordsOf = (phrases: Array<Array<{ text: string }>>) =>
  phrases.map(words => words.map(word => word.text).join(' '));

/** 16-bit mono PCM resampled by linear interpolation, as a simple client would. */
function resample(pcm: Uint8Array, from: number, to: number): Uint8Array {
  const input = new Int16Array(
    pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength),
  );
  const length = Math.floor((input.length * to) / from);
  const output = new Int16Array(length);
  for (let index = 0; index < length; index++) {
    const at = (index * from) / to;
    const left = Math.floor(at);
    const right = Math.min(left + 1, input.length - 1);
    const weight = at - left;
    output[index] = Math.round(
      input[left] * (1 - weight) + input[right] * weight,
    );
  }
  return new Uint8Array(output.buffer);
}

/** `input_audio_buffer.append` frames of ~100 ms (1,600 samples) each. */
function appends(pcm16k: Uint8Array): string[] {
  const frames: string[] = [];
  for (let at = 0; at < pcm16k.length; at += 3200)
    frames.push(
      json({
        type: 'input_audio_buffer.append',
        audio: base64(pcm16k.subarray(at, at + 3200)),
      }),
    );
  return frames;
}

interface Conversation {
  readonly messages: Array<Record<string, unknown>>;
  readonly binary: Uint8Array[];
  /** Text and binary frames in arrival order (binary as its byte length). */
  readonly order: Array<string | number>;
  readonly close?: { code: number; by: 'server' | 'client' };
  readonly refused?: { status: number; body: string };
}

/**
 * One raw session on `path`: sends `frames` once open, collects what comes
 * back until the server closes or `until` says the client may close.
 */
function converse(
  path: string,
  frames: Array<string | Uint8Array>,
  until: (messages: Array<Record<string, unknown>>) => boolean = () => false,
): Promise<Conversation> {
  return new Promise(resolve => {
    const socket = new WebSocket(
      `${emulator.origin.replace('http', 'ws')}${path}/websocket`,
      { headers: auth },
    );
    const messages: Array<Record<string, unknown>> = [];
    const binary: Uint8Array[] = [];
    const order: Array<string | number> = [];
    let closedByClient = false;
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve({
          messages,
          binary,
          order,
          refused: { status: response.statusCode ?? 0, body },
        }),
      );
    });
    socket.on('open', () => {
      for (const frame of frames) socket.send(frame);
    });
    socket.on('message', (data, isBinary) => {
      const bytes = new Uint8Array(data as Buffer);
      if (isBinary) {
        binary.push(bytes);
        order.push(bytes.length);
      } else {
        const message = JSON.parse(
          Buffer.from(bytes).toString('utf8'),
        ) as Record<string, unknown>;
        messages.push(message);
        order.push(String(message.type));
      }
      if (!closedByClient && until(messages)) {
        closedByClient = true;
        socket.close(1000);
      }
    });
    socket.on('error', () => {});
    socket.on('close', code =>
      resolve({
        messages,
        binary,
        order,
        close: { code, by: closedByClient ? 'client' : 'server' },
      }),
    );
  });
}

const flushed = (messages: Array<Record<string, unknown>>) =>
  messages.some(message => message.is_end_of_audio_flush === true);

/** Qwen3-TTS speech of `text` as the emulator streams it (24 kHz PCM), from a raw session. */
async function ttsAudio(text: string): Promise<Uint8Array> {
  const outcome = await converse(TTS, [
    json(ttsConfigFixture),
    json({ type: 'input.text', text }),
    json({ type: 'input.done' }),
  ]);
  return concat(...outcome.binary);
}

describe('the Qwen3 audio rule', () => {
  it('Qwen3-TTS speech transcribes back to its text at 24 kHz and after resampling to 16 kHz, one phrase per sentence', () => {
    const pcm = concat(
      qwen3SpeechPCM('Good morning, Marta.'),
      qwen3SpeechPCM('Is the Lisbon office open?'),
    );
    expect(wordsOf(transcribeQwen3Audio(pcm, 24_000))).toEqual([
      'Good morning, Marta.',
      'Is the Lisbon office open?',
    ]);
    const phrases = transcribeQwen3Audio(resample(pcm, 24_000, 16_000), 16_000);
    expect(wordsOf(phrases)).toEqual([
      'Good morning, Marta.',
      'Is the Lisbon office open?',
    ]);
    // 0.4 s a word, from the start of each sentence's audio (the first lasts 1.2 s)
    expect(phrases[1][0]).toEqual({ text: 'Is', start: 1.2, end: 1.6 });
  });

  it('gives the same words however the bytes are split (odd splits included)', () => {
    const pcm = resample(qwen3SpeechPCM('one two three. four'), 24_000, 16_000);
    for (const size of [1, 3, 333, 3200, 7777]) {
      const decoder = new Qwen3AudioDecoder(16_000);
      const events = [];
      for (let at = 0; at < pcm.length; at += size)
        events.push(...decoder.push(pcm.subarray(at, at + size)));
      events.push(...decoder.end());
      expect(
        events
          .filter(event => event.type === 'final')
          .map(event => event.words.map(word => word.text).join(' ')),
      ).toEqual(['one two three.', 'four']);
    }
  });

  it('other audio (no marker first) is read by the older rule: its own low-bit speech, or a word per sound', () => {
    expect(
      wordsOf(
        transcribeQwen3Audio(emulatorSpeechPCM('Hello there.', 16_000), 16_000),
      ),
    ).toEqual(['Hello there.']);
    const noise = new Uint8Array(12_800);
    new DataView(noise.buffer).setInt16(0, 1200, true);
    for (const word of transcribeQwen3Audio(noise, 16_000).flat())
      expect(EMULATOR_WORDS).toContain(word.text);
    expect(transcribeQwen3Audio(new Uint8Array(32_000), 16_000)).toEqual([]);
  });
});

describe('Qwen3-ASR streaming (…/websocket, "Deploy Streaming")', () => {
  it('transcribes its own Qwen3-TTS audio: JSON appends of 16 kHz base64 PCM16, partials replace, the commit answers a final with is_end_of_audio_flush', async () => {
    const speech = await ttsAudio('Hello Marta. See you at nine.');
    const pcm16k = resample(speech, 24_000, 16_000);
    const outcome = await converse(
      ASR,
      [
        HANDSHAKE,
        ...appends(pcm16k),
        json({ type: 'input_audio_buffer.commit' }),
      ],
      flushed,
    );
    const transcripts = outcome.messages.map(message => [
      message.is_final,
      (message.segments as Array<{ text: string }>).map(s => s.text).join(' '),
    ]);
    // the VAD closes each sentence's turn; the commit then flushes an empty turn
    expect(transcripts).toEqual([
      [false, 'Hello'],
      [true, 'Hello Marta.'],
      [false, 'See'],
      [false, 'See you'],
      [false, 'See you at'],
      [true, 'See you at nine.'],
      [true, ''],
    ]);
    expect(outcome.messages.at(-2)).toEqual({
      type: 'transcription',
      is_final: true,
      transcription_num: 2,
      language_code: 'English',
      language_prob: null,
      audio_length_sec: pcm16k.length / 2 / 16_000,
      segments: [{ start_time: 0.8, end_time: 2.4, text: 'See you at nine.' }],
    });
    expect(outcome.messages.at(-1)).toEqual({
      type: 'transcription',
      is_final: true,
      transcription_num: 3,
      language_code: 'English',
      language_prob: null,
      audio_length_sec: pcm16k.length / 2 / 16_000,
      segments: [],
      is_end_of_audio_flush: true,
    });
    // the server never closes: the client did
    expect(outcome.close?.by).toBe('client');
  });

  it('a binary frame is refused with an error message; the session goes on, and a commit with nothing buffered answers an empty final', async () => {
    const outcome = await converse(
      ASR,
      [
        HANDSHAKE,
        new Uint8Array(3200),
        json({ type: 'input_audio_buffer.commit' }),
      ],
      flushed,
    );
    expect(outcome.messages[0]).toEqual({
      type: 'error',
      message:
        'Binary frames are not accepted: send audio as {"type": "input_audio_buffer.append", "audio": "<base64 PCM16, 16 kHz mono>"}.',
    });
    expect(outcome.messages[1]).toMatchObject({
      type: 'transcription',
      is_final: true,
      segments: [],
      is_end_of_audio_flush: true,
    });
  });

  it('refuses a handshake with language codes, other rates or unknown fields, and appends before a handshake', async () => {
    const handshakes = [
      { whisper_params: { audio_language: 'en' } },
      { streaming_params: { sample_rate: 24_000 } },
      { streaming_params: { encoding: 'pcm_mulaw' } },
      { whisper_params: { language: 'English' } },
    ];
    for (const handshake of handshakes) {
      const outcome = await converse(ASR, [json(handshake)], m => m.length > 0);
      expect(outcome.messages[0].type).toBe('error');
    }
    const early = await converse(
      ASR,
      [
        json({
          type: 'input_audio_buffer.append',
          audio: base64(new Uint8Array(4)),
        }),
      ],
      m => m.length > 0,
    );
    expect(early.messages[0]).toEqual({
      type: 'error',
      message:
        'The first message must be the session handshake (whisper_params, streaming_params, streaming_vad_config).',
    });
  });

  it('a commit flushes a phrase the audio left open: its final carries is_end_of_audio_flush', async () => {
    const pcm16k = resample(
      qwen3SpeechPCM('Until Thursday then'),
      24_000,
      16_000,
    );
    const outcome = await converse(
      ASR,
      [
        HANDSHAKE,
        ...appends(pcm16k),
        json({ type: 'input_audio_buffer.commit' }),
      ],
      flushed,
    );
    expect(outcome.messages.filter(m => m.is_final)).toEqual([
      expect.objectContaining({
        segments: [
          { start_time: 0, end_time: 1.2, text: 'Until Thursday then' },
        ],
        is_end_of_audio_flush: true,
      }),
    ]);
  });

  it('a forced language name is the language_code; word timestamps only on a deployment with the aligner', async () => {
    const pcm16k = resample(qwen3SpeechPCM('Bom dia.'), 24_000, 16_000);
    const handshake = json({
      whisper_params: {
        audio_language: 'portuguese',
        show_word_timestamps: true,
      },
    });
    const frames = [
      handshake,
      ...appends(pcm16k),
      json({ type: 'input_audio_buffer.commit' }),
    ];
    const plain = await converse(ASR, frames, flushed);
    const aligned = await converse(ASR_WORDS, frames, flushed);
    const heard = (outcome: Conversation) =>
      outcome.messages.find(
        m => m.is_final === true && (m.segments as unknown[]).length > 0,
      );
    expect(heard(plain)).toMatchObject({
      language_code: 'Portuguese',
      segments: [{ start_time: 0, end_time: 0.8, text: 'Bom dia.' }],
    });
    expect(
      (heard(plain)?.segments as Array<Record<string, unknown>>)[0],
    ).not.toHaveProperty('word_timestamps');
    expect(heard(aligned)?.segments).toEqual([
      {
        start_time: 0,
        end_time: 0.8,
        text: 'Bom dia.',
        word_timestamps: [
          { word: 'Bom', start_time: 0, end_time: 0.4, prob: 0.98 },
          { word: 'dia.', start_time: 0.4, end_time: 0.8, prob: 0.98 },
        ],
      },
    ]);
  });

  it('times run on across turns; a second commit in a row answers an extra, empty turn', async () => {
    const pcm16k = resample(qwen3SpeechPCM('One.'), 24_000, 16_000);
    const commit = json({ type: 'input_audio_buffer.commit' });
    const outcome = await converse(
      ASR,
      [
        HANDSHAKE,
        ...appends(pcm16k),
        commit,
        ...appends(pcm16k),
        commit,
        commit,
      ],
      m => m.filter(message => message.is_end_of_audio_flush).length === 3,
    );
    const finals = outcome.messages.filter(m => m.is_final);
    expect(
      finals.map(m => [m.segments, m.is_end_of_audio_flush ?? false]),
    ).toEqual([
      [[{ start_time: 0, end_time: 0.4, text: 'One.' }], false],
      [[], true],
      [[{ start_time: 0.4, end_time: 0.8, text: 'One.' }], false],
      [[], true],
      [[], true],
    ]);
  });

  it('fault injection: a refused upgrade answers HTTP; close-code ends the session after N messages', async () => {
    emulator.faults.enqueue({ status: 503 }, { path: `${ASR}/websocket` });
    const refused = await converse(ASR, [HANDSHAKE]);
    expect(refused.refused?.status).toBe(503);
    emulator.faults.enqueue(
      { closeCode: 1011, dropAfterChunks: 1 },
      { path: `${ASR}/websocket` },
    );
    const pcm16k = resample(qwen3SpeechPCM('One two three.'), 24_000, 16_000);
    const cut = await converse(ASR, [HANDSHAKE, ...appends(pcm16k)]);
    expect(cut.messages).toHaveLength(1);
    expect(cut.close).toEqual({ code: 1011, by: 'server' });
  });

  it('a batch deployment serves no WebSocket', async () => {
    const outcome = await converse(ASR_BATCH, [HANDSHAKE]);
    expect(outcome.refused).toEqual({
      status: 404,
      body: '{"detail":"Not Found"}',
    });
  });
});

async function upload(
  path: string,
  fields: Record<string, string | Blob>,
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return fetch(`${emulator.origin}${path}/sync/v1/audio/transcriptions`, {
    method: 'POST',
    headers: auth,
    body: form,
  });
}

describe('Qwen3-ASR batch (…/sync/v1)', () => {
  it('the upload route transcribes a WAV of its Qwen3-TTS speech, as vLLM answers: text and duration usage', async () => {
    const wav = encodeWav(
      await ttsAudio('Thanks for calling. Marta will be back.'),
      24_000,
    );
    const response = await upload(ASR_BATCH, {
      file: new Blob([new Uint8Array(wav)], { type: 'audio/wav' }),
      language: 'en',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-baseten-request-id')).toBeTruthy();
    expect(await response.json()).toEqual({
      text: 'Thanks for calling. Marta will be back.',
      usage: { type: 'duration', seconds: 3 },
    });
  });

  it('refuses a model it does not serve (404, vLLM envelope), a language name, and a form without a file', async () => {
    const file = new Blob([
      new Uint8Array(encodeWav(qwen3SpeechPCM('Hi.'), 24_000)),
    ]);
    const wrongModel = await upload(ASR_BATCH, { file, model: 'whisper-1' });
    expect(wrongModel.status).toBe(404);
    expect(await wrongModel.json()).toEqual({
      error: {
        message: 'The model `whisper-1` does not exist.',
        type: 'NotFoundError',
        param: 'model',
        code: 404,
      },
    });
    const served = await upload(ASR_BATCH, {
      file,
      model: 'Qwen/Qwen3-ASR-1.7B',
    });
    expect(served.status).toBe(200);
    const name = await upload(ASR_BATCH, { file, language: 'English' });
    expect(name.status).toBe(400);
    const noFile = await upload(ASR_BATCH, { language: 'en' });
    expect(noFile.status).toBe(422);
  });

  it('the chat route answers the raw model output with the language prefix; the older preset has no upload route', async () => {
    const wav = encodeWav(qwen3SpeechPCM('Bis morgen.'), 24_000);
    const missing = await upload(ASR_CHAT, {
      file: new Blob([new Uint8Array(wav)]),
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Not Found' });
    const chat = await fetch(
      `${emulator.origin}${ASR_CHAT}/sync/v1/chat/completions`,
      {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: json({
          messages: [
            {
              role: 'user',
              content: [
                {
                  type: 'audio_url',
                  audio_url: { url: `data:audio/wav;base64,${base64(wav)}` },
                },
              ],
            },
          ],
        }),
      },
    );
    const body = (await chat.json()) as {
      object: string;
      model: string;
      choices: Array<{ message: { content: string }; finish_reason: string }>;
    };
    expect(body.object).toBe('chat.completion');
    expect(body.model).toBe('Qwen/Qwen3-ASR-1.7B');
    expect(body.choices[0].message.content).toBe(
      'language English<asr_text>Bis morgen.',
    );
    expect(body.choices[0].finish_reason).toBe('stop');
  });

  it('silence through the chat route is "language None"', async () => {
    const wav = encodeWav(new Uint8Array(32_000), 16_000);
    const chat = await fetch(
      `${emulator.origin}${ASR_BATCH}/sync/v1/chat/completions`,
      {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: json({
          model: 'Qwen/Qwen3-ASR-1.7B',
          messages: [
            {
              role: 'user',
              content: [
                {
                  type: 'audio_url',
                  audio_url: { url: `data:audio/wav;base64,${base64(wav)}` },
                },
              ],
            },
          ],
        }),
      },
    );
    const body = (await chat.json()) as {
      choices: Array<{ message: { content: string } }>;
    };
    expect(body.choices[0].message.content).toBe('language None<asr_text>');
  });
});

const TEXT = (text: string) => json({ type: 'input.text', text });
const DONE = json({ type: 'input.done' });
const CONFIG = json(ttsConfigFixture);

describe('Qwen3-TTS streaming (…/websocket)', () => {
  it('speaks each complete sentence as text arrives: audio.start (24 kHz), binary PCM frames, audio.done; input.done speaks the rest, then session.done and a close', async () => {
    const outcome = await converse(TTS, [
      CONFIG,
      TEXT('Hello Mar'),
      TEXT('ta. How are'),
      TEXT(' you'),
      DONE,
    ]);
    const texts = outcome.order.filter(entry => typeof entry === 'string');
    expect(texts).toEqual([
      'audio.start',
      'audio.done',
      'audio.start',
      'audio.done',
      'session.done',
    ]);
    expect(outcome.messages[0]).toEqual({
      type: 'audio.start',
      sentence_index: 0,
      sentence_text: 'Hello Marta.',
      format: 'pcm',
      sample_rate: 24_000,
    });
    const sentenceBytes = qwen3SpeechPCM('Hello Marta.').length;
    expect(outcome.messages[1]).toEqual({
      type: 'audio.done',
      sentence_index: 0,
      total_bytes: sentenceBytes,
      error: false,
    });
    expect(outcome.messages[2]).toMatchObject({ sentence_text: 'How are you' });
    expect(outcome.messages[4]).toEqual({
      type: 'session.done',
      total_sentences: 2,
    });
    expect(outcome.close).toEqual({ code: 1000, by: 'server' });
    // its Qwen3-ASR hears the sentences back
    expect(
      wordsOf(transcribeQwen3Audio(concat(...outcome.binary), 24_000)),
    ).toEqual(['Hello Marta.', 'How are you']);
  });

  it('refuses a config that breaks the rules and ends the session', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        { stream_audio: true, response_format: 'wav' },
        /stream_audio=true\) requires response_format='pcm'/,
      ],
      [
        { stream_audio: true, response_format: 'pcm', speed: 1.5 },
        /Speed adjustment is not supported/,
      ],
      [
        { response_format: 'ogg' },
        /^Invalid session config: 1 validation error for StreamingSpeechSessionConfig\nresponse_format/,
      ],
      [
        { model: 'Qwen/Qwen3-TTS-12Hz-0.6B-Base' },
        /The model `Qwen\/Qwen3-TTS-12Hz-0.6B-Base` does not exist/,
      ],
      [
        { timestamp_type: 'word' },
        /^Timestamps requested but no ForcedAligner is loaded/,
      ],
    ];
    for (const [fields, message] of cases) {
      const outcome = await converse(TTS, [
        json({ type: 'session.config', ...fields }),
      ]);
      expect(outcome.messages).toHaveLength(1);
      expect(outcome.messages[0].type).toBe('error');
      expect(outcome.messages[0].message).toMatch(message);
      expect(outcome.close).toEqual({ code: 1000, by: 'server' });
    }
    const notConfig = await converse(TTS, [TEXT('Hi.')]);
    expect(notConfig.messages).toEqual([
      {
        type: 'error',
        message: 'Expected session.config or voice.*, got: input.text',
      },
    ]);
  });

  it('the served model name (or none) is accepted', async () => {
    const outcome = await converse(TTS, [
      json({ ...ttsConfigFixture, model: 'Qwen/Qwen3-TTS-12Hz-1.7B-Base' }),
      TEXT('Ok.'),
      DONE,
    ]);
    expect(outcome.messages.at(-1)).toEqual({
      type: 'session.done',
      total_sentences: 1,
    });
  });

  it('on the Base checkpoint a sentence without a voice or ref_audio + ref_text fails; the session goes on', async () => {
    const outcome = await converse(TTS, [
      json({
        type: 'session.config',
        response_format: 'pcm',
        stream_audio: true,
      }),
      TEXT('One. '),
      json({ type: 'nonsense' }),
      DONE,
    ]);
    expect(outcome.messages).toEqual([
      {
        type: 'audio.start',
        sentence_index: 0,
        sentence_text: 'One.',
        format: 'pcm',
        sample_rate: 24_000,
      },
      {
        type: 'error',
        message:
          "Generation failed for sentence 0: This model does not support CustomVoice task (no speakers configured). Use task_type='Base' with ref_audio/ref_text for voice cloning, or use a CustomVoice model.",
      },
      { type: 'audio.done', sentence_index: 0, total_bytes: 0, error: true },
      { type: 'error', message: 'Unknown message type: nonsense' },
      { type: 'session.done', total_sentences: 1 },
    ]);
    const noText = await converse(TTS, [
      json({
        type: 'session.config',
        task_type: 'Base',
        ref_audio: 'data:audio/wav;base64,AAAA',
      }),
      TEXT('Two.'),
      DONE,
    ]);
    expect(noText.messages[1].message).toBe(
      "Generation failed for sentence 0: Base task requires non-empty 'ref_text' (transcript of the reference audio) unless 'x_vector_only_mode' is enabled",
    );
  });

  it('language takes names, not codes', async () => {
    const outcome = await converse(TTS, [
      json({ ...ttsConfigFixture, language: 'en' }),
      TEXT('Hi.'),
      DONE,
    ]);
    expect(outcome.messages[1].message).toBe(
      "Generation failed for sentence 0: Invalid language 'en'. Supported: Auto, Chinese, English, French, German, Italian, Japanese, Korean, Portuguese, Russian, Spanish",
    );
  });

  it('a binary frame ends the session with the server handler error', async () => {
    const outcome = await converse(TTS, [CONFIG, new Uint8Array(4)]);
    expect(outcome.messages).toEqual([
      { type: 'error', message: "Internal error: 'text'" },
    ]);
    expect(outcome.close?.by).toBe('server');
  });

  it('no session.config within the config timeout, or no message within the idle timeout, ends the session', async () => {
    const late = await converse(TTS_QUICK, []);
    expect(late.messages).toEqual([
      { type: 'error', message: 'Timeout waiting for session.config' },
    ]);
    expect(late.close).toEqual({ code: 1000, by: 'server' });
    const idle = await converse(TTS_QUICK, [CONFIG, TEXT('Wait')]);
    expect(idle.messages).toEqual([
      { type: 'error', message: 'Idle timeout: no message received' },
    ]);
  });

  it('voice.add (a 1–30 s clip) then a session with that voice; voice.list and voice.remove; clips out of range are refused', async () => {
    const clip = encodeWav(new Uint8Array(2 * 24_000 * 2), 24_000);
    const short = encodeWav(new Uint8Array(24_000), 24_000);
    const add = (name: string, audio: Uint8Array) =>
      json({
        type: 'voice.add',
        name,
        consent: 'consent-0412',
        audio_data: base64(audio),
        audio_format: 'wav',
        ref_text: 'My voice.',
      });
    const outcome = await converse(TTS, [
      add('Marta', clip),
      add('Tiny', short),
      json({ type: 'voice.list' }),
      json({
        type: 'session.config',
        voice: 'marta',
        response_format: 'pcm',
        stream_audio: true,
      }),
      TEXT('Olá.'),
      DONE,
    ]);
    expect(outcome.messages[0]).toMatchObject({
      type: 'voice.add.result',
      success: true,
      voice: {
        name: 'Marta',
        consent: 'consent-0412',
        mime_type: 'audio/wav',
        file_size: clip.length,
        ref_text: 'My voice.',
      },
    });
    expect(outcome.messages[1]).toEqual({
      type: 'voice.add.result',
      success: false,
      error:
        'Reference audio too short (0.5s). At least 1s of clear speech is required.',
    });
    expect(outcome.messages[2]).toMatchObject({
      type: 'voice.list.result',
      voices: ['marta'],
      uploaded_voices: [
        { name: 'Marta', embedding_source: 'audio', embedding_dim: null },
      ],
    });
    expect(outcome.messages.at(-1)).toEqual({
      type: 'session.done',
      total_sentences: 1,
    });
    expect(outcome.messages.some(m => m.type === 'error')).toBe(false);
    const removed = await converse(
      TTS,
      [
        json({ type: 'voice.remove', name: 'Marta' }),
        json({ type: 'voice.remove', name: 'Marta' }),
      ],
      m => m.length === 2,
    );
    expect(removed.messages).toEqual([
      { type: 'voice.remove.result', success: true, name: 'Marta' },
      {
        type: 'voice.remove.result',
        success: false,
        name: 'Marta',
        error: "Voice 'Marta' not found",
      },
    ]);
  });

  it('a malformed voice.add is an error message, not a result', async () => {
    const outcome = await converse(
      TTS,
      [
        json({ type: 'voice.add', name: 'Nova' }),
        json({ type: 'voice.add', name: 'Nova', consent: 'c-1' }),
      ],
      m => m.length === 2,
    );
    expect(outcome.messages).toEqual([
      { type: 'error', message: "voice.add requires a 'consent' string" },
      {
        type: 'error',
        message:
          "voice.add requires either 'audio_data' (base64) or 'speaker_embedding'",
      },
    ]);
  });

  it('with the aligner: word timestamps on the session timeline, in audio.done (sync) or as timestamps messages before session.done (async)', async () => {
    const frames = (strategy: string) => [
      json({
        ...ttsConfigFixture,
        timestamp_type: 'word',
        timestamp_transport_strategy: strategy,
      }),
      TEXT('Good morning. Bye now.'),
      DONE,
    ];
    const sync = await converse(TTS_ALIGNED, frames('sync'));
    const done = sync.messages.filter(m => m.type === 'audio.done');
    expect(done[1].timestamp_info).toEqual({
      word_alignment: {
        words: ['Bye', 'now.'],
        word_start_times_seconds: [0.8, 1.2],
        word_end_times_seconds: [1.2, 1.6],
      },
    });
    const async = await converse(TTS_ALIGNED, frames('async'));
    expect(async.order.filter(entry => typeof entry === 'string')).toEqual([
      'audio.start',
      'audio.done',
      'audio.start',
      'audio.done',
      'timestamps',
      'timestamps',
      'session.done',
    ]);
    expect(
      async.messages.find(m => m.type === 'audio.done'),
    ).not.toHaveProperty('timestamp_info');
  });

  it('fault injection: drop-after-chunks cuts the socket after N messages', async () => {
    emulator.faults.enqueue(
      { dropAfterChunks: 2 },
      { path: `${TTS}/websocket` },
    );
    const outcome = await converse(TTS, [
      CONFIG,
      TEXT('One. Two. Three.'),
      DONE,
    ]);
    expect(outcome.order).toHaveLength(2);
    expect(outcome.close?.code).toBe(1006);
  });
});

describe('the default deployment keeps its older protocols', () => {
  it('a target not in voiceDeployments still answers Whisper and Orpheus', async () => {
    const response = await fetch(
      `${emulator.origin}/environments/production/predict`,
      {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: json({
          whisper_input: {
            audio: {
              audio_b64: base64(
                encodeWav(emulatorSpeechPCM('Hi.', 16_000), 16_000),
              ),
            },
            whisper_params: {},
          },
        }),
      },
    );
    const body = (await response.json()) as {
      segments: Array<{ text: string }>;
    };
    expect(body.segments[0].text.trim()).toBe('Hi.');
    expect(decodeWav(encodeWav(new Uint8Array(2), 16_000))?.sampleRate).toBe(
      16_000,
    );
  });

  it('a bad voiceDeployments entry is refused when the emulator starts', async () => {
    await expect(
      startBasetenEmulator({ voiceDeployments: { 'models/x': 'qwen3-asr' } }),
    ).rejects.toThrow(/is not a deployment target/);
    await expect(
      startBasetenEmulator({
        // @ts-expect-error: not a protocol
        voiceDeployments: { 'deployment/x': 'qwen3-stt' },
      }),
    ).rejects.toThrow(/unknown protocol "qwen3-stt"/);
  });
});
