// The report's 2019 projects as packages: members resolved to community ids, funding (万元)
// estimated from households (the report gives none per project).
import type { Rng } from './rng.ts';
import type { Site } from './communities.ts';
import { PACKAGES } from './report.ts';
import type { PackageInput } from '../../server/domain/model.ts';

/** 2019 first batch: ≈1.2万元/户 in all, most of it the central subsidy (资金已经到位). */
export function buildPackages(rng: Rng, sites: Site[]): PackageInput[] {
  const byName = new Map(sites.map((s) => [s.name, s]));
  return PACKAGES.map((p) => {
    const members = p.members.map((n) => {
      const s = byName.get(n);
      if (!s) throw new Error(`packages: no community named ${n}`);
      return s;
    });
    const households = members.reduce((t, s) => t + s.spec.households, 0);
    const first = p.batch === '2019年第一批';
    const total = households * rng.uniform(1.1, 1.35); // 万元
    const funding = first
      ? { central: Math.round(total * 0.6), provincial: 0, local: Math.round(total * 0.33), other: Math.round(total * 0.07) }
      : { central: 0, provincial: 0, local: Math.round(households * 0.05), other: 0 }; // 可研、设计费 only
    const status = p.history[p.history.length - 1].status;
    return {
      id: p.id,
      name: p.name,
      batch: p.batch,
      year: 2019,
      members: members.map((s) => s.id),
      history: p.history.map((e) => ({ status: e.status, date: e.date, note: e.note })),
      locked: status !== 'reserve',
      funding,
      note: p.note,
    };
  });
}
