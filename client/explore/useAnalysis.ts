// The amenity-gap and pipe analyses for Explore, fetched when first needed and again after the data
// or the settings change (the server caches them per version, so a refetch is cheap).
import { useEffect, useRef, useState } from 'react';
import type { GapsResponse, PipesResponse } from '../../server/domain/api.ts';
import type { Api } from '../api.ts';

export interface Analysis {
  gaps: GapsResponse | null;
  pipes: PipesResponse | null;
  error: string | null;
}

/** `version`: anything that changes when the analyses may have changed (the dataset response object). */
export function useAnalysis(api: Api, needed: boolean, version: unknown): Analysis {
  const [state, setState] = useState<Analysis & { version: unknown }>({ gaps: null, pipes: null, error: null, version: null });
  const apiRef = useRef(api);
  apiRef.current = api;
  const stale = state.version !== version;

  useEffect(() => {
    if (!needed || !stale) return;
    const ctrl = new AbortController();
    Promise.all([apiRef.current.gaps(ctrl.signal), apiRef.current.pipes(ctrl.signal)]).then(
      ([gaps, pipes]) => setState({ gaps, pipes, error: null, version }),
      (err: Error) => {
        if (!ctrl.signal.aborted) setState((s) => ({ ...s, error: err.message }));
      },
    );
    return () => ctrl.abort();
  }, [needed, stale, version]);

  return state;
}
