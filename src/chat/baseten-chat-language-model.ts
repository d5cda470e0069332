import {
  type LanguageModelV4CallOptions,
  type LanguageModelV4Content,
  type LanguageModelV4GenerateResult,
  type LanguageModelV4StreamResult,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { OpenAICompatibleChatLanguageModel } from '@ai-sdk/openai-compatible';
import { withReadableMessage } from '../baseten-error';
import { basetenResponseMetadata } from '../baseten-response-metadata';
import {
  capabilityWarnings,
  rejectionExplanation,
} from '../catalog/baseten-capability-warnings';
import type { BasetenCatalogEntry } from '../catalog/baseten-catalog-snapshot';
import { unknownSlugExplanation } from '../catalog/baseten-slug-suggestions';
import { PROVIDER_OPTIONS_KEY } from '../baseten-options';
import { toOpenAICompatibleCall } from './baseten-chat-call';
import { unknownChatOptionWarnings } from './baseten-chat-unknown-options';
import { guardStream } from './baseten-chat-stream-guard';
import { markStreamEnd, streamEndExtractor } from './baseten-sse-end';
import type { BasetenChatModelId } from './baseten-chat-options';

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
  private readonly apiKey: () => string | undefined;
  private readonly catalogEntry: BasetenCatalogEntry | undefined;
  private readonly isModelAPIs: boolean;

  /**
   * `apiKey` returns the key in use, so errors can be scrubbed of it;
   * `catalogEntry` is the model's catalog snapshot entry, for capability warnings.
   */
  constructor(
    modelId: BasetenChatModelId,
    config: BasetenChatConfig,
    {
      apiKey = () => undefined,
      catalogEntry,
      isModelAPIs = false,
    }: {
      apiKey?: () => string | undefined;
      catalogEntry?: BasetenCatalogEntry;
      /** Model APIs (not a deployment): a 404 names the nearest catalog slugs. */
      isModelAPIs?: boolean;
    } = {},
  ) {
    super(modelId, {
      ...config,
      fetch: markStreamEnd(config.fetch),
      metadataExtractor: streamEndExtractor,
    });
    this.apiKey = apiKey;
    this.catalogEntry = catalogEntry;
    this.isModelAPIs = isModelAPIs;
  }

  override async doGenerate(
    options: LanguageModelV4CallOptions,
  ): Promise<LanguageModelV4GenerateResult> {
    const callOptions = await toOpenAICompatibleCall(options);
    const warnings = this.callWarnings(options);
    let result: LanguageModelV4GenerateResult;
    try {
      result = await super.doGenerate(callOptions);
    } catch (error) {
      throw withReadableMessage(
        error,
        this.apiKey(),
        this.explain(error, warnings),
      );
    }
    const metadata = basetenResponseMetadata(result.response?.headers);
    return {
      ...result,
      warnings: [...result.warnings, ...warnings],
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
    const warnings = this.callWarnings(options);
    let result: LanguageModelV4StreamResult;
    try {
      result = await super.doStream(callOptions);
    } catch (error) {
      throw withReadableMessage(
        error,
        this.apiKey(),
        this.explain(error, warnings),
      );
    }
    return {
      ...result,
      stream: guardStream(result.stream, {
        apiKey: this.apiKey(),
        responseHeaders: result.response?.headers,
        warnings,
      }),
    };
  }

  /** A likely cause to add to Baseten's message: the call's warnings, or the nearest slugs. */
  /** The warnings this package adds to a call: unknown Baseten options, then the catalog's capability warnings. */
  private callWarnings(options: LanguageModelV4CallOptions) {
    return [
      ...unknownChatOptionWarnings(
        options.providerOptions?.[PROVIDER_OPTIONS_KEY],
      ),
      ...capabilityWarnings(this.catalogEntry, options),
    ];
  }

  private explain(
    error: unknown,
    warnings: readonly SharedV4Warning[],
  ): string | undefined {
    return (
      rejectionExplanation(error, warnings) ??
      (this.isModelAPIs
        ? unknownSlugExplanation(error, this.modelId)
        : undefined)
    );
  }

  override async prepareRequest(options: LanguageModelV4CallOptions) {
    return super.prepareRequest(await toOpenAICompatibleCall(options));
  }
}

/**
 * Gives every tool call of an answer its own id: Kimi K2 Thinking returns
 * parallel calls with one id, and the AI SDK keys calls by id. A repeated id
 * gets the call's position as a suffix (`id-1`), so ids stay deterministic.
 */
function withUniqueToolCallIds(
  content: LanguageModelV4Content[],
): LanguageModelV4Content[] {
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
