import {
  LoadAPIKeyError,
  NoSuchModelError,
  type EmbeddingModelV4,
  type Experimental_DecisionModelV4 as DecisionModelV4,
  type ImageModelV4,
  type LanguageModelV4,
  type ProviderV4,
  type RerankingModelV4,
  type Experimental_StreamingSpeechModelV4 as StreamingSpeechModelV4,
  type TranscriptionModelV4,
} from '@ai-sdk/provider';
import {
  loadApiKey,
  loadOptionalSetting,
  type FetchFunction,
  type WebSocketConstructor,
} from '@ai-sdk/provider-utils';
import {
  createAsyncInference,
  type BasetenAsyncInference,
  type BasetenAsyncInferenceSettings,
} from './async/baseten-async-inference';
import { basetenErrorStructure } from './baseten-error';
import { createBasetenFetch } from './baseten-fetch';
import { checkedPlaintext } from './baseten-plaintext';
import {
  resolveChatBaseURL,
  resolveClassificationEndpoints,
  resolveDecisionURL,
  resolveDeploymentEndpoints,
  resolveModelAPIsBaseURL,
  resolveQwen3ASREndpoints,
  resolveVoiceEndpoints,
  resolveWakeURL,
} from './baseten-url';
import {
  fetchAvailableModels,
  type BasetenAvailableModels,
  type BasetenAvailableModelsOptions,
} from './catalog/baseten-available-models';
import { BASETEN_SUPPORTED_URLS } from './catalog/baseten-image-urls';
import { findSnapshotEntry } from './catalog/baseten-model-capabilities';
import { BasetenChatLanguageModel } from './chat/baseten-chat-language-model';
import {
  createClassifier,
  type BasetenClassifier,
} from './classification/baseten-classifier';
import type { BasetenClassifierModelId } from './classification/baseten-classification-options';
import { BasetenDecisionModel } from './decision/baseten-decision-model';
import {
  DEFAULT_DECISION_MODEL_ID,
  type BasetenDecisionModelId,
} from './decision/baseten-decision-options';
import type { BasetenDeploymentConfig } from './deployment/baseten-deployment-config';
import {
  wakeAt,
  type BasetenWakeOptions,
  type BasetenWakeResult,
} from './deployment/baseten-wake';
import type { BasetenChatModelId } from './chat/baseten-chat-options';
import { BasetenEmbeddingModel } from './embedding/baseten-embedding-model';
import type { BasetenEmbeddingModelId } from './embedding/baseten-embedding-options';
import { BasetenRerankingModel } from './reranking/baseten-reranking-model';
import type { BasetenRerankingModelId } from './reranking/baseten-reranking-options';
import {
  preloadPerformanceClient,
  type BasetenPerformanceClientSetting,
} from './transport/baseten-transport-selection';
import {
  SPEECH_MODEL_IDS,
  TRANSCRIPTION_MODEL_IDS,
  voiceModelFamily,
} from './deployment/baseten-voice-model-id';
import { BasetenQwen3SpeechModel } from './speech/baseten-qwen3-speech-model';
import { BasetenSpeechModel } from './speech/baseten-speech-model';
import type { BasetenSpeechModelId } from './speech/baseten-speech-options';
import { BasetenQwen3ASRModel } from './transcription/baseten-qwen3-asr-model';
import { BasetenTranscriptionModel } from './transcription/baseten-transcription-model';
import type { BasetenTranscriptionModelId } from './transcription/baseten-transcription-options';

/** Settings of `createBaseten`. */
export interface BasetenProviderSettings {
  /** Baseten API key; defaults to the `BASETEN_API_KEY` environment variable. */
  apiKey?: string;
  /**
   * Model APIs base URL; defaults to the `BASETEN_BASE_URL` environment
   * variable, else `https://inference.baseten.co/v1`.
   */
  baseURL?: string;
  /**
   * A dedicated deployment's URL: `…/sync/v1` or `…/sync` for chat, embeddings
   * and reranking; `…/predict` or `…/websocket` for voice models.
   */
  modelURL?: string;
  /**
   * The System One endpoint of decision models; defaults to `${baseURL}/systemone`
   * (Baseten's pages do not name the path; set this if Baseten documents another).
   */
  decisionURL?: string;
  /** Extra headers sent with every request (they win over the defaults). */
  headers?: Record<string, string>;
  /** A custom fetch implementation (e.g. for proxies or tests). */
  fetch?: FetchFunction;
  /**
   * Baseten's native performance client for embeddings and reranking: its
   * `PerformanceClient` class (as `@ai-sdk/baseten` takes it), `true` to
   * require it, `false` for HTTP only; unset, it is used when installed and
   * the call needs nothing it cannot do.
   */
  performanceClient?: BasetenPerformanceClientSetting;
  /**
   * The WebSocket implementation of streaming voice models. The runtime's own
   * `WebSocket` (Node 22, Bun, Deno) is called as `new WebSocket(url, { headers })`,
   * any other class as the `ws` package is, `new WebSocket(url, protocols, { headers })`.
   * Unset, Node, Bun and Deno use the `ws` package when installed, else their
   * own WebSocket; workerd, edge runtimes and browsers cannot send the key.
   */
  webSocket?: WebSocketConstructor;
  /**
   * Allows plaintext `http://` and `ws://` URLs to hosts other than this
   * machine: the API key then travels unencrypted. Unset, plaintext goes only
   * to loopback (localhost, 127.0.0.1, ::1), for every model kind.
   * @default false
   */
  allowInsecureHttp?: boolean;
}

