import {
  InvalidArgumentError,
  type LanguageModelV4CallOptions,
  type LanguageModelV4Content,
  type LanguageModelV4GenerateResult,
  type LanguageModelV4StreamResult,
  type SharedV4ProviderOptions,
} from '@ai-sdk/provider';
import { OpenAICompatibleChatLanguageModel } from '@ai-sdk/openai-compatible';
import {
  injectJsonInstructionIntoMessages,
  safeValidateTypes,
} from '@ai-sdk/provider-utils';
import { withReadableMessage } from '../baseten-error';
import { describeOptionIssues } from '../baseten-option-errors';
import { basetenResponseMetadata } from '../baseten-response-metadata';
import { guardStream } from './baseten-chat-stream-guard';
import { markStreamEnd, streamEndExtractor } from './baseten-sse-end';
import {
  BASETEN_WIRE_NAMES,
  basetenChatProviderOptions,
  type BasetenChatModelId,
  type BasetenChatProviderOptions,
} from './baseten-chat-options';

const PROVIDER_OPTIONS_KEY = 'baseten';

/** What the OpenAI-compatible chat model is configured with. */
export type BasetenChatConfig = ConstructorParameters<
  typeof OpenAICompatibleChatLanguageModel
>[1];

/**
 * A Baseten chat model: the OpenAI-compatible chat model with Baseten's
 * request fields mapped (`topK` → `top_k`, typed provider options → their
 * wire names), a `json_object` fallback for structured output, and readable
 * errors for non-JSON error bodies.
 */
export class BasetenChatLanguageModel extends OpenAICompatibleChatLanguageModel {
  private readonly secret: () => string | undefined;

  /** `secret` returns the API key in use, so errors can be scrubbed of it. */
  constructor(
    modelId: BasetenChatModelId,
    config: BasetenChatConfig,
    { secret = () => undefined }: { secret?: () => string | undefined } = {},
  ) {
    super(modelId, {
      ...config,
      fetch: markStreamEnd(config.fetch),
      metadataExtractor: streamEndExtractor,
    });
    this.secret = secret;
  }

  override async doGenerate(
    options: LanguageModelV4CallOptions,
  ): Promise<LanguageModelV4GenerateResult> {
    const callOptions = await toOpenAICompatibleCall(options);
    let result: LanguageModelV4GenerateResult;
    try {
      result = await super.doGenerate(callOptions);
    } catch (error) {
      throw withReadableMessage(error, this.secret());
    }
    const metadata = basetenResponseMetadata(result.response?.headers);
    return {
      ...result,
      content: withUniqueToolCallIds(result.content),
      providerMetadata:
        metadata === undefined
          ? result.providerMetadata
          : {
              ...result.providerMetadata,
              baseten: { ...result.providerMetadata?.baseten, ...metadata },
            },
    };
  }

  override async doStream(
    options: LanguageModelV4CallOptions,
  ): Promise<LanguageModelV4StreamResult> {
    const callOptions = await toOpenAICompatibleCall(options);
    let result: LanguageModelV4StreamResult;
    try {
      result = await super.doStream(callOptions);
    } catch (error) {
      throw withReadableMessage(error, this.secret());
    }
    return {
      ...result,
      stream: guardStream(result.stream, {
        apiKey: this.secret(),
        finishMetadata: basetenResponseMetadata(result.response?.headers),
      }),
    };
  }

  override async prepareRequest(options: LanguageModelV4CallOptions) {
    return super.prepareRequest(await toOpenAICompatibleCall(options));
  }
}

/**
 * Rewrites a call for the OpenAI-compatible model: validates
 * `providerOptions.baseten`, renames typed fields to their wire names (which
 * the base model copies into the body), and moves `topK` to `top_k`.
 */
