// One-page A4 progress reports, printed with the browser (or "Save as PDF"):
//   /progress/report?subdistrict=<街道>&date=YYYY-MM-DD[&batch=&year=]  a 街道: its figures, rank, map, packages, funding
//   /progress/report?package=<id>&date=YYYY-MM-DD                      a package: status on the date, map, members, history, funding
// Long lists are cut to what fits one page, and say how many rows were left out.
import { Fragment, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Geometry } from 'geojson';
import type { BBox, DatasetResponse, PackageDetail } from '../../../server/domain/api.ts';
import { createApi } from '../../api.ts';
import { LangSwitch } from '../../LangSwitch.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { statusColour, NO_PACKAGE_COLOUR } from '../../map/colouring.ts';
import { reportFormat, type ReportFormat } from '../../report/format.ts';
import { geometryBBox } from '../../../server/analysis/bbox.ts';
import { useStatusLabel } from '../Charts.tsx';
import { dateFormatter } from '../dates.ts';
import { compoundStatuses } from '../figures.ts';
import type { ProgressPackage, ProgressResponse, Rates, StatusLabel } from '../types.ts';
import { ProgressReportMap } from './ProgressReportMap.tsx';
import type { ReportParams } from './params.ts';
import '../../report/report.css';
import './progressReport.css';

/** Rows that fit one A4 page next to the map and the figures. */
const MAX_PACKAGE_ROWS = 12;
const MAX_MEMBER_ROWS = 12;

type Funding = PackageDetail['funding'];
interface SubdistrictSubject {
  kind: 'subdistrict';
  name: string;
  /** What the map frames: the 街道's compounds in packages, or the whole 街道 when none is. */
  frame: BBox;
  outline: Geometry;
  compounds: string[];
  packages: ProgressPackage[];
  funding: Funding | null;
}
interface PackageSubject { kind: 'package'; detail: PackageDetail; entry: ProgressPackage | null }
type Load =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; p: ProgressResponse; dataset: DatasetResponse; subject: SubdistrictSubject | PackageSubject };

function sumFunding(details: PackageDetail[]): Funding | null {
  if (!details.length) return null;
  const out = structuredClone(details[0].funding);
  for (const k of Object.keys(out) as (keyof Funding)[]) out[k] = { planned: 0, inPlace: 0 };
  for (const d of details) {
    for (const k of Object.keys(out) as (keyof Funding)[]) {
      out[k].planned += d.funding[k]?.planned ?? 0;
      out[k].inPlace += d.funding[k]?.inPlace ?? 0;
    }
  }
  return out;
}

