import { lazySchema, zodSchema, type InferSchema } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import type { BasetenCatalogModelId } from '../catalog/baseten-model-capabilities';

/**
 * Baseten Model APIs slugs: the catalog snapshot's (the live list is
 * `baseten.getAvailableModels()`) and older ones. Any string is accepted, for
 * new slugs and for dedicated deployments.
 */
export type BasetenChatModelId =
  | BasetenCatalogModelId
  | 'deepseek-ai/DeepSeek-V3.2'
  | 'deepseek-ai/DeepSeek-V3-0324'
  | 'deepseek-ai/DeepSeek-R1-0528'
  | 'zai-org/GLM-5.1'
  | 'zai-org/GLM-4.6'
  | 'moonshotai/Kimi-K2-Thinking'
  | 'moonshotai/Kimi-K2-Instruct-0905'
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

/** Baseten request fields typed as options: camelCase option → wire name. */
export const BASETEN_WIRE_NAMES = {
  topK: 'top_k',
  minP: 'min_p',
  repetitionPenalty: 'repetition_penalty',
  lengthPenalty: 'length_penalty',
  minTokens: 'min_tokens',
  ignoreEos: 'ignore_eos',
  stopTokenIds: 'stop_token_ids',
  skipSpecialTokens: 'skip_special_tokens',
  chatTemplateArgs: 'chat_template_args',
  chatTemplateKwargs: 'chat_template_kwargs',
} as const;

type WireNames = typeof BASETEN_WIRE_NAMES;

// Built on first use, not at import: zod schemas cost import time.
function buildWireFieldSchemas() {
  const templateArgs = z.record(z.string(), z.unknown());
  return {
    /** Sampling: keep the K most likely tokens (`top_k`; -1 disables). */
    topK: z.number().int(),
    /** Sampling floor relative to the top token (`min_p`). */
    minP: z.number().min(0).max(1),
    /** Multiplicative repetition penalty (`repetition_penalty`). */
    repetitionPenalty: z.number().positive(),
    /** Beam-search length penalty (`length_penalty`). */
    lengthPenalty: z.number(),
    /** Minimum tokens to generate (`min_tokens`). */
    minTokens: z.number().int().nonnegative(),
    /** Keep generating past EOS (`ignore_eos`). */
    ignoreEos: z.boolean(),
    /** Token IDs that stop generation (`stop_token_ids`). */
    stopTokenIds: z.array(z.number().int()),
    /** `skip_special_tokens` of the detokenizer. */
    skipSpecialTokens: z.boolean(),
    /** Model APIs chat-template variables, e.g. `{ enable_thinking: true }`. */
    chatTemplateArgs: templateArgs,
    /** vLLM/SGLang deployments' chat-template variables (`chat_template_kwargs`). */
    chatTemplateKwargs: templateArgs,
  } satisfies Record<keyof WireNames, z.ZodType>;
}

type WireFieldSchemas = ReturnType<typeof buildWireFieldSchemas>;
type OptionalShape<T> = { [K in keyof T]: z.ZodOptional<T[K] & z.ZodType> };
type SnakeCaseShape = {
  [K in keyof WireNames as WireNames[K]]: z.ZodOptional<WireFieldSchemas[K]>;
};

function buildChatProviderOptionsSchema() {
  const fields = buildWireFieldSchemas();
  const camelCase = Object.fromEntries(
    Object.entries(fields).map(([name, schema]) => [name, schema.optional()]),
  ) as OptionalShape<WireFieldSchemas>;
  const snakeCase = Object.fromEntries(
    Object.entries(fields).map(([name, schema]) => [
      BASETEN_WIRE_NAMES[name as keyof WireNames],
      schema.optional(),
    ]),
  ) as SnakeCaseShape;
  return z.looseObject({
    /** Sent as `reasoning_effort` (e.g. `low`, `medium`, `high`). */
    reasoningEffort: z.string().optional(),
    reasoning_effort: z.string().optional(),
    /** End-user identifier, sent as `user`. */
    user: z.string().optional(),
    /** `strict` of the `json_schema` response format (default true). */
    strictJsonSchema: z.boolean().optional(),
    /**
     * `false` sends `response_format: {type: 'json_object'}` (with the schema
     * added to the system prompt) for deployments without `json_schema`.
     */
    structuredOutputs: z.boolean().optional(),
    ...camelCase,
    ...snakeCase,
  });
}

/** The schema of `providerOptions.baseten` for chat models. */
export const basetenChatProviderOptions = lazySchema(() =>
  zodSchema(buildChatProviderOptionsSchema()),
);

/** Options under `providerOptions.baseten` for chat models. */
export type BasetenChatProviderOptions = Omit<
  InferSchema<typeof basetenChatProviderOptions>,
  'reasoningEffort'
> & { reasoningEffort?: BasetenReasoningEffort };
