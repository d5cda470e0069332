export { createBaseten, baseten } from './baseten-provider';
export type {
  BasetenProvider,
  BasetenProviderSettings,
} from './baseten-provider';
export type {
  BasetenChatModelId,
  BasetenChatProviderOptions,
  BasetenReasoningEffort,
} from './chat/baseten-chat-options';
export type { BasetenErrorData } from './baseten-error';
export { VERSION } from './version';
