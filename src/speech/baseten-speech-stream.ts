import {
  APICallError,
  InvalidArgumentError,
  type Experimental_SpeechModelV4StreamOptions as SpeechModelV4StreamOptions,
  type Experimental_SpeechModelV4StreamPart as SpeechModelV4StreamPart,
  type Experimental_SpeechModelV4StreamResult as SpeechModelV4StreamResult,
  type Experimental_SpeechModelV4StreamTextPart as SpeechModelV4StreamTextPart,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { anyAbortSignal } from '../baseten-abort';
import { createBinaryStreamResponseHandler } from '@ai-sdk/provider-utils';
import { defined } from '../baseten-defined';
import { postToDeployment } from '../deployment/baseten-deployment-post';
import { concatBytes } from '../deployment/baseten-voice-bytes';
import type { BasetenVoiceConfig } from '../deployment/baseten-voice-config';
import {
  runVoiceProtocol,
  type VoiceProtocol,
} from '../deployment/baseten-voice-protocol';
import {
  parseJSONOrText,
  pushServerError,
} from '../deployment/baseten-voice-messages';
import {
  END_OF_TEXT_MESSAGE,
  promptCharactersOf,
  isWav,
  ORPHEUS_AUDIO_FORMAT,
  type OrpheusPredictBody,
  type OrpheusStreamingMetadata,
} from './baseten-speech-api';
import type { ParsedSpeechOptions } from './baseten-speech-options';

type Part = SpeechModelV4StreamPart;

/** `buffer_size` of a WebSocket session when the call sets none (the server's own default). */
export const DEFAULT_BUFFER_SIZE = 10;
/**
 * Whitespace-only frames sent before `__END__`: each makes the server flush once more without
 * adding words. With one word per frame the server already holds less than `buffer_size` words
 * of at most one sentence, which `__END__` speaks; these guard against its sentence splitter
 * (pysbd) cutting the same words differently on a later pass.
 */
export const DRAIN_FRAMES = 2;
/** How long the server may take to speak the rest and close after `__END__`. */
export const END_OF_TEXT_TIMEOUT_MS = 60_000;

/** What both streaming transports get from the model. */
export interface SpeechStreamArgs {
  readonly config: BasetenVoiceConfig;
  readonly modelId: string;
  readonly options: ParsedSpeechOptions;
  readonly warnings: SharedV4Warning[];
  readonly voice: string;
  readonly call: SpeechModelV4StreamOptions;
}

/** The error for a text part that asks for another voice than the call's. */
export function voiceChangeError(
  voice: string,
  partVoice: string,
): InvalidArgumentError {
  return new InvalidArgumentError({
    argument: 'text',
    message: `A text part asks for voice "${partVoice}" but the stream speaks "${voice}": an Orpheus stream has one voice. Start another stream for another voice.`,
  });
}

/** A part's text, or the error of a part whose voice is not the stream's. */
function textOf(part: SpeechModelV4StreamTextPart, voice: string): string {
  if (part.voice !== undefined && part.voice !== voice)
    throw voiceChangeError(voice, part.voice);
  return part.text;
}

function characters(text: string): number {
  return [...text].length;
}

/** The body of an Orpheus `/predict` call: the prompt, the voice and every option set. */
export function orpheusPredictBody(
  prompt: string,
  voice: string,
  options: ParsedSpeechOptions,
): OrpheusPredictBody {
  return defined({
    prompt,
    voice,
    max_tokens: options.maxTokens,
    temperature: options.temperature,
    top_p: options.topP,
    repetition_penalty: options.repetitionPenalty,
    request_id: options.requestId,
  });
}

/**
 * Cuts text arriving in any split (LLM deltas split words: `"Bas"`, `"eten"`) into whole words:
 * a word is complete once whitespace follows it, or at the end of the text.
 */
export class WordFramer {
  private partial = '';

  /** The words this text completes. */
  push(text: string): string[] {
    const pieces = (this.partial + text).split(/\s+/);
    this.partial = pieces.pop() ?? '';
    return pieces.filter(word => word !== '');
  }

  /** The end of the text: the word still open, if any. */
  end(): string[] {
    const word = this.partial;
    this.partial = '';
    return word === '' ? [] : [word];
  }
}

/**
 * Orpheus' WebSocket protocol (reference §6): the metadata frame, then one whole word per text
 * frame (the server then never holds `buffer_size` words or two sentences after a frame), two
 * whitespace-only frames that make it flush what it holds, and `__END__`, so that its one final
 * flush speaks every word left; its binary frames are `audio` parts until it closes.
 */
function orpheusProtocol(args: {
  readonly metadata: OrpheusStreamingMetadata;
  readonly voice: string;
  readonly includeRawChunks: boolean;
}): VoiceProtocol<SpeechModelV4StreamTextPart, Part> {
  const { metadata, voice, includeRawChunks } = args;
  const words = new WordFramer();
  let inputCharacters = 0;
  // a frame that is exactly `__END__` would end the session; with a space it is a word
  const frameOf = (word: string) =>
    word === END_OF_TEXT_MESSAGE ? `${word} ` : word;
  return {
    serverName: 'The text-to-speech deployment',
    opening: metadata,
    endTimeoutMs: END_OF_TEXT_TIMEOUT_MS,
    frames: part => {
      const text = textOf(part, voice);
      inputCharacters += characters(text);
      return words.push(text).map(frameOf);
    },
    end: () => ({
      frames: [
        ...words.end().map(frameOf),
        ...Array.from({ length: DRAIN_FRAMES }, () => ' '),
      ],
      end: END_OF_TEXT_MESSAGE,
    }),
    // synchronous, so that a message keeps its place among the audio frames
    readText: (text, session) => {
      const value = parseJSONOrText(text);
      if (includeRawChunks) session.push({ type: 'raw', rawValue: value });
      pushServerError(value, text, session);
    },
    readBinary: (bytes, session) =>
      session.push({
        type: 'audio',
        audio: bytes,
        audioFormat: ORPHEUS_AUDIO_FORMAT,
      }),
    closed: () => ({ type: 'finish', usage: { inputCharacters } }),
  };
}

/** Speech over the deployment's WebSocket: `orpheusProtocol` run by `runVoiceProtocol`. */
export function streamSpeechOverWebSocket(
  args: SpeechStreamArgs,
): Promise<SpeechModelV4StreamResult> {
  const { config, modelId, options, warnings, voice, call } = args;
  return runVoiceProtocol<SpeechModelV4StreamTextPart, Part>({
    config,
    modelId,
    call: { ...call, input: call.text },
    warnings,
    protocol: () =>
      orpheusProtocol({
        metadata: {
          voice,
          buffer_size: options.bufferSize ?? DEFAULT_BUFFER_SIZE,
          ...defined({
            max_tokens: options.maxTokens,
            temperature: options.temperature,
            top_p: options.topP,
            repetition_penalty: options.repetitionPenalty,
          }),
        },
        voice,
        includeRawChunks: call.includeRawChunks === true,
      }),
    streamStart: stream => ({ type: 'stream-start', warnings: stream }),
  });
}

/** Reads the whole text, checking each part's voice; cancels the text on abort. */
async function gatherText(
  text: ReadableStream<SpeechModelV4StreamTextPart>,
  voice: string,
  signal: AbortSignal,
): Promise<string> {
  const reader = text.getReader();
  const onAbort = () => void reader.cancel(signal.reason).catch(() => {});
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    let gathered = '';
    while (true) {
      signal.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      gathered += textOf(value, voice);
    }
    signal.throwIfAborted();
    return gathered;
  } catch (error) {
    void reader.cancel(error).catch(() => {});
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** Where a WAV file's samples start (after its `data` chunk header), if the bytes hold that far. */
function wavDataOffset(bytes: Uint8Array): number | undefined {
  const tag = (offset: number) =>
    String.fromCharCode(...bytes.subarray(offset, offset + 4));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (
    let offset = 12;
    offset + 8 <= bytes.length;
    offset += 8 + view.getUint32(offset + 4, true)
  ) {
    if (tag(offset) === 'data') return offset + 8;
  }
  return undefined;
}

/** Bytes held back until a possible WAV header at the start can be recognised. */
const HEADER_PROBE_BYTES = 512;

/** The audio after a WAV header at the start, if any; `undefined` while more bytes are needed. */
function afterWavHeader(bytes: Uint8Array): Uint8Array | undefined {
  const riff = bytes.length >= 12 && isWav(bytes);
  const offset = riff ? wavDataOffset(bytes) : 0;
  if (
    bytes.length < 12 ||
    (offset === undefined && bytes.length < HEADER_PROBE_BYTES)
  )
    return undefined;
  return bytes.subarray(offset ?? 0);
}

/**
 * Speech over `/predict`: the text is gathered, posted once, and the answer's
 * body is handed out as `audio` parts as it arrives (read only as fast as the
 * parts are, so a slow reader slows the download instead of filling memory).
 */
export function streamSpeechOverPredict(
  args: SpeechStreamArgs,
): Promise<SpeechModelV4StreamResult> {
  const { config, modelId, options, warnings, voice, call } = args;
  const timestamp = config.currentDate?.() ?? new Date();
  const url = config.endpoints.predictURL;
  const stop = new AbortController();
  const signal = anyAbortSignal(call.abortSignal, stop.signal);
  let inputCharacters = 0;
  let body: OrpheusPredictBody | undefined;

  async function* parts(): AsyncGenerator<Part> {
    yield { type: 'stream-start', warnings };
    const prompt = await gatherText(call.text, voice, signal);
    inputCharacters = characters(prompt);
    body = orpheusPredictBody(prompt, voice, options);
    const answer = await postToDeployment(config, {
      url,
      body,
      successfulResponseHandler: createBinaryStreamResponseHandler(),
      headers: call.headers,
      abortSignal: signal,
    });
    yield {
      type: 'response-metadata',
      timestamp,
      modelId,
      headers: answer.responseHeaders,
    };
    const reader = answer.value.getReader();
    let head: Uint8Array | undefined = new Uint8Array(0);
    try {
      while (true) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (signal.aborted) throw signal.reason ?? error;
          throw new APICallError({
            message: `The audio from ${url} was cut off before it ended.`,
            url,
            requestBodyValues: body,
            cause: error,
            isRetryable: true,
          });
        }
        if (chunk.done) break;
        let bytes: Uint8Array = chunk.value;
        if (head !== undefined) {
          // a server that sends a WAV file: its header is not audio
          const joined = concatBytes(head, bytes);
          const audio = afterWavHeader(joined);
          if (audio === undefined) {
            head = joined;
            continue;
          }
          bytes = audio;
          head = undefined;
        }
        if (bytes.length > 0)
          yield {
            type: 'audio',
            audio: bytes,
            audioFormat: ORPHEUS_AUDIO_FORMAT,
          };
      }
      if (head !== undefined && head.length > 0) {
        yield { type: 'audio', audio: head, audioFormat: ORPHEUS_AUDIO_FORMAT };
      }
    } finally {
      void reader.cancel().catch(() => {});
    }
    const promptCharacters = promptCharactersOf(answer.responseHeaders);
    const metadata = {
      ...answer.responseMetadata,
      ...(promptCharacters !== undefined ? { promptCharacters } : {}),
    };
    yield {
      type: 'finish',
      usage: { inputCharacters },
      ...(Object.keys(metadata).length > 0
        ? { providerMetadata: { baseten: metadata } }
        : {}),
    };
  }

  const generator = parts();
  const stream = new ReadableStream<Part>(
    {
      async pull(controller) {
        const next = await generator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        stop.abort(
          new DOMException('The speech stream was cancelled.', 'AbortError'),
        );
        await generator.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return Promise.resolve({
    stream,
    get request() {
      return { body };
    },
    response: { timestamp, modelId },
  });
}
