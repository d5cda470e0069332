/**
 * The emulator's audio rule, the same for its speech output and its
 * transcription input, so that transcripts are predictable:
 *
 * - Audio is 16-bit signed little-endian mono PCM (a WAV file's `data`
 *   chunk, or raw samples on a WebSocket; mu-law bytes are read as bytes).
 * - **Text in the audio.** The emulator's speech carries its text in the
 *   least significant bit of each sample: `BTN1`, a 32-bit little-endian
 *   byte length, then the UTF-8 text, each byte least significant bit first.
 *   Audio that starts with this marker transcribes to that text, word i
 *   heard from 0.4·i s to 0.4·(i+1) s. A piece of speech lasts 0.4 s a word
 *   (at least the marker's length); another marker may follow it.
 * - **Any other audio** is cut into 0.4 s windows: a silent window (no
 *   sample reaching ±256) ends a phrase, any other window is one word from
 *   `EMULATOR_WORDS`, picked by a checksum of its samples.
 * - A phrase (one segment, one final transcript) ends when it reaches the
 *   longest phrase duration (30 s unless the session sets one), and at the
 *   end. Batch (`/predict`) also ends one after a word ending in `.`, `!` or
 *   `?` and at a silent window; streaming, like Baseten's voice detector,
 *   ends one only after `min_silence_duration_ms` of silence (no sample
 *   reaching ±256), so the last phrase of audio without a pause waits for
 *   the end of the audio.
 */

import { pcmToWav } from '../../baseten-wav';

/** Seconds of audio per transcribed word. */
export const WORD_SECONDS = 0.4;
/** The words that audio without a text marker transcribes to. */
export const EMULATOR_WORDS = [
  'alpha',
  'bravo',
  'charlie',
  'delta',
  'echo',
  'foxtrot',
  'golf',
  'hotel',
  'india',
  'juliett',
  'kilo',
  'lima',
  'mike',
  'november',
  'oscar',
  'papa',
] as const;

const MAGIC = [0x42, 0x54, 0x4e, 0x31]; // "BTN1"
/** The magic's 32 carrier bits, first sample lowest, as `lastBits` holds them. */
const MAGIC_BITS = 0x314e5442;
const SILENCE = 256;
const DEFAULT_MAX_PHRASE_SECONDS = 30;
const MAX_MARKER_TEXT_BYTES = 1 << 20;

/** One transcribed word with its time in the audio. */
export interface EmulatedWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** What the decoder found after some audio: words of the current phrase, and phrases it closed. */
export type PhraseEvent = {
  readonly type: 'partial' | 'final';
  readonly words: readonly EmulatedWord[];
  /** Seconds of audio heard when the event happened. */
  readonly heardSeconds?: number;
};

/** How the incoming bytes encode samples. */
export type EmulatorAudioEncoding = 'pcm_s16le' | 'pcm_mulaw';

function decodeMulaw(byte: number): number {
  const value = ~byte & 0xff;
  const sign = value & 0x80;
  const exponent = (value >> 4) & 0x07;
  const mantissa = value & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return sign !== 0 ? -magnitude : magnitude;
}

const roundTime = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** The `index`th word of a marked piece that starts at `offsetSeconds`: one WORD_SECONDS slot each. */
export function markedWord(
  text: string,
  index: number,
  offsetSeconds: number,
): EmulatedWord {
  return {
    text,
    start: roundTime(offsetSeconds + index * WORD_SECONDS),
    end: roundTime(offsetSeconds + (index + 1) * WORD_SECONDS),
  };
}

/**
 * Transcribes audio as it arrives, by the rule above. `push` bytes in any
 * split; `end` when the audio is over. Deterministic: the same bytes give
 * the same events whatever the chunking.
 */
