// A voice agent on Baseten's current voice line, streamed at every step: a
// caller's audio (a WAV file's samples, sent as if live) → Qwen3-ASR's
// streamed transcript → an answer from a Model APIs LLM (streamText) →
// Qwen3-TTS speaking the answer in a cloned voice as it is written → a WAV
// file, which Qwen3-ASR then transcribes back as a check.
// Needs BASETEN_API_KEY, BASETEN_QWEN3_ASR_URL (your Qwen3-ASR "Deploy
// Streaming" deployment's …/websocket), BASETEN_QWEN3_TTS_URL (your Qwen3-TTS
// deployment's …/websocket) and optionally BASETEN_BASE_URL. AUDIO_FILE picks
// the caller's recording and VOICE_FILE / VOICE_TEXT the voice to clone (a
// 1–30 s 16-bit PCM WAV file and the words spoken in it).
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  experimental_streamSpeech as streamSpeech,
  experimental_streamTranscribe as streamTranscribe,
  streamText,
  transcribe,
} from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const asrURL = process.env.BASETEN_QWEN3_ASR_URL;
const ttsURL = process.env.BASETEN_QWEN3_TTS_URL;
if (!asrURL || !ttsURL) {
  console.error(
    'Set BASETEN_QWEN3_ASR_URL and BASETEN_QWEN3_TTS_URL to your Qwen3-ASR and Qwen3-TTS deployments’ …/websocket URLs.',
  );
  process.exit(1);
}
const ears = createBaseten({ modelURL: asrURL }).transcriptionModel(
  'qwen3-asr',
);
const voice = createBaseten({ modelURL: ttsURL }).speechModel('qwen3-tts');
const brain = createBaseten({ baseURL: process.env.BASETEN_BASE_URL })(
  'openai/gpt-oss-120b',
);

// 1. The caller speaks: 100 ms of samples at a time.
const caller = readWav(
  await readFile(
    process.env.AUDIO_FILE ??
      new URL('./audio/caller-question.wav', import.meta.url),
  ),
);
const step = (caller.sampleRate / 10) * 2;
let offset = 0;
const microphone = new ReadableStream<Uint8Array>({
  pull(controller) {
    if (offset >= caller.pcm.length) return controller.close();
    controller.enqueue(caller.pcm.subarray(offset, offset + step));
    offset += step;
  },
});

// 2. Qwen3-ASR transcribes while the caller talks (other rates are resampled to 16 kHz).
const heard = streamTranscribe({
  model: ears,
  audio: microphone,
  inputAudioFormat: { type: 'audio/pcm', rate: caller.sampleRate },
  providerOptions: { baseten: { language: 'en' } },
});
for await (const part of heard.fullStream) {
  if (part.type === 'transcript-final') console.log(`caller: ${part.text}`);
}
const question = await heard.text;

// 3. The LLM answers; 4. Qwen3-TTS speaks each sentence in the cloned voice as it is written.
const answer = streamText({
  model: brain,
  system:
    'You are a friendly store assistant on a phone call. Answer in one or two short sentences.',
  prompt: question,
});
const reference = await readFile(
  process.env.VOICE_FILE ??
    new URL('./audio/baseten-greeting.wav', import.meta.url),
);
const spoken = streamSpeech({
  model: voice,
  text: answer.textStream,
  language: 'en',
  providerOptions: {
    baseten: {
      referenceAudio: reference.toString('base64'),
      referenceText:
        process.env.VOICE_TEXT ??
        'Hello from Baseten. Whisper turns this greeting back into text.',
    },
  },
});
const audio: Uint8Array[] = [];
for await (const part of spoken.fullStream) {
  if (part.type === 'error')
    console.error('agent: a sentence failed', part.error);
  if (part.type !== 'audio' || typeof part.audio === 'string') continue;
  if (audio.length === 0) console.log('agent: (speaking…)');
  audio.push(part.audio);
}
console.log(`agent: ${await answer.text}`);
const reply = toWav(audio, 24_000);
const out = join(tmpdir(), 'baseten-qwen3-voice-agent-reply.wav');
await writeFile(out, reply);
console.log(`reply audio: ${audio.length} parts → ${out}`);

// 5. A check: the reply, as one file through the same Qwen3-ASR socket.
const check = await transcribe({ model: ears, audio: reply });
console.log(`heard back: ${check.text}`);

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
