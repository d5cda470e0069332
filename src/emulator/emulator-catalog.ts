import {
  BASETEN_CATALOG_CURRENT,
  BASETEN_CATALOG_EARLIER,
  type BasetenCatalogEntry,
} from '../catalog/baseten-catalog-snapshot';

/** When a Model APIs model emits `reasoning_content`. */
export type EmulatorReasoningMode = 'default-on' | 'opt-in';

/** Tool-call ids: `chatcmpl-tool-` + 32 hex, or Kimi's `functions.NAME:INDEX`. */
export type EmulatorToolCallIds = 'chatcmpl-tool' | 'kimi';

/**
 * How a model streams one tool call: `same-id` (every delta repeats the id,
 * later deltas `name: ""`), `fresh-id` (every delta a new id, as GLM 5 and
 * MiniMax M2.5 do) or `whole-call` (the whole call in one delta, as DeepSeek V3.1 does).
 */
export type EmulatorToolCallDeltas = 'same-id' | 'fresh-id' | 'whole-call';

/** A model the emulated Model APIs serve, with the wire habits recorded for it. */
export interface EmulatorCatalogModel {
  readonly id: string;
  /**
   * `default-on`: reasons unless `reasoning_effort: 'none'`; `opt-in`: only
   * with `chat_template_args.enable_thinking`.
   */
  readonly reasoning: EmulatorReasoningMode;
  readonly contextLength: number;
  /** `['text']`, or `['text', 'image']` for models that take image parts. */
  readonly inputModalities: readonly string[];
  /** Listed at `GET /v1/models` (the current catalog); other slugs answer chat only. */
  readonly listed: boolean;
  readonly toolCallIds: EmulatorToolCallIds;
  readonly toolCallDeltas: EmulatorToolCallDeltas;
  /** Kimi K2 Thinking: parallel calls of one tool share the id `functions.NAME:0`. */
  readonly repeatsParallelToolCallIds: boolean;
  /** GLM 5.1 / 5.2: a stop-sequence stream ends on the finish chunk, with no usage-only chunk. */
  readonly stopStreamWithoutUsageChunk: boolean;
  /** GLM 5: JSON mode answers carry no `finish_reason` at all. */
  readonly jsonModeWithoutFinishReason: boolean;
  /** GLM 5.2: an integer `stop_reason` next to `finish_reason`. */
  readonly integerStopReason: boolean;
  /** MiniMax M2.5, Kimi K2 Thinking, GLM 4.6: `reasoning` repeats `reasoning_content`. */
  readonly copiesReasoning: boolean;
  /** The current catalog's models refuse a `json_schema` with an empty `name`. */
  readonly requiresSchemaName: boolean;
  /** GLM 4.6 may answer `tool_choice: "required"` with text, no call; the emulator always does. */
  readonly ignoresRequiredToolChoice: boolean;
  /** DeepSeek V4 Pro: one more (empty) text chunk after the finish chunk, with `usage: null`. */
  readonly chunkAfterFinish: boolean;
}

// Reasoning defaults recorded on the live API; other slugs reason by default
// when their catalog entry lists the `reasoning` feature.
const REASONING_DEFAULTS: Record<string, EmulatorReasoningMode> = {
  'deepseek-ai/DeepSeek-V4-Pro': 'default-on',
  'openai/gpt-oss-120b': 'default-on',
  'zai-org/GLM-4.6': 'default-on',
  'zai-org/GLM-5.1': 'default-on',
  'MiniMaxAI/MiniMax-M2.5': 'default-on',
  'moonshotai/Kimi-K2-Thinking': 'default-on',
  'deepseek-ai/DeepSeek-V3-0324': 'opt-in',
  'deepseek-ai/DeepSeek-V3.1': 'opt-in',
  'moonshotai/Kimi-K2-Instruct-0905': 'opt-in',
  'moonshotai/Kimi-K2.5': 'opt-in',
  'zai-org/GLM-4.7': 'opt-in',
  'zai-org/GLM-5': 'opt-in',
};

/** Slugs the live recordings show that no listing has: served for chat, text only. */
const RECORDED_ONLY: readonly { id: string; contextLength: number }[] = [
  { id: 'moonshotai/Kimi-K2-Thinking', contextLength: 262144 },
  { id: 'moonshotai/Kimi-K2-Instruct-0905', contextLength: 262144 },
  { id: 'deepseek-ai/DeepSeek-V3-0324', contextLength: 163840 },
  { id: 'zai-org/GLM-4.6', contextLength: 200000 },
  { id: 'zai-org/GLM-5.1', contextLength: 202752 },
];

function profile(
  id: string,
  contextLength: number,
  inputModalities: readonly string[],
  features: readonly string[],
  listed: boolean,
): EmulatorCatalogModel {
  return {
    id,
    reasoning:
      REASONING_DEFAULTS[id] ??
      (features.includes('reasoning') ? 'default-on' : 'opt-in'),
    contextLength,
    inputModalities,
    listed,
    toolCallIds: id.startsWith('moonshotai/') ? 'kimi' : 'chatcmpl-tool',
    toolCallDeltas:
      id === 'zai-org/GLM-5' || id.startsWith('MiniMaxAI/')
        ? 'fresh-id'
        : id === 'deepseek-ai/DeepSeek-V3.1'
          ? 'whole-call'
          : 'same-id',
    repeatsParallelToolCallIds: id === 'moonshotai/Kimi-K2-Thinking',
    stopStreamWithoutUsageChunk: /^zai-org\/GLM-5\.[12]\b/.test(id),
    jsonModeWithoutFinishReason: id === 'zai-org/GLM-5',
    integerStopReason: id.startsWith('zai-org/GLM-5.2'),
    copiesReasoning: [
      'MiniMaxAI/MiniMax-M2.5',
      'moonshotai/Kimi-K2-Thinking',
      'zai-org/GLM-4.6',
    ].includes(id),
    requiresSchemaName: listed,
    ignoresRequiredToolChoice: id === 'zai-org/GLM-4.6',
    chunkAfterFinish: id === 'deepseek-ai/DeepSeek-V4-Pro',
  };
}

function fromEntry(
  entry: BasetenCatalogEntry,
  listed: boolean,
): EmulatorCatalogModel {
  return profile(
    entry.id,
    entry.context_length,
    entry.input_modalities,
    entry.supported_features,
    listed,
  );
}

const currentIds = new Set<string>(
  BASETEN_CATALOG_CURRENT.map(entry => entry.id),
);

/**
 * The Model APIs slugs the emulator serves for chat: the current catalog
 * (listed at `GET /v1/models`), then the earlier listing's and the recorded
 * slugs that have left it (chat only, as users may still name them).
 */
export const EMULATOR_MODEL_APIS_CATALOG: readonly EmulatorCatalogModel[] = [
  ...BASETEN_CATALOG_CURRENT.map(entry => fromEntry(entry, true)),
  ...BASETEN_CATALOG_EARLIER.filter(entry => !currentIds.has(entry.id)).map(
    entry => fromEntry(entry, false),
  ),
  ...RECORDED_ONLY.map(model =>
    profile(model.id, model.contextLength, ['text'], [], false),
  ),
];

export function findCatalogModel(
  id: unknown,
): EmulatorCatalogModel | undefined {
  return EMULATOR_MODEL_APIS_CATALOG.find(model => model.id === id);
}