export class EmulatedWhisperDecoder {
  private readonly windowSamples: number;
  private readonly maxPhraseSeconds: number;
  private carry: number | undefined;
  private samples = 0;
  // marker parsing
  private mode: 'undecided' | 'marker' | 'tones' = 'undecided';
  private bits = 0;
  private bitCount = 0;
  private header: number[] = [];
  private textBytes: number[] = [];
  private textLength = -1;
  private markerWords: string[] | undefined;
  private released = 0;
  private pieceStart = 0;
  // tone windows
  private windowFill = 0;
  private windowPeak = 0;
  private windowSum = 0;
  private wordIndex = 0;
  private phrase: EmulatedWord[] = [];
  // the carrier bits of the last 32 samples, the latest highest
  private lastBits = 0;
  // streaming: silence detection
  private readonly minSilenceSamples: number | undefined;
  private silentRun = 0;

  /**
   * `minSilenceMs` set: the streaming rule (a phrase ends after that much
   * silence); unset: the batch rule (punctuation and silent windows).
   */
  constructor(
    private readonly encoding: EmulatorAudioEncoding,
    private readonly sampleRate: number,
    maxPhraseSeconds?: number,
    minSilenceMs?: number,
  ) {
    this.windowSamples = Math.max(1, Math.round(WORD_SECONDS * sampleRate));
    this.maxPhraseSeconds = maxPhraseSeconds ?? DEFAULT_MAX_PHRASE_SECONDS;
    this.minSilenceSamples =
      minSilenceMs === undefined
        ? undefined
        : Math.max(1, Math.round((minSilenceMs / 1000) * sampleRate));
  }

  /** Seconds of audio received so far. */
  get seconds(): number {
    return this.samples / this.sampleRate;
  }

  push(bytes: Uint8Array): PhraseEvent[] {
    const events: PhraseEvent[] = [];
    let index = 0;
    if (
      this.encoding === 'pcm_s16le' &&
      this.carry !== undefined &&
      bytes.length > 0
    ) {
      this.sample(
        (((bytes[0] << 8) | this.carry) << 16) >> 16,
        this.carry,
        events,
      );
      this.carry = undefined;
      index = 1;
    }
    if (this.encoding === 'pcm_mulaw') {
      for (; index < bytes.length; index++)
        this.sample(decodeMulaw(bytes[index]), bytes[index], events);
      return events;
    }
    for (; index + 1 < bytes.length; index += 2) {
      const value = (((bytes[index + 1] << 8) | bytes[index]) << 16) >> 16;
      this.sample(value, bytes[index], events);
    }
    if (index < bytes.length) this.carry = bytes[index];
    return events;
  }

  end(): PhraseEvent[] {
    const events: PhraseEvent[] = [];
    if (this.mode === 'marker' && this.markerWords !== undefined) {
      while (this.released < this.markerWords.length)
        this.releaseMarkerWord(events);
    } else if (this.windowFill > 0) {
      this.closeWindow(events);
    }
    this.endPhrase(events);
    return events;
  }

  private sample(
    value: number,
    carrierByte: number,
    events: PhraseEvent[],
  ): void {
    this.samples += 1;
    this.silentRun = Math.abs(value) < SILENCE ? this.silentRun + 1 : 0;
    this.soundSample(value, carrierByte, events);
    if (
      this.minSilenceSamples !== undefined &&
      this.silentRun === this.minSilenceSamples
    )
      this.endPhrase(events);
  }

  private soundSample(
    value: number,
    carrierByte: number,
    events: PhraseEvent[],
  ): void {
    const bit = carrierByte & 1;
    this.lastBits = ((this.lastBits >>> 1) | (bit << 31)) >>> 0;
    if (this.mode === 'tones' && this.lastBits === MAGIC_BITS)
      this.markerFound();
    else if (this.mode !== 'tones') this.readMarkerBit(bit);
    if (this.mode === 'marker') {
      const words = this.markerWords;
      if (words !== undefined) {
        const inPiece = this.samples - this.pieceStart;
        while (
          this.released < words.length &&
          inPiece >= (this.released + 1) * this.windowSamples
        ) {
          this.releaseMarkerWord(events);
        }
        if (inPiece >= this.pieceLength(words.length)) this.startNextPiece();
      }
      return;
    }
    this.windowFill += 1;
    this.windowPeak = Math.max(this.windowPeak, Math.abs(value));
    this.windowSum = (this.windowSum * 31 + (value & 0xffff)) >>> 0;
    if (this.windowFill === this.windowSamples && this.mode === 'tones')
      this.closeWindow(events);
  }

