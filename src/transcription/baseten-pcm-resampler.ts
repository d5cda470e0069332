/**
 * Resamples 16-bit signed little-endian mono PCM arriving in any split (odd
 * byte counts included) from one rate to another by linear interpolation.
 * Enough for speech recognition; no anti-aliasing filter.
 */
export class Pcm16Resampler {
  private carry: number | undefined;
  // the last input sample of the previous chunk, and the input samples seen so far
  private previous: number | undefined;
  private consumed = 0;
  private produced = 0;
  private readonly step: number;

  constructor(fromRate: number, toRate: number) {
    this.step = fromRate / toRate;
  }

  /** The output samples the input so far allows (each needs the input sample after it). */
  push(bytes: Uint8Array): Uint8Array {
    const input = this.decode(bytes);
    return this.resample(input, false);
  }

  /** The end of the input: the output samples up to its last sample. */
  end(): Uint8Array {
    return this.resample([], true);
  }

  private decode(bytes: Uint8Array): number[] {
    const samples: number[] = [];
    let index = 0;
    if (this.carry !== undefined && bytes.length > 0) {
      samples.push((((bytes[0] << 8) | this.carry) << 16) >> 16);
      this.carry = undefined;
      index = 1;
    }
    for (; index + 1 < bytes.length; index += 2)
      samples.push((((bytes[index + 1] << 8) | bytes[index]) << 16) >> 16);
    if (index < bytes.length) this.carry = bytes[index];
    return samples;
  }

  private resample(input: number[], final: boolean): Uint8Array {
    // window: the previous chunk's last sample (if any), then this chunk's
    const window =
      this.previous === undefined ? input : [this.previous, ...input];
    const base = this.consumed - (this.previous === undefined ? 0 : 1);
    const last = base + window.length - 1;
    const out: number[] = [];
    for (;;) {
      const position = this.produced * this.step;
      const at = Math.floor(position);
      if (position > last || (!final && at + 1 > last)) break;
      const left = window[at - base];
      const right = at + 1 <= last ? window[at + 1 - base] : left;
      out.push(Math.round(left + (right - left) * (position - at)));
      this.produced += 1;
    }
    this.consumed += input.length;
    if (window.length > 0) this.previous = window[window.length - 1];
    const bytes = new Uint8Array(out.length * 2);
    const view = new DataView(bytes.buffer);
    out.forEach((value, index) => view.setInt16(index * 2, value, true));
    return bytes;
  }
}
