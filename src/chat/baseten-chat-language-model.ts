import {
  APICallError,
  InvalidArgumentError,
  InvalidResponseDataError,
  type LanguageModelV4CallOptions,
  type LanguageModelV4GenerateResult,
  type LanguageModelV4StreamPart,
  type LanguageModelV4StreamResult,
  type SharedV4ProviderOptions,
} from '@ai-sdk/provider';
import { OpenAICompatibleChatLanguageModel } from '@ai-sdk/openai-compatible';
import {
  injectJsonInstructionIntoMessages,
  isAbortError,
  safeValidateTypes,
} from '@ai-sdk/provider-utils';
import { redactSecret, withReadableMessage } from '../baseten-error';
import { describeOptionIssues } from '../baseten-option-errors';
import {
  capabilityWarnings,
  explainRejection,
  withStreamWarnings,
} from '../catalog/baseten-capability-warnings';
import type { BasetenCatalogEntry } from '../catalog/baseten-catalog-snapshot';
import { isMissingDone, requireDoneEvent } from './baseten-sse-done';
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
  private readonly catalogEntry: BasetenCatalogEntry | undefined;

  /**
   * `secret` returns the API key in use, so errors can be scrubbed of it;
   * `catalogEntry` is the model's catalog snapshot entry, for capability warnings.
   */
  constructor(
    modelId: BasetenChatModelId,
    config: BasetenChatConfig,
    {
      secret = () => undefined,
      catalogEntry,
    }: { secret?: () => string | undefined; catalogEntry?: BasetenCatalogEntry } = {},
  ) {
    super(modelId, { ...config, fetch: requireDoneEvent(config.fetch) });
    this.secret = secret;
    this.catalogEntry = catalogEntry;
  }

  override async doGenerate(
    options: LanguageModelV4CallOptions,
  ): Promise<LanguageModelV4GenerateResult> {
    const callOptions = await toOpenAICompatibleCall(options);
    const warnings = capabilityWarnings(this.catalogEntry, options);
    try {
      const result = await super.doGenerate(callOptions);
      return { ...result, warnings: [...result.warnings, ...warnings] };
    } catch (error) {
      throw explainRejection(withReadableMessage(error, this.secret()), warnings);
    }
  }

  override async doStream(
    options: LanguageModelV4CallOptions,
  ): Promise<LanguageModelV4StreamResult> {
    const callOptions = await toOpenAICompatibleCall(options);
    const warnings = capabilityWarnings(this.catalogEntry, options);
    let result: LanguageModelV4StreamResult;
    try {
      result = await super.doStream(callOptions);
    } catch (error) {
      throw explainRejection(withReadableMessage(error, this.secret()), warnings);
    }
    const stream = guardStream(result.stream, this.secret());
    return { ...result, stream: withStreamWarnings(stream, warnings) };
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
 * What `doStream` returns, made honest about failures: a stream that breaks
 * off (the connection closes mid-way, or the body ends cleanly but without
 * `data: [DONE]`) rejects with an `APICallError` that says so and how much
 * text had arrived, all of it delivered first, instead of the AI SDK's
 * generic "Failed to process successful response" or a short result; a
 * stream that carried an error part finishes with `error`, not the `stop` of
 * a later chunk; and the API key is redacted from errors should a server
 * echo it.
 */
function guardStream(
  stream: ReadableStream<LanguageModelV4StreamPart>,
  secret: string | undefined,
): ReadableStream<LanguageModelV4StreamPart> {
  const reader = stream.getReader();
  let textCharacters = 0;
  let reasoningCharacters = 0;
  let sawError = false;
  let sawServerError = false;
  const cut = (controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>, error: unknown, how: string) => {
    controller.error(
      redactSecret(streamCutError(error, how, textCharacters, reasoningCharacters), secret),
    );
  };
  /** Passes one part on, checked; false once the stream has ended. */
  const forward = (
    controller: ReadableStreamDefaultController<LanguageModelV4StreamPart>,
    part: LanguageModelV4StreamPart,
  ): boolean => {
    switch (part.type) {
      case 'text-delta':
        textCharacters += part.delta.length;
        break;
      case 'reasoning-delta':
        reasoningCharacters += part.delta.length;
        break;
      case 'error':
        if (isMissingDone(part.error)) {
          // After an error event from the server, a body without [DONE] is
          // how that server gave up: the error part already says so.
          if (sawServerError) return true;
          cut(controller, part.error, 'the body ended without data: [DONE]');
          void reader.cancel().catch(() => {});
          return false;
        }
        sawError = true;
        // parse failures are Error instances; a server's error event is data
        if (!(part.error instanceof Error)) sawServerError = true;
        controller.enqueue({ ...part, error: redactSecret(part.error, secret) });
        return true;
      case 'finish':
        if (sawError && part.finishReason.unified !== 'error') {
          controller.enqueue({
            ...part,
            finishReason: { unified: 'error', raw: part.finishReason.raw },
          });
          return true;
        }
        break;
    }
    controller.enqueue(part);
    return true;
  };
  return new ReadableStream<LanguageModelV4StreamPart>(
    {
      // Several parts per pull while the queue has room, each with one await
      // (the read): this layer must not add measurably to streams of tens of
      // thousands of parts.
      async pull(controller) {
        for (;;) {
          let next: ReadableStreamReadResult<LanguageModelV4StreamPart>;
          try {
            next = await reader.read();
            // The OpenAI-compatible model reports a body that ended without a
            // finish reason as an InvalidResponseDataError part just before
            // its finish part (which then has no raw reason): the stream was
            // cut.
            if (!next.done && next.value.type === 'error' && InvalidResponseDataError.isInstance(next.value.error)) {
              const after = await reader.read();
              if (!after.done && after.value.type === 'finish' && after.value.finishReason.raw === undefined) {
                cut(controller, next.value.error, 'the body ended without a finish reason');
                void reader.cancel().catch(() => {});
                return;
              }
              sawError = true;
              controller.enqueue({ ...next.value, error: redactSecret(next.value.error, secret) });
              next = after;
            }
          } catch (error) {
            if (isAbortError(error)) controller.error(error);
            else cut(controller, error, 'connection closed');
            return;
          }
          if (next.done) {
            controller.close();
            return;
          }
          if (!forward(controller, next.value)) return;
          if ((controller.desiredSize ?? 0) <= 0) return;
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 16 },
  );
}

/** The error for a stream that stopped before the server finished it. */
function streamCutError(
  error: unknown,
  how: string,
  textCharacters: number,
  reasoningCharacters: number,
): APICallError {
  const reasons: string[] = [];
  for (let cause: unknown = error, depth = 0; cause != null && depth < 5; depth++) {
    const message = cause instanceof Error ? cause.message : String(cause);
    // the AI SDK's wrapper says nothing the user can act on
    if (message !== '' && message !== 'Failed to process successful response') reasons.push(message);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  const received =
    reasoningCharacters > 0
      ? `${textCharacters} characters of text and ${reasoningCharacters} of reasoning`
      : `${textCharacters} characters of text`;
  const original = APICallError.isInstance(error) ? error : undefined;
  return new APICallError({
    message: `The Baseten stream ended before it finished (${how} after ${received})${
      APICallError.isInstance(error) && reasons.length > 0 ? `: ${reasons.join(': ')}` : ''
    }`,
    url: original?.url ?? '',
    requestBodyValues: original?.requestBodyValues,
    statusCode: original?.statusCode,
    responseHeaders: original?.responseHeaders,
    cause: error,
    isRetryable: true,
  });
}
