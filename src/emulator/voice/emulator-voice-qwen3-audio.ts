/**
 * The emulator's Qwen3 audio rule. Qwen3-TTS speaks 24 kHz PCM but Qwen3-ASR
 * streams take 16 kHz only, so a client resamples between them, and the
 * low-bit marker of `emulator-voice-audio.ts` would not survive that. The
 * Qwen3 speech therefore carries its text in a form that survives resampling:
 *
 * - **A piece of speech** (one Qwen3-TTS sentence) starts with a marker:
 *   `QW3T`, a 32-bit little-endian byte length, then the UTF-8 text, each byte
 *   least significant bit first; every bit is 4 ms of a constant level (+6000
 *   for 1, −6000 for 0), read at the middle of its 4 ms. After the marker
 *   comes silence; the piece lasts 0.4 s a word (at least the marker's length
 *   and at least 0.4 s), word i heard from 0.4·i s to 0.4·(i+1) s.
 * - **Decoding** works at any sample rate: between pieces, samples under
 *   ±3000 are silence (0.4 s of it ends a phrase); a louder sample starts a
 *   piece. A phrase ends after a word ending in `.`, `!` or `?` and at the end.
 * - **Any other audio**: when the first sound of a stream is not a marker,
 *   the stream is transcribed by the older rule (`emulator-voice-audio.ts`).
 */

import {
  EmulatedWhisperDecoder,
  markedWord,
  WORD_SECONDS,
  type EmulatedWord,
  type PhraseEvent,
} from './emulator-voice-audio';

/** Seconds of audio per marker bit. */
export const QWEN3_BIT_SECONDS = 0.004;
/** Qwen3-TTS' output rate: 16-bit mono PCM at 24 kHz. */
export const QWEN3_TTS_RATE = 24_000;
/** The only rate Qwen3-ASR streams take. */
export const QWEN3_ASR_RATE = 16_000;

const MAGIC = [0x51, 0x57, 0x33, 0x54]; // "QW3T"
const LEVEL = 6000;
const LOUD = LEVEL / 2;
/** Below this a sample is silence by the older rule too. */
const QUIET = 256;
const HEADER_BITS = 64;
const MAX_TEXT_BYTES = 1 << 20;
const DEFAULT_MAX_PHRASE_SECONDS = 30;

/** The words of a text as the emulator speaks them. */
function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter(word => word !== '');
}

/** Seconds of speech of a text: 0.4 s a word, at least the marker's length and 0.4 s. */
export function qwen3SpeechSeconds(text: string): number {
  const words = wordsOf(text);
  const bytes = new TextEncoder().encode(words.join(' ')).length;
  const markerSeconds = (HEADER_BITS + bytes * 8) * QWEN3_BIT_SECONDS;
  return Math.max(words.length * WORD_SECONDS, markerSeconds, WORD_SECONDS);
}

/** One piece of the emulator's Qwen3 speech: raw 16-bit mono PCM at `sampleRate`. */
export function qwen3SpeechPCM(
  text: string,
  sampleRate = QWEN3_TTS_RATE,
): Uint8Array {
  const words = wordsOf(text);
  const utf8 = new TextEncoder().encode(words.join(' '));
  const marker = new Uint8Array(8 + utf8.length);
  marker.set(MAGIC);
  new DataView(marker.buffer).setUint32(4, utf8.length, true);
  marker.set(utf8, 8);
  const count = Math.round(qwen3SpeechSeconds(text) * sampleRate);
  const markerSamples = marker.length * 8 * QWEN3_BIT_SECONDS * sampleRate;
  const pcm = new Uint8Array(count * 2);
  const view = new DataView(pcm.buffer);
  for (let index = 0; index < markerSamples && index < count; index++) {
    const bit = Math.floor(index / (QWEN3_BIT_SECONDS * sampleRate));
    const one = (marker[bit >> 3] >> (bit & 7)) & 1;
    view.setInt16(index * 2, one === 1 ? LEVEL : -LEVEL, true);
  }
  return pcm;
}

