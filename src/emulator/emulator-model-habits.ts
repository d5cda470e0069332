// Every per-model wire habit of the emulated Model APIs, in one table.
//
// Sources: the sections of shared/reference/baseten-real-wire.md (facts read
// from recordings of live https://inference.baseten.co traffic, February to
// June 2026, and the listings of 2026-04 and 2026-08-17), cited per row as
// `wire: <section>`; Baseten's docs where no recording exists (`docs: …`).
// A habit marked `assumed` has no recording behind it: it follows the newest
// recorded model of the same family.

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

/**
 * How chunks are framed: `repeating` (every delta repeats `role` and the
 * placeholders `tool_calls: []`, `function_call: null`, `refusal: null`; every
 * chunk and answer carries `service_tier` and `system_fingerprint`, both null),
 * or `lean` (GLM 5.2: `role` on the first delta only, no placeholders, no
 * `service_tier` / `system_fingerprint`, later tool-call deltas without `name`).
 */
export type EmulatorChunkFraming = 'repeating' | 'lean';

/** The wire habits of one Model APIs model. */
export interface EmulatorModelHabits {
  /** `default-on`: reasons unless `reasoning_effort: 'none'`; `opt-in`: only with `chat_template_args.enable_thinking`. */
  readonly reasoning?: EmulatorReasoningMode;
  readonly framing: EmulatorChunkFraming;
  readonly toolCallIds: EmulatorToolCallIds;
  readonly toolCallDeltas: EmulatorToolCallDeltas;
  /** Kimi K2 Thinking: parallel calls of one tool share the id `functions.NAME:0`. */
  readonly repeatsParallelToolCallIds: boolean;
  /** GLM 5.1 / 5.2: a stop-sequence stream ends on the finish chunk, with no usage-only chunk. */
  readonly stopStreamWithoutUsageChunk: boolean;
  /** GLM 5: JSON mode answers carry no `finish_reason` at all. */
  readonly jsonModeWithoutFinishReason: boolean;
  /** GLM 5.1 / 5.2: an integer `stop_reason` next to `finish_reason` (choice and finish chunk). */
  readonly integerStopReason: boolean;
  /** MiniMax M2.5, Kimi K2 Thinking, GLM 4.6: `reasoning` repeats `reasoning_content`. */
  readonly copiesReasoning: boolean;
  /** GLM 4.6 may answer `tool_choice: "required"` with text, no call; the emulator always does. */
  readonly ignoresRequiredToolChoice: boolean;
  /** DeepSeek V4 Pro: one more (empty) text chunk after the finish chunk, with `usage: null`. */
  readonly chunkAfterFinish: boolean;
  /**
   * Refuses a `json_schema` with an empty `name` (400, nested envelope). When
   * unset: the models of the current listing do, earlier ones do not.
   */
  readonly requiresSchemaName?: boolean;
}

/** One row of the table: the slugs it covers, what differs from the defaults, and where it comes from. */
export interface EmulatorHabitRow {
  readonly slugs: readonly string[];
  readonly habits: Partial<EmulatorModelHabits>;
  /** Where each habit of the row was read, one entry per habit. */
  readonly sources: readonly string[];
}

/** What every model does unless its row says otherwise. */
export const DEFAULT_HABITS: EmulatorModelHabits = {
  framing: 'repeating',
  toolCallIds: 'chatcmpl-tool',
  toolCallDeltas: 'same-id',
  repeatsParallelToolCallIds: false,
  stopStreamWithoutUsageChunk: false,
  jsonModeWithoutFinishReason: false,
  integerStopReason: false,
  copiesReasoning: false,
  ignoresRequiredToolChoice: false,
  chunkAfterFinish: false,
};

/** Sources of the defaults, for the README's table. */
export const DEFAULT_HABIT_SOURCES: readonly string[] = [
  'framing repeating: wire "Chunks"',
  'toolCallIds chatcmpl-tool, toolCallDeltas same-id: wire "Smaller details"',
  'requiresSchemaName on listed models: wire "Smaller details"',
];

const GLM_5_2_LEAN = {
  framing: 'lean',
  stopStreamWithoutUsageChunk: true,
  integerStopReason: true,
} as const satisfies Partial<EmulatorModelHabits>;

