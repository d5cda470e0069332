import { lazySchema, zodSchema, type InferSchema } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';

/**
 * Embedding model IDs. Baseten serves embeddings only from dedicated
 * deployments, which take any name (Baseten Embeddings Inference ignores it).
 */
export type BasetenEmbeddingModelId = 'embeddings' | (string & {});

/** Baseten Embeddings Inference's limit of inputs per request. */
export const MAX_INPUTS_PER_REQUEST = 128;

/** Requests in flight at once when `maxConcurrentRequests` is not set. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 32;

/** Highest `maxConcurrentRequests` accepted (the native client's own cap at small batches). */
export const MAX_CONCURRENT_REQUESTS_LIMIT = 512;

/** Options shared by batched calls (embeddings and reranking). */
export function buildBatchTuningShape() {
  return {
    /** Inputs per request, 1–128 (default 128). */
    batchSize: z
      .number()
      .int('batchSize must be a whole number')
      .min(1, 'batchSize must be at least 1')
      .max(MAX_INPUTS_PER_REQUEST, `batchSize must be at most ${MAX_INPUTS_PER_REQUEST} (Baseten's per-request limit)`)
      .optional(),
    /** Requests in flight at once, 1–512 (default 32). */
    maxConcurrentRequests: z
      .number()
      .int('maxConcurrentRequests must be a whole number')
      .min(1, 'maxConcurrentRequests must be at least 1')
      .max(MAX_CONCURRENT_REQUESTS_LIMIT, `maxConcurrentRequests must be at most ${MAX_CONCURRENT_REQUESTS_LIMIT}`)
      .optional(),
    /** Per-request timeout in milliseconds (the native client rounds up to whole seconds). */
    timeoutMs: z
      .number()
      .positive('timeoutMs must be positive')
      .max(3_600_000, 'timeoutMs must be at most 3,600,000 (one hour)')
      .optional(),
    /** Race a duplicate request after this many milliseconds without an answer (HTTP only). */
    hedgeDelayMs: z.number().positive('hedgeDelayMs must be positive').optional(),
  };
}

function buildEmbeddingProviderOptionsSchema() {
  return z.object({
    /** Output dimensions for Matryoshka models (`dimensions`). */
    dimensions: z
      .number()
      .int('dimensions must be a whole number')
      .positive('dimensions must be positive')
      .optional(),
    /** End-user identifier, sent as `user`. */
    user: z.string().optional(),
    /**
     * Wire encoding: `base64` (default; float32 little-endian, decoded for
     * you, several times faster) or `float` (decimal JSON numbers).
     */
    encodingFormat: z.enum(['float', 'base64']).optional(),
    ...buildBatchTuningShape(),
  });
}

/** The schema of `providerOptions.baseten` for embedding models. */
export const basetenEmbeddingProviderOptions = lazySchema(() =>
  zodSchema(buildEmbeddingProviderOptionsSchema()),
);

/** Options under `providerOptions.baseten` for embedding models. */
export type BasetenEmbeddingProviderOptions = InferSchema<
  typeof basetenEmbeddingProviderOptions
>;

/** Option names `providerOptions.baseten` accepts for embeddings. */
export const EMBEDDING_OPTION_NAMES = [
  'dimensions',
  'user',
  'encodingFormat',
  'batchSize',
  'maxConcurrentRequests',
  'timeoutMs',
  'hedgeDelayMs',
] as const;
