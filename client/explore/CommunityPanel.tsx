// Everything known about one compound, in the current language (GET /api/communities/:id).
import type { ReactNode } from 'react';
import type { CommunityDetail, GapsResponse, PipesResponse } from '../../server/domain/api.ts';
import type { AmenityKind, PackageStatus } from '../../server/domain/model.ts';
import { AttributeList } from '../AttributeList.tsx';
import { useI18n } from '../i18n/index.tsx';
import { STATUS_COLOURS } from '../map/colouring.ts';

export type PanelState =
  | { kind: 'loading'; id: string }
  | { kind: 'error'; id: string; message: string }
  | { kind: 'ready'; detail: CommunityDetail };

/** The analyses' rows for this compound (null until they arrive). */
export interface CompoundAnalysis {
  gaps: GapsResponse | null;
  pipes: PipesResponse | null;
  walkingSpeedMPerMin: number;
}

interface Props {
  state: PanelState;
  onClose(): void;
  analysis: CompoundAnalysis;
}

export function CommunityPanel({ state, onClose, analysis }: Props) {
  const { t } = useI18n();

  return (
    <aside className="card community-panel" data-testid="community-panel" aria-live="polite">
      <button type="button" className="close" aria-label={t.panel.close} title={t.panel.close} data-testid="panel-close" onClick={onClose}>×</button>
      {state.kind === 'loading' && <p className="muted">{t.panel.loading}</p>}
      {state.kind === 'error' && <p className="error" role="alert">{state.message}</p>}
      {state.kind === 'ready' && (
        <>
          <Details detail={state.detail} />
          <GapList id={state.detail.feature.properties.id} analysis={analysis} />
          <PipeIssues id={state.detail.feature.properties.id} pipes={analysis.pipes} />
        </>
      )}
    </aside>
  );
}

function Details({ detail }: { detail: CommunityDetail }) {
  const { t, num } = useI18n();
  const p = detail.feature.properties;
  const l = t.panel;
  const yesNo = (b: boolean) => (b ? l.yes : l.no);
  const rows: [string, ReactNode][] = [
    [l.name, p.name],
    [l.aliases, p.aliases.length ? p.aliases.join('、') : l.none],
    [l.subdistrict, p.subdistrict],
    [l.neighborhood, p.neighborhood ?? l.none],
    [l.households, <span data-testid="panel-households">{l.householdsValue(num(p.households))}</span>],
    [l.buildings, l.buildingsValue(num(p.buildings))],
    [l.floorArea, l.squareMetres(num(p.floorArea))],
    [l.buildYear, l.yearValue(p.buildYear)],
    [l.management, t.enums.management[p.management]],
    [l.isOld, yesNo(p.isOld)],
    [l.eligible, <span className={p.eligible ? 'badge good' : 'badge'}>{yesNo(p.eligible)} · {t.enums.eligibility[p.eligibility]}</span>],
    [l.renovatedYear, p.renovatedYear != null ? l.yearValue(p.renovatedYear) : l.notRenovated],
    [l.needs, p.needs.length ? (
      <ul className="chips">{p.needs.map((n) => <li key={n}>{t.enums.need[n]}</li>)}</ul>
    ) : l.none],
    [l.gates, l.gatesValue(p.gates.length)],
    [l.package, p.packageId ? (
      <span>
        {p.packageName ?? p.packageId}{' '}
        {p.packageStatus && (
          <span className="badge" style={{ background: STATUS_COLOURS[p.packageStatus as PackageStatus] }}>{t.enums.status[p.packageStatus as PackageStatus] ?? p.packageStatus}</span>
        )}
      </span>
    ) : l.none],
    [l.siteArea, l.squareMetres(num(detail.siteArea))],
    [l.far, num(detail.far, 2)],
    [l.note, p.note ?? l.none],
  ];
  return (
    <>
      <h2 data-testid="panel-title">{p.name}</h2>
      <p className="muted">{p.subdistrict}{p.neighborhood ? ` · ${p.neighborhood}` : ''}</p>
      <AttributeList className="attributes" rows={rows} />
    </>
  );
}

/** Kinds beyond their radius first, each with the walk, the straight line and the capacity measure. */
function GapList({ id, analysis }: { id: string; analysis: CompoundAnalysis }) {
  const { t, num } = useI18n();
  const l = t.gaps.panel;
  const row = analysis.gaps?.communities.find((c) => c.id === id);
  if (!analysis.gaps || !row) return null;
  const kinds = analysis.gaps.kinds;
  const beyond = kinds.filter((k) => !row.access[k.kind].within);
  const within = kinds.length - beyond.length;
  const minutes = (m: number) => num(m / analysis.walkingSpeedMPerMin, 0);
  return (
    <section className="panel-section" data-testid="panel-gaps">
      <h3>{l.gapsTitle}</h3>
      {!row.gated && <p className="note">{l.ungated}</p>}
      {beyond.length === 0 && <p className="muted">{l.gapsNone}</p>}
      <ul className="gap-list">
        {beyond.map((k) => {
          const a = row.access[k.kind];
          return (
            <li key={k.kind} className="bad" data-testid="panel-gap">
              <span className="what">{t.enums.amenityKind[k.kind as AmenityKind]}</span>
              <span>{a.walkM === null ? l.unreachable : l.walk(num(a.walkM), minutes(a.walkM))}</span>
              <span className="sub">
                {t.gaps.radius(num(k.radiusM), minutes(k.radiusM))}
                {a.straightM !== null && ` · ${l.straight(num(a.straightM))}`}
                {a.capacityRatio != null && ` · ${l.capacity(num(a.capacityRatio, 2))}`}
              </span>
            </li>
          );
        })}
      </ul>
      {within > 0 && <p className="note">{l.showAll(within)}</p>}
    </section>
  );
}

function PipeIssues({ id, pipes }: { id: string; pipes: PipesResponse | null }) {
  const { t, num } = useI18n();
  const l = t.gaps.panel;
  const f = pipes?.communities.find((c) => c.id === id);
  if (!pipes || !f) return null;
  const m = (x: number) => num(x, 0);
  const issues: string[] = [];
  if (f.noSewerOutlet) issues.push(f.sewerM === null ? l.sewerNone(num(pipes.sewerOutletMaxM)) : l.sewerFar(`${m(f.sewerM)} ${t.gaps.unit.m}`, num(pipes.sewerOutletMaxM)));
  if (f.combinedM > 0) issues.push(l.combined(m(f.combinedM)));
  if (f.overheadM > 0) issues.push(l.overhead(m(f.overheadM)));
  if (f.agedM > 0) issues.push(l.aged(m(f.agedM), pipes.pipeServiceLifeYears));
  if (f.poorM > 0) issues.push(l.poor(m(f.poorM)));
  return (
    <section className="panel-section" data-testid="panel-pipes">
      <h3>{l.pipesTitle}</h3>
      {issues.length === 0 && <p className="muted">{l.pipesNone}{f.sewerM !== null ? ` · ${l.sewerOk(m(f.sewerM))}` : ''}</p>}
      <ul className="gap-list">
        {issues.map((x) => <li key={x} className="bad" data-testid="panel-pipe-issue"><span className="what">{x}</span></li>)}
      </ul>
    </section>
  );
}
