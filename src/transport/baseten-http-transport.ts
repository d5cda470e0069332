import { APICallError } from '@ai-sdk/provider';
import { anyAbortSignal } from '../baseten-abort';
import { postJsonToApi, type FetchFunction } from '@ai-sdk/provider-utils';
import { basetenFailedResponseHandler } from '../baseten-error';
import { jsonBytesResponseHandler } from '../deployment/baseten-deployment-post';
import { runBounded, type BatchCall, type BatchOutcome } from './baseten-batch';

/** Share of a call's requests that may be duplicated by hedging. */
const HEDGE_BUDGET = 0.1;

/** What the HTTP transport needs beyond the call itself. */
export interface HttpTransportConfig {
  readonly fetch: FetchFunction | undefined;
  readonly headers: Record<string, string | undefined>;
}

interface Answer {
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

/** Posts a call's payloads, `maxConcurrentRequests` at once; the first failure aborts the rest. */
export async function postBatchesOverHttp<T>(
  call: BatchCall<T>,
  config: HttpTransportConfig,
): Promise<BatchOutcome<T>> {
  const { payloads, tuning } = call;
  const results = new Array<T>(payloads.length);
  const siblings = new AbortController();
  const signal = anyAbortSignal(call.abortSignal, siblings.signal);
  let hedgesLeft =
    tuning.hedgeDelayMs != null ? Math.ceil(payloads.length * HEDGE_BUDGET) : 0;
  const takeHedge = () => hedgesLeft-- > 0;
  let responseHeaders: Record<string, string> | undefined;
  const post = async (index: number) => {
    const attempt = (attemptSignal: AbortSignal) =>
      postOnce(call, payloads[index], config, attemptSignal);
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
  payload: unknown,
  config: HttpTransportConfig,
  signal: AbortSignal,
): Promise<Answer> {
  const { url } = call;
  const { timeoutMs } = call.tuning;
  const timeout =
    timeoutMs != null ? AbortSignal.timeout(timeoutMs) : undefined;
  try {
    const { value, responseHeaders } = await postJsonToApi({
      url,
      headers: config.headers,
      body: payload,
      failedResponseHandler: basetenFailedResponseHandler,
      successfulResponseHandler: jsonBytesResponseHandler(call.readBody),
      abortSignal: anyAbortSignal(signal, timeout),
      fetch: config.fetch,
    });
    return { body: value, headers: responseHeaders ?? {} };
  } catch (error) {
    if (signal.aborted) throw error;
    if (timeout?.aborted) {
      throw new APICallError({
        message: `Baseten did not answer within ${timeoutMs} ms (the timeoutMs option); raise it or retry.`,
        url,
        requestBodyValues: payload,
        cause: error,
        isRetryable: true,
      });
    }
    throw unreachableError(error, url, payload);
  }
}

/** A failure before any response, named as one; errors about a response pass as they are. */
function unreachableError(
  error: unknown,
  url: string,
  requestBodyValues: unknown,
): unknown {
  const hasResponse =
    APICallError.isInstance(error) && error.statusCode !== undefined;
  if (hasResponse) return error;
  // provider-utils names a refused connection "Cannot connect to API"; its cause says why
  const reason =
    APICallError.isInstance(error) && error.cause != null ? error.cause : error;
  return new APICallError({
    message: `Cannot reach Baseten at ${url}: ${
      reason instanceof Error ? reason.message : String(reason)
    }`,
    url,
    requestBodyValues,
    cause: error,
    isRetryable: true,
  });
}

// Hand-written: provider-utils has no request hedging.
/** Races a duplicate of `attempt` after `delayMs` (budget allowing); first success wins. */
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

    const launch = () => {
      const controller = new AbortController();
      controllers.push(controller);
      attempt(anyAbortSignal(signal, controller.signal)).then(
        value => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          for (const other of controllers)
            if (other !== controller) other.abort();
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
    // callbacks that clear it run as microtasks, after this line
    const timer = setTimeout(() => {
      if (!settled && !signal.aborted && takeHedge()) launch();
    }, delayMs);
  });
}
