// 数据核查: the audit's flags listed by rule, most severe first; a flag shows its compounds on the map.
import { useMemo } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { FigureRef } from './figures.ts';
import type { AuditResponse } from './types.ts';

const SEVERITY_ORDER = ['error', 'warning', 'info'];
const severityRank = (s: string) => {
  const i = SEVERITY_ORDER.indexOf(s);
  return i < 0 ? SEVERITY_ORDER.length : i;
};

interface Props {
  audit: AuditResponse | null;
  error: string | null;
  active: FigureRef | null;
  onFigure(ref: FigureRef): void;
}

export function AuditPanel({ audit, error, active, onFigure }: Props) {
  const { t, lang, num } = useI18n();
  const a = t.progress.audit;
  const groups = useMemo(() => {
    if (!audit) return [];
    const byRule = new Map<string, number[]>();
    audit.flags.forEach((f, i) => {
      const list = byRule.get(f.rule) ?? [];
      list.push(i);
      byRule.set(f.rule, list);
    });
    const label = new Map<string, string>(audit.rules.map((r) => [r.rule, lang === 'en' ? r.en : r.zh]));
    return [...byRule].map(([rule, idx]) => ({
      rule, label: label.get(rule) ?? rule, idx: idx.sort((x, y) => severityRank(audit.flags[x].severity) - severityRank(audit.flags[y].severity)),
      worst: Math.min(...idx.map((i) => severityRank(audit.flags[i].severity))),
    })).sort((x, y) => x.worst - y.worst || y.idx.length - x.idx.length);
  }, [audit, lang]);

  return (
    <section className="card audit-panel" data-testid="audit-panel" aria-label={a.title}>
      <h2 className="card-title">{a.title}{audit && <span className="count">{a.count(num(audit.flags.length))}</span>}</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {!audit && !error && <p className="muted">{a.loading}</p>}
      {audit && !audit.flags.length && <p className="muted" data-testid="audit-none">{a.none}</p>}
      {groups.map((g) => (
        <details key={g.rule} className="audit-group" open={g.worst === 0} data-testid="audit-rule" data-rule={g.rule}>
          <summary><span className={`sev sev-${SEVERITY_ORDER[g.worst] ?? 'other'}`} />{g.label}<span className="count">{num(g.idx.length)}</span></summary>
          <ul>
            {g.idx.map((i) => {
              const f = audit!.flags[i];
              const on = active?.kind === 'audit' && active.index === i;
              const names = [...f.communities.map((c) => c.name), ...f.packages.map((p) => p.name)];
              return (
                <li key={i}>
                  <button type="button" className={on ? 'on' : undefined} aria-pressed={on} onClick={() => onFigure({ kind: 'audit', index: i })} data-testid="audit-flag">
                    <span className={`sev-label sev-${f.severity}`}>{(a.severity as Record<string, string>)[f.severity] ?? f.severity}</span>
                    <span className="msg">{lang === 'en' ? f.messageEn : f.message}</span>
                    {names.length > 0 && <span className="names">{names.slice(0, 6).join(t.progress.listSep)}{names.length > 6 ? a.more(num(names.length - 6)) : ''}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </details>
      ))}
    </section>
  );
}
