import {
  APICallError,
  InvalidArgumentError,
  type Experimental_SpeechModelV4StreamPart as SpeechModelV4StreamPart,
  type Experimental_SpeechModelV4StreamResult as SpeechModelV4StreamResult,
  type Experimental_SpeechModelV4StreamTextPart as SpeechModelV4StreamTextPart,
  type JSONObject,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import {
  convertBase64ToUint8Array,
  convertUint8ArrayToBase64,
} from '@ai-sdk/provider-utils';
import { defined } from '../baseten-defined';
import { decodeWavHeader, isWav } from '../baseten-wav';
import { parseJSONOrText } from '../deployment/baseten-voice-messages';
import type { BasetenVoiceConfig } from '../deployment/baseten-voice-config';
import {
  runVoiceProtocol,
  type VoiceProtocol,
  type VoiceSessionControls,
} from '../deployment/baseten-voice-protocol';
import { qwen3LanguageName } from '../transcription/baseten-qwen3-languages';
import type { ParsedQwen3TTSOptions } from './baseten-qwen3-tts-options';

type Part = SpeechModelV4StreamPart;

/** Qwen3-TTS streams 16-bit mono PCM at this rate (`stream_audio` with `pcm`). */
export const QWEN3_TTS_SAMPLE_RATE = 24_000;
/** The AI SDK format of that audio. */
export const QWEN3_TTS_AUDIO_FORMAT = {
  type: 'audio/pcm',
  rate: QWEN3_TTS_SAMPLE_RATE,
} as const;
/** The server's idle limit between client messages (vLLM-Omni `serving_speech_stream.py`). */
export const QWEN3_TTS_IDLE_LIMIT_MS = 30_000;
/** An empty `input.text` after this long without a message keeps the session alive. */
export const QWEN3_TTS_KEEPALIVE_MS = 15_000;
/** How long the server may take to speak the rest after `input.done`. */
export const QWEN3_TTS_END_TIMEOUT_MS = 120_000;
/** The largest `session.config` the server reads (4 MiB, `serving_speech_stream.py`). */
export const QWEN3_TTS_MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** Languages Qwen3-TTS speaks, by the names its `language` takes. */
const TTS_LANGUAGES = new Set([
  'Chinese',
  'English',
  'French',
  'German',
  'Italian',
  'Japanese',
  'Korean',
  'Portuguese',
  'Russian',
  'Spanish',
]);

/** The first message of a Qwen3-TTS session. */
export type Qwen3TTSSessionConfig = Record<string, unknown> & {
  readonly type: 'session.config';
};

/** What the call sets besides the provider options. */
export interface Qwen3TTSCallSettings {
  readonly voice?: string;
  readonly language?: string;
  readonly instructions?: string;
  readonly speed?: number;
}

function sniffAudioType(bytes: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) =>
    String.fromCharCode(...bytes.subarray(from, to));
  if (isWav(bytes)) return 'audio/wav';
  if (ascii(0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(0, 4) === 'OggS') return 'audio/ogg';
  if (
    ascii(0, 3) === 'ID3' ||
    (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)
  )
    return 'audio/mpeg';
  return undefined;
}

function invalid(argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument, message });
}

