// The 进度 charts: compounds by status per 街道 (stacked bars), the 街道 ranking (a table, the way
// monthly "一排名" reports print it), and funding planned vs in place by source. A bar or a row
// shows the compounds behind it on the map.
import { useMemo } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { statusColour } from '../map/colouring.ts';
import { EChart, type ChartOption } from './EChart.tsx';
import { ranked, statusBySubdistrict, type FigureRef } from './figures.ts';
import { usePct } from './Kpis.tsx';
import type { ProgressResponse, StatusLabel } from './types.ts';

export function useStatusLabel(): (s: StatusLabel) => string {
  const { lang } = useI18n();
  return (s) => (lang === 'en' ? s.en : s.zh);
}

interface ChartProps {
  p: ProgressResponse;
  subdistrictOf(id: string): string | undefined;
  onFigure(ref: FigureRef): void;
  /** Presentation mode: larger type. */
  large?: boolean;
  height?: number | string;
}

export function StatusChart({ p, subdistrictOf, onFigure, large, height }: ChartProps) {
  const { t } = useI18n();
  const label = useStatusLabel();
  const fs = large ? presentationFontSize() : 12;
  const option = useMemo<ChartOption>(() => {
    const counts = statusBySubdistrict(p, subdistrictOf);
    // The ranking's order, top first (echarts draws the first category at the bottom).
    const names = ranked(p).map((s) => s.name).filter((n) => counts.has(n));
    for (const n of counts.keys()) if (n && !names.includes(n)) names.push(n);
    const cats = [...names].reverse();
    return {
      animation: false,
      grid: { left: 8, right: 16, top: large ? fs * 3 : 36, bottom: 4, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: fs - 1 }, data: p.statuses.map(label) },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, textStyle: { fontSize: fs } },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: fs - 1 } },
      yAxis: { type: 'category', data: cats, axisLabel: { fontSize: fs }, axisTick: { show: false } },
      series: p.statuses.map((s, i) => ({
        type: 'bar' as const, name: label(s), stack: 'status', barMaxWidth: large ? fs * 2 : 20, cursor: 'pointer',
        itemStyle: { color: statusColour(s.code, i) }, emphasis: { focus: 'series' as const },
        data: cats.map((c) => counts.get(c)?.get(s.code)?.communities ?? 0),
      })),
    };
  }, [p, subdistrictOf, label, t, fs, large]);
  const byName = useMemo(() => new Map(p.statuses.map((s) => [label(s), s.code])), [p.statuses, label]);
  const rows = Math.max(1, new Set(p.subdistricts.map((s) => s.name)).size);
  return (
    <EChart
      name="status" option={option} height={height ?? Math.max(160, 60 + rows * (large ? 44 : 28))} label={t.progress.charts.status}
      onClick={(c) => {
        const status = byName.get(c.series);
        if (status) onFigure({ kind: 'status', status, subdistrict: c.category });
      }}
    />
  );
}

/** The presentation's chart type follows the window, like its CSS (clamp(15px, 1.2vw, 24px)). */
export function presentationFontSize(): number {
  return Math.round(Math.min(24, Math.max(15, window.innerWidth * 0.012)));
}

export function FundingChart({ p, onFigure, large, height }: Omit<ChartProps, 'subdistrictOf'>) {
  const { t } = useI18n();
  const fs = large ? 16 : 12;
  const sources = useMemo(() => p.funding.sources.filter((s) => s.planned > 0 || s.inPlace > 0), [p.funding.sources]);
  const option = useMemo<ChartOption>(() => {
    const name = (code: string) => (t.progress.sources as Record<string, string>)[code] ?? code;
    const cats = sources.map((s) => name(s.source)).reverse();
    const data = [...sources].reverse();
    return {
      animation: false,
      grid: { left: 8, right: 20, top: 30, bottom: 4, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: fs - 1 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, textStyle: { fontSize: fs } },
      xAxis: { type: 'value', axisLabel: { fontSize: fs - 1 } },
      yAxis: { type: 'category', data: cats, axisLabel: { fontSize: fs }, axisTick: { show: false } },
      series: [
        { type: 'bar', name: t.progress.kpi.plannedMoney, data: data.map((s) => s.planned), itemStyle: { color: '#b7c7d9' }, barGap: '10%', barMaxWidth: 14, cursor: 'pointer' },
        { type: 'bar', name: t.progress.kpi.inPlace, data: data.map((s) => s.inPlace), itemStyle: { color: '#2f7d4a' }, barMaxWidth: 14, cursor: 'pointer' },
      ],
    };
  }, [sources, t, fs]);
  if (!sources.length) return <p className="muted" data-testid="funding-none">{t.progress.charts.noFunding}</p>;
  return (
    <EChart
      name="funding" option={option} height={height ?? 56 + sources.length * 34} label={t.progress.charts.funding}
      onClick={(c) => {
        const s = [...sources].reverse()[c.dataIndex];
        if (s) onFigure({ kind: 'funding', source: s.source });
      }}
    />
  );
}

export function Ranking({ p, active, onFigure, large }: { p: ProgressResponse; active: FigureRef | null; onFigure(ref: FigureRef): void; large?: boolean }) {
  const { t, num } = useI18n();
  const pct = usePct();
  const r = t.progress.ranking;
  const rows = ranked(p);
  return (
    <table className={`ranking${large ? ' large' : ''}`} data-testid="ranking">
      <thead>
        <tr>
          <th scope="col">{r.rank}</th>
          <th scope="col">{r.subdistrict}</th>
          <th scope="col" className="num">{r.planned}</th>
          <th scope="col" className="num">{r.startRate}</th>
          <th scope="col" className="num">{r.completionRate}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => {
          const on = active?.kind === 'subdistrict' && active.name === s.name;
          return (
            <tr
              key={s.name} className={on ? 'on' : undefined} tabIndex={0} aria-selected={on} data-testid="ranking-row" data-name={s.name}
              onClick={() => onFigure({ kind: 'subdistrict', name: s.name })}
              onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onFigure({ kind: 'subdistrict', name: s.name }); } }}
            >
              <td className="rank">{s.rank}</td>
              <th scope="row">{s.name}</th>
              <td className="num">{num(s.planned.communities)}<small> / {num(s.planned.households)}</small></td>
              <td className="num">
                <span className="bar-cell"><span style={{ width: `${Math.round((s.startRate.byCommunities ?? 0) * 100)}%` }} /></span>
                {pct(s.startRate.byCommunities)}<small>{r.byHouseholds(pct(s.startRate.byHouseholds))}</small>
              </td>
              <td className="num">
                <span className="bar-cell done"><span style={{ width: `${Math.round((s.completionRate.byCommunities ?? 0) * 100)}%` }} /></span>
                {pct(s.completionRate.byCommunities)}<small>{r.byHouseholds(pct(s.completionRate.byHouseholds))}</small>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
