/**
 * Qwen3-ASR as Baseten serves it (reference page `baseten-voice.md` §4):
 * the Model Library "Deploy Batch" vLLM server (`/v1/audio/transcriptions`
 * multipart upload, and `/v1/chat/completions` with an `audio_url` part),
 * the older chat-only preset, and the v1 streaming socket ("Deploy
 * Streaming": Whisper block names, base64 JSON appends, commit, a final with
 * `is_end_of_audio_flush`, language names, never closed by the server).
 */

import { createHash } from 'node:crypto';
import { EmulatorRequestError } from '../edge/emulator-errors';
import { isRecord } from '../edge/emulator-is-record';
import {
  decodeWav,
  type EmulatedWord,
  type PhraseEvent,
} from './emulator-voice-audio';
import type { EmulatorVoiceDeployment } from './emulator-voice-deployments';
import {
  QWEN3_ASR_RATE,
  Qwen3AudioDecoder,
  transcribeQwen3Audio,
} from './emulator-voice-qwen3-audio';

/** vLLM's `--served-model-name` of Baseten's Qwen3-ASR presets. */
const QWEN3_ASR_SERVED_NAME = 'Qwen/Qwen3-ASR-1.7B';

/** Qwen3-ASR's languages (model card): name → ISO code. */
const LANGUAGES: Readonly<Record<string, string>> = {
  Chinese: 'zh',
  English: 'en',
  Cantonese: 'yue',
  Arabic: 'ar',
  German: 'de',
  French: 'fr',
  Spanish: 'es',
  Portuguese: 'pt',
  Indonesian: 'id',
  Italian: 'it',
  Korean: 'ko',
  Russian: 'ru',
  Thai: 'th',
  Vietnamese: 'vi',
  Japanese: 'ja',
  Turkish: 'tr',
  Hindi: 'hi',
  Malay: 'ms',
  Dutch: 'nl',
  Swedish: 'sv',
  Danish: 'da',
  Finnish: 'fi',
  Polish: 'pl',
  Czech: 'cs',
  Filipino: 'fil',
  Persian: 'fa',
  Greek: 'el',
  Hungarian: 'hu',
  Macedonian: 'mk',
  Romanian: 'ro',
};
const CODES = new Set(Object.values(LANGUAGES));
/** What the emulator's Qwen3-ASR "detects": its speech is English. */
const DETECTED = 'English';

function languageName(value: string): string | undefined {
  return Object.keys(LANGUAGES).find(
    name => name.toLowerCase() === value.toLowerCase(),
  );
}

const textOf = (words: readonly EmulatedWord[]) =>
  words.map(word => word.text).join(' ');

function notFound(): { status: number; body: unknown } {
  // FastAPI's answer for a path the server does not serve
  return { status: 404, body: { detail: 'Not Found' } };
}

function vllmError(
  status: number,
  message: string,
  param: string | null = null,
): { status: number; body: unknown } {
  const type = status === 404 ? 'NotFoundError' : 'BadRequestError';
  return { status, body: { error: { message, type, param, code: status } } };
}

function unknownModel(model: string): { status: number; body: unknown } {
  return vllmError(404, `The model \`${model}\` does not exist.`, 'model');
}

/** The samples of an uploaded file: a WAV file's, else the bytes as raw 16 kHz PCM16. */
function pcmOf(bytes: Uint8Array): { pcm: Uint8Array; sampleRate: number } {
  const wav = decodeWav(bytes);
  return wav !== undefined
    ? { pcm: wav.pcm, sampleRate: wav.sampleRate }
    : { pcm: bytes, sampleRate: QWEN3_ASR_RATE };
}

function transcript(bytes: Uint8Array): { text: string; seconds: number } {
  const { pcm, sampleRate } = pcmOf(bytes);
  const phrases = transcribeQwen3Audio(pcm, sampleRate);
  return {
    text: phrases.map(textOf).join(' '),
    seconds: pcm.length / 2 / sampleRate,
  };
}

/** An HTTP answer of a Qwen3-ASR deployment. */
export interface Qwen3HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  /** `text/plain` for `response_format=text`; JSON otherwise. */
  readonly text?: boolean;
}

