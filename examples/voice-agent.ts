// A voice agent on Baseten, end to end and streamed at every step: a caller's
// audio (a WAV file's samples, sent as if live) → Whisper's streamed
// transcript → an answer from a Model APIs LLM (streamText) → Orpheus
// speaking the answer as it is written → a WAV file.
// Needs BASETEN_API_KEY, BASETEN_TRANSCRIPTION_MODEL_URL (your Whisper
// deployment; its …/websocket is used), BASETEN_SPEECH_MODEL_URL (your
// Orpheus deployment's …/websocket) and optionally BASETEN_BASE_URL.
// AUDIO_FILE picks the caller's recording (16-bit PCM WAV).
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  experimental_streamSpeech as streamSpeech,
  experimental_streamTranscribe as streamTranscribe,
  streamText,
} from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const transcriptionURL = process.env.BASETEN_TRANSCRIPTION_MODEL_URL;
const speechURL = process.env.BASETEN_SPEECH_MODEL_URL;
if (!transcriptionURL || !speechURL) {
  console.error(
    'Set BASETEN_TRANSCRIPTION_MODEL_URL (Whisper) and BASETEN_SPEECH_MODEL_URL (Orpheus, …/websocket).',
  );
  process.exit(1);
}
const ears = createBaseten({ modelURL: transcriptionURL }).transcriptionModel();
const voice = createBaseten({ modelURL: speechURL }).speechModel();
const brain = createBaseten({ baseURL: process.env.BASETEN_BASE_URL })(
  'openai/gpt-oss-120b',
);

// 1. The caller speaks: 100 ms of samples at a time.
const file =
  process.env.AUDIO_FILE ??
  new URL('./audio/caller-question.wav', import.meta.url);
const { sampleRate, pcm } = readWav(new Uint8Array(await readFile(file)));
const step = (sampleRate / 10) * 2;
let offset = 0;
const microphone = new ReadableStream<Uint8Array>({
  pull(controller) {
    if (offset >= pcm.length) return controller.close();
    controller.enqueue(pcm.subarray(offset, offset + step));
    offset += step;
  },
});

// 2. Whisper transcribes while the caller talks.
const heard = streamTranscribe({
  model: ears,
  audio: microphone,
  inputAudioFormat: { type: 'audio/pcm', rate: sampleRate },
});
for await (const part of heard.fullStream) {
  if (part.type === 'transcript-final') console.log(`caller: ${part.text}`);
}
const question = await heard.text;

// 3. The LLM answers; 4. Orpheus speaks each word as soon as it is written.
const answer = streamText({
  model: brain,
  system:
    'You are a friendly store assistant on a phone call. Answer in one or two short sentences.',
  prompt: question,
});
const spoken = streamSpeech({
  model: voice,
  text: answer.textStream,
  voice: 'tara',
});
const audio: Uint8Array[] = [];
let rate = 24_000;
for await (const part of spoken.fullStream) {
  if (part.type !== 'audio' || typeof part.audio === 'string') continue;
  if (audio.length === 0) console.log('agent: (speaking…)');
  audio.push(part.audio);
  rate = part.audioFormat.rate ?? rate;
}
console.log(`agent: ${await answer.text}`);
const out = join(tmpdir(), 'baseten-voice-agent-reply.wav');
await writeFile(out, toWav(audio, rate));
console.log(`reply audio: ${audio.length} parts → ${out}`);

/** The samples and rate of a 16-bit mono PCM WAV file. */
function readWav(bytes: Uint8Array): { sampleRate: number; pcm: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let rate = 16_000;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = new TextDecoder().decode(bytes.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') rate = view.getUint32(at + 12, true);
    if (id === 'data')
      return { sampleRate: rate, pcm: bytes.subarray(at + 8, at + 8 + size) };
    at += 8 + size + (size % 2);
  }
  throw new Error('Not a PCM WAV file: no data chunk.');
}

/** 16-bit mono PCM pieces as one WAV file. */
function toWav(pieces: Uint8Array[], sampleRate: number): Uint8Array {
  const size = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const wav = new Uint8Array(44 + size);
  const view = new DataView(wav.buffer);
  const tag = (at: number, text: string) =>
    wav.set(new TextEncoder().encode(text), at);
  tag(0, 'RIFF');
  view.setUint32(4, 36 + size, true);
  tag(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  tag(36, 'data');
  view.setUint32(40, size, true);
  pieces.reduce((at, piece) => (wav.set(piece, at), at + piece.length), 44);
  return wav;
}