/**
 * Transcribes audio as it arrives, by the rule above; `push` bytes (16-bit
 * little-endian mono PCM at `sampleRate`) in any split, `end` when a turn is
 * over. Times are seconds since the decoder's first sample.
 */
export class Qwen3AudioDecoder {
  private readonly bitSamples: number;
  private readonly wordSamples: number;
  private readonly maxPhraseSeconds: number;
  private carry: number | undefined;
  private samples = 0;
  private mode: 'undecided' | 'qwen3' | 'other' = 'undecided';
  /** The older rule's decoder while undecided, and for good once the stream is other audio. */
  private other: EmulatedWhisperDecoder | undefined;
  private otherEvents: PhraseEvent[] = [];
  // pieces
  private inPiece = false;
  private pieceStart = 0;
  private bits: number[] = [];
  private textLength = -1;
  private words: string[] | undefined;
  private released = 0;
  private silentRun = 0;
  private phrase: EmulatedWord[] = [];

  constructor(
    private readonly sampleRate: number,
    maxPhraseSeconds?: number,
  ) {
    this.bitSamples = QWEN3_BIT_SECONDS * sampleRate;
    this.wordSamples = WORD_SECONDS * sampleRate;
    this.maxPhraseSeconds = maxPhraseSeconds ?? DEFAULT_MAX_PHRASE_SECONDS;
    this.other = new EmulatedWhisperDecoder(
      'pcm_s16le',
      sampleRate,
      maxPhraseSeconds,
    );
  }

  push(bytes: Uint8Array): PhraseEvent[] {
    if (this.mode === 'other') return this.other?.push(bytes) ?? [];
    if (this.mode === 'undecided')
      this.otherEvents.push(...(this.other?.push(bytes) ?? []));
    const events: PhraseEvent[] = [];
    let index = 0;
    if (this.carry !== undefined && bytes.length > 0) {
      this.sample((((bytes[0] << 8) | this.carry) << 16) >> 16, events);
      this.carry = undefined;
      index = 1;
    }
    for (; index + 1 < bytes.length; index += 2) {
      if (this.isOther()) {
        // decided mid-chunk: the older rule has already seen these bytes
        return this.takeOtherEvents();
      }
      this.sample(
        (((bytes[index + 1] << 8) | bytes[index]) << 16) >> 16,
        events,
      );
    }
    if (this.isOther()) return this.takeOtherEvents();
    if (index < bytes.length) this.carry = bytes[index];
    return events;
  }

  /** The end of a turn: the words still due, and the last phrase's final. */
  end(): PhraseEvent[] {
    if (this.mode === 'other') return this.other?.end() ?? [];
    const events: PhraseEvent[] = [];
    if (this.mode === 'undecided') {
      // nothing but quiet: the older rule's reading of it
      events.push(...this.otherEvents, ...(this.other?.end() ?? []));
      this.otherEvents = [];
      return events;
    }
    if (this.inPiece && this.words !== undefined)
      while (this.released < this.words.length) this.releaseWord(events);
    this.inPiece = false;
    this.endPhrase(events);
    return events;
  }

  /** Whether the stream turned out to be other audio (may change inside `push`). */
  private isOther(): boolean {
    return this.mode === 'other';
  }

  private takeOtherEvents(): PhraseEvent[] {
    const events = this.otherEvents;
    this.otherEvents = [];
    return events;
  }

