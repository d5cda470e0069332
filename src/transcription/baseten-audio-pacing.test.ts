import { describe, expect, it } from 'vitest';
import {
  AudioFramer,
  FRAME_SAMPLES,
  MAX_LEAD_SECONDS,
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

/**
 * A source delivering `chunks` chunks of `chunkMs` of 16 kHz PCM16 through a framer and pacer,
 * as the model does; `live` sources deliver each chunk `chunkMs` after the one before.
 */
async function stream(args: {
  readonly clock: ReturnType<typeof manualClock>;
  readonly chunkMs: number;
  readonly chunks: number;
  readonly live: boolean;
}) {
  const { clock, chunkMs, chunks, live } = args;
  const pacer = new RealTimePacer(16_000, clock);
  const framer = new AudioFramer(FRAME_SAMPLES * 2, 2, 0);
  /** How long each frame waited after its audio arrived. */
  const delays: number[] = [];
  for (let chunk = 0; chunk < chunks; chunk++) {
    if (live) clock.time += chunkMs; // the chunk's audio is recorded, then delivered
    const arrived = clock.time;
    const samples = (16_000 * chunkMs) / 1000;
    pacer.received(samples);
    for (const frame of framer.push(new Uint8Array(samples * 2))) {
      await pacer.beforeFrame(frame.length / 2);
      delays.push(clock.time - arrived);
    }
  }
  return delays;
}

describe('real-time pacing of audio frames', () => {
  it.each([20, 100, 250, 500])(
    'a live source delivering %i ms chunks at real time is never delayed',
    async chunkMs => {
      const clock = manualClock();
      const delays = await stream({ clock, chunkMs, chunks: 40, live: true });
      expect(delays.length).toBeGreaterThan(0);
      expect(clock.sleeps).toEqual([]);
      expect(delays.every(delay => delay === 0)).toBe(true);
    },
  );

  it('a live source that delivers exactly 512 samples at a time is not delayed either', async () => {
    const clock = manualClock();
    const pacer = new RealTimePacer(16_000, clock);
    for (let frame = 0; frame < 4; frame++) {
      clock.time += 32; // the microphone delivers the next 512 samples 32 ms later
      pacer.received(FRAME_SAMPLES);
      await pacer.beforeFrame(FRAME_SAMPLES);
    }
    expect(clock.sleeps).toEqual([]);
  });

  it('a whole file at once goes out at real time after at most half a second ahead: 32 ms per 512 samples at 16 kHz', async () => {
    const clock = manualClock();
    const pacer = new RealTimePacer(16_000, clock);
    pacer.received(2 * 16_000); // 2 s of audio in one chunk
    for (let frame = 0; frame < 62; frame++)
      await pacer.beforeFrame(FRAME_SAMPLES);
    // frames 0–15 (512 ms of audio) are within the 500 ms lead; then one every 32 ms
    expect(MAX_LEAD_SECONDS).toBe(0.5);
    expect(clock.sleeps).toEqual([12, ...Array<number>(45).fill(32)]);
    // the last frame starts at 61 × 32 ms of audio, 500 ms ahead of real time, never more
    expect(clock.time - 1_000).toBe(61 * 32 - 500);
  });

  it('a file read in 100 ms chunks faster than real time is paced to real time, 100 ms ahead at most', async () => {
    const clock = manualClock();
    const delays = await stream({
      clock,
      chunkMs: 100,
      chunks: 20,
      live: false,
    });
    // 2 s of audio: 62 whole frames; the last starts at 61 × 32 ms, sent 100 ms early
    expect(delays).toHaveLength(62);
    expect(clock.time - 1_000).toBe(61 * 32 - 100);
    expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(61 * 32 - 100);
  });

  it('a source that stalls then bursts catches up, never more than its chunk ahead of real time', async () => {
    const clock = manualClock();
    const pacer = new RealTimePacer(8_000, clock);
    pacer.received(FRAME_SAMPLES); // 64 ms chunks at 8 kHz
    await pacer.beforeFrame(FRAME_SAMPLES); // due at once
    clock.time += 200; // stall
    await pacer.beforeFrame(FRAME_SAMPLES); // due at 0 ms: late
    await pacer.beforeFrame(FRAME_SAMPLES); // due at 64 ms: late
    await pacer.beforeFrame(FRAME_SAMPLES); // due at 128 ms: late
    await pacer.beforeFrame(FRAME_SAMPLES); // due at 192 ms: late
    await pacer.beforeFrame(FRAME_SAMPLES); // due at 256 ms: 56 ms early
    expect(clock.sleeps).toEqual([56]);
  });

  it('an abort during a pacing wait ends the wait with the abort reason', async () => {
    const clock: PacingClock = {
      now: () => 0,
      // waits until aborted, as a timer would for a long wait
      sleep: (_ms: number, abortSignal?: AbortSignal) =>
        new Promise<void>((_resolve, reject) =>
          abortSignal?.addEventListener('abort', () =>
            reject(abortSignal.reason),
          ),
        ),
    };
    const pacer = new RealTimePacer(16_000, clock);
    await pacer.beforeFrame(FRAME_SAMPLES); // due at once
    const controller = new AbortController();
    const waiting = pacer.beforeFrame(FRAME_SAMPLES, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});

describe('512-sample frames', () => {
  it('cuts any split into frames of exactly 512 samples; the last is padded with silence', () => {
    const framer = new AudioFramer(FRAME_SAMPLES * 2, 2, 0x00);
    const sizes = [
      ...framer.push(new Uint8Array(700).fill(7)),
      ...framer.push(new Uint8Array(3).fill(7)),
      ...framer.push(new Uint8Array(2_500).fill(7)),
    ].map(frame => frame.length);
    expect(sizes).toEqual([1024, 1024, 1024]);
    const { frame, leftover } = framer.end();
    // 130 bytes of audio (65 samples), then 16-bit silence to 512 samples
    const audio = 3203 - 3 * 1024 - 1;
    expect(frame?.length).toBe(1024);
    expect(frame?.subarray(0, audio).every(byte => byte === 7)).toBe(true);
    expect(frame?.subarray(audio).every(byte => byte === 0x00)).toBe(true);
    // half a 16-bit sample is not audio: returned for the caller to report
    expect(leftover?.length).toBe(1);
  });

  it('pads mu-law with 0xFF, its silence (0x00 is full negative amplitude)', () => {
    const framer = new AudioFramer(FRAME_SAMPLES, 1, 0xff);
    expect(framer.push(new Uint8Array(600).fill(0x10))).toHaveLength(1);
    const { frame, leftover } = framer.end();
    expect(leftover).toBeUndefined();
    expect(frame?.length).toBe(512);
    expect([...(frame?.subarray(86, 90) ?? [])]).toEqual([
      0x10, 0x10, 0xff, 0xff,
    ]);
    expect(frame?.subarray(88).every(byte => byte === 0xff)).toBe(true);
  });

  it('keeps the bytes in order across frames', () => {
    const framer = new AudioFramer(4, 2, 0);
    const bytes = Uint8Array.from({ length: 10 }, (_, index) => index + 1);
    const frames = [
      ...framer.push(bytes.subarray(0, 3)),
      ...framer.push(bytes.subarray(3)),
    ];
    const last = framer.end().frame;
    expect([...frames, last].map(frame => [...(frame ?? [])])).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 0, 0],
    ]);
  });

  it('no audio at all gives no last frame', () => {
    expect(new AudioFramer(1024, 2, 0).end()).toEqual({});
  });

  it('without a silence byte the last frame stays short (Qwen3-ASR appends)', () => {
    const framer = new AudioFramer(4, 2);
    framer.push(Uint8Array.of(1, 2, 3, 4, 5, 6));
    expect([...(framer.end().frame ?? [])]).toEqual([5, 6]);
  });
});
