import { InvalidResponseDataError } from '@ai-sdk/provider';
import { describeSchemaIssues } from '../baseten-option-errors';

/** Which request of a call a message is about, e.g. `embeddings request 2`. */
export function requestLabel(kind: string, batchIndex: number): string {
  return `${kind} request ${batchIndex + 1}`;
}

/** The error for a body that is not the expected shape, with the schema's first issues. */
export function unexpectedResponseError(
  body: unknown,
  where: string,
  shape: string,
  schemaError: unknown,
): InvalidResponseDataError {
  return new InvalidResponseDataError({
    data: body,
    message:
      `Baseten's response to ${where} is not ${shape}: ` +
      `${describeSchemaIssues(schemaError, 3)}.`,
  });
}

/** How the response checks name what they count. */
export interface CountWords {
  /** What the response holds, e.g. `embeddings`. */
  readonly items: string;
  /** What the request sent, e.g. `inputs`. */
  readonly inputs: string;
  /** What the caller gets instead and why, e.g. `no embeddings were returned, since …`. */
  readonly outcome: string;
}

/** Throws unless a response holds exactly one item per input (never a short result). */
export function checkResponseCount(
  received: number,
  expected: number,
  where: string,
  words: CountWords,
): void {
  if (received === expected) return;
  throw new InvalidResponseDataError({
    data: { received, expected },
    message:
      `Baseten returned ${received} ${words.items} for the ${expected} ${words.inputs} of ` +
      `${where}; ${words.outcome}.`,
  });
}

/** Checks the count, then returns a checker that each index is in range and claimed once. */
export function indexClaims(
  received: number,
  count: number,
  where: string,
  words: CountWords,
): (index: number) => void {
  checkResponseCount(received, count, where, words);
  const claimed = new Uint8Array(count);
  return index => {
    if (index < count && claimed[index] === 0) {
      claimed[index] = 1;
      return;
    }
    throw new InvalidResponseDataError({
      data: { index, count },
      message: `Baseten's response to ${where} has ${
        index >= count ? 'an out-of-range' : 'a repeated'
      } index ${index} (${words.inputs}: ${count}).`,
    });
  };
}

/** Checks item `index` is non-empty and of the expected length; returns the length to expect. */
export function checkItemLength(
  length: number,
  expected: number | undefined,
  index: number,
  where: string,
  noun: string,
  unit: string,
): number {
  if (length === 0) {
    throw new InvalidResponseDataError({
      data: { index },
      message: `Baseten's ${noun} ${index} in ${where} is empty.`,
    });
  }
  if (expected !== undefined && length !== expected) {
    throw new InvalidResponseDataError({
      data: { index, length, expected },
      message:
        `Baseten's ${noun} ${index} in ${where} has ${length} ${unit}; ` +
        `expected ${expected}.`,
    });
  }
  return length;
}
