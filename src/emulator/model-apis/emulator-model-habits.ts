// Every per-model wire habit of the emulated Model APIs, in one table.
//
// Sources: the go-vcr cassettes of live https://inference.baseten.co traffic
// that the Go library maruel/genai commits under
// providers/baseten/testdata/TestClient/ (read for facts, not copied), each
// cited as `maruel/genai@<commit>:<path>`, newest recording of a model first:
// 2026-02-18 (af299aacd3da: GLM 4.6, 4.7, 5, MiniMax M2.5, Kimi K2 Instruct
// 0905, K2 Thinking, K2.5, DeepSeek V3-0324, V3.1), 2026-06-06
// (93f3f86b21a1: gpt-oss-120b, DeepSeek V4 Pro, GLM 5.1), 2026-06-22
// (d0511e07ea85: GLM 5.2) and the listing of 2026-08-17 (23c16cde24c8).
// A habit marked `assumed` has no recording behind it.

/** When a Model APIs model emits `reasoning_content`. */
export type EmulatorReasoningMode = 'default-on' | 'opt-in';

/** Tool-call ids: `chatcmpl-tool-` + 32 hex, or Kimi's `functions.NAME:INDEX`. */
export type EmulatorToolCallIds = 'chatcmpl-tool' | 'kimi';

/**
 * How a model streams one tool call: `same-id` (every delta repeats the id),
 * `fresh-id` (every delta a new id, as GLM 5 and MiniMax M2.5 do) or
 * `whole-call` (the whole call in one delta, as the DeepSeek models, GLM 4.6
 * and GLM 4.7 do).
 */
export type EmulatorToolCallDeltas = 'same-id' | 'fresh-id' | 'whole-call';

/**
 * How deltas are framed:
 * - `placeholders-empty`: every delta has `role: "assistant"`, `content`
 *   (`""` when it carries none), `tool_calls` (`[]` when none),
 *   `function_call: null`, `refusal: null`; later tool-call deltas `name: ""`.
 * - `placeholders-null`: the same keys, `content` and `tool_calls` `null`
 *   when empty; later tool-call deltas `name: null` (GLM 5.1).
 * - `placeholders-null-role-once`: as `placeholders-null`, but `role` is
 *   `"assistant"` on the first delta and `null` after (gpt-oss-120b, DeepSeek V4 Pro).
 * - `lean`: only the keys a delta uses, `role` on the first delta only, later
 *   tool-call deltas without `name`; chunks without `service_tier` /
 *   `system_fingerprint` (GLM 5.2).
 */
export type EmulatorChunkFraming =
  | 'placeholders-empty'
  | 'placeholders-null'
  | 'placeholders-null-role-once'
  | 'lean';

/** Which `X-Baseten-*` headers answers carry: all six, or only `X-Baseten-Accepted-At`. */
export type EmulatorHeaderSet = 'full' | 'accepted-at';

/** Where a stream's `finish_reason` goes: on the delta with the last piece, or on a chunk of its own. */
export type EmulatorFinishPlacement = 'last-delta' | 'own-chunk';

