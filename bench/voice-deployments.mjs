// The emulator's Qwen3 voice deployments for `npm run bench:voice`: voice.mjs starts the
// emulator with them, voice-client.mjs connects to them.
export const QWEN3_ASR_TARGET = 'deployment/q3asr001';
export const QWEN3_TTS_TARGET = 'deployment/q3tts001';

/** The emulator's `voiceDeployments` option. */
export const VOICE_DEPLOYMENTS = {
  [QWEN3_ASR_TARGET]: 'qwen3-asr',
  [QWEN3_TTS_TARGET]: 'qwen3-tts',
};
