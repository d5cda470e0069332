import { InvalidArgumentError } from '@ai-sdk/provider';
import type {
  WebSocketConstructor,
  WebSocketLike,
} from '@ai-sdk/provider-utils';
import { requireOptionalPeer } from '../transport/baseten-optional-peer';

/** The optional peer that gives Node a WebSocket which sends headers and reports refusals. */
export const WS_PACKAGE = 'ws';

/** The HTTP answer of a refused WebSocket upgrade (what `ws` shows; the global WebSocket hides it). */
export interface UpgradeRefusal {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** What a connection attempt left behind, read after its `error` event. */
export interface SocketFailure {
  readonly refusal?: UpgradeRefusal;
  /** The transport's own error (e.g. ECONNREFUSED), when it gives one. */
  readonly cause?: unknown;
}

// Keyed by socket, so the information survives connectToWebSocket's argument-less error callback.
const failures = new WeakMap<
  object,
  { refusal?: UpgradeRefusal; cause?: unknown }
>();
const upgradeHeaders = new WeakMap<object, Record<string, string>>();

/** What the socket's transport reported about a failed connection, if anything. */
export function socketFailureOf(
  socket: WebSocketLike | undefined,
): SocketFailure {
  return (socket !== undefined ? failures.get(socket) : undefined) ?? {};
}

/** The headers of the accepted upgrade (e.g. `x-baseten-request-id`), where the transport shows them. */
export function upgradeHeadersOf(
  socket: WebSocketLike | undefined,
): Record<string, string> | undefined {
  return socket !== undefined ? upgradeHeaders.get(socket) : undefined;
}

const MAX_REFUSAL_BODY_BYTES = 16 * 1024;
const REFUSAL_BODY_TIMEOUT_MS = 2_000;

/** The part of a Node `IncomingMessage` a refused upgrade is read from. */
interface RefusalResponse {
  readonly statusCode?: number;
  readonly headers: Record<string, string | string[] | undefined>;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'error', listener: () => void): unknown;
  destroy(): void;
}

/** The event API of `ws` sockets (and other Node EventEmitter-based ones). */
interface EmitterSocket {
  on(event: string, listener: (...args: never[]) => void): unknown;
  terminate?(): void;
}

function isEmitterSocket(socket: object): socket is EmitterSocket {
  return typeof (socket as { on?: unknown }).on === 'function';
}

function flatHeaders(
  headers: RefusalResponse['headers'],
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function decodeText(pieces: readonly Uint8Array[]): string {
  const decoder = new TextDecoder();
  return pieces
    .map((piece, index) =>
      decoder.decode(piece, { stream: index < pieces.length - 1 }),
    )
    .join('');
}

/** Reads a refused upgrade's status, headers and (bounded) body, then ends the attempt. */
function readRefusal(socket: EmitterSocket, response: RefusalResponse): void {
  const pieces: Uint8Array[] = [];
  let size = 0;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    const body = decodeText(pieces).slice(0, MAX_REFUSAL_BODY_BYTES);
    const entry = failures.get(socket) ?? {};
    entry.refusal = {
      statusCode: response.statusCode ?? 0,
      headers: flatHeaders(response.headers),
      body,
    };
    failures.set(socket, entry);
    response.destroy();
    // With an `unexpected-response` listener, `ws` leaves ending the attempt to us.
    socket.terminate?.();
  };
  const timer = setTimeout(finish, REFUSAL_BODY_TIMEOUT_MS);
  response.on('data', chunk => {
    if (size < MAX_REFUSAL_BODY_BYTES) pieces.push(chunk);
    size += chunk.byteLength;
    if (size >= MAX_REFUSAL_BODY_BYTES) finish();
  });
  response.on('end', finish);
  response.on('error', finish);
}

/** Records what an EmitterSocket says about its failure (refused upgrade, transport error). */
function captureFailures(socket: WebSocketLike): void {
  if (!isEmitterSocket(socket)) return;
  socket.on(
    'unexpected-response',
    (_request: unknown, response: RefusalResponse) =>
      readRefusal(socket, response),
  );
  socket.on('upgrade', (response: RefusalResponse) =>
    upgradeHeaders.set(socket, flatHeaders(response.headers)),
  );
  socket.on('error', (error: unknown) => {
    const entry = failures.get(socket) ?? {};
    entry.cause ??= error;
    failures.set(socket, entry);
  });
}

/** A constructor like `Base` whose sockets keep what a failed connection reported. */
export function withFailureCapture(
  Base: WebSocketConstructor,
): WebSocketConstructor {
  return subclassOnce(failureCaptureClasses, Base, () => {
    return class extends Base {
      constructor(...args: ConstructorParameters<WebSocketConstructor>) {
        super(...args);
        captureFailures(this);
      }
    };
  });
}

const failureCaptureClasses = new WeakMap<
  WebSocketConstructor,
  WebSocketConstructor
>();
const headerOptionsClasses = new WeakMap<
  WebSocketConstructor,
  WebSocketConstructor
>();

/** One adapted subclass per base class, made on first use (not one per streaming call). */
function subclassOnce(
  cache: WeakMap<WebSocketConstructor, WebSocketConstructor>,
  Base: WebSocketConstructor,
  make: () => WebSocketConstructor,
): WebSocketConstructor {
  let adapted = cache.get(Base);
  if (adapted === undefined) {
    adapted = make();
    cache.set(Base, adapted);
  }
  return adapted;
}

/** The runtimes' own WebSockets (Node's undici, Bun, Deno) take headers only in an options object as their second argument. */
type HeaderOptionsWebSocketClass = new (
  url: string | URL,
  options: { protocols?: string | string[]; headers?: Record<string, string> },
) => WebSocketLike;

