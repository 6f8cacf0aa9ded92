// Per-compound figures (households, floor area, buildings, build year, management) drawn so
// that the report's totals hold exactly: counts per 街道, per management type, per age group,
// households and floor area (m², to the integer) of the 老旧小区 inventory.
import type { Rng } from './rng.ts';
import type { Management, Need } from '../../server/domain/model.ts';
import { NAMED, QUOTAS, TOTALS, type Group, type SubdistrictName } from './report.ts';

export interface CommunitySpec {
  key: number; // position in the spec list
  named: string | null; // the report's name, if any
  aliases: string[];
  group: Group;
  subdistrict: SubdistrictName;
  management: Management;
  households: number;
  floorArea: number;
  buildings: number;
  buildYear: number;
  renovatedYear: number | null;
  isOld: boolean;
  needs: Need[]; // needs fixed by the report (others are derived later)
  note: string | null;
}

/** Quantile functions (piecewise linear in p) of households per compound, per age group. */
const HOUSEHOLD_KNOTS: Record<Group, [number, number][]> = {
  // ≤2000: many small walk-up compounds, a few large ones (the report's 建国宿舍 540 etc. add to the tail)
  O: [[0, 16], [0.1, 30], [0.25, 52], [0.515, 99.5], [0.75, 128], [0.9, 175], [0.97, 260], [1, 560]],
  M: [[0, 68], [0.07, 99], [0.3, 150], [0.6, 200], [0.85, 275], [1, 480]],
  N: [[0, 190], [0.3, 330], [0.6, 520], [0.85, 860], [0.97, 1260], [1, 1490]],
};
const M2_PER_HOUSEHOLD: Record<Group, number> = { O: 67, M: 86, N: 95 };
const HOUSEHOLDS_PER_BUILDING: Record<Group, [number, number]> = { O: [16, 36], M: [24, 48], N: [60, 120] };

function quantile(knots: [number, number][], p: number): number {
  for (let i = 1; i < knots.length; i++) {
    const [p1, v1] = knots[i];
    if (p <= p1) {
      const [p0, v0] = knots[i - 1];
      return v0 + ((v1 - v0) * (p - p0)) / (p1 - p0);
    }
  }
  return knots[knots.length - 1][1];
}

/** n stratified draws from the group's quantile function. */
function drawHouseholds(rng: Rng, group: Group, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.round(quantile(HOUSEHOLD_KNOTS[group], (i + rng.uniform(0.15, 0.85)) / n)));
  return rng.shuffle(out);
}

/** Rescale the values ≥ 100 around 100 (so the count under 100 is kept) to hit `target`. */
function fitSum(rng: Rng, xs: number[], target: number, max: number): number[] {
  const small = xs.filter((x) => x < 100).reduce((s, x) => s + x, 0);
  const big = xs.filter((x) => x >= 100);
  const over = big.reduce((s, x) => s + (x - 100), 0);
  const k = (target - small - 100 * big.length) / over;
  if (!(k > 0)) throw new Error(`figures: cannot reach ${target} households`);
  const ys = xs.map((x) => (x < 100 ? x : Math.min(max, Math.round(100 + (x - 100) * k))));
  let diff = target - ys.reduce((s, x) => s + x, 0);
  for (let guard = 0; diff !== 0 && guard < 100000; guard++) {
    const i = rng.int(0, ys.length - 1);
    if (ys[i] < 100) continue;
    const step = Math.sign(diff);
    if (ys[i] + step < 100 || ys[i] + step > max) continue;
    ys[i] += step;
    diff -= step;
  }
  if (diff !== 0) throw new Error('figures: household totals do not fit');
  return ys;
}

/** Integer floor areas proportional to `raw` that add up to `target` exactly. */
function fitIntegers(rng: Rng, raw: number[], target: number): number[] {
  const total = raw.reduce((s, x) => s + x, 0);
  const ys = raw.map((x) => Math.round((x * target) / total));
  let diff = target - ys.reduce((s, x) => s + x, 0);
  while (diff !== 0) {
    const i = rng.int(0, ys.length - 1);
    const step = Math.sign(diff);
    ys[i] += step;
    diff -= step;
  }
  return ys;
}

