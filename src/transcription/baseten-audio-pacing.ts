import { delay } from '@ai-sdk/provider-utils';

/** Samples per binary frame: the size Baseten's streaming Whisper runs its voice detector on. */
export const FRAME_SAMPLES = 512;

/** The clock a pacer reads and waits on (`performance.now()` and a timer, unless a test gives its own). */
export interface PacingClock {
  now(): number;
  sleep(ms: number, abortSignal?: AbortSignal): Promise<void>;
}

const systemClock: PacingClock = {
  now: () => performance.now(),
  sleep: (ms, abortSignal) => delay(ms, { abortSignal }),
};

/**
 * Holds audio frames back so that they go out no faster than real time: frame n leaves no earlier
 * than the duration of the frames before it after the first. Audio that arrives at real time (a
 * microphone) is already due and is not delayed; audio that arrives faster (a file) is spread out.
 */
export class RealTimePacer {
  private startedAt: number | undefined;
  private sentSeconds = 0;

  constructor(
    private readonly sampleRate: number,
    private readonly clock: PacingClock = systemClock,
  ) {}

  /** Waits until a frame of `samples` samples is due, then counts it as sent. */
  async beforeFrame(samples: number, abortSignal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    this.startedAt ??= now;
    const due = this.startedAt + this.sentSeconds * 1000;
    if (due > now) await this.clock.sleep(due - now, abortSignal);
    this.sentSeconds += samples / this.sampleRate;
  }
}

/**
 * Cuts audio arriving in any split into frames of exactly `frameBytes` bytes (the last one may be
 * shorter); `bytesPerSample` keeps every frame to whole samples.
 */
export class AudioFramer {
  private pending = new Uint8Array(0);

  constructor(
    readonly frameBytes: number,
    private readonly bytesPerSample: number,
  ) {}

  /** The whole frames the bytes so far complete. */
  push(bytes: Uint8Array): Uint8Array[] {
    const joined = new Uint8Array(this.pending.length + bytes.length);
    joined.set(this.pending);
    joined.set(bytes, this.pending.length);
    const frames: Uint8Array[] = [];
    let offset = 0;
    for (; offset + this.frameBytes <= joined.length; offset += this.frameBytes)
      frames.push(joined.subarray(offset, offset + this.frameBytes));
    this.pending = joined.slice(offset);
    return frames;
  }

  /** The end of the audio: the last, shorter frame (whole samples), and a byte that is not one. */
  end(): { frame?: Uint8Array; leftover?: Uint8Array } {
    const whole =
      this.pending.length - (this.pending.length % this.bytesPerSample);
    const frame = whole > 0 ? this.pending.subarray(0, whole) : undefined;
    const leftover =
      whole < this.pending.length ? this.pending.subarray(whole) : undefined;
    this.pending = new Uint8Array(0);
    return {
      ...(frame !== undefined ? { frame } : {}),
      ...(leftover !== undefined ? { leftover } : {}),
    };
  }
}
