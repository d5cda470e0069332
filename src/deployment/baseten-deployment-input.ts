import { InvalidArgumentError } from '@ai-sdk/provider';

/** How a bad input reads in a message: `null`, `an empty string`, `a string`, `an array`, `a number`. */
export function describeInputValue(value: unknown): string {
  if (typeof value === 'string')
    return value === '' ? 'an empty string' : 'a string';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

/** Throws for the first item that is not a non-empty string ("values[1] is null; …"). */
export function checkNonEmptyStrings(
  values: readonly unknown[],
  argument: string,
  rule: string,
): asserts values is readonly string[] {
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (typeof value === 'string' && value !== '') continue;
    throw new InvalidArgumentError({
      argument,
      message:
        `${argument}[${index}] is ${describeInputValue(value)}; ` +
        `${rule} must be a non-empty string.`,
    });
  }
}

/** Throws an `InvalidArgumentError` unless `value` is a non-empty string. */
export function checkNonEmptyString(
  value: unknown,
  argument: string,
  rule: string,
): asserts value is string {
  if (typeof value === 'string' && value !== '') return;
  throw new InvalidArgumentError({
    argument,
    message: `${argument} is ${describeInputValue(value)}; ${rule} must be a non-empty string.`,
  });
}
