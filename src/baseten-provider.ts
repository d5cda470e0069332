import {
  LoadAPIKeyError,
  NoSuchModelError,
  type EmbeddingModelV4,
  type ImageModelV4,
  type LanguageModelV4,
  type ProviderV4,
  type RerankingModelV4,
  type Experimental_StreamingSpeechModelV4 as StreamingSpeechModelV4,
  type TranscriptionModelV4,
} from '@ai-sdk/provider';
import {
  loadApiKey,
  type FetchFunction,
  type WebSocketConstructor,
} from '@ai-sdk/provider-utils';
import { basetenErrorStructure } from './baseten-error';
import { createBasetenFetch } from './baseten-fetch';
import {
  resolveChatBaseURL,
  resolveDeploymentEndpoints,
  resolveModelAPIsBaseURL,
  resolveQwen3ASREndpoints,
  resolveVoiceEndpoints,
} from './baseten-url';
import {
  fetchAvailableModels,
  type BasetenAvailableModels,
  type BasetenAvailableModelsOptions,
} from './catalog/baseten-available-models';
import { BASETEN_SUPPORTED_URLS } from './catalog/baseten-image-urls';
import { findSnapshotEntry } from './catalog/baseten-model-capabilities';
import { BasetenChatLanguageModel } from './chat/baseten-chat-language-model';
import type { BasetenDeploymentConfig } from './deployment/baseten-deployment-config';
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
  /** Model APIs base URL; defaults to `https://inference.baseten.co/v1`. */
  baseURL?: string;
  /**
   * A dedicated deployment's URL: `…/sync/v1` or `…/sync` for chat, embeddings
   * and reranking; `…/predict` or `…/websocket` for voice models.
   */
  modelURL?: string;
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
   * The WebSocket implementation of streaming voice models, called as
   * `new WebSocket(url, protocols, { headers })` (the `ws` package's form).
   * Unset, Node uses the `ws` package when installed, else its global
   * WebSocket; other runtimes need this setting to send the API key.
   */
  webSocket?: WebSocketConstructor;
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

/** Creates a Baseten provider. */
export function createBaseten(
  settings: BasetenProviderSettings = {},
): BasetenProvider {
  const modelAPIsBaseURL = resolveModelAPIsBaseURL(settings.baseURL);

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
        ? resolveChatBaseURL(settings.modelURL)
        : modelAPIsBaseURL;
    if (settings.modelURL === undefined && !modelId) {
      throw new NoSuchModelError({
        modelId: String(modelId),
        modelType: 'languageModel',
        message:
          "A model ID is required for Baseten Model APIs, e.g. baseten('openai/gpt-oss-120b'). " +
          'For a dedicated deployment set the modelURL setting instead.',
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

  // embeddings and reranking may use the native client: its import starts with the model
  const createEmbeddingModel = (
    modelId?: BasetenEmbeddingModelId,
  ): EmbeddingModelV4 => {
    const config = {
      ...deploymentConfig('baseten.embedding'),
      endpoints: resolveDeploymentEndpoints(settings.modelURL),
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
      endpoints: resolveDeploymentEndpoints(settings.modelURL, 'reranking'),
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
          endpoints: resolveQwen3ASREndpoints(settings.modelURL),
        })
      : new BasetenTranscriptionModel(family, {
          ...config,
          endpoints: resolveVoiceEndpoints(settings.modelURL, 'transcription'),
        });
  };

  const createSpeechModel = (
    modelId?: BasetenSpeechModelId,
  ): StreamingSpeechModelV4 => {
    const family = voiceModelFamily('speechModel', SPEECH_MODEL_IDS, modelId);
    const config = {
      ...deploymentConfig('baseten.speech'),
      endpoints: resolveVoiceEndpoints(settings.modelURL, 'speech'),
      webSocket: settings.webSocket,
    };
    return family === 'qwen3-tts'
      ? new BasetenQwen3SpeechModel(family, config)
      : new BasetenSpeechModel(family, config);
  };

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
  provider.imageModel = (modelId: string): ImageModelV4 => {
    throw new NoSuchModelError({ modelId, modelType: 'imageModel' });
  };
  provider.getAvailableModels = (options?: BasetenAvailableModelsOptions) =>
    fetchAvailableModels(
      {
        url: `${modelAPIsBaseURL}/models`,
        headers: getHeaders,
        fetch,
        apiKey: currentApiKey,
      },
      options,
    );
  return provider;
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