/** `ref_audio`: a URL as is, bytes as a `data:` URI; checked for what can be checked before connecting. */
function referenceAudioOf(options: ParsedQwen3TTSOptions): string | undefined {
  const given = options.referenceAudio;
  if (given === undefined) return undefined;
  if (options.referenceText === undefined) {
    throw invalid(
      'providerOptions.baseten.referenceText',
      'providerOptions.baseten.referenceAudio needs referenceText: the words spoken in the reference recording (Qwen3-TTS clones a voice from the audio and its transcript).',
    );
  }
  if (typeof given === 'string' && /^(https?:\/\/|data:)/i.test(given))
    return given;
  const bytes =
    typeof given === 'string' ? convertBase64ToUint8Array(given) : given;
  const mediaType = options.referenceAudioMediaType ?? sniffAudioType(bytes);
  if (mediaType === undefined) {
    throw invalid(
      'providerOptions.baseten.referenceAudioMediaType',
      'The type of providerOptions.baseten.referenceAudio cannot be told from its bytes: set referenceAudioMediaType (e.g. "audio/wav"), or give an http(s) URL.',
    );
  }
  const wav = mediaType === 'audio/wav' ? decodeWavHeader(bytes) : undefined;
  if (wav !== undefined && (wav.seconds < 1 || wav.seconds > 30)) {
    throw invalid(
      'providerOptions.baseten.referenceAudio',
      `The reference recording lasts ${wav.seconds.toFixed(1)} s; Qwen3-TTS clones a voice from 1 to 30 s of clear speech.`,
    );
  }
  return `data:${mediaType};base64,${convertUint8ArrayToBase64(bytes)}`;
}

/**
 * The `session.config` as sent: serialized once (with a cloned voice it is mostly the reference
 * audio, ~0.3 ms of `JSON.stringify` per 100 KB) and checked against the server's limit.
 */
function sessionConfigFrame(config: Qwen3TTSSessionConfig): string {
  const frame = JSON.stringify(config);
  // UTF-8 takes at most 3 bytes per UTF-16 unit: encode only when that bound is over the limit
  if (
    frame.length * 3 > QWEN3_TTS_MAX_CONFIG_BYTES &&
    new TextEncoder().encode(frame).length > QWEN3_TTS_MAX_CONFIG_BYTES
  ) {
    throw invalid(
      'providerOptions.baseten.referenceAudio',
      'The reference recording is too large: Qwen3-TTS reads a session.config of at most 4 MiB. Use a shorter clip (1 to 30 s), a compressed format, or an http(s) URL.',
    );
  }
  return frame;
}

/**
 * The `session.config` and its frame, checked before connecting, and warnings for what the
 * stream cannot honour.
 */
export function qwen3SessionConfig(
  options: ParsedQwen3TTSOptions,
  settings: Qwen3TTSCallSettings,
  warnings: SharedV4Warning[],
): { readonly config: Qwen3TTSSessionConfig; readonly frame: string } {
  const refAudio = referenceAudioOf(options);
  if (
    refAudio === undefined &&
    settings.voice === undefined &&
    options.taskType === undefined
  ) {
    throw invalid(
      'voice',
      "Qwen3-TTS (the Base checkpoint Baseten deploys) has no built-in voices: set voice to a voice cloned on the deployment, or clone one for the call with providerOptions.baseten.referenceAudio and referenceText (or set providerOptions.baseten.taskType for a 'CustomVoice' checkpoint).",
    );
  }
  let language: string | undefined;
  if (settings.language !== undefined && settings.language !== 'auto') {
    language = qwen3LanguageName(settings.language);
    if (language === undefined || !TTS_LANGUAGES.has(language)) {
      throw invalid(
        'language',
        `Qwen3-TTS cannot speak language ${JSON.stringify(settings.language)}: use an ISO code of ${[...TTS_LANGUAGES].map(name => `${name}`).join(', ')} (e.g. "en"), or leave it unset.`,
      );
    }
  }
  if (settings.speed !== undefined && settings.speed !== 1) {
    warnings.push({
      type: 'unsupported',
      feature: 'speed',
      details:
        'Qwen3-TTS streams PCM only at speed 1 (the server refuses another speed with stream_audio); it was not sent.',
    });
  }
  const config: Qwen3TTSSessionConfig = {
    type: 'session.config',
    ...defined({
      model: options.servedModelName,
      voice: settings.voice,
      task_type:
        options.taskType ?? (refAudio !== undefined ? 'Base' : undefined),
      language,
      instructions: settings.instructions,
      response_format: 'pcm',
      stream_audio: true,
      max_new_tokens: options.maxNewTokens,
      ref_audio: refAudio,
      ref_text: refAudio !== undefined ? options.referenceText : undefined,
      split_granularity: options.splitGranularity,
      timestamp_type: options.wordTimestamps === true ? 'word' : undefined,
    }),
  };
  return { config, frame: sessionConfigFrame(config) };
}

