import {
  UnsupportedFunctionalityError,
  type Experimental_TranscriptionModelV4StreamOptions as TranscriptionModelV4StreamOptions,
  type Experimental_TranscriptionModelV4StreamResult as TranscriptionModelV4StreamResult,
  type TranscriptionModelV4,
  type TranscriptionModelV4Result,
} from '@ai-sdk/provider';
import type { Qwen3ASREndpoints } from '../baseten-url';
import type { BasetenVoiceConfig } from '../deployment/baseten-voice-config';

/** A Qwen3-ASR model's config: a voice config with the batch routes' root. */
export interface BasetenQwen3ASRConfig extends BasetenVoiceConfig {
  readonly endpoints: Qwen3ASREndpoints;
}

function notYetSupported(functionality: string): UnsupportedFunctionalityError {
  return new UnsupportedFunctionalityError({
    functionality,
    message: `${functionality} is not supported by this version of ai-sdk-provider-baseten yet. transcriptionModel('qwen3-asr') will not send Whisper's protocol to a Qwen3-ASR deployment.`,
  });
}

/** Qwen3-ASR on Baseten: batch over the deployment's `…/sync/v1` routes, streaming over its `/websocket`. */
export class BasetenQwen3ASRModel implements TranscriptionModelV4 {
  readonly specificationVersion = 'v4';

  constructor(
    readonly modelId: 'qwen3-asr',
    private readonly config: BasetenQwen3ASRConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  doGenerate(): Promise<TranscriptionModelV4Result> {
    return Promise.reject(notYetSupported('Qwen3-ASR batch transcription'));
  }

  doStream(
    options: TranscriptionModelV4StreamOptions,
  ): Promise<TranscriptionModelV4StreamResult> {
    void options.audio.cancel().catch(() => {});
    return Promise.reject(notYetSupported('Qwen3-ASR streaming transcription'));
  }
}
