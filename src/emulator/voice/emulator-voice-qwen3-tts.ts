/**
 * Qwen3-TTS Streaming as Baseten serves it: its vLLM-Omni fork's
 * `/v1/audio/speech/stream` behind `…/websocket`, Base checkpoint (reference
 * `baseten-voice.md` §7; basetenlabs/vllm-omni@6cff71f3
 * `serving_speech_stream.py`, `protocol/audio.py`, `serving_speech.py`).
 * Speech is the emulator's Qwen3 audio (`emulator-voice-qwen3-audio.ts`), so
 * the emulator's Qwen3-ASR transcribes it back to the text.
 */

import { isRecord } from '../edge/emulator-is-record';
import { decodeWav, encodeWav, WORD_SECONDS } from './emulator-voice-audio';
import type { EmulatorVoiceDeployment } from './emulator-voice-deployments';
import { QWEN3_TTS_RATE, qwen3SpeechPCM } from './emulator-voice-qwen3-audio';

/** vLLM-Omni's served model name for Baseten's Qwen3-TTS Streaming preset. */
const QWEN3_TTS_SERVED_NAME = 'Qwen/Qwen3-TTS-12Hz-1.7B-Base';

const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
const MAX_INPUT_TEXT_BYTES = 128 * 1024;
const MAX_VOICE_ADD_BYTES = 16 * 1024 * 1024;
const MAX_VOICE_FILE_BYTES = 10 * 1024 * 1024;
const MAX_BUFFER_CHARS = 100_000;
/** Bytes per streamed PCM frame: 0.1 s. */
const PCM_FRAME_BYTES = (QWEN3_TTS_RATE / 10) * 2;

const TTS_LANGUAGES = [
  'Auto',
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
];
const FORMATS = ['wav', 'pcm', 'flac', 'mp3', 'aac', 'opus'];
const MIME_FROM_FORMAT: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  aac: 'audio/aac',
  webm: 'audio/webm',
  mp4: 'audio/mp4',
};

/** A voice added with `voice.add`, as `voice.list` shows it. */
interface UploadedVoice {
  readonly name: string;
  readonly consent: string;
  readonly created_at: number;
  readonly mime_type?: string;
  readonly file_size?: number;
  readonly ref_text?: string;
  readonly speaker_description?: string;
  readonly embedding_source: 'audio' | 'direct';
  readonly embedding_dim?: number;
}

/** The voices added on a deployment (a replica's disk: they live as long as the emulator). */
export class Qwen3VoiceStore {
  readonly voices = new Map<string, UploadedVoice>();
}

const stores = new WeakMap<EmulatorVoiceDeployment, Qwen3VoiceStore>();

/** The voice store of a deployment. */
function voiceStoreOf(deployment: EmulatorVoiceDeployment): Qwen3VoiceStore {
  let store = stores.get(deployment);
  if (store === undefined) {
    store = new Qwen3VoiceStore();
    stores.set(deployment, store);
  }
  return store;
}

/** A validated `session.config`. */
interface SessionConfig {
  readonly model?: string;
  readonly voice?: string;
  readonly task_type?: 'CustomVoice' | 'VoiceDesign' | 'Base';
  readonly language?: string;
  readonly instructions?: string;
  readonly response_format: string;
  readonly speed: number;
  readonly ref_audio?: string;
  readonly ref_text?: string;
  readonly x_vector_only_mode?: boolean;
  readonly speaker_embedding?: readonly number[];
  readonly stream_audio: boolean;
  readonly split_granularity: 'sentence' | 'clause';
  readonly timestamp_type?: 'word';
  readonly timestamp_transport_strategy: 'sync' | 'async';
  readonly asymmetric_chunking: boolean;
}

type FieldCheck = (value: unknown) => string | undefined;

const optionalString: FieldCheck = value =>
  value == null || typeof value === 'string'
    ? undefined
    : 'Input should be a valid string';
const optionalBoolean: FieldCheck = value =>
  value == null || typeof value === 'boolean'
    ? undefined
    : 'Input should be a valid boolean';
const oneOf =
  (...choices: string[]): FieldCheck =>
  value =>
    value == null || choices.includes(value as string)
      ? undefined
      : `Input should be ${choices.map(choice => `'${choice}'`).join(', ')}`;
