// Loads the data set description and its layers, then hands them to the mode the URL names
// (/ 探索, /package 组包, /progress 进度); switching modes keeps the loaded data.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DatasetResponse } from '../server/domain/api.ts';
import { createApi, type AppData } from './api.ts';
import { Explore } from './explore/Explore.tsx';
import { Header, MODE_PATH, type Mode } from './Header.tsx';
import { MapHost } from './map/MapHost.tsx';
import { PackageMode } from './package/PackageMode.tsx';
import { ProgressMode } from './progress/ProgressMode.tsx';
import { useI18n } from './i18n/index.tsx';
import { StandardsProvider } from './settings/FacilityTable.tsx';

const modeOf = (path: string): Mode => {
  const p = path.replace(/\/+$/, '');
  return p === MODE_PATH.package ? 'package' : p === MODE_PATH.progress ? 'progress' : 'explore';
};

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; dataset: DatasetResponse; data: AppData };

export function App() {
  const { t, lang } = useI18n();
  const api = useMemo(() => createApi(lang, t), [lang, t]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [mode, setMode] = useState<Mode>(() => modeOf(location.pathname));
  // Packages saved in 组包 change what Explore shows (membership, status): it reloads on return.
  const stale = useRef(false);
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

  useEffect(() => {
    const onPop = () => setMode(modeOf(location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    const names: Record<Mode, string> = { explore: t.app.modeExplore, package: t.app.modePackage, progress: t.app.modeProgress };
    document.title = `${t.app.name} · ${names[mode]}`;
  }, [mode, t]);
  const switchMode = useCallback((m: Mode) => {
    if (m === mode) return;
    history.pushState(null, '', MODE_PATH[m]);
    setMode(m);
    if (m === 'explore' && stale.current) {
      stale.current = false;
      void refresh();
    }
  }, [mode, refresh]);
  const markStale = useCallback(() => { stale.current = true; }, []);
  // New radii or walking speed change the gap analyses: fetch again in whichever mode is open.
  const onStandardsSaved = useCallback(() => { void refresh(); }, [refresh]);

  if (load.kind === 'ready') {
    return (
      <StandardsProvider api={api} onSaved={onStandardsSaved}>
        <MapHost data={load.data} bbox={load.dataset.homeBbox}>
          {mode === 'package'
            ? <PackageMode dataset={load.dataset} data={load.data} api={api} onMode={switchMode} onSettingsChanged={refresh} onDirty={markStale} />
            : mode === 'progress'
              ? <ProgressMode dataset={load.dataset} data={load.data} api={api} onMode={switchMode} />
              : <Explore dataset={load.dataset} data={load.data} api={api} onDataChanged={refresh} onMode={switchMode} />}
        </MapHost>
      </StandardsProvider>
    );
  }
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
