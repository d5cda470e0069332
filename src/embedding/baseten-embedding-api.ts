import { z } from 'zod/v4';

/** One request body of `POST …/sync/v1/embeddings`. */
export interface BasetenEmbeddingRequest {
  model: string;
  input: string[];
  encoding_format: 'float' | 'base64';
  dimensions?: number;
  user?: string;
}

/**
 * The response of `POST …/sync/v1/embeddings` (OpenAI list shape). An
 * embedding is a base64 string or an array; its numbers are checked while
 * they are copied, not by the schema, which would walk every number twice.
 */
function buildEmbeddingResponseSchema() {
  return z.object({
    data: z.array(
      z.object({
        index: z.number().int().nonnegative().optional(),
        embedding: z.custom<string | unknown[]>(
          value => typeof value === 'string' || Array.isArray(value),
          'embedding must be a base64 string or an array of numbers',
        ),
      }),
    ),
    model: z.string().nullish(),
    usage: z
      .object({
        prompt_tokens: z.number().nullish(),
        total_tokens: z.number().nullish(),
      })
      .nullish(),
  });
}

/** A parsed embeddings response. */
export type BasetenEmbeddingResponse = z.infer<ReturnType<typeof buildEmbeddingResponseSchema>>;

let embeddingResponseSchema: ReturnType<typeof buildEmbeddingResponseSchema> | undefined;

/** The response schema, built on first use (zod schemas cost import time). */
export function getEmbeddingResponseSchema(): ReturnType<typeof buildEmbeddingResponseSchema> {
  return (embeddingResponseSchema ??= buildEmbeddingResponseSchema());
}
