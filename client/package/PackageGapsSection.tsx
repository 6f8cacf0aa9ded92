// The selected package's amenity gaps: per kind, which members lack it within walking radius, and
// whether one new facility could serve them all (the site can be shown on the map).
import type { AmenityKind } from '../../server/domain/model.ts';
import type { Api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';

export interface SharedSite {
  kind: string;
  position: [number, number];
}

interface Props {
  api: Api;
  id: string;
  /** Refetch when the package changes (its version). */
  version: number;
  site: SharedSite | null;
  onSite(site: SharedSite | null): void;
}

export function PackageGapsSection({ api, id, version, site, onSite }: Props) {
  const { t, num } = useI18n();
  const l = t.gaps.pkg;
  const { value: gaps, error } = useLoad((signal) => api.packageGaps(id, signal), [api, id, version]);

  const lacking = gaps?.id === id ? gaps.kinds.filter((k) => k.lacking.length > 0) : [];
  return (
    <section className="panel-section" data-testid="package-gaps">
      <h3>{l.title}</h3>
      {error && <p className="error" role="alert">{error}</p>}
      {!gaps && !error && <p className="muted">{t.gaps.loading}</p>}
      {gaps?.id === id && lacking.length === 0 && <p className="muted">{l.none}</p>}
      <ul className="gap-list">
        {lacking.map((k) => {
          const name = t.enums.amenityKind[k.kind as AmenityKind];
          const s = k.sharedSite;
          const shown = site?.kind === k.kind;
          return (
            <li key={k.kind} className="bad" data-testid="package-gap">
              <span className="what">{l.lacking(name, k.lacking.length, num(k.lackingHouseholds))}</span>
              {s && (
                <button type="button" className="link" aria-pressed={shown}
                  onClick={() => onSite(shown ? null : { kind: k.kind, position: [s.lon, s.lat] })}>{l.showSite}</button>
              )}
              <span className="sub">
                {k.lacking.map((m) => m.name).join('、')}
                {s && ` · ${s.coversAll ? l.sharedAll(num(k.radiusM)) : l.sharedSome(s.covers.length, k.lacking.length, num(s.households))}`}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
