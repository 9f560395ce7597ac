// Latest-wins requests: starting one aborts the one before it (AbortController), so a late answer
// to an older keystroke never replaces the answer to a newer one.
import * as React from 'react';
import { isAbort } from '../session/graphql';

export function useLatestRequest() {
  const current = React.useRef<AbortController | null>(null);
  React.useEffect(() => () => current.current?.abort(), []);

  return React.useCallback(<T,>(run: (signal: AbortSignal) => Promise<T>, onResult: (result: T) => void, onError: (err: unknown) => void) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    run(controller.signal).then(
      (result) => {
        if (!controller.signal.aborted) onResult(result);
      },
      (err: unknown) => {
        if (!controller.signal.aborted && !isAbort(err)) onError(err);
      },
    );
    return controller;
  }, []);
}

