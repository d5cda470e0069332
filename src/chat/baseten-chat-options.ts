import {
  lazySchema,
  zodSchema,
  type InferSchema,
} from '@ai-sdk/provider-utils';
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
} as const satisfies { [K in keyof BasetenChatWireFields]-?: string };

type WireNames = typeof BASETEN_WIRE_NAMES;

/** Baseten's own sampling and template fields, each sent under its wire name. */
export interface BasetenChatWireFields {
  /** Sampling: keep the K most likely tokens (`top_k`; -1 disables). */
  topK?: number;
  /** Sampling floor relative to the top token (`min_p`, 0 to 1). */
  minP?: number;
  /** Multiplicative repetition penalty (`repetition_penalty`, > 0). */
  repetitionPenalty?: number;
  /** Beam-search length penalty (`length_penalty`). */
  lengthPenalty?: number;
  /** Minimum tokens to generate (`min_tokens`). */
  minTokens?: number;
  /** Keep generating past EOS (`ignore_eos`). @default false */
  ignoreEos?: boolean;
  /** Token IDs that stop generation (`stop_token_ids`). */
  stopTokenIds?: number[];
  /** `skip_special_tokens` of the detokenizer. @default true */
  skipSpecialTokens?: boolean;
  /** Model APIs chat-template variables, e.g. `{ enable_thinking: true }`. */
  chatTemplateArgs?: Record<string, unknown>;
  /** vLLM/SGLang deployments' chat-template variables (`chat_template_kwargs`). */
  chatTemplateKwargs?: Record<string, unknown>;
}

/** The same fields under their wire names, as `@ai-sdk/baseten` users write them. */
export type BasetenChatWireFieldsSnakeCase = {
  [K in keyof WireNames as WireNames[K]]?: BasetenChatWireFields[K];
};

/** Options under `providerOptions.baseten` for chat models. */
export interface BasetenChatProviderOptions
  extends BasetenChatWireFields, BasetenChatWireFieldsSnakeCase {
  /** Sent as `reasoning_effort` (e.g. `low`, `medium`, `high`); `null` is sent as `null`. */
  reasoningEffort?: BasetenReasoningEffort | null;
  /** The wire name of `reasoningEffort`. */
  reasoning_effort?: string | null;
  /** End-user identifier, sent as `user`. */
  user?: string;
  /** `strict` of the `json_schema` response format. @default true */
  strictJsonSchema?: boolean;
  /**
   * `false` sends `response_format: {type: 'json_object'}` (with the schema
   * added to the system prompt) for deployments without `json_schema`.
   * @default true
   */
  structuredOutputs?: boolean;
  /** Any other Baseten request field, sent as is. */
  [field: string]: unknown;
}

// Built on first use, not at import: zod schemas cost import time.
function buildWireFieldSchemas() {
  const templateArgs = z.record(z.string(), z.unknown());
  return {
    topK: z.number().int(),
    minP: z.number().min(0).max(1),
    repetitionPenalty: z.number().positive(),
    lengthPenalty: z.number(),
    minTokens: z.number().int().nonnegative(),
    ignoreEos: z.boolean(),
    stopTokenIds: z.array(z.number().int()),
    skipSpecialTokens: z.boolean(),
    chatTemplateArgs: templateArgs,
    chatTemplateKwargs: templateArgs,
  } satisfies {
    [K in keyof Required<BasetenChatWireFields>]: z.ZodType<
      BasetenChatWireFields[K]
    >;
  };
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
    reasoningEffort: z.string().nullable().optional(),
    reasoning_effort: z.string().nullable().optional(),
    user: z.string().optional(),
    strictJsonSchema: z.boolean().optional(),
    structuredOutputs: z.boolean().optional(),
    ...camelCase,
    ...snakeCase,
  });
}

/** The schema of `providerOptions.baseten` for chat models. */
export const basetenChatProviderOptionsSchema = lazySchema(() =>
  zodSchema(buildChatProviderOptionsSchema()),
);

// The schema and the documented type name the same options (compile-time check).
type KnownKeys<T> = keyof {
  [K in keyof T as string extends K ? never : K]: T[K];
};
type SameKeys<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? true
    : false
  : false;
const schemaMatchesType: SameKeys<
  KnownKeys<InferSchema<typeof basetenChatProviderOptionsSchema>>,
  KnownKeys<BasetenChatProviderOptions>
> = true;
void schemaMatchesType;
