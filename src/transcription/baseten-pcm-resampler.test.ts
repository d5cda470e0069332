import { describe, expect, it } from 'vitest';
import { Pcm16Resampler } from './baseten-pcm-resampler';

const pcm = (...samples: number[]) => {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((value, index) => view.setInt16(index * 2, value, true));
  return bytes;
};
const samplesOf = (bytes: Uint8Array) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 2 }, (_, index) =>
    view.getInt16(index * 2, true),
  );
};

describe('PCM16 resampling', () => {
  it('24 kHz → 16 kHz: every 1.5 input samples, interpolated linearly', () => {
    const resampler = new Pcm16Resampler(24_000, 16_000);
    const out = [
      ...samplesOf(resampler.push(pcm(0, 300, 600, 900, 1200, 1500, -300))),
      ...samplesOf(resampler.end()),
    ];
    // positions 0, 1.5, 3, 4.5, 6
    expect(out).toEqual([0, 450, 900, 1350, -300]);
  });

  it('gives the same samples however the bytes are split (odd splits included)', () => {
    const input = pcm(
      ...Array.from({ length: 301 }, (_, i) => Math.round(8000 * Math.sin(i))),
    );
    const whole = new Pcm16Resampler(22_050, 16_000);
    const expected = [
      ...samplesOf(whole.push(input)),
      ...samplesOf(whole.end()),
    ];
    const split = new Pcm16Resampler(22_050, 16_000);
    const got: number[] = [];
    for (let offset = 0; offset < input.length; offset += 7)
      got.push(...samplesOf(split.push(input.subarray(offset, offset + 7))));
    got.push(...samplesOf(split.end()));
    expect(got).toEqual(expected);
    expect(expected).toHaveLength(Math.floor((300 * 16_000) / 22_050) + 1);
  });

  it('8 kHz → 16 kHz doubles the samples', () => {
    const resampler = new Pcm16Resampler(8_000, 16_000);
    expect([
      ...samplesOf(resampler.push(pcm(0, 100, 200))),
      ...samplesOf(resampler.end()),
    ]).toEqual([0, 50, 100, 150, 200]);
  });
});