async function toOpenAICompatibleCall(
  options: LanguageModelV4CallOptions,
): Promise<LanguageModelV4CallOptions> {
  const raw = options.providerOptions?.[PROVIDER_OPTIONS_KEY];
  // Every option is optional: with none given, skip the schema (and building
  // it), which keeps zod off the time to first token of a plain call.
  const parsed =
    raw === undefined
      ? ({ success: true, value: {} as BasetenChatProviderOptions } as const)
      : await safeValidateTypes({ value: raw, schema: basetenChatProviderOptions });
  if (!parsed.success) {
    const issue = parsed.error.cause;
    throw new InvalidArgumentError({
      argument: `providerOptions.${PROVIDER_OPTIONS_KEY}`,
      message: `Invalid providerOptions.${PROVIDER_OPTIONS_KEY}: ${describeOptionIssues(issue)}. See BasetenChatProviderOptions for the accepted options and types.`,
      cause: issue,
    });
  }

  const { structuredOutputs, ...rest } = parsed.value;
  const wireOptions: Record<string, unknown> = { ...rest };
  for (const [option, wireName] of Object.entries(BASETEN_WIRE_NAMES)) {
    const camel = wireOptions[option];
    delete wireOptions[option];
    if (camel === undefined) continue;
    const snake = wireOptions[wireName];
    if (snake !== undefined && JSON.stringify(snake) !== JSON.stringify(camel)) {
      throw new InvalidArgumentError({
        argument: `providerOptions.${PROVIDER_OPTIONS_KEY}.${option}`,
        message: `providerOptions.${PROVIDER_OPTIONS_KEY} sets both ${option} and ${wireName} to different values; keep one of them.`,
      });
    }
    wireOptions[wireName] = camel;
  }
  if (wireOptions.reasoning_effort !== undefined) {
    wireOptions.reasoningEffort ??= wireOptions.reasoning_effort;
    delete wireOptions.reasoning_effort;
  }

  const { topK, ...call } = options;
  if (topK != null) {
    if (wireOptions.top_k !== undefined && wireOptions.top_k !== topK) {
      throw new InvalidArgumentError({
        argument: 'topK',
        message: `topK (${topK}) and providerOptions.${PROVIDER_OPTIONS_KEY}.topK (${String(wireOptions.top_k)}) disagree; set only one of them.`,
      });
    }
    wireOptions.top_k = topK;
  }

  // With nothing to send, leave providerOptions as they came: an entry under
  // `baseten` makes the OpenAI-compatible model build and run its own options
  // schema, which is most of a first call's setup time.
  const providerOptions: SharedV4ProviderOptions | undefined =
    raw === undefined && Object.keys(wireOptions).length === 0
      ? options.providerOptions
      : {
          ...options.providerOptions,
          [PROVIDER_OPTIONS_KEY]: wireOptions as SharedV4ProviderOptions[string],
        };

  const responseFormat = call.responseFormat;
  if (
    structuredOutputs === false &&
    responseFormat?.type === 'json' &&
    responseFormat.schema != null
  ) {
    // json_object mode: the deployment cannot constrain decoding, so the
    // schema goes into the system prompt instead.
    return {
      ...call,
      providerOptions,
      prompt: injectJsonInstructionIntoMessages({
        messages: call.prompt,
        schema: responseFormat.schema,
      }),
      responseFormat: { type: 'json' },
    };
  }
  return { ...call, providerOptions };
}

/**
 * Gives every tool call of an answer its own id: Kimi K2 Thinking returns
 * parallel calls with one id, and the AI SDK keys calls by id. A repeated id
 * gets the call's position as a suffix (`id-1`), so ids stay deterministic.
 */
function withUniqueToolCallIds(content: LanguageModelV4Content[]): LanguageModelV4Content[] {
  const seen = new Set<string>();
  let position = -1;
  let renamed = false;
  const unique = content.map(part => {
    if (part.type !== 'tool-call') return part;
    position++;
    let id = part.toolCallId;
    for (let n = position; seen.has(id); n++) id = `${part.toolCallId}-${n}`;
    seen.add(id);
    if (id === part.toolCallId) return part;
    renamed = true;
    return { ...part, toolCallId: id };
  });
  return renamed ? unique : content;
}
