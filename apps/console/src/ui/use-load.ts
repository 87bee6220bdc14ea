import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  /** loads again, keeping what is shown until the answer comes */
  reload: () => void;
}

/** Loads when `key` changes; an answer that comes after a newer request started is dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({
    loading: true,
  });
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const run = useCallback(() => {
    const ticket = ++latest.current;
    setState((previous) => ({ ...previous, loading: true }));
    loader.current().then(
      (data) => ticket === latest.current && setState({ data, loading: false }),
      (error: unknown) =>
        ticket === latest.current && setState({ error: messageOf(error), loading: false }),
    );
  }, []);

  useEffect(run, [key, run]);
  return { data: state.data, error: state.error, loading: state.loading, reload: run };
}

/** Calls `tick` every `everyMs` while `active`: for lists whose rows are still changing. */
export function usePolling(active: boolean, tick: () => void, everyMs = 1500): void {
  const current = useRef(tick);
  current.current = tick;
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => current.current(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface Action {
  /** the last change's failure, in the API's words */
  error: string | undefined;
  /** a change is under way (its button waits) */
  busy: boolean;
  act: (work: () => Promise<unknown>) => Promise<void>;
}

/** Runs a change, then `after` (reloading what the page shows); a failure is kept to show. */
export function useAction(after: () => void = () => undefined): Action {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const act = async (work: () => Promise<unknown>) => {
    setState({ busy: true });
    try {
      await work();
      setState({ busy: false });
      after();
    } catch (failure) {
      setState({ busy: false, error: messageOf(failure) });
    }
  };
  return { error: state.error, busy: state.busy, act };
}
