// The saved packages: filter by 街道, status, households and validity; sort; pick one to edit.
import { useMemo, useState } from 'react';
import type { CommunityView, PackageListItem } from '../../server/domain/api.ts';
import { PACKAGE_STATUS, type PackageStatus } from '../../server/domain/model.ts';
import { useI18n } from '../i18n/index.tsx';
import { PALETTE } from './colours.ts';

const SORTS = ['householdsDesc', 'householdsAsc', 'name', 'members'] as const;
type Sort = (typeof SORTS)[number];
type Validity = 'all' | 'valid' | 'invalid';
/** Rows rendered at a time: a city has thousands of packages. */
export const PAGE = 200;

interface Props {
  list: PackageListItem[];
  subdistricts: string[];
  communities: Map<string, CommunityView>;
  colourOf: Map<string, number>;
  selectedId: string | null;
  onSelect(id: string): void;
}

export function PackageList({ list, subdistricts, communities, colourOf, selectedId, onSelect }: Props) {
  const { t, num } = useI18n();
  const [street, setStreet] = useState('');
  const [status, setStatus] = useState<PackageStatus | ''>('');
  const [validity, setValidity] = useState<Validity>('all');
  const [minHouseholds, setMin] = useState('');
  const [sort, setSort] = useState<Sort>('householdsDesc');
  const [limit, setLimit] = useState(PAGE);

  const streetOf = (p: PackageListItem) => communities.get(p.members[0])?.subdistrict ?? '';
  const shown = useMemo(() => {
    const min = Number(minHouseholds) || 0;
    const rows = list.filter((p) => (!street || streetOf(p) === street) && (!status || p.status === status)
      && (validity === 'all' || (validity === 'valid') === p.valid) && p.households >= min);
    const by: Record<Sort, (a: PackageListItem, b: PackageListItem) => number> = {
      householdsDesc: (a, b) => b.households - a.households,
      householdsAsc: (a, b) => a.households - b.households,
      name: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      members: (a, b) => b.communityCount - a.communityCount,
    };
    return rows.sort(by[sort]);
  }, [list, street, status, validity, minHouseholds, sort, communities]);
  const invalid = list.filter((p) => !p.valid).length;

  return (
    <section className="card pkg-card package-list" aria-label={t.pkg.listTitle}>
      <div className="filters-row">
        <select value={street} onChange={(e) => setStreet(e.target.value)} aria-label={t.filters.subdistricts}>
          <option value="">{t.pkg.allStreets}</option>
          {subdistricts.map((s) => <option key={s}>{s}</option>)}
        </select>
        <select value={status} onChange={(e) => setStatus(e.target.value as PackageStatus | '')} aria-label={t.pkg.status}>
          <option value="">{t.pkg.allStatus}</option>
          {PACKAGE_STATUS.map((s) => <option key={s} value={s}>{t.enums.status[s]}</option>)}
        </select>
        <select value={validity} onChange={(e) => setValidity(e.target.value as Validity)} aria-label={t.pkg.validity} data-testid="filter-validity">
          <option value="all">{t.pkg.validityAll}</option>
          <option value="valid">{t.pkg.validOnly}</option>
          <option value="invalid">{t.pkg.invalidOnly(invalid)}</option>
        </select>
        <input type="number" min={0} placeholder={t.pkg.minHouseholdsFilter} value={minHouseholds} onChange={(e) => setMin(e.target.value)} aria-label={t.pkg.minHouseholdsFilter} />
        <select value={sort} onChange={(e) => setSort(e.target.value as Sort)} aria-label={t.pkg.sort}>
          {SORTS.map((s) => <option key={s} value={s}>{t.pkg.sortBy[s]}</option>)}
        </select>
      </div>
      <p className="shown">{t.pkg.listShown(shown.length, list.length)}</p>
      <ol className="pkg-list" data-testid="package-list">
        {shown.slice(0, limit).map((p) => (
          <li key={p.id} data-testid="package-item" className={p.id === selectedId ? 'on' : undefined}>
            <button type="button" className="item-main" onClick={() => onSelect(p.id)}>
              <span className="swatch" style={{ background: PALETTE[colourOf.get(p.id) ?? 0] }} />
              <span className="item-name">{p.name}</span>
              <span className="item-figures">
                {t.pkg.households(num(p.households))} · {t.pkg.communities(p.communityCount)} · {t.enums.status[p.status as PackageStatus] ?? p.status}
                {p.locked && <span className="badge">{t.pkg.locked}</span>}
                {!p.valid && <span className="badge bad">{t.pkg.invalid}</span>}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {shown.length > limit && <button type="button" className="link more" onClick={() => setLimit((n) => n + PAGE)}>{t.pkg.showMore(Math.min(PAGE, shown.length - limit))}</button>}
    </section>
  );
}
