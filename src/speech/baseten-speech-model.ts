import {
  type Experimental_SpeechModelV4StreamOptions as SpeechModelV4StreamOptions,
  type Experimental_SpeechModelV4StreamResult as SpeechModelV4StreamResult,
  type Experimental_StreamingSpeechModelV4 as StreamingSpeechModelV4,
  type JSONObject,
  type SharedV4Warning,
  type SpeechModelV4CallOptions,
  type SpeechModelV4Result,
} from '@ai-sdk/provider';
import { createBinaryResponseHandler } from '@ai-sdk/provider-utils';
import { optionNames } from '../baseten-options';
import {
  parseDeploymentOptions,
  type DeploymentOptionsDescription,
} from '../deployment/baseten-deployment-options';
import { postToDeployment } from '../deployment/baseten-deployment-post';
import type { BasetenVoiceConfig } from '../deployment/baseten-voice-config';
import { cancelInputOnFailure } from '../deployment/baseten-voice-input';
import {
  promptCharactersOf,
  isWav,
  ORPHEUS_SAMPLE_RATE,
  pcmToWav,
} from './baseten-speech-api';
import {
  basetenSpeechProviderOptionsSchema,
  DEFAULT_VOICE,
  PREDICT_ONLY_SPEECH_OPTIONS,
  WEBSOCKET_ONLY_SPEECH_OPTIONS,
  type BasetenSpeechModelId,
  type BasetenSpeechProviderOptions,
  type ParsedSpeechOptions,
} from './baseten-speech-options';
import {
  generateOutputFormat,
  streamOutputFormatWarning,
  type PcmSpeechServer,
} from './baseten-speech-output-format';
import {
  orpheusPredictBody,
  streamSpeechOverPredict,
  streamSpeechOverWebSocket,
} from './baseten-speech-stream';

/** How speech models parse their options and name them in errors and warnings. */
const ORPHEUS: PcmSpeechServer = {
  name: 'Orpheus',
  gives: 'answers',
  sampleRate: ORPHEUS_SAMPLE_RATE,
};

export const SPEECH_OPTIONS: DeploymentOptionsDescription<ParsedSpeechOptions> =
  {
    schema: basetenSpeechProviderOptionsSchema,
    acceptedNames: optionNames<BasetenSpeechProviderOptions>({
      maxTokens: true,
      temperature: true,
      topP: true,
      repetitionPenalty: true,
      requestId: true,
      bufferSize: true,
    }),
    purpose: 'speech',
    models: 'Speech models',
    typeName: 'BasetenSpeechProviderOptions',
  };

type CallSettings = Pick<
  SpeechModelV4CallOptions,
  'speed' | 'instructions' | 'language'
>;

/** Warnings for the call settings Orpheus has no way to honour. */
export function settingsWarnings(
  settings: CallSettings,
  warnings: SharedV4Warning[],
): void {
  if (settings.speed !== undefined) {
    warnings.push({
      type: 'unsupported',
      feature: 'speed',
      details: 'Orpheus has no speed setting; it was not sent.',
    });
  }
  if (settings.instructions !== undefined) {
    warnings.push({
      type: 'unsupported',
      feature: 'instructions',
      details:
        'Orpheus takes no instructions; emotion tags such as <laugh> in the text are its way.',
    });
  }
  if (settings.language !== undefined && settings.language !== 'en') {
    warnings.push({
      type: 'unsupported',
      feature: 'language',
      details: 'Orpheus speaks English; the language was not sent.',
    });
  }
}

/** Warnings for options the transport cannot carry (each is sent wherever the server reads it). */
function transportWarnings(
  options: ParsedSpeechOptions,
  over: 'predict' | 'websocket',
  warnings: SharedV4Warning[],
): void {
  const others: readonly string[] =
    over === 'predict'
      ? WEBSOCKET_ONLY_SPEECH_OPTIONS
      : PREDICT_ONLY_SPEECH_OPTIONS;
  for (const name of others) {
    if (options[name] === undefined) continue;
    warnings.push({
      type: 'unsupported',
      feature: `providerOptions.baseten.${name}`,
      details:
        over === 'predict'
          ? 'It applies to the WebSocket only (a …/websocket modelURL); it was not sent.'
          : 'It applies to …/predict only (Orpheus’ WebSocket does not read it); it was not sent.',
    });
  }
}

/** Orpheus (or another text-to-speech deployment with its protocol) on Baseten. */
export class BasetenSpeechModel implements StreamingSpeechModelV4 {
  readonly specificationVersion = 'v4';

  constructor(
    readonly modelId: BasetenSpeechModelId,
    private readonly config: BasetenVoiceConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  async doGenerate(
    call: SpeechModelV4CallOptions,
  ): Promise<SpeechModelV4Result> {
    const timestamp = this.config.currentDate?.() ?? new Date();
    const warnings: SharedV4Warning[] = [];
    const options = await parseDeploymentOptions(
      call.providerOptions,
      SPEECH_OPTIONS,
      warnings,
    );
    settingsWarnings(call, warnings);
    transportWarnings(options, 'predict', warnings);
    const format = generateOutputFormat(call.outputFormat, ORPHEUS, warnings);
    const body = orpheusPredictBody(
      call.text,
      call.voice ?? DEFAULT_VOICE,
      options,
    );
    const answer = await postToDeployment(this.config, {
      url: this.config.endpoints.predictURL,
      body,
      successfulResponseHandler: createBinaryResponseHandler(),
      headers: call.headers,
      abortSignal: call.abortSignal,
    });
    const bytes = answer.value;
    // an empty body stays empty, so the AI SDK reports that no speech was generated
    const isPCM = !isWav(bytes);
    const asWav = bytes.length > 0 && isPCM && format !== 'pcm';
    const audio = asWav ? pcmToWav(bytes, ORPHEUS_SAMPLE_RATE) : bytes;
    const contentType = format === 'pcm' && isPCM ? 'audio/pcm' : 'audio/wav';
    const promptCharacters = promptCharactersOf(answer.responseHeaders);
    const metadata: JSONObject = {
      ...answer.responseMetadata,
      sampleRate: ORPHEUS_SAMPLE_RATE,
      ...(promptCharacters !== undefined ? { promptCharacters } : {}),
    };
    return {
      audio,
      warnings,
      request: { body: JSON.stringify(body) },
      response: {
        timestamp,
        modelId: this.modelId,
        // the AI SDK names the file by this type: what the bytes now are
        headers: { ...answer.responseHeaders, 'content-type': contentType },
      },
      providerMetadata: { baseten: metadata },
    };
  }

  async doStream(
    call: SpeechModelV4StreamOptions,
  ): Promise<SpeechModelV4StreamResult> {
    const warnings: SharedV4Warning[] = [];
    const options = await cancelInputOnFailure(call.text, () =>
      parseDeploymentOptions(call.providerOptions, SPEECH_OPTIONS, warnings),
    );
    settingsWarnings(call, warnings);
    const over = this.config.endpoints.named;
    transportWarnings(options, over, warnings);
    streamOutputFormatWarning(call.outputFormat, ORPHEUS, warnings);
    const voice = call.voice ?? DEFAULT_VOICE;
    const args = {
      config: this.config,
      modelId: this.modelId,
      options,
      warnings,
      voice,
      call,
    };
    return over === 'websocket'
      ? streamSpeechOverWebSocket(args)
      : streamSpeechOverPredict(args);
  }
}
