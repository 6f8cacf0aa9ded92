// The dates the slider spans: from the first recorded status event to the last, read from the
// packages' dated histories (today alone when there are no packages).
import { useEffect, useRef, useState } from 'react';
import type { Api } from '../api.ts';

export interface DateRange { from: string; to: string }

/** At most this many package details in flight at once. */
const PARALLEL = 8;

export function useDateRange(api: Api): DateRange | null {
  const [range, setRange] = useState<DateRange | null>(null);
  const apiRef = useRef(api);
  apiRef.current = api;
  useEffect(() => {
    const ctrl = new AbortController();
    (async () => {
      const list = await apiRef.current.packageList(ctrl.signal);
      let from: string | null = null;
      let to: string | null = null;
      const queue = list.map((p) => p.id);
      const worker = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const d = await apiRef.current.packageDetail(id, ctrl.signal);
          for (const e of d.history) {
            if (from === null || e.date < from) from = e.date;
            if (to === null || e.date > to) to = e.date;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker));
      if (ctrl.signal.aborted) return;
      const now = new Date().toISOString().slice(0, 10);
      setRange(from && to ? { from, to } : { from: now, to: now });
    })().catch(() => undefined);
    return () => ctrl.abort();
  }, []);
  return range;
}