/** The per-model habits. A slug in no row has the defaults (and reasons by default when its listing says `reasoning`). */
export const EMULATOR_HABIT_TABLE: readonly EmulatorHabitRow[] = [
  {
    slugs: ['openai/gpt-oss-120b'],
    habits: { reasoning: 'default-on' },
    sources: ['reasoning default-on: wire "Smaller details"'],
  },
  {
    slugs: ['deepseek-ai/DeepSeek-V4-Pro'],
    habits: { reasoning: 'default-on', chunkAfterFinish: true },
    sources: [
      'reasoning default-on: wire "Smaller details"',
      'chunkAfterFinish: wire "Smaller details"',
    ],
  },
  {
    slugs: ['deepseek-ai/DeepSeek-V3.1'],
    habits: { reasoning: 'opt-in', toolCallDeltas: 'whole-call' },
    sources: [
      'reasoning opt-in: wire "Smaller details"',
      'toolCallDeltas whole-call: wire "Smaller details"',
    ],
  },
  {
    slugs: ['deepseek-ai/DeepSeek-V3-0324'],
    habits: { reasoning: 'opt-in' },
    sources: ['reasoning opt-in: wire "Smaller details"'],
  },
  {
    slugs: ['zai-org/GLM-4.6'],
    habits: {
      reasoning: 'default-on',
      copiesReasoning: true,
      ignoresRequiredToolChoice: true,
    },
    sources: [
      'reasoning default-on: wire "Smaller details"',
      'copiesReasoning: wire "Chunks"',
      'ignoresRequiredToolChoice: wire "Tool calls"',
    ],
  },
  {
    slugs: ['zai-org/GLM-4.7'],
    habits: { reasoning: 'opt-in' },
    sources: ['reasoning opt-in: wire "Smaller details"'],
  },
  {
    slugs: ['zai-org/GLM-5'],
    habits: {
      reasoning: 'opt-in',
      toolCallDeltas: 'fresh-id',
      jsonModeWithoutFinishReason: true,
    },
    sources: [
      'reasoning opt-in: wire "Smaller details"',
      'toolCallDeltas fresh-id: wire "Tool calls"',
      'jsonModeWithoutFinishReason: wire "Stream endings"',
    ],
  },
  {
    slugs: ['zai-org/GLM-5.1'],
    habits: {
      reasoning: 'default-on',
      stopStreamWithoutUsageChunk: true,
      integerStopReason: true,
    },
    sources: [
      'reasoning default-on: wire "Smaller details"',
      'stopStreamWithoutUsageChunk: wire "Stream endings"',
      'integerStopReason: issue 21 (GLM 5.1/5.2 recordings)',
    ],
  },
  {
    slugs: ['zai-org/GLM-5.2', 'zai-org/GLM-5.2-Fast'],
    habits: GLM_5_2_LEAN,
    sources: [
      'framing lean: issue 21 (GLM 5.2 recordings, the newest)',
      'stopStreamWithoutUsageChunk: wire "Stream endings"',
      'integerStopReason: wire "Chunks"',
      'GLM-5.2-Fast: assumed as GLM 5.2 (listed 2026-08-17, not recorded)',
    ],
  },
  {
    slugs: ['zai-org/GLM-5.3'],
    habits: {
      ...GLM_5_2_LEAN,
      reasoning: 'default-on',
      requiresSchemaName: true,
    },
    sources: [
      'slug: docs (GLM 5.3 on Model APIs; not in the 2026-08-17 listing, so not listed)',
      'reasoning default-on: docs (reasoning always on)',
      'framing, stop endings, stop_reason, schema name: assumed as GLM 5.2',
    ],
  },
  {
    slugs: ['MiniMaxAI/MiniMax-M2.5'],
    habits: {
      reasoning: 'default-on',
      toolCallDeltas: 'fresh-id',
      copiesReasoning: true,
    },
    sources: [
      'reasoning default-on: wire "Smaller details"',
      'toolCallDeltas fresh-id: wire "Tool calls"',
      'copiesReasoning: wire "Chunks"',
    ],
  },
  {
    slugs: ['moonshotai/Kimi-K2-Thinking'],
    habits: {
      reasoning: 'default-on',
      toolCallIds: 'kimi',
      repeatsParallelToolCallIds: true,
      copiesReasoning: true,
    },
    sources: [
      'reasoning default-on: wire "Smaller details"',
      'toolCallIds kimi: wire "Smaller details"',
      'repeatsParallelToolCallIds: wire "Tool calls"',
      'copiesReasoning: wire "Chunks"',
    ],
  },
  {
    slugs: ['moonshotai/Kimi-K2-Instruct-0905', 'moonshotai/Kimi-K2.5'],
    habits: { reasoning: 'opt-in', toolCallIds: 'kimi' },
    sources: [
      'reasoning opt-in: wire "Smaller details"',
      'toolCallIds kimi: wire "Smaller details"',
    ],
  },
  {
    slugs: [
      'moonshotai/Kimi-K2.6',
      'moonshotai/Kimi-K2.7-Code',
      'moonshotai/Kimi-K3',
    ],
    habits: { toolCallIds: 'kimi' },
    sources: ['toolCallIds kimi: wire "Smaller details" (Kimi family)'],
  },
];

/** The row of a slug, if it has one. */
export function habitRowOf(slug: string): EmulatorHabitRow | undefined {
  return EMULATOR_HABIT_TABLE.find(row => row.slugs.includes(slug));
}
