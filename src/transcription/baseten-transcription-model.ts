import {
  InvalidResponseDataError,
  type Experimental_TranscriptionModelV4StreamOptions as TranscriptionModelV4StreamOptions,
  type Experimental_TranscriptionModelV4StreamResult as TranscriptionModelV4StreamResult,
  type JSONObject,
  type SharedV4Warning,
  type TranscriptionModelV4,
  type TranscriptionModelV4CallOptions,
  type TranscriptionModelV4Result,
} from '@ai-sdk/provider';
import { convertUint8ArrayToBase64 } from '@ai-sdk/provider-utils';
import { defined } from '../baseten-defined';
import { redactApiKey } from '../baseten-redaction';
import { parseDeploymentOptions } from '../deployment/baseten-deployment-options';
import { cancelInputOnFailure } from '../deployment/baseten-voice-input';
import {
  jsonBytesResponseHandler,
  postToDeployment,
} from '../deployment/baseten-deployment-post';
import { unexpectedResponseError } from '../deployment/baseten-deployment-response';
import {
  asWhisperPredictResponse,
  getWhisperSchemas,
  joinSegmentTexts,
  segmentTiming,
  wordTiming,
  type WhisperAudio,
  type WhisperParams,
  type WhisperPredictBody,
  type WhisperPredictResponse,
  type WhisperSegment,
} from './baseten-transcription-api';
import {
  KNOWN_TRANSCRIPTION_OPTIONS,
  STREAMING_ONLY_OPTIONS,
  TRANSCRIPTION_OPTIONS,
  type BasetenTranscriptionModelId,
  type ParsedTranscriptionOptions,
} from './baseten-transcription-options';
import {
  streamTranscription,
  type WhisperStreamingConfig,
} from './baseten-transcription-stream';

type GenerateOptions = Omit<
  TranscriptionModelV4CallOptions,
  'audio' | 'mediaType'
>;

/** Whether word timings were asked for, by option or by `timestampGranularities`. */
export function wantsWordTimestamps(
  options: ParsedTranscriptionOptions,
  granularities: readonly string[] | undefined,
): boolean | undefined {
  return (
    options.wordTimestamps ??
    (granularities?.includes('word') === true ? true : undefined)
  );
}

/** `whisper_params` of a batch call, and warnings for what it cannot send as asked. */
export function batchWhisperParams(
  options: ParsedTranscriptionOptions,
  granularities: readonly string[] | undefined,
): { params: WhisperParams; warnings: SharedV4Warning[] } {
  const warnings: SharedV4Warning[] = [];
  const extra: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) {
    if ((STREAMING_ONLY_OPTIONS as readonly string[]).includes(name)) {
      warnings.push({
        type: 'unsupported',
        feature: `providerOptions.baseten.${name}`,
        details: 'It applies to streaming transcription only and was not sent.',
      });
    } else if (!KNOWN_TRANSCRIPTION_OPTIONS.has(name)) {
      extra[name] = value;
      warnings.push({
        type: 'other',
        message: `providerOptions.baseten.${name} is not a known Whisper option; it was sent as whisper_params.${name} as given.`,
      });
    }
  }
  const params: Record<string, unknown> = defined({
    audio_language: options.language,
    language_options: options.languageOptions,
    prompt: options.prompt,
    show_word_timestamps: wantsWordTimestamps(options, granularities),
    use_dynamic_preprocessing: options.useDynamicPreprocessing,
    language_detection_only: options.languageDetectionOnly,
    ...extra,
  });
  return { params, warnings };
}

function segmentMetadata(segment: WhisperSegment): JSONObject {
  const entry: JSONObject = segmentTiming(segment);
  if (segment.log_prob != null) entry.logProb = segment.log_prob;
  if (segment.word_timestamps != null)
    entry.words = segment.word_timestamps.map(wordTiming);
  return entry;
}

/** A Whisper deployment on Baseten: batch over `/predict`, streaming over its `/websocket`. */
export class BasetenTranscriptionModel implements TranscriptionModelV4 {
  readonly specificationVersion = 'v4';