/** The wire habits of one Model APIs model. */
export interface EmulatorModelHabits {
  /** `default-on`: reasons unless `reasoning_effort: 'none'`; `opt-in`: only with `chat_template_args.enable_thinking`. */
  readonly reasoning?: EmulatorReasoningMode;
  readonly framing: EmulatorChunkFraming;
  /** `priming`: the first chunk is a delta with no text (gpt-oss-120b); `text`: it carries the first piece. */
  readonly firstChunk: 'priming' | 'text';
  /** Where a text stream's `finish_reason` goes. */
  readonly textFinish: EmulatorFinishPlacement;
  /** Where a tool-call stream's `finish_reason` goes (own chunk: an empty delta with the placeholders). */
  readonly toolFinish: EmulatorFinishPlacement;
  /** `name-only`: the first tool-call delta has the name and `arguments: ""`; `name-and-arguments`: it carries the first fragment too (GLM 5.1, 5.2). */
  readonly firstToolDelta: 'name-only' | 'name-and-arguments';
  readonly toolCallIds: EmulatorToolCallIds;
  readonly toolCallDeltas: EmulatorToolCallDeltas;
  /** Kimi K2 Thinking: parallel calls of one tool share the id `functions.NAME:0`. */
  readonly repeatsParallelToolCallIds: boolean;
  /** GLM 5.1 / 5.2: a stop-sequence stream ends on the finish chunk, with no usage-only chunk. */
  readonly stopStreamWithoutUsageChunk: boolean;
  /** GLM 5: JSON mode answers carry no `finish_reason` at all. */
  readonly jsonModeWithoutFinishReason: boolean;
  /** GLM 5.1 / 5.2: an integer `stop_reason` next to `finish_reason` `stop` / `tool_calls` (choice and finish chunk). */
  readonly integerStopReason: boolean;
  /** MiniMax M2.5, Kimi K2 Thinking, GLM 4.6: `reasoning` repeats `reasoning_content`. */
  readonly copiesReasoning: boolean;
  /** GLM 4.6 may answer `tool_choice: "required"` with text, no call; the emulator always does. */
  readonly ignoresRequiredToolChoice: boolean;
  /** Counts reasoning in `completion_tokens_details.reasoning_tokens` (else `0` there, though `completion_tokens` includes it). */
  readonly reportsReasoningTokens: boolean;
  /** DeepSeek V4 Pro: a stream a `stop` string ended still ends with `data: [DONE]`. */
  readonly doneAfterStop: boolean;
  /** gpt-oss-120b: takes `stop` and ignores it (the text runs on past the stop strings, finish `stop`, then `[DONE]`). */
  readonly ignoresStop: boolean;
  /** DeepSeek V4 Pro: one more text chunk after the finish chunk, with `usage: null`. */
  readonly chunkAfterFinish: boolean;
  /** The `X-Baseten-*` headers of its answers (200 and 400 alike). */
  readonly headers: EmulatorHeaderSet;
  /** Its answers carry `Strict-Transport-Security`. */
  readonly strictTransportSecurity: boolean;
  /** The 400 envelope: pretty-printed nested `{"error": {…}}` or flat `{"message", "type", "code"}`; streamed or not alike. */
  readonly badRequestEnvelope: 'nested' | 'flat';
  /** `refused`: `logprobs` / `top_logprobs` answer 400; `ignored`: answered, without logprobs. */
  readonly logprobs: 'refused' | 'ignored';
  /** The 400 message for `logprobs`. */
  readonly logprobsMessage: string;
  /** The 400 message for image parts (text-only models). */
  readonly imageMessage: string;
  /**
   * Refuses a `json_schema` with an empty `name` (400). When unset: the
   * models of the current listing do (assumed for the unrecorded ones), earlier ones do not.
   */
  readonly requiresSchemaName?: boolean;
  /** The `hugging_face_id` its `GET /v1/models` entry carries. */
  readonly huggingFaceId?: string;
}

/** One row of the table: the slugs it covers, what differs from the defaults, and where it comes from. */
export interface EmulatorHabitRow {
  readonly slugs: readonly string[];
  readonly habits: Partial<EmulatorModelHabits>;
  /** Where each habit of the row was read, one entry per habit (or group of habits). */
  readonly sources: readonly string[];
}

const FEB = 'af299aacd3da';
const JUNE_6 = '93f3f86b21a1';
const JUNE_22 = 'd0511e07ea85';
const AUGUST = '23c16cde24c8';
const CASSETTES = 'providers/baseten/testdata/TestClient';

/** A recording's address: `maruel/genai@<commit>:<path>`. */
function recording(commit: string, path: string): string {
  return `maruel/genai@${commit}:${CASSETTES}/${path}`;
}

/** A Scoreboard cassette of one model. */
function scoreboard(commit: string, folder: string, file: string): string {
  return recording(commit, `Scoreboard/${folder}/${file}.yaml`);
}

const LISTING = recording(AUGUST, 'Warmup.yaml');

const EARLY_LOGPROBS = 'returning log probs is not supported';
const EARLY_IMAGE = 'image_url is not supported';
const MULTIMODAL_IMAGE =
  'This model does not support multimodal (image/video/audio) inputs.';

/** What every model does unless its row says otherwise: the habits most recorded models share. */
export const DEFAULT_HABITS: EmulatorModelHabits = {
  framing: 'placeholders-empty',
  firstChunk: 'text',
  textFinish: 'last-delta',
  toolFinish: 'own-chunk',
  firstToolDelta: 'name-only',
  toolCallIds: 'chatcmpl-tool',
  toolCallDeltas: 'same-id',
  repeatsParallelToolCallIds: false,
  stopStreamWithoutUsageChunk: false,
  jsonModeWithoutFinishReason: false,
  integerStopReason: false,
  copiesReasoning: false,
  ignoresRequiredToolChoice: false,
  reportsReasoningTokens: true,
  ignoresStop: false,
  doneAfterStop: false,
  chunkAfterFinish: false,
  headers: 'full',
  strictTransportSecurity: true,
  badRequestEnvelope: 'nested',
  logprobs: 'refused',
  logprobsMessage: EARLY_LOGPROBS,
  imageMessage: EARLY_IMAGE,
};

