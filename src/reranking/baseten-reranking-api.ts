import { z } from 'zod/v4';

/** One request body of `POST …/sync/rerank` (Baseten Embeddings Inference). */
export interface BasetenRerankRequest {
  query: string;
  texts: string[];
  /** Always false: the texts are the caller's own, echoing them back only costs bytes. */
  return_text: false;
  raw_scores?: boolean;
  truncate?: boolean;
  truncation_direction?: 'Left' | 'Right';
}

/** The response of `POST …/sync/rerank`: one `{ index, score }` per text, in any order. */
function buildRerankResponseSchema() {
  return z.array(
    z.object({
      index: z.number().int().nonnegative(),
      // zod's number() already rejects NaN and ±Infinity
      score: z.number(),
      text: z.string().nullish(),
    }),
  );
}

/** A parsed rerank response. */
export type BasetenRerankResponse = z.infer<
  ReturnType<typeof buildRerankResponseSchema>
>;

let rerankResponseSchema:
  ReturnType<typeof buildRerankResponseSchema> | undefined;

/** The response schema, built on first use (zod, not lazySchema: it is checked synchronously). */
export function getRerankResponseSchema(): ReturnType<
  typeof buildRerankResponseSchema
> {
  return (rerankResponseSchema ??= buildRerankResponseSchema());
}
