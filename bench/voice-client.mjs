// One voice measurement, in a fresh process: `node voice-client.mjs <case> <origin>`.
// Prints one JSON line. "ours" goes through the provider and the `ai` functions;
// "raw" speaks the same protocol to the same server with `ws` or fetch directly.
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import {
  emulatorSpeechPCM,
  emulatorSpeechWAV,
  qwen3SpeechPCM,
} from '../dist/emulator/index.js';
import { QWEN3_ASR_TARGET, QWEN3_TTS_TARGET } from './voice-deployments.mjs';

const [caseName, origin] = process.argv.slice(2);
const KEY = 'bench-key';
const PREDICT = `${origin}/environments/production/predict`;
const WEBSOCKET = `${origin.replace('http', 'ws')}/environments/production/websocket`;
const QWEN3_ASR = `${origin.replace('http', 'ws')}/${QWEN3_ASR_TARGET}/websocket`;
const QWEN3_TTS = `${origin.replace('http', 'ws')}/${QWEN3_TTS_TARGET}/websocket`;
const ITERATIONS = Number(process.env.VOICE_ITERATIONS ?? 30);
// enough calls for the JIT to settle: ours runs far more code than the raw client
const WARMUP = 15;
const headers = { authorization: `Bearer ${KEY}` };

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function provider() {
  const { createBaseten } = await import('../dist/index.js');
  return modelURL => createBaseten({ apiKey: KEY, modelURL });
}

/** 0.8 s of speech at 16 kHz, in 100 ms frames. */
const SPEECH_16K = emulatorSpeechPCM('hello there', 16_000);
const FRAMES = Array.from({ length: SPEECH_16K.length / 3200 }, (_, i) =>
  SPEECH_16K.subarray(i * 3200, (i + 1) * 3200),
);
const METADATA = JSON.stringify({
  whisper_params: {},
  streaming_params: {
    encoding: 'pcm_s16le',
    sample_rate: 16_000,
    enable_partial_transcripts: true,
  },
});

/** Timings of `once` (milliseconds to a first part or message), after a warm-up. */
async function firstPartial(once) {
  const times = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const ms = await once();
    if (i >= WARMUP) times.push(ms);
  }
  return {
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
  };
}

async function ttfpOurs() {
  const { experimental_streamTranscribe: streamTranscribe } =
    await import('ai');
  const model = (await provider())(WEBSOCKET).transcription();
  return firstPartial(async () => {
    const start = performance.now();
    const audio = new ReadableStream({
      start(controller) {
        for (const frame of FRAMES) controller.enqueue(frame);
        controller.close();
      },
    });
    const result = streamTranscribe({
      model,
      audio,
      inputAudioFormat: { type: 'audio/pcm', rate: 16_000 },
      // the raw client sends as fast as it can too: the provider's cost, not the audio's length
      providerOptions: { baseten: { realTimePacing: false } },
    });
    return msToFirstPart(result.fullStream, start, 'transcript-partial');
  });
}

/** Milliseconds from `start` to the first part of `type`; reads the stream to its end. */
async function msToFirstPart(fullStream, start, type) {
  let first;
  for await (const part of fullStream) {
    if (part.type === type && first === undefined)
      first = performance.now() - start;
  }
  return first;
}

// Whisper leaves the socket open after end_audio's `finished`: the client closes it
const whisperFinished = (data, isBinary) =>
  !isBinary && data.toString('utf8').includes('"finished"');

/**
 * Milliseconds from connecting a raw `ws` session (`send` sends its frames on open) to the first
 * message `matches`, once the session is over: the client closes it (1000) on the message `ends`
 * matches, as the provider does, or the server does.
 */
function msToFirstRawMessage(
  send,
  matches,
  { url = WEBSOCKET, ends = whisperFinished } = {},
) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let first;
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => send(socket));
    socket.on('message', (data, isBinary) => {
      if (matches(data, isBinary) && first === undefined)
        first = performance.now() - start;
      if (ends(data, isBinary)) socket.close(1000);
    });
    socket.on('close', () => resolve(first));
    socket.on('error', reject);
  });
}

