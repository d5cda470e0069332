// Transcribe a WAV file with Qwen3-ASR on a Baseten "Deploy Batch"
// deployment: the file is uploaded to …/sync/v1/audio/transcriptions (a
// deployment of the older chat-route preset is detected and called through
// …/sync/v1/chat/completions instead).
// Needs BASETEN_API_KEY and BASETEN_QWEN3_ASR_BATCH_URL, e.g.
// https://model-abcd1234.api.baseten.co/environments/production/sync/v1
// AUDIO_FILE picks the recording; the default is a clip the local emulator
// transcribes predictably.
import { readFile } from 'node:fs/promises';
import { transcribe } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const modelURL = process.env.BASETEN_QWEN3_ASR_BATCH_URL;
if (!modelURL) {
  console.error(
    'Set BASETEN_QWEN3_ASR_BATCH_URL to your Qwen3-ASR deployment URL ending in /sync/v1.',
  );
  process.exit(1);
}
const file =
  process.env.AUDIO_FILE ??
  new URL('./audio/baseten-greeting.wav', import.meta.url);

const baseten = createBaseten({ modelURL });
const result = await transcribe({
  model: baseten.transcriptionModel('qwen3-asr'),
  audio: new Uint8Array(await readFile(file)),
  providerOptions: { baseten: { language: 'en' } },
});
console.log(
  `"${result.text}" (${result.language ?? 'language not reported'}, ${result.durationInSeconds ?? '?'} s, ` +
    `route ${String(result.providerMetadata.baseten.route)})`,
);
