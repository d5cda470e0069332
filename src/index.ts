export { createBaseten, baseten } from './baseten-provider';
export { basetenModelURL } from './baseten-url';
export type { BasetenModelURLOptions, BasetenURLEndpoint } from './baseten-url';
export { wakeDeployment } from './baseten-wake-deployment';
export type { WakeDeploymentOptions } from './baseten-wake-deployment';
export type {
  BasetenWakeOptions,
  BasetenWakeResult,
} from './deployment/baseten-wake';
export type { BasetenDecisionModelId } from './decision/baseten-decision-options';
export type { BasetenDecisionAnswerMetadata } from './decision/baseten-decision-answers';
export type {
  BasetenClassifier,
  BasetenClassifyResult,
  BasetenClassifyTokensResult,
  BasetenLabelScore,
  BasetenTokenEntity,
} from './classification/baseten-classifier';
export type {
  BasetenAggregationStrategy,
  BasetenClassificationOptions,
  BasetenClassifierModelId,
  BasetenTokenClassificationOptions,
} from './classification/baseten-classification-options';
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
  BasetenAsyncCancelResult,
  BasetenAsyncEnqueueResult,
  BasetenAsyncError,
  BasetenAsyncInference,
  BasetenAsyncInferenceSettings,
  BasetenAsyncQueueStatusResult,
  BasetenAsyncRequestStatus,
  BasetenAsyncRequestStatusResult,
  BasetenAsyncWebhookStatus,
} from './async/baseten-async-inference';
export type {
  BasetenAsyncCallOptions,
  BasetenAsyncEnqueueOptions,
  BasetenAsyncInferenceRetryConfig,
} from './async/baseten-async-options';
/** Verifies a Baseten async webhook's signature and replay window; resolves to its typed payload. */
export {
  BasetenWebhookError,
  verifyBasetenWebhook,
} from './async/baseten-webhook';
export type {
  BasetenWebhookErrorReason,
  BasetenWebhookHeaders,
  BasetenWebhookPayload,
  VerifyBasetenWebhookOptions,
} from './async/baseten-webhook';
export type {
  BasetenAvailableModels,
  BasetenAvailableModelsOptions,
  BasetenModelEntry,
} from './catalog/baseten-available-models';
export type { BasetenCatalogWireEntry } from './catalog/baseten-catalog-api';
export type { BasetenResponseMetadata } from './baseten-response-metadata';
export { VERSION } from './version';
