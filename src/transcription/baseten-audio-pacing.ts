import { delay } from '@ai-sdk/provider-utils';
import { concatBytes } from '../deployment/baseten-voice-bytes';

/**
 * Samples per binary frame: what Baseten's streaming Whisper runs its voice detector on at 16 kHz
 * (the size for other rates, e.g. 8 kHz mu-law, is unconfirmed; the same count is sent).
 */
export const FRAME_SAMPLES = 512;

/** The clock a pacer reads and waits on (`performance.now()` and a timer, unless a test gives its own). */
export interface PacingClock {
  now(): number;
  sleep(ms: number, abortSignal?: AbortSignal): Promise<void>;
}

/** `performance.now()` and a timer. */
export const systemClock: PacingClock = {
  now: () => performance.now(),
  sleep: (ms, abortSignal) => delay(ms, { abortSignal }),
};

/** The most audio a pacer lets go out ahead of real time: a source's chunks up to this size go out as they come. */
export const MAX_LEAD_SECONDS = 0.5;

/**
 * Holds audio frames back so that they go out no faster than real time. The schedule starts at
 * the first frame and may run ahead by the largest input chunk received so far (at most
 * `MAX_LEAD_SECONDS`): a chunk's audio was recorded before it arrived, so a live source (a
 * microphone delivering 20–500 ms at a time) is never delayed, while audio that arrives faster
 * than real time (a file) is spread out at its own pace.
 */
export class RealTimePacer {
  private startedAt: number | undefined;
  private sentSamples = 0;
  private leadSamples = 0;

  constructor(
    private readonly sampleRate: number,
    private readonly clock: PacingClock = systemClock,
  ) {}

  /** An input chunk of `samples` samples arrived (before its frames are sent). */
  received(samples: number): void {
    this.leadSamples = Math.max(
      this.leadSamples,
      Math.min(samples, MAX_LEAD_SECONDS * this.sampleRate),
    );
  }

  /** Waits until a frame of `samples` samples is due, then counts it as sent. */
  async beforeFrame(samples: number, abortSignal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    this.startedAt ??= now;
    const ahead = this.sentSamples - this.leadSamples;
    const due = this.startedAt + (ahead * 1000) / this.sampleRate;
    if (due > now) await this.clock.sleep(due - now, abortSignal);
    this.sentSamples += samples;
  }
}

/**
 * Cuts audio arriving in any split into frames of exactly `frameBytes` bytes; `bytesPerSample`
 * keeps every frame to whole samples. The last frame is padded to a full frame with
 * `silenceByte` (silence in the encoding: 0x00 for 16-bit PCM, 0xFF for mu-law), or left
 * shorter without one.
 */
export class AudioFramer {
  private pending = new Uint8Array(0);

  constructor(
    readonly frameBytes: number,
    private readonly bytesPerSample: number,
    private readonly silenceByte?: number,
  ) {}

  /** The whole frames the bytes so far complete. */
  push(bytes: Uint8Array): Uint8Array[] {
    const joined = concatBytes(this.pending, bytes);
    const frames: Uint8Array[] = [];
    let offset = 0;
    for (; offset + this.frameBytes <= joined.length; offset += this.frameBytes)
      frames.push(joined.subarray(offset, offset + this.frameBytes));
    this.pending = joined.slice(offset);
    return frames;
  }

  /**
   * The end of the audio: the last frame (its whole samples, padded with silence if the framer
   * pads), and a byte that is not a whole sample.
   */
  end(): { frame?: Uint8Array; leftover?: Uint8Array } {
    const whole =
      this.pending.length - (this.pending.length % this.bytesPerSample);
    let frame: Uint8Array | undefined;
    if (whole > 0 && this.silenceByte !== undefined) {
      frame = new Uint8Array(this.frameBytes).fill(this.silenceByte);
      frame.set(this.pending.subarray(0, whole));
    } else if (whole > 0) frame = this.pending.subarray(0, whole);
    const leftover =
      whole < this.pending.length ? this.pending.subarray(whole) : undefined;
    this.pending = new Uint8Array(0);
    return {
      ...(frame !== undefined ? { frame } : {}),
      ...(leftover !== undefined ? { leftover } : {}),
    };
  }
}
