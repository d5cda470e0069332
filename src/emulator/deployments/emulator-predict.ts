import { relevance } from './emulator-rerank';

const POSITIVE = new Set([
  'good',
  'great',
  'love',
  'like',
  'excellent',
  'thanks',
  'thank',
  'works',
  'fixed',
  'happy',
  'awesome',
]);
const NEGATIVE = new Set([
  'bad',
  'broken',
  'hate',
  'slow',
  'fails',
  'failed',
  'error',
  'worse',
  'still',
  'not',
  'never',
]);

/** P(positive) from counted sentiment words, with a tiny text-derived offset so ties are stable. */
function sentiment(text: string): number {
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  let balance = 0;
  for (const word of words)
    balance += POSITIVE.has(word) ? 1 : NEGATIVE.has(word) ? -1 : 0;
  const tieBreak = (relevance('sentiment', text) - 0.5) / 100;
  return Math.min(
    0.999,
    Math.max(0.001, 1 / (1 + Math.exp(-1.5 * balance)) + tieBreak),
  );
}

const logit = (p: number) => Math.log(p / (1 - p));
import { isRecord } from '../edge/emulator-is-record';

function isClassificationInput(inputs: unknown): inputs is string[][] {
  return (
    Array.isArray(inputs) &&
    inputs.length > 0 &&
    inputs.every(
      item =>
        Array.isArray(item) && item.length === 1 && typeof item[0] === 'string',
    )
  );
}

/**
 * What `/predict` answers: a custom Truss model's own JSON, deliberately not
 * OpenAI-shaped (a client that posts chat here sees no `choices`). A BEI
 * classification body (`inputs: [["text"], …]`) gets label scores instead.
 */
export function answerPredict(body: unknown): unknown {
  if (isRecord(body) && isClassificationInput(body.inputs)) {
    const raw = body.raw_scores === true;
    return body.inputs.map(([text]) => {
      const positive = sentiment(text);
      const scores = [
        { label: 'positive', score: raw ? logit(positive) : positive },
        { label: 'negative', score: raw ? logit(1 - positive) : 1 - positive },
      ];
      return scores.sort((a, b) => b.score - a.score);
    });
  }
  const keys = isRecord(body) ? Object.keys(body) : [];
  return {
    output: `Emulated Truss model output ✨ (received ${keys.length === 0 ? 'no fields' : keys.join(', ')})`,
  };
}
