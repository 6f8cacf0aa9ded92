// 汇报模式: the map full screen for a meeting room, with large KPI cards and a chart, an automatic
// tour that flies through the 街道 one by one with each one's figures (pause, previous, next), and
// a before/after swipe between two dates on the same map.
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Layer } from '@deck.gl/core';
import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import type { BBox } from '../../server/domain/api.ts';
import type { AppData } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { presentationFontSize, Ranking, StatusChart } from './Charts.tsx';
import { dateFormatter } from './dates.ts';
import { compoundsBehind, compoundStatuses, ranked, type FigureRef } from './figures.ts';
import { Kpis, usePct } from './Kpis.tsx';
import { StatusLegend } from './StatusLegend.tsx';
import { swipeData, swipeLayer } from './swipe.ts';
import type { ProgressCache } from './useProgress.ts';
import type { ProgressQuery, ProgressResponse } from './types.ts';

/** Seconds each stop of the tour stays on screen. */
export const TOUR_STOP_S = 8;

interface Props {
  map: MapLibreMap | null;
  p: ProgressResponse;
  query: ProgressQuery;
  steps: string[];
  cache: ProgressCache;
  data: AppData;
  /** The box around some compounds, to fly to. */
  boxOf(ids: string[]): BBox | null;
  title: string;
  subdistrictOf(id: string): string | undefined;
  focus: FigureRef | null;
  /** Shows a figure's compounds; `fit` false when the tour moves the map itself. */
  onFigure(ref: FigureRef | null, fit: boolean): void;
  onDeckLayers(layers: Layer[]): void;
  onExit(): void;
}

type Stop = { kind: 'overview' } | { kind: 'subdistrict'; name: string };

function enterFullscreen(): void {
  const el = document.documentElement;
  // The Fullscreen API where the browser allows it; otherwise the page itself fills the window (CSS).
  if (el.requestFullscreen && document.fullscreenEnabled !== false) el.requestFullscreen().catch(() => undefined);
}

function exitFullscreen(): void {
  if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(() => undefined);
}

