// The figures for a date and batch/year, fetched from GET /api/progress and kept per query, so
// playing the slider back and forth (or the before/after swipe) asks the server once per month.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../api.ts';
import type { ProgressQuery, ProgressResponse } from './types.ts';

export const queryKey = (q: ProgressQuery) => `${q.date}|${q.batch ?? ''}|${q.year ?? ''}`;

export interface ProgressCache {
  get(q: ProgressQuery, signal?: AbortSignal): Promise<ProgressResponse>;
  /** Forget everything (after the data changed on the server). */
  reset(): void;
}

export function useProgressCache(api: Api): ProgressCache {
  const apiRef = useRef(api);
  apiRef.current = api;
  const cache = useRef(new Map<string, Promise<ProgressResponse>>());
  const get = useCallback((q: ProgressQuery, signal?: AbortSignal) => {
    const key = queryKey(q);
    let p = cache.current.get(key);
    if (!p) {
      // Not tied to the caller's signal: a cached answer may serve a later caller.
      p = apiRef.current.progress(q);
      cache.current.set(key, p);
      p.catch(() => cache.current.delete(key));
    }
    if (!signal) return p;
    return new Promise<ProgressResponse>((resolve, reject) => {
      const onAbort = () => reject(new DOMException('aborted', 'AbortError'));
      signal.addEventListener('abort', onAbort, { once: true });
      p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }, []);
  const reset = useCallback(() => cache.current.clear(), []);
  const [value] = useState(() => ({ get, reset }));
  return value;
}

export type ProgressLoad =
  | { kind: 'loading'; last: ProgressResponse | null }
  | { kind: 'error'; message: string; last: ProgressResponse | null }
  | { kind: 'ready'; data: ProgressResponse };

/** The figures for `q`; while a new date loads, the last figures stay on screen. */
export function useProgress(cache: ProgressCache, q: ProgressQuery | null): ProgressLoad {
  const [load, setLoad] = useState<ProgressLoad>({ kind: 'loading', last: null });
  const key = q ? queryKey(q) : null;
  const qRef = useRef(q);
  qRef.current = q;
  useEffect(() => {
    const query = qRef.current;
    if (!query) return;
    const ctrl = new AbortController();
    setLoad((l) => ({ kind: 'loading', last: l.kind === 'ready' ? l.data : l.last }));
    cache.get(query, ctrl.signal).then(
      (data) => setLoad({ kind: 'ready', data }),
      (err: Error) => {
        if (!ctrl.signal.aborted) setLoad((l) => ({ kind: 'error', message: err.message, last: l.kind === 'ready' ? l.data : l.last }));
      },
    );
    return () => ctrl.abort();
  }, [cache, key]);
  return load;
}

export const shown = (l: ProgressLoad): ProgressResponse | null => (l.kind === 'ready' ? l.data : l.last);
