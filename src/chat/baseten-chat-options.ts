import { z } from 'zod/v4';

/**
 * Baseten Model APIs slugs (the live list is `GET /v1/models`). Any string is
 * accepted, for new slugs and for dedicated deployments.
 */
export type BasetenChatModelId =
  | 'openai/gpt-oss-120b'
  | 'deepseek-ai/DeepSeek-V4-Pro'
  | 'deepseek-ai/DeepSeek-V3.2'
  | 'deepseek-ai/DeepSeek-V3.1'
  | 'deepseek-ai/DeepSeek-V3-0324'
  | 'deepseek-ai/DeepSeek-R1-0528'
  | 'zai-org/GLM-5.1'
  | 'zai-org/GLM-5'
  | 'zai-org/GLM-4.7'
  | 'zai-org/GLM-4.6'
  | 'moonshotai/Kimi-K2.6'
  | 'moonshotai/Kimi-K2.5'
  | 'moonshotai/Kimi-K2-Thinking'
  | 'moonshotai/Kimi-K2-Instruct-0905'
  | 'MiniMaxAI/MiniMax-M2.5'
  | 'nvidia/Nemotron-120B-A12B'
  | 'Qwen/Qwen3-235B-A22B-Instruct-2507'
  | 'Qwen/Qwen3-Coder-480B-A35B-Instruct'
  | (string & {});

/** Values Baseten documents for `reasoning_effort` (support varies by model). */
export type BasetenReasoningEffort =
  | 'none'
  | 'minimal'
  | 'low'
  | 'medium'
  | 'high'
  | 'xhigh'
  | 'max'
  | (string & {});

const templateArgs = z.record(z.string(), z.unknown());

/**
 * Baseten request fields typed here, camelCase option → snake_case wire name.
 * The snake_case spelling is accepted too (what `@ai-sdk/baseten` users pass).
 */
export const BASETEN_WIRE_FIELDS = {
  topK: ['top_k', z.number().int()],
  minP: ['min_p', z.number().min(0).max(1)],
  repetitionPenalty: ['repetition_penalty', z.number().positive()],
  lengthPenalty: ['length_penalty', z.number()],
  minTokens: ['min_tokens', z.number().int().nonnegative()],
  ignoreEos: ['ignore_eos', z.boolean()],
  stopTokenIds: ['stop_token_ids', z.array(z.number().int())],
  skipSpecialTokens: ['skip_special_tokens', z.boolean()],
  chatTemplateArgs: ['chat_template_args', templateArgs],
  chatTemplateKwargs: ['chat_template_kwargs', templateArgs],
} as const;

type WireFields = typeof BASETEN_WIRE_FIELDS;
type SnakeCaseShape = {
  [K in keyof WireFields as WireFields[K][0]]: z.ZodOptional<WireFields[K][1]>;
};
const snakeCaseShape = Object.fromEntries(
  Object.values(BASETEN_WIRE_FIELDS).map(([wire, schema]) => [
    wire,
    schema.optional(),
  ]),
) as SnakeCaseShape;

/** Options under `providerOptions.baseten` for chat models. */
export const basetenChatProviderOptions = z.looseObject({
  /** Sent as `reasoning_effort` (e.g. `low`, `medium`, `high`). */
  reasoningEffort: z.string().optional(),
  /** End-user identifier, sent as `user`. */
  user: z.string().optional(),
  /** `strict` of the `json_schema` response format (default true). */
  strictJsonSchema: z.boolean().optional(),
  /**
   * `false` sends `response_format: {type: 'json_object'}` (with the schema
   * added to the system prompt) for deployments without `json_schema`.
   */
  structuredOutputs: z.boolean().optional(),
  /** Sampling: keep the K most likely tokens (`top_k`; -1 disables). */
  topK: BASETEN_WIRE_FIELDS.topK[1].optional(),
  /** Sampling floor relative to the top token (`min_p`). */
  minP: BASETEN_WIRE_FIELDS.minP[1].optional(),
  /** Multiplicative repetition penalty (`repetition_penalty`). */
  repetitionPenalty: BASETEN_WIRE_FIELDS.repetitionPenalty[1].optional(),
  /** Beam-search length penalty (`length_penalty`). */
  lengthPenalty: BASETEN_WIRE_FIELDS.lengthPenalty[1].optional(),
  /** Minimum tokens to generate (`min_tokens`). */
  minTokens: BASETEN_WIRE_FIELDS.minTokens[1].optional(),
  /** Keep generating past EOS (`ignore_eos`). */
  ignoreEos: BASETEN_WIRE_FIELDS.ignoreEos[1].optional(),
  /** Token IDs that stop generation (`stop_token_ids`). */
  stopTokenIds: BASETEN_WIRE_FIELDS.stopTokenIds[1].optional(),
  /** `skip_special_tokens` of the detokenizer. */
  skipSpecialTokens: BASETEN_WIRE_FIELDS.skipSpecialTokens[1].optional(),
  /** Model APIs chat-template variables, e.g. `{ enable_thinking: true }`. */
  chatTemplateArgs: BASETEN_WIRE_FIELDS.chatTemplateArgs[1].optional(),
  /** vLLM/SGLang deployments' chat-template variables (`chat_template_kwargs`). */
  chatTemplateKwargs: BASETEN_WIRE_FIELDS.chatTemplateKwargs[1].optional(),
  ...snakeCaseShape,
  reasoning_effort: z.string().optional(),
});

/** Options under `providerOptions.baseten` for chat models. */
export type BasetenChatProviderOptions = Omit<
  z.infer<typeof basetenChatProviderOptions>,
  'reasoningEffort'
> & { reasoningEffort?: BasetenReasoningEffort };
