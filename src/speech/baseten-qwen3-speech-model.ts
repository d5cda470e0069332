import {
  type Experimental_SpeechModelV4StreamOptions as SpeechModelV4StreamOptions,
  type Experimental_SpeechModelV4StreamPart as SpeechModelV4StreamPart,
  type Experimental_SpeechModelV4StreamResult as SpeechModelV4StreamResult,
  type Experimental_StreamingSpeechModelV4 as StreamingSpeechModelV4,
  type JSONObject,
  type SharedV4Warning,
  type SpeechModelV4CallOptions,
  type SpeechModelV4Result,
} from '@ai-sdk/provider';
import { pcmToWav } from '../baseten-wav';
import { parseDeploymentOptions } from '../deployment/baseten-deployment-options';
import type { BasetenVoiceConfig } from '../deployment/baseten-voice-config';
import { cancelInputOnFailure } from '../deployment/baseten-voice-input';
import {
  QWEN3_TTS_OPTIONS,
  type ParsedQwen3TTSOptions,
} from './baseten-qwen3-tts-options';
import {
  QWEN3_TTS_SAMPLE_RATE,
  streamQwen3Speech,
  type Qwen3TTSCallSettings,
} from './baseten-qwen3-tts-stream';
import {
  generateOutputFormat,
  streamOutputFormatWarning,
  type PcmSpeechServer,
} from './baseten-speech-output-format';

const QWEN3_TTS: PcmSpeechServer = {
  name: 'Qwen3-TTS',
  gives: 'is read as',
  sampleRate: QWEN3_TTS_SAMPLE_RATE,
};

function settingsOf(call: {
  voice?: string;
  language?: string;
  instructions?: string;
  speed?: number;
}): Qwen3TTSCallSettings {
  return {
    ...(call.voice !== undefined ? { voice: call.voice } : {}),
    ...(call.language !== undefined ? { language: call.language } : {}),
    ...(call.instructions !== undefined
      ? { instructions: call.instructions }
      : {}),
    ...(call.speed !== undefined ? { speed: call.speed } : {}),
  };
}

/**
 * Qwen3-TTS (Baseten's vLLM-Omni server) on the deployment at `modelURL`: streaming over its
 * `…/websocket`, and batch through the same socket (the audio of every sentence, in order).
 */
export class BasetenQwen3SpeechModel implements StreamingSpeechModelV4 {
  readonly specificationVersion = 'v4';

  constructor(
    readonly modelId: 'qwen3-tts',
    private readonly config: BasetenVoiceConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  /** One-shot through the streaming socket: a WAV file (or raw PCM with `outputFormat: 'pcm'`). */
  async doGenerate(
    call: SpeechModelV4CallOptions,
  ): Promise<SpeechModelV4Result> {
    const warnings: SharedV4Warning[] = [];
    const options = await this.options(call.providerOptions, warnings);
    const format = generateOutputFormat(call.outputFormat, QWEN3_TTS, warnings);
    const result = await streamQwen3Speech({
      config: this.config,
      modelId: this.modelId,
      options,
      settings: settingsOf(call),
      warnings,
      call: {
        text: new ReadableStream({
          start: controller => {
            controller.enqueue({ type: 'text', text: call.text });
            controller.close();
          },
        }),
        headers: call.headers,
        abortSignal: call.abortSignal,
      },
    });
    const audio: Uint8Array[] = [];
    let headers: Record<string, string> | undefined;
    let metadata: JSONObject | undefined;
    const reader = result.stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const part: SpeechModelV4StreamPart = value;
        if (part.type === 'audio' && typeof part.audio !== 'string')
          audio.push(part.audio);
        // a failed sentence: the answer is not complete, so it is no answer
        else if (part.type === 'error') throw part.error;
        else if (part.type === 'response-metadata') headers = part.headers;
        else if (part.type === 'finish')
          metadata = part.providerMetadata?.baseten;
      }
    } finally {
      void reader.cancel().catch(() => {});
    }
    const pcm = new Uint8Array(
      audio.reduce((sum, piece) => sum + piece.length, 0),
    );
    audio.reduce(
      (offset, piece) => (pcm.set(piece, offset), offset + piece.length),
      0,
    );
    const asPCM = format === 'pcm';
    return {
      // an empty answer stays empty, so the AI SDK reports that no speech was generated
      audio:
        asPCM || pcm.length === 0 ? pcm : pcmToWav(pcm, QWEN3_TTS_SAMPLE_RATE),
      warnings,
      request: { body: JSON.stringify(redactedConfig(result.request?.body)) },
      response: {
        timestamp: result.response?.timestamp ?? new Date(),
        modelId: this.modelId,
        headers: {
          ...headers,
          'content-type': asPCM ? 'audio/pcm' : 'audio/wav',
        },
      },
      providerMetadata: {
        baseten: { ...metadata, sampleRate: QWEN3_TTS_SAMPLE_RATE },
      },
    };
  }

  async doStream(
    call: SpeechModelV4StreamOptions,
  ): Promise<SpeechModelV4StreamResult> {
    const warnings: SharedV4Warning[] = [];
    const options = await cancelInputOnFailure(call.text, () =>
      this.options(call.providerOptions, warnings),
    );
    streamOutputFormatWarning(call.outputFormat, QWEN3_TTS, warnings);
    return streamQwen3Speech({
      config: this.config,
      modelId: this.modelId,
      options,
      settings: settingsOf(call),
      warnings,
      call,
    });
  }

  private options(
    providerOptions: SpeechModelV4CallOptions['providerOptions'],
    warnings: SharedV4Warning[],
  ): Promise<ParsedQwen3TTSOptions> {
    return parseDeploymentOptions(providerOptions, QWEN3_TTS_OPTIONS, warnings);
  }
}

/** The session config without the reference audio's bytes (megabytes of base64). */
function redactedConfig(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const { ref_audio: refAudio } = body as { ref_audio?: unknown };
  return typeof refAudio === 'string' && refAudio.startsWith('data:')
    ? { ...body, ref_audio: `[${refAudio.length} characters]` }
    : body;
}
