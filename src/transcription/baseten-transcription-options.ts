import { lazySchema, zodSchema } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { optionNames } from '../baseten-options';
import type { DeploymentOptionsDescription } from '../deployment/baseten-deployment-options';
import type { TRANSCRIPTION_MODEL_IDS } from '../deployment/baseten-voice-model-id';

/**
 * The protocol family of the deployment at `modelURL`: `'whisper'` (default) or `'qwen3-asr'`.
 * Not sent (the URL picks the deployment); other ids throw `NoSuchModelError`.
 */
export type BasetenTranscriptionModelId =
  (typeof TRANSCRIPTION_MODEL_IDS)[number] | (string & {});

/** `providerOptions.baseten` of `experimental_transcribe` and `experimental_streamTranscribe`. */
export interface BasetenTranscriptionProviderOptions {
  /** Spoken language as an ISO-639-1 code, or `'auto'` to detect it (`audio_language`; server default `'en'`). */
  language?: string;
  /** Languages detection may choose from, e.g. `['en', 'de']` (`language_options`; Whisper runtime v0.5.0+). */
  languageOptions?: string[];
  /** Text that guides the transcript: names, spellings, style (`prompt`). */
  prompt?: string;
  /**
   * Word timings in the result (`show_word_timestamps`; runtime v0.4.0+).
   * @default true when `timestampGranularities` includes `'word'`, else the server's default
   */
  wordTimestamps?: boolean;
  /** Whisper's dynamic audio preprocessing (`use_dynamic_preprocessing`). */
  useDynamicPreprocessing?: boolean;
  /** Detect the language without transcribing (`language_detection_only`). */
  languageDetectionOnly?: boolean;
  /**
   * Streaming only: send `transcript-partial` parts while a phrase is spoken.
   * @default true
   */
  partialTranscripts?: boolean;
  /** Streaming only: seconds of audio between partial transcripts (`partial_transcript_interval_s`; server default 0.5). */
  partialTranscriptIntervalSeconds?: number;
  /** Streaming only: longest phrase, in whole seconds, 1 to 30, before a final transcript is forced (`final_transcript_max_duration_s`; server default 30). */
  finalTranscriptMaxDurationSeconds?: number;
  /** Streaming only: voice-activity threshold, 0 to 1 (`streaming_vad_config.threshold`; server default 0.5). */
  vadThreshold?: number;
  /** Streaming only: silence, in whole ms, that ends a phrase (`streaming_vad_config.min_silence_duration_ms`; server default 300). */
  minSilenceDurationMs?: number;
  /** Streaming only: audio kept around speech, in whole ms (`streaming_vad_config.speech_pad_ms`; server default 0). */
  speechPadMs?: number;
  /**
   * Streaming only: how long, after the end of the audio, to wait for the server to say it has
   * finished (`end_audio` → `finished`), in whole ms up to 3 600 000 (an hour). The wait restarts
   * with each transcript or `end_audio` message, but lasts at most three times this in all; when
   * it runs out the stream finishes with what arrived and says the end was not confirmed (a
   * deployment too old to answer `end_audio`). Not sent.
   * @default 10000
   */
  endOfAudioTimeoutMs?: number;
  /**
   * Streaming only: send the audio no faster than real time, as Baseten's server expects (faster
   * audio causes idle timeouts). A live source delivering up to 0.5 s at a time is never delayed;
   * a stored file goes out at most 0.5 s ahead of real time, so it takes as long as it lasts (use
   * `experimental_transcribe` for files). `false` sends as fast as the socket takes it, e.g.
   * against the local emulator. Not sent.
   * @default true
   */
  realTimePacing?: boolean;
}

/** Option names that only the streaming WebSocket uses. */
export const STREAMING_ONLY_OPTIONS = [
  'partialTranscripts',
  'partialTranscriptIntervalSeconds',
  'finalTranscriptMaxDurationSeconds',
  'vadThreshold',
  'minSilenceDurationMs',
  'speechPadMs',
  'endOfAudioTimeoutMs',
  'realTimePacing',
] as const;

const positive = () => z.number().positive();

/** The longest `endOfAudioTimeoutMs`: an hour (timers take at most 2^31−1 ms). */
export const MAX_END_OF_AUDIO_TIMEOUT_MS = 3_600_000;

/** The schema of `BasetenTranscriptionProviderOptions`; other keys are kept for the caller to report. */
export const basetenTranscriptionProviderOptionsSchema = lazySchema(() =>
  zodSchema(
    z.looseObject({
      language: z.string().min(1).optional(),
      languageOptions: z.array(z.string().min(1)).min(1).optional(),
      prompt: z.string().optional(),
      wordTimestamps: z.boolean().optional(),
      useDynamicPreprocessing: z.boolean().optional(),
      languageDetectionOnly: z.boolean().optional(),
      partialTranscripts: z.boolean().optional(),
      partialTranscriptIntervalSeconds: positive().optional(),
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
      realTimePacing: z.boolean().optional(),
    }),
  ),
);

/** The typed options and any keys the schema does not know. */
export type ParsedTranscriptionOptions = BasetenTranscriptionProviderOptions &
  Record<string, unknown>;

/** How transcription models parse their options and name them in errors and warnings. */
export const TRANSCRIPTION_OPTIONS: DeploymentOptionsDescription<ParsedTranscriptionOptions> =
  {
    schema: basetenTranscriptionProviderOptionsSchema,
    acceptedNames: optionNames<BasetenTranscriptionProviderOptions>({
      language: true,
      languageOptions: true,
      prompt: true,
      wordTimestamps: true,
      useDynamicPreprocessing: true,
      languageDetectionOnly: true,
      partialTranscripts: true,
      partialTranscriptIntervalSeconds: true,
      finalTranscriptMaxDurationSeconds: true,
      vadThreshold: true,
      minSilenceDurationMs: true,
      speechPadMs: true,
      endOfAudioTimeoutMs: true,
      realTimePacing: true,
    }),
    purpose: 'transcription',
    models: 'Transcription models',
    typeName: 'BasetenTranscriptionProviderOptions',
  };

/** The option names the schema knows. */
export const KNOWN_TRANSCRIPTION_OPTIONS: ReadonlySet<string> = new Set(
  TRANSCRIPTION_OPTIONS.acceptedNames,
);
