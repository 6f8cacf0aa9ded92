// The printable package report at /report/<packageId>: one A4 portrait document (1–2 pages) with the
// rule checks, a map, the members, totals, the cost estimate and its basis, and the pipe work inside.
// On screen it shows the same sheet on a grey desk with a toolbar; print (or "Save as PDF") hides the toolbar.
import { Fragment, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CostSettings } from './CostSettings.tsx';
import { LangSwitch } from '../LangSwitch.tsx';
import type { DatasetResponse, PackageGaps, PackageReport } from '../../server/domain/api.ts';
import { ReportGaps } from './ReportGaps.tsx';
import { FUNDING_SOURCES, MANAGEMENT, NEEDS, PIPE_KINDS, type Need, type PackageStatus, type PipeKind } from '../../server/domain/model.ts';
import { ApiRequestError, createApi, type Api } from '../api.ts';
import { useI18n, type Messages } from '../i18n/index.tsx';
import { reportFormat, type ReportFormat } from './format.ts';
import { ReportMap } from './ReportMap.tsx';
import './report.css';

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; notFound: boolean; message: string }
  | { kind: 'ready'; report: PackageReport; dataset: DatasetResponse | null; gaps: PackageGaps | null };

/** Where the "back to the map" link goes: the package mode. */
const BACK_HREF = '/package';

export function ReportPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const api = useMemo(() => createApi(lang, t), [lang, t]);
  const fmt = useMemo(() => reportFormat(lang, t), [lang, t]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The report is fetched once per id (and retry); switching language re-renders the same data.
  const apiRef = useRef(api);
  apiRef.current = api;

  useEffect(() => {
    const ctrl = new AbortController();
    setLoad({ kind: 'loading' });
    Promise.all([
      apiRef.current.report(id, ctrl.signal),
      apiRef.current.dataset(ctrl.signal).catch(() => null), // only for the data-source line
      apiRef.current.packageGaps(id, ctrl.signal).catch(() => null), // the report stands without its gap section
    ]).then(
      ([report, dataset, gaps]) => setLoad({ kind: 'ready', report, dataset, gaps }),
      (err: Error) => {
        if (ctrl.signal.aborted) return;
        const notFound = err instanceof ApiRequestError && (err.code === 'not_found' || err.code === 'bad_id');
        setLoad({ kind: 'error', notFound, message: err.message });
      },
    );
    return () => ctrl.abort();
  }, [id, attempt]);

  // The language provider sets an app title on every language change, after this page's effects run;
  // the report's own title (also the default PDF file name) is set once more after it.
  const title = load.kind === 'ready' ? t.report.docTitle(load.report.package.name) : t.report.toolbarTitle;
  useEffect(() => {
    const set = () => { document.title = title; };
    set();
    const timer = setTimeout(set, 0);
    return () => clearTimeout(timer);
  }, [title]);

  return (
    <div className="report" data-testid="report">
      <Toolbar canPrint={load.kind === 'ready'}>
        {load.kind === 'ready' && <CostSettings api={api} settings={load.report.settings} onSaved={() => setAttempt((n) => n + 1)} />}
      </Toolbar>
      {load.kind === 'loading' && <p className="report-status" data-testid="report-loading">{t.report.loading}</p>}
      {load.kind === 'error' && (
        <div className="report-status report-status-error" role="alert" data-testid="report-error">
          <h2>{load.notFound ? t.report.notFoundTitle : t.report.loadFailed}</h2>
          <p>{load.notFound ? t.report.notFound(id) : load.message}</p>
          <p className="report-status-actions">
            <a className="report-button" href={BACK_HREF}>{t.report.back}</a>
            {!load.notFound && <button type="button" className="report-button" onClick={() => setAttempt((n) => n + 1)}>{t.app.retry}</button>}
          </p>
        </div>
      )}
      {load.kind === 'ready' && (
        <article className="report-sheet" data-testid="report-sheet">
          <Sheet report={load.report} dataset={load.dataset} gaps={load.gaps} fmt={fmt} api={api} />
        </article>
      )}
    </div>
  );
}

