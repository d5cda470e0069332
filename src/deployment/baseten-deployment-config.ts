import { combineHeaders, type FetchFunction } from '@ai-sdk/provider-utils';
import type { BasetenPerformanceClientSetting } from '../transport/baseten-transport-selection';

/** What the provider hands every model that calls a dedicated deployment. */
export interface BasetenDeploymentConfig {
  /** The provider name the model reports, e.g. `baseten.embedding`. */
  readonly provider: string;
  /** The API key, loaded when a call starts (throws `LoadAPIKeyError` when missing). */
  readonly apiKey: () => string;
  /** The `headers` setting (without authorization). */
  readonly headers?: Record<string, string>;
  /** The fetch every HTTP request goes through (the custom one, plus the user-agent suffix). */
  readonly fetch: FetchFunction;
  /** Whether the `fetch` setting was given (the native client cannot use it). */
  readonly hasCustomFetch: boolean;
  /** The `performanceClient` setting (for models with a native transport). */
  readonly performanceClient?: BasetenPerformanceClientSetting;
}

/**
 * A deployment request's headers: setting, call, then the key (which wins). `config.fetch` adds
 * the user-agent suffix; a WebSocket adds it with `withUserAgentSuffix(…, USER_AGENT_SUFFIX)`.
 */
export function deploymentHeaders(
  config: BasetenDeploymentConfig,
  callHeaders: Record<string, string | undefined> | undefined,
  apiKey: string,
): Record<string, string | undefined> {
  return combineHeaders(config.headers, callHeaders, {
    authorization: `Bearer ${apiKey}`,
  });
}
