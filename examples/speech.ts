// Speak text with Orpheus on a Baseten deployment: once in one request
// (a WAV file), once streamed as the text arrives, written to WAV files.
// Needs BASETEN_API_KEY and BASETEN_SPEECH_MODEL_URL, e.g.
// wss://model-abcd1234.api.baseten.co/environments/production/websocket
// (streams over the WebSocket; a …/predict URL streams the HTTP answer).
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experimental_streamSpeech as streamSpeech, generateSpeech } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const modelURL = process.env.BASETEN_SPEECH_MODEL_URL;
if (!modelURL) {
  console.error(
    'Set BASETEN_SPEECH_MODEL_URL to your text-to-speech deployment URL ending in /websocket or /predict.',
  );
  process.exit(1);
}
const baseten = createBaseten({ modelURL });
const model = baseten.speechModel();

// Batch: one request, a WAV file back.
const { audio } = await generateSpeech({
  model,
  text: 'Thanks for calling. Your order is on its way.',
  voice: 'tara',
  providerOptions: { baseten: { maxTokens: 2000 } },
});
const batchFile = join(tmpdir(), 'baseten-speech-batch.wav');
await writeFile(batchFile, audio.uint8Array);
console.log(
  `batch: ${audio.uint8Array.length} bytes of ${audio.mediaType} → ${batchFile}`,
);

// Streamed: the text goes out as it is written; audio comes back as it is spoken.
async function* reply() {
  for (const word of 'It should arrive by Friday. Is there anything else I can help with?'.split(
    ' ',
  )) {
    yield `${word} `;
  }
}
const streamed = streamSpeech({
  model,
  text: reply(),
  voice: 'leo',
  providerOptions: { baseten: { bufferSize: 5 } },
});
const pcm: Uint8Array[] = [];
let rate = 24_000;
for await (const part of streamed.fullStream) {
  if (part.type !== 'audio' || typeof part.audio === 'string') continue;
  pcm.push(part.audio);
  rate = part.audioFormat.rate ?? rate;
  if (pcm.length === 1) console.log('streamed: first audio arrived');
}
const streamFile = join(tmpdir(), 'baseten-speech-streamed.wav');
await writeFile(streamFile, wav(pcm, rate));
console.log(
  `streamed: ${pcm.length} audio parts (audio/pcm, ${rate} Hz) → ${streamFile}`,
);

/** 16-bit mono PCM pieces as one WAV file. */
function wav(pieces: Uint8Array[], sampleRate: number): Uint8Array {
  const size = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const out = new Uint8Array(44 + size);
  const view = new DataView(out.buffer);
  const tag = (at: number, text: string) =>
    out.set(new TextEncoder().encode(text), at);
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
  pieces.reduce((at, piece) => (out.set(piece, at), at + piece.length), 44);
  return out;
}
