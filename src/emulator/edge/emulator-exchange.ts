import { ServerResponse } from 'node:http';
import { constants as http2Constants } from 'node:http2';
import type { AnyRequest, AnyResponse } from './emulator-listener';

/** Response headers as the emulator writes them. */
export type HeaderMap = Record<string, string>;

/** Reads a request body to the end, as bytes. */
export async function readBody(request: AnyRequest): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of request) pieces.push(piece as Buffer);
  return Buffer.concat(pieces);
}

/**
 * One response, written the same way over HTTP/1.1 and HTTP/2, that knows
 * whether the client is still there.
 */
export class ResponseWriter {
  private readonly response: AnyResponse;
  private gone = false;
  private readonly goneListeners = new Set<() => void>();
  private baseHeaders: HeaderMap = {};

  constructor(response: AnyResponse) {
    this.response = response;
    response.once('close', () => {
      this.gone = true;
      for (const listener of this.goneListeners) listener();
      this.goneListeners.clear();
    });
  }

  /** True once the exchange is over: finished, dropped or abandoned by the client. */
  get closed(): boolean {
    return this.gone || this.response.writableEnded;
  }

  /** Runs `listener` when the exchange closes (at once if it already has); returns an unsubscribe. */
  onClose(listener: () => void): () => void {
    if (this.gone) {
      listener();
      return () => {};
    }
    this.goneListeners.add(listener);
    return () => this.goneListeners.delete(listener);
  }

  /** Adds headers that every answer of this exchange carries (e.g. Baseten's request ids). */
  addHeaders(headers: HeaderMap): void {
    this.baseHeaders = { ...this.baseHeaders, ...headers };
  }

  /** A complete JSON response. */
  json(status: number, body: unknown, headers: HeaderMap = {}): void {
    this.send(status, JSON.stringify(body), {
      'content-type': 'application/json',
      ...headers,
    });
  }

  /** A complete response with a text body. */
  send(status: number, body: string, headers: HeaderMap): void {
    if (this.closed) return;
    this.head(status, {
      ...headers,
      'content-length': String(Buffer.byteLength(body)),
    });
    this.response.end(body);
  }

  /** Starts a `text/event-stream` response; follow with `write` and `end`. */
  startEventStream(): void {
    if (this.closed) return;
    this.head(200, {
      // As the live API sends it: no charset.
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
    });
    // Headers go out now, as a real server's do before the first token.
    if (this.response instanceof ServerResponse) this.response.flushHeaders();
  }

  /** Starts a streamed response of another type (e.g. audio); follow with `write` and `end`. */
  startStream(status: number, headers: HeaderMap): void {
    if (this.closed) return;
    this.head(status, headers);
    if (this.response instanceof ServerResponse) this.response.flushHeaders();
  }

  /** Writes a piece of the body; resolves once it has been handed to the socket. */
  write(text: string | Uint8Array): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise(resolve => {
      // The callback also runs (with an error) if the client has gone.
      if (this.response instanceof ServerResponse)
        this.response.write(text, () => resolve());
      else this.response.write(text, () => resolve());
    });
  }

  end(): void {
    if (!this.closed) this.response.end();
  }

  /**
   * Cuts the exchange off without finishing it: the HTTP/1.1 connection is
   * destroyed, an HTTP/2 stream is reset (the session's other streams live on).
   */
  drop(): void {
    if (this.closed) return;
    if (this.response instanceof ServerResponse) {
      this.response.socket?.destroy();
    } else {
      this.response.stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR);
    }
  }

  private head(status: number, own: HeaderMap): void {
    const headers = { ...this.baseHeaders, ...own };
    if (this.response instanceof ServerResponse) {
      this.response.writeHead(status, headers);
    } else {
      this.response.writeHead(status, headers);
    }
  }
}

/** Waits `ms`, or less if the exchange closes first; true if the time passed. */
export function wait(ms: number, writer: ResponseWriter): Promise<boolean> {
  return new Promise(resolve => {
    if (writer.closed) return resolve(false);
    const unsubscribe = writer.onClose(() => {
      clearTimeout(timer);
      resolve(false);
    });
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(true);
    }, ms);
  });
}
