// What the API shows of stored records: derived fields computed by the rules, never stored.
import type { CommunityView, PackageHead, PackageSummary, PackageTotals } from './api.ts';
import { eligibilityClass, isEligible } from './eligibility.ts';
import type { CommunityProps, StatusCode } from './model.ts';
import type { Settings } from './settings.ts';

export interface Membership {
  id: string;
  name: string;
  status: StatusCode;
}

export function communityView(c: CommunityProps, s: Settings, m: Membership | undefined): CommunityView {
  return {
    ...c,
    eligible: isEligible(c, s),
    eligibility: eligibilityClass(c, s),
    packageId: m?.id ?? null,
    packageName: m?.name ?? null,
    packageStatus: m?.status ?? null,
  };
}

export function packageTotals(members: Pick<CommunityProps, 'households' | 'buildings' | 'floorArea'>[]): PackageTotals {
  const t: PackageTotals = { households: 0, buildings: 0, floorArea: 0, communityCount: members.length };
  for (const m of members) {
    t.households += m.households;
    t.buildings += m.buildings;
    t.floorArea += m.floorArea;
  }
  t.floorArea = Math.round(t.floorArea);
  return t;
}

export function packageSummary(p: PackageHead & { members: string[] }, totals: PackageTotals): PackageSummary {
  return { id: p.id, name: p.name, batch: p.batch, year: p.year, status: p.status, locked: p.locked, version: p.version, members: p.members, ...totals };
}
