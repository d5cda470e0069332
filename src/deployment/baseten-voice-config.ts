import type { WebSocketConstructor } from '@ai-sdk/provider-utils';
import type { VoiceEndpoints } from '../baseten-url';
import type { BasetenDeploymentConfig } from './baseten-deployment-config';

/** What a voice model (transcription, speech) needs: a deployment model's config, plus sockets. */
export interface BasetenVoiceConfig extends BasetenDeploymentConfig {
  readonly endpoints: VoiceEndpoints;
  /** The `webSocket` setting, if any. */
  readonly webSocket?: WebSocketConstructor;
  /** For tests: the clock of response timestamps. */
  readonly currentDate?: () => Date;
}
