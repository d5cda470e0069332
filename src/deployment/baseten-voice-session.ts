import { APICallError } from '@ai-sdk/provider';
import {
  connectToWebSocket,
  type WebSocketConnection,
  type WebSocketLike,
} from '@ai-sdk/provider-utils';
import { redactApiKey } from '../baseten-redaction';
import {
  socketFailureOf,
  terminateSocket,
  upgradeHeadersOf,
  type WebSocketChoice,
} from './baseten-websocket';
import {
  isCleanClose,
  PartQueue,
  webSocketClosedError,
  webSocketConnectError,
  webSocketMessageError,
} from './baseten-websocket-session';

// After an error on an open socket the transport reports the close; this bounds the wait for it.
const CLOSE_AFTER_ERROR_MS = 1_000;
/**
 * The error a voice server's message describes, if it is one: an `error` string or object with a
 * `message`, or `{"type": "error", "message": …}` (`text`, the message as received, without one).
 */
export function voiceServerErrorMessage(
  value: unknown,
  text: string,
): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { error, type, message } = value as Record<string, unknown>;
  if (typeof error === 'string') return error;
  const nested = (error as { message?: unknown } | null | undefined)?.message;
  if (typeof nested === 'string') return nested;
  if (type !== 'error') return undefined;
  return typeof message === 'string' ? message : text;
}

/** Parts a slow reader may leave queued before the socket is paused (or, if it cannot pause, failed). */
export const MAX_QUEUED_PARTS = 256;
/** Parts queued before a socket that cannot pause fails the stream rather than grow without bound. */
export const HARD_MAX_QUEUED_PARTS = 4096;

/** What one voice WebSocket session needs: where, how, and the protocol's hooks. */
export interface VoiceSessionOptions<PART> {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly choice: WebSocketChoice;
  readonly abortSignal?: AbortSignal;
  readonly apiKey: string;
  /** The metadata frame, as errors report it. */
  readonly requestBodyValues: unknown;
  /** The caller's input; cancelled whenever the session ends before reading it all. */
  readonly input: ReadableStream<unknown>;
  /** Names the server in a timeout message, e.g. `The Whisper deployment`. */
  readonly serverName: string;
  /** How long the server may take to finish and close after the end of the input. */
  readonly endTimeoutMs: number;
  /**
   * The last part when the server lets `endTimeoutMs` pass after the end of the input; without
   * it the stream fails then. For a protocol where silence after the end still means a complete
   * answer (an older server that does not confirm the end).
   */
  readonly endTimeoutPart?: () => PART;
  /** The part `response-metadata` becomes once the upgrade is accepted. */
  readonly responseMetadata: (
    headers: Record<string, string> | undefined,
  ) => PART;
  /** The upgrade was accepted: send the metadata frame and start sending input. */
  readonly onOpen: (socket: WebSocketLike) => void | Promise<void>;
  /** A text frame from the server. */
  readonly onText: (text: string) => void | Promise<void>;
  /**
   * A binary frame from the server. With it, frames are handled as they arrive, in order, so
   * `onText` should do its work before it returns.
   */
  readonly onBinary?: (bytes: Uint8Array) => void;
  /**
   * The last part of a session the server closed cleanly after the end of the input; throws to
   * fail the stream instead (the close came before the protocol's own end).
   */
  readonly finish: () => PART;
}

/** The `response-metadata` part of a voice stream, once the upgrade is accepted. */
export function voiceResponseMetadata(
  timestamp: Date,
  modelId: string,
): (headers: Record<string, string> | undefined) => {
  type: 'response-metadata';
  timestamp: Date;
  modelId: string;
  headers?: Record<string, string>;
} {
  return headers => ({
    type: 'response-metadata',
    timestamp,
    modelId,
    ...(headers !== undefined ? { headers } : {}),
  });
}

interface PausableSocket {
  pause(): void;
  resume(): void;
}

function isPausable(
  socket: WebSocketLike | undefined,
): socket is WebSocketLike & PausableSocket {
  const candidate = socket as Partial<PausableSocket> | undefined;
  return (
    typeof candidate?.pause === 'function' &&
    typeof candidate.resume === 'function'
  );
}

