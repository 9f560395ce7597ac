// Keystroke requests (suggest as the hotline agent types): only the latest keystroke's answer may
// be shown. Each call aborts the request before it, and an answer that arrives after a later call
// started is dropped even if the abort came too late to stop it, so a slow early answer can never
// overwrite a fresher one. Measured by `npm run bench:search` (keystroke figures: stale deliveries 0).
export type LatestResult<R> = { superseded: true } | { superseded: false; value: R };

export function latestOnly<A extends unknown[], R>(run: (signal: AbortSignal, ...args: A) => Promise<R>): (...args: A) => Promise<LatestResult<R>> {
  let current: AbortController | undefined;
  let generation = 0;
  return async (...args) => {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    const mine = ++generation;
    try {
      const value = await run(controller.signal, ...args);
      return mine === generation ? { superseded: false, value } : { superseded: true };
    } catch (error) {
      if (controller.signal.aborted || mine !== generation) return { superseded: true };
      throw error;
    }
  };
}
