// The report's amenity-gap section: per facility kind some member lacks within walking radius, the
// members and households, and whether one new facility could serve them all.
import type { PackageGaps } from '../../server/domain/api.ts';
import type { AmenityKind } from '../../server/domain/model.ts';
import { useI18n } from '../i18n/index.tsx';

export function ReportGaps({ gaps, num }: { gaps: PackageGaps; num(n: number): string }) {
  const { t } = useI18n();
  const l = t.gaps.report;
  const lacking = gaps.kinds.filter((k) => k.lacking.length > 0);
  return (
    <section className="report-section report-keep">
      <h2>{l.title}</h2>
      {lacking.length === 0 ? <p className="report-muted">{t.gaps.pkg.none}</p> : (
        <table className="report-table" data-testid="report-gaps">
          <thead>
            <tr><th>{l.kind}</th><th className="num">{l.radius}</th><th>{l.members}</th><th className="num">{l.households}</th><th>{l.shared}</th></tr>
          </thead>
          <tbody>
            {lacking.map((k) => (
              <tr key={k.kind}>
                <td>{t.enums.amenityKind[k.kind as AmenityKind]}</td>
                <td className="num">{num(k.radiusM)}</td>
                <td>{k.lacking.map((m) => m.name).join('、')}</td>
                <td className="num">{num(k.lackingHouseholds)}</td>
                <td>{!k.sharedSite ? '—' : k.sharedSite.coversAll ? l.all : l.some(k.sharedSite.covers.length, k.lacking.length)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="report-muted">{l.note}</p>
    </section>
  );
}