const integer =
  (min: number, max = Infinity): FieldCheck =>
  value =>
    value == null ||
    (Number.isInteger(value) &&
      (value as number) >= min &&
      (value as number) <= max)
      ? undefined
      : `Input should be an integer from ${min}${max === Infinity ? '' : ` to ${max}`}`;

const FIELDS: Readonly<Record<string, FieldCheck>> = {
  model: optionalString,
  voice: optionalString,
  task_type: oneOf('CustomVoice', 'VoiceDesign', 'Base'),
  language: optionalString,
  instructions: optionalString,
  response_format: oneOf(...FORMATS),
  speed: value =>
    value == null || (typeof value === 'number' && value >= 0.25 && value <= 4)
      ? undefined
      : 'Input should be a number from 0.25 to 4',
  max_new_tokens: integer(1),
  initial_codec_chunk_frames: integer(0),
  ref_audio: optionalString,
  ref_text: optionalString,
  x_vector_only_mode: optionalBoolean,
  speaker_embedding: value =>
    value == null ||
    (Array.isArray(value) &&
      value.length <= 8192 &&
      value.every(item => typeof item === 'number'))
      ? undefined
      : 'Input should be a list of at most 8192 numbers',
  stream_audio: optionalBoolean,
  split_granularity: oneOf('sentence', 'clause'),
  timestamp_type: oneOf('word'),
  timestamp_transport_strategy: oneOf('sync', 'async'),
  asymmetric_chunking: optionalBoolean,
  lead_min_chars: integer(1, 500),
  lead_max_wait_ms: integer(0, 5000),
  lead_boundary: oneOf('sentence', 'clause'),
  lead_initial_codec_chunk_frames: integer(0),
  steady_units_per_chunk: integer(1, 10),
  steady_paragraph_break: optionalBoolean,
  prefetch_lookahead: integer(0, 4),
};

