// Transcribe a WAV file with Whisper on a Baseten deployment: once in one
// request (/predict), once streamed over the deployment's WebSocket as the
// audio is read, with partial and final transcripts as they arrive.
// Needs BASETEN_API_KEY and BASETEN_TRANSCRIPTION_MODEL_URL, e.g.
// https://model-abcd1234.api.baseten.co/environments/production/predict
// (the …/websocket URL works too: each gives the other). AUDIO_FILE picks
// the recording (16-bit PCM WAV); the default is a clip the local emulator
// transcribes predictably.
import { readFile } from 'node:fs/promises';
import {
  experimental_streamTranscribe as streamTranscribe,
  transcribe,
} from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const modelURL = process.env.BASETEN_TRANSCRIPTION_MODEL_URL;
if (!modelURL) {
  console.error(
    'Set BASETEN_TRANSCRIPTION_MODEL_URL to your Whisper deployment URL ending in /predict or /websocket.',
  );
  process.exit(1);
}
const file =
  process.env.AUDIO_FILE ??
  new URL('./audio/baseten-greeting.wav', import.meta.url);
const wav = new Uint8Array(await readFile(file));

const baseten = createBaseten({ modelURL });
const model = baseten.transcriptionModel();

// Batch: the whole file in one request.
const batch = await transcribe({
  model,
  audio: wav,
  providerOptions: { baseten: { language: 'en', wordTimestamps: true } },
});
console.log(
  `batch: "${batch.text}" (${batch.language}, ${batch.durationInSeconds} s)`,
);
for (const segment of batch.segments) {
  console.log(
    `  ${segment.startSecond.toFixed(2)}–${segment.endSecond.toFixed(2)} s  ${segment.text}`,
  );
}

// Streamed: the WAV's samples sent as they are read, 100 ms at a time.
const { sampleRate, pcm } = readWav(wav);
const chunkBytes = (sampleRate / 10) * 2;
let offset = 0;
const audio = new ReadableStream<Uint8Array>({
  pull(controller) {
    if (offset >= pcm.length) return controller.close();
    controller.enqueue(pcm.subarray(offset, offset + chunkBytes));
    offset += chunkBytes;
  },
});

const streamed = streamTranscribe({
  model,
  audio,
  inputAudioFormat: { type: 'audio/pcm', rate: sampleRate },
});
for await (const part of streamed.fullStream) {
  if (part.type === 'transcript-partial') console.log(`  … ${part.text}`);
  if (part.type === 'transcript-final') console.log(`  ✓ ${part.text}`);
}
console.log(`streamed: "${await streamed.text}"`);

/** The samples and rate of a 16-bit mono PCM WAV file. */
function readWav(bytes: Uint8Array): { sampleRate: number; pcm: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sampleRate = 16_000;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = new TextDecoder().decode(bytes.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ') sampleRate = view.getUint32(at + 12, true);
    if (id === 'data')
      return { sampleRate, pcm: bytes.subarray(at + 8, at + 8 + size) };
    at += 8 + size + (size % 2);
  }
  throw new Error('Not a PCM WAV file: no data chunk.');
}
