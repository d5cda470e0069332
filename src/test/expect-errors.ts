import { InvalidResponseDataError } from '@ai-sdk/provider';
import { expect } from 'vitest';

/** Asserts `error` is an `InvalidResponseDataError` whose message matches `message`. */
export function expectInvalidResponseData(
  error: unknown,
  message: RegExp,
): void {
  expect(InvalidResponseDataError.isInstance(error)).toBe(true);
  expect((error as Error).message).toMatch(message);
}
