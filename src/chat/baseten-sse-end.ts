import type { SharedV4ProviderMetadata } from '@ai-sdk/provider';
import type { MetadataExtractor } from '@ai-sdk/openai-compatible';
import type { FetchFunction } from '@ai-sdk/provider-utils';

/** How a chat event-stream body ended, as the stream guard learns it. */
export type StreamEnd = 'done' | 'clean';

/** The key of the marker chunk and of its metadata entry (removed by the guard). */
const END_KEY = 'ai-sdk-provider-baseten:stream-end';

// Enough for "data: [DONE]" plus any trailing blank lines a server sends.
const TAIL_BYTES = 64;
const ENDS_WITH_DONE = /(?:^|\n)data: ?\[DONE\][\r\n\t ]*$/;
const ENDS_AT_EVENT_BOUNDARY = /(?:\r?\n\r?\n|\r\r)[\r\n\t ]*$/;

const markerEvent = (end: StreamEnd) =>
  new TextEncoder().encode(
    `\n\ndata: ${JSON.stringify({ choices: [], [END_KEY]: end })}\n\n`,
  );
const DONE_MARKER = markerEvent('done');
const CLEAN_MARKER = markerEvent('clean');

/** The error a body stream fails with when it ends inside an event. */
export class BodyEndedInsideEventError extends Error {
  constructor() {
    super('the body ended inside an event');
    this.name = 'BodyEndedInsideEventError';
  }
}

/** Keeps the last {@link TAIL_BYTES} bytes seen, without holding the body. */
function createTail() {
  let tail = new Uint8Array(0);
  return {
    remember(chunk: Uint8Array) {
      if (chunk.byteLength >= TAIL_BYTES) {
        tail = chunk.slice(chunk.byteLength - TAIL_BYTES);
        return;
      }
      const joined = new Uint8Array(
        Math.min(TAIL_BYTES, tail.byteLength + chunk.byteLength),
      );
      const keep = joined.byteLength - chunk.byteLength;
      joined.set(tail.subarray(tail.byteLength - keep), 0);
      joined.set(chunk, keep);
      tail = joined;
    },
    text: () => new TextDecoder().decode(tail),
  };
}

/**
 * Passes an event-stream body through unchanged and, when it ends at an
 * event boundary, adds one marker chunk saying whether `data: [DONE]` was
 * its last event; a body that ends inside an event fails instead (a cut).
 */
function markEnd(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const tail = createTail();
  // A pull source: one stage, not a pipe's two sides.
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (!done) {
        tail.remember(value);
        controller.enqueue(value);
        return;
      }
      const text = tail.text();
      if (ENDS_WITH_DONE.test(text)) controller.enqueue(DONE_MARKER);
      else if (ENDS_AT_EVENT_BOUNDARY.test(text) || text.trim() === '') {
        controller.enqueue(CLEAN_MARKER);
      } else {
        controller.error(new BodyEndedInsideEventError());
        return;
      }
      controller.close();
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** A fetch whose event-stream responses carry the end marker of {@link markEnd}. */
export function markStreamEnd(fetch: FetchFunction | undefined): FetchFunction {
  return async (input, init) => {
    const response = await (fetch ?? globalThis.fetch)(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (
      !response.ok ||
      response.body == null ||
      !type.includes('text/event-stream')
    ) {
      return response;
    }
    return new Response(markEnd(response.body), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** Whether a raw chunk is the end marker (never shown to users). */
export function isStreamEndMarker(rawValue: unknown): boolean {
  return (
    typeof rawValue === 'object' && rawValue !== null && END_KEY in rawValue
  );
}

/**
 * Hands the marker to the stream guard: the OpenAI-compatible model merges
 * what this builds into its finish part's provider metadata.
 */
export const streamEndExtractor: MetadataExtractor = {
  extractMetadata: () => Promise.resolve(undefined),
  createStreamExtractor: () => {
    let end: StreamEnd | undefined;
    return {
      processChunk(chunk) {
        if (!isStreamEndMarker(chunk)) return;
        const value = (chunk as Record<string, unknown>)[END_KEY];
        if (value === 'done' || value === 'clean') end = value;
      },
      buildMetadata: () =>
        end === undefined ? undefined : { [END_KEY]: { end } },
    };
  },
};

/** Reads how the body ended from a finish part's metadata, and removes the entry. */
export function takeStreamEnd(metadata: SharedV4ProviderMetadata | undefined): {
  end: StreamEnd | undefined;
  metadata: SharedV4ProviderMetadata | undefined;
} {
  if (metadata === undefined || !(END_KEY in metadata))
    return { end: undefined, metadata };
  const { [END_KEY]: entry, ...rest } = metadata;
  const end = entry?.end;
  return {
    end: end === 'done' || end === 'clean' ? end : undefined,
    metadata: rest,
  };
}
