import { z } from 'zod/v4';
import { builtOnce } from '../baseten-built-once';

/** One request body of BEI's `POST …/sync/predict` (sequence classification). */
export interface BasetenClassifyRequest {
  /** One single-text array per input, as BEI takes them. */
  inputs: [string][];
  raw_scores?: boolean;
  truncate?: boolean;
  truncation_direction?: 'Left' | 'Right';
}

/** One request body of BEI-Bert's `POST …/sync/predict_tokens` (token classification, NER). */
export interface BasetenClassifyTokensRequest extends BasetenClassifyRequest {
  aggregation_strategy?: 'none' | 'simple' | 'first' | 'average' | 'max';
}

/** `/predict`'s answer: a bare array, one list of `{ label, score }` per input. */
function buildClassifyResponseSchema() {
  return z.array(
    z.array(z.looseObject({ label: z.string(), score: z.number() })),
  );
}

/** `/predict_tokens`' answer: a bare array, one list of tokens (or merged spans) per input. */
function buildClassifyTokensResponseSchema() {
  return z.array(
    z.array(
      z.looseObject({
        token: z.string(),
        token_id: z.number().int(),
        start: z.number().int().nonnegative(),
        end: z.number().int().nonnegative(),
        results: z.record(z.string(), z.number()),
      }),
    ),
  );
}

/** The `/predict` response schema, built on first use. */
export const getClassifyResponseSchema = builtOnce(buildClassifyResponseSchema);
/** The `/predict_tokens` response schema, built on first use. */
export const getClassifyTokensResponseSchema = builtOnce(
  buildClassifyTokensResponseSchema,
);
