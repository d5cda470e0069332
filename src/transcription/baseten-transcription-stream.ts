import {
  InvalidArgumentError,
  InvalidResponseDataError,
  type Experimental_TranscriptionModelV4StreamOptions as TranscriptionModelV4StreamOptions,
  type Experimental_TranscriptionModelV4StreamPart as TranscriptionModelV4StreamPart,
  type Experimental_TranscriptionModelV4StreamResult as TranscriptionModelV4StreamResult,
  type JSONObject,
  type SharedV4AudioFormat,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import {
  convertBase64ToUint8Array,
  safeParseJSON,
} from '@ai-sdk/provider-utils';
import { defined } from '../baseten-defined';
import type { BasetenVoiceConfig } from '../deployment/baseten-voice-config';
import {
  runVoiceProtocol,
  type VoiceProtocol,
  type VoiceSessionControls,
} from '../deployment/baseten-voice-protocol';
import { pushServerError } from '../deployment/baseten-voice-messages';
import {
  AudioFramer,
  FRAME_SAMPLES,
  RealTimePacer,
  systemClock,
  type PacingClock,
} from './baseten-audio-pacing';
import {
  END_OF_AUDIO_MESSAGE,
  endOfAudioStatus,
  getWhisperSchemas,
  joinSegmentTexts,
  wordTiming,
  type WhisperStreamingMetadata,
  type WhisperStreamingTranscript,
} from './baseten-transcription-api';
import type { ParsedTranscriptionOptions } from './baseten-transcription-options';

type Part = TranscriptionModelV4StreamPart;

/** Whisper's own rate; what a format without a rate is taken to be. */
export const DEFAULT_SAMPLE_RATE = 16_000;
/** Unsent bytes the socket may hold before the audio source is read again. */
export const SEND_HIGH_WATER_MARK = 256 * 1024;
/**
 * How long the server may stay silent after the end of the audio before the stream finishes
 * without its `finished` (the wait restarts with each transcript), unless the call sets one.
 */
export const END_OF_AUDIO_TIMEOUT_MS = 10_000;
/** The whole wait after `end_audio`, in end-of-audio timeouts, however many transcripts restart it. */
export const END_OF_AUDIO_MAX_TIMEOUTS = 3;

/** A Whisper model's config; `pacingClock` is for tests (the clock real-time pacing reads). */
export interface WhisperStreamingConfig extends BasetenVoiceConfig {
  readonly pacingClock?: PacingClock;
}

/** Byte values of silence per encoding (mu-law's zero is 0xFF; 0x00 is its loudest negative). */
const SILENCE_BYTE: Record<
  WhisperStreamingMetadata['streaming_params']['encoding'],
  number
> = { pcm_s16le: 0x00, pcm_mulaw: 0xff };

const ENCODINGS: Record<
  string,
  WhisperStreamingMetadata['streaming_params']['encoding']
> = {
  'audio/pcm': 'pcm_s16le',
  'audio/pcmu': 'pcm_mulaw',
};

/** Baseten's encoding and rate for an AI SDK input format; throws before connecting if it has none. */
export function streamingEncoding(format: SharedV4AudioFormat): {
  encoding: WhisperStreamingMetadata['streaming_params']['encoding'];
  sampleRate: number;
} {
  const encoding = ENCODINGS[format.type.trim().toLowerCase()];
  if (encoding === undefined) {
    throw new InvalidArgumentError({
      argument: 'inputAudioFormat',
      message: `Baseten streaming transcription cannot take "${format.type}" audio. Send raw samples as audio/pcm (16-bit signed little-endian, mono) or audio/pcmu (8-bit mu-law), e.g. inputAudioFormat: { type: 'audio/pcm', rate: 16000 }.`,
    });
  }
  const sampleRate = format.rate ?? DEFAULT_SAMPLE_RATE;
  if (
    !Number.isInteger(sampleRate) ||
    sampleRate < 1000 ||
    sampleRate > 192_000
  ) {
    throw new InvalidArgumentError({
      argument: 'inputAudioFormat.rate',
      message: `Invalid inputAudioFormat.rate ${String(format.rate)}: use the audio's sample rate in Hz, e.g. 16000 (Whisper's rate) or 8000 (telephony).`,
    });
  }
  return { encoding, sampleRate };
}

/**
 * The session's metadata frame: only keys the server knows, as it rejects others (unknown
 * options were reported when they were parsed). `whisper_params` are batch's (reference §2.1).
 */
export function streamingMetadata(
  options: ParsedTranscriptionOptions,
  format: SharedV4AudioFormat,
): WhisperStreamingMetadata {
  const { encoding, sampleRate } = streamingEncoding(format);
  const vad = defined({
    threshold: options.vadThreshold,
    min_silence_duration_ms: options.minSilenceDurationMs,
    speech_pad_ms: options.speechPadMs,
  });
  const metadata: WhisperStreamingMetadata = {
    whisper_params: defined({
      audio_language: options.language,
      language_options: options.languageOptions,
      prompt: options.prompt,
      show_word_timestamps: options.wordTimestamps,
      use_dynamic_preprocessing: options.useDynamicPreprocessing,
      language_detection_only: options.languageDetectionOnly,
    }),
    streaming_params: defined({
      encoding,
      sample_rate: sampleRate,
      enable_partial_transcripts: options.partialTranscripts ?? true,
      partial_transcript_interval_s: options.partialTranscriptIntervalSeconds,
      final_transcript_max_duration_s:
        options.finalTranscriptMaxDurationSeconds,
    }),
    ...(Object.keys(vad).length > 0 ? { streaming_vad_config: vad } : {}),
  };
  return metadata;
}

/**
 * The text of a transcription message: its segment texts joined (Baseten's messages carry no
 * `transcript`; one is read only from a message without segments).
 */
function transcriptText(message: WhisperStreamingTranscript): string {
  if (message.segments != null) return joinSegmentTexts(message.segments);
  return message.transcript?.trim() ?? '';
}

function timing(message: WhisperStreamingTranscript): {
  start?: number;
  end?: number;
} {
  const segments = message.segments ?? [];
  return { start: segments[0]?.start_time, end: segments.at(-1)?.end_time };
}

interface FinalSegment {
  readonly text: string;
  readonly startSecond: number;
  readonly endSecond: number;
}

/**
 * Turns a session's transcription messages (Whisper's shape, also Qwen3-ASR's) into stream parts
 * and keeps what `finish` reports. `languageOf` maps a message's `language_code` (Qwen3 sends
 * names); `skipEmptyFinals` treats a final without text as no speech rather than a turn.
 */
export class TranscriptCollector {
  private finals: FinalSegment[] = [];
  private texts: string[] = [];
  private language: string | undefined;
  private utterance = 0;
  private readonly warnings: JSONObject[] = [];

  constructor(
    private readonly push: (part: Part) => void,
    private readonly settings: {
      readonly languageOf?: (code: string) => string;
      readonly skipEmptyFinals?: boolean;
      /** The warning when the server did not confirm the end within `timeoutMs`. */
      readonly unconfirmed?: (timeoutMs: number | undefined) => string;
    } = {},
  ) {}

  /** A server message the stream cannot use, reported in the finish part's warnings. */
  warn(message: string): void {
    this.warnings.push({ type: 'other', message });
  }

  add(message: WhisperStreamingTranscript): void {
    const text = transcriptText(message);
    const { start, end } = timing(message);
    if (message.language_code != null)
      this.language =
        this.settings.languageOf?.(message.language_code) ??
        message.language_code;
    if (message.is_final && text === '' && this.settings.skipEmptyFinals)
      return;
    const id = `utterance-${this.utterance}`;
    const metadata = messageMetadata(message);
    if (!message.is_final) {
      this.push({
        type: 'transcript-partial',
        id,
        text,
        ...(start !== undefined ? { startSecond: start } : {}),
        ...(start !== undefined && end !== undefined
          ? { durationInSeconds: Math.round((end - start) * 1000) / 1000 }
          : {}),
        ...(metadata !== undefined
          ? { providerMetadata: { baseten: metadata } }
          : {}),
      });
      return;
    }
    this.utterance += 1;
    if (text !== '') this.texts.push(text);
    for (const segment of message.segments ?? []) {
      if (segment.start_time === undefined || segment.end_time === undefined)
        continue;
      this.finals.push({
        text: segment.text.trim(),
        startSecond: segment.start_time,
        endSecond: segment.end_time,
      });
    }
    this.push({
      type: 'transcript-final',
      id,
      text,
      ...(start !== undefined ? { startSecond: start } : {}),
      ...(end !== undefined ? { endSecond: end } : {}),
      ...(metadata !== undefined
        ? { providerMetadata: { baseten: metadata } }
        : {}),
    });
  }

  /**
   * The finish part. `endOfAudio` says how the session ended: the server reported `finished`,
   * closed the socket, or let `timeoutMs` pass without confirming (then a warning says so).
   */
  finish(
    endOfAudio: 'finished' | 'closed' | 'unconfirmed',
    timeoutMs?: number,
  ): Part {
    const warnings: JSONObject[] = [...this.warnings];
    if (endOfAudio === 'unconfirmed') {
      warnings.push({
        type: 'other',
        message:
          this.settings.unconfirmed?.(timeoutMs) ??
          `The server did not confirm the end of the audio (no end_audio "finished" within ${timeoutMs} ms of its last transcript, or ${END_OF_AUDIO_MAX_TIMEOUTS * (timeoutMs ?? 0)} ms after end_audio); the transcript holds what arrived. A deployment that predates end_audio behaves so; its last phrase may be missing.`,
      });
    }
    return {
      type: 'finish',
      text: this.texts.join(' '),
      segments: this.finals,
      ...(this.language !== undefined ? { language: this.language } : {}),
      ...(this.finals.length > 0
        ? { durationInSeconds: this.finals[this.finals.length - 1].endSecond }
        : {}),
      providerMetadata: {
        baseten: {
          endOfAudio,
          ...(warnings.length > 0 ? { warnings } : {}),
        },
      },
    };
  }
}

function messageMetadata(
  message: WhisperStreamingTranscript,
): JSONObject | undefined {
  const metadata: JSONObject = {};
  if (message.confidence != null) metadata.confidence = message.confidence;
  const words = (message.segments ?? []).flatMap(
    segment => segment.word_timestamps ?? [],
  );
  if (words.length > 0) {
    metadata.words = words.map(wordTiming);
  }
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}

/** Half a 16-bit sample left at the end: said, not dropped silently. */
export function oddByteError(): InvalidArgumentError {
  return new InvalidArgumentError({
    argument: 'audio',
    message:
      'The audio ended with half a 16-bit sample (an odd number of bytes for audio/pcm); its last byte was not sent.',
  });
}

/**
 * A server text message's JSON value (`undefined` when it is not JSON), after it is pushed as a
 * raw part when the call asked for raw chunks.
 */
export async function readServerMessage(
  text: string,
  includeRawChunks: boolean,
  session: VoiceSessionControls<Part>,
): Promise<{ value: unknown } | undefined> {
  const parsed = await safeParseJSON({ text });
  if (includeRawChunks)
    session.push({
      type: 'raw',
      rawValue: parsed.success ? parsed.value : text,
    });
  return parsed.success ? { value: parsed.value } : undefined;
}

/**
 * A `transcription` message in Whisper's streaming shape (Qwen3-ASR's too), or an error part that
 * names `shape` (e.g. `Whisper`) and the server's `url`.
 */
export function streamingTranscript(
  value: unknown,
  shape: string,
  url: string,
  session: VoiceSessionControls<Part>,
): WhisperStreamingTranscript | undefined {
  const transcript = getWhisperSchemas().streaming.safeParse(value);
  if (transcript.success) return transcript.data;
  session.push({
    type: 'error',
    error: new InvalidResponseDataError({
      data: value,
      message: `A transcription message from ${url} does not have the ${shape} streaming shape: ${transcript.error.message}`,
    }),
  });
  return undefined;
}

/** Why an `end_audio` message is not used, if it is not (`undefined`: use it). */
function endOfAudioWarning(
  status: string,
  endSent: boolean,
  text: string,
): string | undefined {
  if (!endSent)
    return `The server sent end_audio "${status}" before the client sent end_audio; it was ignored (the audio was still being sent): ${text}`;
  if (status === 'acknowledged' || status === 'finished') return undefined;
  return `The server answered end_audio with an unknown status "${status}": ${text}`;
}

/**
 * Whisper's streaming protocol (reference §2): the metadata frame, the audio as binary frames of
 * exactly 512 samples (the last padded with silence) no faster than real time, then
 * `{"type":"end_audio"}`; transcription messages become partial and final parts, and `end_audio`
 * `finished` ends the stream. After `end_audio` each transcript restarts the end-of-audio wait,
 * up to `END_OF_AUDIO_MAX_TIMEOUTS` timeouts in all.
 */
function whisperProtocol(args: {
  readonly metadata: WhisperStreamingMetadata;
  readonly options: ParsedTranscriptionOptions;
  readonly includeRawChunks: boolean;
  readonly url: string;
  readonly clock: PacingClock;
}): VoiceProtocol<Uint8Array | string, Part> {
  const { metadata, options, includeRawChunks, url, clock } = args;
  const { encoding, sample_rate: sampleRate } = metadata.streaming_params;
  const bytesPerSample = encoding === 'pcm_s16le' ? 2 : 1;
  const framer = new AudioFramer(
    FRAME_SAMPLES * bytesPerSample,
    bytesPerSample,
    SILENCE_BYTE[encoding],
  );
  const pacer =
    options.realTimePacing === false
      ? undefined
      : new RealTimePacer(sampleRate, clock);
  const endTimeoutMs = options.endOfAudioTimeoutMs ?? END_OF_AUDIO_TIMEOUT_MS;
  /** When `end_audio` went out (on `clock`). */
  let endSentAt: number | undefined;
  let collector: TranscriptCollector | undefined;
  const collectorOf = (session: VoiceSessionControls<Part>) =>
    (collector ??= new TranscriptCollector(part => session.push(part)));
  /** The server is still answering the end of the audio: wait longer, within the bound. */
  const extendEnd = (session: VoiceSessionControls<Part>) => {
    if (endSentAt === undefined) return;
    const waited = clock.now() - endSentAt;
    if (waited + endTimeoutMs <= END_OF_AUDIO_MAX_TIMEOUTS * endTimeoutMs)
      session.extendEnd();
  };
  /** The last frame; the runner sends `end_audio` as soon as it is out. */
  function* lastFrames(frame: Uint8Array | undefined) {
    if (frame !== undefined) yield frame;
    endSentAt = clock.now();
  }

  return {
    serverName: 'The Whisper deployment',
    opening: metadata,
    sendHighWaterMark: SEND_HIGH_WATER_MARK,
    endTimeoutMs,
    frames: value => {
      const bytes =
        typeof value === 'string' ? convertBase64ToUint8Array(value) : value;
      pacer?.received(Math.floor(bytes.length / bytesPerSample));
      return framer.push(bytes);
    },
    end: session => {
      const { frame, leftover } = framer.end();
      if (leftover !== undefined)
        session.push({ type: 'error', error: oddByteError() });
      return { frames: lastFrames(frame), end: END_OF_AUDIO_MESSAGE };
    },
    beforeSend: async (frame, abortSignal) => {
      if (typeof frame !== 'string')
        await pacer?.beforeFrame(frame.length / bytesPerSample, abortSignal);
    },
    readText: async (text, session) => {
      const parsed = await readServerMessage(text, includeRawChunks, session);
      if (parsed === undefined) return;
      const status = endOfAudioStatus(parsed.value);
      if (status !== undefined) {
        const warning = endOfAudioWarning(
          status,
          endSentAt !== undefined,
          text,
        );
        if (warning !== undefined) collectorOf(session).warn(warning);
        else if (status === 'finished')
          // the last finals came before `finished`; the socket is ours to close
          return session.finish(collectorOf(session).finish('finished'));
        return extendEnd(session);
      }
      const message = parsed.value as { type?: unknown };
      if (message.type === 'transcription') {
        extendEnd(session);
        const transcript = streamingTranscript(
          parsed.value,
          'Whisper',
          url,
          session,
        );
        if (transcript !== undefined) collectorOf(session).add(transcript);
        return;
      }
      pushServerError(parsed.value, text, session);
      // other message types (status, keep-alive) are not transcripts and do not extend the wait
    },
    endTimeoutPart: () =>
      (collector ?? new TranscriptCollector(() => {})).finish(
        'unconfirmed',
        endTimeoutMs,
      ),
    closed: () =>
      (collector ?? new TranscriptCollector(() => {})).finish('closed'),
  };
}

/**
 * One streaming Whisper session (`whisperProtocol` run by `runVoiceProtocol`): partial and final
 * transcripts as parts until the server says it finished.
 */
export function streamTranscription(args: {
  readonly config: WhisperStreamingConfig;
  readonly modelId: string;
  readonly options: ParsedTranscriptionOptions;
  /** Warnings so far (from parsing the options); the metadata's are added. */
  readonly warnings: SharedV4Warning[];
  readonly call: TranscriptionModelV4StreamOptions;
}): Promise<TranscriptionModelV4StreamResult> {
  const { config, modelId, options, warnings, call } = args;
  return runVoiceProtocol<Uint8Array | string, Part>({
    config,
    modelId,
    call: { ...call, input: call.audio },
    warnings,
    protocol: () =>
      whisperProtocol({
        metadata: streamingMetadata(options, call.inputAudioFormat),
        options,
        includeRawChunks: call.includeRawChunks === true,
        url: config.endpoints.webSocketURL,
        clock: config.pacingClock ?? systemClock,
      }),
    streamStart: stream => ({ type: 'stream-start', warnings: stream }),
  });
}
