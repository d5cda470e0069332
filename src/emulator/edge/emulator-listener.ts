import {
  createServer as createHttp1Server,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from 'node:http2';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Socket,
} from 'node:net';
import type { Duplex } from 'node:stream';

/** The wire protocol a request arrived on. */
export type EmulatorProtocol = 'http/1.1' | 'h2';

/** A request from either protocol, as Node's compatibility API gives it. */
export type AnyRequest = IncomingMessage | Http2ServerRequest;
/** A response for either protocol. */
export type AnyResponse = ServerResponse | Http2ServerResponse;

/** Called once per request, whichever protocol carried it. */
export type RequestListener = (
  request: AnyRequest,
  response: AnyResponse,
  protocol: EmulatorProtocol,
) => void;

/** Called for an HTTP/1.1 `Upgrade` request (WebSockets); the handler owns the socket. */
export type UpgradeListener = (
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
) => void;

/** A listening port that serves HTTP/1.1 and cleartext HTTP/2 (prior knowledge). */
export interface DualProtocolListener {
  readonly port: number;
  /** Destroys every open connection (hanging ones too) and stops listening. */
  close(): Promise<void>;
}

// Every h2c connection with prior knowledge opens with this connection preface.
const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/**
 * Listens on one port and hands each connection to an HTTP/2 or an HTTP/1.1
 * server depending on its first bytes. The native performance client speaks
 * h2c on `http://` URLs while `fetch` speaks HTTP/1.1, and both must reach
 * the same base URL.
 */
export async function listenDualProtocol(
  host: string,
  port: number,
  onRequest: RequestListener,
  onUpgrade?: UpgradeListener,
): Promise<DualProtocolListener> {
  const http1 = createHttp1Server((request, response) =>
    onRequest(request, response, 'http/1.1'),
  );
  if (onUpgrade !== undefined) http1.on('upgrade', onUpgrade);
  // Node's default of 5 s closes idle keep-alive sockets while a busy client
  // (its event loop held up by other work) is about to reuse them, which
  // surfaces as ECONNRESET under load; a gateway keeps them open far longer.
  http1.keepAliveTimeout = 60_000;
  const http2 = createHttp2Server((request, response) =>
    onRequest(request, response, 'h2'),
  );
  const sockets = new Set<Socket>();

  // Paused on connect so no byte is consumed before the right server owns it.
  // noDelay: a small write (headers, a chunk) must not wait for the ACK of the one before.
  const net = createNetServer(
    { pauseOnConnect: true, noDelay: true },
    socket => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      let head = Buffer.alloc(0);
      const onReadable = () => {
        let piece: Buffer | null;
        while ((piece = socket.read() as Buffer | null) !== null) {
          head = Buffer.concat([head, piece]);
        }
        const compared = Math.min(head.length, HTTP2_PREFACE.length);
        const looksLikeHttp2 = head
          .subarray(0, compared)
          .equals(HTTP2_PREFACE.subarray(0, compared));
        // Undecided until the preface is complete or has been contradicted.
        if (looksLikeHttp2 && head.length < HTTP2_PREFACE.length) return;
        socket.off('readable', onReadable);
        socket.off('end', onEnd);
        socket.pause();
        socket.unshift(head);
        (looksLikeHttp2 ? http2 : http1).emit('connection', socket);
      };
      const onEnd = () => socket.destroy();
      socket.on('readable', onReadable);
      socket.once('end', onEnd);
    },
  );

  await new Promise<void>((resolve, reject) => {
    net.once('error', reject);
    net.listen(port, host, () => {
      net.off('error', reject);
      resolve();
    });
  });

  return {
    port: (net.address() as AddressInfo).port,
    close: () =>
      new Promise<void>(resolve => {
        net.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        http1.closeAllConnections();
      }),
  };
}