const V31 = 'deepseek-ai/DeepSeek-V3.1';

/** Sources of the defaults, for the README's table. */
export const DEFAULT_HABIT_SOURCES: readonly string[] = [
  `framing, firstChunk, textFinish: ${scoreboard(FEB, V31, 'GenStream-Text')}`,
  `toolFinish, toolCallIds: ${scoreboard(FEB, 'moonshotai/Kimi-K2-Instruct-0905', 'GenStream-Tools-SquareRoot-1')}`,
  `headers, strictTransportSecurity: ${scoreboard(FEB, V31, 'GenSync-Text')}`,
  `reportsReasoningTokens: ${scoreboard(JUNE_22, 'zai-org/GLM-5.2_thinking', 'GenStream-Text')} (as DeepSeek V4 Pro and GLM 5.1)`,
  `badRequestEnvelope, logprobs, logprobsMessage: ${scoreboard(FEB, V31, 'GenSync-TopLogprobs')}`,
  `imageMessage: ${scoreboard(FEB, V31, 'GenSyncMultiModal-Image-jpg-URL')}`,
  'requiresSchemaName on listed models without a recording: assumed as the June recordings (gpt-oss-120b, DeepSeek V4 Pro, GLM 5.1, GLM 5.2)',
  'the models no recording has (Kimi K2.6, K2.7-Code, K3, the Nemotron models, DeepSeek V4 Flash and V4 Pro 0813, inkling): these defaults, assumed',
];

/** The Feb-2026 models behind the lean edge: only `X-Baseten-Accepted-At`, no HSTS, flat 400s. */
const ACCEPTED_AT_ONLY = {
  headers: 'accepted-at',
  strictTransportSecurity: false,
  badRequestEnvelope: 'flat',
} as const satisfies Partial<EmulatorModelHabits>;

const GLM_5_2 = {
  framing: 'lean',
  toolFinish: 'last-delta',
  firstToolDelta: 'name-and-arguments',
  stopStreamWithoutUsageChunk: true,
  integerStopReason: true,
  headers: 'accepted-at',
  badRequestEnvelope: 'flat',
  logprobsMessage:
    'This model does not support logprobs > 1 due to advanced speculative decoding.',
  imageMessage: MULTIMODAL_IMAGE,
  requiresSchemaName: true,
} as const satisfies Partial<EmulatorModelHabits>;

const GLM52 = 'zai-org/GLM-5.2_thinking';

