type AnySignal = (signals: AbortSignal[]) => AbortSignal;

/**
 * One signal that aborts when any of `signals` does, with that signal's reason.
 * `AbortSignal.any` where the runtime has it; else (Vercel's edge runtime) a
 * controller that the first abort triggers.
 */
export function anyAbortSignal(
  ...signals: Array<AbortSignal | undefined>
): AbortSignal {
  const given = signals.filter(
    (signal): signal is AbortSignal => signal != null,
  );
  if (given.length === 1) return given[0];
  const native = (AbortSignal as { any?: AnySignal }).any;
  if (typeof native === 'function') return native.call(AbortSignal, given);
  const controller = new AbortController();
  const aborted = given.find(signal => signal.aborted);
  if (aborted !== undefined) {
    controller.abort(aborted.reason);
    return controller.signal;
  }
  const stop = new AbortController();
  for (const signal of given) {
    signal.addEventListener(
      'abort',
      () => {
        controller.abort(signal.reason);
        stop.abort(); // remove the listeners on the other signals
      },
      { once: true, signal: stop.signal },
    );
  }
  return controller.signal;
}