/** The Baseten provider: callable for a chat model, with one method per model kind. */
export interface BasetenProvider extends ProviderV4 {
  (modelId?: BasetenChatModelId): LanguageModelV4;
  /** A chat model on Model APIs, or on `modelURL` when it is set. */
  chatModel(modelId?: BasetenChatModelId): LanguageModelV4;
  /** Same as `chatModel`. */
  languageModel(modelId?: BasetenChatModelId): LanguageModelV4;
  /** Embeddings from the dedicated deployment at `modelURL` (`…/sync` or `…/sync/v1`). */
  embeddingModel(modelId?: BasetenEmbeddingModelId): EmbeddingModelV4;
  /** @deprecated Use `embeddingModel`. */
  textEmbeddingModel(modelId?: BasetenEmbeddingModelId): EmbeddingModelV4;
  /** Reranking on the Baseten Embeddings Inference reranker at `modelURL` (`…/sync` or `…/sync/v1`). */
  rerankingModel(modelId?: BasetenRerankingModelId): RerankingModelV4;
  /** Same as `rerankingModel`. */
  reranking(modelId?: BasetenRerankingModelId): RerankingModelV4;
  /**
   * Speech-to-text on the deployment at `modelURL`: `'whisper'` (default;
   * `…/predict` or `…/websocket`) or `'qwen3-asr'` (`…/sync/v1` or `…/websocket`).
   */
  transcriptionModel(
    modelId?: BasetenTranscriptionModelId,
  ): TranscriptionModelV4;
  /** Same as `transcriptionModel`. */
  transcription(modelId?: BasetenTranscriptionModelId): TranscriptionModelV4;
  /**
   * Text-to-speech on the deployment at `modelURL` (`…/predict` or
   * `…/websocket`): `'orpheus'` (default) or `'qwen3-tts'`.
   */
  speechModel(modelId?: BasetenSpeechModelId): StreamingSpeechModelV4;
  /** Same as `speechModel`. */
  speech(modelId?: BasetenSpeechModelId): StreamingSpeechModelV4;
  /**
   * Classification on the BEI deployment at `modelURL` (`…/sync`): `classify()` labels texts
   * (`/predict`), `classifyTokens()` finds entities (`/predict_tokens`, BEI-Bert). Create once and reuse.
   */
  classifier(modelId?: BasetenClassifierModelId): BasetenClassifier;
  /** A decision model on Model APIs (default `decision-models/laya`), for `experimental_decide`. */
  decisionModel(modelId?: BasetenDecisionModelId): DecisionModelV4;
  /**
   * Starts the scaled-to-zero deployment at `modelURL` (any of its URLs): `POST …/wake`,
   * resolved on Baseten's 202, before the deployment is ready.
   */
  wake(options?: BasetenWakeOptions): Promise<BasetenWakeResult>;
  /**
   * Async inference on the deployment or chain at `modelURL` (any of its URL forms): enqueue
   * with a webhook, status, cancel and queue status.
   */
  asyncInference(
    settings?: BasetenAsyncInferenceSettings,
  ): BasetenAsyncInference;
  /** Baseten serves no image models here: throws `NoSuchModelError`. */
  imageModel(modelId: string): ImageModelV4;
  /**
   * The Model APIs catalog (`GET ${baseURL}/models`): each model's slug, name,
   * limits, prices and capabilities.
   */
  getAvailableModels(
    options?: BasetenAvailableModelsOptions,
  ): Promise<BasetenAvailableModels>;
}

/** Model ID sent to a dedicated deployment when none is given. */
const DEDICATED_DEFAULT_MODEL_ID = 'placeholder';
/** Model ID sent for embeddings when none is given (BEI ignores it). */
const EMBEDDING_DEFAULT_MODEL_ID = 'embeddings';
/** Model ID of a reranker when none is given (a label only; not sent). */
const RERANKING_DEFAULT_MODEL_ID = 'reranker';
/** Model ID of a classifier when none is given (a label only; not sent). */
const CLASSIFIER_DEFAULT_MODEL_ID = 'classifier';

