import {
  APICallError,
  InvalidArgumentError,
  type Experimental_TranscriptionModelV4StreamOptions as TranscriptionModelV4StreamOptions,
  type Experimental_TranscriptionModelV4StreamResult as TranscriptionModelV4StreamResult,
  type JSONObject,
  type SharedV4Warning,
  type TranscriptionModelV4,
  type TranscriptionModelV4CallOptions,
  type TranscriptionModelV4Result,
} from '@ai-sdk/provider';
import {
  convertBase64ToUint8Array,
  convertUint8ArrayToBase64,
  mediaTypeToExtension,
} from '@ai-sdk/provider-utils';
import { copyAPICallError } from '../baseten-api-call-error';
import { redactApiKey } from '../baseten-redaction';
import type { Qwen3ASREndpoints } from '../baseten-url';
import { postFormToDeployment } from '../deployment/baseten-deployment-form';
import { parseDeploymentOptions } from '../deployment/baseten-deployment-options';
import { cancelInputOnFailure } from '../deployment/baseten-voice-input';
import {
  jsonBytesResponseHandler,
  postToDeployment,
  type DeploymentAnswer,
} from '../deployment/baseten-deployment-post';
import { unexpectedResponseError } from '../deployment/baseten-deployment-response';
import type { BasetenVoiceConfig } from '../deployment/baseten-voice-config';
import {
  getQwen3Schemas,
  isUnknownModelError,
  QWEN3_CHAT_PATH,
  QWEN3_TRANSCRIPTIONS_PATH,
  splitAsrOutput,
  type Qwen3ChatTranscriptionBody,
} from './baseten-qwen3-asr-api';
import {
  QWEN3_ASR_OPTIONS,
  QWEN3_ASR_STREAMING_OPTIONS,
  type ParsedQwen3ASROptions,
} from './baseten-qwen3-asr-options';
import {
  QWEN3_ASR_SAMPLE_RATE,
  streamQwen3Transcription,
} from './baseten-qwen3-asr-stream';
import { wavSamples } from '../baseten-wav';
import {
  asQwen3LanguageCode,
  qwen3LanguageCode,
} from './baseten-qwen3-languages';

/** A Qwen3-ASR model's config: a voice config with the batch routes' root. */
export interface BasetenQwen3ASRConfig extends BasetenVoiceConfig {
  readonly endpoints: Qwen3ASREndpoints;
}

type GenerateOptions = Omit<
  TranscriptionModelV4CallOptions,
  'audio' | 'mediaType'
>;

/** What a batch call sends, whichever route carries it. */
interface BatchRequest {
  readonly options: ParsedQwen3ASROptions;
  /** ISO code, when the call forces one. */
  readonly language?: string;
  readonly warnings: SharedV4Warning[];
  readonly call: GenerateOptions;
  readonly timestamp: Date;
}

/** The ISO code of `providerOptions.baseten.language`; unknown languages throw before any request. */
function languageOf(options: ParsedQwen3ASROptions): string | undefined {
  const { language } = options;
  if (language === undefined || language.toLowerCase() === 'auto')
    return undefined;
  const code = asQwen3LanguageCode(language);
  if (code === undefined) {
    throw new InvalidArgumentError({
      argument: 'providerOptions.baseten.language',
      message: `Invalid providerOptions.baseten.language ${JSON.stringify(language)}: Qwen3-ASR takes an ISO code such as "en" or "yue", a language name such as "English", or "auto" to detect it.`,
    });
  }
  return code;
}

function timingWarnings(
  granularities: readonly string[] | undefined,
  warnings: SharedV4Warning[],
): void {
  if (granularities === undefined || granularities.length === 0) return;
  warnings.push({
    type: 'unsupported',
    feature: 'timestampGranularities',
    details:
      "Qwen3-ASR's batch routes answer the text only: no segment or word timings.",
  });
}

/** A 404 from a deployment without the upload route (not vLLM refusing the model name). */
function isMissingRoute(error: unknown): boolean {
  return (
    APICallError.isInstance(error) &&
    error.statusCode === 404 &&
    !isUnknownModelError(error.responseBody ?? '')
  );
}

const UNKNOWN_MODEL_FIX =
  "set providerOptions.baseten.servedModelName to the deployment's served model name (vLLM's --served-model-name, e.g. Qwen/Qwen3-ASR-1.7B), or leave it out to send no model";