function Toolbar({ canPrint, children }: { canPrint: boolean; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <header className="report-toolbar">
      <a className="report-back" href={BACK_HREF} data-testid="report-back">← {t.report.back}</a>
      <span className="report-toolbar-title">
        <span lang="zh-CN">连片</span> <span lang="en">Lianpian</span> · {t.report.toolbarTitle}
      </span>
      <span className="report-toolbar-tools">
        {children}
        <button
          type="button" className="report-button report-print" data-testid="report-print" disabled={!canPrint}
          title={t.report.printHint} onClick={() => window.print()}
        >
          {t.report.print}
        </button>
        <LangSwitch />
      </span>
    </header>
  );
}

interface SheetProps {
  report: PackageReport;
  dataset: DatasetResponse | null;
  gaps: PackageGaps | null;
  fmt: ReportFormat;
  api: Api;
}

function Sheet({ report, dataset, gaps, fmt, api }: SheetProps) {
  const { t, lang } = useI18n();
  const pkg = report.package;
  const failed = pkg.checks.filter((c) => !c.ok);
  const msg = (c: { message: string; messageEn: string }) => (lang === 'en' ? c.messageEn : c.message);
  const basis = t.report.costBasis[report.cost.mode](fmt.num(report.cost.unitCost));

  return (
    <>
      <header className="report-head">
        <p className="report-kicker">{t.report.kicker}</p>
        <h1 data-testid="report-title">{pkg.name}</h1>
        <dl className="report-meta">
          <MetaItem label={t.report.id} value={pkg.id} />
          {pkg.batch && <MetaItem label={t.report.batch} value={pkg.batch} />}
          {pkg.year != null && <MetaItem label={t.report.year} value={t.report.yearValue(pkg.year)} />}
          <MetaItem label={t.report.status} value={t.enums.status[pkg.status as PackageStatus] ?? pkg.status} testId="report-status" />
          <MetaItem label={t.report.generated} value={fmt.dateTime(report.generatedAt)} />
        </dl>
        {(pkg.draft || pkg.locked) && (
          <p className="report-badges">
            {pkg.draft && <span className="report-badge report-badge-warn">{t.report.draft}</span>}
            {pkg.locked && <span className="report-badge">{t.report.locked}</span>}
          </p>
        )}
      </header>

      <section className={`report-checks ${failed.length ? 'is-failed' : 'is-ok'}`} data-testid="report-checks">
        <p className="report-checks-title">
          <span aria-hidden="true">{failed.length ? '✕' : '✓'}</span>{' '}
          {failed.length ? t.report.checksFailed(failed.length, pkg.checks.length) : t.report.checksOk(pkg.checks.length)}
        </p>
        {failed.length > 0 && (
          <ul className="report-failed">
            {failed.map((c) => (
              <li key={c.rule} data-testid="report-failed-rule"><strong>{t.report.rules[c.rule]}</strong>{fmt.colon}{msg(c)}</li>
            ))}
          </ul>
        )}
        <p className="report-rule-list">
          {pkg.checks.map((c) => (
            <span key={c.rule} className={c.ok ? 'ok' : 'bad'} title={msg(c)}>{c.ok ? '✓' : '✕'} {t.report.rules[c.rule]}</span>
          ))}
        </p>
      </section>

      <Figures report={report} fmt={fmt} basis={basis} />

      <section className="report-section report-keep">
        <h2>{t.report.sections.map}</h2>
        <ReportMap report={report} api={api} />
      </section>

      <Summary report={report} fmt={fmt} basis={basis} />
      <MembersTable report={report} fmt={fmt} />
      <Pipes report={report} fmt={fmt} />
      {gaps && <ReportGaps gaps={gaps} num={fmt.num} />}
      <CostEstimate report={report} fmt={fmt} />
      <Notes report={report} dataset={dataset} t={t} />
    </>
  );
}