export function ProgressReport({ params }: { params: ReportParams }) {
  const { t, lang } = useI18n();
  const api = useMemo(() => createApi(lang, t), [lang, t]);
  const fmt = useMemo(() => reportFormat(lang, t), [lang, t]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const apiRef = useRef(api);
  apiRef.current = api;
  const r = t.progress.report;
  const rRef = useRef(r);
  rRef.current = r;

  useEffect(() => {
    const a = apiRef.current;
    const r = rRef.current;
    const ctrl = new AbortController();
    const { signal } = ctrl;
    (async (): Promise<Load> => {
      if (!params.subdistrict && !params.package) return { kind: 'error', message: r.missing };
      const [dataset, p] = await Promise.all([a.dataset(signal), a.progress({ date: params.date, batch: params.batch, year: params.year }, signal)]);
      if (params.package) {
        const detail = await a.packageDetail(params.package, signal);
        return { kind: 'ready', p, dataset, subject: { kind: 'package', detail, entry: p.packages.find((x) => x.id === detail.id) ?? null } };
      }
      const name = params.subdistrict!;
      const boundaries = await a.layerIn('boundaries', dataset.bbox, signal);
      const boundary = boundaries.features.find((f) => f.properties.level === 'subdistrict' && f.properties.name === name);
      const bbox = boundary ? geometryBBox(boundary.geometry) : null;
      const communities = bbox ? await a.layerIn('communities', bbox, signal) : null;
      const compounds = (communities?.features ?? []).filter((f) => f.properties.subdistrict === name).map((f) => f.properties.id);
      if (!boundary || !bbox || (!compounds.length && !p.subdistricts.some((s) => s.name === name))) return { kind: 'error', message: r.notFound(name) };
      const packages = p.packages.filter((x) => x.status !== null && x.subdistricts.includes(name));
      const details = await Promise.all(packages.map((x) => a.packageDetail(x.id, signal)));
      const inside = new Set(compounds);
      const planned = (communities?.features ?? []).filter((f) => inside.has(f.properties.id) && packages.some((x) => x.members.includes(f.properties.id)));
      const frame = planned.length ? geometryBBox({ type: 'GeometryCollection', geometries: planned.map((f) => f.geometry) }) : bbox;
      return { kind: 'ready', p, dataset, subject: { kind: 'subdistrict', name, frame, outline: boundary.geometry, compounds, packages, funding: sumFunding(details) } };
    })().then((l) => { if (!signal.aborted) setLoad(l); }, (err: Error) => { if (!signal.aborted) setLoad({ kind: 'error', message: err.message }); });
    return () => ctrl.abort();
    // Fetched once per page (params never change): a language switch re-renders the same figures.
  }, [params]);

  const long = dateFormatter(t.locale, 'long');
  const subjectName = load.kind === 'ready' ? (load.subject.kind === 'package' ? load.subject.detail.name : load.subject.name) : null;
  useEffect(() => {
    const set = () => { document.title = subjectName ? r.docTitle(subjectName, long(params.date)) : r.toolbar; };
    set();
    const timer = setTimeout(set, 0);
    return () => clearTimeout(timer);
  }, [subjectName, r, long, params.date]);

  const back = `/progress?${new URLSearchParams({ date: params.date, ...(params.batch ? { batch: params.batch } : {}), ...(params.year ? { year: String(params.year) } : {}) })}`;
  return (
    <div className="report progress-report" data-testid="progress-report">
      <header className="report-toolbar">
        <a className="report-back" href={back}>← {r.back}</a>
        <span className="report-toolbar-title"><span lang="zh-CN">连片</span> <span lang="en">Lianpian</span> · {r.toolbar}</span>
        <span className="report-toolbar-tools">
          <button type="button" className="report-button" disabled={load.kind !== 'ready'} onClick={() => window.print()} data-testid="progress-report-print">{r.print}</button>
          <LangSwitch />
        </span>
      </header>
      {load.kind === 'loading' && <p className="report-status">{r.loading}</p>}
      {load.kind === 'error' && (
        <div className="report-status report-status-error" role="alert" data-testid="progress-report-error">
          <h2>{r.failed}</h2>
          <p>{load.message}</p>
          <p className="report-status-actions"><a className="report-button" href={back}>{r.back}</a></p>
        </div>
      )}
      {load.kind === 'ready' && (
        <article className="report-sheet progress-sheet" data-testid="progress-report-sheet">
          {load.subject.kind === 'subdistrict'
            ? <SubdistrictSheet p={load.p} s={load.subject} params={params} fmt={fmt} api={api} />
            : <PackageSheet p={load.p} s={load.subject} params={params} fmt={fmt} api={api} />}
          <footer className="report-notes">
            <p>{r.notes}{load.dataset.meta.synthetic && <> {t.report.synthetic}</>}</p>
            <p className="report-made-by">{t.report.dataset(load.dataset.meta.name)} · {r.madeBy} · {fmt.dateTime(new Date().toISOString())}</p>
          </footer>
        </article>
      )}
    </div>
  );
}

interface SheetProps<S> { p: ProgressResponse; s: S; params: ReportParams; fmt: ReportFormat; api: ReturnType<typeof createApi> }

function Head({ kicker, title, meta }: { kicker: string; title: string; meta: [string, ReactNode, string?][] }) {
  return (
    <header className="report-head">
      <p className="report-kicker">{kicker}</p>
      <h1 data-testid="progress-report-title">{title}</h1>
      <dl className="report-meta">
        {meta.map(([label, value, testId]) => <div key={label}><dt>{label}</dt><dd data-testid={testId}>{value}</dd></div>)}
      </dl>
    </header>
  );
}

function Figure({ label, value, unit, note, testId }: { label: string; value: string; unit?: string; note?: string; testId?: string }) {
  return (
    <div className="report-figure">
      <span className="report-figure-label">{label}</span>
      <span className="report-figure-value" data-testid={testId}>{value}{unit && <small>{unit}</small>}</span>
      {note && <span className="report-figure-note">{note}</span>}
    </div>
  );
}

function usePercent(fmt: ReportFormat) {
  return (x: number | null) => (x === null ? '—' : `${fmt.num(x * 100, 1)}%`);
}

function RateFigure({ label, rates, fmt, testId }: { label: string; rates: Rates; fmt: ReportFormat; testId: string }) {
  const { t } = useI18n();
  const pct = usePercent(fmt);
  return <Figure label={label} value={pct(rates.byCommunities)} note={`${t.progress.kpi.byHouseholds} ${pct(rates.byHouseholds)}`} testId={testId} />;
}

/** The map's colours; with `counts`, how many of the subject's compounds are in each (the 街道's status breakdown). */
function Legend({ statuses, counts, none, fmt }: { statuses: StatusLabel[]; counts?: Map<string, number>; none?: number; fmt: ReportFormat }) {
  const { t } = useI18n();
  const label = useStatusLabel();
  const n = (x: number | undefined) => (counts ? <b className="progress-count">{fmt.num(x ?? 0)}</b> : null);
  return (
    <figcaption className="report-legend" data-testid="progress-report-legend">
      {statuses.map((s, i) => (
        <span key={s.code} className="report-legend-item">
          <svg width="16" height="11" aria-hidden="true"><rect x="0.5" y="0.5" width="15" height="10" fill={statusColour(s.code, i)} stroke="#8c847a" /></svg>{label(s)}{n(counts?.get(s.code))}
        </span>
      ))}
      <span className="report-legend-item">
        <svg width="16" height="11" aria-hidden="true"><rect x="0.5" y="0.5" width="15" height="10" fill={NO_PACKAGE_COLOUR} stroke="#8c847a" /></svg>{t.progress.legend.none}{n(none)}
      </span>
      {counts && <span className="report-legend-item report-muted">{t.progress.report.legendCounts}</span>}
    </figcaption>
  );
}

function FundingTable({ funding, fmt }: { funding: Funding | null; fmt: ReportFormat }) {
  const { t } = useI18n();
  const c = t.progress.report.fundingCols;
  const rows = funding ? (Object.entries(funding) as [string, { planned: number; inPlace: number }][]).filter(([, v]) => v.planned > 0 || v.inPlace > 0) : [];
  if (!rows.length) return <p className="report-muted">{t.progress.charts.noFunding}</p>;
  const total = rows.reduce((a, [, v]) => ({ planned: a.planned + v.planned, inPlace: a.inPlace + v.inPlace }), { planned: 0, inPlace: 0 });
  return (
    <table className="report-table" data-testid="progress-report-funding">
      <thead><tr><th>{c.source}</th><th className="num">{c.planned}</th><th className="num">{c.inPlace}</th></tr></thead>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}><td>{(t.progress.sources as Record<string, string>)[k] ?? k}</td><td className="num">{fmt.num(v.planned, 1)}</td><td className="num">{fmt.num(v.inPlace, 1)}</td></tr>
        ))}
      </tbody>
      <tfoot><tr><th scope="row">{t.report.table.total}</th><td className="num">{fmt.num(total.planned, 1)}</td><td className="num">{fmt.num(total.inPlace, 1)}</td></tr></tfoot>
    </table>
  );
}

