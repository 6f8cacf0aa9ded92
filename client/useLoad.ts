// Fetches something when its inputs change, dropping answers that arrive after a newer request;
// `value` keeps the last answer while the next loads (panels do not flash empty).
import { useEffect, useState, type DependencyList } from 'react';

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): { value: T | null; error: string | null } {
  const [state, setState] = useState<{ value: T | null; error: string | null }>({ value: null, error: null });
  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal).then(
      (value) => setState({ value, error: null }),
      (err: Error) => {
        if (!ctrl.signal.aborted) setState((s) => ({ ...s, error: err.message }));
      },
    );
    return () => ctrl.abort();
  }, deps); // the caller names what the load depends on
  return state;
}
