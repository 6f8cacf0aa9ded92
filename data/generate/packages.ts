// The demo's packages: the report's 2019 projects (members resolved to community ids, statuses as
// reported up to 2019-10-31) carried on to the end of 2021, and generated 2020 and 2021 batches and a
// reserve for 2022, grown over the gap graph so that every one is contiguous and passes the package
// rules. Funding by source (万元, planned and in place) and physical outputs are plausible generated
// values: the report gives none per project. What happens after 2019-10-31 is invented; the only
// deliberate flaws are the report's own (紫薇花园, 华风宿舍, 梅苑小区) and one 2021 package that started
// with no money in place (资金配套缺口大, seed 000 三.4), for the audit to find.
import type { Feature, LineString, Polygon } from 'geojson';
import type { Rng } from './rng.ts';
import type { Site } from './communities.ts';
import { AS_OF, PACKAGES, type ReportEvent } from './report.ts';
import { gapGraph, type BarrierFeature } from '../../server/analysis/neighbours.ts';
import { packageOutline } from '../../server/analysis/outline.ts';
import {
  FUNDING_SOURCES, type CommunityFeature, type Funding, type FundingSource, type Outputs, type PackageInput, type PackageStatus,
  type RoadProps, type WaterProps,
} from '../../server/domain/model.ts';
import { DEFAULT_SETTINGS } from '../../server/domain/settings.ts';
import { checkPackage, failed } from '../../server/domain/packageRules.ts';

/** The last day the demo's progress reaches. */
export const PROGRESS_END = '2021-12-31';

export interface PackageContext {
  communities: CommunityFeature[];
  roads: Feature<LineString, RoadProps>[];
  water: Feature<Polygon, WaterProps>[];
}

type Event = { status: PackageStatus; date: string; note: string | null };

const day = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const on = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const r1 = (x: number) => Math.round(x * 10) / 10;

/** What each 2019 project did after the report (2019-10-31), by package id. */
const AFTER_REPORT: Record<string, Event[]> = {
  'p2019-1-01': [{ status: 'accepted', date: '2019-12-20', note: '联合竣工验收。' }],
  // 华风宿舍、梅苑小区: 立项 and money in place, yet already renovated — left at 立项 (如何妥善处置和整改 is the report's open question)
  'p2019-1-02': [],
  'p2019-1-03': [],
  'p2019-1-04': [{ status: 'completed', date: '2019-11-29', note: null }, { status: 'accepted', date: '2020-04-24', note: null }],
  'p2019-1-05': [
    { status: 'construction', date: '2019-11-20', note: '外立面改造、加装电梯一并实施。' },
    { status: 'completed', date: '2020-08-28', note: null },
    { status: 'accepted', date: '2020-11-20', note: null },
  ],
  'p2019-1-06': [{ status: 'completed', date: '2019-11-29', note: null }, { status: 'accepted', date: '2020-04-24', note: null }],
  'p2019-1-07': [{ status: 'accepted', date: '2019-12-20', note: '联合竣工验收。' }],
  'p2019-1-08': [{ status: 'accepted', date: '2019-12-20', note: '联合竣工验收。' }],
  'p2019-1-09': [{ status: 'completed', date: '2019-12-27', note: null }, { status: 'accepted', date: '2020-04-24', note: null }],
  'p2019-2-01': [
    { status: 'declared', date: '2019-11-05', note: '申报中央2019年第二批资金支持。' },
    { status: 'approved', date: '2019-11-15', note: null },
    { status: 'tendering', date: '2019-11-20', note: 'EPC招标。' },
    { status: 'construction', date: '2019-12-02', note: null },
    { status: 'completed', date: '2020-05-29', note: '受疫情影响，未能在春节前完工。' },
    { status: 'accepted', date: '2020-09-25', note: null },
  ],
  'p2019-2-02': [
    { status: 'declared', date: '2019-11-05', note: '申报中央2019年第二批资金支持。' },
    { status: 'approved', date: '2019-11-15', note: null },
    { status: 'tendering', date: '2019-11-20', note: 'EPC招标。' },
    { status: 'construction', date: '2019-12-02', note: null },
    { status: 'completed', date: '2020-01-17', note: '春节前完工。' },
    { status: 'accepted', date: '2020-06-19', note: null },
  ],
  'p2019-2-03': [
    { status: 'construction', date: '2019-11-08', note: null },
    { status: 'completed', date: '2019-12-27', note: null },
    { status: 'accepted', date: '2020-06-19', note: null },
  ],
};