function bytesOf(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

function unref(timer: ReturnType<typeof setTimeout>): void {
  (timer as { unref?: () => void }).unref?.();
}

/**
 * One voice session over a WebSocket, whatever its protocol: connects with
 * the key on the upgrade, turns refusals, error closes and drops into
 * `APICallError`s delivered after the parts so far, ends the socket at once
 * on abort or cancel, pauses a pausable socket while the reader is behind,
 * and finishes only on a clean close after the end of the input.
 */
export class VoiceSession<PART> {
  readonly queue: PartQueue<PART>;
  private connection: WebSocketConnection | undefined;
  private reader: ReadableStreamDefaultReader<unknown> | undefined;
  private opened = false;
  private endSent = false;
  private paused = false;
  private endTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly timers: Array<ReturnType<typeof setTimeout>> = [];

  constructor(private readonly options: VoiceSessionOptions<PART>) {
    this.queue = new PartQueue<PART>(
      () => this.cleanup(true),
      () => this.resumeIfCaughtUp(),
    );
  }

  /** True once the stream has ended (finished, failed or cancelled). */
  get ended(): boolean {
    return this.queue.ended;
  }

  /** Queues a part; error and raw parts with the key redacted (a server may echo it). */
  push(part: PART): void {
    const { type } = part as { type?: unknown };
    this.queue.push(
      type === 'error' || type === 'raw'
        ? redactApiKey(part, this.options.apiKey)
        : part,
    );
    if (this.queue.length <= MAX_QUEUED_PARTS) return;
    const socket = this.connection?.socket;
    if (isPausable(socket)) {
      if (!this.paused) socket.pause();
      this.paused = true;
    } else if (this.queue.length > HARD_MAX_QUEUED_PARTS) {
      this.fail(
        new Error(
          `The stream's reader fell ${HARD_MAX_QUEUED_PARTS} parts behind and this WebSocket cannot pause; read the stream as it arrives (or use the 'ws' package, which can pause).`,
        ),
      );
    }
  }

  /** Connects; the parts follow in `queue.stream`. */
  start(): void {
    const { options } = this;
    this.connection = connectToWebSocket({
      url: options.url,
      headers: options.headers,
      webSocket: options.choice.webSocket,
      abortSignal: options.abortSignal,
      onOpen: socket => {
        this.opened = true;
        this.queue.push(options.responseMetadata(upgradeHeadersOf(socket)));
        void Promise.resolve(options.onOpen(socket)).catch(error =>
          this.fail(error),
        );
      },
      onMessageText: options.onText,
      onProcessingError: error => this.fail(error),
      onSocketError: () => this.onSocketError(),
      onClose: ({ code, reason }) => this.onClose(code, reason),
      onAbort: reason => this.fail(reason),
    });
    if (options.onBinary !== undefined)
      this.routeBinaryFrames(options.onBinary);
  }

  /** Reads the caller's input here, so that every early end cancels it. */
  inputReader<T>(): ReadableStreamDefaultReader<T> {
    const reader =
      this.options.input.getReader() as ReadableStreamDefaultReader<T>;
    this.reader = reader;
    return reader;
  }

  /** The input has been read to the end and released. */
  inputDone(): void {
    this.reader?.releaseLock();
    this.reader = undefined;
  }

  /** Sends the end-of-input frame; the server then has `endTimeoutMs` to finish and close. */
  sendEnd(socket: WebSocketLike, message: string): void {
    if (this.ended || socket.readyState !== 1) return;
    socket.send(message);
    this.endSent = true;
    this.startEndTimer();
  }

  /** The server is still answering after the end of the input: its `endTimeoutMs` starts again. */
  extendEnd(): void {
    if (this.endSent && !this.ended) this.startEndTimer();
  }

  /** Ends the stream now with `part` (the server said it finished) and closes the socket with 1000. */
  finishWith(part: PART): void {
    if (this.ended) return;
    this.queue.push(part);
    this.queue.close();
    this.cleanup(false);
  }

  private startEndTimer(): void {
    if (this.endTimer !== undefined) {
      clearTimeout(this.endTimer);
      this.timers.splice(this.timers.indexOf(this.endTimer), 1);
    }
    const { url, serverName, endTimeoutMs, requestBodyValues, endTimeoutPart } =
      this.options;
    this.endTimer = this.later(endTimeoutMs, () => {
      if (endTimeoutPart !== undefined)
        return this.finishWith(endTimeoutPart());
      this.fail(
        new APICallError({
          message: `${serverName} at ${url} neither finished nor closed the session within ${endTimeoutMs} ms after the end of the input.`,
          url,
          requestBodyValues,
          isRetryable: true,
        }),
      );
    });
  }

  /** The error for an error the server reported in a message (`push` redacts the key). */
  serverError(message: string, data: unknown): unknown {
    const { url, requestBodyValues } = this.options;
    return webSocketMessageError({ url, message, data, requestBodyValues });
  }

  /** Fails the stream after the parts so far (the key redacted) and ends the socket. */
  fail(error: unknown, terminate = true): void {
    if (this.ended) return;
    this.queue.fail(redactApiKey(error, this.options.apiKey));
    this.cleanup(terminate);
  }

  /** A clean close after the end of the input: the protocol's last part, or its reason to fail. */
  private finish(): void {
    if (this.ended) return;
    let part: PART;
    try {
      part = this.options.finish();
    } catch (error) {
      return this.fail(error, false);
    }
    this.finishWith(part);
  }

  private connectError(): Promise<APICallError> {
    const { url, requestBodyValues, choice } = this.options;
    return webSocketConnectError({
      url,
      failure: socketFailureOf(this.connection?.socket),
      requestBodyValues,
      reportsStatus: choice.reportsStatus,
    });
  }

  private failToConnect(terminate: boolean): void {
    void this.connectError().then(error => this.fail(error, terminate));
  }

  private onSocketError(): void {
    if (!this.opened) return this.failToConnect(true);
    // the close event that follows carries the code; bound the wait for it
    const { url, requestBodyValues } = this.options;
    this.later(CLOSE_AFTER_ERROR_MS, () =>
      this.fail(
        webSocketClosedError({
          url,
          code: undefined,
          reason: undefined,
          requestBodyValues,
        }),
      ),
    );
  }

  private onClose(code: number | undefined, reason: string | undefined): void {
    if (this.ended) return;
    if (!this.opened) return this.failToConnect(false);
    if (this.endSent && isCleanClose(code)) return this.finish();
    const { url, requestBodyValues } = this.options;
    this.fail(
      webSocketClosedError({ url, code, reason, requestBodyValues }),
      false,
    );
  }

  /**
   * connectToWebSocket decodes every frame as text, one promise after another; binary frames are
   * audio here, so both kinds are handled as they arrive, keeping their order.
   */
  private routeBinaryFrames(onBinary: (bytes: Uint8Array) => void): void {
    const socket = this.connection?.socket;
    if (socket === undefined) return;
    (socket as { binaryType?: string }).binaryType = 'arraybuffer';
    socket.onmessage = event => {
      if (this.ended) return;
      try {
        const bytes =
          typeof event.data === 'string' ? undefined : bytesOf(event.data);
        if (bytes !== undefined) onBinary(bytes);
        else
          void Promise.resolve(this.options.onText(String(event.data))).catch(
            error => this.fail(error),
          );
      } catch (error) {
        this.fail(error);
      }
    };
  }

  private resumeIfCaughtUp(): void {
    if (!this.paused || this.queue.length > MAX_QUEUED_PARTS / 2) return;
    this.paused = false;
    const socket = this.connection?.socket;
    if (isPausable(socket)) socket.resume();
  }

  private later(ms: number, run: () => void): ReturnType<typeof setTimeout> {
    const timer = setTimeout(run, ms);
    unref(timer);
    this.timers.push(timer);
    return timer;
  }

  private cleanup(terminate: boolean): void {
    for (const timer of this.timers) clearTimeout(timer);
    if (this.reader !== undefined) void this.reader.cancel().catch(() => {});
    else if (!this.options.input.locked)
      void this.options.input.cancel().catch(() => {});
    if (terminate) terminateSocket(this.connection?.socket);
    this.connection?.close(1000);
  }
}
