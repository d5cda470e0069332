import {
  UnsupportedFunctionalityError,
  type Experimental_SpeechModelV4StreamOptions as SpeechModelV4StreamOptions,
  type Experimental_SpeechModelV4StreamResult as SpeechModelV4StreamResult,
  type Experimental_StreamingSpeechModelV4 as StreamingSpeechModelV4,
  type SpeechModelV4Result,
} from '@ai-sdk/provider';
import type { BasetenVoiceConfig } from '../deployment/baseten-voice-config';

function notYetSupported(functionality: string): UnsupportedFunctionalityError {
  return new UnsupportedFunctionalityError({
    functionality,
    message: `${functionality} is not supported by this version of ai-sdk-provider-baseten yet. speechModel('qwen3-tts') will not send Orpheus' protocol to a Qwen3-TTS deployment; use speechModel('orpheus') for Orpheus deployments.`,
  });
}

/** Qwen3-TTS (Baseten's vLLM-Omni server) on the deployment at `modelURL`. */
export class BasetenQwen3SpeechModel implements StreamingSpeechModelV4 {
  readonly specificationVersion = 'v4';

  constructor(
    readonly modelId: 'qwen3-tts',
    private readonly config: BasetenVoiceConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  doGenerate(): Promise<SpeechModelV4Result> {
    return Promise.reject(notYetSupported('Qwen3-TTS speech'));
  }

  doStream(
    call: SpeechModelV4StreamOptions,
  ): Promise<SpeechModelV4StreamResult> {
    void call.text.cancel().catch(() => {});
    return Promise.reject(notYetSupported('Qwen3-TTS streaming speech'));
  }
}
