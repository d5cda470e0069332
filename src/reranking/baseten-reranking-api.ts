import { z } from 'zod/v4';
import { builtOnce } from '../baseten-built-once';

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

/** The response schema, built on first use. */
export const getRerankResponseSchema = builtOnce(buildRerankResponseSchema);
