import { useCallback, useEffect, useRef, useState } from 'react';

export type ApiData<T> =
  { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; data: T };

export interface ApiDataControls {
  /** load again, showing the spinner (after a failure) */
  reload(): void;
  /** load again behind the current page, which stays as it is until the new data arrives */
  refresh(): void;
}

/** Loads a page's data once per `key`, aborting a stale load, and again on request. */
export function useApiData<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
): ApiData<T> & ApiDataControls {
  const [state, setState] = useState<ApiData<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  const quiet = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    const keepPage = quiet.current;
    quiet.current = false;
    if (!keepPage) setState({ status: 'loading' });
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ status: 'ready', data }),
      (error: unknown) => !controller.signal.aborted && !keepPage && setState({ status: 'failed', error }),
    );
    return () => controller.abort();
    // `load` is a new closure on every render; `key` names what it loads
  }, [key, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const refresh = useCallback(() => {
    quiet.current = true;
    setRound((n) => n + 1);
  }, []);
  return { ...state, reload, refresh };
}
