import {
  APICallError,
  InvalidResponseDataError,
  JSONParseError,
  TypeValidationError,
  type ModelCapabilities,
} from '@ai-sdk/provider';
import {
  createJsonErrorResponseHandler,
  createJsonResponseHandler,
  getFromApi,
  type FetchFunction,
} from '@ai-sdk/provider-utils';
import { basetenErrorStructure, withReadableMessage } from '../baseten-error';
import { describeSchemaIssues } from '../baseten-option-errors';
import { redactApiKey } from '../baseten-redaction';
import {
  basetenCatalogResponseSchema,
  type BasetenCatalogWireEntry,
} from './baseten-catalog-api';
import { basetenModelCapabilities } from './baseten-model-capabilities';

/** One model of `baseten.getAvailableModels()`. */
export interface BasetenModelEntry {
  /** The slug to pass to `baseten(...)`. */
  readonly id: string;
  /** Display name (the slug when the listing has none). */
  readonly name: string;
  readonly description: string | undefined;
  /** Context window in tokens. */
  readonly contextLength: number | undefined;
  /** Most tokens one answer may have (`max_completion_tokens`). */
  readonly maxOutputTokens: number | undefined;
  /** USD per token, as Baseten gives them (decimal strings). */
  readonly pricing:
    { readonly input: string; readonly output: string } | undefined;
  /** What the model takes, in the AI SDK's shape; `'unknown'` where the listing is silent. */
  readonly capabilities: ModelCapabilities;
  /** The entry as the server sent it. */
  readonly raw: BasetenCatalogWireEntry;
}

/** What `baseten.getAvailableModels()` resolves to. */
export interface BasetenAvailableModels {
  readonly models: BasetenModelEntry[];
}

/** Options of one `getAvailableModels()` call. */
export interface BasetenAvailableModelsOptions {
  readonly abortSignal?: AbortSignal;
}

/** How the provider reaches the catalog. */
export interface BasetenCatalogConfig {
  readonly url: string;
  readonly headers: () => Record<string, string | undefined>;
  readonly fetch: FetchFunction;
  /** The API key in use, so errors can be scrubbed of it. */
  readonly apiKey: () => string | undefined;
}

function priceText(
  value: string | number | null | undefined,
): string | undefined {
  return value == null ? undefined : String(value);
}

function toModelEntry(raw: BasetenCatalogWireEntry): BasetenModelEntry {
  const input = priceText(raw.pricing?.prompt);
  const output = priceText(raw.pricing?.completion);
  return {
    id: raw.id,
    name: raw.name ?? raw.id,
    description: raw.description ?? undefined,
    contextLength: raw.context_length ?? undefined,
    maxOutputTokens: raw.max_completion_tokens ?? undefined,
    pricing:
      input !== undefined && output !== undefined
        ? { input, output }
        : undefined,
    capabilities: basetenModelCapabilities(raw),
    raw,
  };
}

/** A 2xx body that is not JSON or not a model list: bad data, not a failed call. */
function notACatalog(error: unknown): InvalidResponseDataError | undefined {
  if (!APICallError.isInstance(error) || error.statusCode == null)
    return undefined;
  if (error.statusCode < 200 || error.statusCode > 299) return undefined;
  const cause = error.cause;
  let problem: string;
  if (TypeValidationError.isInstance(cause))
    problem = describeSchemaIssues(cause.cause);
  else if (JSONParseError.isInstance(cause)) problem = 'the body is not JSON';
  else return undefined;
  return new InvalidResponseDataError({
    data: error.responseBody,
    message:
      `${error.url} did not answer with a model list ({"data": [...]}): ${problem}. ` +
      'Check that baseURL points at Baseten Model APIs (or a gateway in front of them).',
  });
}

/** Lists the models of Baseten's `GET /v1/models` with their capabilities and prices. */
export async function fetchAvailableModels(
  config: BasetenCatalogConfig,
  options: BasetenAvailableModelsOptions = {},
): Promise<BasetenAvailableModels> {
  try {
    const { value } = await getFromApi({
      url: config.url,
      headers: config.headers(),
      successfulResponseHandler: createJsonResponseHandler(
        basetenCatalogResponseSchema,
      ),
      failedResponseHandler: createJsonErrorResponseHandler(
        basetenErrorStructure,
      ),
      abortSignal: options.abortSignal,
      fetch: config.fetch,
    });
    return { models: value.data.map(toModelEntry) };
  } catch (error) {
    const apiKey = config.apiKey();
    const notCatalog = notACatalog(error);
    // withReadableMessage redacts on its own
    throw notCatalog !== undefined
      ? redactApiKey(notCatalog, apiKey)
      : withReadableMessage(error, apiKey);
  }
}
