import { lazySchema, zodSchema } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { optionNames } from '../baseten-options';
import type { DeploymentOptionsDescription } from '../deployment/baseten-deployment-options';
import { MAX_END_OF_AUDIO_TIMEOUT_MS } from './baseten-transcription-options';

/** `providerOptions.baseten` of `experimental_transcribe` with `transcriptionModel('qwen3-asr')`. */
export interface BasetenQwen3ASRProviderOptions {
  /**
   * Spoken language, as an ISO code (`'en'`) or a Qwen3 name (`'English'`);
   * forces the transcript's language. Unset or `'auto'`, the model detects it.
   */
  language?: string;
  /** Names or terms that bias spelling (`prompt` on the upload route; the system message on the chat route). */
  prompt?: string;
  /**
   * The deployment's served model name (vLLM's `--served-model-name`, e.g.
   * `'Qwen/Qwen3-ASR-1.7B'`), sent as `model`. Unset, no `model` is sent: vLLM
   * refuses names it does not serve.
   */
  servedModelName?: string;
  /**
   * Batch route: `'transcriptions'` (the file upload), `'chat'` (the older
   * preset's chat completion), or `'auto'`: the upload, then the chat route if
   * the deployment answers 404. A URL input always takes the chat route.
   * @default 'auto'
   */
  batchRoute?: 'auto' | 'transcriptions' | 'chat';
  /** Streaming only: word timings in the parts' provider metadata (`show_word_timestamps`; needs a deployment with `STREAM_ALIGNER` set, else ignored by the server). */
  wordTimestamps?: boolean;
  /**
   * Streaming only: send `transcript-partial` parts while a phrase is spoken (`enable_partial_transcripts`).
   * @default true
   */
  partialTranscripts?: boolean;
  /** Streaming only: seconds between partial transcripts (`partial_transcript_interval_s`; Qwen3 default 0.5). */
  partialTranscriptIntervalSeconds?: number;
  /** Streaming only: longest phrase, in whole seconds, 1 to 30 (`final_transcript_max_duration_s`; default 30). */
  finalTranscriptMaxDurationSeconds?: number;
  /** Streaming only: voice-activity threshold, 0 to 1 (`streaming_vad_config.threshold`; default 0.5). */
  vadThreshold?: number;
  /** Streaming only: whole ms of silence that end a phrase (`min_silence_duration_ms`; Qwen3 default 500). */
  minSilenceDurationMs?: number;
  /** Streaming only: whole ms of audio kept around speech (`speech_pad_ms`; Qwen3 default 100). */
  speechPadMs?: number;
  /**
   * Streaming only: how long after the commit to wait for the final that ends the stream
   * (`is_end_of_audio_flush`); restarted by every server message. Not sent.
   * Whole milliseconds, at most 3 600 000 (an hour).
   * @default 10000
   */
  endOfAudioTimeoutMs?: number;
}

/** Options only the streaming socket uses. */
export const QWEN3_ASR_STREAMING_OPTIONS = [
  'wordTimestamps',
  'partialTranscripts',
  'partialTranscriptIntervalSeconds',
  'finalTranscriptMaxDurationSeconds',
  'vadThreshold',
  'minSilenceDurationMs',
  'speechPadMs',
  'endOfAudioTimeoutMs',
] as const;

/** Options only the batch routes use. */
export const QWEN3_ASR_BATCH_OPTIONS = [
  'prompt',
  'servedModelName',
  'batchRoute',
] as const;

/** The schema of `BasetenQwen3ASRProviderOptions`; other keys are kept for the caller to report. */
export const basetenQwen3ASRProviderOptionsSchema = lazySchema(() =>
  zodSchema(
    z.looseObject({
      language: z.string().trim().min(1).optional(),
      prompt: z.string().optional(),
      servedModelName: z.string().trim().min(1).optional(),
      batchRoute: z.enum(['auto', 'transcriptions', 'chat']).optional(),
      wordTimestamps: z.boolean().optional(),
      partialTranscripts: z.boolean().optional(),
      partialTranscriptIntervalSeconds: z.number().positive().optional(),
      finalTranscriptMaxDurationSeconds: z
        .number()
        .int('must be a whole number of seconds')
        .min(1)
        .max(30, 'must be at most 30 (Baseten’s limit)')
        .optional(),
      vadThreshold: z.number().min(0).max(1).optional(),
      minSilenceDurationMs: z.number().int().nonnegative().optional(),
      speechPadMs: z.number().int().nonnegative().optional(),
      endOfAudioTimeoutMs: z
        .number()
        .int('must be a whole number of milliseconds')
        .positive()
        .max(
          MAX_END_OF_AUDIO_TIMEOUT_MS,
          'must be at most 3600000 (an hour); the wait after the audio is bounded',
        )
        .optional(),
    }),
  ),
);

/** The typed options and any keys the schema does not know. */
export type ParsedQwen3ASROptions = BasetenQwen3ASRProviderOptions &
  Record<string, unknown>;

/** How the Qwen3-ASR model parses its options and names them in errors and warnings. */
export const QWEN3_ASR_OPTIONS: DeploymentOptionsDescription<ParsedQwen3ASROptions> =
  {
    schema: basetenQwen3ASRProviderOptionsSchema,
    acceptedNames: optionNames<BasetenQwen3ASRProviderOptions>({
      language: true,
      prompt: true,
      servedModelName: true,
      batchRoute: true,
      wordTimestamps: true,
      partialTranscripts: true,
      partialTranscriptIntervalSeconds: true,
      finalTranscriptMaxDurationSeconds: true,
      vadThreshold: true,
      minSilenceDurationMs: true,
      speechPadMs: true,
      endOfAudioTimeoutMs: true,
    }),
    purpose: 'Qwen3-ASR transcription',
    models: 'Qwen3-ASR models',
    typeName: 'BasetenQwen3ASRProviderOptions',
  };
