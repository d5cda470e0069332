import type { SharedV4Warning } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import { withReadableMessage } from '../baseten-error';
import type { BatchCall, BatchOutcome } from './baseten-batch';
import { postBatchesOverHttp } from './baseten-http-transport';
import { postBatchesNatively } from './baseten-native-client';
import type { NativeClientCache } from './baseten-native-client-cache';
import {
  chooseTransport,
  customHeaderNames,
  type BasetenPerformanceClientSetting,
} from './baseten-transport-selection';

/** What a model that batches (embeddings, reranking) is wired with. */
export interface BatchModelConfig {
  /** The API key, loaded when a call starts. */
  readonly apiKey: () => string;
  /** The `headers` setting (without authorization). */
  readonly headers?: Record<string, string>;
  /** The `fetch` setting, if any. */
  readonly customFetch?: FetchFunction;
  /** The fetch every HTTP request goes through (adds the user-agent suffix). */
  readonly fetch: FetchFunction;
  readonly performanceClient?: BasetenPerformanceClientSetting;
}

/** One call of a batching model, as the runner needs it. */
export interface BatchRun<T> {
  readonly call: BatchCall<T>;
  readonly apiKey: string;
  /** Per-call headers. */
  readonly headers?: Record<string, string | undefined>;
  /** The path the native client posts to, relative to the `…/sync` root. */
  readonly nativePath: string;
  readonly nativeClients: NativeClientCache;
  /** Where a transport warning goes. */
  readonly warnings: SharedV4Warning[];
}

/**
 * Chooses the transport by the documented rules, runs the call on it, and
 * scrubs the key from any error. Returns the outcome and the transport used.
 */
export async function runBatchCall<T>(
  config: BatchModelConfig,
  run: BatchRun<T>,
): Promise<{ outcome: BatchOutcome<T>; transport: 'http' | 'native' }> {
  const transport = await chooseTransport(config.performanceClient, {
    customFetch: config.customFetch !== undefined,
    customHeaders: customHeaderNames(config.headers, run.headers),
    hedging: run.call.tuning.hedgeDelayMs !== undefined,
  });
  if (transport.kind === 'http' && transport.warning) run.warnings.push(transport.warning);
  try {
    const outcome =
      transport.kind === 'native'
        ? await postBatchesNatively(
            run.call,
            run.nativeClients.get(transport.constructor, run.apiKey),
            run.nativePath,
          )
        : await postBatchesOverHttp(run.call, {
            fetch: config.fetch,
            headers: {
              ...config.headers,
              ...run.headers,
              authorization: `Bearer ${run.apiKey}`,
            },
          });
    return { outcome, transport: transport.kind };
  } catch (error) {
    throw withReadableMessage(error, run.apiKey);
  }
}