function ttfpRaw() {
  return firstPartial(() =>
    msToFirstRawMessage(
      socket => {
        socket.send(METADATA);
        // frames of 512 samples, as the provider (and the streaming docs' clients) send them
        for (let at = 0; at < SPEECH_16K.length; at += 1024)
          socket.send(SPEECH_16K.subarray(at, at + 1024));
        socket.send(JSON.stringify({ type: 'end_audio' }));
      },
      data => JSON.parse(data.toString('utf8')).is_final === false,
    ),
  );
}

/** Qwen3 speech the emulator's Qwen3-ASR hears (0.8 s at 16 kHz), in 100 ms frames as above. */
const QWEN3_SPEECH_16K = qwen3SpeechPCM('Hello there.', 16_000);
const QWEN3_FRAMES = Array.from(
  { length: QWEN3_SPEECH_16K.length / 3200 },
  (_, i) => QWEN3_SPEECH_16K.subarray(i * 3200, (i + 1) * 3200),
);

async function ttfpQwen3Ours() {
  const { experimental_streamTranscribe: streamTranscribe } =
    await import('ai');
  const model = (await provider())(QWEN3_ASR).transcriptionModel('qwen3-asr');
  return firstPartial(async () => {
    const start = performance.now();
    const audio = new ReadableStream({
      start(controller) {
        for (const frame of QWEN3_FRAMES) controller.enqueue(frame);
        controller.close();
      },
    });
    // Qwen3-ASR is not paced: the audio goes out as fast as the socket takes it
    const result = streamTranscribe({
      model,
      audio,
      inputAudioFormat: { type: 'audio/pcm', rate: 16_000 },
    });
    return msToFirstPart(result.fullStream, start, 'transcript-partial');
  });
}

