import {
  combineHeaders,
  withUserAgentSuffix,
  type FetchFunction,
  type WebSocketConstructor,
} from '@ai-sdk/provider-utils';
import { USER_AGENT_SUFFIX } from '../baseten-fetch';
import type { VoiceEndpoints } from '../baseten-url';

/** What a voice model (transcription, speech) needs from the provider. */
export interface BasetenVoiceConfig {
  readonly provider: string;
  readonly endpoints: VoiceEndpoints;
  /** Loads the key at call time (throws `LoadAPIKeyError` when there is none). */
  readonly apiKey: () => string;
  readonly headers?: Record<string, string>;
  /** The provider's fetch (it adds the user-agent suffix). */
  readonly fetch: FetchFunction;
  /** The `webSocket` setting, if any. */
  readonly webSocket?: WebSocketConstructor;
  /** For tests: the clock of response timestamps. */
  readonly currentDate?: () => Date;
}

/** HTTP request headers: the key, the provider's headers, then the call's (they win). */
export function voiceHTTPHeaders(
  config: BasetenVoiceConfig,
  apiKey: string,
  callHeaders: Record<string, string | undefined> | undefined,
): Record<string, string | undefined> {
  return combineHeaders({ Authorization: `Bearer ${apiKey}` }, config.headers, callHeaders);
}

/** WebSocket upgrade headers: as for HTTP, plus the user-agent suffix fetch would add. */
export function voiceWebSocketHeaders(
  config: BasetenVoiceConfig,
  apiKey: string,
  callHeaders: Record<string, string | undefined> | undefined,
): Record<string, string> {
  return withUserAgentSuffix(voiceHTTPHeaders(config, apiKey, callHeaders), USER_AGENT_SUFFIX);
}
