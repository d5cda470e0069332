import {
  APICallError,
  InvalidArgumentError,
  LoadSettingError,
} from '@ai-sdk/provider';
import { normalizeHeaders } from '@ai-sdk/provider-utils';
import { copyAPICallError } from '../baseten-api-call-error';
import { EMBEDDINGS_PATH } from '../baseten-url';
import { apiCallErrorFromResponse } from '../baseten-error';
import {
  raceAbort,
  runBounded,
  type BatchCall,
  type BatchOutcome,
} from './baseten-batch';
import { requireOptionalPeer } from './baseten-optional-peer';

/** The npm package of Baseten's native (Rust) performance client. */
export const PERFORMANCE_CLIENT_PACKAGE = '@basetenlabs/performance-client';

/** What is used of a `PerformanceClient` (0.0.10): `batchPost`, else `embed` for embeddings. */
export interface PerformanceClientInstance {
  embed(input: string[], model: string, ...options: never[]): Promise<unknown>;
  batchPost?(
    urlPath: string,
    payloads: unknown[],
    maxConcurrentRequests?: number | null,
    timeoutS?: number | null,
  ): Promise<unknown>;
}

/** The `PerformanceClient` class, or one built alike (the key is always passed). */
export type PerformanceClientConstructor = new (
  baseUrl: string,
  apiKey: string,
) => PerformanceClientInstance;

let loading: Promise<PerformanceClientConstructor> | undefined;

/** Loads the native client on first use, through the runtime's `require` (see requireOptionalPeer). */
export function loadPerformanceClient(): Promise<PerformanceClientConstructor> {
  // a throw in the executor becomes the promise's rejection
  loading ??= new Promise(resolve => resolve(performanceClientClass()));
  // a failed load stays failed: the package is not looked up again on every call
  return loading;
}

/** The native client line this provider speaks (0.1.x changed `batchPost`'s arguments). */
const SUPPORTED_PERFORMANCE_CLIENT_VERSION = '0.0.10';

