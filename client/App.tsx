// Loads the data set description and its layers, then hands them to the Explore mode.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DatasetResponse } from '../server/domain/api.ts';
import { createApi, type LayerData } from './api.ts';
import { Explore } from './explore/Explore.tsx';
import { Header } from './Header.tsx';
import { useI18n } from './i18n/index.tsx';

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; dataset: DatasetResponse; data: LayerData };

export function App() {
  const { t, lang } = useI18n();
  const api = useMemo(() => createApi(lang, t), [lang, t]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // Loading starts once per attempt, in the language of that moment; switching language does not reload.
  const apiRef = useRef(api);
  apiRef.current = api;

  useEffect(() => {
    const ctrl = new AbortController();
    setLoad({ kind: 'loading' });
    Promise.all([apiRef.current.dataset(ctrl.signal), apiRef.current.layers(ctrl.signal)]).then(
      ([dataset, data]) => setLoad({ kind: 'ready', dataset, data }),
      (err: Error) => {
        if (!ctrl.signal.aborted) setLoad({ kind: 'error', message: err.message });
      },
    );
    return () => ctrl.abort();
  }, [attempt]);

  // After a change on the server: fetch again and stay on the map (no loading screen).
  const refresh = useCallback(async () => {
    const [dataset, data] = await Promise.all([apiRef.current.dataset(), apiRef.current.layers()]);
    setLoad({ kind: 'ready', dataset, data });
  }, []);

  if (load.kind === 'ready') return <Explore dataset={load.dataset} data={load.data} api={api} onDataChanged={refresh} />;
  return (
    <>
      <Header />
      <main className="status-page">
        {load.kind === 'loading' ? (
          <p className="muted" data-testid="loading">{t.app.loading}</p>
        ) : (
          <div className="card" role="alert" data-testid="load-error">
            <h2>{t.app.loadFailed}</h2>
            <p>{load.message}</p>
            <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>{t.app.retry}</button>
          </div>
        )}
      </main>
    </>
  );
}
