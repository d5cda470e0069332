import type { WebSocketLike } from '@ai-sdk/provider-utils';

/**
 * A scripted WebSocket: the test plays the server (opens it, sends messages,
 * closes it) and controls how much the socket has not sent yet.
 */
export class ScriptedSocket implements WebSocketLike {
  static instances: ScriptedSocket[] = [];
  readyState = 0;
  bufferedAmount = 0;
  readonly sent: Array<string | number> = [];
  /** The binary frames' bytes, in order (`sent` has their sizes). */
  readonly binaryFrames: Uint8Array[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;

  constructor(
    readonly url: string | URL,
    readonly protocols?: string | string[],
    readonly options?: { headers?: Record<string, string | undefined> },
  ) {
    ScriptedSocket.instances.push(this);
  }

  send(data: string | Uint8Array | ArrayBuffer): void {
    if (typeof data === 'string') {
      this.sent.push(data);
      return;
    }
    const size = data.byteLength;
    this.sent.push(size);
    this.binaryFrames.push(
      data instanceof ArrayBuffer
        ? new Uint8Array(data.slice(0))
        : data.slice(),
    );
    this.bufferedAmount += size;
  }

  /** The code the client closed with, if it closed the socket. */
  closedByClient: number | undefined;

  close(code = 1000): void {
    if (this.readyState === 3) return;
    this.closedByClient = code;
    this.readyState = 3;
    this.onclose?.({ code });
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  message(value: unknown): void {
    this.onmessage?.({
      data: typeof value === 'string' ? value : JSON.stringify(value),
    });
  }

  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  /** A binary frame from the server. */
  binary(bytes: Uint8Array): void {
    this.onmessage?.({ data: bytes.slice().buffer });
  }
}

/** A scripted socket that can pause reading, as the `ws` package's can. */
export class PausableScriptedSocket extends ScriptedSocket {
  paused = false;
  pauses = 0;
  resumes = 0;

  pause(): void {
    this.paused = true;
    this.pauses += 1;
  }

  resume(): void {
    this.paused = false;
    this.resumes += 1;
  }
}
