import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';

/** Everything readable in a value: error messages, stacks, causes and fields, bodies, headers. */
export function dump(value: unknown, seen = new Set<unknown>()): string {
  if (typeof value === 'string') return value;
  if (value == null || typeof value !== 'object') return String(value);
  if (seen.has(value)) return '';
  seen.add(value);
  const parts: string[] = [];
  if (value instanceof Error)
    parts.push(
      value.name,
      value.message,
      value.stack ?? '',
      dump(value.cause, seen),
    );
  for (const field of Object.values(value)) parts.push(dump(field, seen));
  return parts.join('\n');
}

const CONSOLE_METHODS = [
  'log',
  'info',
  'warn',
  'error',
  'debug',
  'trace',
] as const;

/**
 * Silences console and process.emitWarning (the AI SDK's warnings) in each test of the file;
 * returns the arguments of every call, kept across tests. Call once at the top of the file.
 */
export function captureLogCalls(): unknown[][] {
  const calls: unknown[][] = [];
  let spies: MockInstance[] = [];
  beforeEach(() => {
    spies = [
      ...CONSOLE_METHODS.map(method =>
        vi.spyOn(console, method).mockImplementation(() => {}),
      ),
      vi.spyOn(process, 'emitWarning').mockImplementation(() => {}),
    ];
  });
  afterEach(() => {
    for (const spy of spies) {
      calls.push(...spy.mock.calls);
      spy.mockRestore();
    }
  });
  return calls;
}

/**
 * Reads a stream to its end and settles the result's promises: every part, the stream's
 * failure if any, and each promise's outcome, so a canary can be searched for in all of them.
 */
export async function streamOutcome(
  fullStream: AsyncIterable<unknown>,
  results: readonly PromiseLike<unknown>[],
) {
  const parts: unknown[] = [];
  const failure = await (async () => {
    for await (const part of fullStream) parts.push(part);
  })().catch((error: unknown) => error);
  const settled = await Promise.allSettled(results);
  return { parts, failure, settled };
}
