import { EmulatorRequestError } from '../edge/emulator-errors';
import {
  decodeWav,
  EmulatedWhisperDecoder,
  transcribeAudio,
  type EmulatedWord,
  type EmulatorAudioEncoding,
  type PhraseEvent,
} from './emulator-voice-audio';
import { isRecord } from '../edge/emulator-is-record';

/** Whether a `/predict` body is a Whisper request (`whisper_input`). */
export function isWhisperPredict(
  body: unknown,
): body is { whisper_input: Record<string, unknown> } {
  return isRecord(body) && isRecord(body.whisper_input);
}

const DEFAULT_RATE = 16_000;

function languageOf(params: Record<string, unknown>): {
  code: string;
  prob: number | null;
} {
  const language = params.audio_language;
  if (typeof language === 'string' && language !== 'auto')
    return { code: language, prob: null };
  const options = params.language_options;
  const first =
    Array.isArray(options) && typeof options[0] === 'string'
      ? options[0]
      : 'en';
  return {
    code: language === 'auto' ? first : 'en',
    prob: language === 'auto' ? 0.98 : null,
  };
}

function segmentOf(
  words: readonly EmulatedWord[],
  withWords: boolean,
): Record<string, unknown> {
  return {
    text: ` ${words.map(word => word.text).join(' ')}`,
    log_prob: -0.25,
    start_time: words[0].start,
    end_time: words[words.length - 1].end,
    ...(withWords
      ? {
          word_timestamps: words.map(word => ({
            word: word.text,
            start_time: word.start,
            end_time: word.end,
          })),
        }
      : {}),
  };
}

function isLoopbackURL(url: URL): boolean {
  return (
    url.hostname === 'localhost' ||
    url.hostname === '[::1]' ||
    /^127\./.test(url.hostname)
  );
}