/** Creates a Baseten provider. */
export function createBaseten(
  settings: BasetenProviderSettings = {},
): BasetenProvider {
  const { allowInsecureHttp } = settings;
  let resolvedBaseURL: string | undefined;
  // the setting, else BASETEN_BASE_URL (read on first use, so the default
  // instance can be pointed elsewhere, e.g. at the emulator), else Model APIs
  const modelAPIsBaseURL = (): string => {
    const baseURL = settings.baseURL ?? basetenBaseURLFromEnvironment();
    resolvedBaseURL ??= checkedPlaintext(
      'baseURL',
      baseURL,
      resolveModelAPIsBaseURL(baseURL),
      allowInsecureHttp,
    );
    return resolvedBaseURL;
  };
  // a bad baseURL setting throws here, at once
  if (settings.baseURL !== undefined) modelAPIsBaseURL();
  const modelURL = (resolved: string) =>
    checkedPlaintext(
      'modelURL',
      settings.modelURL,
      resolved,
      allowInsecureHttp,
    );

  const getHeaders = (): Record<string, string> => ({
    Authorization: `Bearer ${loadBasetenApiKey(settings.apiKey)}`,
    ...settings.headers,
  });
  // For scrubbing errors; undefined when no key can be loaded.
  const currentApiKey = (): string | undefined => {
    try {
      return loadBasetenApiKey(settings.apiKey);
    } catch {
      return undefined;
    }
  };

  const fetch = createBasetenFetch(settings.fetch);

  const createChatModel = (modelId?: BasetenChatModelId): LanguageModelV4 => {
    const chatBaseURL =
      settings.modelURL !== undefined
        ? modelURL(resolveChatBaseURL(settings.modelURL))
        : modelAPIsBaseURL();
    if (settings.modelURL === undefined && !modelId) {
      throw new NoSuchModelError({
        modelId: String(modelId),
        modelType: 'languageModel',
        message:
          "A model ID is required for Baseten Model APIs, e.g. baseten('openai/gpt-oss-120b'). " +
          "For a dedicated deployment set the modelURL setting instead, e.g. createBaseten({ modelURL: 'https://model-abcd1234.api.baseten.co/environments/production/sync/v1' }).",
      });
    }
    return new BasetenChatLanguageModel(
      modelId || DEDICATED_DEFAULT_MODEL_ID,
      {
        provider: 'baseten.chat',
        url: ({ path }) => `${chatBaseURL}${path}`,
        headers: getHeaders,
        fetch,
        includeUsage: true,
        supportsStructuredOutputs: true,
        errorStructure: basetenErrorStructure,
        supportedUrls: () => BASETEN_SUPPORTED_URLS,
      },
      {
        apiKey: currentApiKey,
        // Capability warnings for Model APIs slugs only: a deployment is whatever it serves.
        catalogEntry:
          settings.modelURL === undefined && modelId
            ? findSnapshotEntry(modelId)
            : undefined,
        isModelAPIs: settings.modelURL === undefined,
      },
    );
  };

  const deploymentConfig = (provider: string): BasetenDeploymentConfig => ({
    provider,
    apiKey: () => loadBasetenApiKey(settings.apiKey),
    headers: settings.headers,
    // the user-agent suffix is in the request headers, so no fetch wrapper
    fetch: settings.fetch,
    performanceClient: settings.performanceClient,
  });

  const deploymentEndpoints = (purpose?: 'reranking') => {
    const endpoints = resolveDeploymentEndpoints(settings.modelURL, purpose);
    modelURL(endpoints.syncBaseURL);
    return endpoints;
  };

  // embeddings and reranking may use the native client: its import starts with the model
  const createEmbeddingModel = (
    modelId?: BasetenEmbeddingModelId,
  ): EmbeddingModelV4 => {
    const config = {
      ...deploymentConfig('baseten.embedding'),
      endpoints: deploymentEndpoints(),
    };
    const model = new BasetenEmbeddingModel(
      modelId || EMBEDDING_DEFAULT_MODEL_ID,
      config,
    );
    preloadPerformanceClient(config);
    return model;
  };

  const createRerankingModel = (
    modelId?: BasetenRerankingModelId,
  ): RerankingModelV4 => {
    const config = {
      ...deploymentConfig('baseten.reranking'),
      endpoints: deploymentEndpoints('reranking'),
    };
    const model = new BasetenRerankingModel(
      modelId || RERANKING_DEFAULT_MODEL_ID,
      config,
    );
    preloadPerformanceClient(config);
    return model;
  };

  // the model id picks the protocol family; the URL picks the deployment
  const createTranscriptionModel = (
    modelId?: BasetenTranscriptionModelId,
  ): TranscriptionModelV4 => {
    const family = voiceModelFamily(
      'transcriptionModel',
      TRANSCRIPTION_MODEL_IDS,
      modelId,
    );
    const config = {
      ...deploymentConfig('baseten.transcription'),
      webSocket: settings.webSocket,
    };
    return family === 'qwen3-asr'
      ? new BasetenQwen3ASRModel(family, {
          ...config,
          endpoints: resolveQwen3ASREndpoints(
            settings.modelURL,
            allowInsecureHttp,
          ),
        })
      : new BasetenTranscriptionModel(family, {
          ...config,
          endpoints: resolveVoiceEndpoints(
            settings.modelURL,
            'transcription',
            allowInsecureHttp,
          ),
        });
  };

  const createSpeechModel = (
    modelId?: BasetenSpeechModelId,
  ): StreamingSpeechModelV4 => {
    const family = voiceModelFamily('speechModel', SPEECH_MODEL_IDS, modelId);
    const config = {
      ...deploymentConfig('baseten.speech'),
      endpoints: resolveVoiceEndpoints(
        settings.modelURL,
        'speech',
        allowInsecureHttp,
      ),
      webSocket: settings.webSocket,
    };
    return family === 'qwen3-tts'
      ? new BasetenQwen3SpeechModel(family, config)
      : new BasetenSpeechModel(family, config);
  };

  const createClassifierFor = (
    modelId?: BasetenClassifierModelId,
  ): BasetenClassifier => {
    const config = {
      ...deploymentConfig('baseten.classifier'),
      endpoints: resolveClassificationEndpoints(settings.modelURL),
    };
    modelURL(config.endpoints.syncBaseURL);
    const classifier = createClassifier(
      modelId || CLASSIFIER_DEFAULT_MODEL_ID,
      config,
    );
    preloadPerformanceClient(config);
    return classifier;
  };

  const createDecisionModel = (
    modelId?: BasetenDecisionModelId,
  ): DecisionModelV4 =>
    new BasetenDecisionModel(modelId || DEFAULT_DECISION_MODEL_ID, {
      ...deploymentConfig('baseten.decision'),
      url: resolveDecisionURL(
        modelAPIsBaseURL,
        settings.decisionURL,
        allowInsecureHttp,
      ),
    });

  const provider = (modelId?: BasetenChatModelId) => createChatModel(modelId);
  provider.specificationVersion = 'v4' as const;
  provider.chatModel = createChatModel;
  provider.languageModel = createChatModel;
  provider.embeddingModel = createEmbeddingModel;
  provider.textEmbeddingModel = createEmbeddingModel;
  provider.rerankingModel = createRerankingModel;
  provider.reranking = createRerankingModel;
  provider.transcriptionModel = createTranscriptionModel;
  provider.transcription = createTranscriptionModel;
  provider.speechModel = createSpeechModel;
  provider.speech = createSpeechModel;
  provider.decisionModel = createDecisionModel;
  provider.classifier = createClassifierFor;
  provider.wake = async (options?: BasetenWakeOptions) =>
    wakeAt(
      deploymentConfig('baseten.wake'),
      resolveWakeURL(settings.modelURL, allowInsecureHttp),
      options,
    );
  provider.asyncInference = (asyncSettings?: BasetenAsyncInferenceSettings) =>
    createAsyncInference(
      deploymentConfig('baseten.async'),
      settings.modelURL,
      asyncSettings,
      allowInsecureHttp,
    );
  provider.imageModel = (modelId: string): ImageModelV4 => {
    throw new NoSuchModelError({ modelId, modelType: 'imageModel' });
  };
  provider.getAvailableModels = (options?: BasetenAvailableModelsOptions) =>
    fetchAvailableModels(
      {
        url: `${modelAPIsBaseURL()}/models`,
        headers: getHeaders,
        fetch,
        apiKey: currentApiKey,
      },
      options,
    );
  return provider;
}

/** `BASETEN_BASE_URL`, where the runtime has environment variables and it is set. */
function basetenBaseURLFromEnvironment(): string | undefined {
  const value = loadOptionalSetting({
    settingValue: undefined,
    environmentVariableName: 'BASETEN_BASE_URL',
  });
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

function loadBasetenApiKey(apiKey: string | undefined): string {
  const key = loadApiKey({
    apiKey,
    environmentVariableName: 'BASETEN_API_KEY',
    description: 'Baseten',
  });
  if (key.trim() === '') {
    throw new LoadAPIKeyError({
      message:
        'Baseten API key is empty. Pass a key using the apiKey setting or the BASETEN_API_KEY environment variable.',
    });
  }
  return key;
}

/** The default Baseten provider (key from `BASETEN_API_KEY`). */
export const baseten = createBaseten();
