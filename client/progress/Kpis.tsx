// The key figures as the ministry publishes them: compounds and households planned, started and
// completed, 开工率 and 完工率 both by compounds and by households, funding needed / in place / gap,
// and the physical outputs that were recorded. Each card is a button: it shows its compounds.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { FigureRef } from './figures.ts';
import type { ProgressResponse, Rates } from './types.ts';

export type Pct = (r: number | null) => string;

export function usePct(): Pct {
  const { num } = useI18n();
  return (r) => (r === null || !Number.isFinite(r) ? '—' : `${num(r * 100, 1)}%`);
}

interface Props {
  p: ProgressResponse;
  active: FigureRef | null;
  onFigure(ref: FigureRef): void;
  /** Presentation mode: only the headline cards, in large type. */
  large?: boolean;
}

const same = (a: FigureRef | null, b: FigureRef) => !!a && a.kind === b.kind && JSON.stringify(a) === JSON.stringify(b);

function Card({ figure: r, active, onFigure, label, testId, children, tone }: {
  figure: FigureRef; active: FigureRef | null; onFigure(ref: FigureRef): void; label: string; testId: string; children: ReactNode; tone?: string;
}) {
  return (
    <button type="button" className={`kpi${tone ? ` ${tone}` : ''}`} aria-pressed={same(active, r)} onClick={() => onFigure(r)} data-testid={testId}>
      <span className="kpi-label">{label}</span>
      {children}
    </button>
  );
}

export function Kpis({ p, active, onFigure, large }: Props) {
  const { t, num } = useI18n();
  const k = t.progress.kpi;
  const pct = usePct();
  const { planned, started, completed, startRate, completionRate } = p.totals;
  const rate = (r: Rates, which: 'start' | 'completion') => (
    <span className="kpi-rates">
      <span><b data-testid={`kpi-${which}-rate-communities`}>{pct(r.byCommunities)}</b>{' '}<small>{k.byCommunities}</small></span>
      <span><b data-testid={`kpi-${which}-rate-households`}>{pct(r.byHouseholds)}</b>{' '}<small>{k.byHouseholds}</small></span>
    </span>
  );
  const counts = (c: { communities: number; households: number; packages?: number }, id: string) => (
    <span className="kpi-counts">
      <b data-testid={`kpi-${id}-communities`}>{num(c.communities)}</b>{' '}<small>{k.communitiesUnit}</small>
      <span className="kpi-sub" data-testid={`kpi-${id}-households`}>{k.households(num(c.households))}</span>
    </span>
  );
  const f = p.funding;
  const outputs = (Object.keys(p.outputs) as (keyof ProgressResponse['outputs'])[]).filter((key) => p.outputs[key] !== null && p.outputs[key] !== 0);

  return (
    <div className={`kpis${large ? ' large' : ''}`} data-testid="kpis">
      <Card figure={{ kind: 'planned' }} active={active} onFigure={onFigure} label={k.planned} testId="kpi-planned">
        {counts(planned, 'planned')}
        {planned.packages !== undefined && <span className="kpi-sub">{k.packages(num(planned.packages))}</span>}
      </Card>
      <Card figure={{ kind: 'started' }} active={active} onFigure={onFigure} label={k.started} testId="kpi-started">{counts(started, 'started')}</Card>
      <Card figure={{ kind: 'completed' }} active={active} onFigure={onFigure} label={k.completed} testId="kpi-completed">{counts(completed, 'completed')}</Card>
      <Card figure={{ kind: 'started' }} active={active} onFigure={onFigure} label={k.startRate} testId="kpi-start-rate" tone="rate">{rate(startRate, 'start')}</Card>
      <Card figure={{ kind: 'completed' }} active={active} onFigure={onFigure} label={k.completionRate} testId="kpi-completion-rate" tone="rate">{rate(completionRate, 'completion')}</Card>
      <Card figure={{ kind: 'funding', source: null }} active={active} onFigure={onFigure} label={k.funding} testId="kpi-funding" tone={`money${large ? '' : ' wide'}`}>
        <span className="kpi-money">
          <span><small>{k.needed}</small><b data-testid="kpi-funding-needed">{num(f.needed, 0)}</b></span>
          <span><small>{k.inPlace}</small><b data-testid="kpi-funding-in-place">{num(f.inPlace, 0)}</b></span>
          <span className={f.gap > 0 ? 'gap' : undefined}><small>{k.gap}</small><b data-testid="kpi-funding-gap">{num(f.gap, 0)}</b></span>
        </span>
        <span className="kpi-sub">{k.moneyUnit}</span>
      </Card>
      {!large && outputs.length > 0 && (
        <div className="kpi wide outputs" data-testid="kpi-outputs">
          <span className="kpi-label">{k.outputs}</span>
          <span className="kpi-output-list">
            {outputs.map((key) => <span key={key}><b>{num(p.outputs[key]!, key === 'pipesKm' ? 1 : 0)}</b>{' '}<small>{t.progress.outputs[key](p.outputs[key]!)}</small></span>)}
          </span>
        </div>
      )}
    </div>
  );
}