/** What a Qwen3-ASR deployment answers on `…/sync/v1/audio/transcriptions` (or `/predict`, mapped to it). */
export async function answerQwen3Transcription(
  deployment: EmulatorVoiceDeployment,
  raw: Uint8Array,
  contentType: string | undefined,
): Promise<Qwen3HttpAnswer> {
  if (deployment.protocol !== 'qwen3-asr-batch') return notFound();
  let form: FormData;
  try {
    form = await new Request('http://emulator.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType ?? '' },
      body: new Uint8Array(raw),
    }).formData();
  } catch {
    form = new FormData();
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) {
    return {
      status: 422,
      body: {
        detail: [
          {
            type: 'missing',
            loc: ['body', 'file'],
            msg: 'Field required',
            input: null,
          },
        ],
      },
    };
  }
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const model = field('model');
  const served = deployment.servedModelName ?? QWEN3_ASR_SERVED_NAME;
  if (model !== undefined && model !== served) return unknownModel(model);
  const language = field('language');
  if (language !== undefined && !CODES.has(language)) {
    return vllmError(
      400,
      `Unsupported language: '${language}'. Language should be one of: ${[...CODES].join(', ')}.`,
      'language',
    );
  }
  const format = field('response_format') ?? 'json';
  if (format !== 'json' && format !== 'text') {
    return vllmError(
      400,
      `The emulator's Qwen3-ASR answers response_format json or text, not ${format}.`,
      'response_format',
    );
  }
  const { text, seconds } = transcript(
    new Uint8Array(await file.arrayBuffer()),
  );
  if (format === 'text') return { status: 200, body: text, text: true };
  return {
    status: 200,
    body: { text, usage: { type: 'duration', seconds: Math.ceil(seconds) } },
  };
}

function isLoopback(url: URL): boolean {
  return (
    url.hostname === 'localhost' ||
    url.hostname === '[::1]' ||
    /^127\./.test(url.hostname)
  );
}

/** The bytes an `audio_url` names: a `data:` URI, or a loopback URL (the emulator is offline). */
async function audioAt(url: string): Promise<Uint8Array> {
  const data = /^data:[^;,]*(?:;[^;,]*)*;base64,(.*)$/s.exec(url);
  if (data !== null) return new Uint8Array(Buffer.from(data[1], 'base64'));
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EmulatorRequestError(400, `Invalid audio_url: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new EmulatorRequestError(
      400,
      'audio_url must be an http(s) URL or a base64 data: URI.',
    );
  }
  if (!isLoopback(parsed)) {
    throw new EmulatorRequestError(
      400,
      `The emulator is offline: it downloads audio only from loopback URLs, not ${parsed.host}.`,
    );
  }
  const response = await fetch(parsed);
  if (!response.ok) {
    throw new EmulatorRequestError(
      400,
      `Could not download ${parsed.href}: HTTP ${response.status}.`,
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}

function audioURLsOf(messages: unknown): string[] {
  if (!Array.isArray(messages)) return [];
  const urls: string[] = [];
  for (const message of messages) {
    if (!isRecord(message) || !Array.isArray(message.content)) continue;
    for (const part of message.content) {
      if (
        isRecord(part) &&
        part.type === 'audio_url' &&
        isRecord(part.audio_url) &&
        typeof part.audio_url.url === 'string'
      )
        urls.push(part.audio_url.url);
    }
  }
  return urls;
}

/**
 * What a Qwen3-ASR deployment answers on `…/sync/v1/chat/completions`: a
 * chat completion whose content is the raw model output,
 * `language English<asr_text>…` (`language None<asr_text>` for no speech).
 */
export async function answerQwen3Chat(
  deployment: EmulatorVoiceDeployment,
  body: unknown,
): Promise<Qwen3HttpAnswer> {
  if (
    deployment.protocol !== 'qwen3-asr-batch' &&
    deployment.protocol !== 'qwen3-asr-chat'
  )
    return notFound();
  if (!isRecord(body) || !Array.isArray(body.messages))
    return vllmError(400, 'The request needs a messages array.', 'messages');
  const served = deployment.servedModelName ?? QWEN3_ASR_SERVED_NAME;
  if (body.model != null && body.model !== served)
    return unknownModel(
      typeof body.model === 'string' ? body.model : JSON.stringify(body.model),
    );
  const urls = audioURLsOf(body.messages);
  if (urls.length !== 1) {
    return vllmError(
      400,
      urls.length === 0
        ? "The emulator's Qwen3-ASR transcribes one audio_url part; the request has none."
        : `At most 1 audio(s) may be provided in one prompt; got ${urls.length}.`,
      'messages',
    );
  }
  const { text } = transcript(await audioAt(urls[0]));
  const content =
    text === ''
      ? 'language None<asr_text>'
      : `language ${DETECTED}<asr_text>${text}`;
  const promptTokens = 40 + Math.ceil(urls[0].length / 1000);
  const completionTokens = Math.max(1, Math.ceil(content.length / 4));
  const id = createHash('sha256').update(urls[0]).digest('hex').slice(0, 32);
  return {
    status: 200,
    body: {
      id: `chatcmpl-${id}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: served,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content,
            refusal: null,
            annotations: null,
            audio: null,
            function_call: null,
            tool_calls: [],
            reasoning_content: null,
          },
          logprobs: null,
          finish_reason: 'stop',
          stop_reason: null,
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        total_tokens: promptTokens + completionTokens,
        completion_tokens: completionTokens,
        prompt_tokens_details: null,
      },
      prompt_logprobs: null,
      kv_transfer_params: null,
    },
  };
}

