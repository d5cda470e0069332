import {
  InvalidArgumentError,
  type LanguageModelV4CallOptions,
  type SharedV4ProviderOptions,
} from '@ai-sdk/provider';
import {
  injectJsonInstructionIntoMessages,
  safeValidateTypes,
} from '@ai-sdk/provider-utils';
import { invalidProviderOptionsError } from '../baseten-option-errors';
import { PROVIDER_OPTIONS_KEY } from '../baseten-options';
import {
  BASETEN_WIRE_NAMES,
  basetenChatProviderOptionsSchema,
  type BasetenChatProviderOptions,
} from './baseten-chat-options';

type WireOptions = Record<string, unknown>;

/**
 * Rewrites a call for the OpenAI-compatible model: Baseten's typed options
 * under their wire names, `topK` as `top_k`, and the `json_object` fallback.
 */
export async function toOpenAICompatibleCall(
  options: LanguageModelV4CallOptions,
): Promise<LanguageModelV4CallOptions> {
  const raw = options.providerOptions?.[PROVIDER_OPTIONS_KEY];
  const { structuredOutputs, ...typed } = await parseChatOptions(raw);
  const { topK, ...call } = options;
  const wireOptions = withTopK(toWireOptions(typed), topK);
  // Nothing to send: leave providerOptions as they came, so the
  // OpenAI-compatible model skips its own options schema.
  const providerOptions: SharedV4ProviderOptions | undefined =
    raw === undefined && Object.keys(wireOptions).length === 0
      ? options.providerOptions
      : {
          ...options.providerOptions,
          [PROVIDER_OPTIONS_KEY]:
            wireOptions as SharedV4ProviderOptions[string],
        };
  return withJsonFallback({ ...call, providerOptions }, structuredOutputs);
}

/**
 * Validates `providerOptions.baseten`; no schema work when none are given.
 * (Not parseProviderOptions: its message names neither the option nor the fix.)
 */
async function parseChatOptions(
  raw: unknown,
): Promise<BasetenChatProviderOptions> {
  if (raw === undefined) return {};
  const parsed = await safeValidateTypes({
    value: raw,
    schema: basetenChatProviderOptionsSchema,
  });
  if (parsed.success) return parsed.value;
  throw invalidProviderOptionsError(
    parsed.error.cause,
    'BasetenChatProviderOptions',
  );
}

/** Renames typed options to their wire names; a camel and snake pair must agree. */
function toWireOptions(
  options: Omit<BasetenChatProviderOptions, 'structuredOutputs'>,
): WireOptions {
  const wireOptions: WireOptions = { ...options };
  for (const [option, wireName] of Object.entries(BASETEN_WIRE_NAMES)) {
    const camel = wireOptions[option];
    delete wireOptions[option];
    if (camel === undefined) continue;
    const snake = wireOptions[wireName];
    if (
      snake !== undefined &&
      JSON.stringify(snake) !== JSON.stringify(camel)
    ) {
      throw new InvalidArgumentError({
        argument: `providerOptions.${PROVIDER_OPTIONS_KEY}.${option}`,
        message: `providerOptions.${PROVIDER_OPTIONS_KEY} sets both ${option} and ${wireName} to different values; keep one of them.`,
      });
    }
    wireOptions[wireName] = camel;
  }
  // The OpenAI-compatible model sends `reasoningEffort` as `reasoning_effort`.
  if (wireOptions.reasoning_effort !== undefined) {
    // undefined, not null, means unset: an explicit null is sent as null
    if (wireOptions.reasoningEffort === undefined)
      wireOptions.reasoningEffort = wireOptions.reasoning_effort;
    delete wireOptions.reasoning_effort;
  }
  return wireOptions;
}

/** Moves the `topK` call setting to `top_k`, which Baseten takes. */
function withTopK(
  wireOptions: WireOptions,
  topK: number | undefined,
): WireOptions {
  if (topK == null) return wireOptions;
  if (wireOptions.top_k !== undefined && wireOptions.top_k !== topK) {
    throw new InvalidArgumentError({
      argument: 'topK',
      message: `topK (${topK}) and providerOptions.${PROVIDER_OPTIONS_KEY}.topK (${JSON.stringify(wireOptions.top_k)}) disagree; set only one of them.`,
    });
  }
  return { ...wireOptions, top_k: topK };
}

/**
 * `structuredOutputs: false`: `json_object` mode, with the schema in the
 * system prompt, for deployments that cannot constrain decoding.
 */
function withJsonFallback(
  call: LanguageModelV4CallOptions,
  structuredOutputs: unknown,
): LanguageModelV4CallOptions {
  const { responseFormat } = call;
  if (
    structuredOutputs !== false ||
    responseFormat?.type !== 'json' ||
    responseFormat.schema == null
  ) {
    return call;
  }
  return {
    ...call,
    prompt: injectJsonInstructionIntoMessages({
      messages: call.prompt,
      schema: responseFormat.schema,
    }),
    responseFormat: { type: 'json' },
  };
}
