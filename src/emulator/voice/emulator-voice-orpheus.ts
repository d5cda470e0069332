import { emulatorSpeechPCM } from './emulator-voice-audio';
import { isRecord } from '../edge/emulator-is-record';

/** Orpheus' rate: the emulator's speech is 16-bit mono PCM at 24 kHz, without a WAV header. */
export const ORPHEUS_RATE = 24_000;
/** Bytes per streamed piece of audio, as Orpheus sends them (2,048 samples). */
export const AUDIO_CHUNK_BYTES = 4096;
/** Words the WebSocket gathers before it speaks, unless the session sets `buffer_size`. */
const DEFAULT_BUFFER_SIZE = 10;
/** The text frame that ends a session's text. */
export const END_OF_TEXT = '__END__';

/**
 * Whether a `/predict` body is an Orpheus request: it has a `prompt`. Orpheus
 * reads its own keys and hands the rest to the engine, which ignores them
 * (LiveKit's `language`, Baseten's own `stop_token_ids`).
 */
export function isOrpheusPredict(
  body: unknown,
): body is { prompt: unknown; voice?: unknown } {
  return isRecord(body) && 'prompt' in body;
}

/** What Orpheus sends as `X-Baseten-Input-Tokens`: the prompt's length in characters (Python's `len`). */
export function inputCharacters(prompt: string): number {
  return [...prompt].length;
}

/** Audio in streamed pieces of `AUDIO_CHUNK_BYTES`. */
export function audioChunks(pcm: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < pcm.length; offset += AUDIO_CHUNK_BYTES) {
    chunks.push(pcm.subarray(offset, offset + AUDIO_CHUNK_BYTES));
  }
  return chunks;
}

/** The emulator's Orpheus audio of a text, as `/predict` and the WebSocket send it (see `emulator-voice-audio.ts`). */
export function orpheusPredictAudio(prompt: string): Uint8Array[] {
  return audioChunks(emulatorSpeechPCM(prompt, ORPHEUS_RATE));
}

/** Whether a session's first message asks for speech: every JSON object qualifies (Orpheus ignores keys it does not read). */
export function isOrpheusStreamingMetadata(
  value: unknown,
): value is Record<string, unknown> {
  return isRecord(value);
}

/** What the truss server says when a model fails (and closes the socket with 1011). */
export const TRUSS_MODEL_ERROR = 'Internal Server Error (in model/chainlet).';

// Abbreviations after which a period does not end a sentence (a small part of what pysbd knows).
const ABBREVIATIONS = new Set([
  'mr.',
  'mrs.',
  'ms.',
  'dr.',
  'prof.',
  'sr.',
  'jr.',
  'st.',
  'vs.',
  'etc.',
  'e.g.',
  'i.e.',
  'no.',
]);

/**
 * English sentences of a text's words, roughly as pysbd splits them (the
 * Orpheus server's segmenter): a word ending in `.`, `!` or `?` (maybe
 * followed by a closing quote or bracket) ends a sentence, unless it is a
 * known abbreviation.
 */
export function splitSentences(words: readonly string[]): string[][] {
  const sentences: string[][] = [];
  let current: string[] = [];
  for (const word of words) {
    current.push(word);
    if (
      /[.!?]["'”’)\]]*$/.test(word) &&
      !ABBREVIATIONS.has(word.toLowerCase())
    ) {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}

/**
 * One Orpheus WebSocket session, by the rules of Baseten's server
 * (truss-examples `orpheus-3b-websockets/model/model.py`): each text frame
 * is split into words (`.strip().split()`) and added to a buffer; after
 * every frame one flush speaks all sentences but the last when the buffer
 * holds more than one, else the first `buffer_size` words when it holds
 * that many, else nothing. `__END__` flushes once more, speaking the whole
 * buffer when neither rule fires, and whatever is left after that one chunk
 * is dropped. Each spoken chunk is one piece of audio that transcribes back
 * to its words.
 */
export class OrpheusStreamingSession {
  private words: string[] = [];
  private readonly bufferSize: number;

  constructor(metadata: Record<string, unknown>) {
    const size = metadata.buffer_size;
    this.bufferSize =
      typeof size === 'number' && Number.isInteger(size) && size > 0
        ? size
        : DEFAULT_BUFFER_SIZE;
  }

  /** Words the server still holds (what `__END__` may drop). */
  get buffered(): readonly string[] {
    return this.words;
  }

  /** A text frame: its words are buffered, then one flush. */
  text(text: string): Uint8Array[] {
    this.words.push(...text.split(/\s+/).filter(word => word !== ''));
    return this.flush(false);
  }

  /** `__END__`: the last flush; the caller then closes the socket with 1000. */
  end(): Uint8Array[] {
    const audio = this.flush(true);
    this.words = [];
    return audio;
  }

  private flush(final: boolean): Uint8Array[] {
    if (this.words.length === 0) return [];
    const sentences = splitSentences(this.words);
    let spoken: string[];
    if (sentences.length > 1) {
      spoken = sentences.slice(0, -1).flat();
    } else if (this.words.length >= this.bufferSize) {
      spoken = this.words.slice(0, this.bufferSize);
    } else if (final) {
      spoken = this.words;
    } else {
      return [];
    }
    this.words = this.words.slice(spoken.length);
    return orpheusPredictAudio(spoken.join(' '));
  }
}
