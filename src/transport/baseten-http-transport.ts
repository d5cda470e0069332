import { APICallError } from '@ai-sdk/provider';
import { extractResponseHeaders, type FetchFunction } from '@ai-sdk/provider-utils';
import { apiCallErrorFromResponse } from '../baseten-error';
import { runBounded, type BatchCall, type BatchOutcome } from './baseten-batch';

const utf8 = new TextDecoder();

/** Share of a call's requests that may be duplicated by hedging. */
const HEDGE_BUDGET = 0.1;

/** What the HTTP transport needs beyond the call itself. */
export interface HttpTransportConfig {
  readonly fetch: FetchFunction;
  readonly headers: Record<string, string | undefined>;
}

interface Answer {
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

/**
 * Posts every payload of a call over HTTP with bounded concurrency, parsing
 * each response as it arrives. The first failure aborts the requests still
 * in flight and rejects the call.
 */
export async function postBatchesOverHttp<T>(
  call: BatchCall<T>,
  config: HttpTransportConfig,
): Promise<BatchOutcome<T>> {
  const { payloads, tuning } = call;
  const results = new Array<T>(payloads.length);
  const siblings = new AbortController();
  const signal =
    call.abortSignal != null
      ? AbortSignal.any([call.abortSignal, siblings.signal])
      : siblings.signal;
  let hedgesLeft =
    tuning.hedgeDelayMs != null ? Math.ceil(payloads.length * HEDGE_BUDGET) : 0;
  const takeHedge = () => hedgesLeft-- > 0;
  let responseHeaders: Record<string, string> | undefined;
  const post = async (index: number) => {
    const body = JSON.stringify(payloads[index]);
    const attempt = (attemptSignal: AbortSignal) =>
      postOnce(call, body, payloads[index], config, attemptSignal);
    const answer =
      tuning.hedgeDelayMs != null
        ? await hedged(attempt, tuning.hedgeDelayMs, signal, takeHedge)
        : await attempt(signal);
    responseHeaders ??= answer.headers;
    results[index] = call.parse(answer.body, index);
  };

  try {
    // no stop signal: an abort must reject the call, which the next attempt does
    await runBounded(payloads.length, tuning.maxConcurrentRequests, post);
  } catch (error) {
    siblings.abort();
    if (call.abortSignal?.aborted) throw call.abortSignal.reason ?? error;
    throw error;
  }
  return { results, responseHeaders };
}

async function postOnce(
  call: BatchCall<unknown>,
  body: string,
  requestBodyValues: unknown,
  config: HttpTransportConfig,
  signal: AbortSignal,
): Promise<Answer> {
  const { url } = call;
  const { timeoutMs } = call.tuning;
  const timeout = timeoutMs != null ? AbortSignal.timeout(timeoutMs) : undefined;
  const attemptSignal = timeout != null ? AbortSignal.any([signal, timeout]) : signal;
  const describeFailure = (error: unknown): unknown => {
    if (signal.aborted) return error;
    if (timeout?.aborted) {
      return new APICallError({
        message: `Baseten did not answer within ${timeoutMs} ms (the timeoutMs option); raise it or retry.`,
        url,
        requestBodyValues,
        cause: error,
        isRetryable: true,
      });
    }
    if (APICallError.isInstance(error)) return error;
    return new APICallError({
      message: `Cannot reach Baseten at ${url}: ${error instanceof Error ? error.message : String(error)}`,
      url,
      requestBodyValues,
      cause: error,
      isRetryable: true,
    });
  };

  try {
    const response = await config.fetch(url, {
      method: 'POST',
      headers: withJsonContentType(config.headers),
      body,
      signal: attemptSignal,
    });
    const headers = extractResponseHeaders(response);
    if (!response.ok) {
      throw apiCallErrorFromResponse({
        url,
        statusCode: response.status,
        body: await response.text(),
        requestBodyValues,
        responseHeaders: headers,
      });
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    try {
      return {
        body: call.readBody ? call.readBody(bytes) : JSON.parse(utf8.decode(bytes)),
        headers,
      };
    } catch (cause) {
      throw new APICallError({
        message: `Baseten answered HTTP ${response.status} with a body that is not JSON.`,
        url,
        requestBodyValues,
        statusCode: response.status,
        responseHeaders: headers,
        responseBody: utf8.decode(bytes.subarray(0, 1000)),
        cause,
        isRetryable: false,
      });
    }
  } catch (error) {
    throw describeFailure(error);
  }
}

function withJsonContentType(
  headers: Record<string, string | undefined>,
): Record<string, string> {
  const result: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name] = value;
  }
  return result;
}

/**
 * Runs `attempt`; if it has not settled after `delayMs` and the budget allows,
 * races a duplicate. The first success wins and the other is aborted; the
 * call fails only when every attempt started has failed.
 */
function hedged<R>(
  attempt: (signal: AbortSignal) => Promise<R>,
  delayMs: number,
  signal: AbortSignal,
  takeHedge: () => boolean,
): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    const controllers: AbortController[] = [];
    let settled = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const launch = () => {
      const controller = new AbortController();
      controllers.push(controller);
      attempt(AbortSignal.any([signal, controller.signal])).then(
        value => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          for (const other of controllers) if (other !== controller) other.abort();
          resolve(value);
        },
        error => {
          failures++;
          if (settled || failures < controllers.length) return;
          settled = true;
          clearTimeout(timer);
          reject(error);
        },
      );
    };

    launch();
    timer = setTimeout(() => {
      if (!settled && !signal.aborted && takeHedge()) launch();
    }, delayMs);
  });
}
