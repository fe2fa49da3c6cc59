import { useCallback, useEffect, useState } from 'react';

export type Load<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: unknown };

/**
 * Loads `fetcher`'s result, again whenever `key` changes and when `reload()` is called; an
 * answer for an older key (or after unmount) is dropped. `refreshMs` re-fetches quietly.
 */
export function useLoad<T>(
  key: string,
  fetcher: (signal: AbortSignal) => Promise<T>,
  refreshMs?: number,
): Load<T> & { reload(): void; set(data: T): void } {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    const run = (quiet: boolean) => {
      if (!quiet) setState({ status: 'loading' });
      fetcher(abort.signal).then(
        (data) => !abort.signal.aborted && setState({ status: 'ready', data }),
        (error: unknown) => !abort.signal.aborted && !quiet && setState({ status: 'failed', error }),
      );
    };
    run(false);
    const timer = refreshMs ? window.setInterval(() => document.hidden || run(true), refreshMs) : 0;
    return () => {
      abort.abort();
      window.clearInterval(timer);
    };
    // the fetcher is keyed by `key`: a new closure on each render must not fetch again
  }, [key, round, refreshMs]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const set = useCallback((data: T) => setState({ status: 'ready', data }), []);
  return { ...state, reload, set };
}
