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
  /** Most audio tokens per spoken piece (`max_tokens`; server default 6144). Sent only when set. */
  maxTokens?: number;
  /** Sampling temperature (`temperature`; server default 0.6). */
  temperature?: number;
  /** Nucleus sampling (`top_p`; server default 0.8). */
  topP?: number;
  /** Penalty for repeated tokens (`repetition_penalty`; server default 1.1 on `/predict`, 1.3 on the WebSocket). */
  repetitionPenalty?: number;
  /** Your id for the request, echoed in Baseten's logs (`request_id`; `/predict` only). */
  requestId?: string;
  /**
   * WebSocket only: words the server gathers before it speaks a piece when no sentence has ended
   * (`buffer_size`): smaller starts audio sooner, larger gives the voice more context.
   * @default 10
   */
  bufferSize?: number;
}

/** Options that only `/predict` takes. */
export const PREDICT_ONLY_SPEECH_OPTIONS = ['requestId'] as const;

/** Options that only the WebSocket takes. */
export const WEBSOCKET_ONLY_SPEECH_OPTIONS = ['bufferSize'] as const;

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
