import {
  InvalidResponseDataError,
  type Experimental_DecisionModelV4Answer as DecisionAnswer,
  type Experimental_DecisionModelV4Question as DecisionQuestion,
  type Experimental_DecisionModelV4Result as DecisionResult,
} from '@ai-sdk/provider';
import type {
  SystemOneAnswer,
  SystemOneResponse,
} from './baseten-decision-api';

/** What System One says about an answer beyond the AI SDK's fields (`providerMetadata.baseten.answers.<id>`). */
export interface BasetenDecisionAnswerMetadata {
  /** The model's confidence in a choice or score answer, 0–1. */
  confidence?: number;
  /** A score's levels by index (`"0"`, `"1"`, …), as the model read them. */
  legend?: Record<string, unknown>;
}

/** The AI SDK's type of each System One answer type. */
const AI_SDK_TYPE = {
  choice: 'choice',
  score: 'score',
  noul: 'boolean',
} as const;

/** The decided answers, one per question, with what only System One reports. */
export interface MappedAnswers {
  readonly answers: Record<string, DecisionAnswer>;
  readonly metadata: Record<string, BasetenDecisionAnswerMetadata>;
  readonly rounding?: DecisionResult['rounding'];
}

/**
 * System One's answers as the AI SDK's: exactly one per question, of the question's type
 * (a missing, extra or mistyped answer is an error, never a partial result).
 */
export function mapAnswers(
  response: SystemOneResponse,
  questions: Readonly<Record<string, DecisionQuestion>>,
): MappedAnswers {
  checkAnswerIds(response, questions);
  const answers: Record<string, DecisionAnswer> = {};
  const metadata: Record<string, BasetenDecisionAnswerMetadata> = {};
  for (const [id, question] of Object.entries(questions)) {
    const answer = response.answers[id];
    if (AI_SDK_TYPE[answer.type] !== question.type) {
      throw new InvalidResponseDataError({
        data: response.answers,
        message: `Baseten answered question "${id}" (a ${question.type} question) with a ${answer.type} answer.`,
      });
    }
    answers[id] = toDecisionAnswer(answer);
    const extra = answerMetadata(answer);
    if (Object.keys(extra).length > 0) metadata[id] = extra;
  }
  const rounding = roundingOf(Object.values(response.answers));
  return { answers, metadata, ...(rounding && { rounding }) };
}

function checkAnswerIds(
  response: SystemOneResponse,
  questions: Readonly<Record<string, DecisionQuestion>>,
): void {
  const asked = Object.keys(questions);
  const answered = Object.keys(response.answers);
  const missing = asked.filter(id => !Object.hasOwn(response.answers, id));
  const extra = answered.filter(id => !Object.hasOwn(questions, id));
  if (missing.length === 0 && extra.length === 0) return;
  const parts = [
    missing.length > 0 && `no answer to ${quoteAll(missing)}`,
    extra.length > 0 && `answers to questions not asked: ${quoteAll(extra)}`,
  ].filter(Boolean);
  throw new InvalidResponseDataError({
    data: response.answers,
    message: `Baseten's decision response has ${parts.join('; ')}; no answers were returned, since a decision has one answer per question.`,
  });
}

const quoteAll = (ids: readonly string[]) =>
  ids.map(id => `"${id}"`).join(', ');

function toDecisionAnswer(answer: SystemOneAnswer): DecisionAnswer {
  switch (answer.type) {
    case 'choice':
      return {
        type: 'choice',
        choice: answer.choice,
        ...(answer.probabilities != null && {
          probabilities: answer.probabilities,
        }),
      };
    case 'score':
      return {
        type: 'score',
        score: answer.score,
        ...(answer.probabilities != null && {
          probabilities: answer.probabilities,
        }),
      };
    case 'noul':
      return { type: 'boolean', probability: answer.noul };
  }
}

function answerMetadata(
  answer: SystemOneAnswer,
): BasetenDecisionAnswerMetadata {
  if (answer.type === 'noul') return {};
  return {
    ...(answer.confidence != null && { confidence: answer.confidence }),
    ...(answer.type === 'score' &&
      answer.legend != null && { legend: answer.legend }),
  };
}

/** Decimal places of a number as written (`0.75` → 2), at most 17. */
function decimalsOf(value: number): number {
  const [mantissa, exponent] = value.toExponential().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/** Above this many decimals a value is taken as unrounded. */
const MAX_ROUNDED_DECIMALS = 6;

/**
 * The rounding the answers show: when every probability (or score) has at most 6 decimals,
 * the model rounded them, and the AI SDK is told so its sum and mean checks allow for it.
 */
function roundingOf(
  answers: readonly SystemOneAnswer[],
): DecisionResult['rounding'] | undefined {
  const probabilities: number[] = [];
  const scores: number[] = [];
  for (const answer of answers) {
    if (answer.type === 'noul') continue;
    probabilities.push(...Object.values(answer.probabilities ?? {}));
    if (answer.type === 'score') scores.push(answer.score);
  }
  const decimals = (values: number[]) => {
    if (values.length === 0) return undefined;
    const most = Math.max(...values.map(decimalsOf));
    return most <= MAX_ROUNDED_DECIMALS ? most : undefined;
  };
  const probabilityDecimals = decimals(probabilities);
  const scoreDecimals = decimals(scores);
  if (probabilityDecimals === undefined && scoreDecimals === undefined)
    return undefined;
  return {
    ...(probabilityDecimals !== undefined && { probabilityDecimals }),
    ...(scoreDecimals !== undefined && { scoreDecimals }),
  };
}