  private readMarkerBit(bit: number): void {
    this.bits |= bit << this.bitCount;
    this.bitCount += 1;
    if (this.bitCount < 8) return;
    const byte = this.bits;
    this.bits = 0;
    this.bitCount = 0;
    if (this.header.length < 8) {
      this.header.push(byte);
      if (this.header.length <= 4 && byte !== MAGIC[this.header.length - 1])
        return this.becomeTones();
      if (this.header.length === 4) this.mode = 'marker';
      if (this.header.length === 8) {
        const [a, b, c, d] = this.header.slice(4);
        this.textLength = (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
        if (this.textLength > MAX_MARKER_TEXT_BYTES) return this.becomeTones();
        if (this.textLength === 0) this.markerWords = [];
      }
      return;
    }
    this.textBytes.push(byte);
    if (this.textBytes.length === this.textLength) {
      const text = new TextDecoder().decode(new Uint8Array(this.textBytes));
      this.markerWords = text.split(/\s+/).filter(word => word !== '');
    }
  }

  /** Not the emulator's speech: the rest is read as tone windows, until a marker starts. */
  private becomeTones(): void {
    this.mode = 'tones';
  }

  /**
   * The last 32 samples carried the marker's magic: a piece of the
   * emulator's speech started there (after silence or other audio). The
   * tone window in progress held its first samples and is dropped.
   */
  private markerFound(): void {
    this.startNextPiece();
    this.pieceStart = this.samples - 32;
    this.header = [...MAGIC];
    this.mode = 'marker';
  }

  /** Samples of a piece of speech with `words` words: as `emulatorSpeechPCM` makes it. */
  private pieceLength(words: number): number {
    return Math.max(
      words * this.windowSamples,
      (8 + this.textLength) * 8,
      this.windowSamples,
    );
  }

  /** The piece is over: another marker may start at the next sample. */
  private startNextPiece(): void {
    this.pieceStart = this.samples;
    this.mode = 'undecided';
    this.bits = 0;
    this.bitCount = 0;
    this.header = [];
    this.textBytes = [];
    this.textLength = -1;
    this.markerWords = undefined;
    this.released = 0;
    this.windowFill = 0;
    this.windowPeak = 0;
    this.windowSum = 0;
    this.wordIndex = Math.round(this.samples / this.windowSamples);
  }

  private releaseMarkerWord(events: PhraseEvent[]): void {
    const words = this.markerWords ?? [];
    const index = this.released;
    this.released += 1;
    this.addWord(
      markedWord(words[index], index, this.pieceStart / this.sampleRate),
      events,
    );
  }

  private closeWindow(events: PhraseEvent[]): void {
    const start = roundTime(this.wordIndex * WORD_SECONDS);
    const end = roundTime(start + this.windowFill / this.sampleRate);
    const silent = this.windowPeak < SILENCE;
    const checksum = this.windowSum;
    this.wordIndex += 1;
    this.windowFill = 0;
    this.windowPeak = 0;
    this.windowSum = 0;
    if (silent) {
      if (this.minSilenceSamples === undefined) this.endPhrase(events);
      return;
    }
    this.addWord(
      { text: EMULATOR_WORDS[checksum % EMULATOR_WORDS.length], start, end },
      events,
    );
  }

  private addWord(word: EmulatedWord, events: PhraseEvent[]): void {
    this.phrase.push(word);
    const phraseSeconds = word.end - this.phrase[0].start;
    const sentenceEnd =
      this.minSilenceSamples === undefined && /[.!?]$/.test(word.text);
    if (sentenceEnd || phraseSeconds >= this.maxPhraseSeconds)
      this.endPhrase(events);
    else
      events.push({
        type: 'partial',
        words: [...this.phrase],
        heardSeconds: this.seconds,
      });
  }

  private endPhrase(events: PhraseEvent[]): void {
    if (this.phrase.length === 0) return;
    events.push({
      type: 'final',
      words: this.phrase,
      heardSeconds: this.seconds,
    });
    this.phrase = [];
  }
}

/** Transcribes a whole recording: its phrases, in order. */
export function transcribeAudio(
  bytes: Uint8Array,
  encoding: EmulatorAudioEncoding,
  sampleRate: number,
): EmulatedWord[][] {
  const decoder = new EmulatedWhisperDecoder(encoding, sampleRate);
  return [...decoder.push(bytes), ...decoder.end()]
    .filter(event => event.type === 'final')
    .map(event => [...event.words]);
}

/** A WAV file's samples and rate (16-bit PCM; the first channel of several). */
export interface DecodedWav {
  readonly pcm: Uint8Array;
  readonly sampleRate: number;
}

/** Reads a RIFF/WAVE file; `undefined` if the bytes are not one the emulator can read. */
export function decodeWav(bytes: Uint8Array): DecodedWav | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) =>
    String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE')
    return undefined;
  let channels = 1;
  let sampleRate = 0;
  let bitsPerSample = 0;
  for (let offset = 12; offset + 8 <= bytes.length;) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ' && body + 16 <= bytes.length) {
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bitsPerSample = view.getUint16(body + 14, true);
    } else if (id === 'data') {
      if (bitsPerSample !== 16 || sampleRate === 0 || channels < 1)
        return undefined;
      const data = bytes.subarray(body, Math.min(bytes.length, body + size));
      return {
        pcm: channels === 1 ? data : firstChannel(data, channels),
        sampleRate,
      };
    }
    offset = body + size + (size % 2);
  }
  return undefined;
}

