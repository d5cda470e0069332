import { lazySchema, zodSchema, type LazySchema } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { optionNames } from '../baseten-options';
import {
  BATCH_OPTION_FLAGS,
  batchProviderOptionsShape,
  type BasetenBatchProviderOptions,
  type DeploymentOptionsDescription,
} from '../deployment/baseten-deployment-options';

/**
 * Reranking model IDs. Rerankers run on dedicated deployments (Baseten
 * Embeddings Inference), which are addressed by `modelURL`; the ID is only a
 * label and is not sent.
 */
export type BasetenRerankingModelId = 'reranker' | (string & {});

/** The schema of `BasetenRerankingProviderOptions`. */
export const basetenRerankingProviderOptionsSchema: LazySchema<BasetenRerankingProviderOptions> =
  lazySchema(() =>
    zodSchema(
      z.object({
        rawScores: z.boolean().optional(),
        truncate: z.boolean().optional(),
        truncationDirection: z.enum(['Left', 'Right']).optional(),
        ...batchProviderOptionsShape(),
      }),
    ),
  );

/** Options under `providerOptions.baseten` for reranking models. */
export interface BasetenRerankingProviderOptions extends BasetenBatchProviderOptions {
  /**
   * Return the model's unnormalized scores (`raw_scores`) instead of scores in 0–1.
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
}

/** How reranking models parse their options and name them in errors and warnings. */
export const RERANKING_OPTIONS: DeploymentOptionsDescription<BasetenRerankingProviderOptions> =
  {
    purpose: 'reranking',
    models: 'Reranking models',
    typeName: 'BasetenRerankingProviderOptions',
    schema: basetenRerankingProviderOptionsSchema,
    acceptedNames: optionNames<BasetenRerankingProviderOptions>({
      rawScores: true,
      truncate: true,
      truncationDirection: true,
      ...BATCH_OPTION_FLAGS,
    }),
  };
