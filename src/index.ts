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
} from './embedding/baseten-embedding-options';
export type {
  BasetenRerankingModelId,
  BasetenRerankingProviderOptions,
} from './reranking/baseten-reranking-options';
export type { BasetenPerformanceClientSetting } from './transport/baseten-transport-selection';
export type {
  PerformanceClientConstructor,
  PerformanceClientInstance,
} from './transport/baseten-native-client';
export type { BasetenErrorData } from './baseten-error';
export { VERSION } from './version';
