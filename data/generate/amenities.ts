// Facilities (AMENITY_KINDS) placed unevenly on purpose: the old core and the east bank are well
// served; the west (west of 昌南大道), the south (south of 历尧路) and 吕蒙 are thin, so the gap
// analysis has real gaps to find. 托儿所 (nursery) is very rare: two in the whole town.
// Facilities with land (schools, kindergartens, parks …) take the parcels no compound uses;
// small ones sit inside compounds near a gate (parcel lockers, waste points) or on the street.
import type { Rng } from './rng.ts';
import { toLonLat, type UV } from './frame.ts';
import { NS_ARTERIALS, RIVER_U, urbanity, type Layout, type Parcel } from './layout.ts';
import type { Segment } from './network.ts';
import type { Site } from './communities.ts';
import { LVMENG_NORTH_V, subdistrictOf } from './boundaries.ts';
import { placeWord } from './neighbourhoods.ts';
import type { AmenityKind, AmenityProps } from '../../server/domain/model.ts';
import type { Feature, Point } from 'geojson';

export interface AmenityResult {
  features: Feature<Point, AmenityProps>[];
  lake: { rect: { u0: number; u1: number; v0: number; v1: number }; name: string } | null;
}

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

/** How well an area is served, 0.05 … ~2. */
export function serviceLevel(p: UV): number {
  let w = 0.15 + urbanity(p) * 1.2;
  const sub = subdistrictOf(p);
  if (sub === '新枫街道' && p[0] < RIVER_U + 1000) w += 0.6; // the east bank, towards the city centre
  if (p[0] < NS_ARTERIALS[1].u) w *= 0.2; // the far west
  if (p[1] < LVMENG_NORTH_V || sub === '吕蒙街道') w *= 0.25; // the south
  return w;
}