function scopeText(params: ReportParams, t: ReturnType<typeof useI18n>['t']): string {
  const parts = [params.batch, params.year ? t.progress.filter.yearValue(params.year) : null].filter(Boolean);
  return parts.length ? parts.join(' · ') : t.progress.report.allPackages;
}

function SubdistrictSheet({ p, s, params, fmt, api }: SheetProps<SubdistrictSubject>) {
  const { t } = useI18n();
  const r = t.progress.report;
  const k = t.progress.kpi;
  const label = useStatusLabel();
  const long = dateFormatter(t.locale, 'long');
  const sd = p.subdistricts.find((x) => x.name === s.name) ?? null;
  const statusById = useMemo(() => compoundStatuses(p), [p]);
  const inside = useMemo(() => new Set(s.compounds), [s.compounds]);
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const [id, code] of statusById) if (inside.has(id)) m.set(code, (m.get(code) ?? 0) + 1);
    return m;
  }, [statusById, inside]);
  const statusName = (code: string | null) => {
    const st = p.statuses.find((x) => x.code === code);
    return st ? label(st) : code ?? '—';
  };
  const planned = useMemo(() => s.compounds.filter((id) => statusById.has(id)), [s.compounds, statusById]);
  const shown = s.packages.slice(0, MAX_PACKAGE_ROWS);
  return (
    <>
      <Head
        kicker={r.kickerSubdistrict} title={s.name}
        meta={[
          [r.asOf, long(p.date), 'progress-report-date'],
          [r.filter, scopeText(params, t)],
          ...(sd ? [[r.rankLabel, r.rank(fmt.num(sd.rank), fmt.num(p.subdistricts.length)), 'progress-report-rank'] as [string, string, string]] : []),
        ]}
      />
      <section className="report-figures progress-figures">
        <Figure label={k.planned} value={fmt.num(sd?.planned.communities ?? 0)} unit={k.communitiesUnit} note={k.households(fmt.num(sd?.planned.households ?? 0))} testId="progress-report-planned" />
        <Figure label={k.started} value={fmt.num(sd?.started.communities ?? 0)} unit={k.communitiesUnit} note={k.households(fmt.num(sd?.started.households ?? 0))} />
        <Figure label={k.completed} value={fmt.num(sd?.completed.communities ?? 0)} unit={k.communitiesUnit} note={k.households(fmt.num(sd?.completed.households ?? 0))} />
        <RateFigure label={k.startRate} rates={sd?.startRate ?? { byCommunities: null, byHouseholds: null }} fmt={fmt} testId="progress-report-start-rate" />
        <RateFigure label={k.completionRate} rates={sd?.completionRate ?? { byCommunities: null, byHouseholds: null }} fmt={fmt} testId="progress-report-completion-rate" />
      </section>
      <section className="report-section report-keep">
        <ProgressReportMap api={api} bbox={s.frame} outline={s.outline} statuses={p.statuses} statusById={statusById} subject={s.compounds} named={planned} name={s.name} />
        <Legend statuses={p.statuses} counts={counts} none={s.compounds.length - planned.length} fmt={fmt} />
      </section>
      <div className="progress-columns">
        <section className="report-section">
          <h2>{r.packages}</h2>
          {shown.length ? (
            <table className="report-table" data-testid="progress-report-packages">
              <thead><tr>
                <th className="col-name">{r.packageCols.name}</th><th className="col-status">{r.packageCols.status}</th>
                <th className="col-date">{r.packageCols.started}</th><th className="col-date">{r.packageCols.completed}</th>
                <th className="num col-n">{r.packageCols.communities}</th><th className="num col-hh">{r.packageCols.households}</th>
              </tr></thead>
              <tbody>
                {shown.map((x) => {
                  const mine = x.members.filter((id) => inside.has(id));
                  return (
                    <tr key={x.id} data-testid="progress-report-package-row">
                      <td className="wrap" title={x.name}>{x.name}</td><td>{statusName(x.status)}</td>
                      <td>{x.startedOn ?? '—'}</td><td>{x.completedOn ?? '—'}</td>
                      <td className="num">{fmt.num(mine.length)}</td><td className="num">{fmt.num(x.households)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : <p className="report-muted">{r.noPackages}</p>}
          {s.packages.length > shown.length && <p className="report-muted">{r.morePackages(fmt.num(s.packages.length - shown.length))}</p>}
        </section>
        <section className="report-section">
          <h2>{r.funding}</h2>
          <FundingTable funding={s.funding} fmt={fmt} />
          <p className="report-muted progress-small">{r.fundingNote}</p>
        </section>
      </div>
    </>
  );
}

function PackageSheet({ p, s, fmt, api }: SheetProps<PackageSubject>) {
  const { t } = useI18n();
  const r = t.progress.report;
  const k = t.progress.kpi;
  const label = useStatusLabel();
  const long = dateFormatter(t.locale, 'long');
  const d = s.detail;
  const statusById = useMemo(() => compoundStatuses(p), [p]);
  const subject = useMemo(() => d.members.map((m) => m.id), [d.members]);
  const statusName = (code: string | null | undefined) => {
    const st = p.statuses.find((x) => x.code === code);
    return st ? label(st) : code ?? '—';
  };
  const shown = d.members.slice(0, MAX_MEMBER_ROWS);
  const history = d.history.filter((e) => e.date <= p.date);
  const money = Object.values(d.funding).reduce((a, v) => ({ planned: a.planned + v.planned, inPlace: a.inPlace + v.inPlace }), { planned: 0, inPlace: 0 });
  // Outputs are what a finished package delivered: shown once it is completed on the report's date.
  const outputs = s.entry?.completedOn ? (Object.entries(d.outputs) as [keyof typeof t.progress.outputs, number | null][]).filter(([, v]) => v !== null) : [];
  return (
    <>
      <Head
        kicker={r.kickerPackage} title={d.name}
        meta={[
          [r.asOf, long(p.date), 'progress-report-date'],
          [r.packageCols.status, statusName(s.entry?.status ?? null), 'progress-report-status'],
          ...(d.batch ? [[t.progress.filter.batch, d.batch] as [string, string]] : []),
          ...(d.year ? [[t.progress.filter.year, t.progress.filter.yearValue(d.year)] as [string, string]] : []),
          [t.progress.ranking.subdistrict, [...new Set(d.members.map((m) => m.subdistrict))].join(fmt.list)],
        ]}
      />
      <section className="report-figures progress-figures">
        <Figure label={r.members} value={fmt.num(d.totals.communityCount)} unit={k.communitiesUnit} />
        <Figure label={r.packageCols.households} value={fmt.num(d.totals.households)} />
        <Figure label={r.packageCols.started} value={s.entry?.startedOn ?? '—'} testId="progress-report-started" />
        <Figure label={r.packageCols.completed} value={s.entry?.completedOn ?? '—'} testId="progress-report-completed" />
        <Figure label={k.funding} value={fmt.num(money.inPlace, 1)} unit={k.moneyUnit} note={`${k.plannedMoney} ${fmt.num(money.planned, 1)}`} />
      </section>
      <section className="report-section report-keep">
        <ProgressReportMap api={api} bbox={d.bbox} outline={d.outline} statuses={p.statuses} statusById={statusById} subject={subject} named={subject} name={d.name} />
        <Legend statuses={p.statuses} fmt={fmt} />
      </section>
      <div className="progress-columns">
        <section className="report-section">
          <h2>{r.members}</h2>
          <table className="report-table" data-testid="progress-report-members">
            <thead><tr><th className="col-name">{r.memberCols.name}</th><th>{r.memberCols.subdistrict}</th><th className="num">{r.memberCols.households}</th><th className="num">{r.memberCols.buildYear}</th></tr></thead>
            <tbody>
              {shown.map((m) => (
                <tr key={m.id}><td className="wrap" title={m.name}>{m.name}</td><td>{m.subdistrict}</td><td className="num">{fmt.num(m.households)}</td><td className="num">{m.buildYear}</td></tr>
              ))}
            </tbody>
          </table>
          {d.members.length > shown.length && <p className="report-muted">{r.moreMembers(fmt.num(d.members.length - shown.length))}</p>}
        </section>
        <section className="report-section">
          <h2>{r.history}</h2>
          <p className="progress-history" data-testid="progress-report-history">
            {history.map((e, i) => (
              <Fragment key={`${e.date}-${i}`}>
                {i > 0 && <span className="report-arrow" aria-hidden="true"> → </span>}
                <span className="progress-history-step"><span className="progress-history-date">{e.date}</span> {statusName(e.status)}</span>
              </Fragment>
            ))}
          </p>
          <h2 className="progress-subhead">{r.funding}</h2>
          <FundingTable funding={d.funding} fmt={fmt} />
          {outputs.length > 0 && (
            <p className="progress-small">{outputs.map(([key, v]) => `${fmt.num(v!, key === 'pipesKm' ? 1 : 0)} ${t.progress.outputs[key](v!)}`).join(fmt.list)}</p>
          )}
        </section>
      </div>
    </>
  );
}
