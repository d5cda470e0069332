import { NoSuchModelError } from '@ai-sdk/provider';

/** The model families of `transcriptionModel()`, default first. */
export const TRANSCRIPTION_MODEL_IDS = ['whisper', 'qwen3-asr'] as const;

/** The model families of `speechModel()`, default first. */
export const SPEECH_MODEL_IDS = ['orpheus', 'qwen3-tts'] as const;

const WHAT = {
  transcriptionModel: {
    whisper: "Baseten's Whisper deployments",
    'qwen3-asr': 'Qwen3-ASR',
  },
  speechModel: { orpheus: 'Orpheus TTS', 'qwen3-tts': 'Qwen3-TTS' },
} as const;

type VoiceModelType = keyof typeof WHAT;

/**
 * The protocol family a voice model id names (a deployment's protocol cannot be
 * told from its URL); no id is the default family, an unknown one throws
 * `NoSuchModelError` naming the choices.
 */
export function voiceModelFamily<T extends string>(
  modelType: VoiceModelType,
  ids: readonly [T, ...T[]],
  modelId: unknown,
): T {
  if (modelId === undefined || modelId === '') return ids[0];
  const found = ids.find(id => id === modelId);
  if (found !== undefined) return found;
  const names: Record<string, string> = WHAT[modelType];
  const choices = ids
    .map(
      (id, index) =>
        `'${id}' (${names[id]}${index === 0 ? ', the default' : ''})`,
    )
    .join(' or ');
  throw new NoSuchModelError({
    modelId: typeof modelId === 'string' ? modelId : JSON.stringify(modelId),
    modelType,
    message: `Unknown ${modelType} id ${JSON.stringify(modelId)}: baseten.${modelType}() takes ${choices}. The id picks the protocol the deployment at modelURL speaks; the URL picks the deployment.`,
  });
}
