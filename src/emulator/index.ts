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
} from './emulator-faults';
export { FAULT_HEADER } from './emulator-faults';
export type {
  EmulatorAsyncOptions,
  EmulatorAsyncQueue,
  EmulatorAsyncRequest,
} from './emulator-async-queue';
export type { EmulatorProtocol } from './emulator-listener';
export { EMULATOR_MODEL_APIS_CATALOG } from './emulator-catalog';
export type {
  EmulatorCatalogModel,
  EmulatorChunkFraming,
  EmulatorReasoningMode,
  EmulatorToolCallDeltas,
  EmulatorToolCallIds,
} from './emulator-catalog';
export { EMULATOR_HABIT_TABLE } from './emulator-model-habits';
export type {
  EmulatorFinishPlacement,
  EmulatorHabitRow,
  EmulatorHeaderSet,
  EmulatorModelHabits,
} from './emulator-model-habits';
export { EMULATOR_ENGINES } from './emulator-deployment-engines';
export type { EmulatorEngine } from './emulator-deployment-engines';
export type { EmulatorWebSocketLog } from './emulator-voice-websocket';
export {
  EMULATOR_WORDS,
  emulatorSpeechPCM,
  emulatorSpeechWAV,
} from './emulator-voice-audio';
export type {
  EmulatorVoiceDeployment,
  EmulatorVoiceDeployments,
  EmulatorVoiceProtocol,
} from './emulator-voice-deployments';
export { qwen3SpeechPCM } from './emulator-voice-qwen3-audio';
