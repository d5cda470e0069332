import { lazySchema, zodSchema, type InferSchema } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { buildBatchTuningShape } from '../embedding/baseten-embedding-options';

/**
 * Reranking model IDs. Rerankers run on dedicated deployments (Baseten
 * Embeddings Inference), which are addressed by `modelURL`; the ID is only a
 * label and is not sent.
 */
export type BasetenRerankingModelId = 'reranker' | (string & {});

function buildRerankingProviderOptionsSchema() {
  return z.object({
    /** Return the model's unnormalized scores (`raw_scores`) instead of scores in 0–1. */
    rawScores: z.boolean().optional(),
    /** Truncate over-long inputs instead of failing the request (`truncate`). */
    truncate: z.boolean().optional(),
    /** Which end to cut when truncating (`truncation_direction`, BEI's default `Right`). */
    truncationDirection: z.enum(['Left', 'Right']).optional(),
    ...buildBatchTuningShape(),
  });
}

/** The schema of `providerOptions.baseten` for reranking models. */
export const basetenRerankingProviderOptions = lazySchema(() =>
  zodSchema(buildRerankingProviderOptionsSchema()),
);

/** Options under `providerOptions.baseten` for reranking models. */
export type BasetenRerankingProviderOptions = InferSchema<
  typeof basetenRerankingProviderOptions
>;

/** Option names `providerOptions.baseten` accepts for reranking. */
export const RERANKING_OPTION_NAMES = [
  'rawScores',
  'truncate',
  'truncationDirection',
  'batchSize',
  'maxConcurrentRequests',
  'timeoutMs',
  'hedgeDelayMs',
] as const;