/** The handshake the provider sends by default (Qwen3's defaults under the Whisper block names). */
const QWEN3_HANDSHAKE = JSON.stringify({
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

function ttfpQwen3Raw() {
  return firstPartial(() =>
    msToFirstRawMessage(
      socket => {
        socket.send(QWEN3_HANDSHAKE);
        // encoded as it is sent, as a client of live audio must
        for (const frame of QWEN3_FRAMES) socket.send(qwen3Append(frame));
        socket.send(JSON.stringify({ type: 'input_audio_buffer.commit' }));
      },
      (data, isBinary) => {
        if (isBinary) return false;
        const message = JSON.parse(data.toString('utf8'));
        return message.type === 'transcription' && message.is_final === false;
      },
      {
        url: QWEN3_ASR,
        // the server never closes: the client does after the final that answers the commit
        ends: (data, isBinary) =>
          !isBinary &&
          JSON.parse(data.toString('utf8')).is_end_of_audio_flush === true,
      },
    ),
  );
}

const qwen3Append = pcm =>
  JSON.stringify({
    type: 'input_audio_buffer.append',
    audio: Buffer.from(pcm).toString('base64'),
  });

/**
 * A bare streaming model whose `doStream` is the raw client's session, parts from its messages:
 * `ai`'s stream function around it is the least any provider can cost through `ai`.
 */
function bareStreamModel({ modelId, url, start, message }) {
  return {
    specificationVersion: 'v4',
    provider: 'bare',
    modelId,
    async doGenerate() {
      throw new Error('the bare model only streams');
    },
    async doStream(call) {
      let parts;
      const stream = new ReadableStream({ start: c => void (parts = c) });
      parts.enqueue({ type: 'stream-start', warnings: [] });
      const socket = new WebSocket(url, { headers });
      socket.on('open', () => start(socket, call));
      socket.on('message', (data, isBinary) =>
        message(data, isBinary, parts, socket),
      );
      socket.on('error', error => parts.error(error));
      return { stream };
    },
  };
}

async function ttfpQwen3AiBare() {
  const { experimental_streamTranscribe: streamTranscribe } =
    await import('ai');
  const finals = [];
  const model = bareStreamModel({
    modelId: 'qwen3-asr',
    url: QWEN3_ASR,
    async start(socket, { audio }) {
      socket.send(QWEN3_HANDSHAKE);
      for await (const pcm of audio) socket.send(qwen3Append(pcm));
      socket.send(JSON.stringify({ type: 'input_audio_buffer.commit' }));
    },
    message(data, _isBinary, parts, socket) {
      const message = JSON.parse(data.toString('utf8'));
      if (message.type !== 'transcription') return;
      const text = message.segments.map(segment => segment.text).join(' ');
      if (!message.is_final)
        return parts.enqueue({ type: 'transcript-partial', text });
      if (text !== '') {
        finals.push(text);
        parts.enqueue({ type: 'transcript-final', text });
      }
      if (message.is_end_of_audio_flush === true) {
        parts.enqueue({
          type: 'finish',
          text: finals.splice(0).join(' '),
          segments: [],
        });
        parts.close();
        socket.close(1000);
      }
    },
  });
  return firstPartial(async () => {
    const start = performance.now();
    const audio = new ReadableStream({
      start(controller) {
        for (const frame of QWEN3_FRAMES) controller.enqueue(frame);
        controller.close();
      },
    });
    const result = streamTranscribe({
      model,
      audio,
      inputAudioFormat: { type: 'audio/pcm', rate: 16_000 },
    });
    return msToFirstPart(result.fullStream, start, 'transcript-partial');
  });
}

const WAV = emulatorSpeechWAV('short file', 16_000);
// 200 files is the measure; the breakdown runs more, after more warm-up
const FILES = Number(process.env.VOICE_BATCH_FILES ?? 200);
const BATCH_WARMUP = Number(process.env.VOICE_BATCH_WARMUP ?? 1);
const IN_FLIGHT = 100;

async function pool(run) {
  let next = 0;
  const worker = async () => {
    while (next < FILES) {
      next += 1;
      await run();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

async function batch(run) {
  for (let i = 0; i < BATCH_WARMUP; i++) await run();
  const cpu = cpuMs();
  const wall = performance.now();
  await pool(run);
  return {
    cpuMsPerFile: (cpuMs() - cpu) / FILES,
    wallMs: performance.now() - wall,
  };
}

async function batchOurs() {
  const { transcribe } = await import('ai');
  const model = (await provider())(PREDICT).transcription();
  return batch(async () => {
    const { text } = await transcribe({ model, audio: WAV, maxRetries: 0 });
    if (text !== 'short file')
      throw new Error(`unexpected transcript: ${text}`);
  });
}

// The model's doGenerate without `ai` around it: what `transcribe` adds is the difference.
async function batchModel() {
  const model = (await provider())(PREDICT).transcription();
  return batch(async () => {
    const { text } = await model.doGenerate({
      audio: WAV,
      mediaType: 'audio/wav',
    });
    if (text !== 'short file')
      throw new Error(`unexpected transcript: ${text}`);
  });
}

// The raw loop's request through provider-utils' postJsonToApi (which the provider uses):
// what it adds to fetch, and what the provider adds to it.
async function batchPostJsonToApi() {
  const { postJsonToApi } = await import('@ai-sdk/provider-utils');
  const failedResponseHandler = async ({ response }) => {
    throw new Error(`HTTP ${response.status}`);
  };
  const successfulResponseHandler = async ({ response }) => ({
    value: await response.json(),
  });
  return batch(async () => {
    const audio = { audio_b64: Buffer.from(WAV).toString('base64') };
    const { value } = await postJsonToApi({
      url: PREDICT,
      headers,
      body: { whisper_input: { audio, whisper_params: {} } },
      failedResponseHandler,
      successfulResponseHandler,
    });
    const text = value.segments.map(segment => segment.text.trim()).join(' ');
    if (text !== 'short file')
      throw new Error(`unexpected transcript: ${text}`);
  });
}

// One raw request: the file encoded as it is sent, as a loop over different files must.
async function rawTranscript(audioBytes) {
  const audio = { audio_b64: Buffer.from(audioBytes).toString('base64') };
  const body = JSON.stringify({
    whisper_input: { audio, whisper_params: {} },
  });
  const response = await fetch(PREDICT, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  const json = await response.json();
  return json.segments.map(segment => segment.text.trim()).join(' ');
}

async function batchRaw() {
  return batch(async () => {
    const text = await rawTranscript(WAV);
    if (text !== 'short file')
      throw new Error(`unexpected transcript: ${text}`);
  });
}

// `ai`'s transcribe around a bare model whose doGenerate is the raw request: the least any
// provider can cost through `ai`.
async function batchAiBare() {
  const { transcribe } = await import('ai');
  const model = {
    specificationVersion: 'v4',
    provider: 'bare',
    modelId: 'whisper',
    async doGenerate({ audio }) {
      const text = await rawTranscript(audio);
      return {
        text,
        segments: [],
        language: undefined,
        durationInSeconds: undefined,
        warnings: [],
        response: { timestamp: new Date(), modelId: 'whisper' },
      };
    },
  };
  return batch(async () => {
    const { text } = await transcribe({ model, audio: WAV, maxRetries: 0 });
    if (text !== 'short file')
      throw new Error(`unexpected transcript: ${text}`);
  });
}

/** Heap and RSS at 10 %, 50 % and 100 % of a long stream. */
function memoryProbe() {
  const samples = {};
  return {
    at(fraction) {
      samples[`heapMB@${Math.round(fraction * 100)}%`] = +(
        process.memoryUsage().heapUsed /
        2 ** 20
      ).toFixed(1);
    },
    done: extra => ({
      ...samples,
      maxRssMB: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
      ...extra,
    }),
  };
}

async function stream10minOurs() {
  const { experimental_streamTranscribe: streamTranscribe } =
    await import('ai');
  const model = (await provider())(WEBSOCKET).transcription();
  const seconds = 600;
  const frame = emulatorSpeechPCM(
    'one two three four five six seven eight nine ten',
    16_000,
  ).subarray(0, 32_000);
  const probe = memoryProbe();
  let sent = 0;
  const checkpoints = new Set([60, 300, 600]);
  const audio = new ReadableStream(
    {
      pull(controller) {
        if (sent === seconds) return controller.close();
        sent += 1;
        if (checkpoints.has(sent)) probe.at(sent / seconds);
        controller.enqueue(frame.slice());
      },
    },
    { highWaterMark: 0 },
  );
  const start = performance.now();
  const result = streamTranscribe({
    model,
    audio,
    inputAudioFormat: { type: 'audio/pcm', rate: 16_000 },
    // ten minutes of audio as fast as the socket takes it (paced, it would take ten minutes)
    providerOptions: { baseten: { realTimePacing: false } },
  });
  let finals = 0;
  for await (const part of result.fullStream)
    if (part.type === 'transcript-final') finals += 1;
  return probe.done({
    audioSeconds: seconds,
    finals,
    wallMs: Math.round(performance.now() - start),
  });
}

async function stream10minQwen3Ours() {
  const { experimental_streamTranscribe: streamTranscribe } =
    await import('ai');
  const model = (await provider())(QWEN3_ASR).transcriptionModel('qwen3-asr');
  const seconds = 600;
  // one 4 s sentence (ten words, a final each), sent a second at a time, back to back
  const sentence = qwen3SpeechPCM(
    'one two three four five six seven eight nine ten.',
    16_000,
  );
  const secondBytes = 32_000;
  const probe = memoryProbe();
  let sent = 0;
  const checkpoints = new Set([60, 300, 600]);
  const audio = new ReadableStream(
    {
      pull(controller) {
        if (sent === seconds) return controller.close();
        const at = (sent * secondBytes) % sentence.length;
        sent += 1;
        if (checkpoints.has(sent)) probe.at(sent / seconds);
        controller.enqueue(sentence.slice(at, at + secondBytes));
      },
    },
    { highWaterMark: 0 },
  );
  const start = performance.now();
  const result = streamTranscribe({
    model,
    audio,
    inputAudioFormat: { type: 'audio/pcm', rate: 16_000 },
  });
  let finals = 0;
  let partials = 0;
  for await (const part of result.fullStream) {
    if (part.type === 'transcript-final') finals += 1;
    if (part.type === 'transcript-partial') partials += 1;
    if (part.type === 'error') throw part.error;
  }
  return probe.done({
    audioSeconds: seconds,
    finals,
    partials,
    wallMs: Math.round(performance.now() - start),
  });
}

const SPOKEN = 'Hello there.';

async function ttfaOurs(modelURL) {
  const { experimental_streamSpeech: streamSpeech } = await import('ai');
  const model = (await provider())(modelURL).speech();
  return firstPartial(async () => {
    const start = performance.now();
    const result = streamSpeech({ model, text: SPOKEN });
    return msToFirstPart(result.fullStream, start, 'audio');
  });
}

function ttfaRawWebSocket() {
  return firstPartial(() =>
    msToFirstRawMessage(
      socket => {
        // what the provider sends: the metadata, one word a frame, two whitespace frames, __END__
        socket.send(JSON.stringify({ voice: 'tara', buffer_size: 10 }));
        for (const word of SPOKEN.split(' ')) socket.send(word);
        socket.send(' ');
        socket.send(' ');
        socket.send('__END__');
      },
      (_data, isBinary) => isBinary,
    ),
  );
}

function ttfaRawPredict() {
  return firstPartial(async () => {
    const start = performance.now();
    const response = await fetch(PREDICT, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: SPOKEN, voice: 'tara' }),
    });
    let first;
    for await (const chunk of response.body)
      if (first === undefined && chunk.length > 0)
        first = performance.now() - start;
    return first;
  });
}

/** A voice to clone: 2 s of 16 kHz speech as a WAV file (64 KB), and its words. */
const REFERENCE_AUDIO = emulatorSpeechWAV('my voice sounds like this', 16_000);
const REFERENCE_TEXT = 'My voice sounds like this.';

async function ttfaQwen3Ours() {
  const { experimental_streamSpeech: streamSpeech } = await import('ai');
  const model = (await provider())(QWEN3_TTS).speechModel('qwen3-tts');
  return firstPartial(async () => {
    const start = performance.now();
    const result = streamSpeech({
      model,
      text: SPOKEN,
      providerOptions: QWEN3_TTS_OPTIONS,
    });
    return msToFirstPart(result.fullStream, start, 'audio');
  });
}

/** The session.config the provider sends for the Qwen3-TTS call above, the audio encoded per call. */
const qwen3TTSConfig = (audio = REFERENCE_AUDIO, text = REFERENCE_TEXT) =>
  JSON.stringify({
    type: 'session.config',
    task_type: 'Base',
    response_format: 'pcm',
    stream_audio: true,
    ref_audio: `data:audio/wav;base64,${Buffer.from(audio).toString('base64')}`,
    ref_text: text,
  });

const QWEN3_TTS_OPTIONS = {
  baseten: { referenceAudio: REFERENCE_AUDIO, referenceText: REFERENCE_TEXT },
};

async function ttfaQwen3AiBare() {
  const { experimental_streamSpeech: streamSpeech } = await import('ai');
  const model = bareStreamModel({
    modelId: 'qwen3-tts',
    url: QWEN3_TTS,
    async start(socket, { text, providerOptions }) {
      // the same call as ours: the voice to clone comes through `ai` in providerOptions
      const { referenceAudio, referenceText } = providerOptions.baseten;
      socket.send(qwen3TTSConfig(referenceAudio, referenceText));
      for await (const part of text)
        socket.send(JSON.stringify({ type: 'input.text', text: part.text }));
      socket.send(JSON.stringify({ type: 'input.done' }));
    },
    message(data, isBinary, parts, socket) {
      if (isBinary)
        return parts.enqueue({
          type: 'audio',
          audio: new Uint8Array(data),
          audioFormat: { type: 'audio/pcm', rate: 24_000 },
        });
      if (JSON.parse(data.toString('utf8')).type !== 'session.done') return;
      parts.enqueue({ type: 'finish' });
      parts.close();
      socket.close(1000);
    },
  });
  return firstPartial(async () => {
    const start = performance.now();
    const result = streamSpeech({
      model,
      text: SPOKEN,
      providerOptions: QWEN3_TTS_OPTIONS,
    });
    return msToFirstPart(result.fullStream, start, 'audio');
  });
}

function ttfaQwen3Raw() {
  return firstPartial(() =>
    msToFirstRawMessage(
      socket => {
        socket.send(qwen3TTSConfig());
        socket.send(JSON.stringify({ type: 'input.text', text: SPOKEN }));
        socket.send(JSON.stringify({ type: 'input.done' }));
      },
      (_data, isBinary) => isBinary,
      {
        url: QWEN3_TTS,
        ends: (data, isBinary) =>
          !isBinary &&
          JSON.parse(data.toString('utf8')).type === 'session.done',
      },
    ),
  );
}

async function speech10minOurs() {
  const { experimental_streamSpeech: streamSpeech } = await import('ai');
  const model = (await provider())(WEBSOCKET).speech();
  const words = 1500; // 0.4 s a word: ten minutes of audio
  const probe = memoryProbe();
  let sentWords = 0;
  const text = new ReadableStream(
    {
      pull(controller) {
        if (sentWords === words) return controller.close();
        sentWords += 1;
        controller.enqueue(`word${sentWords % 97} `);
      },
    },
    { highWaterMark: 0 },
  );
  const start = performance.now();
  const result = streamSpeech({
    model,
    text,
    providerOptions: { baseten: { bufferSize: 10 } },
  });
  const totalBytes = words * 0.4 * 24_000 * 2;
  const checkpoints = [0.1, 0.5, 1];
  let bytes = 0;
  for await (const part of result.fullStream) {
    if (part.type !== 'audio') continue;
    bytes += part.audio.length;
    while (checkpoints.length > 0 && bytes >= checkpoints[0] * totalBytes)
      probe.at(checkpoints.shift());
  }
  return probe.done({
    audioSeconds: bytes / 48_000,
    wallMs: Math.round(performance.now() - start),
  });
}

const CASES = {
  'ttfp:ours': ttfpOurs,
  'ttfp:raw': ttfpRaw,
  'ttfp-qwen3:ours': ttfpQwen3Ours,
  'ttfp-qwen3:raw': ttfpQwen3Raw,
  'ttfp-qwen3:ai-bare': ttfpQwen3AiBare,
  'stream10min-qwen3:ours': stream10minQwen3Ours,
  'ttfa-qwen3:ours': ttfaQwen3Ours,
  'ttfa-qwen3:raw': ttfaQwen3Raw,
  'ttfa-qwen3:ai-bare': ttfaQwen3AiBare,
  'batch:ours': batchOurs,
  'batch:raw': batchRaw,
  'batch:model': batchModel,
  'batch:ai-bare': batchAiBare,
  'batch:postJsonToApi': batchPostJsonToApi,
  'stream10min:ours': stream10minOurs,
  'ttfa-ws:ours': () => ttfaOurs(WEBSOCKET),
  'ttfa-ws:raw': ttfaRawWebSocket,
  'ttfa-predict:ours': () => ttfaOurs(PREDICT),
  'ttfa-predict:raw': ttfaRawPredict,
  'speech10min:ours': speech10minOurs,
};

const run = CASES[caseName];
if (run === undefined)
  throw new Error(
    `unknown case ${caseName}; one of ${Object.keys(CASES).join(', ')}`,
  );
console.log(JSON.stringify({ case: caseName, ...(await run()) }));
