/**
 * Fault injection: what can go wrong with one request, chosen per request by
 * the `x-baseten-emulator-fault` header or taken from a scripted queue (for
 * clients that cannot send headers, like the native performance client).
 */

/** What to do to one request instead of (or on top of) answering it normally. */
export interface EmulatorFault {
  /** Answer with this HTTP status and the route's error envelope (e.g. 429, 500, 503). */
  readonly status?: number;
  /** Error message for `status` (a default names the fault). */
  readonly message?: string;
  /** `retry-after` header, in seconds (sent with `status`). */
  readonly retryAfterSeconds?: number;
  /** `retry-after-ms` header, in milliseconds (sent with `status`). */
  readonly retryAfterMs?: number;
  /** Wait this long before answering. */
  readonly latencyMs?: number;
  /** Streams: cut the connection after this many SSE events or WebSocket messages (non-streamed replies: before answering). */
  readonly dropAfterChunks?: number;
  /** WebSockets: close with this code (e.g. 1011) where the connection would be cut (at the first message unless `dropAfterChunks` says). */
  readonly closeCode?: number;
  /** Streams: the Nth SSE event (1-based) carries a truncated, unparsable JSON payload. */
  readonly malformedChunkAt?: number;
  /** Never answer: hold the request until the client goes away or the emulator's hang limit passes (then 504). */
  readonly hang?: boolean;
}

/** Which requests a queued fault applies to. */
export interface EmulatorFaultMatch {
  /** A path suffix (`'/chat/completions'`, `'/v1/embeddings'`, `'/rerank'`) or a pattern tested against the path. */
  readonly path?: string | RegExp;
  /** How many matching requests get the fault (default 1). */
  readonly times?: number;
}

/** The emulator's scripted fault queue. */
export interface EmulatorFaultQueue {
  /** Applies `fault` to the next `times` requests whose path matches; returns a handle to cancel it. */
  enqueue(fault: EmulatorFault, match?: EmulatorFaultMatch): { cancel(): void };
  /** Removes every queued fault. */
  clear(): void;
  /** How many requests still have a queued fault waiting for them. */
  readonly pending: number;
}

/** The header that selects a fault for one request. */
export const FAULT_HEADER = 'x-baseten-emulator-fault';

interface QueuedFault {
  readonly fault: EmulatorFault;
  readonly path?: string | RegExp;
  remaining: number;
}

/** A FIFO of faults; the first entry whose path matches serves a request. */
export class FaultQueue implements EmulatorFaultQueue {
  private entries: QueuedFault[] = [];

  enqueue(
    fault: EmulatorFault,
    match: EmulatorFaultMatch = {},
  ): { cancel(): void } {
    const times = match.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new RangeError(
        `times must be a positive integer, got ${String(match.times)}`,
      );
    }
    const entry: QueuedFault = { fault, path: match.path, remaining: times };
    this.entries.push(entry);
    return {
      cancel: () =>
        (this.entries = this.entries.filter(other => other !== entry)),
    };
  }

  clear(): void {
    this.entries = [];
  }

  get pending(): number {
    return this.entries.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  /** Takes the fault for a request to `path`, if one is queued. */
  take(path: string): EmulatorFault | undefined {
    const entry = this.entries.find(candidate =>
      pathMatches(candidate.path, path),
    );
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0)
      this.entries = this.entries.filter(other => other !== entry);
    return entry.fault;
  }
}

function pathMatches(
  pattern: string | RegExp | undefined,
  path: string,
): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string'
    ? path.endsWith(pattern)
    : pattern.test(path);
}

const NUMERIC_KEYS = {
  status: 'status',
  'retry-after': 'retryAfterSeconds',
  'retry-after-ms': 'retryAfterMs',
  'latency-ms': 'latencyMs',
  'drop-after-chunks': 'dropAfterChunks',
  'malformed-chunk-at': 'malformedChunkAt',
  'close-code': 'closeCode',
} as const satisfies Record<string, keyof EmulatorFault>;

/**
 * Parses the fault header: `;`-separated `key=value` items and the bare flag
 * `hang`, e.g. `status=429; retry-after=1` or `latency-ms=200; drop-after-chunks=3`.
 * Throws a `RangeError` naming the bad item, so a typo does not go unnoticed.
 */
export function parseFaultHeader(header: string): EmulatorFault {
  const fault: Record<string, number | string | boolean> = {};
  for (const item of header.split(';')) {
    const trimmed = item.trim();
    if (trimmed === '') continue;
    const equals = trimmed.indexOf('=');
    const key = (equals === -1 ? trimmed : trimmed.slice(0, equals))
      .trim()
      .toLowerCase();
    const value = equals === -1 ? undefined : trimmed.slice(equals + 1).trim();
    if (key === 'hang') {
      fault.hang = value === undefined || value === 'true';
    } else if (key === 'message' && value !== undefined) {
      fault.message = value;
    } else if (key in NUMERIC_KEYS && value !== undefined) {
      const number = Number(value);
      if (value === '' || !Number.isFinite(number) || number < 0) {
        throw new RangeError(
          `${FAULT_HEADER}: "${key}" needs a non-negative number, got "${value}"`,
        );
      }
      fault[NUMERIC_KEYS[key as keyof typeof NUMERIC_KEYS]] = number;
    } else {
      throw new RangeError(
        `${FAULT_HEADER}: unknown item "${trimmed}"; use status, retry-after, retry-after-ms, latency-ms, drop-after-chunks, malformed-chunk-at, close-code, message or hang`,
      );
    }
  }
  return fault;
}

/** The retry headers a fault asks for. */
export function retryHeaders(fault: EmulatorFault): Record<string, string> {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.retryAfterMs !== undefined)
    headers['retry-after-ms'] = String(fault.retryAfterMs);
  return headers;
}