export function buildAmenities(rng: Rng, layout: Layout, sites: Site[], segments: Segment[], usedParcels: Set<number>): AmenityResult {
  const features: Feature<Point, AmenityProps>[] = [];
  const seq = new Map<AmenityKind, number>();
  const add = (kind: AmenityKind, name: string, at: UV, capacity: number | null = null) => {
    const n = (seq.get(kind) ?? 0) + 1;
    seq.set(kind, n);
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: toLonLat(at) }, properties: { id: `a-${kind}-${String(n).padStart(3, '0')}`, kind, name, capacity } });
  };
  const taken = new Set(usedParcels);
  const free = () => layout.parcels.filter((p) => !taken.has(p.index));
  const nearestSite = (p: UV) => {
    let best = sites[0];
    let bd = Infinity;
    for (const s of sites) {
      const d = (s.centre[0] - p[0]) ** 2 + (s.centre[1] - p[1]) ** 2;
      if (d < bd) {
        bd = d;
        best = s;
      }
    }
    return best;
  };
  const place = (p: UV) => placeWord(nearestSite(p).neighbourhood);
  const names = new Set<string>();
  const unique = (base: string) => {
    let n = base;
    for (let i = 2; names.has(n); i++) n = `${base}（${CN_NUM[i - 1] ?? i}）`;
    names.add(n);
    return n;
  };
  /** Draw a free parcel of at least minArea, weighted by service level (or by `weight`). */
  const drawParcel = (minArea: number, weight: (p: Parcel) => number = (p) => serviceLevel(p.centre) ** 2, exclusive = true): Parcel | null => {
    const cands = free().filter((p) => p.area >= minArea);
    if (!cands.length) return null;
    const p = cands[rng.weighted(cands.map(weight))];
    if (exclusive) taken.add(p.index);
    return p;
  };

  // ---- the lake 昌南湖 and its park, on a large free parcel near the 昌南湖社区 居委会 ----
  let lake: AmenityResult['lake'] = null;
  const cn = sites.filter((s) => s.neighbourhood === '昌南湖社区居委会');
  if (cn.length) {
    const c: UV = [cn.reduce((s, x) => s + x.centre[0], 0) / cn.length, cn.reduce((s, x) => s + x.centre[1], 0) / cn.length];
    const big = free().filter((p) => p.area > 30000 && subdistrictOf(p.centre) === '西郊街道');
    big.sort((a, b) => Math.hypot(a.centre[0] - c[0], a.centre[1] - c[1]) - Math.hypot(b.centre[0] - c[0], b.centre[1] - c[1]));
    const p = big[0];
    if (p) {
      taken.add(p.index);
      const m = 25;
      lake = { rect: { u0: p.rect.u0 + m, u1: p.rect.u1 - m, v0: p.rect.v0 + m, v1: p.rect.v1 - m }, name: '昌南湖' };
      add('park', unique('昌南湖公园'), [p.rect.u0 + 12, (p.rect.v0 + p.rect.v1) / 2]);
    }
  }

  // ---- schools ----
  for (let i = 0; i < 9; i++) {
    const p = drawParcel(9000);
    if (!p) break;
    const name = i < 6 ? `昌江区第${CN_NUM[i]}小学` : unique(`${place(p.centre)}小学`);
    add('primarySchool', unique(name), p.centre, rng.pick([24, 30, 36, 48]) * 45);
  }
  for (let i = 0; i < 4; i++) {
    const p = drawParcel(16000);
    if (!p) break;
    const name = i < 2 ? `景德镇市第${CN_NUM[11 + i]}中学` : `昌江区${place(p.centre)}中学`;
    add('middleSchool', unique(name), p.centre, rng.pick([24, 30, 36, 42]) * 50);
  }
  // ---- kindergartens, nurseries ----
  for (let i = 0; i < 16; i++) {
    const p = drawParcel(1800);
    if (!p) break;
    const name = i < 4 ? `昌江区第${CN_NUM[i]}幼儿园` : `${place(p.centre)}幼儿园`;
    add('kindergarten', unique(name), p.centre, rng.pick([6, 9, 12]) * 30);
  }
  for (let i = 0; i < 2; i++) {
    // only on the east bank, by the river
    const p = drawParcel(1200, (q) => (subdistrictOf(q.centre) === '新枫街道' && q.centre[0] < RIVER_U + 500 ? 1 : 0));
    if (!p) break;
    add('nursery', unique(`${place(p.centre)}${i === 0 ? '托育园' : '托儿所'}`), p.centre, rng.pick([60, 75, 90]));
  }
  // ---- community services: one 综合服务站 for most 居委会 (not all), elderly care, health ----
  const byNb = new Map<string, Site[]>();
  for (const s of sites) byNb.set(s.neighbourhood, [...(byNb.get(s.neighbourhood) ?? []), s]);
  for (const [nb, list] of byNb) {
    const c: UV = [list.reduce((s, x) => s + x.centre[0], 0) / list.length, list.reduce((s, x) => s + x.centre[1], 0) / list.length];
    if (!rng.chance(Math.min(0.95, 0.35 + serviceLevel(c) * 0.5))) continue;
    const p = drawParcel(800, (q) => 1 / (1 + Math.hypot(q.centre[0] - c[0], q.centre[1] - c[1]) ** 2 / 1e4), false);
    if (!p) continue;
    add('communityService', unique(`${placeWord(nb)}社区综合服务站`), p.centre);
    if (rng.chance(0.5)) add('elderlyCare', unique(`${placeWord(nb)}社区老年人日间照料中心`), [p.centre[0] + 8, p.centre[1]], rng.int(2, 6) * 10);
    if (rng.chance(0.45)) add('healthStation', unique(`${placeWord(nb)}社区卫生服务站`), [p.centre[0] - 8, p.centre[1]]);
  }
  for (const sub of ['西郊街道', '新枫街道'] as const) {
    const p = drawParcel(3000, (q) => (subdistrictOf(q.centre) === sub ? serviceLevel(q.centre) ** 2 : 0));
    if (p) add('healthCenter', unique(`${sub}社区卫生服务中心`), p.centre);
  }
  for (let i = 0; i < 3; i++) {
    const p = drawParcel(1500);
    if (p) add('elderlyCare', unique(`${place(p.centre)}养老服务中心`), p.centre, rng.int(5, 12) * 10);
  }
  // ---- shops ----
  for (let i = 0; i < 10; i++) {
    const p = drawParcel(1500);
    if (p) add('supermarket', unique(`${place(p.centre)}${rng.pick(['生鲜超市', '购物广场', '农贸超市'])}`), p.centre);
  }
  const gateSites = sites.filter((s) => s.gates.length);
  const gateWeights = gateSites.map((s) => serviceLevel(s.centre) ** 2);
  const outward = (s: Site, g: UV, dist: number): UV => {
    const us = s.ring.map((q) => q[0]);
    const vs = s.ring.map((q) => q[1]);
    const n: UV = g[1] === Math.min(...vs) ? [0, -1] : g[0] === Math.max(...us) ? [1, 0] : g[1] === Math.max(...vs) ? [0, 1] : [-1, 0];
    return [g[0] + n[0] * dist + n[1] * 3, g[1] + n[1] * dist + n[0] * 3];
  };
  for (let i = 0; i < 45; i++) {
    const s = gateSites[rng.weighted(gateWeights)];
    const g = s.gates[0];
    add('convenience', unique(`${placeWord(s.neighbourhood)}便利店`), outward(s, g, 2));
  }
  // ---- inside compounds: parcel lockers (mostly in newer estates), waste collection points ----
  for (const s of gateSites) {
    const g = s.gates[s.gates.length - 1];
    if (rng.chance(s.spec.group === 'N' ? 0.85 : s.spec.group === 'M' ? 0.5 : 0.15)) add('parcelLocker', unique(`${s.name}智能快递柜`), outward(s, g, -6));
    if (rng.chance(s.spec.group === 'N' ? 0.7 : 0.3 * serviceLevel(s.centre))) add('wasteCollection', unique(`${s.name}垃圾分类收集点`), outward(s, g, -10));
  }
  for (let i = 0; i < 4; i++) {
    const p = drawParcel(1000);
    if (p) add('wasteCollection', unique(`${place(p.centre)}垃圾转运站`), p.centre);
  }
  // ---- open space ----
  for (let i = 0; i < 7; i++) {
    const p = drawParcel(3000);
    if (p) add('sportsGround', unique(`${place(p.centre)}${rng.pick(['全民健身广场', '运动场', '健身公园'])}`), p.centre);
  }
  const riverPark = drawParcel(4000, (q) => (Math.abs(q.centre[0] - RIVER_U) < 260 ? serviceLevel(q.centre) : 0));
  if (riverPark) add('park', unique('沿江公园'), riverPark.centre);
  for (let i = 0; i < 4; i++) {
    const p = drawParcel(6000);
    if (p) add('park', unique(`${place(p.centre)}公园`), p.centre);
  }
  for (let i = 0; i < 14; i++) {
    const p = drawParcel(400, undefined, false);
    if (p) add('publicToilet', unique(`${place(p.centre)}公厕`), [p.rect.u0 + 6, p.rect.v0 + 6]);
  }
  // ---- bus stops on arterials and secondary roads, sparse where service is thin ----
  const namesAt = new Map<string, Set<string>>();
  const key = (p: UV) => `${p[0]},${p[1]}`;
  for (const s of segments) {
    if (!s.name || s.cls === 'lane') continue;
    for (const p of [s.a, s.b]) namesAt.set(key(p), new Set([...(namesAt.get(key(p)) ?? []), s.name]));
  }
  for (const s of segments) {
    if (s.cls !== 'arterial' && s.cls !== 'secondary') continue;
    const len = Math.hypot(s.b[0] - s.a[0], s.b[1] - s.a[1]);
    const mid: UV = [(s.a[0] + s.b[0]) / 2, (s.a[1] + s.b[1]) / 2];
    if (len < 120 || !rng.chance(Math.min(0.9, 0.25 + 0.45 * serviceLevel(mid)))) continue;
    const end = rng.chance(0.5) ? s.a : s.b;
    const cross = [...(namesAt.get(key(end)) ?? [])].find((n) => n !== s.name);
    const t = end === s.a ? 0.15 : 0.85;
    const horizontal = s.a[1] === s.b[1];
    const off = s.width / 2 - 2;
    const at: UV = horizontal ? [s.a[0] + (s.b[0] - s.a[0]) * t, s.a[1] + off] : [s.a[0] - off, s.a[1] + (s.b[1] - s.a[1]) * t];
    if (Math.abs(at[0] - RIVER_U) < 100) continue; // not on a bridge
    add('busStop', unique(cross ? `${s.name}${cross}口` : `${s.name}${place(at)}站`), at);
  }
  return { features, lake };
}