const HANDSHAKE_BLOCKS: Readonly<Record<string, ReadonlySet<string>>> = {
  whisper_params: new Set([
    'audio_language',
    'language_options',
    'prompt',
    'show_word_timestamps',
  ]),
  streaming_params: new Set([
    'encoding',
    'sample_rate',
    'enable_partial_transcripts',
    'partial_transcript_interval_s',
    'final_transcript_max_duration_s',
  ]),
  streaming_vad_config: new Set([
    'threshold',
    'min_silence_duration_ms',
    'speech_pad_ms',
  ]),
};

/** The handshake's settings, or why it is refused. */
function readHandshake(value: Record<string, unknown>):
  | {
      readonly language: string;
      readonly partials: boolean;
      readonly words: boolean;
      readonly maxPhrase?: number;
    }
  | { readonly error: string } {
  for (const [block, fields] of Object.entries(value)) {
    const known = HANDSHAKE_BLOCKS[block];
    if (known === undefined)
      return { error: `Unknown field "${block}" in the session handshake.` };
    if (!isRecord(fields)) return { error: `"${block}" must be an object.` };
    for (const field of Object.keys(fields))
      if (!known.has(field))
        return {
          error: `Unknown field "${block}.${field}" in the session handshake.`,
        };
  }
  const params = isRecord(value.whisper_params) ? value.whisper_params : {};
  const streaming = isRecord(value.streaming_params)
    ? value.streaming_params
    : {};
  if (streaming.encoding !== undefined && streaming.encoding !== 'pcm_s16le')
    return {
      error: `Unsupported encoding ${JSON.stringify(streaming.encoding)}: Qwen3-ASR takes base64 PCM16 (pcm_s16le) only.`,
    };
  if (
    streaming.sample_rate !== undefined &&
    streaming.sample_rate !== QWEN3_ASR_RATE
  )
    return {
      error: `Unsupported sample_rate ${JSON.stringify(streaming.sample_rate)}: Qwen3-ASR takes 16000 Hz audio only.`,
    };
  const maxPhrase = streaming.final_transcript_max_duration_s;
  if (
    maxPhrase !== undefined &&
    !(
      Number.isInteger(maxPhrase) &&
      (maxPhrase as number) >= 1 &&
      (maxPhrase as number) <= 30
    )
  )
    return {
      error: `final_transcript_max_duration_s must be an integer from 1 to 30, got ${JSON.stringify(maxPhrase)}.`,
    };
  const asked = params.audio_language ?? 'auto';
  const name =
    typeof asked === 'string'
      ? asked === 'auto'
        ? DETECTED
        : languageName(asked)
      : undefined;
  if (name === undefined)
    return {
      error: `Unsupported audio_language ${JSON.stringify(asked)}: Qwen3-ASR takes a language name such as "English" or "Cantonese", or "auto".`,
    };
  return {
    language: name,
    partials: streaming.enable_partial_transcripts === true,
    words: params.show_word_timestamps === true,
    ...(typeof maxPhrase === 'number' ? { maxPhrase } : {}),
  };
}

/** A server message of the Qwen3-ASR stream. */
export type Qwen3ASRMessage = Record<string, unknown>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * One Qwen3-ASR streaming session. Audio arrives only as JSON
 * `input_audio_buffer.append` frames (base64 PCM16, 16 kHz); partials (when
 * enabled) restate the phrase; a commit flushes the turn and its last final
 * carries `is_end_of_audio_flush: true`. The server never closes the socket.
 */
