import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** A request the test server received. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

type Responder = (
  request: RecordedRequest,
  raw: Request,
) => Response | Promise<Response>;

/**
 * An msw server for one test file: every request must match a registered
 * URL, and each one is recorded (method, URL, headers, parsed JSON body).
 */
export function useTestServer() {
  const server = setupServer();
  const requests: RecordedRequest[] = [];
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());

  return {
    requests,
    /** Adds handlers that are not recorded (e.g. a file the AI SDK downloads). */
    use: (...handlers: Parameters<typeof server.use>) =>
      server.use(...handlers),
    /** Answers POSTs to `url` with what `responder` returns. */
    onPost(url: string, responder: Responder) {
      server.use(
        http.post(url, async ({ request }) => {
          const text = await request.text();
          const recorded: RecordedRequest = {
            method: request.method,
            url: request.url,
            headers: Object.fromEntries(request.headers.entries()),
            body: text === '' ? undefined : JSON.parse(text),
          };
          requests.push(recorded);
          return responder(recorded, request);
        }),
      );
    },
    /** Answers GETs to `url` with what `responder` returns. */
    onGet(url: string, responder: Responder) {
      server.use(
        http.get(url, ({ request }) => {
          const recorded: RecordedRequest = {
            method: request.method,
            url: request.url,
            headers: Object.fromEntries(request.headers.entries()),
            body: undefined,
          };
          requests.push(recorded);
          return responder(recorded, request);
        }),
      );
    },
  };
}

/** A JSON response with the given status (and headers, e.g. `x-baseten-request-id`). */
export function json(
  body: unknown,
  status = 200,
  headers?: Record<string, string>,
): Response {
  return HttpResponse.json(body as Record<string, unknown>, {
    status,
    headers,
  });
}

/** A `text/event-stream` response whose body is `text`, sent in pieces. */
export function sse(text: string, pieceSize = 64): Response {
  const length = new TextEncoder().encode(text).length;
  const cuts: number[] = [];
  for (let at = pieceSize; at < length; at += pieceSize) cuts.push(at);
  return sseSplitAt(text, cuts);
}

/**
 * A `text/event-stream` response whose UTF-8 body is cut at the given byte
 * offsets (which may fall inside a multi-byte character).
 */
export function sseSplitAt(text: string, cuts: readonly number[]): Response {
  const bytes = new TextEncoder().encode(text);
  const bounds = [...new Set(cuts)]
    .filter(cut => cut > 0 && cut < bytes.length)
    .sort((a, b) => a - b);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let from = 0;
      for (const cut of [...bounds, bytes.length]) {
        controller.enqueue(bytes.slice(from, cut));
        from = cut;
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream' },
  });
}