/** The installed native client's version, where its package.json can be read. */
function installedPerformanceClientVersion(): string | undefined {
  try {
    const manifest = requireOptionalPeer(
      `${PERFORMANCE_CLIENT_PACKAGE}/package.json`,
    ) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

/** Refuses a native client line whose API differs from 0.0.x. */
function checkPerformanceClientVersion(version: string | undefined): void {
  if (version === undefined || version.startsWith('0.0.')) return;
  throw new LoadSettingError({
    message:
      `${PERFORMANCE_CLIENT_PACKAGE} ${version} is installed, but this provider supports ${SUPPORTED_PERFORMANCE_CLIENT_VERSION} (later lines changed batchPost's arguments). ` +
      `Install it with \`npm install ${PERFORMANCE_CLIENT_PACKAGE}@${SUPPORTED_PERFORMANCE_CLIENT_VERSION}\`, or set performanceClient: false to use HTTP.`,
  });
}

function performanceClientClass(): PerformanceClientConstructor {
  checkPerformanceClientVersion(installedPerformanceClientVersion());
  const module = requireOptionalPeer(PERFORMANCE_CLIENT_PACKAGE) as {
    PerformanceClient?: unknown;
    default?: { PerformanceClient?: unknown };
  };
  const clientClass =
    module.PerformanceClient ?? module.default?.PerformanceClient;
  if (typeof clientClass !== 'function') {
    throw new Error(
      `${PERFORMANCE_CLIENT_PACKAGE} does not export PerformanceClient`,
    );
  }
  return clientClass as PerformanceClientConstructor;
}

/** The error for `performanceClient: true` when the package cannot be loaded. */
export function performanceClientMissingError(
  cause: unknown,
): LoadSettingError {
  // an unsupported version already says what to do
  if (LoadSettingError.isInstance(cause)) return cause;
  const reason =
    cause instanceof Error ? ` (${cause.message.split('\n')[0]})` : '';
  return new LoadSettingError({
    message:
      `The performanceClient setting is true, but ${PERFORMANCE_CLIENT_PACKAGE} could not be loaded${reason}. ` +
      `Install it with \`npm install ${PERFORMANCE_CLIENT_PACKAGE}@0.0.10\`, or set performanceClient: false to use HTTP.`,
  });
}

/** Converts a timeout to the whole seconds (1–3600) the native client takes. */
export function toNativeTimeoutSeconds(
  timeoutMs: number | undefined,
): number | undefined {
  return timeoutMs == null
    ? undefined
    : Math.min(3600, Math.max(1, Math.ceil(timeoutMs / 1000)));
}

/** About this many `batchPost` calls in flight at once, each with an equal share of requests. */
const NATIVE_LANES = 8;

/**
 * Posts a call's payloads natively: small groups, each one `batchPost` with its share of
 * `maxConcurrentRequests`, so bodies are parsed as they arrive (bench/NOTES.md).
 * Abort rejects at once; the native work is discarded.
 */
export async function postBatchesNatively<T>(
  call: BatchCall<T>,
  client: PerformanceClientInstance,
  urlPath: string,
): Promise<BatchOutcome<T>> {
  const { payloads } = call;
  const { maxConcurrentRequests } = call.tuning;
  const groupSize = Math.max(
    1,
    Math.floor(maxConcurrentRequests / NATIVE_LANES),
  );
  const lanes = Math.floor(maxConcurrentRequests / groupSize);
  const post = nativePost(call, client, urlPath, groupSize);
  const results = new Array<T>(payloads.length);
  let responseHeaders: Record<string, string> | undefined;
  const postGroup = async (group: number) => {
    const first = group * groupSize;
    const sent = payloads.slice(first, first + groupSize);
    let raw: unknown;
    try {
      raw = await raceAbort(post(sent), call.abortSignal);
    } catch (error) {
      if (call.abortSignal?.aborted) throw error;
      throw await apiCallErrorFromNative(error, call.url, sent[0]);
    }
    const outcome = raw as { data?: unknown; response_headers?: unknown };
    if (!Array.isArray(outcome?.data) || outcome.data.length !== sent.length) {
      throw new APICallError({
        message: `The native performance client returned ${
          Array.isArray(outcome?.data) ? outcome.data.length : 'no'
        } response bodies for ${sent.length} requests.`,
        url: call.url,
        requestBodyValues: sent[0],
        isRetryable: false,
      });
    }
    const bodies = outcome.data;
    for (let index = 0; index < bodies.length; index++) {
      results[first + index] = call.parse(bodies[index], first + index);
      bodies[index] = undefined; // let the raw body go as soon as it is parsed
    }
    responseHeaders ??= firstResponseHeaders(outcome.response_headers);
  };
  await runBounded(Math.ceil(payloads.length / groupSize), lanes, postGroup);
  return { results, responseHeaders };
}

/** Sends some payloads of a call; resolves to `{ data: [one body per payload] }`. */
type NativePost = (payloads: readonly unknown[]) => Promise<unknown>;

const NATIVE_CLIENT_FIX = `Use ${PERFORMANCE_CLIENT_PACKAGE} 0.0.10 or set performanceClient: false.`;

/** `batchPost`, else `embed` for an embeddings payload; throws first if neither can. */
function nativePost<T>(
  call: BatchCall<T>,
  client: PerformanceClientInstance,
  urlPath: string,
  concurrency: number,
): NativePost {
  const { timeoutMs } = call.tuning;
  const batchPost = client.batchPost?.bind(client);
  if (typeof batchPost === 'function') {
    const timeoutS = toNativeTimeoutSeconds(timeoutMs);
    return payloads =>
      batchPost(urlPath, payloads as unknown[], concurrency, timeoutS);
  }
  if (urlPath !== EMBEDDINGS_PATH) {
    throw new LoadSettingError({
      message: `The performanceClient given has no batchPost method, which reranking needs (its embed method serves embeddings only). ${NATIVE_CLIENT_FIX}`,
    });
  }
  // typed as required, but a user's class may lack it
  const embed: PerformanceClientInstance['embed'] | undefined =
    typeof (client.embed as unknown) === 'function'
      ? client.embed.bind(client)
      : undefined;
  if (embed === undefined) {
    throw new LoadSettingError({
      message: `The performanceClient given has neither a batchPost nor an embed method. ${NATIVE_CLIENT_FIX}`,
    });
  }
  const first = call.payloads[0] as
    { dimensions?: unknown; user?: unknown } | undefined;
  const uncarried = [
    first?.dimensions !== undefined ? 'dimensions' : undefined,
    first?.user !== undefined ? 'user' : undefined,
    timeoutMs !== undefined ? 'timeoutMs' : undefined,
  ].filter((name): name is string => name !== undefined);
  if (uncarried.length > 0) {
    const names = uncarried.join(' and ');
    throw new InvalidArgumentError({
      argument: uncarried[0],
      message: `${names} cannot be sent through the performanceClient given: it has no batchPost method, and its embed(input, model) carries only the texts and the model ID. Leave out ${names}, use ${PERFORMANCE_CLIENT_PACKAGE} 0.0.10, or set performanceClient: false.`,
    });
  }
  // one embed(input, model) per payload of the group, all at once (the group is the share)
  return async payloads => ({
    data: await Promise.all(
      payloads.map(payload => {
        const { input, model } = payload as { input: string[]; model: string };
        return embed(input, model);
      }),
    ),
  });
}

/** The headers of the first response in `batchPost`'s `response_headers` (lower-case names). */
function firstResponseHeaders(
  value: unknown,
): Record<string, string> | undefined {
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  if (first == null || typeof first !== 'object') return undefined;
  const strings = Object.entries(first).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return normalizeHeaders(strings);
}

const NATIVE_STATUS = /status (\d{3})[^:]*:\s?([\s\S]*)$/;

/** Appended to errors the native client has already retried. */
export const NATIVE_RETRIED_SUFFIX =
  " (after the native performance client's own retries)";

/** The native client's error as HTTP's; never retryable (the client retried 5 times itself). */
export async function apiCallErrorFromNative(
  error: unknown,
  url: string,
  requestBodyValues: unknown,
): Promise<APICallError> {
  // not getErrorMessage: it prefixes the error's name, which would change the message
  const message = error instanceof Error ? error.message : String(error);
  const match = NATIVE_STATUS.exec(message);
  if (match) {
    const fromResponse = await apiCallErrorFromResponse({
      url,
      statusCode: Number(match[1]),
      body: match[2],
      requestBodyValues,
      cause: error,
    });
    if (!fromResponse.isRetryable) return fromResponse;
    return copyAPICallError(fromResponse, {
      message: `${fromResponse.message}${NATIVE_RETRIED_SUFFIX}`,
      isRetryable: false,
    });
  }
  // InvalidArg: the client refused the call before sending anything
  const wasRetried =
    (error as { code?: unknown } | null)?.code !== 'InvalidArg';
  return new APICallError({
    message: `Baseten's native performance client failed: ${message}${wasRetried ? NATIVE_RETRIED_SUFFIX : ''}`,
    url,
    requestBodyValues,
    cause: error,
    isRetryable: false,
  });
}
