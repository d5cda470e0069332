import type { Experimental_DecisionModelV4Input as DecisionInput } from '@ai-sdk/provider';
import { z } from 'zod/v4';
import { builtOnce } from '../baseten-built-once';

/** Text, a JSON object or a JSON array: what System One takes as state, instructions and criteria. */
export type SystemOneEntry = DecisionInput;

/** One question of a System One request (`noul` is a yes/no question). */
export type SystemOneQuestion =
  | {
      type: 'choice';
      instructions?: SystemOneEntry | null;
      criteria: Record<string, SystemOneEntry | null>;
    }
  | {
      type: 'score';
      instructions?: SystemOneEntry | null;
      criteria: (SystemOneEntry | null)[];
    }
  | {
      type: 'noul';
      instructions?: SystemOneEntry | null;
      criteria?: {
        true?: SystemOneEntry | null;
        false?: SystemOneEntry | null;
      };
    };

/** The body of `POST …/systemone` (Baseten decision models, System One protocol). */
export interface SystemOneRequest {
  model: string;
  state: SystemOneEntry;
  questions: Record<string, SystemOneQuestion>;
}

const probabilities = () => z.record(z.string(), z.number());

/** The answers System One returns, one per question, keyed by question id. */
function buildSystemOneResponseSchema() {
  const answer = z.discriminatedUnion('type', [
    z.looseObject({
      type: z.literal('choice'),
      choice: z.string(),
      confidence: z.number().nullish(),
      probabilities: probabilities().nullish(),
    }),
    z.looseObject({
      type: z.literal('score'),
      score: z.number(),
      confidence: z.number().nullish(),
      legend: z.record(z.string(), z.unknown()).nullish(),
      probabilities: probabilities().nullish(),
    }),
    z.looseObject({
      type: z.literal('noul'),
      // P(yes), 0–1
      noul: z.number(),
    }),
  ]);
  return z.looseObject({
    id: z.string().nullish(),
    model: z.string().nullish(),
    answers: z.record(z.string(), answer),
    usage: z
      .looseObject({
        input_tokens: z.number().nullish(),
        output_tokens: z.number().nullish(),
      })
      .nullish(),
  });
}

/** A parsed System One response. */
export type SystemOneResponse = z.infer<
  ReturnType<typeof buildSystemOneResponseSchema>
>;

/** One parsed System One answer. */
export type SystemOneAnswer = SystemOneResponse['answers'][string];

/** The response schema, built on first use. */
export const getSystemOneResponseSchema = builtOnce(
  buildSystemOneResponseSchema,
);