/** Share of the planned money by source, per batch (seeds 000–004: central funds first, thin local matching). */
const SHARES: Record<string, Partial<Record<FundingSource, number>>> = {
  // 赣发改投资〔2019〕592号 is a 中央预算内 plan; 建办城函〔2019〕243号 the 中央补助
  '2019年第一批': { centralBudget: 0.35, centralSubsidy: 0.25, local: 0.33, residents: 0.04, utilities: 0.03 },
  '2019年第二批': { centralSubsidy: 0.55, local: 0.35, residents: 0.05, utilities: 0.05 },
  '2020年第一批': { centralSubsidy: 0.4, centralBudget: 0.15, provincial: 0.05, local: 0.2, specialBonds: 0.12, residents: 0.04, utilities: 0.04 },
  '2021年第一批': { centralSubsidy: 0.35, centralBudget: 0.12, provincial: 0.05, local: 0.18, specialBonds: 0.18, residents: 0.05, socialCapital: 0.04, utilities: 0.03 },
};
/** 万元 per household planned (2019 ≈1.2, rising as the content grows; the ministry's 2023 average is ≈2.7). */
const PER_HOUSEHOLD: Record<string, [number, number]> = {
  '2019年第一批': [1.1, 1.35], '2019年第二批': [1.2, 1.5], '2020年第一批': [1.6, 2.0], '2021年第一批': [1.9, 2.4],
};
const CENTRAL: FundingSource[] = ['centralSubsidy', 'centralBudget'];
const UPPER: FundingSource[] = ['centralSubsidy', 'centralBudget', 'provincial', 'specialBonds'];

const ORDER: PackageStatus[] = ['reserve', 'declared', 'approved', 'tendering', 'construction', 'completed', 'accepted'];
const at = (s: PackageStatus) => ORDER.indexOf(s);

/** Planned by the batch's shares; in place by how far the package got (upper-level money first, local matching lagging). */
function fundingFor(rng: Rng, batch: string, households: number, last: PackageStatus, nothingInPlace = false): Funding {
  const total = households * rng.uniform(...PER_HOUSEHOLD[batch]);
  const f = Object.fromEntries(FUNDING_SOURCES.map((k) => [k, { planned: 0, inPlace: 0 }])) as Funding;
  for (const [k, share] of Object.entries(SHARES[batch]) as [FundingSource, number][]) {
    const planned = r1(total * share);
    let inPlace = 0;
    if (!nothingInPlace) {
      if (at(last) >= at('completed')) inPlace = k === 'local' ? r1(planned * rng.uniform(0.7, 0.95)) : planned;
      else if (at(last) >= at('construction')) inPlace = UPPER.includes(k) ? planned : r1(planned * rng.uniform(0.3, 0.6));
      else if (at(last) >= at('approved')) inPlace = CENTRAL.includes(k) ? planned : 0;
    }
    f[k] = { planned, inPlace };
  }
  return f;
}

/** Outputs of a completed package, from its members' needs and size; null for one not completed. */
function outputsFor(rng: Rng, members: CommunityFeature[], last: PackageStatus, year: number): Outputs {
  if (at(last) < at('completed')) return { pipesKm: null, elevators: null, parkingSpaces: null, chargers: null, facilities: null };
  const has = (n: string) => members.some((m) => (m.properties.needs as string[]).includes(n));
  const hh = members.reduce((t, m) => t + m.properties.households, 0);
  const piped = members.filter((m) => m.properties.needs.some((n) => n === 'rainSewerSeparation' || n === 'waterSupply' || n === 'gasUpgrade'));
  return {
    pipesKm: Math.round(piped.reduce((t, m) => t + m.properties.households * rng.uniform(0.004, 0.008), 0) * 100) / 100,
    elevators: has('elevator') ? members.filter((m) => m.properties.needs.includes('elevator')).reduce((t, m) => t + Math.max(1, Math.round(m.properties.buildings * rng.uniform(0.3, 0.6))), 0) : 0,
    parkingSpaces: Math.round(hh * rng.uniform(has('parking') ? 0.15 : 0.05, has('parking') ? 0.3 : 0.12)),
    chargers: Math.round(hh * (year <= 2019 ? rng.uniform(0, 0.02) : rng.uniform(0.03, 0.08))),
    facilities: rng.int(0, 1) + (members.length >= 3 ? 1 : 0) + (year >= 2021 ? 1 : 0),
  };
}

