import {
  Experimental_DecisionUnsupportedQuestionTypeError as DecisionUnsupportedQuestionTypeError,
  UnsupportedFunctionalityError,
  type Experimental_DecisionModelV4Question as DecisionQuestion,
  type Experimental_DecisionModelV4State as DecisionState,
  type JSONValue,
} from '@ai-sdk/provider';
import type {
  SystemOneEntry,
  SystemOneQuestion,
  SystemOneRequest,
} from './baseten-decision-api';

/** The question types Baseten's decision models answer (`boolean` is System One's `noul`). */
export const DECISION_QUESTION_TYPES = ['choice', 'score', 'boolean'] as const;

/** Who a request is for, to name in errors. */
export interface DecisionModelIdentity {
  readonly provider: string;
  readonly modelId: string;
}

/** Throws before any request for a question type Baseten does not answer (e.g. `box`). */
export function checkQuestionTypes(
  questions: Readonly<Record<string, DecisionQuestion>>,
  model: DecisionModelIdentity,
): void {
  for (const [questionId, question] of Object.entries(questions)) {
    const types: readonly string[] = DECISION_QUESTION_TYPES;
    if (types.includes(question.type)) continue;
    throw new DecisionUnsupportedQuestionTypeError({
      questionId,
      questionType: question.type,
      provider: model.provider,
      modelId: model.modelId,
      message:
        `Question "${questionId}" is a ${question.type} question; Baseten's decision models ` +
        `answer ${DECISION_QUESTION_TYPES.join(', ')} questions only.`,
    });
  }
}

/** One AI SDK question as System One's (only `boolean` changes its name, to `noul`). */
function toSystemOneQuestion(question: DecisionQuestion): SystemOneQuestion {
  const instructions =
    question.instructions === undefined
      ? {}
      : { instructions: entry(question.instructions) };
  switch (question.type) {
    case 'choice':
      return {
        type: 'choice',
        ...instructions,
        criteria: Object.fromEntries(
          Object.entries(question.criteria).map(([option, description]) => [
            option,
            entry(description),
          ]),
        ),
      };
    case 'score':
      return {
        type: 'score',
        ...instructions,
        criteria: question.criteria.map(entry),
      };
    case 'boolean':
      return {
        type: 'noul',
        ...instructions,
        ...(question.criteria != null && {
          criteria: {
            ...(question.criteria.true !== undefined && {
              true: entry(question.criteria.true),
            }),
            ...(question.criteria.false !== undefined && {
              false: entry(question.criteria.false),
            }),
          },
        }),
      };
    default:
      // checkQuestionTypes runs first
      throw new Error(`unsupported question type ${question.type}`);
  }
}

/** A description as sent: System One takes the AI SDK's text, JSON object or array, or null. */
function entry(
  value: SystemOneEntry | null | undefined,
): SystemOneEntry | null {
  return value ?? null;
}

/** One state part as System One state: text as a string, JSON as is. */
function statePartValue(part: DecisionState[number]): JSONValue {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'json':
      return part.value;
    case 'file':
      if (part.data.type === 'text') return part.data.text;
      throw new UnsupportedFunctionalityError({
        functionality: 'file state',
        message:
          `Baseten's decision models read text and JSON state only, not ${part.mediaType} files. ` +
          'Pass the content as a string, a JSON value, or a text part.',
      });
  }
}

/**
 * The AI SDK state as System One's: one part as its text or JSON; several parts as a JSON
 * array of them in order (nothing joined or dropped).
 */
function toSystemOneState(state: DecisionState): SystemOneEntry {
  const values = state.map(statePartValue);
  if (values.length === 1) {
    const [only] = values;
    if (typeof only === 'string' || (typeof only === 'object' && only !== null))
      return only;
  }
  return values;
}

/** The body of one decision request. */
export function toSystemOneRequest(
  modelId: string,
  state: DecisionState,
  questions: Readonly<Record<string, DecisionQuestion>>,
): SystemOneRequest {
  return {
    model: modelId,
    state: toSystemOneState(state),
    questions: Object.fromEntries(
      Object.entries(questions).map(([id, question]) => [
        id,
        toSystemOneQuestion(question),
      ]),
    ),
  };
}
