import { describe, expect, it } from 'vitest';
import {
  AudioFramer,
  FRAME_SAMPLES,
  RealTimePacer,
  type PacingClock,
} from './baseten-audio-pacing';

/** A clock the test moves: `sleep` records the wait and advances time by it. */
function manualClock() {
  const clock = {
    time: 1_000,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
      return Promise.resolve();
    },
  };
  return clock satisfies PacingClock;
}

describe('real-time pacing of audio frames', () => {
  it('audio that arrives all at once goes out at the audio’s own pace: 32 ms per 512 samples at 16 kHz', async () => {
    const clock = manualClock();
    const pacer = new RealTimePacer(16_000, clock);
    for (let frame = 0; frame < 4; frame++)
      await pacer.beforeFrame(FRAME_SAMPLES);
    // the first frame at once, each next one when the audio before it has played
    expect(clock.sleeps).toEqual([32, 32, 32]);
    expect(clock.time).toBe(1_000 + 3 * 32);
  });

  it('a live source that arrives at real time is not delayed further', async () => {
    const clock = manualClock();
    const pacer = new RealTimePacer(16_000, clock);
    for (let frame = 0; frame < 4; frame++) {
      await pacer.beforeFrame(FRAME_SAMPLES);
      clock.time += 32; // the microphone delivers the next 512 samples 32 ms later
    }
    expect(clock.sleeps).toEqual([]);
  });

  it('a source that stalls then bursts catches up, never ahead of real time since the first frame', async () => {
    const clock = manualClock();
    const pacer = new RealTimePacer(8_000, clock);
    await pacer.beforeFrame(FRAME_SAMPLES); // 64 ms of audio at 8 kHz
    clock.time += 200; // stall
    await pacer.beforeFrame(FRAME_SAMPLES); // due at 64 ms: already late
    await pacer.beforeFrame(FRAME_SAMPLES); // due at 128 ms: late
    await pacer.beforeFrame(FRAME_SAMPLES); // due at 192 ms: late
    await pacer.beforeFrame(FRAME_SAMPLES); // due at 256 ms: 56 ms early
    expect(clock.sleeps).toEqual([56]);
  });
});

describe('512-sample frames', () => {
  it('cuts any split into frames of exactly 512 samples; the last may be shorter', () => {
    const framer = new AudioFramer(FRAME_SAMPLES * 2, 2);
    const sizes = [
      ...framer.push(new Uint8Array(700)),
      ...framer.push(new Uint8Array(3)),
      ...framer.push(new Uint8Array(2_500)),
    ].map(frame => frame.length);
    expect(sizes).toEqual([1024, 1024, 1024]);
    const { frame, leftover } = framer.end();
    expect(frame?.length).toBe(3203 - 3 * 1024 - 1);
    // half a 16-bit sample is not audio: returned for the caller to report
    expect(leftover?.length).toBe(1);
  });

  it('keeps the bytes in order across frames', () => {
    const framer = new AudioFramer(4, 2);
    const bytes = Uint8Array.from({ length: 10 }, (_, index) => index);
    const frames = [
      ...framer.push(bytes.subarray(0, 3)),
      ...framer.push(bytes.subarray(3)),
    ];
    const last = framer.end().frame;
    expect([...frames, last].map(frame => [...(frame ?? [])])).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
  });
});
