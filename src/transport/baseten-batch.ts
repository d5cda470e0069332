/** How a batched call spreads its requests. */
export interface BatchTuning {
  /** Requests in flight at once. */
  readonly maxConcurrentRequests: number;
  /** Per-request timeout in milliseconds. */
  readonly timeoutMs?: number;
  /** After this many milliseconds without an answer, race a duplicate request. */
  readonly hedgeDelayMs?: number;
}

/** One batched call: the same endpoint, one JSON body per request. */
export interface BatchCall<T> {
  /** The full request URL (for errors, and for the HTTP transport). */
  readonly url: string;
  /** One request body per batch. */
  readonly payloads: readonly unknown[];
  readonly tuning: BatchTuning;
  readonly abortSignal?: AbortSignal;
  /** One response body as a result (throws when malformed), called as each one arrives. */
  readonly parse: (body: unknown, batchIndex: number) => T;
  /** Reads a 2xx body's bytes into what `parse` takes (HTTP only); `JSON.parse` when absent. */
  readonly readBody?: (bytes: Uint8Array) => unknown;
}

/** What a batched call returns: one result per payload, in payload order. */
export interface BatchOutcome<T> {
  readonly results: T[];
  /** Headers of one response (the first to arrive), when the transport has them. */
  readonly responseHeaders?: Record<string, string>;
}

/** Splits `values` into consecutive batches of at most `size`. */
export function splitIntoBatches<T>(values: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < values.length; start += size) {
    batches.push(values.slice(start, start + size));
  }
  return batches;
}

// Hand-written: provider-utils has no bounded worker pool.
/** Runs `task(0…count-1)` in order, `concurrency` at once; none starts after failure or stop. */
export async function runBounded(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
  stopSignal?: AbortSignal,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < count && !failed && !stopSignal?.aborted) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, count));
  await Promise.all(Array.from({ length: workers }, worker));
}

// Hand-written: the native client takes no AbortSignal, so an abort can only race it.
/** Rejects with the signal's reason as soon as it aborts. */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (signal == null) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      // the work may finish in the background; its result is discarded
      promise.catch(() => {});
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The error an aborted call rejects with (an `AbortError` unless a reason was given). */
export function abortReason(signal: AbortSignal): unknown {
  return (
    signal.reason ??
    new DOMException('The operation was aborted.', 'AbortError')
  );
}
