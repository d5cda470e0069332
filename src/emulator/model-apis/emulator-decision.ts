import { EmulatorRequestError, LIVE_MESSAGES } from '../edge/emulator-errors';
import { isRecord } from '../edge/emulator-is-record';
import { countTokens, digest } from '../edge/emulator-text';

/** The decision models the emulator serves on `POST /v1/systemone`. */
const EMULATOR_DECISION_MODELS: readonly string[] = ['decision-models/laya'];

/** Probabilities are written with 4 decimals, scores with 4, P(yes) with 2 (as rounded output). */
const DECIMALS = 4;

/** A description (text, JSON or null) as the words the emulator matches on. */
function textOf(value: unknown): string {
  if (value == null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** A word's first five letters: `charged`, `charges` and `charge` match. */
function stemsOf(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.map(word => word.slice(0, 5)));
}

/** The share of `option`'s words the state has, plus a tiny stable tie-break. */
function overlap(option: string, state: string): number {
  const wanted = stemsOf(option);
  const present = stemsOf(state);
  let shared = 0;
  for (const stem of wanted) if (present.has(stem)) shared++;
  const tieBreak = parseInt(digest(option, state).slice(0, 6), 16) / 0xffffff;
  return (wanted.size === 0 ? 0 : shared / wanted.size) + tieBreak / 1000;
}

/**
 * A distribution over `options` from how much of each option's words the
 * state shares, rounded to 4 decimals; the most likely option takes the
 * rounding remainder, so the written values sum to exactly 1.
 */
function distribution(state: string, options: readonly string[]): number[] {
  const weights = options.map(option => Math.exp(8 * overlap(option, state)));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const units = weights.map(weight =>
    Math.round((weight / total) * 10 ** DECIMALS),
  );
  const top = units.indexOf(Math.max(...units));
  units[top] += 10 ** DECIMALS - units.reduce((sum, unit) => sum + unit, 0);
  return units.map(unit => unit / 10 ** DECIMALS);
}

function badQuestion(id: string, message: string): EmulatorRequestError {
  return new EmulatorRequestError(
    400,
    `questions.${id}: ${message}`,
    'questions',
  );
}

function answerChoice(
  id: string,
  question: Record<string, unknown>,
  state: string,
) {
  const { criteria } = question;
  if (!isRecord(criteria) || Object.keys(criteria).length === 0)
    throw badQuestion(
      id,
      'a choice question needs criteria: a non-empty map of options',
    );
  const options = Object.keys(criteria);
  const probabilities = distribution(
    state,
    options.map(option => `${option} ${textOf(criteria[option])}`),
  );
  const best = probabilities.indexOf(Math.max(...probabilities));
  return {
    type: 'choice',
    choice: options[best],
    confidence: probabilities[best],
    probabilities: Object.fromEntries(
      options.map((option, index) => [option, probabilities[index]]),
    ),
  };
}

function answerScore(
  id: string,
  question: Record<string, unknown>,
  state: string,
) {
  const { criteria } = question;
  if (!Array.isArray(criteria) || criteria.length === 0)
    throw badQuestion(
      id,
      'a score question needs criteria: a non-empty list of levels',
    );
  const probabilities = distribution(state, criteria.map(textOf));
  const score = probabilities.reduce((sum, p, index) => sum + index * p, 0);
  return {
    type: 'score',
    score: round(score, DECIMALS),
    confidence: Math.max(...probabilities),
    legend: Object.fromEntries(
      criteria.map((level, index) => [String(index), level]),
    ),
    probabilities: Object.fromEntries(
      probabilities.map((p, index) => [String(index), p]),
    ),
  };
}

function answerNoul(
  id: string,
  question: Record<string, unknown>,
  state: string,
) {
  const criteria = question.criteria;
  if (criteria != null && !isRecord(criteria))
    throw badQuestion(
      id,
      'noul criteria must be an object with true and false',
    );
  const yes = `${textOf(question.instructions)} ${textOf(criteria?.true)}`;
  if (yes.trim() === '' && textOf(criteria?.false) === '')
    throw badQuestion(id, 'a noul question needs instructions or criteria');
  const p = 0.03 + 0.94 * Math.min(1, overlap(yes, state) * 2);
  return { type: 'noul', noul: round(p, 2) };
}

/**
 * What `POST /v1/systemone` answers: one answer per question, decided from
 * the words the state shares with each option (the same request always gets
 * the same answers), in the System One shape.
 */
export function answerDecision(body: unknown): unknown {
  if (!isRecord(body))
    throw new EmulatorRequestError(
      400,
      'the request body must be a JSON object',
    );
  if (
    typeof body.model !== 'string' ||
    !EMULATOR_DECISION_MODELS.includes(body.model)
  )
    throw new EmulatorRequestError(404, LIVE_MESSAGES.unknownModel, 'model');
  const { state, questions } = body;
  if (
    typeof state !== 'string' &&
    (typeof state !== 'object' || state === null)
  )
    throw new EmulatorRequestError(
      400,
      '"state" must be text, a JSON object or a JSON array',
      'state',
    );
  if (!isRecord(questions) || Object.keys(questions).length === 0)
    throw new EmulatorRequestError(
      400,
      '"questions" must be a non-empty map of named questions',
      'questions',
    );
  const stateText = textOf(state);
  const answers: Record<string, unknown> = {};
  for (const [id, question] of Object.entries(questions)) {
    if (!isRecord(question))
      throw badQuestion(id, 'a question must be an object');
    switch (question.type) {
      case 'choice':
        answers[id] = answerChoice(id, question, stateText);
        break;
      case 'score':
        answers[id] = answerScore(id, question, stateText);
        break;
      case 'noul':
        answers[id] = answerNoul(id, question, stateText);
        break;
      default:
        throw badQuestion(
          id,
          `unsupported question type ${JSON.stringify(question.type)}; use choice, score or noul`,
        );
    }
  }
  return {
    model: body.model,
    answers,
    usage: {
      input_tokens: countTokens(`${stateText} ${JSON.stringify(questions)}`),
      output_tokens: 0,
    },
  };
}
