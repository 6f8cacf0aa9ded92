// The selected package's pipe work: 雨污分流, overhead lines, aged pipes and sewer connections,
// each with its length and priced cost (settings.pipeWorkCostPerM), as the report's estimate adds them.
import type { Api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../useLoad.ts';

export function PackagePipesSection({ api, id, version }: { api: Api; id: string; version: number }) {
  const { t, num } = useI18n();
  const l = t.gaps.pkgPipes;
  const { value: pipes, error } = useLoad((signal) => api.packagePipes(id, signal), [api, id, version]);

  const mine = pipes?.package.id === id ? pipes : null;
  const work = mine?.work.filter((w) => w.quantityM > 0) ?? [];
  const wan = (yuan: number) => num(yuan / 10000, 1);
  const noOutlet = mine?.members.filter((m) => m.noSewerOutlet) ?? [];
  return (
    <section className="panel-section" data-testid="package-pipes">
      <h3>{l.title}</h3>
      {error && <p className="error" role="alert">{error}</p>}
      {mine && work.length === 0 && <p className="muted">{l.none}</p>}
      <ul className="gap-list">
        {work.map((w) => (
          <li key={w.item} className="bad" data-testid="package-pipe-work">
            <span className="what">{l.item[w.item]}</span>
            <span>{l.line(num(w.quantityM, 0), wan(w.cost))}</span>
          </li>
        ))}
      </ul>
      {noOutlet.length > 0 && mine && (
        <p className="note">{noOutlet.map((m) => m.name).join('、')}：{t.gaps.panel.sewerNone(num(mine.sewerOutletMaxM))}</p>
      )}
      {mine && work.length > 0 && <p className="shown" data-testid="package-pipe-total">{l.total(wan(mine.workTotal))}</p>}
    </section>
  );
}
