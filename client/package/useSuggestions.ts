// Suggestions from the packaging engine, kept in the browser until the designer accepts or rejects
// each one. A suggestion stays valid only while its members are free or in the packages it names.
import { useCallback, useRef, useState } from 'react';
import type { SuggestedPackage } from '../../server/analysis/packaging.ts';
import type { Api, SuggestRequest, SuggestResponse } from '../api.ts';

export interface Suggestion extends SuggestedPackage {
  /** Stable within one run: "s1", "s2", … */
  key: string;
}

export interface SuggestionRun {
  request: SuggestRequest;
  result: SuggestResponse;
  items: Suggestion[];
  /** Wall time of the request, ms. */
  ms: number;
}

export function useSuggestions(api: Api) {
  const [run, setRun] = useState<SuggestionRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ctrl = useRef<AbortController | null>(null);

  const start = useCallback(async (request: SuggestRequest) => {
    ctrl.current?.abort();
    const c = new AbortController();
    ctrl.current = c;
    setBusy(true);
    setError(null);
    const t0 = performance.now();
    try {
      const result = await api.suggest(request, c.signal);
      setRun({ request, result, items: result.packages.map((p, i) => ({ ...p, key: `s${i + 1}` })), ms: performance.now() - t0 });
    } catch (err) {
      if (!c.signal.aborted) setError((err as Error).message);
    } finally {
      if (ctrl.current === c) setBusy(false);
    }
  }, [api]);

  /** Drops suggestions (accepted or rejected) from the run. */
  const drop = useCallback((keys: string[]) => {
    const gone = new Set(keys);
    setRun((r) => (r ? { ...r, items: r.items.filter((s) => !gone.has(s.key)) } : r));
  }, []);

  const clear = useCallback(() => {
    ctrl.current?.abort();
    setRun(null);
    setBusy(false);
  }, []);

  return { run, busy, error, start, drop, clear };
}