/** The per-model habits. A slug in no row has the defaults (and reasons by default when its listing says `reasoning`). */
export const EMULATOR_HABIT_TABLE: readonly EmulatorHabitRow[] = [
  {
    slugs: ['openai/gpt-oss-120b'],
    habits: {
      reasoning: 'default-on',
      framing: 'placeholders-null-role-once',
      firstChunk: 'priming',
      textFinish: 'own-chunk',
      logprobs: 'ignored',
      reportsReasoningTokens: false,
      ignoresStop: true,
      requiresSchemaName: true,
    },
    sources: [
      `reasoning, framing, firstChunk, textFinish, reportsReasoningTokens: ${scoreboard(JUNE_6, 'openai/gpt-oss-120b_thinking', 'GenStream-Text')}`,
      `ignoresStop: ${scoreboard(JUNE_6, 'openai/gpt-oss-120b_thinking', 'GenStream-Stop')}, ${scoreboard(JUNE_6, 'openai/gpt-oss-120b_thinking', 'GenSync-Stop')}`,
      `logprobs: ${scoreboard(JUNE_6, 'openai/gpt-oss-120b_thinking', 'GenSync-TopLogprobs')}`,
      `requiresSchemaName: ${scoreboard(JUNE_6, 'openai/gpt-oss-120b_thinking', 'GenSync-JSONSchema')}`,
      `(its 2026-02-18 recordings differ: only X-Baseten-Accepted-At, flat 400 for logprobs, tool_calls: [], empty schema name accepted; ${scoreboard(FEB, 'openai/gpt-oss-120b_thinking', 'GenSync-TopLogprobs')})`,
    ],
  },
  {
    slugs: ['deepseek-ai/DeepSeek-V4-Pro'],
    habits: {
      reasoning: 'default-on',
      framing: 'placeholders-null-role-once',
      textFinish: 'own-chunk',
      toolCallDeltas: 'whole-call',
      chunkAfterFinish: true,
      doneAfterStop: true,
      logprobs: 'ignored',
      imageMessage: MULTIMODAL_IMAGE,
      requiresSchemaName: true,
    },
    sources: [
      `reasoning, framing, textFinish, chunkAfterFinish: ${scoreboard(JUNE_6, 'deepseek-ai/DeepSeek-V4-Pro_thinking', 'GenStream-Text')}`,
      `toolCallDeltas: ${scoreboard(JUNE_6, 'deepseek-ai/DeepSeek-V4-Pro_thinking', 'GenStream-Tools-SquareRoot-1')}`,
      `doneAfterStop: ${scoreboard(JUNE_6, 'deepseek-ai/DeepSeek-V4-Pro_thinking', 'GenStream-Stop')}`,
      `logprobs: ${scoreboard(JUNE_6, 'deepseek-ai/DeepSeek-V4-Pro_thinking', 'GenSync-TopLogprobs')}`,
      `imageMessage: ${scoreboard(JUNE_6, 'deepseek-ai/DeepSeek-V4-Pro_thinking', 'GenSyncMultiModal-Image-jpg-URL')}`,
      `requiresSchemaName: ${scoreboard(JUNE_6, 'deepseek-ai/DeepSeek-V4-Pro_thinking', 'GenSync-JSONSchema')}`,
    ],
  },
  {
    slugs: ['deepseek-ai/DeepSeek-V3.1', 'deepseek-ai/DeepSeek-V3-0324'],
    habits: { reasoning: 'opt-in', toolCallDeltas: 'whole-call' },
    sources: [
      `reasoning: ${scoreboard(FEB, V31, 'GenSync-Text')}`,
      `toolCallDeltas: ${scoreboard(FEB, V31, 'GenStream-Tools-SquareRoot-1')}, ${scoreboard(FEB, 'deepseek-ai/DeepSeek-V3-0324', 'GenStream-Tools-SquareRoot-1')}`,
    ],
  },
  {
    slugs: ['zai-org/GLM-4.6'],
    habits: {
      reasoning: 'default-on',
      textFinish: 'own-chunk',
      toolCallDeltas: 'whole-call',
      copiesReasoning: true,
      reportsReasoningTokens: false,
      ignoresRequiredToolChoice: true,
      ...ACCEPTED_AT_ONLY,
    },
    sources: [
      `reasoning, textFinish, copiesReasoning, reportsReasoningTokens: ${scoreboard(FEB, 'zai-org/GLM-4.6_thinking', 'GenStream-Text')}, ${scoreboard(FEB, 'zai-org/GLM-4.6_thinking', 'GenSync-Text')}`,
      `toolCallDeltas: ${scoreboard(FEB, 'zai-org/GLM-4.6_thinking', 'GenStream-Tools-SquareRoot-1-any')}`,
      `ignoresRequiredToolChoice: ${scoreboard(FEB, 'zai-org/GLM-4.6_thinking', 'GenStream-Tools-SquareRoot-1')}`,
      `headers, strictTransportSecurity, badRequestEnvelope: ${scoreboard(FEB, 'zai-org/GLM-4.6_thinking', 'GenSync-TopLogprobs')}`,
    ],
  },
  {
    slugs: ['zai-org/GLM-4.7'],
    habits: {
      reasoning: 'opt-in',
      toolFinish: 'last-delta',
      toolCallDeltas: 'whole-call',
      ...ACCEPTED_AT_ONLY,
      requiresSchemaName: false,
    },
    sources: [
      `reasoning: ${scoreboard(FEB, 'zai-org/GLM-4.7', 'GenSync-Text')}`,
      `toolFinish, toolCallDeltas: ${scoreboard(FEB, 'zai-org/GLM-4.7', 'GenStream-Tools-SquareRoot-1')}`,
      `headers, strictTransportSecurity, badRequestEnvelope: ${scoreboard(FEB, 'zai-org/GLM-4.7', 'GenSync-TopLogprobs')}`,
      `requiresSchemaName: ${scoreboard(FEB, 'zai-org/GLM-4.7', 'GenSync-JSONSchema')} (its newest recording, though it is still listed)`,
    ],
  },
  {
    slugs: ['zai-org/GLM-5'],
    habits: {
      reasoning: 'opt-in',
      textFinish: 'own-chunk',
      toolCallDeltas: 'fresh-id',
      jsonModeWithoutFinishReason: true,
      ...ACCEPTED_AT_ONLY,
    },
    sources: [
      `reasoning, textFinish: ${scoreboard(FEB, 'zai-org/GLM-5', 'GenStream-Text')}`,
      `toolCallDeltas: ${scoreboard(FEB, 'zai-org/GLM-5', 'GenStream-Tools-SquareRoot-1')}`,
      `jsonModeWithoutFinishReason: ${scoreboard(FEB, 'zai-org/GLM-5', 'GenStream-JSON')}`,
      `headers, strictTransportSecurity, badRequestEnvelope: ${scoreboard(FEB, 'zai-org/GLM-5', 'GenSync-TopLogprobs')}`,
    ],
  },
  {
    slugs: ['zai-org/GLM-5.1'],
    habits: {
      reasoning: 'default-on',
      framing: 'placeholders-null',
      firstToolDelta: 'name-and-arguments',
      stopStreamWithoutUsageChunk: true,
      integerStopReason: true,
      logprobs: 'ignored',
      imageMessage: MULTIMODAL_IMAGE,
      requiresSchemaName: true,
    },
    sources: [
      `reasoning, framing, integerStopReason: ${scoreboard(JUNE_6, 'zai-org/GLM-5.1_thinking', 'GenStream-Text')}, ${scoreboard(JUNE_6, 'zai-org/GLM-5.1_thinking', 'GenSync-Text')}`,
      `firstToolDelta: ${scoreboard(JUNE_6, 'zai-org/GLM-5.1_thinking', 'GenStream-Tools-SquareRoot-1')}`,
      `stopStreamWithoutUsageChunk: ${scoreboard(JUNE_6, 'zai-org/GLM-5.1_thinking', 'GenStream-Stop')}`,
      `logprobs: ${scoreboard(JUNE_6, 'zai-org/GLM-5.1_thinking', 'GenSync-TopLogprobs')}`,
      `imageMessage: ${scoreboard(JUNE_6, 'zai-org/GLM-5.1_thinking', 'GenSyncMultiModal-Image-jpg-URL')}`,
      `requiresSchemaName: ${scoreboard(JUNE_6, 'zai-org/GLM-5.1_thinking', 'GenSync-JSONSchema')}`,
    ],
  },
  {
    slugs: ['zai-org/GLM-5.2', 'zai-org/GLM-5.2-Fast'],
    habits: { ...GLM_5_2, huggingFaceId: 'zai-org/GLM-5.2' },
    sources: [
      `framing, integerStopReason, headers, strictTransportSecurity: ${scoreboard(JUNE_22, GLM52, 'GenStream-Text')}`,
      `toolFinish, firstToolDelta: ${scoreboard(JUNE_22, GLM52, 'GenStream-Tools-SquareRoot-1')}`,
      `stopStreamWithoutUsageChunk: ${scoreboard(JUNE_22, GLM52, 'GenStream-Stop')}`,
      `badRequestEnvelope, logprobsMessage: ${scoreboard(JUNE_22, GLM52, 'GenSync-TopLogprobs')}`,
      `imageMessage: ${scoreboard(JUNE_22, GLM52, 'GenSyncMultiModal-Image-jpg-URL')}`,
      `requiresSchemaName: ${scoreboard(JUNE_22, GLM52, 'GenSync-JSONSchema')}`,
      `huggingFaceId: ${LISTING}`,
      'GLM-5.2-Fast: assumed as GLM 5.2 (listed 2026-08-17 with the same hugging_face_id, not recorded)',
    ],
  },
  {
    slugs: ['zai-org/GLM-5.3'],
    habits: { ...GLM_5_2, reasoning: 'default-on' },
    sources: [
      'slug: docs (GLM 5.3 on Model APIs; not in the 2026-08-17 listing, so not listed)',
      'reasoning default-on: docs (reasoning always on)',
      'every other habit: assumed as GLM 5.2 (not recorded)',
    ],
  },
  {
    slugs: ['MiniMaxAI/MiniMax-M2.5'],
    habits: {
      reasoning: 'default-on',
      textFinish: 'own-chunk',
      toolCallDeltas: 'fresh-id',
      copiesReasoning: true,
      reportsReasoningTokens: false,
      ...ACCEPTED_AT_ONLY,
    },
    sources: [
      `reasoning, textFinish, copiesReasoning, reportsReasoningTokens: ${scoreboard(FEB, 'MiniMaxAI/MiniMax-M2.5_thinking', 'GenStream-Text')}, ${scoreboard(FEB, 'MiniMaxAI/MiniMax-M2.5_thinking', 'GenSync-Text')}`,
      `toolCallDeltas: ${scoreboard(FEB, 'MiniMaxAI/MiniMax-M2.5_thinking', 'GenStream-Tools-SquareRoot-1')}`,
      `headers, strictTransportSecurity, badRequestEnvelope: ${scoreboard(FEB, 'MiniMaxAI/MiniMax-M2.5_thinking', 'GenSync-TopLogprobs')}`,
    ],
  },
  {
    slugs: ['moonshotai/Kimi-K2-Thinking'],
    habits: {
      reasoning: 'default-on',
      textFinish: 'own-chunk',
      toolCallIds: 'kimi',
      repeatsParallelToolCallIds: true,
      copiesReasoning: true,
      reportsReasoningTokens: false,
    },
    sources: [
      `reasoning, textFinish, copiesReasoning, reportsReasoningTokens: ${scoreboard(FEB, 'moonshotai/Kimi-K2-Thinking_thinking', 'GenStream-Text')}, ${scoreboard(FEB, 'moonshotai/Kimi-K2-Thinking_thinking', 'GenSync-Text')}`,
      `toolCallIds: ${scoreboard(FEB, 'moonshotai/Kimi-K2-Thinking_thinking', 'GenStream-Tools-SquareRoot-1')}`,
      `repeatsParallelToolCallIds: ${scoreboard(FEB, 'moonshotai/Kimi-K2-Thinking_thinking', 'GenSync-Tools-SquareRoot-2')}`,
    ],
  },
  {
    slugs: ['moonshotai/Kimi-K2-Instruct-0905'],
    habits: {
      reasoning: 'opt-in',
      textFinish: 'own-chunk',
      toolCallIds: 'kimi',
    },
    sources: [
      `reasoning, textFinish: ${scoreboard(FEB, 'moonshotai/Kimi-K2-Instruct-0905', 'GenStream-Text')}`,
      `toolCallIds: ${scoreboard(FEB, 'moonshotai/Kimi-K2-Instruct-0905', 'GenStream-Tools-SquareRoot-1')}`,
    ],
  },
  {
    slugs: ['moonshotai/Kimi-K2.5'],
    habits: { reasoning: 'opt-in', toolCallIds: 'kimi', ...ACCEPTED_AT_ONLY },
    sources: [
      `reasoning: ${scoreboard(FEB, 'moonshotai/Kimi-K2.5', 'GenStream-Text')}`,
      `toolCallIds: ${scoreboard(FEB, 'moonshotai/Kimi-K2.5', 'GenStream-Tools-SquareRoot-1')}`,
      `headers, strictTransportSecurity, badRequestEnvelope: ${scoreboard(FEB, 'moonshotai/Kimi-K2.5', 'GenSync-TopLogprobs')}`,
    ],
  },
  {
    slugs: ['moonshotai/Kimi-K2.6', 'moonshotai/Kimi-K2.7-Code'],
    habits: { toolCallIds: 'kimi' },
    sources: [
      'toolCallIds: assumed as the recorded Kimi models (not recorded)',
    ],
  },
  {
    slugs: ['moonshotai/Kimi-K3'],
    habits: { toolCallIds: 'kimi', huggingFaceId: 'moonshotai/Kimi-K3' },
    sources: [
      'toolCallIds: assumed as the recorded Kimi models (not recorded)',
      `huggingFaceId: ${LISTING}`,
    ],
  },
  {
    slugs: ['deepseek-ai/DeepSeek-V4-Flash-0731'],
    habits: { huggingFaceId: 'deepseek-ai/DeepSeek-V4-Flash-0731' },
    sources: [`huggingFaceId: ${LISTING}`],
  },
  {
    slugs: ['thinkingmachines/inkling-small'],
    habits: { huggingFaceId: 'thinkingmachines/Inkling-Small' },
    sources: [`huggingFaceId: ${LISTING}`],
  },
];

/** The row of a slug, if it has one. */
export function habitRowOf(slug: string): EmulatorHabitRow | undefined {
  return EMULATOR_HABIT_TABLE.find(row => row.slugs.includes(slug));
}
