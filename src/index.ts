export { createBaseten, baseten } from './baseten-provider';
export { basetenModelURL } from './baseten-url';
export type { BasetenModelURLOptions } from './baseten-url';
export type {
  BasetenProvider,
  BasetenProviderSettings,
} from './baseten-provider';
export type {
  BasetenChatModelId,
  BasetenChatProviderOptions,
  BasetenReasoningEffort,
} from './chat/baseten-chat-options';
export type {
  BasetenEmbeddingModelId,
  BasetenEmbeddingProviderOptions,
  /** `@ai-sdk/baseten`'s name for `BasetenEmbeddingProviderOptions`. */
  BasetenEmbeddingProviderOptions as BasetenEmbeddingModelOptions,
} from './embedding/baseten-embedding-options';
export type {
  BasetenRerankingModelId,
  BasetenRerankingProviderOptions,
} from './reranking/baseten-reranking-options';
export type {
  BasetenSpeechModelId,
  BasetenSpeechProviderOptions,
  BasetenSpeechVoice,
} from './speech/baseten-speech-options';
export type {
  BasetenTranscriptionModelId,
  BasetenTranscriptionProviderOptions,
} from './transcription/baseten-transcription-options';
export type {
  /** `providerOptions.baseten` of `transcriptionModel('qwen3-asr')`. */
  BasetenQwen3ASRProviderOptions,
} from './transcription/baseten-qwen3-asr-options';
export type {
  /** `providerOptions.baseten` of `speechModel('qwen3-tts')`. */
  BasetenQwen3TTSProviderOptions,
} from './speech/baseten-qwen3-tts-options';
export type { BasetenPerformanceClientSetting } from './transport/baseten-transport-selection';
export type {
  PerformanceClientConstructor,
  PerformanceClientInstance,
  /** `@ai-sdk/baseten`'s name for `PerformanceClientConstructor`. */
  PerformanceClientConstructor as BasetenPerformanceClientConstructor,
  /** `@ai-sdk/baseten`'s name for `PerformanceClientInstance`. */
  PerformanceClientInstance as BasetenPerformanceClient,
} from './transport/baseten-native-client';
export type { BasetenErrorData } from './baseten-error';
export type {
  BasetenAvailableModels,
  BasetenAvailableModelsOptions,
  BasetenModelEntry,
} from './catalog/baseten-available-models';
export type { BasetenCatalogWireEntry } from './catalog/baseten-catalog-api';
export type { BasetenResponseMetadata } from './baseten-response-metadata';
export { VERSION } from './version';
