import { InvalidArgumentError, type SharedV4Warning } from '@ai-sdk/provider';
import { safeValidateTypes, type FlexibleSchema } from '@ai-sdk/provider-utils';
import { describeOptionIssues } from '../baseten-option-errors';

/** The key under `providerOptions` this provider reads. */
export const PROVIDER_OPTIONS_KEY = 'baseten';

/** How a batched model (embeddings, reranking) names itself in option errors. */
export interface BatchOptionsDescription<T> {
  readonly schema: FlexibleSchema<T>;
  /** Option names the schema accepts; others become warnings. */
  readonly accepted: readonly string[];
  /** What the call does, e.g. `embeddings` ("Invalid providerOptions.baseten for …"). */
  readonly purpose: string;
  /** Who ignores an unknown option, e.g. `Embedding models`. */
  readonly models: string;
  /** The exported options type a user should look up. */
  readonly typeName: string;
}

/**
 * Validates `providerOptions.baseten` before any request: a bad value is an
 * `InvalidArgumentError` naming the setting, an unknown key a warning (so a
 * typo is not dropped silently).
 */
export async function parseBatchOptions<T>(
  providerOptions: Record<string, Record<string, unknown>> | undefined,
  description: BatchOptionsDescription<T>,
  warnings: SharedV4Warning[],
): Promise<T> {
  const raw = providerOptions?.[PROVIDER_OPTIONS_KEY];
  // Every option is optional, so no options is valid as is; skipping the
  // schema keeps zod off the path of the common call.
  if (raw === undefined) return {} as T;
  const parsed = await safeValidateTypes({ value: raw, schema: description.schema });
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: `providerOptions.${PROVIDER_OPTIONS_KEY}`,
      message: `Invalid providerOptions.${PROVIDER_OPTIONS_KEY} for ${description.purpose}: ${describeOptionIssues(parsed.error.cause)}. See ${description.typeName} for the accepted options.`,
      cause: parsed.error.cause,
    });
  }
  for (const name of Object.keys(raw)) {
    if (!description.accepted.includes(name)) {
      warnings.push({
        type: 'unsupported',
        feature: `providerOptions.${PROVIDER_OPTIONS_KEY}.${name}`,
        details: `${description.models} do not use "${name}"; it was ignored. Accepted: ${description.accepted.join(', ')}.`,
      });
    }
  }
  return parsed.value;
}
