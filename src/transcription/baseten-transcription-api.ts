import { lazySchema, zodSchema } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';

/** Where the audio of a `/predict` call comes from: a URL Baseten downloads, or the bytes inline. */
export type WhisperAudio =
  { readonly url: string } | { readonly audio_b64: string };

/** `whisper_input.whisper_params` of a batch call (unknown provider options are added as given). */
export type WhisperParams = Record<string, unknown>;

/** The body of a Whisper `/predict` call. */
export interface WhisperPredictBody {
  readonly whisper_input: {
    readonly audio: WhisperAudio;
    readonly whisper_params: WhisperParams;
  };
}

/** The first text frame of a streaming Whisper session (the server rejects unknown fields). */
export interface WhisperStreamingMetadata {
  readonly whisper_params: {
    readonly audio_language?: string;
    readonly language_options?: readonly string[];
    readonly prompt?: string;
    readonly show_word_timestamps?: boolean;
  };
  readonly streaming_params: {
    readonly encoding: 'pcm_s16le' | 'pcm_mulaw';
    readonly sample_rate: number;
    readonly enable_partial_transcripts: boolean;
    readonly partial_transcript_interval_s?: number;
    readonly final_transcript_max_duration_s?: number;
  };
  readonly streaming_vad_config?: {
    readonly threshold?: number;
    readonly min_silence_duration_ms?: number;
    readonly speech_pad_ms?: number;
  };
}

/** The text frame that ends the audio of a streaming session. */
export const END_OF_AUDIO_MESSAGE = JSON.stringify({ terminate_session: true });

const wordSchema = z.looseObject({
  word: z.string(),
  start_time: z.number(),
  end_time: z.number(),
});

const segmentSchema = z.looseObject({
  text: z.string(),
  start_time: z.number(),
  end_time: z.number(),
  log_prob: z.number().nullish(),
  word_timestamps: z.array(wordSchema).nullish(),
});

/** A Whisper segment as the wire has it. */
export type WhisperSegment = z.infer<typeof segmentSchema>;

/** What Whisper's `/predict` answers. */
export const whisperPredictResponseSchema = lazySchema(() =>
  zodSchema(
    z.looseObject({
      language_code: z.string().nullish(),
      language_prob: z.number().nullish(),
      segments: z.array(segmentSchema).optional(),
    }),
  ),
);

/** A transcription message of the streaming WebSocket. */
export const whisperStreamingTranscriptSchema = z.looseObject({
  type: z.literal('transcription'),
  is_final: z.boolean(),
  transcript: z.string().nullish(),
  segments: z
    .array(segmentSchema.partial({ start_time: true, end_time: true }))
    .nullish(),
  language_code: z.string().nullish(),
  confidence: z.number().nullish(),
});

/** A transcription message of the streaming WebSocket, parsed. */
export type WhisperStreamingTranscript = z.infer<
  typeof whisperStreamingTranscriptSchema
>;