export class Qwen3ASRStreamingSession {
  private settings:
    | Exclude<ReturnType<typeof readHandshake>, { readonly error: string }>
    | undefined;
  private decoder: Qwen3AudioDecoder | undefined;
  /** Seconds of audio before the current turn. */
  private turnOffset = 0;
  private turnSamples = 0;
  private finals = 0;

  constructor(
    private readonly deployment: EmulatorVoiceDeployment,
    private readonly send: (message: Qwen3ASRMessage) => void,
  ) {}

  /** A binary frame: refused, as the real server refuses raw audio. */
  binary(): void {
    this.error(
      'Binary frames are not accepted: send audio as {"type": "input_audio_buffer.append", "audio": "<base64 PCM16, 16 kHz mono>"}.',
    );
  }

  text(raw: string): void {
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return this.error('Invalid JSON message.');
    }
    if (!isRecord(message)) return this.error('Messages must be JSON objects.');
    if (this.settings === undefined) return this.handshake(message);
    switch (message.type) {
      case 'input_audio_buffer.append':
        return this.append(message.audio);
      case 'input_audio_buffer.commit':
        return this.commit();
      default:
        this.error(
          message.type === undefined
            ? 'The session handshake was already received; send input_audio_buffer.append or input_audio_buffer.commit.'
            : `Unknown message type: ${JSON.stringify(message.type)}.`,
        );
    }
  }

  private handshake(message: Record<string, unknown>): void {
    if (message.type !== undefined) {
      return this.error(
        'The first message must be the session handshake (whisper_params, streaming_params, streaming_vad_config).',
      );
    }
    const settings = readHandshake(message);
    if ('error' in settings) return this.error(settings.error);
    this.settings = settings;
  }

  private decoderOf(): Qwen3AudioDecoder {
    this.decoder ??= new Qwen3AudioDecoder(
      QWEN3_ASR_RATE,
      this.settings?.maxPhrase,
    );
    return this.decoder;
  }

  private append(audio: unknown): void {
    if (typeof audio !== 'string' || audio === '' || !BASE64.test(audio))
      return this.error(
        'input_audio_buffer.append needs "audio": base64 PCM16 (16 kHz mono).',
      );
    const bytes = new Uint8Array(Buffer.from(audio, 'base64'));
    this.turnSamples += bytes.length / 2;
    this.emit(this.decoderOf().push(bytes), false);
  }

  private commit(): void {
    const events = this.decoderOf().end();
    const finals = events.filter(event => event.type === 'final');
    this.emit(events, true);
    // a commit with nothing left still answers: an empty, final turn
    if (finals.length === 0) this.send(this.message('final', [], true));
    this.turnOffset += this.turnSamples / QWEN3_ASR_RATE;
    this.turnSamples = 0;
    this.decoder = undefined;
  }

  private emit(events: readonly PhraseEvent[], isFlush: boolean): void {
    let lastFinal = -1;
    events.forEach((event, index) => {
      if (event.type === 'final') lastFinal = index;
    });
    events.forEach((event, index) => {
      if (event.type === 'partial' && this.settings?.partials !== true) return;
      this.send(
        this.message(event.type, event.words, isFlush && index === lastFinal),
      );
    });
  }

  private message(
    type: 'partial' | 'final',
    words: readonly EmulatedWord[],
    isFlush: boolean,
  ): Qwen3ASRMessage {
    const withWords =
      this.settings?.words === true && this.deployment.wordTimestamps === true;
    const at = (seconds: number) =>
      Math.round((this.turnOffset + seconds) * 1000) / 1000;
    const segments =
      words.length === 0
        ? []
        : [
            {
              start_time: at(words[0].start),
              end_time: at(words[words.length - 1].end),
              text: textOf(words),
              ...(withWords
                ? {
                    word_timestamps: words.map(word => ({
                      word: word.text,
                      start_time: at(word.start),
                      end_time: at(word.end),
                      prob: 0.98,
                    })),
                  }
                : {}),
            },
          ];
    if (type === 'final') this.finals += 1;
    return {
      type: 'transcription',
      is_final: type === 'final',
      transcription_num: this.finals,
      language_code: this.settings?.language ?? DETECTED,
      language_prob: null,
      audio_length_sec:
        Math.round(
          (this.turnOffset + this.turnSamples / QWEN3_ASR_RATE) * 1000,
        ) / 1000,
      segments,
      ...(isFlush ? { is_end_of_audio_flush: true } : {}),
    };
  }

  private error(message: string): void {
    this.send({ type: 'error', message });
  }
}
