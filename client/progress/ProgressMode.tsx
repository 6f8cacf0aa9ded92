// 进度 mode: officials present progress on the map and in numbers. Compounds are coloured by their
// package's status on the chosen date (time slider, play); KPI cards, charts, the 街道 ranking and
// the audit's flags update with it, and each figure shows the compounds behind it on the map.
// 汇报模式 takes it full screen; exports give a print-resolution PNG, one-page PDF reports and the
// project list as XLSX.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Layer } from '@deck.gl/core';
import type { FilterSpecification, LngLatBoundsLike } from 'maplibre-gl';
import type { DatasetResponse, PackageListItem } from '../../server/domain/api.ts';
import type { PipeKind } from '../../server/domain/model.ts';
import { progressXlsxUrl, type Api, type AppData } from '../api.ts';
import { Header, type Mode } from '../Header.tsx';
import { useI18n } from '../i18n/index.tsx';
import { NO_PACKAGE_COLOUR, statusColour } from '../map/colouring.ts';
import { useHostMap, useModeLook } from '../map/MapHost.tsx';
import { boxOf } from '../package/colours.ts';
import { AuditPanel } from './AuditPanel.tsx';
import { FundingChart, Ranking, StatusChart, useStatusLabel } from './Charts.tsx';
import { dateFormatter, monthEnds, stepIndex } from './dates.ts';
import { download, renderPrintMap } from './exportPng.ts';
import { compoundsBehind, compoundStatuses, type FigureRef } from './figures.ts';
import { Kpis } from './Kpis.tsx';
import { Presentation } from './Presentation.tsx';
import {
  HIGHLIGHT_STATE, installProgressLayers, progressFill, removeProgressLayers, STATUS_STATE, StateByDifference,
} from './progressLayers.ts';
import { StatusLegend } from './StatusLegend.tsx';
import { TimeControl } from './TimeControl.tsx';
import type { AuditResponse, ProgressResponse } from './types.ts';
import { shown, useProgress, useProgressCache } from './useProgress.ts';
import { useDateRange } from './useDateRange.ts';

interface Props {
  dataset: DatasetResponse;
  data: AppData;
  api: Api;
  onMode(mode: Mode): void;
}

const VISIBLE = { communities: true, labels: true, packages: false, pipes: false, amenities: false, roads: true, water: true, boundaries: true };
const ALL: FilterSpecification = ['all'];
const NO_PIPES: PipeKind[] = [];
/** How long each month stays on screen while playing. */
const PLAY_STEP_MS = 1200;
/** Room for the floating columns when fitting the map to compounds (styles.css .progress-left / .progress-right). */
const LEFT = 344;
const RIGHT = 424;

declare global {
  interface Window {
    /** For browser tests: which date's statuses are on the map, and what applying them cost. */
    __lianpianProgress?: { date: string; changed: number; applyMs: number; highlighted: number };
    /** For browser tests: what the last print PNG cost (ms). */
    __lianpianProgressExport?: { loadMs: number; drawMs: number; encodeMs: number };
  }
}

/** What was shown when the mode was last left: coming back from another mode shows it again. */
let remembered: { date: string | null; batch: string | null; year: number | null } | null = null;

/** The date and batch/year the URL asks for (a shared link), else what was shown last. */
function readUrl() {
  const q = new URLSearchParams(location.search);
  if (!q.has('date') && remembered) return remembered;
  const year = Number(q.get('year'));
  return {
    date: /^\d{4}-\d{2}-\d{2}$/.test(q.get('date') ?? '') ? q.get('date') : null,
    batch: q.get('batch') || null,
    year: Number.isInteger(year) && year > 0 ? year : null,
  };
}

