import type { IncomingHttpHeaders } from 'node:http';
import { edgeError, LIVE_MESSAGES } from './emulator-errors';
import {
  FAULT_HEADER,
  parseFaultHeader,
  type EmulatorFault,
  type FaultQueue,
} from '../faults/emulator-faults';

/** A request's headers, lower-case, arrays joined (HTTP/2 pseudo-headers left out). */
export function headersOf(request: {
  readonly headers: IncomingHttpHeaders;
}): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value)
      ? value.join(', ')
      : value;
  }
  return headers;
}

/** The key of an `Authorization: Bearer <key>` (or legacy `Api-Key <key>`) header. */
export function apiKeyOf(headers: Record<string, string>): string | undefined {
  const match = /^(?:bearer|api-key)\s+(.*)$/i.exec(
    headers.authorization ?? '',
  );
  const key = match?.[1].trim();
  return key === undefined || key === '' ? undefined : key;
}

/** How Baseten's edge refuses a request before any model sees it. */
export type EdgeRefusal =
  | { readonly status: 401; readonly text: string }
  | { readonly status: 400 | 403; readonly json: unknown };

/**
 * The edge's checks, in its order: a key at all (401, text), the right key (403; any key when
 * the emulator has none), then the fault to inject (`X-Baseten-Emulator-Fault` or the queue;
 * a bad header is a 400).
 */
export function edgeCheck(
  headers: Record<string, string>,
  path: string,
  context: { readonly apiKey?: string; readonly faults: FaultQueue },
): { refusal: EdgeRefusal } | { fault: EmulatorFault | undefined } {
  if (headers.authorization === undefined)
    return { refusal: { status: 401, text: LIVE_MESSAGES.noAuthorization } };
  const key = apiKeyOf(headers);
  if (
    key === undefined ||
    (context.apiKey !== undefined && key !== context.apiKey)
  )
    return {
      refusal: { status: 403, json: edgeError(LIVE_MESSAGES.forbiddenKey) },
    };
  try {
    const header = headers[FAULT_HEADER];
    return {
      fault:
        header !== undefined
          ? parseFaultHeader(header)
          : context.faults.take(path),
    };
  } catch (error) {
    return {
      refusal: { status: 400, json: edgeError((error as Error).message) },
    };
  }
}
