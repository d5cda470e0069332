import {
  combineHeaders,
  withUserAgentSuffix,
  type FetchFunction,
} from '@ai-sdk/provider-utils';
import {
  basetenFailedResponseHandler,
  withReadableMessage,
} from '../baseten-error';
import { USER_AGENT_SUFFIX } from '../baseten-fetch';
import { redactApiKey } from '../baseten-redaction';
import type { BasetenPerformanceClientSetting } from '../transport/baseten-transport-selection';

/** What the provider hands every model that calls a dedicated deployment. */
export interface BasetenDeploymentConfig {
  /** The provider name the model reports, e.g. `baseten.embedding`. */
  readonly provider: string;
  /** The API key, loaded when a call starts (throws `LoadAPIKeyError` when missing). */
  readonly apiKey: () => string;
  /** The `headers` setting (without authorization). */
  readonly headers?: Record<string, string>;
  /** The `fetch` setting; `undefined` means `globalThis.fetch` as it is when a request starts. */
  readonly fetch: FetchFunction | undefined;
  /** The `performanceClient` setting (for models with a native transport). */
  readonly performanceClient?: BasetenPerformanceClientSetting;
}

/**
 * A deployment request's headers (HTTP and WebSocket upgrade): setting, call, then the key (which
 * wins), with this package's user-agent suffix after the call's user agent.
 */
export function deploymentHeaders(
  config: BasetenDeploymentConfig,
  callHeaders: Record<string, string | undefined> | undefined,
  apiKey: string,
): Record<string, string> {
  try {
    return withUserAgentSuffix(
      combineHeaders(config.headers, callHeaders, {
        authorization: `Bearer ${apiKey}`,
      }),
      USER_AGENT_SUFFIX,
    );
  } catch (error) {
    // a key a header cannot hold (e.g. with a line break) is quoted in the error
    throw redactApiKey(error, apiKey);
  }
}

/** What every HTTP call to a deployment hands provider-utils (or `fetch`). */
export interface DeploymentCallBase {
  /** From `deploymentHeaders`: setting, call, key, user agent. */
  readonly headers: Record<string, string>;
  readonly failedResponseHandler: typeof basetenFailedResponseHandler;
  /** The `fetch` setting; `undefined` means `globalThis.fetch`. */
  readonly fetch: FetchFunction | undefined;
}

/**
 * Runs one HTTP call to a deployment: the key is loaded once, the headers built, and whatever
 * fails gets Baseten's message and request id, never the key.
 */
export async function callDeployment<T>(
  config: BasetenDeploymentConfig,
  callHeaders: Record<string, string | undefined> | undefined,
  call: (base: DeploymentCallBase) => Promise<T>,
): Promise<T> {
  const apiKey = config.apiKey();
  try {
    return await call({
      headers: deploymentHeaders(config, callHeaders, apiKey),
      failedResponseHandler: basetenFailedResponseHandler,
      fetch: config.fetch,
    });
  } catch (error) {
    throw withReadableMessage(error, apiKey);
  }
}
