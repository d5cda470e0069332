import {
  InvalidArgumentError,
  type Experimental_TranscriptionModelV4StreamOptions as TranscriptionModelV4StreamOptions,
  type Experimental_TranscriptionModelV4StreamPart as TranscriptionModelV4StreamPart,
  type Experimental_TranscriptionModelV4StreamResult as TranscriptionModelV4StreamResult,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import {
  convertBase64ToUint8Array,
  convertUint8ArrayToBase64,
} from '@ai-sdk/provider-utils';
import type { BasetenVoiceConfig } from '../deployment/baseten-voice-config';
import {
  runVoiceProtocol,
  type VoiceProtocol,
  type VoiceSessionControls,
} from '../deployment/baseten-voice-protocol';
import { pushServerError } from '../deployment/baseten-voice-messages';
import { AudioFramer } from './baseten-audio-pacing';
import { Pcm16Resampler } from './baseten-pcm-resampler';
import {
  QWEN3_ASR_BATCH_OPTIONS,
  type ParsedQwen3ASROptions,
} from './baseten-qwen3-asr-options';
import {
  asQwen3LanguageCode,
  qwen3LanguageCode,
  qwen3LanguageName,
} from './baseten-qwen3-languages';
import {
  END_OF_AUDIO_TIMEOUT_MS,
  oddByteError,
  readServerMessage,
  streamingTranscript,
  TranscriptCollector,
} from './baseten-transcription-stream';

type Part = TranscriptionModelV4StreamPart;

/** Qwen3-ASR's streaming rate: audio at other rates is resampled to it. */
export const QWEN3_ASR_SAMPLE_RATE = 16_000;
/** Samples per `input_audio_buffer.append` (100 ms at 16 kHz, as LiveKit's client sends). */
export const QWEN3_APPEND_SAMPLES = 1_600;

/** The handshake of a Qwen3-ASR streaming session: the Whisper block names, without encoding and rate. */
export interface Qwen3ASRHandshake {
  readonly whisper_params: {
    readonly audio_language: string;
    readonly show_word_timestamps: boolean;
  };
  readonly streaming_params: {
    readonly enable_partial_transcripts: boolean;
    readonly partial_transcript_interval_s: number;
    readonly final_transcript_max_duration_s: number;
  };
  readonly streaming_vad_config: {
    readonly threshold: number;
    readonly min_silence_duration_ms: number;
    readonly speech_pad_ms: number;
  };
}

/** The frame that ends the audio: one commit (a second one would open an empty turn). */
export const QWEN3_COMMIT_MESSAGE = JSON.stringify({
  type: 'input_audio_buffer.commit',
});

/** The rate of the input, checked before connecting: Qwen3-ASR takes 16-bit PCM only. */
function inputRate(call: TranscriptionModelV4StreamOptions): number {
  const format = call.inputAudioFormat;
  if (format.type.trim().toLowerCase() !== 'audio/pcm') {
    throw new InvalidArgumentError({
      argument: 'inputAudioFormat',
      message: `Qwen3-ASR streaming takes 16-bit PCM only, not "${format.type}": send audio/pcm (16-bit signed little-endian, mono), e.g. inputAudioFormat: { type: 'audio/pcm', rate: 16000 }. Other rates are resampled to 16 kHz.`,
    });
  }
  const rate = format.rate ?? QWEN3_ASR_SAMPLE_RATE;
  if (!Number.isInteger(rate) || rate < 1000 || rate > 192_000) {
    throw new InvalidArgumentError({
      argument: 'inputAudioFormat.rate',
      message: `Invalid inputAudioFormat.rate ${String(format.rate)}: use the audio's sample rate in Hz, e.g. 16000 (Qwen3-ASR's rate) or 24000.`,
    });
  }
  return rate;
}

/** The handshake's `audio_language`: a Qwen3 language name, or `auto`. */
function audioLanguage(language: string | undefined): string {
  if (language === undefined || language.trim().toLowerCase() === 'auto')
    return 'auto';
  const code = asQwen3LanguageCode(language);
  const name = code !== undefined ? qwen3LanguageName(code) : undefined;
  if (name === undefined) {
    throw new InvalidArgumentError({
      argument: 'providerOptions.baseten.language',
      message: `Invalid providerOptions.baseten.language ${JSON.stringify(language)}: Qwen3-ASR takes an ISO code such as "en" or "yue", a language name such as "English", or "auto" to detect it.`,
    });
  }
  return name;
}

/** The handshake with Qwen3's own defaults (LiveKit's client, reference §4.2); warnings for batch-only options. */
export function qwen3Handshake(
  options: ParsedQwen3ASROptions,
  warnings: SharedV4Warning[],
): Qwen3ASRHandshake {
  for (const name of QWEN3_ASR_BATCH_OPTIONS) {
    if (options[name] === undefined) continue;
    warnings.push({
      type: 'unsupported',
      feature: `providerOptions.baseten.${name}`,
      details:
        'It applies to Qwen3-ASR batch transcription only (the streaming handshake has no such field); it was not sent.',
    });
  }
  return {
    whisper_params: {
      audio_language: audioLanguage(options.language),
      show_word_timestamps: options.wordTimestamps ?? false,
    },
    streaming_params: {
      enable_partial_transcripts: options.partialTranscripts ?? true,
      partial_transcript_interval_s:
        options.partialTranscriptIntervalSeconds ?? 0.5,
      final_transcript_max_duration_s:
        options.finalTranscriptMaxDurationSeconds ?? 30,
    },
    streaming_vad_config: {
      threshold: options.vadThreshold ?? 0.5,
      min_silence_duration_ms: options.minSilenceDurationMs ?? 500,
      speech_pad_ms: options.speechPadMs ?? 100,
    },
  };
}

function isEndOfAudioFlush(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { is_end_of_audio_flush?: unknown }).is_end_of_audio_flush ===
      true
  );
}

