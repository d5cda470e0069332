import { InvalidArgumentError } from '@ai-sdk/provider';
import { z } from 'zod/v4';
import { builtOnce } from '../baseten-built-once';
import { describeSchemaIssues } from '../baseten-option-errors';
import {
  batchProviderOptionsShape,
  batchSettings,
  type BasetenBatchProviderOptions,
  type BatchSettings,
} from '../deployment/baseten-deployment-options';

/** Classifier IDs: a label only (the deployment at `modelURL` is what answers); not sent. */
export type BasetenClassifierModelId = 'classifier' | (string & {});

/** Options of `classify()` (BEI `/predict`) and `classifyTokens()` (BEI-Bert `/predict_tokens`). */
export interface BasetenClassificationOptions extends BasetenBatchProviderOptions {
  /**
   * Return the model's unnormalized logits (`raw_scores`) instead of normalized scores.
   * @default false
   */
  rawScores?: boolean;
  /** Truncate over-long inputs instead of failing the request (`truncate`); the server's default when unset. */
  truncate?: boolean;
  /**
   * Which end to cut when truncating (`truncation_direction`).
   * @default 'Right'
   */
  truncationDirection?: 'Left' | 'Right';
  /** Cancels the call (requests in flight are aborted). */
  abortSignal?: AbortSignal;
  /** Extra headers for this call's requests. */
  headers?: Record<string, string | undefined>;
}

/** How `classifyTokens()` merges sub-word tokens into entities (Hugging Face `pipeline('ner')` meanings). */
export type BasetenAggregationStrategy =
  'none' | 'simple' | 'first' | 'average' | 'max';

/** Options of `classifyTokens()` (BEI-Bert `/predict_tokens`, NER). */
export interface BasetenTokenClassificationOptions extends BasetenClassificationOptions {
  /**
   * How sub-word tokens are merged into entities (`aggregation_strategy`): `none` returns every
   * token with all its BIO labels; Baseten recommends `max`. The server's default when unset.
   */
  aggregationStrategy?: BasetenAggregationStrategy;
}

function classificationShape() {
  return {
    rawScores: z.boolean().optional(),
    truncate: z.boolean().optional(),
    truncationDirection: z.enum(['Left', 'Right']).optional(),
    abortSignal: z.instanceof(AbortSignal).optional(),
    headers: z.record(z.string(), z.string().optional()).optional(),
    ...batchProviderOptionsShape(),
  };
}

/** The schema of `BasetenClassificationOptions` (unknown keys are errors: the options are typed). */
export const getClassificationOptionsSchema = builtOnce(() =>
  z.strictObject(classificationShape()),
);

/** The schema of `BasetenTokenClassificationOptions`. */
export const getTokenClassificationOptionsSchema = builtOnce(() =>
  z.strictObject({
    ...classificationShape(),
    aggregationStrategy: z
      .enum(['none', 'simple', 'first', 'average', 'max'])
      .optional(),
  }),
);

/** Parsed options, the batch defaults filled in. */
export type ClassificationSettings<T extends BasetenClassificationOptions> = T &
  BatchSettings;

/** Checks a call's options before any request: a bad one throws naming it and the type to read. */
export function parseClassificationOptions<
  T extends BasetenClassificationOptions,
>(
  options: unknown,
  schema: z.ZodType<T>,
  typeName: string,
): ClassificationSettings<T> {
  const parsed = schema.safeParse(options ?? {});
  if (!parsed.success) {
    throw new InvalidArgumentError({
      argument: 'options',
      message: `Invalid ${typeName}: ${describeSchemaIssues(parsed.error)}. See ${typeName} for the accepted options and types.`,
      cause: parsed.error,
    });
  }
  return { ...parsed.data, ...batchSettings(parsed.data) };
}