function firstChannel(data: Uint8Array, channels: number): Uint8Array {
  const frames = Math.floor(data.length / (2 * channels));
  const out = new Uint8Array(frames * 2);
  for (let frame = 0; frame < frames; frame++) {
    out[frame * 2] = data[frame * 2 * channels];
    out[frame * 2 + 1] = data[frame * 2 * channels + 1];
  }
  return out;
}

/** A WAV file (16-bit mono PCM) around raw samples. */
export const encodeWav = pcmToWav;

/**
 * Speech as the emulator makes it: a short tone per word (0.3 s of sound,
 * 0.1 s of silence) with the text carried in the samples' lowest bits, so
 * the emulator's transcription gives the text back. Raw 16-bit mono PCM.
 */
export function emulatorSpeechPCM(
  text: string,
  sampleRate = 24_000,
): Uint8Array {
  const words = text.split(/\s+/).filter(word => word !== '');
  const utf8 = new TextEncoder().encode(words.join(' '));
  const marker = new Uint8Array(8 + utf8.length);
  marker.set(MAGIC);
  new DataView(marker.buffer).setUint32(4, utf8.length, true);
  marker.set(utf8, 8);
  const windowSamples = Math.round(WORD_SECONDS * sampleRate);
  const count = Math.max(
    words.length * windowSamples,
    marker.length * 8,
    windowSamples,
  );
  const pcm = new Uint8Array(count * 2);
  const view = new DataView(pcm.buffer);
  for (let index = 0; index < count; index++) {
    const word = Math.floor(index / windowSamples);
    const within = (index % windowSamples) / sampleRate;
    const frequency = 220 + ((word * 37) % 12) * 30;
    const sounding =
      word < Math.max(words.length, 1) && within < WORD_SECONDS * 0.75;
    let value = sounding
      ? Math.round(8000 * Math.sin(2 * Math.PI * frequency * within))
      : 0;
    const bitIndex = index;
    const bit =
      bitIndex < marker.length * 8
        ? (marker[bitIndex >> 3] >> (bitIndex & 7)) & 1
        : 0;
    value = (value & ~1) | bit;
    view.setInt16(index * 2, value, true);
  }
  return pcm;
}

/** `emulatorSpeechPCM` as a WAV file. */
export function emulatorSpeechWAV(
  text: string,
  sampleRate = 24_000,
): Uint8Array {
  return encodeWav(emulatorSpeechPCM(text, sampleRate), sampleRate);
}