export function ProgressMode({ dataset, data, api, onMode }: Props) {
  const { t, lang, num } = useI18n();
  const map = useHostMap();
  const cache = useProgressCache(api);
  const statusLabel = useStatusLabel();
  const long = dateFormatter(t.locale, 'long');

  // ---- what is asked: the date and the batch/year ----
  const initial = useMemo(readUrl, []);
  const [batch, setBatch] = useState<string | null>(initial.batch);
  const [year, setYear] = useState<number | null>(initial.year);
  const [date, setDate] = useState<string | null>(initial.date);
  const [playing, setPlaying] = useState(false);
  const [packages, setPackages] = useState<PackageListItem[] | null>(null);
  const range = useDateRange(api);
  const steps = useMemo(() => (range ? monthEnds(range.from, range.to) : []), [range]);
  useEffect(() => {
    if (!date && steps.length) setDate(steps[steps.length - 1]);
  }, [date, steps]);
  const apiRef = useRef(api);
  apiRef.current = api;
  // The list only names batches, years and flagged packages' members: once per visit is enough.
  useEffect(() => {
    const ctrl = new AbortController();
    apiRef.current.packageList(ctrl.signal).then(setPackages, () => undefined);
    return () => ctrl.abort();
  }, []);
  const batches = useMemo(() => [...new Set((packages ?? []).map((p) => p.batch).filter((b): b is string => !!b))].sort(), [packages]);
  const years = useMemo(() => [...new Set((packages ?? []).map((p) => p.year).filter((y): y is number => y != null))].sort(), [packages]);

  const query = useMemo(() => (date ? { date, batch, year } : null), [date, batch, year]);
  useEffect(() => {
    if (!query) return;
    const q = new URLSearchParams(location.search);
    q.set('date', query.date);
    if (query.batch) q.set('batch', query.batch); else q.delete('batch');
    if (query.year) q.set('year', String(query.year)); else q.delete('year');
    history.replaceState(history.state, '', `${location.pathname}?${q}`);
    remembered = query;
  }, [query]);
  const load = useProgress(cache, query);
  const p = shown(load);

  // ---- play: one month at a time, each after its figures arrived ----
  useEffect(() => {
    if (!playing || !date || load.kind !== 'ready' || load.data.date !== date) return;
    const i = stepIndex(steps, date);
    if (i >= steps.length - 1) {
      setPlaying(false);
      return;
    }
    void cache.get({ date: steps[i + 1], batch, year }).catch(() => undefined); // fetch ahead
    const timer = setTimeout(() => setDate(steps[i + 1]), PLAY_STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, date, load, steps, cache, batch, year]);
  const onPlaying = useCallback((on: boolean) => {
    // Playing from the last month starts again at the first.
    if (on && date && stepIndex(steps, date) >= steps.length - 1 && steps.length > 1) setDate(steps[0]);
    setPlaying(on);
  }, [date, steps]);

  // ---- audit ----
  const [audit, setAudit] = useState<AuditResponse | null>(null);
  const [auditError, setAuditError] = useState<string | null>(null);
  // Flags on the chosen date (whether a package had started without money depends on it); they carry both languages.
  useEffect(() => {
    if (!date) return;
    const ctrl = new AbortController();
    apiRef.current.audit(date, ctrl.signal).then((a) => { setAudit(a); setAuditError(null); }, (e: Error) => { if (!ctrl.signal.aborted) setAuditError(e.message); });
    return () => ctrl.abort();
  }, [date]);

  // ---- compounds: 街道 and outlines, for figure → map ----
  const subdistrictById = useMemo(() => new Map(data.communities.features.map((f) => [f.properties.id, f.properties.subdistrict])), [data.communities]);
  const subdistrictOf = useCallback((id: string) => subdistrictById.get(id), [subdistrictById]);
  const rings = useMemo(() => new Map(data.communities.features.map((f) => [f.properties.id, f.geometry.coordinates])), [data.communities]);
  const membersOf = useMemo(() => new Map((packages ?? []).map((x) => [x.id, x.members])), [packages]);

  // ---- the map: this mode's layers and states live on the shared map while it is shown ----
  const states = useRef<{ status: StateByDifference<string>; hl: StateByDifference<boolean> } | null>(null);
  const [layersReady, setLayersReady] = useState(false);
  useEffect(() => {
    if (!map) return;
    installProgressLayers(map);
    states.current = { status: new StateByDifference<string>(map, STATUS_STATE, null), hl: new StateByDifference<boolean>(map, HIGHLIGHT_STATE, false) };
    setLayersReady(true);
    return () => {
      states.current?.status.clear();
      states.current?.hl.clear();
      states.current = null;
      setLayersReady(false);
      delete window.__lianpianProgress;
      if (map.getStyle()) removeProgressLayers(map);
    };
  }, [map]);

  const statusById = useMemo(() => (p ? compoundStatuses(p) : new Map<string, string>()), [p]);
  useEffect(() => {
    if (!layersReady || !states.current || !p) return;
    const t0 = performance.now();
    const changed = states.current.status.apply(statusById);
    window.__lianpianProgress = { ...window.__lianpianProgress, highlighted: window.__lianpianProgress?.highlighted ?? 0, date: p.date, changed, applyMs: performance.now() - t0 };
  }, [layersReady, statusById, p]);

  // The fill changes only when the workflow does, not with every date (a new fill repaints every tile).
  const statusKey = p?.statuses.map((s) => `${s.code}`).join('|') ?? '';
  const fill = useMemo(() => progressFill(statusKey ? statusKey.split('|').map((code) => ({ code, zh: code, en: code })) : []), [statusKey]);
  const [presenting, setPresenting] = useState(false);
  const [swipeLayers, setSwipeLayers] = useState<Layer[]>([]);
  const look = useMemo(() => ({ fill, filter: ALL, visible: VISIBLE, pipeKinds: NO_PIPES, selected: null, deckLayers: swipeLayers }), [fill, swipeLayers]);

  // ---- figure → compounds on the map ----
  const [focus, setFocus] = useState<FigureRef | null>(null);
  const [fundingIds, setFundingIds] = useState<{ source: string | null; ids: string[] } | null>(null);
  const focusIds = useMemo(() => {
    if (!focus || !p) return [];
    if (focus.kind === 'audit') {
      const f = audit?.flags[focus.index];
      if (!f) return [];
      return [...new Set([...f.communities.map((c) => c.id), ...f.packages.flatMap((x) => membersOf.get(x.id) ?? p.packages.find((y) => y.id === x.id)?.members ?? [])])];
    }
    if (focus.kind === 'funding') return fundingIds && fundingIds.source === focus.source ? fundingIds.ids : [];
    return compoundsBehind(focus, p, subdistrictOf);
  }, [focus, p, audit, membersOf, subdistrictOf, fundingIds]);

  // Funding by source lives in each package's detail: fetched for the planned packages when asked.
  useEffect(() => {
    if (focus?.kind !== 'funding' || !p) return;
    const ctrl = new AbortController();
    const planned = p.packages.filter((x) => x.status !== null);
    const source = focus.source;
    Promise.all(planned.map((x) => api.packageDetail(x.id, ctrl.signal))).then((details) => {
      const ids = new Set<string>();
      details.forEach((d, i) => {
        const amounts = source === null ? Object.values(d.funding) : [d.funding[source as keyof typeof d.funding]];
        if (amounts.some((a) => a && (a.planned > 0 || a.inPlace > 0))) for (const id of planned[i].members) ids.add(id);
      });
      setFundingIds({ source, ids: [...ids] });
    }, () => undefined);
    return () => ctrl.abort();
  }, [focus, p, api]);

  useEffect(() => {
    if (!layersReady || !states.current) return;
    states.current.hl.apply(new Map(focusIds.map((id) => [id, true])));
    if (window.__lianpianProgress) window.__lianpianProgress.highlighted = focusIds.length;
  }, [layersReady, focusIds]);

  const boxOfIds = useCallback((ids: string[]) => boxOf(ids, rings), [rings]);
  const fitIds = useCallback((ids: string[], duration = 900) => {
    const b = boxOf(ids, rings);
    if (!map || !b) return;
    const c = map.getContainer();
    const wide = c.clientWidth >= 1100;
    const m = Math.min(40, c.clientHeight / 8);
    map.fitBounds(b as LngLatBoundsLike, { padding: { top: m, bottom: m, left: wide ? LEFT + m / 2 : m, right: wide ? RIGHT + m / 2 : m }, maxZoom: 16.5, duration });
  }, [map, rings]);

  // On arrival the map shows where the packages are.
  const framed = useRef(false);
  useEffect(() => {
    if (framed.current || !p || !map) return;
    framed.current = true;
    const ids = compoundsBehind({ kind: 'planned' }, p, subdistrictOf);
    if (ids.length) fitIds(ids, 0);
  }, [p, map, subdistrictOf, fitIds]);

  // Fit once the compounds of a clicked figure are known (funding ones arrive later).
  const toFit = useRef<FigureRef | null>(null);
  useEffect(() => {
    if (toFit.current && toFit.current === focus && focusIds.length) {
      toFit.current = null;
      fitIds(focusIds);
    }
  }, [focus, focusIds, fitIds]);

  const focusRef = useRef(focus);
  focusRef.current = focus;
  /** Shows a figure's compounds (a second click on the same figure hides them); `fit` moves the map to them. */
  const onFigure = useCallback((ref: FigureRef | null, fit = true) => {
    const was = focusRef.current;
    const next = ref && was && fit && JSON.stringify(was) === JSON.stringify(ref) ? null : ref;
    toFit.current = fit ? next : null;
    focusRef.current = next;
    setFocus(next);
  }, []);
  const onFigureFit = useCallback((ref: FigureRef) => onFigure(ref, true), [onFigure]);

  const onCompound = useCallback((id: string) => {
    const owner = p?.packages.find((x) => x.status !== null && x.members.includes(id));
    if (owner) onFigure({ kind: 'package', id: owner.id }, false);
  }, [p, onFigure]);
  useModeLook(look, onCompound);

  // ---- exports ----
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportPng = useCallback(async () => {
    if (!map || !p) return;
    setExporting('png');
    setExportError(null);
    try {
      const b = map.getBounds();
      const filterText = [p.batch, p.year && t.progress.filter.yearValue(p.year)].filter(Boolean).join(' · ');
      const { png, timings } = await renderPrintMap({
        data, bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], statuses: p.statuses, statusById,
        title: t.progress.exports.pngTitle(dataset.meta.name),
        subtitle: [t.progress.exports.asOf(long(p.date)), filterText].filter(Boolean).join(' · '),
        legendTitle: t.progress.legend.title,
        legend: [...p.statuses.map((s, i) => ({ colour: statusColour(s.code, i), label: statusLabel(s) })), { colour: NO_PACKAGE_COLOUR, label: t.progress.legend.none }],
        north: t.progress.exports.north, footer: t.progress.exports.footer,
      });
      window.__lianpianProgressExport = timings;
      download(png, `${t.progress.exports.pngFile}-${p.date}.png`);
    } catch (e) {
      setExportError((e as Error).message);
    } finally {
      setExporting(null);
    }
  }, [map, p, data, statusById, t, dataset.meta.name, long, statusLabel]);

  const [reportSubdistrict, setReportSubdistrict] = useState('');
  const focusPackage = focus?.kind === 'package' ? p?.packages.find((x) => x.id === focus.id) ?? null : null;
  const reportQuery = (extra: Record<string, string>) => {
    const q = new URLSearchParams(extra);
    if (p) q.set('date', p.date);
    if (batch) q.set('batch', batch);
    if (year) q.set('year', String(year));
    return `/progress/report?${q}`;
  };

  const title = t.progress.present.title(dataset.meta.name);
  const focusLabel = useMemo(() => describeFocus(focus, p, audit, t, lang, statusLabel), [focus, p, audit, t, lang, statusLabel]);

  if (presenting && p && query) {
    return (
      <main className="explore progress-mode presenting-main">
        <Presentation
          map={map} p={p} query={query} steps={steps} cache={cache} data={data} boxOf={boxOfIds} title={title}
          subdistrictOf={subdistrictOf} focus={focus} onFigure={onFigure} onDeckLayers={setSwipeLayers}
          onExit={() => { setPresenting(false); setFocus(null); }}
        />
      </main>
    );
  }

  return (
    <>
      <Header datasetName={dataset.meta.name} mode="progress" onMode={onMode}>
        <div className="progress-tools">
          <label className="header-select">
            <span>{t.progress.filter.batch}</span>
            <select value={batch ?? ''} onChange={(e) => setBatch(e.target.value || null)} data-testid="filter-batch">
              <option value="">{t.progress.filter.all}</option>
              {batches.map((b) => <option key={b} value={b}>{b}</option>)}
            </select>
          </label>
          <label className="header-select">
            <span>{t.progress.filter.year}</span>
            <select value={year ?? ''} onChange={(e) => setYear(e.target.value ? Number(e.target.value) : null)} data-testid="filter-year">
              <option value="">{t.progress.filter.all}</option>
              {years.map((y) => <option key={y} value={y}>{t.progress.filter.yearValue(y)}</option>)}
            </select>
          </label>
          <button type="button" className="header-button present-button" disabled={!p} onClick={() => { setPlaying(false); setPresenting(true); }} data-testid="present">
            ⛶ {t.progress.present.button}
          </button>
        </div>
      </Header>
      <main className="explore progress-mode">
        <div className="left-column progress-left">
          <section className="card time-card" aria-label={t.progress.time.title}>
            {date && <TimeControl steps={steps} date={date} onDate={setDate} playing={playing} onPlaying={onPlaying} busy={load.kind === 'loading'} />}
            {!range && <p className="muted">{t.progress.loading}</p>}
            {load.kind === 'error' && <p className="error" role="alert">{t.progress.failed(load.message)}</p>}
          </section>
          {p && <Kpis p={p} active={focus} onFigure={onFigureFit} />}
          {p && <section className="card legend progress-legend"><StatusLegend statuses={p.statuses} counts={countByStatus(p)} /></section>}
        </div>

        <div className="progress-right">
          {focusLabel && (
            <div className="card focus-card" data-testid="focus" role="status">
              <span className="swatch-line" />
              <span className="focus-text">{focusLabel}<b data-testid="focus-count">{t.progress.focus.count(num(focusIds.length))}</b></span>
              {focusPackage && (
                <a className="mini" href={reportQuery({ package: focusPackage.id })} target="_blank" rel="noreferrer" data-testid="package-report-link">{t.progress.exports.packageReport}</a>
              )}
              <button type="button" className="mini" onClick={() => onFigure(null, false)} aria-label={t.progress.focus.clear} data-testid="focus-clear">×</button>
            </div>
          )}
          {p && (
            <section className="card chart-card">
              <h2 className="card-title">{t.progress.charts.status}</h2>
              <StatusChart p={p} subdistrictOf={subdistrictOf} onFigure={onFigureFit} />
            </section>
          )}
          {p && (
            <section className="card chart-card">
              <h2 className="card-title">{t.progress.charts.ranking}</h2>
              <Ranking p={p} active={focus} onFigure={onFigureFit} />
              <p className="note">{t.progress.ranking.note}</p>
            </section>
          )}
          {p && (
            <section className="card chart-card">
              <h2 className="card-title">{t.progress.charts.funding}</h2>
              <FundingChart p={p} onFigure={onFigureFit} />
            </section>
          )}
          <AuditPanel audit={audit} error={auditError} active={focus} onFigure={onFigureFit} />
          <section className="card export-card" aria-label={t.progress.exports.title}>
            <h2 className="card-title">{t.progress.exports.title}</h2>
            <div className="export-row">
              <button type="button" className="button" disabled={!p || exporting !== null} onClick={() => void exportPng()} data-testid="export-png">
                {exporting === 'png' ? t.progress.exports.rendering : t.progress.exports.png}
              </button>
              <a className="button" href={progressXlsxUrl({ date: p?.date ?? null, batch, year })} download data-testid="export-xlsx">{t.progress.exports.xlsx}</a>
            </div>
            <div className="export-row">
              <select value={reportSubdistrict} onChange={(e) => setReportSubdistrict(e.target.value)} aria-label={t.progress.exports.subdistrict} data-testid="report-subdistrict">
                <option value="">{t.progress.exports.pickSubdistrict}</option>
                {(p?.subdistricts ?? []).map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
              </select>
              <a
                className="button" aria-disabled={!reportSubdistrict} href={reportSubdistrict ? reportQuery({ subdistrict: reportSubdistrict }) : undefined}
                target="_blank" rel="noreferrer" data-testid="export-subdistrict-report"
              >{t.progress.exports.subdistrictReport}</a>
            </div>
            <p className="note">{t.progress.exports.note}</p>
            {exportError && <p className="error" role="alert">{exportError}</p>}
          </section>
        </div>
      </main>
    </>
  );
}

function countByStatus(p: ProgressResponse): Map<string, number> {
  return new Map(p.byStatus.filter((b) => b.status !== null).map((b) => [b.status as string, b.communities]));
}

function describeFocus(
  focus: FigureRef | null, p: ProgressResponse | null, audit: AuditResponse | null,
  t: ReturnType<typeof useI18n>['t'], lang: string, statusLabel: (s: ProgressResponse['statuses'][number]) => string,
): string | null {
  if (!focus || !p) return null;
  const f = t.progress.focus;
  switch (focus.kind) {
    case 'planned':
    case 'started':
    case 'completed':
      return t.progress.kpi[focus.kind];
    case 'status': {
      const s = p.statuses.find((x) => x.code === focus.status);
      const name = s ? statusLabel(s) : focus.status;
      return focus.subdistrict ? `${focus.subdistrict} · ${name}` : name;
    }
    case 'subdistrict':
      return f.subdistrict(focus.name);
    case 'package':
      return p.packages.find((x) => x.id === focus.id)?.name ?? focus.id;
    case 'funding':
      return focus.source ? f.funding((t.progress.sources as Record<string, string>)[focus.source] ?? focus.source) : f.fundingAll;
    case 'audit': {
      const flag = audit?.flags[focus.index];
      return flag ? (lang === 'en' ? flag.messageEn : flag.message) : null;
    }
  }
}