function oldBuildYear(rng: Rng, management: Management): number {
  const r = rng.random();
  if (r < (management === 'unit' ? 0.2 : 0.1)) return rng.int(1975, 1984);
  if (r < 0.93) return Math.min(1998, Math.max(1985, Math.round(rng.normal(management === 'unit' ? 1990 : 1992, 3.8))));
  return rng.int(1999, 2000);
}
function newBuildYear(rng: Rng): number {
  return Math.min(2022, Math.max(2006, Math.round(rng.normal(2012, 4.2))));
}

function expand<K extends string>(counts: Record<K, number>): K[] {
  const out: K[] = [];
  for (const k of Object.keys(counts) as K[]) for (let i = 0; i < counts[k]; i++) out.push(k);
  return out;
}

/** Subtract the named compounds from a group's quotas. */
function remaining<K extends string>(counts: Record<K, number>, used: K[]): Record<K, number> {
  const left = { ...counts };
  for (const k of used) left[k]--;
  for (const k of Object.keys(left) as K[]) if (left[k] < 0) throw new Error(`figures: quota ${k} exceeded`);
  return left;
}

export function buildFigures(rng: Rng): CommunitySpec[] {
  const specs: CommunitySpec[] = [];
  const groupOf = (year: number): Group => (year <= 2000 ? 'O' : year <= 2005 ? 'M' : 'N');

  for (const g of ['O', 'M', 'N'] as Group[]) {
    const named = NAMED.filter((n) => groupOf(n.buildYear) === g);
    const q = QUOTAS[g];
    const subs = rng.shuffle(expand(remaining(q.bySubdistrict, named.map(() => '西郊街道' as SubdistrictName))));
    const mgmt = rng.shuffle(expand(remaining(q.byManagement, named.map((n) => n.management))));
    const n = subs.length;
    let hh = drawHouseholds(rng, g, n);
    if (g !== 'N') {
      const t = TOTALS[g];
      hh = fitSum(rng, hh, t.households - named.reduce((s, x) => s + x.households, 0), g === 'O' ? 720 : 1100);
    }
    const groupSpecs: CommunitySpec[] = [];
    for (const nc of named) {
      groupSpecs.push({
        key: 0, named: nc.name, aliases: nc.aliases ?? [], group: g, subdistrict: '西郊街道', management: nc.management,
        households: nc.households, floorArea: 0, buildings: 0, buildYear: nc.buildYear, renovatedYear: nc.renovatedYear ?? null,
        isOld: g !== 'N', needs: nc.needs ?? [], note: nc.note ?? null,
      });
    }
    for (let i = 0; i < n; i++) {
      const management = mgmt[i];
      const buildYear = g === 'O' ? oldBuildYear(rng, management) : g === 'M' ? rng.int(2001, 2005) : newBuildYear(rng);
      // a few old compounds were already renovated by earlier programmes
      const renovatedYear = g === 'O' && rng.chance(0.05) ? rng.int(2012, 2018) : null;
      groupSpecs.push({
        key: 0, named: null, aliases: [], group: g, subdistrict: subs[i], management, households: hh[i], floorArea: 0,
        buildings: 0, buildYear, renovatedYear, isOld: g !== 'N', needs: [], note: null,
      });
    }
    // floor area ≈ households × m²/household ± 15 %, fitted to the exact total for the inventory groups
    const raw = groupSpecs.map((s) => s.households * M2_PER_HOUSEHOLD[g] * rng.uniform(0.85, 1.15));
    const fa = g === 'N' ? raw.map((x) => Math.round(x)) : fitIntegers(rng, raw, TOTALS[g].floorArea);
    const [b0, b1] = HOUSEHOLDS_PER_BUILDING[g];
    groupSpecs.forEach((s, i) => {
      s.floorArea = fa[i];
      const draw = Math.round(s.households / rng.uniform(b0, b1));
      // keep households per building within [b0, b1] where the size allows it
      s.buildings = Math.max(1, Math.ceil(s.households / b1), Math.min(draw, Math.floor(s.households / b0)));
    });
    specs.push(...groupSpecs);
  }
  specs.forEach((s, i) => (s.key = i));
  return specs;
}
