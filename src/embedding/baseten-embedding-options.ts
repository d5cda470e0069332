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
 * Embedding model IDs. Baseten serves embeddings only from dedicated
 * deployments, which take any name (Baseten Embeddings Inference ignores it).
 */
export type BasetenEmbeddingModelId = 'embeddings' | (string & {});

/** Options under `providerOptions.baseten` for embedding models. */
export interface BasetenEmbeddingProviderOptions extends BasetenBatchProviderOptions {
  /** Output dimensions for Matryoshka models (`dimensions`); the model's own when unset. */
  dimensions?: number;
  /** End-user identifier, sent as `user`. */
  user?: string;
  /**
   * Wire encoding: `base64` (float32 little-endian, decoded for you, several
   * times faster) or `float` (decimal JSON numbers).
   * @default 'base64'
   */
  encodingFormat?: 'float' | 'base64';
}

/** The schema of `BasetenEmbeddingProviderOptions`. */
export const basetenEmbeddingProviderOptionsSchema: LazySchema<BasetenEmbeddingProviderOptions> =
  lazySchema(() =>
    zodSchema(
      z.object({
        dimensions: z
          .number()
          .int('dimensions must be a whole number')
          .positive('dimensions must be positive')
          .optional(),
        user: z.string().optional(),
        encodingFormat: z.enum(['float', 'base64']).optional(),
        ...batchProviderOptionsShape(),
      }),
    ),
  );

/** How embedding models parse their options and name them in errors and warnings. */
export const EMBEDDING_OPTIONS: DeploymentOptionsDescription<BasetenEmbeddingProviderOptions> =
  {
    schema: basetenEmbeddingProviderOptionsSchema,
    acceptedNames: optionNames<BasetenEmbeddingProviderOptions>({
      dimensions: true,
      user: true,
      encodingFormat: true,
      ...BATCH_OPTION_FLAGS,
    }),
    purpose: 'embeddings',
    models: 'Embedding models',
    typeName: 'BasetenEmbeddingProviderOptions',
  };
