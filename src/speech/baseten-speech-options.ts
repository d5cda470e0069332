import { lazySchema, zodSchema } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import type { SPEECH_MODEL_IDS } from '../deployment/baseten-voice-model-id';

/**
 * The protocol family of the deployment at `modelURL`: `'orpheus'` (default) or `'qwen3-tts'`.
 * Not sent (the URL picks the deployment); other ids throw `NoSuchModelError`.
 */
export type BasetenSpeechModelId =
  (typeof SPEECH_MODEL_IDS)[number] | (string & {});

/** Orpheus' voices; other deployments may have others, so any string is accepted. */
export type BasetenSpeechVoice =
  | 'tara'
  | 'leah'
  | 'jess'
  | 'leo'
  | 'dan'
  | 'mia'
  | 'zac'
  | 'zoe'
  | (string & {});

/** The voice sent when a call sets none. */
export const DEFAULT_VOICE = 'tara';

/** `providerOptions.baseten` of `generateSpeech` and `experimental_streamSpeech`. */
export interface BasetenSpeechProviderOptions {
  /** Most audio tokens to generate (`max_tokens`; server default on `/predict`, 2000 on the WebSocket). */
  maxTokens?: number;
  /** Sampling temperature (`temperature`; `/predict` only). */
  temperature?: number;
  /** Nucleus sampling (`top_p`; `/predict` only). */
  topP?: number;
  /** Penalty for repeated tokens (`repetition_penalty`; `/predict` only). */
  repetitionPenalty?: number;
  /** Your id for the request, echoed in Baseten's logs (`request_id`; `/predict` only). */
  requestId?: string;
  /**
   * WebSocket only: words the server gathers before it speaks (`buffer_size`).
   * @default 10
   */
  bufferSize?: number;
}

/** Options that only `/predict` takes. */
export const PREDICT_ONLY_SPEECH_OPTIONS = [
  'temperature',
  'topP',
  'repetitionPenalty',
  'requestId',
] as const;

/** The schema of `BasetenSpeechProviderOptions`; other keys are kept for the caller to report. */
export const basetenSpeechProviderOptionsSchema = lazySchema(() =>
  zodSchema(
    z.looseObject({
      maxTokens: z.number().int().positive().optional(),
      temperature: z.number().min(0).optional(),
      topP: z.number().gt(0).max(1).optional(),
      repetitionPenalty: z.number().positive().optional(),
      requestId: z.string().min(1).optional(),
      bufferSize: z.number().int().positive().optional(),
    }),
  ),
);

/** The typed options and any keys the schema does not know. */
export type ParsedSpeechOptions = BasetenSpeechProviderOptions &
  Record<string, unknown>;