/** Reads `session.config` as vLLM-Omni's pydantic model does (unknown keys ignored); an error is pydantic's text. */
function readConfig(
  message: Record<string, unknown>,
): SessionConfig | { readonly error: string } {
  const problems: string[] = [];
  for (const [name, check] of Object.entries(FIELDS)) {
    const problem = check(message[name]);
    if (problem !== undefined)
      problems.push(
        `${name}\n  ${problem} [input_value=${JSON.stringify(message[name])}]`,
      );
  }
  const format = (message.response_format as string | undefined) ?? 'wav';
  const stream = message.stream_audio === true;
  let speed = (message.speed as number | null | undefined) ?? undefined;
  if (problems.length === 0 && stream) {
    if (format !== 'pcm')
      problems.push(
        `  Value error, WebSocket streaming audio (stream_audio=true) requires response_format='pcm'. Got response_format='${format}'.`,
      );
    else if (speed !== undefined && speed !== 1)
      problems.push(
        '  Value error, Speed adjustment is not supported when stream_audio=true. Set speed=1.0 or omit it.',
      );
  }
  if (problems.length > 0) {
    return {
      error: `${problems.length} validation error${problems.length > 1 ? 's' : ''} for StreamingSpeechSessionConfig\n${problems.join('\n')}`,
    };
  }
  speed ??= 1;
  const text = (name: string) => {
    const value = message[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    model: text('model'),
    voice: text('voice'),
    task_type: message.task_type as SessionConfig['task_type'],
    language: text('language'),
    instructions: text('instructions'),
    response_format: format,
    speed,
    ref_audio: text('ref_audio'),
    ref_text: text('ref_text'),
    x_vector_only_mode:
      typeof message.x_vector_only_mode === 'boolean'
        ? message.x_vector_only_mode
        : undefined,
    speaker_embedding: Array.isArray(message.speaker_embedding)
      ? (message.speaker_embedding as number[])
      : undefined,
    stream_audio: stream,
    split_granularity:
      message.split_granularity === 'clause' ? 'clause' : 'sentence',
    timestamp_type: message.timestamp_type === 'word' ? 'word' : undefined,
    timestamp_transport_strategy:
      message.timestamp_transport_strategy === 'async' ? 'async' : 'sync',
    asymmetric_chunking: message.asymmetric_chunking === true,
  };
}

/** The server's incremental splitter: English boundaries need trailing space; CJK ones do not. */
class SentenceSplitter {
  private buffer = '';

  constructor(private readonly clauses: boolean) {}

  add(text: string): string[] {
    if (text === '') return [];
    this.buffer += text;
    if (this.buffer.length > MAX_BUFFER_CHARS) {
      throw new Error(
        `Text buffer exceeded maximum size (${MAX_BUFFER_CHARS} chars). Consider adding sentence-ending punctuation to your input.`,
      );
    }
    const boundary = this.clauses
      ? /(?<=[.!?])\s+|(?<=[。！？，；])/
      : /(?<=[.!?])\s+|(?<=[。！？])/;
    const parts = this.buffer.split(boundary);
    if (parts.length <= 1) return [];
    const sentences: string[] = [];
    let carry = '';
    for (const part of parts.slice(0, -1)) {
      const joined = carry + part;
      carry = '';
      const stripped = joined.trim();
      // too short (e.g. "Dr."): carried into the next part
      if (stripped.length >= 2) sentences.push(stripped);
      else if (stripped !== '') carry = joined;
    }
    this.buffer = carry + parts[parts.length - 1];
    return sentences;
  }

  flush(): string | undefined {
    const rest = this.buffer.trim();
    this.buffer = '';
    return rest === '' ? undefined : rest;
  }
}

/** What the session does to the socket. */
export interface Qwen3TTSOutput {
  send(message: Record<string, unknown> | Uint8Array): void;
  /** Ends the session: the server's handler returns and the socket closes. */
  end(code: number): void;
}

/** The word alignment of a sentence, on the session's audio timeline. */
function wordAlignment(sentence: string, offset: number) {
  const words = sentence.split(/\s+/).filter(word => word !== '');
  const at = (seconds: number) => Math.round(seconds * 1000) / 1000;
  return {
    word_alignment: {
      words,
      word_start_times_seconds: words.map((_, i) =>
        at(offset + i * WORD_SECONDS),
      ),
      word_end_times_seconds: words.map((_, i) =>
        at(offset + (i + 1) * WORD_SECONDS),
      ),
    },
  };
}

/**
 * One Qwen3-TTS streaming session: `session.config` within the config
 * timeout (`voice.*` allowed before it), then `input.text` pieces split into
 * sentences, each spoken as `audio.start`, binary audio, `audio.done`;
 * `input.done` speaks the rest and ends with `session.done` and a close.
 */
export class Qwen3TTSSession {
  private config: SessionConfig | undefined;
  private splitter: SentenceSplitter | undefined;
  private sentenceIndex = 0;
  private audioOffset = 0;
  private pendingTimestamps: { index: number; info: unknown }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;
  private readonly store: Qwen3VoiceStore;

  constructor(
    private readonly deployment: EmulatorVoiceDeployment,
    private readonly output: Qwen3TTSOutput,
  ) {
    this.store = voiceStoreOf(deployment);
    this.arm(
      deployment.configTimeoutMs ?? 10_000,
      'Timeout waiting for session.config',
    );
  }

  /** The socket closed: stop the timers. */
  closed(): void {
    this.ended = true;
    clearTimeout(this.timer);
  }

  /** A binary frame: the server reads text only, so its handler fails. */
  binary(): void {
    if (this.ended) return;
    this.fail("Internal error: 'text'");
  }

  text(raw: string): void {
    if (this.ended) return;
    if (this.config === undefined) return this.beforeConfig(raw);
    this.arm(
      this.deployment.idleTimeoutMs ?? 30_000,
      'Idle timeout: no message received',
    );
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return this.error('Invalid JSON message');
    }
    if (!isRecord(message))
      return this.error('WebSocket messages must be JSON objects');
    switch (message.type) {
      case 'input.text':
        return this.inputText(raw, message.text);
      case 'input.done':
        return this.inputDone();
      case 'voice.list':
      case 'voice.add':
      case 'voice.remove':
        return this.voiceMessage(raw, message);
      default:
        this.error(`Unknown message type: ${pythonString(message.type)}`);
    }
  }

  private beforeConfig(raw: string): void {
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return this.error('Invalid JSON');
    }
    if (!isRecord(message)) return this.error('Messages must be JSON objects');
    const type = message.type;
    if (
      type === 'voice.list' ||
      type === 'voice.add' ||
      type === 'voice.remove'
    )
      return this.voiceMessage(raw, message);
    if (Buffer.byteLength(raw) > MAX_CONFIG_BYTES)
      return this.fail('session.config message too large');
    if (type !== 'session.config')
      return this.fail(
        `Expected session.config or voice.*, got: ${pythonString(type)}`,
      );
    const config = readConfig(message);
    if ('error' in config)
      return this.fail(`Invalid session config: ${config.error}`);
    if (
      config.timestamp_type !== undefined &&
      this.deployment.wordTimestamps !== true
    )
      return this.fail(
        'Timestamps requested but no ForcedAligner is loaded. Start the server with FORCED_ALIGNER_MODEL set.',
      );
    const served = this.deployment.servedModelName ?? QWEN3_TTS_SERVED_NAME;
    if (
      config.model !== undefined &&
      config.model !== '' &&
      config.model !== served
    )
      return this.fail(
        `error=ErrorInfo(message='The model \`${config.model}\` does not exist.', type='NotFoundError', param='model', code=404)`,
      );
    this.config = config;
    this.splitter = new SentenceSplitter(config.split_granularity === 'clause');
    this.arm(
      this.deployment.idleTimeoutMs ?? 30_000,
      'Idle timeout: no message received',
    );
  }

  private inputText(raw: string, text: unknown): void {
    if (Buffer.byteLength(raw) > MAX_INPUT_TEXT_BYTES)
      return this.error('input.text message too large');
    const value = text === undefined ? '' : text;
    if (typeof value !== 'string')
      return this.error('input.text requires a string value');
    let sentences: string[];
    try {
      sentences = this.splitter?.add(value) ?? [];
    } catch (error) {
      return this.fail(`Internal error: ${(error as Error).message}`);
    }
    for (const sentence of sentences) this.speak(sentence);
  }

  private inputDone(): void {
    const rest = this.splitter?.flush();
    if (rest !== undefined) this.speak(rest);
    for (const { index, info } of this.pendingTimestamps)
      this.output.send({
        type: 'timestamps',
        sentence_index: index,
        timestamp_info: info,
      });
    this.output.send({
      type: 'session.done',
      total_sentences: this.sentenceIndex,
    });
    this.end();
  }

  /** One sentence: `audio.start`, the audio (or an error), `audio.done`. */
  private speak(sentence: string): void {
    const config = this.config;
    if (config === undefined) return;
    const index = this.sentenceIndex;
    this.sentenceIndex += 1;
    const format = config.response_format;
    this.output.send({
      type: 'audio.start',
      sentence_index: index,
      sentence_text: sentence,
      format,
      ...(config.asymmetric_chunking ? { is_lead: index === 0 } : {}),
      ...(config.stream_audio && format === 'pcm'
        ? { sample_rate: QWEN3_TTS_RATE }
        : {}),
    });
    const problem =
      this.requestError(config) ??
      (format === 'wav' || format === 'pcm'
        ? undefined
        : `the emulator encodes wav and pcm only, not ${format}`);
    if (problem !== undefined) {
      this.error(`Generation failed for sentence ${index}: ${problem}`);
      this.output.send({
        type: 'audio.done',
        sentence_index: index,
        total_bytes: 0,
        error: true,
      });
      return;
    }
    const pcm = qwen3SpeechPCM(sentence, QWEN3_TTS_RATE);
    let totalBytes = 0;
    if (config.stream_audio) {
      for (let at = 0; at < pcm.length; at += PCM_FRAME_BYTES) {
        const frame = pcm.subarray(at, at + PCM_FRAME_BYTES);
        totalBytes += frame.length;
        this.output.send(frame);
      }
    } else {
      const blob = format === 'wav' ? encodeWav(pcm, QWEN3_TTS_RATE) : pcm;
      totalBytes = blob.length;
      this.output.send(blob);
    }
    const info =
      config.timestamp_type === 'word'
        ? wordAlignment(sentence, this.audioOffset)
        : undefined;
    this.audioOffset += pcm.length / 2 / QWEN3_TTS_RATE;
    if (info !== undefined && config.timestamp_transport_strategy === 'async')
      this.pendingTimestamps.push({ index, info });
    this.output.send({
      type: 'audio.done',
      sentence_index: index,
      total_bytes: totalBytes,
      error: false,
      ...(info !== undefined && config.timestamp_transport_strategy === 'sync'
        ? { timestamp_info: info }
        : {}),
    });
  }

  /** vLLM-Omni's per-request checks for Qwen3-TTS on the Base checkpoint (no built-in speakers). */
  private requestError(config: SessionConfig): string | undefined {
    const taskType =
      config.task_type ??
      (config.ref_audio !== undefined || config.ref_text !== undefined
        ? 'Base'
        : 'CustomVoice');
    const voice = config.voice?.toLowerCase();
    const speakers = [...this.store.voices.keys()].sort();
    if (
      config.language !== undefined &&
      !TTS_LANGUAGES.includes(config.language)
    )
      return `Invalid language '${config.language}'. Supported: ${[...TTS_LANGUAGES].sort().join(', ')}`;
    if (taskType === 'CustomVoice') {
      if (speakers.length === 0)
        return "This model does not support CustomVoice task (no speakers configured). Use task_type='Base' with ref_audio/ref_text for voice cloning, or use a CustomVoice model.";
      if (voice !== undefined && !speakers.includes(voice))
        return `Invalid voice '${voice}'. Supported: ${speakers.join(', ')}`;
    }
    let xVectorOnly = config.x_vector_only_mode === true;
    if (config.speaker_embedding !== undefined) {
      if (taskType !== 'Base')
        return "'speaker_embedding' is only valid for Base task";
      if (config.speaker_embedding.length === 0)
        return "'speaker_embedding' must be a non-empty list of floats";
      xVectorOnly = true;
    }
    if (taskType === 'Base') {
      const hasUploaded = voice !== undefined && this.store.voices.has(voice);
      if (voice === undefined && config.ref_audio === undefined) {
        if (config.speaker_embedding === undefined)
          return "Base task requires 'ref_audio' or 'speaker_embedding' for voice cloning";
      } else if (
        voice !== undefined &&
        !hasUploaded &&
        config.ref_audio === undefined
      ) {
        return `Base task with built-in speaker '${voice}' requires 'ref_audio' for voice cloning`;
      }
      if (!hasUploaded && config.ref_audio !== undefined) {
        if (!/^(https?:\/\/|data:|file:\/\/)/.test(config.ref_audio))
          return 'ref_audio must be a URL (http/https), base64 data URL (data:...), or file URI (file://...)';
        if (!xVectorOnly && (config.ref_text ?? '').trim() === '')
          return "Base task requires non-empty 'ref_text' (transcript of the reference audio) unless 'x_vector_only_mode' is enabled";
      }
    } else {
      if (config.ref_text !== undefined)
        return "'ref_text' is only valid for Base task";
      if (config.x_vector_only_mode !== undefined)
        return "'x_vector_only_mode' is only valid for Base task";
    }
    if (taskType === 'VoiceDesign' && !config.instructions)
      return "VoiceDesign task requires 'instructions' to describe the voice";
    return undefined;
  }

  private voiceMessage(raw: string, message: Record<string, unknown>): void {
    if (message.type === 'voice.list') {
      this.output.send({
        type: 'voice.list.result',
        voices: [...this.store.voices.keys()].sort(),
        uploaded_voices: [...this.store.voices.values()].map(voice => ({
          name: voice.name,
          consent: voice.consent,
          created_at: voice.created_at,
          file_size: voice.file_size ?? 0,
          mime_type: voice.mime_type ?? '',
          embedding_source: voice.embedding_source,
          embedding_dim: voice.embedding_dim ?? null,
          ...(voice.ref_text !== undefined ? { ref_text: voice.ref_text } : {}),
          ...(voice.speaker_description !== undefined
            ? { speaker_description: voice.speaker_description }
            : {}),
        })),
      });
      return;
    }
    const name = message.name;
    if (message.type === 'voice.remove') {
      if (typeof name !== 'string' || name === '')
        return this.error("voice.remove requires a 'name' string");
      const removed = this.store.voices.delete(name.toLowerCase());
      this.output.send({
        type: 'voice.remove.result',
        success: removed,
        name,
        ...(removed ? {} : { error: `Voice '${name}' not found` }),
      });
      return;
    }
    if (Buffer.byteLength(raw) > MAX_VOICE_ADD_BYTES)
      return this.error('voice.add message too large');
    const invalid = voiceAddError(message);
    if (invalid !== undefined) return this.error(invalid);
    const result = this.addVoice(message);
    this.output.send(
      typeof result === 'string'
        ? { type: 'voice.add.result', success: false, error: result }
        : { type: 'voice.add.result', success: true, voice: result },
    );
  }

  /** A well-formed `voice.add`: the stored voice, or why the server refused it (sent as the result). */
  private addVoice(
    message: Record<string, unknown>,
  ): Record<string, unknown> | string {
    const name = message.name as string;
    const consent = message.consent as string;
    const embedding = message.speaker_embedding;
    const audio = message.audio_data;
    const key = name.toLowerCase();
    const createdAt = Math.floor(Date.now() / 1000);
    if (embedding != null) {
      if (
        !Array.isArray(embedding) ||
        embedding.length === 0 ||
        !embedding.every(
          item => typeof item === 'number' && Number.isFinite(item),
        )
      )
        return "'speaker_embedding' must be a non-empty list of numbers";
      if (this.store.voices.has(key)) return `Voice '${name}' already exists`;
      const voice: UploadedVoice = {
        name,
        consent,
        created_at: createdAt,
        embedding_source: 'direct',
        embedding_dim: embedding.length,
      };
      this.store.voices.set(key, voice);
      return {
        name,
        consent,
        created_at: createdAt,
        embedding_source: 'direct',
        embedding_dim: embedding.length,
      };
    }
    if (typeof audio !== 'string')
      return "Failed to add voice: 'audio_data' must be base64";
    const bytes = new Uint8Array(Buffer.from(audio, 'base64'));
    if (bytes.length > MAX_VOICE_FILE_BYTES)
      return `File size exceeds maximum limit of 10MB. Got ${bytes.length} bytes.`;
    const format =
      typeof message.audio_format === 'string' ? message.audio_format : 'wav';
    const mimeType = MIME_FROM_FORMAT[format] ?? 'audio/wav';
    if (this.store.voices.has(key))
      return `Voice '${name}' already exists. To re-register this voice, delete it first and then upload it again.`;
    const wav = decodeWav(bytes);
    if (wav !== undefined) {
      const seconds = wav.pcm.length / 2 / wav.sampleRate;
      if (seconds < 1)
        return `Reference audio too short (${seconds.toFixed(1)}s). At least 1s of clear speech is required.`;
      if (seconds > 30)
        return `Reference audio too long (${seconds.toFixed(1)}s). Maximum 30s supported — use a shorter clip.`;
    }
    const refText =
      typeof message.ref_text === 'string' && message.ref_text.trim() !== ''
        ? message.ref_text.trim()
        : undefined;
    const description =
      typeof message.speaker_description === 'string' &&
      message.speaker_description.trim() !== ''
        ? message.speaker_description.trim()
        : undefined;
    const voice: UploadedVoice = {
      name,
      consent,
      created_at: createdAt,
      mime_type: mimeType,
      file_size: bytes.length,
      embedding_source: 'audio',
      ...(refText !== undefined ? { ref_text: refText } : {}),
      ...(description !== undefined
        ? { speaker_description: description }
        : {}),
    };
    this.store.voices.set(key, voice);
    // the result shows what was stored, without the server's bookkeeping
    return Object.fromEntries(
      Object.entries(voice).filter(([field]) => field !== 'embedding_source'),
    );
  }

  private arm(ms: number, message: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fail(message), ms);
  }

  private error(message: string): void {
    this.output.send({ type: 'error', message });
  }

  /** An error that ends the session (the server's handler returns). */
  private fail(message: string): void {
    if (this.ended) return;
    this.error(message);
    this.end();
  }

  private end(): void {
    this.ended = true;
    clearTimeout(this.timer);
    this.output.end(1000);
  }
}

/** Why a `voice.add` is malformed (answered with an `error` message), if it is. */
function voiceAddError(message: Record<string, unknown>): string | undefined {
  const { name, consent } = message;
  const embedding = message.speaker_embedding;
  const audio = message.audio_data;
  if (typeof name !== 'string' || name === '')
    return "voice.add requires a 'name' string";
  if (typeof consent !== 'string' || consent === '')
    return "voice.add requires a 'consent' string";
  if (embedding != null && audio != null)
    return "voice.add: 'audio_data' and 'speaker_embedding' are mutually exclusive";
  if (embedding == null && audio == null)
    return "voice.add requires either 'audio_data' (base64) or 'speaker_embedding'";
  return undefined;
}

/** How Python's f-string shows a JSON value (`None` for a missing one). */
function pythonString(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
