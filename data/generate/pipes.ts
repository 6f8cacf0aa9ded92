// Pipes and cables (PipeProps). Street networks follow the road segments, each kind offset
// from the centre line by its own few metres; service lines run from the street through a gate
// into the compounds. Ages follow the area (old core laid 1970s–90s, periphery 2000s–2020s) and
// condition worsens with age.
//
// Deliberate gaps: no sewer at all in 吕蒙街道 and in the south-west of 西郊 (west of 新厂西路,
// south of 新厂东路: the old factory quarter), so compounds there have "no sewer outlet within N m"
// (汇报: "全市污水主管网没有布局完成，有时污水管网找不到入口"). Old compounds mostly keep
// combined (雨污合流) service pipes, and overhead power/telecom lines run inside many of them
// and along the old core's lanes and branch roads (汇报: "空中网线乱象严重").
//
// The gravity lines (sewer, storm, combined) are then joined into networks and turned to run in
// the direction of flow, towards the treatment plant on the west bank south of the town (sewage)
// and the river (rain water): see drainage.ts, which also adds the outfall pipes.
import type { Rng } from './rng.ts';
import { lineToLonLat, type UV } from './frame.ts';
import { EW_ARTERIALS, NS_ARTERIALS, urbanity } from './layout.ts';
import { segmentMid, type Segment } from './network.ts';
import { subdistrictOf } from './boundaries.ts';
import type { Site } from './communities.ts';
import type { PipeProps } from '../../server/domain/model.ts';
import type { Feature, LineString } from 'geojson';
import { drainGravity, type GravityLine } from './drainage.ts';

type Kind = PipeProps['kind'];
type Material = PipeProps['material'];
type Condition = NonNullable<PipeProps['condition']>;

export interface SiteUtilities {
  combinedInside: boolean;
  overheadInside: boolean;
  gasService: boolean;
  oldWaterService: boolean;
}
export interface PipeResult {
  features: Feature<LineString, PipeProps>[];
  utilities: Map<string, SiteUtilities>; // by site id
}

const PREFIX: Record<Kind, string> = { water: 'pw', sewer: 'ps', storm: 'pr', combined: 'pc', gas: 'pg', power: 'pp', telecom: 'pt' };
/** Lateral position of each kind, as a share of the half road width (+ = left of the direction of u/v). */
const OFFSET: Record<Kind, number> = { water: 0.55, sewer: -0.15, storm: 0.25, combined: 0.05, gas: -0.5, power: 0.8, telecom: -0.8 };

/** West of 新厂西路 and south of 新厂东路: the sewer network never reached it. */
const SEWER_GAP_WEST = { u: NS_ARTERIALS[2].u, v: EW_ARTERIALS[2].v };
export function inSewerGap(p: UV): boolean {
  return subdistrictOf(p) === '吕蒙街道' || (p[0] <= SEWER_GAP_WEST.u + 1 && p[1] <= SEWER_GAP_WEST.v + 1);
}

