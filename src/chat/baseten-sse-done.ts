import type { FetchFunction } from '@ai-sdk/provider-utils';

/** The `type` of the error event added to a body that lacked `data: [DONE]`. */
const MISSING_DONE_TYPE = 'ai-sdk-provider-baseten/missing-done';

/** Whether a stream error part is the one {@link requireDoneEvent} added. */
export function isMissingDone(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { type?: unknown }).type === MISSING_DONE_TYPE
  );
}

// Closes any event cut mid-way, then an error event the OpenAI-compatible
// parser turns into an error part (while still running its own end of stream).
const MISSING_DONE_EVENT = new TextEncoder().encode(
  `\n\ndata: ${JSON.stringify({
    error: { message: 'the body ended without data: [DONE]', type: MISSING_DONE_TYPE, param: null, code: null },
  })}\n\n`,
);

// Enough for "data: [DONE]" plus any trailing blank lines a server sends.
const TAIL_BYTES = 64;
const ENDS_WITH_DONE = /(?:^|\n)data: ?\[DONE\][\r\n\t ]*$/;

/**
 * Passes a server-sent-events body through unchanged and, if its last event
 * was not `data: [DONE]`, adds an error event the chat model's stream guard
 * recognises. The OpenAI-compatible parser drops `[DONE]` silently, so
 * without this a stream cut after its finish reason (before the usage chunk
 * that follows it) would pass as complete.
 *
 * Per network chunk it keeps only the last bytes.
 */
function checkDone(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let tail: Uint8Array = new Uint8Array(0);
  const remember = (chunk: Uint8Array) => {
    if (chunk.byteLength >= TAIL_BYTES) {
      tail = chunk.subarray(chunk.byteLength - TAIL_BYTES);
    } else if (chunk.byteLength > 0) {
      const joined = new Uint8Array(Math.min(TAIL_BYTES, tail.byteLength + chunk.byteLength));
      const keep = joined.byteLength - chunk.byteLength;
      joined.set(tail.subarray(tail.byteLength - keep), 0);
      joined.set(chunk, keep);
      tail = joined;
    }
  };
  // A pull source rather than a TransformStream: one stage instead of a
  // pipe's writable and readable sides, so nothing measurable per chunk.
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        if (!ENDS_WITH_DONE.test(new TextDecoder().decode(tail))) controller.enqueue(MISSING_DONE_EVENT);
        controller.close();
        return;
      }
      remember(value);
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/**
 * A fetch for chat models whose event-stream responses must end with
 * `data: [DONE]` (see {@link checkDone}); other responses pass untouched.
 */
export function requireDoneEvent(fetch: FetchFunction | undefined): FetchFunction {
  return async (input, init) => {
    const response = await (fetch ?? globalThis.fetch)(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || response.body == null || !type.includes('text/event-stream')) return response;
    return new Response(checkDone(response.body), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
