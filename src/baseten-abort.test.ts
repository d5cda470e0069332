import { afterEach, describe, expect, it } from 'vitest';
import { anyAbortSignal } from './baseten-abort';

const native = Object.getOwnPropertyDescriptor(AbortSignal, 'any');

describe.each([
  ['with AbortSignal.any', false],
  ['without AbortSignal.any (edge runtime)', true],
])('anyAbortSignal %s', (_name, withoutAny) => {
  afterEach(() => {
    if (native) Object.defineProperty(AbortSignal, 'any', native);
  });
  const setUp = () => {
    if (withoutAny) Reflect.deleteProperty(AbortSignal, 'any');
    expect(typeof (AbortSignal as { any?: unknown }).any).toBe(
      withoutAny ? 'undefined' : 'function',
    );
  };

  it('aborts when any of its signals aborts, with that reason', () => {
    setUp();
    const first = new AbortController();
    const second = new AbortController();
    const combined = anyAbortSignal(first.signal, undefined, second.signal);
    expect(combined.aborted).toBe(false);
    second.abort(new Error('stopped'));
    expect(combined.aborted).toBe(true);
    expect(combined.reason).toEqual(new Error('stopped'));
    first.abort(new Error('later'));
    expect(combined.reason).toEqual(new Error('stopped'));
  });

  it('is aborted at once when a signal already is', () => {
    setUp();
    const done = AbortSignal.abort('gone');
    const combined = anyAbortSignal(new AbortController().signal, done);
    expect(combined.aborted).toBe(true);
    expect(combined.reason).toBe('gone');
  });

  it('a single signal is returned as it is', () => {
    setUp();
    const only = new AbortController().signal;
    expect(anyAbortSignal(undefined, only)).toBe(only);
  });
});
