// The facility standards table: for each amenity kind, its life-circle level and walking radius
// from ../shared/domain/standards.md §1.2 (GB 50180-2018), with the source's confidence mark.
// Rows marked ◐ or ✖ are unverified: their radius is a default the user may change, never a rule.
import type { AmenityKind } from './model.ts';

export type LifeCircle = '15min' | '10min' | '5min' | 'block';
export type Confidence = '✔' | '◐' | '✖';

export interface FacilityStandard {
  level: LifeCircle;
  /** Walking radius (m); null where the standard names none (the kind is then not analysed by default). */
  radiusM: number | null;
  confidence: Confidence;
  source: string;
}

export const FACILITY_STANDARDS: Record<AmenityKind, FacilityStandard> = {
  kindergarten: { level: '5min', radiusM: 300, confidence: '✔', source: 'GB 50180-2018 附录C 幼儿园 300 m (2002 版明确；部分地方标准 500 m)' },
  nursery: { level: '5min', radiusM: 300, confidence: '✔', source: 'GB 50180-2018 托儿所 300 m' },
  primarySchool: { level: '10min', radiusM: 500, confidence: '✔', source: 'GB 50180-2018 小学 500 m' },
  middleSchool: { level: '15min', radiusM: 1000, confidence: '✔', source: 'GB 50180-2018 初中 1000 m' },
  communityService: { level: '5min', radiusM: 300, confidence: '◐', source: 'GB 50180-2018 社区服务站 300 m' },
  elderlyCare: { level: '5min', radiusM: 300, confidence: '◐', source: 'GB 50180-2018 老年人日间照料中心 300 m' },
  healthCenter: { level: '15min', radiusM: 1000, confidence: '◐', source: 'GB 50180-2018 社区卫生服务中心 1000 m' },
  healthStation: { level: '5min', radiusM: null, confidence: '◐', source: 'GB 50180-2018 社区卫生服务站：未规定服务半径' },
  supermarket: { level: '10min', radiusM: 500, confidence: '◐', source: 'GB 50180-2018 菜市场或生鲜超市 500 m' },
  convenience: { level: 'block', radiusM: null, confidence: '◐', source: 'GB 50180-2018 居住街坊便利店：未规定服务半径' },
  parcelLocker: { level: 'block', radiusM: null, confidence: '◐', source: 'GB 50180-2018 邮件和快件送达设施：未规定服务半径' },
  sportsGround: { level: '5min', radiusM: 300, confidence: '◐', source: 'GB 50180-2018 室外综合健身场地 300 m' },
  park: { level: '5min', radiusM: 300, confidence: '◐', source: 'GB 50180-2018 五分钟生活圈公共绿地（半径按 300 m 取）' },
  wasteCollection: { level: 'block', radiusM: 70, confidence: '◐', source: 'GB 50180-2018 生活垃圾收集点 70 m' },
  busStop: { level: '10min', radiusM: 500, confidence: '◐', source: 'GB 50180-2018 公交车站 500 m' },
  publicToilet: { level: '5min', radiusM: null, confidence: '◐', source: 'GB 50180-2018 公共厕所：未规定服务半径' },
};

/** The radius of each kind that has one: the user's setting, else the table's default. */
export function facilityRadii(overrides: Partial<Record<AmenityKind, number>>): Partial<Record<AmenityKind, number>> {
  const out: Partial<Record<AmenityKind, number>> = {};
  for (const [k, s] of Object.entries(FACILITY_STANDARDS) as [AmenityKind, FacilityStandard][]) {
    const r = overrides[k] ?? s.radiusM;
    if (r != null) out[k] = r;
  }
  return out;
}