type WordTiming = { text: string; startSecond: number; endSecond: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A sentence's words on the utterance's time base. Sources disagree on the base (vLLM-Omni's code
 * offsets them to the session, LiveKit adds the sentence's own offset), so times that start before
 * the sentence's audio do are taken as sentence-relative and moved by its offset.
 */
function wordsOf(info: unknown, offsetSeconds: number): WordTiming[] {
  const alignment = isRecord(info) ? info.word_alignment : undefined;
  if (!isRecord(alignment)) return [];
  const {
    words,
    word_start_times_seconds: starts,
    word_end_times_seconds: ends,
  } = alignment;
  if (!Array.isArray(words) || !Array.isArray(starts) || !Array.isArray(ends))
    return [];
  const first = Number(starts[0]);
  const relative = offsetSeconds > 0 && first < offsetSeconds - 0.05;
  const shift = relative ? offsetSeconds : 0;
  const at = (value: unknown) =>
    Math.round((Number(value) + shift) * 1000) / 1000;
  return words.flatMap((word, index) =>
    typeof word === 'string' &&
    Number.isFinite(Number(starts[index])) &&
    Number.isFinite(Number(ends[index]))
      ? [
          {
            text: word,
            startSecond: at(starts[index]),
            endSecond: at(ends[index]),
          },
        ]
      : [],
  );
}

/**
 * Qwen3-TTS' streaming protocol (Baseten's vLLM-Omni fork; reference §7): `session.config` (PCM
 * streaming), `input.text` as text arrives (an empty one keeps a slow session alive),
 * `input.done`; binary frames are audio parts until `session.done`. A sentence that fails is an
 * error part while the others' audio still arrives.
 */
function qwen3TTSProtocol(args: {
  readonly config: Qwen3TTSSessionConfig;
  readonly configFrame: string;
  readonly includeRawChunks: boolean;
  readonly url: string;
}): VoiceProtocol<SpeechModelV4StreamTextPart, Part> {
  const { config, configFrame, includeRawChunks, url } = args;
  const sessionVoice =
    typeof config.voice === 'string' ? `"${config.voice}"` : 'the cloned voice';
  let inputCharacters = 0;
  let audioBytes = 0;
  let sentenceIndex: number | undefined;
  const offsets = new Map<number, number>();
  const words: Array<{ index: number; words: WordTiming[] }> = [];
  let lastError: string | undefined;
  let failedSentences = 0;

  const addWords = (index: unknown, info: unknown) => {
    if (typeof index !== 'number' || info === undefined) return;
    words.push({ index, words: wordsOf(info, offsets.get(index) ?? 0) });
  };
  const finishPart = (): Part => {
    const metadata: JSONObject = {};
    if (config.timestamp_type === 'word') {
      metadata.words = words
        .sort((a, b) => a.index - b.index)
        .flatMap(entry => entry.words);
    }
    if (failedSentences > 0) metadata.failedSentences = failedSentences;
    return {
      type: 'finish',
      usage: { inputCharacters },
      ...(Object.keys(metadata).length > 0
        ? { providerMetadata: { baseten: metadata } }
        : {}),
    };
  };

  const read = (
    value: Record<string, unknown>,
    text: string,
    session: VoiceSessionControls<Part>,
  ) => {
    switch (value.type) {
      case 'audio.start':
        if (typeof value.sentence_index === 'number') {
          const offsetSeconds = audioBytes / 2 / QWEN3_TTS_SAMPLE_RATE;
          sentenceIndex = value.sentence_index;
          offsets.set(value.sentence_index, offsetSeconds);
        }
        return;
      case 'audio.done':
        if (value.error === true) failedSentences += 1;
        addWords(value.sentence_index, value.timestamp_info);
        return;
      case 'timestamps':
        addWords(value.sentence_index, value.timestamp_info);
        return;
      case 'session.done':
        return session.finish(finishPart());
      case 'error': {
        const message =
          typeof value.message === 'string' ? value.message : text;
        lastError = message;
        session.push({
          type: 'error',
          error: session.serverError(
            /^Idle timeout/i.test(message)
              ? `${message} (Qwen3-TTS ends a session after ${QWEN3_TTS_IDLE_LIMIT_MS / 1000} s without a message)`
              : message,
            value,
          ),
        });
        return;
      }
      default:
      // voice.* results and other messages are not audio
    }
  };

  return {
    serverName: 'The Qwen3-TTS deployment',
    opening: config,
    openingFrame: configFrame,
    endTimeoutMs: QWEN3_TTS_END_TIMEOUT_MS,
    keepAlive: {
      everyMs: QWEN3_TTS_KEEPALIVE_MS,
      frame: JSON.stringify({ type: 'input.text', text: '' }),
    },
    frames: part => {
      if (part.voice !== undefined && part.voice !== config.voice)
        throw invalid(
          'text',
          `A text part asks for voice "${part.voice}" but the session speaks ${sessionVoice}: a Qwen3-TTS session has one voice. Start another stream for another voice.`,
        );
      if (part.text === '') return [];
      inputCharacters += [...part.text].length;
      return [JSON.stringify({ type: 'input.text', text: part.text })];
    },
    end: () => ({ frames: [], end: JSON.stringify({ type: 'input.done' }) }),
    // synchronous, so that a message keeps its place among the audio frames
    readText: (text, session) => {
      const value = parseJSONOrText(text);
      if (includeRawChunks) session.push({ type: 'raw', rawValue: value });
      if (isRecord(value)) read(value, text, session);
    },
    readBinary: (bytes, session) => {
      audioBytes += bytes.length;
      session.push({
        type: 'audio',
        ...(sentenceIndex !== undefined
          ? { id: `sentence-${sentenceIndex}` }
          : {}),
        audio: bytes,
        audioFormat: QWEN3_TTS_AUDIO_FORMAT,
      });
    },
    closed: () => {
      // the server ends a session it gives up on (bad config, idle limit) with a clean close
      throw new APICallError({
        message: `The Qwen3-TTS deployment at ${url} closed the session before session.done${lastError !== undefined ? `: ${lastError}` : ''}.`,
        url,
        requestBodyValues: config,
        isRetryable: false,
      });
    },
  };
}

/** Qwen3-TTS streaming speech: `qwen3TTSProtocol` run by `runVoiceProtocol`. */
export function streamQwen3Speech(args: {
  readonly config: BasetenVoiceConfig;
  readonly modelId: string;
  readonly options: ParsedQwen3TTSOptions;
  readonly settings: Qwen3TTSCallSettings;
  readonly warnings: SharedV4Warning[];
  readonly call: {
    readonly text: ReadableStream<SpeechModelV4StreamTextPart>;
    readonly headers?: Record<string, string | undefined>;
    readonly abortSignal?: AbortSignal;
    readonly includeRawChunks?: boolean;
  };
}): Promise<SpeechModelV4StreamResult> {
  const { config, modelId, options, settings, warnings, call } = args;
  return runVoiceProtocol<SpeechModelV4StreamTextPart, Part>({
    config,
    modelId,
    call: { ...call, input: call.text },
    warnings,
    protocol: () => {
      const session = qwen3SessionConfig(options, settings, warnings);
      return qwen3TTSProtocol({
        config: session.config,
        configFrame: session.frame,
        includeRawChunks: call.includeRawChunks === true,
        url: config.endpoints.webSocketURL,
      });
    },
    streamStart: stream => ({ type: 'stream-start', warnings: stream }),
  });
}