  private sample(value: number, events: PhraseEvent[]): void {
    this.samples += 1;
    if (!this.inPiece) {
      if (this.mode === 'undecided' && Math.abs(value) >= QUIET && value < LOUD)
        return this.becomeOther();
      if (value < LOUD) {
        this.silentRun += 1;
        if (this.silentRun >= this.wordSamples) {
          this.silentRun = 0;
          this.endPhrase(events);
        }
        return;
      }
      this.startPiece();
    }
    const at = this.samples - 1 - this.pieceStart;
    const bitIndex = this.bits.length;
    if (
      this.words === undefined &&
      at === Math.floor((bitIndex + 0.5) * this.bitSamples)
    )
      this.readBit(value > 0 ? 1 : 0);
    if (!this.inPiece || this.words === undefined) return;
    while (
      this.released < this.words.length &&
      at + 1 >= (this.released + 1) * this.wordSamples
    )
      this.releaseWord(events);
    if (at + 1 >= Math.round(this.pieceSeconds() * this.sampleRate)) {
      while (this.released < this.words.length) this.releaseWord(events);
      this.inPiece = false;
    }
  }

  private startPiece(): void {
    this.inPiece = true;
    this.pieceStart = this.samples - 1;
    this.bits = [];
    this.textLength = -1;
    this.words = undefined;
    this.released = 0;
    this.silentRun = 0;
  }

  private readBit(bit: number): void {
    this.bits.push(bit);
    const count = this.bits.length;
    if (count % 8 !== 0) return;
    const byteAt = (index: number) =>
      this.bits
        .slice(index * 8, index * 8 + 8)
        .reduce((byte, one, shift) => byte | (one << shift), 0);
    const byteIndex = count / 8 - 1;
    if (byteIndex < 4 && byteAt(byteIndex) !== MAGIC[byteIndex])
      return this.notAMarker();
    if (byteIndex === 3 && this.mode === 'undecided') {
      this.mode = 'qwen3';
      this.other = undefined;
      this.otherEvents = [];
    }
    if (byteIndex === 7) {
      this.textLength =
        (byteAt(4) |
          (byteAt(5) << 8) |
          (byteAt(6) << 16) |
          (byteAt(7) << 24)) >>>
        0;
      if (this.textLength > MAX_TEXT_BYTES) return this.notAMarker();
    }
    if (this.textLength >= 0 && byteIndex === 7 + this.textLength) {
      const text = new Uint8Array(this.textLength);
      for (let index = 0; index < this.textLength; index++)
        text[index] = byteAt(8 + index);
      this.words = wordsOf(new TextDecoder().decode(text));
    }
  }

  /** A loud start that is no marker: other audio (first sound) or noise (later). */
  private notAMarker(): void {
    this.inPiece = false;
    if (this.mode === 'undecided') this.becomeOther();
  }

  private becomeOther(): void {
    this.mode = 'other';
  }

  private pieceSeconds(): number {
    const words = this.words?.length ?? 0;
    return Math.max(
      words * WORD_SECONDS,
      (HEADER_BITS + this.textLength * 8) * QWEN3_BIT_SECONDS,
      WORD_SECONDS,
    );
  }

  private releaseWord(events: PhraseEvent[]): void {
    const words = this.words ?? [];
    const index = this.released;
    this.released += 1;
    this.addWord(
      markedWord(words[index], index, this.pieceStart / this.sampleRate),
      events,
    );
  }

  private addWord(word: EmulatedWord, events: PhraseEvent[]): void {
    this.phrase.push(word);
    const phraseSeconds = word.end - this.phrase[0].start;
    if (/[.!?]$/.test(word.text) || phraseSeconds >= this.maxPhraseSeconds)
      this.endPhrase(events);
    else events.push({ type: 'partial', words: [...this.phrase] });
  }

  private endPhrase(events: PhraseEvent[]): void {
    if (this.phrase.length === 0) return;
    events.push({ type: 'final', words: this.phrase });
    this.phrase = [];
  }
}

/** Transcribes a whole recording (16-bit mono PCM): its phrases, in order. */
export function transcribeQwen3Audio(
  pcm: Uint8Array,
  sampleRate: number,
): EmulatedWord[][] {
  const decoder = new Qwen3AudioDecoder(sampleRate);
  return [...decoder.push(pcm), ...decoder.end()]
    .filter(event => event.type === 'final')
    .map(event => [...event.words]);
}
