import { APICallError } from '@ai-sdk/provider';
import {
  apiCallErrorFromResponse,
  withReadableMessage,
} from '../baseten-error';
import type { SocketFailure } from './baseten-websocket';

/**
 * The parts of one streamed voice call, handed out one per read: a failure
 * is delivered after every part queued before it (erroring a ReadableStream
 * directly would drop the parts it still holds).
 */
export class PartQueue<T> {
  private parts: T[] = [];
  private head = 0;
  private ending:
    { readonly errored: boolean; readonly error?: unknown } | undefined;
  private wake: (() => void) | undefined;
  readonly stream: ReadableStream<T>;

  /** `onCancel` runs when the reader cancels; `onTaken` after each part is handed out. */
  constructor(
    onCancel: (reason: unknown) => void,
    private readonly onTaken?: () => void,
  ) {
    this.stream = new ReadableStream<T>(
      {
        pull: async controller => {
          while (this.length === 0 && this.ending === undefined) {
            await new Promise<void>(resolve => (this.wake = resolve));
          }
          if (this.length > 0) {
            controller.enqueue(this.take());
            this.onTaken?.();
            return;
          }
          if (this.ending?.errored === true)
            controller.error(this.ending.error);
          else controller.close();
        },
        cancel: reason => {
          this.ending ??= { errored: false };
          this.parts = [];
          this.head = 0;
          onCancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
  }

  /** Parts queued and not yet read. */
  get length(): number {
    return this.parts.length - this.head;
  }

  /** True once the stream has been closed, failed or cancelled. */
  get ended(): boolean {
    return this.ending !== undefined;
  }

  push(part: T): void {
    if (this.ending !== undefined) return;
    this.parts.push(part);
    this.notify();
  }

  /** Ends the stream after the queued parts. */
  close(): void {
    this.ending ??= { errored: false };
    this.notify();
  }

  /** Fails the stream after the queued parts. */
  fail(error: unknown): void {
    this.ending ??= { errored: true, error };
    this.notify();
  }

  private take(): T {
    const part = this.parts[this.head];
    this.head += 1;
    // compact now and then so a long stream does not keep read parts alive
    if (this.head > 1024 && this.head * 2 > this.parts.length) {
      this.parts = this.parts.slice(this.head);
      this.head = 0;
    }
    return part;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Close codes that mean a clean end (1005: a close frame without a code). */
export function isCleanClose(code: number | undefined): boolean {
  return code === undefined || code === 1000 || code === 1005;
}

// 1011-1014: server error, restart, try again later, bad gateway.
const RETRYABLE_CLOSE_CODES = new Set([1011, 1012, 1013, 1014]);

/** An `APICallError` for a WebSocket whose upgrade was refused or that never opened. */
export async function webSocketConnectError(options: {
  readonly url: string;
  readonly failure: SocketFailure;
  readonly requestBodyValues: unknown;
  readonly reportsStatus: boolean;
}): Promise<APICallError> {
  const { url, failure, requestBodyValues, reportsStatus } = options;
  if (failure.refusal !== undefined) {
    // the same message as an HTTP refusal: the envelope's, with the request id
    const error = await apiCallErrorFromResponse({
      url,
      statusCode: failure.refusal.statusCode,
      body: failure.refusal.body,
      requestBodyValues,
      responseHeaders: failure.refusal.headers,
    });
    return withReadableMessage(error) as APICallError;
  }
  const detail =
    failure.cause instanceof Error ? ` (${failure.cause.message})` : '';
  const hint = reportsStatus
    ? ''
    : " Node's global WebSocket does not say why; install the 'ws' package to see the server's status and message.";
  return new APICallError({
    message: `Could not open the WebSocket to ${url}${detail}: the server refused the upgrade or could not be reached.${hint}`,
    url,
    requestBodyValues,
    cause: failure.cause,
    isRetryable: true,
  });
}

/** An `APICallError` for a WebSocket that closed (or dropped) before its stream finished. */
export function webSocketClosedError(options: {
  readonly url: string;
  readonly code: number | undefined;
  readonly reason: string | undefined;
  readonly requestBodyValues: unknown;
}): APICallError {
  const { url, code, reason, requestBodyValues } = options;
  const message =
    code === 1006 || code === undefined
      ? `The WebSocket to ${url} was dropped before the stream finished (no close frame).`
      : `Baseten closed the WebSocket with code ${code}${reason ? ` (${reason})` : ''} before the stream finished.`;
  return new APICallError({
    message,
    url,
    requestBodyValues,
    isRetryable:
      code === 1006 || code === undefined || RETRYABLE_CLOSE_CODES.has(code),
    data: { closeCode: code ?? null, closeReason: reason ?? null },
  });
}

/** An `APICallError` for an error the server reported in a message on an open WebSocket. */
export function webSocketMessageError(options: {
  readonly url: string;
  readonly message: string;
  readonly data: unknown;
  readonly requestBodyValues: unknown;
}): APICallError {
  return new APICallError({
    message: `Baseten reported an error on the WebSocket: ${options.message}`,
    url: options.url,
    requestBodyValues: options.requestBodyValues,
    isRetryable: false,
    data: options.data,
  });
}