// Constructors whose sockets cannot report a refused upgrade's status.
const withoutStatus = new WeakSet<WebSocketConstructor>();

/** Keeps the message of a WHATWG socket's `error` event (Bun and Deno name the status there). */
function captureErrorEvent(socket: WebSocketLike): void {
  const target = socket as {
    addEventListener?: (
      type: 'error',
      listener: (event: { message?: unknown }) => void,
    ) => void;
  };
  target.addEventListener?.('error', event => {
    if (typeof event.message !== 'string' || event.message === '') return;
    const entry = failures.get(socket) ?? {};
    entry.cause ??= new Error(event.message);
    failures.set(socket, entry);
  });
}

/**
 * A runtime's own WebSocket class (Node 22, Bun, Deno), called the way it
 * takes headers: `new Base(url, { protocols, headers })`, not `ws`'s
 * three-argument form, whose third argument it ignores (no `Authorization`).
 */
function webSocketWithHeaderOptions(
  Base: WebSocketConstructor,
): WebSocketConstructor {
  return subclassOnce(headerOptionsClasses, Base, () =>
    headerOptionsSubclass(Base),
  );
}

function headerOptionsSubclass(
  Base: WebSocketConstructor,
): WebSocketConstructor {
  const Runtime = Base as unknown as HeaderOptionsWebSocketClass;
  const adapted = class extends Runtime {
    constructor(
      ...[url, protocols, options]: ConstructorParameters<WebSocketConstructor>
    ) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(options?.headers ?? {})) {
        if (value !== undefined) headers[name] = value;
      }
      super(
        url,
        protocols === undefined ? { headers } : { protocols, headers },
      );
      captureErrorEvent(this);
    }
  };
  withoutStatus.add(adapted);
  return adapted;
}

/** The runtime's global WebSocket, called the way it takes headers (it reports no upgrade status). */
export function globalWebSocketWithHeaders(): WebSocketConstructor {
  return webSocketWithHeaderOptions(runtimeWebSocket() as WebSocketConstructor);
}

function runtimeWebSocket(): unknown {
  return (globalThis as { WebSocket?: unknown }).WebSocket;
}

function isNode(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: string } } })
    .process;
  return typeof process?.versions?.node === 'string';
}

let wsPackage: { webSocket?: WebSocketConstructor } | undefined;

/** The `ws` package's WebSocket if it is installed (looked up once, on the first streaming call). */
function loadWsPackage(): WebSocketConstructor | undefined {
  if (wsPackage === undefined) {
    const found: { webSocket?: WebSocketConstructor } = {};
    wsPackage = found;
    try {
      const module = requireOptionalPeer(WS_PACKAGE) as {
        WebSocket?: unknown;
        default?: unknown;
      };
      const constructor = module.WebSocket ?? module.default;
      if (typeof constructor === 'function')
        found.webSocket = constructor as WebSocketConstructor;
    } catch {
      // not installed, or no module loader: the runtime's own WebSocket is used
    }
  }
  return wsPackage.webSocket;
}

/** Whether sockets of this kind report a refused upgrade's status (true for `ws`-like ones). */
export type WebSocketChoice = {
  readonly webSocket: WebSocketConstructor;
  readonly reportsStatus: boolean;
};

/**
 * The WebSocket implementation a voice model connects with: the `webSocket`
 * setting (the runtime's own `WebSocket` is called the way it takes headers;
 * any other class as `ws` is); else, in Node, Bun and Deno, the `ws` package
 * when installed (it reports a refused upgrade's status and message), else the
 * runtime's own WebSocket. Runtimes without a module loader (workerd, edge,
 * browsers) have no WebSocket that sends the `Authorization` header.
 */
// async: a throw below becomes the promise's rejection
// eslint-disable-next-line @typescript-eslint/require-await
export async function resolveWebSocket(
  setting: WebSocketConstructor | undefined,
): Promise<WebSocketChoice> {
  if (setting !== undefined) {
    if (withoutStatus.has(setting))
      return { webSocket: setting, reportsStatus: false };
    if ((setting as unknown) === runtimeWebSocket())
      return {
        webSocket: webSocketWithHeaderOptions(setting),
        reportsStatus: false,
      };
    return { webSocket: withFailureCapture(setting), reportsStatus: true };
  }
  if (isNode()) {
    const ws = loadWsPackage();
    if (ws !== undefined)
      return { webSocket: withFailureCapture(ws), reportsStatus: true };
    if (typeof runtimeWebSocket() === 'function') {
      return { webSocket: globalWebSocketWithHeaders(), reportsStatus: false };
    }
  }
  throw new InvalidArgumentError({
    argument: 'webSocket',
    message:
      "This runtime's WebSocket cannot send the Authorization header a Baseten WebSocket needs (browsers, Cloudflare Workers and Vercel's edge runtime take no headers on a WebSocket). " +
      "Connect from a server runtime (Node, Bun or Deno), or pass a WebSocket implementation that takes headers as the webSocket setting, e.g. createBaseten({ webSocket: WebSocket }) with WebSocket from the 'ws' package.",
  });
}

/** Ends a socket at once (no close handshake to wait on): used on abort. */
export function terminateSocket(socket: WebSocketLike | undefined): void {
  if (socket === undefined) return;
  try {
    const terminate = (socket as { terminate?: unknown }).terminate;
    if (typeof terminate === 'function') terminate.call(socket);
    else socket.close();
  } catch {
    // already closed
  }
}
