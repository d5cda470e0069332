import { z } from 'zod/v4';
import { builtOnce } from '../baseten-built-once';

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

/**
 * The text frame that ends the audio of a streaming session (Baseten's streaming-transcription
 * docs, "How do I handle end of audio"): the server acknowledges, sends its last finals, then
 * `{"type":"end_audio","body":{"status":"finished"}}` and leaves the socket to the client.
 */
export const END_OF_AUDIO_MESSAGE = JSON.stringify({ type: 'end_audio' });

/** The `status` of the server's `end_audio` messages, if `value` is one. */
export function endOfAudioStatus(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, body } = value as { type?: unknown; body?: unknown };
  if (type !== 'end_audio') return undefined;
  const status = (body as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'string' ? status : '';
}

// Built on first use, not at import: zod's set-up costs a few ms.
function buildWhisperSchemas() {
  const word = z.looseObject({
    word: z.string(),
    start_time: z.number(),
    end_time: z.number(),
  });
  const segment = z.looseObject({
    text: z.string(),
    start_time: z.number(),
    end_time: z.number(),
    log_prob: z.number().nullish(),
    word_timestamps: z.array(word).nullish(),
  });
  return {
    /** What Whisper's `/predict` answers. */
    predict: z.looseObject({
      language_code: z.string().nullish(),
      language_prob: z.number().nullish(),
      segments: z.array(segment).optional(),
    }),
    /** A transcription message of the streaming WebSocket. */
    streaming: z.looseObject({
      type: z.literal('transcription'),
      is_final: z.boolean(),
      // not in Baseten's documented messages; read if a server sends it
      transcript: z.string().nullish(),
      is_end_of_audio_flush: z.boolean().nullish(),
      segments: z
        .array(segment.partial({ start_time: true, end_time: true }))
        .nullish(),
      language_code: z.string().nullish(),
      confidence: z.number().nullish(),
    }),
  };
}

type WhisperSchemas = ReturnType<typeof buildWhisperSchemas>;

/** Whisper's response schemas: `/predict` answers and streaming transcription messages. */
export const getWhisperSchemas = builtOnce(buildWhisperSchemas);

/** A `/predict` answer, parsed. */
export type WhisperPredictResponse = z.infer<WhisperSchemas['predict']>;

/** A Whisper segment as the wire has it. */
export type WhisperSegment = NonNullable<
  WhisperPredictResponse['segments']
>[number];

/** A transcription message of the streaming WebSocket, parsed. */
export type WhisperStreamingTranscript = z.infer<WhisperSchemas['streaming']>;

const isNullish = (value: unknown): value is null | undefined => value == null;
// finite, as z.number() requires (JSON.parse turns 1e400 into Infinity)
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const isObject = (value: unknown): value is Record<string, unknown> =>
  value != null && typeof value === 'object' && !Array.isArray(value);

function isWord(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.word === 'string' &&
    isNumber(value.start_time) &&
    isNumber(value.end_time)
  );
}

function isSegment(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { text, start_time, end_time, log_prob, word_timestamps } = value;
  return (
    typeof text === 'string' &&
    isNumber(start_time) &&
    isNumber(end_time) &&
    (isNullish(log_prob) || isNumber(log_prob)) &&
    (isNullish(word_timestamps) ||
      (Array.isArray(word_timestamps) && word_timestamps.every(isWord)))
  );
}

/**
 * The same rules as `getWhisperSchemas().predict`, checked by hand (a call then pays no schema
 * work); `undefined` when the body breaks one, and the schema explains which.
 */
export function asWhisperPredictResponse(
  body: unknown,
): WhisperPredictResponse | undefined {
  if (!isObject(body)) return undefined;
  const { language_code, language_prob, segments } = body;
  const isShaped =
    (isNullish(language_code) || typeof language_code === 'string') &&
    (isNullish(language_prob) || isNumber(language_prob)) &&
    (segments === undefined ||
      (Array.isArray(segments) && segments.every(isSegment)));
  return isShaped ? body : undefined;
}

/** Segment texts joined by single spaces, trimmed. */
export function joinSegmentTexts(
  segments: readonly { readonly text: string }[],
): string {
  return segments
    .map(segment => segment.text.trim())
    .filter(text => text !== '')
    .join(' ');
}

/** A Whisper word with its times, as the AI SDK names them. */
export function wordTiming(word: {
  readonly word: string;
  readonly start_time: number;
  readonly end_time: number;
}): { text: string; startSecond: number; endSecond: number } {
  return {
    text: word.word.trim(),
    startSecond: word.start_time,
    endSecond: word.end_time,
  };
}

/** A Whisper segment with its times, as the AI SDK names them. */
export function segmentTiming(segment: WhisperSegment): {
  text: string;
  startSecond: number;
  endSecond: number;
} {
  return {
    text: segment.text.trim(),
    startSecond: segment.start_time,
    endSecond: segment.end_time,
  };
}
