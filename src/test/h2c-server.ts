import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** A request the h2c test server received. */
export interface H2cRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** What a handler answers: a status and a JSON body, or `'hang'` until the client goes away. */
export type H2cReply =
  { status?: number; body: unknown; headers?: Record<string, string> } | 'hang';

type Handler = (request: H2cRequest) => H2cReply | Promise<H2cReply>;

/**
 * A real HTTP/2 cleartext (prior knowledge) server on 127.0.0.1 for one test
 * file: the native performance client speaks only h2c to `http://` URLs.
 */
export function useH2cServer() {
  const server = http2.createServer();
  const requests: H2cRequest[] = [];
  let handler: Handler = () => ({ status: 404, body: { error: 'no handler' } });
  let origin = '';
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', session => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });

  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: H2cRequest = {
        path: String(headers[':path']),
        headers: Object.fromEntries(
          Object.entries(headers)
            .filter(([name]) => !name.startsWith(':'))
            .map(([name, value]) => [name, String(value)]),
        ),
        body: text === '' ? undefined : JSON.parse(text),
      };
      requests.push(request);
      void Promise.resolve(handler(request)).then(reply => {
        if (reply === 'hang' || stream.destroyed) return;
        stream.respond({
          ':status': reply.status ?? 200,
          'content-type': 'application/json',
          ...reply.headers,
        });
        stream.end(JSON.stringify(reply.body));
      });
    });
    stream.on('error', () => {});
  });

  beforeAll(
    () =>
      new Promise<void>(resolve => {
        server.listen(0, '127.0.0.1', () => {
          origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
          resolve();
        });
      }),
  );
  afterEach(() => {
    requests.length = 0;
  });
  afterAll(
    () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        // hanging streams would keep the server open
        for (const session of sessions) session.destroy();
      }),
  );

  return {
    requests,
    get origin() {
      return origin;
    },
    /** Sets how the server answers every request. */
    handle(next: Handler) {
      handler = next;
    },
  };
}