function base64Bytes(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string' || value === '') {
    throw new EmulatorRequestError(
      400,
      `whisper_input.audio.${field} must be a non-empty base64 string.`,
    );
  }
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/** The audio a Whisper request names; URLs are fetched only from loopback (the emulator is offline). */
async function audioOf(audio: unknown): Promise<Uint8Array> {
  if (!isRecord(audio))
    throw new EmulatorRequestError(400, 'whisper_input.audio is required.');
  const given = ['url', 'audio_b64', 'audio_bytes'].filter(
    key => audio[key] !== undefined,
  );
  if (given.length !== 1) {
    throw new EmulatorRequestError(
      400,
      'whisper_input.audio needs exactly one of url, audio_b64 or audio_bytes.',
    );
  }
  if (audio.audio_b64 !== undefined)
    return base64Bytes(audio.audio_b64, 'audio_b64');
  if (audio.audio_bytes !== undefined)
    return base64Bytes(audio.audio_bytes, 'audio_bytes');
  let url: URL;
  try {
    url = new URL(String(audio.url));
  } catch {
    throw new EmulatorRequestError(
      400,
      `whisper_input.audio.url is not a URL: ${String(audio.url)}`,
    );
  }
  if (!isLoopbackURL(url)) {
    throw new EmulatorRequestError(
      400,
      `The emulator is offline: it downloads audio only from loopback URLs, not ${url.host}.`,
    );
  }
  const response = await fetch(url);
  if (!response.ok) {
    throw new EmulatorRequestError(
      400,
      `Could not download ${url.href}: HTTP ${response.status}.`,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * What Whisper's `/predict` answers: the emulator's transcript of the audio
 * (a WAV file, or anything else read as raw 16 kHz 16-bit PCM), with
 * segments, optional word timings, and the language.
 */
export async function answerWhisperPredict(body: {
  whisper_input: Record<string, unknown>;
}): Promise<unknown> {
  const input = body.whisper_input;
  const params = isRecord(input.whisper_params) ? input.whisper_params : {};
  const bytes = await audioOf(input.audio);
  const language = languageOf(params);
  if (params.language_detection_only === true) {
    return {
      language_code: language.code,
      language_prob: language.prob ?? 0.98,
    };
  }
  const wav = decodeWav(bytes);
  const phrases = transcribeAudio(
    wav?.pcm ?? bytes,
    'pcm_s16le',
    wav?.sampleRate ?? DEFAULT_RATE,
  );
  return {
    language_code: language.code,
    language_prob: language.prob,
    segments: phrases.map(words =>
      segmentOf(words, params.show_word_timestamps === true),
    ),
  };
}

// The documented fields of each block (Baseten's streaming-transcription page; the server's input
// model forbids any other).
const WHISPER_PARAMS = new Set([
  'audio_language',
  'language_options',
  'prompt',
  'show_word_timestamps',
  'show_beam_results',
  'language_detection_only',
  'use_dynamic_preprocessing',
  'whisper_sampling_params',
]);
const STREAMING_PARAMS = new Set([
  'encoding',
  'sample_rate',
  'enable_partial_transcripts',
  'partial_transcript_interval_s',
  'final_transcript_max_duration_s',
]);
const VAD_PARAMS = new Set([
  'threshold',
  'min_silence_duration_ms',
  'speech_pad_ms',
]);
const BLOCKS: Record<string, ReadonlySet<string>> = {
  whisper_params: WHISPER_PARAMS,
  streaming_params: STREAMING_PARAMS,
  streaming_vad_config: VAD_PARAMS,
};

/** Whether a session's first message asks for streaming transcription. */
export function isWhisperStreamingMetadata(
  value: unknown,
): value is Record<string, unknown> {
  return (
    isRecord(value) &&
    (isRecord(value.streaming_params) || isRecord(value.whisper_params))
  );
}

/** Checks the metadata as strictly as Baseten does: unknown fields are rejected. */
function validateMetadata(
  metadata: Record<string, unknown>,
): string | undefined {
  for (const [block, fields] of Object.entries(metadata)) {
    const known = BLOCKS[block];
    if (known === undefined)
      return `Unknown field "${block}" in the session metadata.`;
    if (!isRecord(fields)) return `"${block}" must be an object.`;
    for (const field of Object.keys(fields)) {
      if (!known.has(field))
        return `Unknown field "${block}.${field}" in the session metadata.`;
    }
  }
  const streaming = isRecord(metadata.streaming_params)
    ? metadata.streaming_params
    : {};
  const encoding = streaming.encoding ?? 'pcm_s16le';
  if (encoding !== 'pcm_s16le' && encoding !== 'pcm_mulaw') {
    return `Unsupported encoding ${JSON.stringify(encoding)}; use pcm_s16le or pcm_mulaw.`;
  }
  const longest = streaming.final_transcript_max_duration_s;
  if (
    longest !== undefined &&
    !(
      Number.isInteger(longest) &&
      (longest as number) >= 1 &&
      (longest as number) <= 30
    )
  ) {
    return `streaming_params.final_transcript_max_duration_s must be an integer from 1 to 30, not ${JSON.stringify(longest)}.`;
  }
  return undefined;
}

/** A server message of the streaming protocol. */
export type WhisperServerMessage = Record<string, unknown>;

/** The server's default `streaming_vad_config.min_silence_duration_ms`. */
const DEFAULT_MIN_SILENCE_MS = 300;

/** Whether a text message is the client's `{"type": "end_audio"}`. */
export function isEndAudio(value: unknown): boolean {
  return isRecord(value) && value.type === 'end_audio';
}

/**
 * One streaming Whisper session on the emulator: partial transcripts as
 * words are heard (when enabled), a final one per phrase when the voice
 * detector hears `min_silence_duration_ms` of silence, by the rule in
 * `emulator-voice-audio.ts`. Messages have the live shape: `segments`, no
 * `transcript`. Times are relative to the session's audio start.
 */
export class WhisperStreamingSession {
  private readonly decoder: EmulatedWhisperDecoder;
  private readonly partials: boolean;
  private readonly withWords: boolean;
  private readonly language: { code: string; prob: number | null };
  private count = 0;
  private ended = false;

  private constructor(metadata: Record<string, unknown>) {
    const streaming = isRecord(metadata.streaming_params)
      ? metadata.streaming_params
      : {};
    const params = isRecord(metadata.whisper_params)
      ? metadata.whisper_params
      : {};
    const vad = isRecord(metadata.streaming_vad_config)
      ? metadata.streaming_vad_config
      : {};
    const encoding = (streaming.encoding ??
      'pcm_s16le') as EmulatorAudioEncoding;
    const rate =
      typeof streaming.sample_rate === 'number'
        ? streaming.sample_rate
        : DEFAULT_RATE;
    const maxPhrase =
      typeof streaming.final_transcript_max_duration_s === 'number'
        ? streaming.final_transcript_max_duration_s
        : undefined;
    const minSilence =
      typeof vad.min_silence_duration_ms === 'number'
        ? vad.min_silence_duration_ms
        : DEFAULT_MIN_SILENCE_MS;
    this.decoder = new EmulatedWhisperDecoder(
      encoding,
      rate,
      maxPhrase,
      minSilence,
    );
    this.partials = streaming.enable_partial_transcripts === true;
    this.withWords = params.show_word_timestamps === true;
    this.language = languageOf(params);
  }

  /** A session for valid metadata, or the reason it is refused. */
  static start(
    metadata: Record<string, unknown>,
  ): WhisperStreamingSession | { readonly error: string } {
    const error = validateMetadata(metadata);
    return error !== undefined
      ? { error }
      : new WhisperStreamingSession(metadata);
  }

  /** Audio after the end of the audio is not transcribed. */
  audio(bytes: Uint8Array): WhisperServerMessage[] {
    if (this.ended) return [];
    return this.messages(this.decoder.push(bytes), false);
  }

  /**
   * `{"type": "end_audio"}`: acknowledged, the last finals (the last one
   * flagged `is_end_of_audio_flush`), then finished. The socket stays open
   * for the client to close, as Baseten's server leaves it.
   */
  end(): WhisperServerMessage[] {
    if (this.ended) return [];
    this.ended = true;
    return [
      { type: 'end_audio', body: { status: 'acknowledged' } },
      ...this.messages(this.decoder.end(), true),
      { type: 'end_audio', body: { status: 'finished' } },
    ];
  }

  private messages(
    events: readonly PhraseEvent[],
    flush: boolean,
  ): WhisperServerMessage[] {
    const kept = events.filter(
      event => event.type === 'final' || this.partials,
    );
    return kept.map((event, index) => {
      const segment = segmentOf(event.words, this.withWords);
      this.count += 1;
      return {
        type: 'transcription',
        is_final: event.type === 'final',
        transcription_num: this.count,
        language_code: this.language.code,
        language_prob: this.language.prob,
        audio_length_sec:
          Math.round((event.heardSeconds ?? this.decoder.seconds) * 1000) /
          1000,
        segments: [{ ...segment, text: String(segment.text).trim() }],
        ...(flush && index === kept.length - 1
          ? { is_end_of_audio_flush: true }
          : {}),
      };
    });
  }
}
