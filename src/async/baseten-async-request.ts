import { APICallError } from '@ai-sdk/provider';
import {
  createJsonResponseHandler,
  delay,
  type FlexibleSchema,
} from '@ai-sdk/provider-utils';
import {
  callDeployment,
  type BasetenDeploymentConfig,
} from '../deployment/baseten-deployment-config';

/** What one async-API call sends and how it reads the answer. */
export interface AsyncAPICall<T> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  readonly schema: FlexibleSchema<T>;
  /** Which failed statuses are retried (with backoff, honouring Retry-After). */
  readonly retryOn: (status: number) => boolean;
  readonly headers?: Record<string, string | undefined>;
  readonly abortSignal?: AbortSignal;
}

/** The deployment config plus how many times a retryable failure is retried. */
export interface AsyncAPIConfig extends BasetenDeploymentConfig {
  readonly maxRetries: number;
}

const INITIAL_RETRY_DELAY_MS = 1000;
/** A server's Retry-After is honoured up to this long; longer ones fall back to backoff. */
const MAX_RETRY_AFTER_MS = 60_000;

/** The delay a `retry-after-ms` or `retry-after` (seconds or HTTP date) header asks for. */
export function retryAfterMs(
  headers: Record<string, string> | undefined,
): number | undefined {
  const ms = Number(headers?.['retry-after-ms']);
  if (headers?.['retry-after-ms'] !== undefined && Number.isFinite(ms))
    return ms >= 0 && ms <= MAX_RETRY_AFTER_MS ? ms : undefined;
  const value = headers?.['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  const wait = Number.isFinite(seconds)
    ? seconds * 1000
    : Date.parse(value) - Date.now();
  return Number.isFinite(wait) && wait >= 0 && wait <= MAX_RETRY_AFTER_MS
    ? wait
    : undefined;
}

/**
 * One call to the async API (provider-utils has no DELETE helper, so one hand-written fetch for
 * all three methods): key, user agent, Baseten error messages with the request id, the key
 * redacted, and bounded retries on `retryOn` statuses.
 */
export async function callAsyncAPI<T>(
  config: AsyncAPIConfig,
  call: AsyncAPICall<T>,
): Promise<{ value: T; responseHeaders: Record<string, string> }> {
  const headers = {
    ...(call.body !== undefined && { 'content-type': 'application/json' }),
    ...call.headers,
  };
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  return callDeployment(config, headers, async base => {
    const fetch = base.fetch ?? globalThis.fetch;
    for (let attempt = 0; ; attempt++) {
      const response = await send(fetch, call, base.headers, body);
      const context = {
        url: call.url,
        requestBodyValues: call.body,
        response,
      };
      if (response.ok) {
        const handler = createJsonResponseHandler(call.schema);
        const { value, responseHeaders } = await handler(context);
        return { value, responseHeaders: responseHeaders ?? {} };
      }
      const { value: error } = await base.failedResponseHandler(context);
      if (!call.retryOn(response.status) || attempt >= config.maxRetries)
        throw error;
      await delay(
        retryAfterMs(error.responseHeaders) ??
          INITIAL_RETRY_DELAY_MS * 2 ** attempt,
        { abortSignal: call.abortSignal },
      );
    }
  });
}

async function send(
  fetch: typeof globalThis.fetch,
  call: AsyncAPICall<unknown>,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<Response> {
  try {
    return await fetch(call.url, {
      method: call.method,
      headers,
      body,
      signal: call.abortSignal,
    });
  } catch (cause) {
    if (call.abortSignal?.aborted === true) throw cause;
    // As postJsonToApi words a connection failure, with the method and URL.
    throw new APICallError({
      message: `Cannot connect to Baseten async API (${call.method} ${call.url}): ${cause instanceof Error ? cause.message : String(cause)}`,
      url: call.url,
      requestBodyValues: call.body,
      cause,
      isRetryable: true,
    });
  }
}