  constructor(
    readonly modelId: BasetenTranscriptionModelId,
    private readonly config: WhisperStreamingConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  async doGenerate(
    options: TranscriptionModelV4CallOptions,
  ): Promise<TranscriptionModelV4Result> {
    const audio =
      typeof options.audio === 'string'
        ? options.audio
        : convertUint8ArrayToBase64(options.audio);
    return this.predict({ audio_b64: audio }, options);
  }

  /** Baseten downloads the audio itself: the URL is sent, not the bytes. */
  async doGenerateFromUrl(
    options: GenerateOptions & { audio: URL },
  ): Promise<TranscriptionModelV4Result | undefined> {
    if (
      options.audio.protocol !== 'https:' &&
      options.audio.protocol !== 'http:'
    )
      return undefined;
    return this.predict({ url: options.audio.href }, options);
  }

  async doStream(
    options: TranscriptionModelV4StreamOptions,
  ): Promise<TranscriptionModelV4StreamResult> {
    const warnings: SharedV4Warning[] = [];
    return cancelInputOnFailure(options.audio, async () => {
      // unknown keys warn: the streaming metadata sends known ones only
      const parsed = await parseDeploymentOptions(
        options.providerOptions,
        TRANSCRIPTION_OPTIONS,
        warnings,
      );
      return streamTranscription({
        config: this.config,
        modelId: this.modelId,
        options: parsed,
        warnings,
        call: options,
      });
    });
  }

  private async predict(
    audio: WhisperAudio,
    options: GenerateOptions,
  ): Promise<TranscriptionModelV4Result> {
    const timestamp = this.config.currentDate?.() ?? new Date();
    // unknown keys are sent in whisper_params; batchWhisperParams warns of them
    const parsed = await parseDeploymentOptions(
      options.providerOptions,
      TRANSCRIPTION_OPTIONS,
      [],
    );
    const { params, warnings } = batchWhisperParams(
      parsed,
      options.timestampGranularities,
    );
    const body: WhisperPredictBody = {
      whisper_input: { audio, whisper_params: params },
    };
    const url = this.config.endpoints.predictURL;
    const {
      value: rawValue,
      responseHeaders,
      responseMetadata,
    } = await postToDeployment(this.config, {
      url,
      body,
      successfulResponseHandler: jsonBytesResponseHandler(undefined),
      headers: options.headers,
      abortSignal: options.abortSignal,
    });
    const value = whisperResponseOf(rawValue, url, parsed);
    if (value instanceof Error) throw redactApiKey(value, this.config.apiKey());
    const segments = value.segments ?? [];
    const words = segments.flatMap(segment =>
      (segment.word_timestamps ?? []).map(wordTiming),
    );
    const metadata: JSONObject = { segments: segments.map(segmentMetadata) };
    if (value.language_prob != null)
      metadata.languageProbability = value.language_prob;
    if (responseMetadata !== undefined)
      Object.assign(metadata, responseMetadata);
    return {
      text: joinSegmentTexts(segments),
      segments: segments.map(segmentTiming),
      ...(words.length > 0 ? { words } : {}),
      language: value.language_code ?? undefined,
      durationInSeconds: segments.at(-1)?.end_time,
      warnings,
      request: { body: JSON.stringify(requestBodyForTelemetry(body)) },
      response: {
        timestamp,
        modelId: this.modelId,
        headers: responseHeaders,
        body: rawValue,
      },
      providerMetadata: { baseten: metadata },
    };
  }
}

/** The `/predict` answer as a transcription, or the error that says why it is none. */
function whisperResponseOf(
  body: unknown,
  url: string,
  options: ParsedTranscriptionOptions,
): WhisperPredictResponse | InvalidResponseDataError {
  const value = asWhisperPredictResponse(body);
  if (value === undefined) {
    const { error } = getWhisperSchemas().predict.safeParse(body);
    return unexpectedResponseError(
      body,
      `the /predict request to ${url}`,
      'a Whisper transcription',
      error,
    );
  }
  if (value.segments === undefined && options.languageDetectionOnly !== true) {
    return new InvalidResponseDataError({
      data: body,
      message: `The Whisper deployment at ${url} answered without "segments": it does not look like a Whisper transcription response.`,
    });
  }
  return value;
}

// The request body without the audio bytes (they can be megabytes of base64).
function requestBodyForTelemetry(body: WhisperPredictBody): unknown {
  const { audio } = body.whisper_input;
  const shown =
    'url' in audio
      ? audio
      : { audio_b64: `[${audio.audio_b64.length} base64 characters]` };
  return { whisper_input: { ...body.whisper_input, audio: shown } };
}