function MetaItem({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function Figures({ report, fmt, basis }: { report: PackageReport; fmt: ReportFormat; basis: string }) {
  const { t } = useI18n();
  const { totals } = report.package;
  const u = t.report.units;
  const items: { key: string; label: string; value: string; unit: string; note?: string }[] = [
    { key: 'communities', label: t.report.figures.communities, value: fmt.num(totals.communityCount), unit: u.communities },
    { key: 'households', label: t.report.figures.households, value: fmt.num(totals.households), unit: u.households },
    { key: 'buildings', label: t.report.figures.buildings, value: fmt.num(totals.buildings), unit: u.buildings },
    { key: 'floorArea', label: t.report.figures.floorArea, value: fmt.num(totals.floorArea), unit: u.sqm },
    { key: 'cost', label: t.report.figures.cost, value: fmt.money(report.pipeWork.grandTotal), unit: fmt.moneyUnit, note: t.report.pipeWork.figureNote(basis) },
  ];
  return (
    <section className="report-figures" aria-label={t.report.sections.summary}>
      {items.map((f) => (
        <div key={f.key} className={`report-figure report-figure-${f.key}`} data-testid={`report-figure-${f.key}`}>
          <span className="report-figure-label">{f.label}</span>
          <span className="report-figure-value">{f.value}<small>{f.unit}</small></span>
          {f.note && <span className="report-figure-note">{f.note}</span>}
        </div>
      ))}
    </section>
  );
}

function Summary({ report, fmt, basis }: { report: PackageReport; fmt: ReportFormat; basis: string }) {
  const { t } = useI18n();
  const pkg = report.package;
  const { cost } = report;
  const management = MANAGEMENT.filter((m) => report.management[m]?.communities > 0).map((m) =>
    t.report.managementItem(t.enums.management[m], fmt.num(report.management[m].communities), fmt.num(report.management[m].households)));
  const needCounts = new Map<Need, number>();
  for (const m of pkg.members) for (const n of m.needs) needCounts.set(n, (needCounts.get(n) ?? 0) + 1);
  const needs = NEEDS.filter((n) => needCounts.has(n))
    .sort((a, b) => needCounts.get(b)! - needCounts.get(a)!)
    .map((n) => t.report.needsItem(t.enums.need[n], needCounts.get(n)!));
  const f = pkg.funding;
  const fundingTotal = FUNDING_SOURCES.reduce((s, k) => s + f[k].inPlace, 0); // 万元 in place
  const fundingParts = FUNDING_SOURCES
    .filter((k) => f[k].inPlace > 0)
    .map((k) => `${t.report.fundingParts[k]} ${fmt.money(f[k].inPlace * 10000)}`);
  return (
    <section className="report-section report-keep">
      <h2>{t.report.sections.summary}</h2>
      <dl className="report-summary">
        <dt>{t.report.buildYears}</dt>
        <dd data-testid="report-build-years">{t.report.yearsRange(report.buildYears.min, report.buildYears.max)}</dd>
        <dt>{t.report.management}</dt>
        <dd>{management.join(fmt.clauses)}</dd>
        <dt>{t.report.cost}</dt>
        <dd data-testid="report-cost">
          <strong>{fmt.money(cost.total)} {fmt.moneyUnit}</strong>
          <span className="report-cost-basis" data-testid="report-cost-basis">{basis}</span>
          <span className="report-muted">
            {fmt.paren(`${t.report.costFormula[cost.mode](fmt.num(cost.quantity), fmt.num(cost.unitCost))}${fmt.clauses}${t.report.costSetting}`)}
          </span>
          {report.pipeWork.total > 0 && (
            <span className="report-cost-with" data-testid="report-cost-with">
              {t.report.pipeWork.totalWith(fmt.money(report.pipeWork.total), fmt.money(report.pipeWork.grandTotal), fmt.moneyUnit)}
            </span>
          )}
        </dd>
        <dt>{t.report.funding}</dt>
        <dd>
          {fundingTotal > 0
            ? <>{fmt.money(fundingTotal * 10000)} {fmt.moneyUnit}{fundingParts.length > 0 && <span className="report-muted">{fmt.paren(fundingParts.join(fmt.list))}</span>}</>
            : <span className="report-muted">{t.report.fundingNone}</span>}
        </dd>
        <dt>{t.report.needs}</dt>
        <dd>{needs.length ? needs.join(fmt.list) : <span className="report-muted">{t.report.needsNone}</span>}</dd>
        {pkg.history.length > 0 && (
          <>
            <dt>{t.report.history}</dt>
            <dd className="report-history">
              {pkg.history.map((h, i) => (
                <Fragment key={`${h.date}-${h.status}`}>
                  {i > 0 && <span className="report-arrow" aria-hidden="true"> → </span>}
                  <span className="report-history-step">{h.date} {t.enums.status[h.status as PackageStatus] ?? h.status}</span>
                </Fragment>
              ))}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function MembersTable({ report, fmt }: { report: PackageReport; fmt: ReportFormat }) {
  const { t } = useI18n();
  const pkg = report.package;
  const h = t.report.table;
  // Which members a failed rule names: their rows say so.
  const failing = new Map<string, string[]>();
  for (const c of pkg.checks) {
    if (c.ok) continue;
    for (const id of c.communities) failing.set(id, [...(failing.get(id) ?? []), t.report.rules[c.rule]]);
  }
  const siteTotal = pkg.members.reduce((s, m) => s + (report.siteArea[m.id] ?? 0), 0);
  const years = report.buildYears;
  return (
    <section className="report-section">
      <h2>{t.report.sections.members}</h2>
      <table className="report-table report-members" data-testid="report-members">
        <thead>
          <tr>
            <th className="num">{h.no}</th>
            <th>{h.name}</th>
            <th>{h.subdistrict}</th>
            <th className="num">{h.households}</th>
            <th className="num">{h.buildings}</th>
            <th className="num">{h.floorArea}</th>
            <th className="num">{h.siteArea}</th>
            <th className="num">{h.buildYear}</th>
            <th>{h.management}</th>
            <th className="num">{h.cost(fmt.moneyUnit)}</th>
          </tr>
        </thead>
        <tbody>
          {pkg.members.map((m, i) => {
            const fails = failing.get(m.id);
            return (
              <tr key={m.id} data-testid="report-member-row" className={fails ? 'is-failed' : undefined}>
                <td className="num">{i + 1}</td>
                <td>
                  {m.name}
                  {fails && <span className="report-row-fail">{h.fails(fails.join(fmt.list))}</span>}
                </td>
                <td className="nowrap">{m.subdistrict}</td>
                <td className="num" data-testid="report-member-households">{fmt.num(m.households)}</td>
                <td className="num">{fmt.num(m.buildings)}</td>
                <td className="num">{fmt.num(m.floorArea)}</td>
                <td className="num">{report.siteArea[m.id] != null ? fmt.num(report.siteArea[m.id]) : '—'}</td>
                <td className="num">{m.buildYear}</td>
                <td className="nowrap">{t.report.managementShort[m.management]}</td>
                <td className="num">{fmt.money(report.cost.byMember[i] ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-testid="report-total-row">
            <th />
            <th scope="row">{h.total}</th>
            <td />
            <td className="num" data-testid="report-total-households">{fmt.num(pkg.totals.households)}</td>
            <td className="num">{fmt.num(pkg.totals.buildings)}</td>
            <td className="num">{fmt.num(pkg.totals.floorArea)}</td>
            <td className="num">{fmt.num(siteTotal)}</td>
            <td className="num">{years.min === years.max ? years.min : `${years.min}–${years.max}`}</td>
            <td />
            <td className="num" data-testid="report-total-cost">{fmt.money(report.cost.total)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

function Pipes({ report, fmt }: { report: PackageReport; fmt: ReportFormat }) {
  const { t } = useI18n();
  const p = t.report.pipes;
  const rows = PIPE_KINDS.map((kind: PipeKind) => {
    const of = report.pipes.filter((w) => w.kind === kind);
    // Whole metres per cell, and totals summed from them, so that the printed table adds up.
    const buried = Math.round(of.filter((w) => !w.overhead).reduce((s, w) => s + w.lengthM, 0));
    const overhead = Math.round(of.filter((w) => w.overhead).reduce((s, w) => s + w.lengthM, 0));
    const poor = Math.round(of.reduce((s, w) => s + w.poorM, 0));
    return { kind, buried, overhead, total: buried + overhead, poor };
  });
  const sum = (k: 'buried' | 'overhead' | 'total' | 'poor') => rows.reduce((s, r) => s + r[k], 0);
  const m = (v: number) => (v > 0 ? fmt.num(v) : '—');
  const total = sum('total');
  const poor = sum('poor');
  return (
    <section className="report-section report-keep">
      <h2>{t.report.sections.pipes}</h2>
      {total === 0 ? (
        <p className="report-muted">{p.none}</p>
      ) : (
        <div className="report-pipes">
          <table className="report-table" data-testid="report-pipes">
            <thead>
              <tr>
                <th>{p.kind}</th>
                <th className="num">{p.buried}</th>
                <th className="num">{p.overhead}</th>
                <th className="num">{p.total}</th>
                <th className="num">{p.poor}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.kind} className={r.total === 0 ? 'is-empty' : undefined}>
                  <td>{t.enums.pipeKind[r.kind]}</td>
                  <td className="num">{m(r.buried)}</td>
                  <td className="num">{m(r.overhead)}</td>
                  <td className="num">{m(r.total)}</td>
                  <td className="num">{m(r.poor)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{p.totalRow}</th>
                <td className="num">{m(sum('buried'))}</td>
                <td className="num">{m(sum('overhead'))}</td>
                <td className="num">{m(total)}</td>
                <td className="num">{m(poor)}</td>
              </tr>
            </tfoot>
          </table>
          <ul className="report-callouts" data-testid="report-pipe-callouts">
            <li className={report.combinedM > 0 ? 'is-action' : undefined}>
              {report.combinedM > 0 ? p.combined(fmt.num(report.combinedM)) : p.combinedNone}
            </li>
            <li className={report.overheadM > 0 ? 'is-action' : undefined}>
              {report.overheadM > 0 ? p.overheadLines(fmt.num(report.overheadM)) : p.overheadNone}
            </li>
            {poor > 0 && <li className="is-action">{p.poorTotal(fmt.num(poor))}</li>}
            <li className="report-muted">{p.scope}</li>
          </ul>
        </div>
      )}
    </section>
  );
}

/** The cost estimate: the base (per household or m²) and each pipe work line, priced per metre, then the total. */
function CostEstimate({ report, fmt }: { report: PackageReport; fmt: ReportFormat }) {
  const { t } = useI18n();
  const w = t.report.pipeWork;
  const { cost, pipeWork } = report;
  return (
    <section className="report-section report-keep">
      <h2>{w.title}</h2>
      <table className="report-table report-cost-table" data-testid="report-cost-table">
        <thead>
          <tr>
            <th>{w.item}</th>
            <th className="num">{w.quantity}</th>
            <th className="num">{w.unitPrice}</th>
            <th className="num">{w.amount(fmt.moneyUnit)}</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="report-cost-line" data-item="base" data-yuan={cost.total}>
            <td>{w.base[cost.mode]}</td>
            <td className="num">{w.baseQuantity[cost.mode](fmt.num(cost.quantity))}</td>
            <td className="num">{w.basePrice[cost.mode](fmt.num(cost.unitCost))}</td>
            <td className="num">{fmt.money(cost.total)}</td>
          </tr>
          {pipeWork.items.map((i) => (
            <tr key={i.item} data-testid="report-cost-line" data-item={i.item} data-yuan={i.cost} className={i.quantityM > 0 ? undefined : 'is-empty'}>
              <td>{w.items[i.item]}</td>
              <td className="num">{i.quantityM > 0 ? w.metres(fmt.num(i.quantityM, 1)) : '—'}</td>
              <td className="num">{w.perMetre(fmt.num(i.unitCost))}</td>
              <td className="num">{i.quantityM > 0 ? fmt.money(i.cost) : '—'}</td>
            </tr>
          ))}
          <tr className="report-subtotal">
            <th scope="row" colSpan={3}>{w.subtotal}</th>
            <td className="num" data-testid="report-pipe-work-total" data-yuan={pipeWork.total}>{fmt.money(pipeWork.total)}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>{w.total}</th>
            <td className="num" data-testid="report-cost-grand-total" data-yuan={pipeWork.grandTotal}>{fmt.money(pipeWork.grandTotal)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="report-muted report-cost-note">{w.note}</p>
    </section>
  );
}

function Notes({ report, dataset, t }: { report: PackageReport; dataset: DatasetResponse | null; t: Messages }) {
  const n = t.report.notes;
  return (
    <footer className="report-notes">
      <h2>{t.report.sections.notes}</h2>
      <ol>
        <li>{report.cost.mode === 'perHousehold' ? n.costDefault : n.costSqm} {n.estimate}</li>
        <li>{n.siteArea}</li>
        {dataset && <li>{t.report.dataset(dataset.meta.name)}{dataset.meta.synthetic && <> — {t.report.synthetic}</>}</li>}
      </ol>
      <p className="report-made-by">{t.report.madeBy}</p>
    </footer>
  );
}