/**
 * Qwen3-ASR's streaming protocol (v1, Model Library "Deploy Streaming"; reference §4.2): the
 * handshake, the audio only as JSON `input_audio_buffer.append` frames of base64 16 kHz PCM16
 * (~100 ms each), one `input_audio_buffer.commit`; the final that carries
 * `is_end_of_audio_flush` ends the stream (the server never closes the socket).
 */
function qwen3ASRProtocol(args: {
  readonly handshake: Qwen3ASRHandshake;
  readonly rate: number;
  readonly endTimeoutMs: number;
  readonly includeRawChunks: boolean;
  readonly url: string;
}): VoiceProtocol<Uint8Array | string, Part> {
  const { handshake, rate, endTimeoutMs, includeRawChunks, url } = args;
  const resampler =
    rate === QWEN3_ASR_SAMPLE_RATE
      ? undefined
      : new Pcm16Resampler(rate, QWEN3_ASR_SAMPLE_RATE);
  const framer = new AudioFramer(QWEN3_APPEND_SAMPLES * 2, 2);
  const append = (pcm: Uint8Array) =>
    JSON.stringify({
      type: 'input_audio_buffer.append',
      audio: convertUint8ArrayToBase64(pcm),
    });
  let collector: TranscriptCollector | undefined;
  const collectorOf = (session?: VoiceSessionControls<Part>) =>
    (collector ??= new TranscriptCollector(part => session?.push(part), {
      languageOf: name => qwen3LanguageCode(name) ?? name,
      skipEmptyFinals: true,
      unconfirmed: timeoutMs =>
        `The server did not send the final that answers the commit (is_end_of_audio_flush) within ${timeoutMs} ms of its last message; the transcript holds what arrived, its last phrase may be missing.`,
    }));

  return {
    serverName: 'The Qwen3-ASR deployment',
    opening: handshake,
    endTimeoutMs,
    frames: value => {
      const bytes =
        typeof value === 'string' ? convertBase64ToUint8Array(value) : value;
      const pcm = resampler?.push(bytes) ?? bytes;
      return framer.push(pcm).map(append);
    },
    end: session => {
      const tail = resampler?.end();
      const frames = tail !== undefined ? framer.push(tail) : [];
      const { frame, leftover } = framer.end();
      if (frame !== undefined) frames.push(frame);
      if (leftover !== undefined)
        session.push({ type: 'error', error: oddByteError() });
      return { frames: frames.map(append), end: QWEN3_COMMIT_MESSAGE };
    },
    readText: async (text, session) => {
      const parsed = await readServerMessage(text, includeRawChunks, session);
      if (parsed === undefined) return;
      session.extendEnd();
      const message = parsed.value as { type?: unknown };
      if (message.type === 'transcription') {
        const transcript = streamingTranscript(
          parsed.value,
          'Qwen3-ASR',
          url,
          session,
        );
        if (transcript === undefined) return;
        collectorOf(session).add(transcript);
        // the final that answers the commit: the server never closes, so the client does
        if (transcript.is_final && isEndOfAudioFlush(parsed.value))
          session.finish(collectorOf(session).finish('finished'));
        return;
      }
      pushServerError(parsed.value, text, session);
    },
    endTimeoutPart: () => collectorOf().finish('unconfirmed', endTimeoutMs),
    closed: () => collectorOf().finish('closed'),
  };
}

/** Qwen3-ASR streaming transcription: `qwen3ASRProtocol` run by `runVoiceProtocol`. */
export function streamQwen3Transcription(args: {
  readonly config: BasetenVoiceConfig;
  readonly modelId: string;
  readonly options: ParsedQwen3ASROptions;
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
      qwen3ASRProtocol({
        rate: inputRate(call),
        handshake: qwen3Handshake(options, warnings),
        endTimeoutMs: options.endOfAudioTimeoutMs ?? END_OF_AUDIO_TIMEOUT_MS,
        includeRawChunks: call.includeRawChunks === true,
        url: config.endpoints.webSocketURL,
      }),
    streamStart: stream => ({ type: 'stream-start', warnings: stream }),
  });
}
