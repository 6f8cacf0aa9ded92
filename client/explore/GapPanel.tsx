// The 设施缺口 card of Explore: which facility kind colours the map by walking distance, how many
// compounds and households lie beyond its radius (in all and per 街道), the capacity measure where
// the data has places, and the tools that answer "where would a new one help most".
import type { ReactNode } from 'react';
import type { GapsResponse } from '../../server/domain/api.ts';
import type { AmenityKind } from '../../server/domain/model.ts';
import { useI18n } from '../i18n/index.tsx';

interface Props {
  gaps: GapsResponse | null;
  error: string | null;
  kind: AmenityKind;
  onKind(kind: AmenityKind): void;
  walkingSpeedMPerMin: number;
  /** The location and distance-field tools, rendered under the figures. */
  children?: ReactNode;
}

export function GapPanel({ gaps, error, kind, onKind, walkingSpeedMPerMin, children }: Props) {
  const { t, num } = useI18n();
  const g = t.gaps;
  const k = gaps?.kinds.find((x) => x.kind === kind) ?? null;
  const pct = (a: number, b: number) => (b > 0 ? `${Math.round((100 * a) / b)}%` : '–');
  return (
    <section className="card gap-panel" data-testid="gap-panel" aria-label={g.title}>
      <h2 className="card-title">{g.title}</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {!gaps && !error && <p className="muted">{g.loading}</p>}
      {gaps && (
        <>
          <label className="field">
            <span>{g.kind}</span>
            <select data-testid="gap-kind" value={kind} onChange={(e) => onKind(e.target.value as AmenityKind)}>
              {gaps.kinds.map((x) => <option key={x.kind} value={x.kind}>{t.enums.amenityKind[x.kind as AmenityKind]}</option>)}
            </select>
          </label>
          {k && (
            <>
              <p className="note">{g.radius(num(k.radiusM), num(k.radiusM / walkingSpeedMPerMin, 1))} · {k.confidence}</p>
              {k.facilities === 0 && <p className="error">{g.noFacility}</p>}
              <p className="shown" data-testid="gap-summary">{g.lacking(num(k.withoutCommunities), num(k.withoutHouseholds))}</p>
              {k.capacity && k.capacity.shortPlaces > 0 && (
                <p className="note" data-testid="gap-capacity">{g.capacityShort(num(k.capacity.shortPlaces), num(k.capacity.perHousehold, 3))}</p>
              )}
              <table className="gap-table" data-testid="gap-subdistricts">
                <caption>{g.bySubdistrict}</caption>
                <thead><tr><th>{g.subdistrict}</th><th>{g.households}</th><th>{g.without}</th><th>{g.share}</th></tr></thead>
                <tbody>
                  {gaps.subdistricts.map((s) => {
                    const w = s.without[kind];
                    return (
                      <tr key={s.name}>
                        <td>{s.name}</td><td>{num(s.households)}</td><td>{num(w?.households ?? 0)}</td><td>{pct(w?.households ?? 0, s.households)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {children}
            </>
          )}
        </>
      )}
    </section>
  );
}