export function buildPipes(rng: Rng, segments: Segment[], sites: Site[]): PipeResult {
  const features: Feature<LineString, PipeProps>[] = [];
  const seq: Record<Kind, number> = { water: 0, sewer: 0, storm: 0, combined: 0, gas: 0, power: 0, telecom: 0 };
  const condition = (year: number): Condition => {
    const age = 2019 - year + rng.normal(0, 4);
    return age < 12 ? 'good' : age < 26 ? 'fair' : 'poor';
  };
  const gravity: GravityLine[] = [];
  let inGap = false; // of the compound whose service pipes are being laid
  const add = (kind: Kind, level: PipeProps['level'], diameter: number, material: Material, year: number, line: UV[], overhead = false, run: Segment | null = null) => {
    const y = Math.max(1970, Math.min(2022, Math.round(year)));
    const f: Feature<LineString, PipeProps> = {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: lineToLonLat(line, 40) },
      properties: { id: `${PREFIX[kind]}${String(++seq[kind]).padStart(4, '0')}`, kind, level, diameter, material, year: y, condition: condition(y), overhead },
    };
    features.push(f);
    if (kind === 'sewer' || kind === 'storm' || kind === 'combined') gravity.push({ feature: f, kind, run, line, ...(run ? {} : { inGap }) });
  };
  const along = (s: Segment, kind: Kind, extra = 0): UV[] => {
    const d = (OFFSET[kind] * s.width) / 2 + extra;
    const horizontal = s.a[1] === s.b[1];
    return horizontal ? [[s.a[0], s.a[1] + d], [s.b[0], s.b[1] + d]] : [[s.a[0] - d, s.a[1]], [s.b[0] - d, s.b[1]]];
  };
  // typical laying year of an area: old core ≈ 1982, periphery ≈ 2014
  const era = (p: UV) => 2014 - 32 * urbanity(p) + rng.normal(0, 5);

  // ---- street networks ----
  for (const s of segments) {
    const mid = segmentMid(s);
    const urb = urbanity(mid);
    const y = era(mid);
    const old = y < 1996;
    if (s.cls === 'lane') {
      // the old core's lanes: combined sewers and a tangle of overhead cables
      if (urb > 0.55 && rng.chance(0.55)) add('combined', 'branch', rng.pick([300, 400]), rng.pick(['concrete', 'clay']), y - 3, along(s, 'combined'), false, s);
      if (urb > 0.45 && rng.chance(0.7)) add('power', 'branch', 50, 'aluminium', y + rng.int(0, 15), along(s, 'power', 0), true);
      if (urb > 0.45 && rng.chance(0.75)) add('telecom', 'branch', 30, rng.chance(0.6) ? 'copper' : 'fibre', y + rng.int(5, 25), along(s, 'telecom', 0), true);
      continue;
    }
    const major = s.cls === 'arterial' || s.cls === 'secondary';
    // water supply
    if (major) add('water', 'main', s.cls === 'arterial' ? rng.pick([400, 500, 600]) : rng.pick([300, 400]), old ? 'castIron' : 'ductileIron', y, along(s, 'water'));
    else add('water', 'branch', rng.pick([100, 150, 200, 300]), old ? 'castIron' : rng.chance(0.5) ? 'ductileIron' : 'pe', y, along(s, 'water'));
    // sewer, except in the gaps
    if (!inSewerGap(mid)) {
      if (major) add('sewer', 'main', s.cls === 'arterial' ? rng.pick([600, 800]) : rng.pick([400, 500, 600]), 'concrete', Math.max(y, 1985), along(s, 'sewer'), false, s);
      else if (rng.chance(0.85)) add('sewer', 'branch', rng.pick([300, 400]), old ? 'concrete' : 'pvc', Math.max(y, 1988), along(s, 'sewer'), false, s);
    }
    // storm drains
    add('storm', major ? 'main' : 'branch', s.cls === 'arterial' ? rng.pick([1000, 1200]) : s.cls === 'secondary' ? rng.pick([600, 800]) : rng.pick([400, 500, 600]), 'concrete', y, along(s, 'storm'), false, s);
    // gas: mains on the bigger streets, branches where the area is younger or by chance
    if (major) add('gas', 'main', rng.pick([200, 250, 300]), y < 2000 ? 'steel' : 'pe', Math.max(y, 1992), along(s, 'gas'));
    else if (!old || rng.chance(0.5)) add('gas', 'branch', rng.pick([100, 160]), 'pe', Math.max(y, 1998), along(s, 'gas'));
    // power and telecom: buried on the bigger streets, overhead on the old core's branch roads
    const overhead = !major && urb > 0.45 && rng.chance(0.75);
    add('power', major ? 'main' : 'branch', overhead ? 80 : rng.pick([150, 200]), overhead ? 'aluminium' : 'copper', y + rng.int(0, 10), along(s, 'power'), overhead);
    const tOverhead = !major && urb > 0.4 && rng.chance(0.8);
    add('telecom', major ? 'main' : 'branch', tOverhead ? 40 : 100, tOverhead ? 'copper' : 'fibre', Math.max(y + rng.int(5, 20), 1990), along(s, 'telecom'), tOverhead);
  }

  // ---- service lines into the compounds ----
  const utilities = new Map<string, SiteUtilities>();
  const half = (x: number) => Math.round(x * 2) / 2;
  for (const site of sites) {
    const s = site.spec;
    const u: SiteUtilities = { combinedInside: false, overheadInside: false, gasService: false, oldWaterService: false };
    utilities.set(site.id, u);
    if (!site.gates.length) continue;
    const { u0, u1, v0, v1 } = {
      u0: Math.min(...site.ring.map((p) => p[0])), u1: Math.max(...site.ring.map((p) => p[0])),
      v0: Math.min(...site.ring.map((p) => p[1])), v1: Math.max(...site.ring.map((p) => p[1])),
    };
    const gate = site.gates[0];
    inGap = inSewerGap(site.centre);
    // which side the gate is on, and the outward normal
    const side = gate[1] === v0 ? 0 : gate[0] === u1 ? 1 : gate[1] === v1 ? 2 : 3;
    const normal: UV = [[0, -1], [1, 0], [0, 1], [-1, 0]][side] as UV;
    const ext = site.sides[side].ext;
    const street: UV = [gate[0] + normal[0] * ext, gate[1] + normal[1] * ext];
    const inner = (fu: number, fv: number): UV => [half(u0 + (u1 - u0) * fu), half(v0 + (v1 - v0) * fv)];
    // an L-shaped path street → gate → a point inside (stays inside the rectangle)
    const path = (to: UV, shift: number): UV[] => {
      const g: UV = side % 2 === 0 ? [gate[0] + shift, gate[1]] : [gate[0], gate[1] + shift];
      const st: UV = side % 2 === 0 ? [street[0] + shift, street[1]] : [street[0], street[1] + shift];
      const corner: UV = side % 2 === 0 ? [g[0], to[1]] : [to[0], g[1]];
      return [st, g, corner, to];
    };
    const centre = inner(rng.uniform(0.35, 0.65), rng.uniform(0.35, 0.65));
    const renovated = s.renovatedYear !== null;
    const laid = s.group === 'N' ? s.buildYear : s.buildYear + rng.int(0, 3);

    // water service
    u.oldWaterService = s.group !== 'N' && !renovated && laid < 1998;
    add('water', 'service', rng.pick([50, 80, 100]), u.oldWaterService ? (rng.chance(0.6) ? 'castIron' : 'steel') : 'pe', renovated ? (s.renovatedYear as number) : laid, path(centre, 0));
    // drainage: combined in most old compounds, separated in new or renovated ones
    const combined = s.group !== 'N' && !renovated && rng.chance(s.group === 'O' ? 0.8 : 0.45);
    if (combined) {
      u.combinedInside = true;
      add('combined', 'service', rng.pick([200, 300]), rng.pick(['concrete', 'clay', 'clay', 'pvc']), laid, path(inner(rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8)), 1.5));
    } else {
      const yr = renovated ? (s.renovatedYear as number) : laid;
      add('sewer', 'service', 200, 'pvc', yr, path(inner(rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8)), 1.5));
      add('storm', 'service', 300, s.group === 'N' ? 'pvc' : 'concrete', yr, path(inner(rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8)), -1.5));
    }
    // gas service: new compounds all, older ones sometimes (others still use bottled LPG)
    u.gasService = s.group === 'N' || rng.chance(s.group === 'M' ? 0.8 : 0.35);
    if (u.gasService) add('gas', 'service', rng.pick([50, 80, 100]), s.group === 'O' && rng.chance(0.4) ? 'steel' : 'pe', s.group === 'N' ? s.buildYear : rng.int(Math.max(s.buildYear, 1998), 2016), path(inner(rng.uniform(0.3, 0.7), rng.uniform(0.3, 0.7)), -3));
    // power and telecom into the compound: overhead and tangled in many old ones
    const overheadP = s.group !== 'N' && !renovated && rng.chance(s.group === 'O' ? 0.7 : 0.3);
    const overheadT = s.group !== 'N' && !renovated && rng.chance(s.group === 'O' ? 0.75 : 0.4);
    u.overheadInside = overheadP || overheadT;
    const zigzag = (): UV[] => {
      const pts: UV[] = path(inner(0.5, 0.5), 3).slice(0, 2);
      const n = rng.int(2, 4);
      for (let i = 0; i < n; i++) pts.push(inner(rng.uniform(0.15, 0.85), rng.uniform(0.15, 0.85)));
      return pts;
    };
    add('power', 'service', overheadP ? 30 : 80, overheadP ? 'aluminium' : 'copper', overheadP ? laid : Math.max(laid, renovated ? (s.renovatedYear as number) : laid), overheadP ? zigzag() : path(inner(0.5, 0.5), 3), overheadP);
    add('telecom', 'service', overheadT ? 20 : 40, overheadT ? 'copper' : 'fibre', overheadT ? Math.max(laid, 1995) + rng.int(0, 10) : Math.max(laid, 2010), overheadT ? zigzag() : path(inner(0.5, 0.5), -4.5), overheadT);
  }
  // ---- join the gravity networks up and turn them to flow to their outfalls (drainage.ts) ----
  const drainage = drainGravity(gravity, segments);
  const kept = features.filter((f) => !drainage.dropped.has(f));
  features.length = 0;
  features.push(...kept);
  for (const o of drainage.outfalls) {
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: lineToLonLat(o.line, 40) },
      properties: { id: `${PREFIX[o.kind]}${String(++seq[o.kind]).padStart(4, '0')}`, kind: o.kind, ...o.props },
    });
  }
  return { features, utilities };
}
