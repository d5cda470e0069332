import { expect } from 'vitest';

// vitest types its asymmetric matchers as `any`; these return `unknown` so they can sit
// inside typed object literals without leaking `any`. Same matchers, same assertions.

/** `expect.stringContaining(text)`. */
export function stringContaining(text: string): unknown {
  return expect.stringContaining(text);
}

/** `expect.any(Number)`. */
export function anyNumber(): unknown {
  return expect.any(Number);
}

/** `expect.stringMatching(pattern)`. */
export function stringMatching(pattern: RegExp): unknown {
  return expect.stringMatching(pattern);
}
