import { lazySchema, zodSchema } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { optionNames } from '../baseten-options';
import type { DeploymentOptionsDescription } from '../deployment/baseten-deployment-options';

/** `providerOptions.baseten` of `generateSpeech` / `experimental_streamSpeech` with `speechModel('qwen3-tts')`. */
export interface BasetenQwen3TTSProviderOptions {
  /**
   * Voice cloning: a recording of the voice to speak in, 1 to 30 s (`ref_audio`). Bytes (a
   * `Uint8Array`, or their base64), sent as a `data:` URI; or an `http(s)://` URL (or a `data:`
   * URI) the server fetches. Needs `referenceText`.
   */
  referenceAudio?: Uint8Array | string;
  /** The media type of `referenceAudio` bytes when it cannot be told from them (WAV, MP3, FLAC and Ogg can). */
  referenceAudioMediaType?: string;
  /** What is said in `referenceAudio`, word for word (`ref_text`). */
  referenceText?: string;
  /**
   * Word timings in the finish part's provider metadata (`timestamp_type: "word"`). Sent only
   * when true: a deployment without a forced aligner ends the session when asked.
   */
  wordTimestamps?: boolean;
  /** The checkpoint's task (`task_type`): `Base` (cloning; the default with `referenceAudio`), `CustomVoice` or `VoiceDesign`. */
  taskType?: 'Base' | 'CustomVoice' | 'VoiceDesign';
  /** Where the server cuts the text into pieces it speaks (`split_granularity`); the server's default is sentences. */
  splitGranularity?: 'sentence' | 'clause';
  /** Most audio tokens per piece (`max_new_tokens`). */
  maxNewTokens?: number;
  /** The deployment's served model name, sent as `model` (unset, none is sent: the server refuses names it does not serve). */
  servedModelName?: string;
}

/** The schema of `BasetenQwen3TTSProviderOptions`; other keys are kept for the caller to report. */
export const basetenQwen3TTSProviderOptionsSchema = lazySchema(() =>
  zodSchema(
    z.looseObject({
      referenceAudio: z
        .union([z.instanceof(Uint8Array), z.string().min(1)])
        .optional(),
      referenceAudioMediaType: z
        .string()
        .regex(/^audio\/[\w.+-]+$/, 'must be an audio media type')
        .optional(),
      referenceText: z.string().trim().min(1).optional(),
      wordTimestamps: z.boolean().optional(),
      taskType: z.enum(['Base', 'CustomVoice', 'VoiceDesign']).optional(),
      splitGranularity: z.enum(['sentence', 'clause']).optional(),
      maxNewTokens: z.number().int().positive().optional(),
      servedModelName: z.string().trim().min(1).optional(),
    }),
  ),
);

/** The typed options and any keys the schema does not know. */
export type ParsedQwen3TTSOptions = BasetenQwen3TTSProviderOptions &
  Record<string, unknown>;

/** How the Qwen3-TTS model parses its options and names them in errors and warnings. */
export const QWEN3_TTS_OPTIONS: DeploymentOptionsDescription<ParsedQwen3TTSOptions> =
  {
    schema: basetenQwen3TTSProviderOptionsSchema,
    acceptedNames: optionNames<BasetenQwen3TTSProviderOptions>({
      referenceAudio: true,
      referenceAudioMediaType: true,
      referenceText: true,
      wordTimestamps: true,
      taskType: true,
      splitGranularity: true,
      maxNewTokens: true,
      servedModelName: true,
    }),
    purpose: 'Qwen3-TTS speech',
    models: 'Qwen3-TTS models',
    typeName: 'BasetenQwen3TTSProviderOptions',
  };