export function Presentation(props: Props) {
  const { map, p, query, steps, cache, data, boxOf, title, subdistrictOf, focus, onFigure, onDeckLayers, onExit } = props;
  const { t, num } = useI18n();
  const pr = t.progress.present;
  const pct = usePct();
  const long = dateFormatter(t.locale, 'long');

  // ---- full screen for as long as this is shown ----
  const exitRef = useRef(onExit);
  exitRef.current = onExit;
  useEffect(() => {
    document.body.classList.add('presenting');
    enterFullscreen();
    let wasFull = false;
    const onChange = () => {
      if (document.fullscreenElement) wasFull = true;
      else if (wasFull) exitRef.current(); // the browser's own Esc left full screen: leave the mode too
    };
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') exitRef.current(); };
    document.addEventListener('fullscreenchange', onChange);
    window.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      window.removeEventListener('keydown', onKey);
      document.body.classList.remove('presenting');
      exitFullscreen();
    };
  }, []);

  // ---- the tour ----
  const stops = useMemo<Stop[]>(() => [{ kind: 'overview' }, ...ranked(p).filter((s) => s.planned.communities > 0).map((s) => ({ kind: 'subdistrict' as const, name: s.name }))],
    [p]);
  const [at, setAt] = useState(0);
  const [touring, setTouring] = useState(true);
  const stop = stops[Math.min(at, stops.length - 1)];
  const padding = useCallback(() => {
    const c = map?.getContainer();
    const w = c?.clientWidth ?? 1280;
    const h = c?.clientHeight ?? 800;
    const side = Math.round(w * 0.27);
    return { top: Math.round(h * 0.16), bottom: Math.round(h * 0.08), left: side + 24, right: side + 24 };
  }, [map]);

  // Each stop flies to the compounds it is about: all planned ones, then each 街道's.
  const stopName = stop.kind === 'subdistrict' ? stop.name : null;
  const pRef = useRef(p);
  pRef.current = p;
  useEffect(() => {
    if (!map) return;
    const ref: FigureRef = stopName ? { kind: 'subdistrict', name: stopName } : { kind: 'planned' };
    const box = boxOf(compoundsBehind(ref, pRef.current, subdistrictOf));
    if (box) map.fitBounds(box as LngLatBoundsLike, { padding: padding(), duration: 1800, maxZoom: 16, bearing: 0, pitch: 0 });
    onFigure(stopName ? ref : null, false);
    // onFigure is stable for the mode: the tour acts when the stop changes, not on every render.
  }, [map, stopName, boxOf, subdistrictOf, padding]);

  useEffect(() => {
    if (!touring || stops.length < 2) return;
    const timer = setTimeout(() => setAt((i) => (i + 1) % stops.length), TOUR_STOP_S * 1000);
    return () => clearTimeout(timer);
  }, [touring, at, stops.length]);
  const go = (d: number) => setAt((i) => (i + d + stops.length) % stops.length);

  // ---- before/after swipe ----
  const [swipe, setSwipe] = useState(false);
  const [beforeDate, setBeforeDate] = useState<string>(() => steps[0] ?? query.date);
  const [before, setBefore] = useState<ProgressResponse | null>(null);
  const [dividerX, setDividerX] = useState(0.5); // share of the map's width
  const [dividerLng, setDividerLng] = useState<number | null>(null);
  useEffect(() => {
    if (!swipe) return;
    const ctrl = new AbortController();
    cache.get({ ...query, date: beforeDate }, ctrl.signal).then(setBefore, () => undefined);
    return () => ctrl.abort();
  }, [swipe, beforeDate, query, cache]);
  useEffect(() => {
    if (!swipe || !map) return;
    map.easeTo({ bearing: 0, pitch: 0, duration: 0 });
    const update = () => {
      const c = map.getContainer();
      setDividerLng(map.unproject([c.clientWidth * dividerX, c.clientHeight / 2]).lng);
    };
    update();
    map.on('move', update);
    map.on('resize', update);
    return () => { map.off('move', update); map.off('resize', update); };
  }, [swipe, map, dividerX]);
  const beforeStatuses = useMemo(() => (before ? compoundStatuses(before) : null), [before]);
  const afterStatuses = useMemo(() => compoundStatuses(p), [p]);
  const swipeFeatures = useMemo(() => (beforeStatuses ? swipeData(data.communities.features, beforeStatuses, afterStatuses) : []), [beforeStatuses, afterStatuses, data.communities]);
  useEffect(() => {
    if (!swipe || !before || !beforeStatuses || dividerLng === null) {
      onDeckLayers([]);
      return;
    }
    onDeckLayers([swipeLayer({ data: swipeFeatures, statuses: before.statuses, before: beforeStatuses, dividerLng, beforeKey: before.date })]);
  }, [swipe, before, beforeStatuses, swipeFeatures, dividerLng, onDeckLayers]);
  useEffect(() => () => onDeckLayers([]), [onDeckLayers]);

  const dragging = useRef(false);
  const onDrag = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!dragging.current || !map) return;
    const r = map.getContainer().getBoundingClientRect();
    setDividerX(Math.min(0.98, Math.max(0.02, (e.clientX - r.left) / r.width)));
  };

  const sd = stopName ? p.subdistricts.find((s) => s.name === stopName) ?? null : null;

  return (
    <div className="present" data-testid="presentation">
      <header className="present-title">
        <h1>{title}</h1>
        <p><span>{t.progress.time.asOf}</span> <strong data-testid="present-date">{long(p.date)}</strong>
          {(query.batch || query.year) && <span className="present-filter">{[query.batch, query.year && t.progress.filter.yearValue(query.year)].filter(Boolean).join(' · ')}</span>}
        </p>
      </header>

      <div className="present-controls card" role="toolbar" aria-label={pr.controls}>
        <button type="button" onClick={() => go(-1)} aria-label={pr.prev} title={pr.prev} data-testid="tour-prev">◀</button>
        <button type="button" onClick={() => setTouring(!touring)} data-testid="tour-toggle" aria-pressed={touring}>{touring ? `❚❚ ${pr.pause}` : `▶ ${pr.resume}`}</button>
        <button type="button" onClick={() => go(1)} aria-label={pr.next} title={pr.next} data-testid="tour-next">▶</button>
        <span className="present-step" data-testid="tour-step">{num(at + 1)} / {num(stops.length)}</span>
        <button type="button" className={swipe ? 'on' : undefined} aria-pressed={swipe} onClick={() => setSwipe(!swipe)} data-testid="swipe-toggle">{pr.compare}</button>
        <button type="button" onClick={onExit} data-testid="present-exit">{pr.exit}</button>
      </div>

      <aside className="present-left">
        <Kpis p={p} active={focus} onFigure={(r) => onFigure(r, true)} large />
        <div className="card present-legend"><StatusLegend statuses={p.statuses} /></div>
      </aside>

      <aside className="present-right">
        {sd ? (
          <section className="card present-stop" data-testid="tour-card" data-name={sd.name}>
            <p className="present-kicker">{pr.rank(num(sd.rank), num(p.subdistricts.length))}</p>
            <h2>{sd.name}</h2>
            <dl>
              <div><dt>{t.progress.kpi.planned}</dt><dd>{num(sd.planned.communities)}<small>{t.progress.kpi.communitiesUnit}</small> <span>{t.progress.kpi.households(num(sd.planned.households))}</span></dd></div>
              <div><dt>{t.progress.kpi.started}</dt><dd>{num(sd.started.communities)}<small>{t.progress.kpi.communitiesUnit}</small> <span>{t.progress.kpi.households(num(sd.started.households))}</span></dd></div>
              <div><dt>{t.progress.kpi.completed}</dt><dd>{num(sd.completed.communities)}<small>{t.progress.kpi.communitiesUnit}</small> <span>{t.progress.kpi.households(num(sd.completed.households))}</span></dd></div>
              <div className="rates"><dt>{t.progress.kpi.startRate}</dt><dd>{pct(sd.startRate.byCommunities)} <span>{t.progress.ranking.byHouseholds(pct(sd.startRate.byHouseholds))}</span></dd></div>
              <div className="rates"><dt>{t.progress.kpi.completionRate}</dt><dd>{pct(sd.completionRate.byCommunities)} <span>{t.progress.ranking.byHouseholds(pct(sd.completionRate.byHouseholds))}</span></dd></div>
            </dl>
          </section>
        ) : (
          <section className="card present-stop" data-testid="tour-card" data-name="">
            <p className="present-kicker">{pr.overview}</p>
            <h2>{pr.allSubdistricts(num(p.subdistricts.length))}</h2>
            <Ranking p={p} active={focus} onFigure={(r) => onFigure(r, true)} large />
          </section>
        )}
        <section className="card present-chart" style={{ flex: `0 1 ${presentationFontSize() * (7 + new Set(p.subdistricts.map((x) => x.name)).size * 3.2)}px` }}>
          <h2 className="card-title">{t.progress.charts.status}</h2>
          <StatusChart p={p} subdistrictOf={subdistrictOf} onFigure={(r) => onFigure(r, true)} large height="100%" />
        </section>
      </aside>

      {swipe && (
        <div className="swipe" style={{ left: `${dividerX * 100}%` }} data-testid="swipe-divider"
          onPointerDown={(e) => { dragging.current = true; e.currentTarget.setPointerCapture(e.pointerId); }}
          onPointerMove={onDrag}
          onPointerUp={(e) => { dragging.current = false; e.currentTarget.releasePointerCapture(e.pointerId); }}
        >
          <div className="swipe-line" />
          <div className="swipe-handle" aria-label={pr.divider} role="separator" aria-valuenow={Math.round(dividerX * 100)}>⟷</div>
          <div className="swipe-label before">
            <select value={beforeDate} onChange={(e) => setBeforeDate(e.target.value)} aria-label={pr.before} data-testid="swipe-before">
              {steps.filter((s) => s < p.date).map((s) => <option key={s} value={s}>{long(s)}</option>)}
            </select>
          </div>
          <div className="swipe-label after">{long(p.date)}</div>
        </div>
      )}
    </div>
  );
}
