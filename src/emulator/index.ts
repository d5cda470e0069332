export { startBasetenEmulator } from './baseten-emulator';
export type {
  BasetenEmulator,
  BasetenEmulatorOptions,
  EmulatorRequest,
} from './baseten-emulator';
export type {
  EmulatorFault,
  EmulatorFaultMatch,
  EmulatorFaultQueue,
} from './faults/emulator-faults';
export { FAULT_HEADER } from './faults/emulator-faults';
export type {
  EmulatorAsyncOptions,
  EmulatorAsyncQueue,
  EmulatorAsyncRequest,
} from './async/emulator-async-queue';
export type { EmulatorProtocol } from './edge/emulator-listener';
export { EMULATOR_MODEL_APIS_CATALOG } from './model-apis/emulator-catalog';
export type {
  EmulatorCatalogModel,
  EmulatorChunkFraming,
  EmulatorReasoningMode,
  EmulatorToolCallDeltas,
  EmulatorToolCallIds,
} from './model-apis/emulator-catalog';
export { EMULATOR_HABIT_TABLE } from './model-apis/emulator-model-habits';
export type {
  EmulatorFinishPlacement,
  EmulatorHabitRow,
  EmulatorHeaderSet,
  EmulatorModelHabits,
} from './model-apis/emulator-model-habits';
export { EMULATOR_ENGINES } from './deployments/emulator-deployment-engines';
export type { EmulatorEngine } from './deployments/emulator-deployment-engines';
export type { EmulatorWebSocketLog } from './voice/emulator-voice-websocket';
export {
  EMULATOR_WORDS,
  emulatorSpeechPCM,
  emulatorSpeechWAV,
} from './voice/emulator-voice-audio';
export type {
  EmulatorVoiceDeployment,
  EmulatorVoiceDeployments,
  EmulatorVoiceProtocol,
} from './voice/emulator-voice-deployments';
export { qwen3SpeechPCM } from './voice/emulator-voice-qwen3-audio';
