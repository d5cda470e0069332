import type {
  SharedV4ProviderMetadata,
  SharedV4Warning,
} from '@ai-sdk/provider';
import { withReadableMessage } from '../baseten-error';
import { basetenResponseMetadata } from '../baseten-response-metadata';
import {
  abortReason,
  type BatchCall,
  type BatchOutcome,
} from '../transport/baseten-batch';
import { postBatchesOverHttp } from '../transport/baseten-http-transport';
import { postBatchesNatively } from '../transport/baseten-native-client';
import { NativeClientCache } from '../transport/baseten-native-client-cache';
import {
  chooseTransport,
  customHeaderNames,
} from '../transport/baseten-transport-selection';
import {
  deploymentHeaders,
  type BasetenDeploymentConfig,
} from './baseten-deployment-config';

/** One batched call of a deployment model, as the run needs it. */
export interface DeploymentBatchRun<T> {
  readonly call: BatchCall<T>;
  /** The key loaded for this call. */
  readonly apiKey: string;
  /** The call's headers (`options.headers`). */
  readonly headers?: Record<string, string | undefined>;
  /** The path the native client posts to, relative to the `…/sync` root. */
  readonly nativePath: string;
  readonly nativeClients: NativeClientCache;
  /** Where a transport warning goes. */
  readonly warnings: SharedV4Warning[];
}

/** Which transport served a call. */
export type DeploymentTransport = 'http' | 'native';

/** What a batched call returns, with what the model reports about it. */
export interface DeploymentBatchResult<T> extends BatchOutcome<T> {
  readonly transport: DeploymentTransport;
  /** The result's `response`: the headers of one response, when the transport has them. */
  readonly response: { headers: Record<string, string> } | undefined;
  /** `{ baseten: { transport, requests, requestId?, modelId?, modelVersionId? } }`. */
  readonly providerMetadata: SharedV4ProviderMetadata;
}

/** Throws the signal's reason when the call was aborted before it started. */
export function throwIfAborted(abortSignal: AbortSignal | undefined): void {
  if (abortSignal?.aborted) throw abortReason(abortSignal);
}

/** Runs a call on the transport the rules choose; errors get Baseten's message and request id. */
export async function runDeploymentBatches<T>(
  config: BasetenDeploymentConfig,
  run: DeploymentBatchRun<T>,
): Promise<DeploymentBatchResult<T>> {
  const choice = await chooseTransport(config.performanceClient, {
    hasCustomFetch: config.fetch !== undefined,
    customHeaders: customHeaderNames(config.headers, run.headers),
    isHedged: run.call.tuning.hedgeDelayMs !== undefined,
  });
  if (choice.kind === 'http' && choice.warning)
    run.warnings.push(choice.warning);
  try {
    const outcome =
      choice.kind === 'native'
        ? await postBatchesNatively(
            run.call,
            run.nativeClients.get(choice.clientClass, run.apiKey),
            run.nativePath,
          )
        : await postBatchesOverHttp(run.call, {
            fetch: config.fetch,
            headers: deploymentHeaders(config, run.headers, run.apiKey),
          });
    return {
      ...outcome,
      transport: choice.kind,
      response: outcome.responseHeaders
        ? { headers: outcome.responseHeaders }
        : undefined,
      providerMetadata: deploymentProviderMetadata(
        choice.kind,
        run.call.payloads.length,
        outcome.responseHeaders,
      ),
    };
  } catch (error) {
    throw withReadableMessage(error, run.apiKey);
  }
}

/** One call's batches, as a model hands them over (the key is loaded when it starts). */
export type DeploymentBatchCall<T> = Omit<
  DeploymentBatchRun<T>,
  'apiKey' | 'nativeClients'
>;

/** Runs a model's batched calls; holds the model's native client between calls. */
export interface DeploymentBatches {
  run<T>(call: DeploymentBatchCall<T>): Promise<DeploymentBatchResult<T>>;
}

/** The batch runner of one model on the deployment at `syncBaseURL`. */
export function deploymentBatches(
  config: BasetenDeploymentConfig,
  syncBaseURL: string,
): DeploymentBatches {
  const nativeClients = new NativeClientCache(syncBaseURL);
  return {
    run: call => {
      throwIfAborted(call.call.abortSignal);
      return runDeploymentBatches(config, {
        ...call,
        apiKey: config.apiKey(),
        nativeClients,
      });
    },
  };
}

/** `providerMetadata.baseten` of a deployment call: transport, request count, request ids. */
export function deploymentProviderMetadata(
  transport: DeploymentTransport,
  requests: number,
  responseHeaders: Record<string, string> | undefined,
): SharedV4ProviderMetadata {
  return {
    baseten: {
      transport,
      requests,
      ...basetenResponseMetadata(responseHeaders),
    },
  };
}
