import { relevance } from './emulator-rerank';
import { isRecord } from './emulator-is-record';

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
    return body.inputs.map(([text]) => {
      const positive = relevance('good great love like excellent', text);
      const scores = [
        { label: 'positive', score: positive },
        { label: 'negative', score: 1 - positive },
      ];
      return scores.sort((a, b) => b.score - a.score);
    });
  }
  const keys = isRecord(body) ? Object.keys(body) : [];
  return {
    output: `Emulated Truss model output ✨ (received ${keys.length === 0 ? 'no fields' : keys.join(', ')})`,
  };
}
