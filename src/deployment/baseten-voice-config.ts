import type { WebSocketConstructor } from '@ai-sdk/provider-utils';
import { redactApiKey } from '../baseten-redaction';
import type { VoiceEndpoints } from '../baseten-url';
import {
  deploymentHeaders,
  type BasetenDeploymentConfig,
} from './baseten-deployment-config';

/** What a voice model (transcription, speech) needs: a deployment model's config, plus sockets. */
export interface BasetenVoiceConfig extends BasetenDeploymentConfig {
  readonly endpoints: VoiceEndpoints;
  /** The `webSocket` setting, if any. */
  readonly webSocket?: WebSocketConstructor;
  /** For tests: the clock of response timestamps. */
  readonly currentDate?: () => Date;
}

/** WebSocket upgrade headers: a deployment request's. */
export function voiceWebSocketHeaders(
  config: BasetenVoiceConfig,
  apiKey: string,
  callHeaders: Record<string, string | undefined> | undefined,
): Record<string, string> {
  try {
    return deploymentHeaders(config, callHeaders, apiKey);
  } catch (error) {
    // a key a header cannot hold (e.g. with a line break) is quoted in the error
    throw redactApiKey(error, apiKey);
  }
}