/** Names the fix when vLLM refused the `model` name (before the request id the message ends with). */
function explainUnknownModel(error: unknown): unknown {
  if (
    !APICallError.isInstance(error) ||
    error.statusCode !== 404 ||
    !isUnknownModelError(error.responseBody ?? '')
  )
    return error;
  const requestId = / \(request id [^)]*\)$/.exec(error.message)?.[0] ?? '';
  const message = error.message.slice(
    0,
    error.message.length - requestId.length,
  );
  return copyAPICallError(error, {
    message: `${message} (${UNKNOWN_MODEL_FIX})${requestId}`,
  });
}

/** The bytes as a Blob takes them (copied only when they sit in a SharedArrayBuffer). */
function blobPart(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

/** Qwen3-ASR on Baseten: batch over the deployment's `…/sync/v1` routes, streaming over its `/websocket`. */
export class BasetenQwen3ASRModel implements TranscriptionModelV4 {
  readonly specificationVersion = 'v4';
  /** Set once the deployment answered the upload route with 404 (the older chat-route preset). */
  private hasChatRouteOnly = false;

  constructor(
    readonly modelId: 'qwen3-asr',
    private readonly config: BasetenQwen3ASRConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  async doGenerate(
    options: TranscriptionModelV4CallOptions,
  ): Promise<TranscriptionModelV4Result> {
    if (this.config.endpoints.named === 'websocket')
      return this.throughSocket(options);
    const request = await this.prepare(options);
    const audio =
      typeof options.audio === 'string'
        ? convertBase64ToUint8Array(options.audio)
        : options.audio;
    const route = request.options.batchRoute ?? 'auto';
    const viaChat = () =>
      this.viaChat(
        `data:${options.mediaType};base64,${convertUint8ArrayToBase64(audio)}`,
        request,
      );
    if (route === 'chat' || (route === 'auto' && this.hasChatRouteOnly))
      return viaChat();
    try {
      return await this.viaUpload(audio, options.mediaType, request);
    } catch (error) {
      if (route !== 'auto' || !isMissingRoute(error)) throw error;
      this.hasChatRouteOnly = true;
      return viaChat();
    }
  }

  /**
   * Batch with a `…/websocket` modelURL: the whole recording through the streaming socket (as
   * LiveKit does), sent as fast as the socket takes it; the result is the stream's finish.
   */
  private async throughSocket(
    options: TranscriptionModelV4CallOptions,
  ): Promise<TranscriptionModelV4Result> {
    const bytes =
      typeof options.audio === 'string'
        ? convertBase64ToUint8Array(options.audio)
        : options.audio;
    const wav = wavSamples(bytes);
    const pcmType = /^audio\/(pcm|l16)\b/i.test(options.mediaType);
    if (wav === undefined && !pcmType) {
      throw new InvalidArgumentError({
        argument: 'audio',
        message: `Qwen3-ASR's streaming socket takes 16-bit PCM: give a 16-bit PCM WAV file or raw audio/pcm (16 kHz), not ${options.mediaType}; or use the deployment's …/sync/v1 URL, whose upload route decodes other formats.`,
      });
    }
    const result = await this.doStream({
      audio: new ReadableStream({
        start: controller => {
          controller.enqueue(wav?.pcm ?? bytes);
          controller.close();
        },
      }),
      inputAudioFormat: {
        type: 'audio/pcm',
        rate: wav?.sampleRate ?? QWEN3_ASR_SAMPLE_RATE,
      },
      ...(options.providerOptions !== undefined
        ? { providerOptions: options.providerOptions }
        : {}),
      ...(options.headers !== undefined ? { headers: options.headers } : {}),
      ...(options.abortSignal !== undefined
        ? { abortSignal: options.abortSignal }
        : {}),
    });
    let warnings: SharedV4Warning[] = [];
    let headers: Record<string, string> | undefined;
    const reader = result.stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (value.type === 'stream-start') warnings = value.warnings;
        else if (value.type === 'response-metadata') headers = value.headers;
        else if (value.type === 'error') throw value.error;
        else if (value.type === 'finish') {
          return {
            text: value.text,
            segments: value.segments,
            language: value.language,
            durationInSeconds: value.durationInSeconds,
            warnings,
            request: { body: JSON.stringify(result.request?.body) },
            response: {
              timestamp: result.response?.timestamp ?? new Date(),
              modelId: this.modelId,
              ...(headers !== undefined ? { headers } : {}),
            },
            ...(value.providerMetadata !== undefined
              ? { providerMetadata: value.providerMetadata }
              : {}),
          };
        }
      }
    } finally {
      void reader.cancel().catch(() => {});
    }
    throw new APICallError({
      message: `The Qwen3-ASR stream at ${this.config.endpoints.webSocketURL} ended without a transcript.`,
      url: this.config.endpoints.webSocketURL,
      requestBodyValues: result.request?.body,
      isRetryable: true,
    });
  }

  /** The chat route takes the URL as is: the deployment downloads it, the client never does. */
  async doGenerateFromUrl(
    options: GenerateOptions & { audio: URL },
  ): Promise<TranscriptionModelV4Result | undefined> {
    if (
      options.audio.protocol !== 'https:' &&
      options.audio.protocol !== 'http:'
    )
      return undefined;
    // the streaming socket takes samples: the AI SDK downloads the file first
    if (this.config.endpoints.named === 'websocket') return undefined;
    const request = await this.prepare(options);
    // forcing the upload route means uploading the bytes: the AI SDK downloads them
    if (request.options.batchRoute === 'transcriptions') return undefined;
    return this.viaChat(options.audio.href, request);
  }

  /** Streaming over the deployment's `…/websocket` (Qwen3-ASR's v1 streaming protocol). */
  async doStream(
    options: TranscriptionModelV4StreamOptions,
  ): Promise<TranscriptionModelV4StreamResult> {
    const warnings: SharedV4Warning[] = [];
    const parsed = await cancelInputOnFailure(options.audio, () =>
      parseDeploymentOptions(
        options.providerOptions,
        QWEN3_ASR_OPTIONS,
        warnings,
      ),
    );
    return streamQwen3Transcription({
      config: this.config,
      modelId: this.modelId,
      options: parsed,
      warnings,
      call: options,
    });
  }

  private async prepare(call: GenerateOptions): Promise<BatchRequest> {
    const timestamp = this.config.currentDate?.() ?? new Date();
    const warnings: SharedV4Warning[] = [];
    const options = await parseDeploymentOptions(
      call.providerOptions,
      QWEN3_ASR_OPTIONS,
      warnings,
    );
    const language = languageOf(options);
    timingWarnings(call.timestampGranularities, warnings);
    for (const name of QWEN3_ASR_STREAMING_OPTIONS) {
      if (options[name] === undefined) continue;
      warnings.push({
        type: 'unsupported',
        feature: `providerOptions.baseten.${name}`,
        details:
          'It applies to Qwen3-ASR streaming transcription only; it was not sent.',
      });
    }
    return { options, language, warnings, call, timestamp };
  }

  /** The Model Library "Deploy Batch" route: an OpenAI-style multipart upload. */
  private async viaUpload(
    audio: Uint8Array,
    mediaType: string,
    request: BatchRequest,
  ): Promise<TranscriptionModelV4Result> {
    const { options, language, call } = request;
    const url = `${this.config.endpoints.syncV1URL}/${QWEN3_TRANSCRIPTIONS_PATH}`;
    const formData = new FormData();
    formData.append(
      'file',
      new Blob([blobPart(audio)], { type: mediaType }),
      `audio.${mediaTypeToExtension(mediaType)}`,
    );
    const fields = {
      model: options.servedModelName,
      language,
      prompt: options.prompt,
    };
    for (const [name, value] of Object.entries(fields))
      if (value !== undefined) formData.append(name, value);
    const answer = await this.send(() =>
      postFormToDeployment(this.config, {
        url,
        formData,
        successfulResponseHandler: jsonBytesResponseHandler(undefined),
        headers: call.headers,
        abortSignal: call.abortSignal,
      }),
    );
    const schema = getQwen3Schemas().transcription;
    const parsed = schema.safeParse(answer.value);
    if (!parsed.success) {
      throw this.invalid(
        unexpectedResponseError(
          answer.value,
          `the upload to ${url}`,
          'a transcription ({"text": …})',
          parsed.error,
        ),
      );
    }
    const { text, usage } = parsed.data;
    return this.result(request, answer, {
      route: 'transcriptions',
      text: text.trim(),
      language,
      durationInSeconds: usage?.type === 'duration' ? usage.seconds : undefined,
      requestBody: {
        file: `[${audio.byteLength} bytes of ${mediaType}]`,
        ...fields,
      },
    });
  }

  /** The older preset's route: a chat completion with one `audio_url` part. */
  private async viaChat(
    audioURL: string,
    request: BatchRequest,
  ): Promise<TranscriptionModelV4Result> {
    const { options, language, call, warnings } = request;
    if (language !== undefined) {
      warnings.push({
        type: 'unsupported',
        feature: 'providerOptions.baseten.language',
        details:
          'The chat route has no language setting, so the model detected the language; the upload route (…/sync/v1/audio/transcriptions, byte input) forces it.',
      });
    }
    const url = `${this.config.endpoints.syncV1URL}/${QWEN3_CHAT_PATH}`;
    const audioPart = {
      type: 'audio_url',
      audio_url: { url: audioURL },
    } as const;
    const body: Qwen3ChatTranscriptionBody = {
      ...(options.servedModelName !== undefined
        ? { model: options.servedModelName }
        : {}),
      messages: [
        ...(options.prompt !== undefined && options.prompt !== ''
          ? [{ role: 'system', content: options.prompt } as const]
          : []),
        { role: 'user', content: [audioPart] },
      ],
    };
    const answer = await this.send(() =>
      postToDeployment(this.config, {
        url,
        body,
        successfulResponseHandler: jsonBytesResponseHandler(undefined),
        headers: call.headers,
        abortSignal: call.abortSignal,
      }),
    );
    const parsed = getQwen3Schemas().chat.safeParse(answer.value);
    if (!parsed.success) {
      throw this.invalid(
        unexpectedResponseError(
          answer.value,
          `the chat completion at ${url}`,
          'a chat completion with the transcript',
          parsed.error,
        ),
      );
    }
    const { languageName, text } = splitAsrOutput(
      parsed.data.choices[0].message.content ?? '',
    );
    const usage = parsed.data.usage;
    const shownURL = audioURL.startsWith('data:')
      ? `[data: URI, ${audioURL.length} characters]`
      : audioURL;
    return this.result(request, answer, {
      route: 'chat',
      text,
      language:
        languageName !== undefined
          ? qwen3LanguageCode(languageName)
          : undefined,
      languageName,
      usage:
        usage != null
          ? {
              ...(usage.prompt_tokens != null
                ? { promptTokens: usage.prompt_tokens }
                : {}),
              ...(usage.completion_tokens != null
                ? { completionTokens: usage.completion_tokens }
                : {}),
            }
          : undefined,
      requestBody: {
        ...body,
        messages: body.messages.map(message =>
          message.role === 'user'
            ? {
                ...message,
                content: [{ ...audioPart, audio_url: { url: shownURL } }],
              }
            : message,
        ),
      },
    });
  }

  private async send<T>(
    post: () => Promise<DeploymentAnswer<T>>,
  ): Promise<DeploymentAnswer<T>> {
    try {
      return await post();
    } catch (error) {
      throw explainUnknownModel(error);
    }
  }

  private invalid(error: Error): Error {
    return redactApiKey(error, this.config.apiKey());
  }

  private result(
    request: BatchRequest,
    answer: DeploymentAnswer<unknown>,
    found: {
      route: 'transcriptions' | 'chat';
      text: string;
      language?: string;
      languageName?: string;
      durationInSeconds?: number;
      usage?: JSONObject;
      requestBody: unknown;
    },
  ): TranscriptionModelV4Result {
    const metadata: JSONObject = {
      route: found.route,
      ...(found.languageName !== undefined
        ? { languageName: found.languageName }
        : {}),
      ...(found.usage !== undefined ? { usage: found.usage } : {}),
      ...answer.responseMetadata,
    };
    return {
      text: found.text,
      segments: [],
      language: found.language,
      durationInSeconds: found.durationInSeconds,
      warnings: request.warnings,
      request: { body: JSON.stringify(found.requestBody) },
      response: {
        timestamp: request.timestamp,
        modelId: this.modelId,
        headers: answer.responseHeaders,
        body: answer.value,
      },
      providerMetadata: { baseten: metadata },
    };
  }
}