/** A generated batch's dates: reserve the August before, then declaration, approval, tender, works. */
function batchHistory(rng: Rng, year: number, slow: boolean): Event[] {
  const reserve = on(year - 1, 8, rng.int(3, 28));
  const declared = on(year, rng.int(1, 3), rng.int(2, 27));
  const approved = day(declared, rng.int(18, 40));
  const tendering = day(approved, rng.int(12, 30));
  const construction = day(tendering, rng.int(15, 45));
  const completed = day(construction, slow ? rng.int(240, 330) : rng.int(110, 220));
  const accepted = day(completed, rng.int(60, 120));
  const all: Event[] = [
    { status: 'reserve', date: reserve, note: '列入次年改造项目储备清单。' },
    { status: 'declared', date: declared, note: `申报${year}年中央补助支持老旧小区改造计划。` },
    { status: 'approved', date: approved, note: null },
    { status: 'tendering', date: tendering, note: null },
    { status: 'construction', date: construction, note: null },
    { status: 'completed', date: completed, note: null },
    { status: 'accepted', date: accepted, note: null },
  ];
  return all.filter((e) => e.date <= PROGRESS_END);
}

export function buildPackages(rng: Rng, sites: Site[], ctx: PackageContext): PackageInput[] {
  const byName = new Map(sites.map((s) => [s.name, s]));
  const features = ctx.communities;
  const byId = new Map(features.map((f) => [f.properties.id, f]));
  const out: PackageInput[] = [];

  // ---- the report's 2019 projects ----
  for (const p of PACKAGES) {
    const members = p.members.map((n) => {
      const s = byName.get(n);
      if (!s) throw new Error(`packages: no community named ${n}`);
      return s;
    });
    const after = AFTER_REPORT[p.id];
    if (!after) throw new Error(`packages: no progress after the report for ${p.id}`);
    const history: Event[] = [...p.history.map((e: ReportEvent) => ({ status: e.status, date: e.date, note: e.note })), ...after];
    if (p.history.some((e) => e.date > AS_OF) || after.some((e) => e.date <= AS_OF)) throw new Error(`packages: ${p.id} mixes report and later events`);
    const last = history[history.length - 1].status;
    const households = members.reduce((t, s) => t + s.spec.households, 0);
    out.push({
      id: p.id, name: p.name, batch: p.batch, year: 2019, members: members.map((s) => s.id), history,
      locked: last !== 'reserve',
      funding: fundingFor(rng, p.batch, households, last),
      outputs: outputsFor(rng, members.map((s) => byId.get(s.id)!), last, 2019),
      note: p.note,
    });
  }

  // ---- generated batches: grown over the gap graph of the free, eligible compounds ----
  const s = DEFAULT_SETTINGS;
  const barriers: BarrierFeature[] = [
    ...ctx.roads.filter((r) => s.barrierRoadClasses.includes(r.properties.class))
      .map((r) => ({ type: 'Feature' as const, geometry: r.geometry, properties: { kind: r.properties.class, name: r.properties.name } })),
    ...ctx.water.map((w) => ({ type: 'Feature' as const, geometry: w.geometry as BarrierFeature['geometry'], properties: { kind: w.properties.kind, name: w.properties.name } })),
  ];
  const g = gapGraph({
    features, subdistrict: features.map((f) => f.properties.subdistrict), barriers, toleranceM: s.gapToleranceM, sameSubdistrict: s.sameSubdistrict,
  }).graph;
  const taken = new Set(out.flatMap((p) => p.members));
  const free = (i: number) => {
    const c = features[i].properties;
    return !taken.has(c.id) && c.buildYear <= s.eligibilityCutoffYear && c.renovatedYear === null;
  };

  /**
   * One package grown from a seed: add the free neighbour facing the members longest, small ones
   * (under the threshold: 100户以下的需合并立项) first, until the target is met and no small free
   * neighbour is left beside it, so that the package does not strand one.
   */
  const small = (i: number) => features[i].properties.households < s.minHouseholds;
  const grow = (seed: number, target: number): number[] | null => {
    const members = [seed];
    let hh = features[seed].properties.households;
    while (members.length < 6) {
      let best = -1, bestKey = -1;
      for (const m of members) {
        for (let k = g.offsets[m]; k < g.offsets[m + 1]; k++) {
          const j = g.neighbours[k];
          if (members.includes(j) || !free(j)) continue;
          const key = (small(j) ? 1e6 : 0) + g.shared[k];
          if (key > bestKey) [best, bestKey] = [j, key];
        }
      }
      if (best < 0 || (hh >= target && !small(best))) break;
      members.push(best);
      hh += features[best].properties.households;
    }
    if (hh < s.minHouseholds) return null;
    // then take in any group of free compounds beside it too small to make a package of its own
    for (const m of [...members]) {
      for (let k = g.offsets[m]; k < g.offsets[m + 1]; k++) {
        const j = g.neighbours[k];
        if (members.includes(j) || !free(j)) continue;
        const group = [j];
        for (let q = 0; q < group.length && group.length <= 3; q++) {
          for (let kk = g.offsets[group[q]]; kk < g.offsets[group[q] + 1]; kk++) {
            const x = g.neighbours[kk];
            if (!members.includes(x) && !group.includes(x) && free(x)) group.push(x);
          }
        }
        const groupHh = group.reduce((t, x) => t + features[x].properties.households, 0);
        if (group.length <= 3 && groupHh < s.minHouseholds) members.push(...group);
      }
    }
    // the map draws a package as its members with the lanes between closed: keep only packages that
    // draw as one site, dropping the last-added members if a diagonal neighbour leaves a gap
    const closeM = s.gapToleranceM / 2;
    const hhOf = (ms: number[]) => ms.reduce((t, i) => t + features[i].properties.households, 0);
    while (members.length > 1 && packageOutline(members.map((i) => features[i] as Feature<Polygon>), closeM).type !== 'Polygon') members.pop();
    return hhOf(members) >= s.minHouseholds ? members : null;
  };

  const rules = {
    settings: s, community: (id: string) => byId.get(id)?.properties,
    neighbours: function* (id: string) {
      const i = features.findIndex((f) => f.properties.id === id);
      for (let k = g.offsets[i]; k < g.offsets[i + 1]; k++) yield features[g.neighbours[k]].properties.id;
    },
  };

  const batches = [
    { batch: '2020年第一批', year: 2020, count: 10, prefix: 'p2020-1' },
    { batch: '2021年第一批', year: 2021, count: 12, prefix: 'p2021-1' },
    { batch: null, year: 2022, count: 5, prefix: 'p2022-r' },
  ];
  const order = rng.shuffle(features.map((_, i) => i));
  let cursor = 0;
  for (const b of batches) {
    for (let n = 1; n <= b.count; n++) {
      let members: number[] | null = null;
      while (!members) {
        if (cursor >= order.length) throw new Error('packages: ran out of free eligible compounds');
        const seed = order[cursor++];
        if (free(seed)) members = grow(seed, rng.int(160, 700));
      }
      const ms = members.map((i) => features[i]);
      const ids = ms.map((f) => f.properties.id);
      for (const id of ids) taken.add(id);
      const lead = ms.reduce((a, c) => (c.properties.households > a.properties.households ? c : a));
      const name = `${lead.properties.name}${ms.length > 1 && !lead.properties.name.endsWith('片区') ? '片区' : ''}改造项目`;
      const id = `${b.prefix}-${String(n).padStart(2, '0')}`;
      // one 2021 package starts before any money arrives (资金配套缺口大): the audit's example
      const unfunded = b.year === 2021 && n === 4;
      let history: Event[] = b.batch === null
        ? [{ status: 'reserve', date: on(2021, 8, rng.int(3, 28)), note: '列入2022年改造项目储备清单。' }]
        : batchHistory(rng, b.year, rng.chance(0.25));
      if (unfunded) history = history.filter((e) => at(e.status) <= at('construction'));
      const last = history[history.length - 1].status;
      const households = ms.reduce((t, f) => t + f.properties.households, 0);
      if (unfunded && last !== 'construction') throw new Error(`packages: ${id} was meant to be under construction`);
      const checks = failed(checkPackage({ members: ids, status: last }, rules));
      if (checks.length) throw new Error(`packages: ${id} breaks ${checks.map((c) => c.rule).join(', ')}`);
      out.push({
        id, name, batch: b.batch, year: b.year, members: ids, history,
        locked: last !== 'reserve',
        funding: b.batch === null ? Object.fromEntries(FUNDING_SOURCES.map((k) => [k, { planned: 0, inPlace: 0 }])) as Funding : fundingFor(rng, b.batch, households, last, unfunded),
        outputs: outputsFor(rng, ms, last, b.year),
        note: unfunded ? '已开工，但各级资金均未到位（演示数据：审计“已开工但资金未到位”的示例）。' : null,
      });
    }
  }
  return out;
}
