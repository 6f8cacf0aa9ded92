// Streets, blocks and parcels on the clean (u, v) grid (metres). Arterials form super-blocks of
// ~800 m; each super-block is cut recursively by secondary and branch roads into blocks of
// ~150–350 m; each block is cut recursively into walled parcels separated by lanes (4–10 m)
// or, for a quarter of the cuts, by a shared wall (gap 0; ≈ 12 % of neighbouring compound pairs
// end up sharing one). All cuts are axis-parallel at 0.5 m positions, so parcels are exact
// rectangles until frame.ts warps them.
import type { Rng } from './rng.ts';
import type { UV } from './frame.ts';
import { URBAN } from './frame.ts';
import type { RoadClass } from '../../server/domain/model.ts';

export const ROAD_WIDTH: Record<RoadClass, number> = { arterial: 40, secondary: 24, branch: 16, lane: 6 };
const RIVERSIDE_WIDTH = 20;
const SETBACK = 2.5; // sidewalk / verge between a road reserve and the compound walls

/** River 昌江: centre line u = RIVER_U, width 85–115 m, between two riverside roads. */
export const RIVER_U = 850;
export const RIVERSIDE_OFFSET = 80;
export const RIVER_V = [-2200, 2200] as const;
export function riverHalfWidth(v: number): number {
  return 50 + 7.5 * Math.sin(v / 430 + 0.4);
}

/** N–S arterial lines (u) and E–W arterial lines (v), with their names. */
export const NS_ARTERIALS: { u: number; name: string }[] = [
  { u: -2500, name: '西市区大道' },
  { u: -1720, name: '昌南大道' },
  { u: -880, name: '新厂西路' },
  { u: -60, name: '曙光路' },
  { u: 1680, name: '昌江大道' },
  { u: 2500, name: '浙江路' },
];
export const EW_ARTERIALS: { v: number; name: string; bridge: boolean }[] = [
  { v: -2000, name: '吕蒙大道', bridge: true },
  { v: -1180, name: '历尧路', bridge: true },
  { v: -350, name: '新厂东路', bridge: false },
  { v: 470, name: '瓷都大道', bridge: true },
  { v: 1250, name: '西郊路', bridge: true },
  { v: 2000, name: '迎宾大道', bridge: true },
];
const RIVERSIDE = [
  { u: RIVER_U - RIVERSIDE_OFFSET, name: '沿江西路' },
  { u: RIVER_U + RIVERSIDE_OFFSET, name: '沿江东路' },
];

/** Old town centre (west bank, by the river) and an old factory quarter in the south-west. */
export const OLD_CORE: UV = [450, 250];
export const FACTORY_QUARTER: UV = [-1800, -1150];

/** 0 at the periphery … 1 in the old core: drives block and parcel sizes and the age mix. */
export function urbanity(p: UV): number {
  const d0 = Math.hypot(p[0] - OLD_CORE[0], p[1] - OLD_CORE[1]);
  const d1 = Math.hypot(p[0] - FACTORY_QUARTER[0], p[1] - FACTORY_QUARTER[1]);
  return Math.max(Math.exp(-((d0 / 1150) ** 2)), 0.75 * Math.exp(-((d1 / 500) ** 2)));
}

export interface Road {
  id: string;
  cls: RoadClass;
  name: string | null;
  a: UV;
  b: UV;
  width: number;
}

/** What lies beyond one side of a rectangle: a road (its class), a lane or a shared wall;
 * ext = distance from the side to the centre line of what lies beyond. */
export interface Side {
  type: 'road' | 'lane' | 'wall';
  cls: RoadClass | null;
  ext: number;
}
export interface Rect {
  u0: number;
  u1: number;
  v0: number;
  v1: number;
}
/** Sides in the order S, E, N, W (the ring order of a counter-clockwise rectangle). */
export type Sides = [Side, Side, Side, Side];

export interface Parcel {
  index: number;
  rect: Rect;
  sides: Sides;
  block: number;
  superBlock: number;
  centre: UV;
  area: number; // (u, v) area, m²
}
export interface Block {
  index: number;
  rect: Rect;
  sides: Sides;
  superBlock: number;
}
export interface SuperBlock {
  index: number;
  rect: Rect; // between arterial / riverside centre lines
  col: number;
  row: number;
}
export interface Layout {
  roads: Road[];
  superBlocks: SuperBlock[];
  blocks: Block[];
  parcels: Parcel[];
}

const half = (x: number) => Math.round(x * 2) / 2;
const WALL_SHARE = 0.25; // share of parcel cuts that leave a shared wall instead of a lane
export const MIN_DIM = 22; // narrowest parcel side, m

/** Cut a parcel rectangle across u (vertical cut line u = at) or v, leaving a lane of width
 * `gap` (0: a shared wall). Returns both halves and the lane's centre line, if any, which
 * runs on to the centre lines of whatever bounds the rectangle. */
export function cutRect(rect: Rect, s: Sides, vertical: boolean, at: number, gap: number): [{ rect: Rect; sides: Sides }, { rect: Rect; sides: Sides }, Omit<Road, 'id'> | null] {
  const [end0, end1] = vertical ? [s[0], s[2]] : [s[3], s[1]];
  if (end0.type === 'wall' && end1.type === 'wall') gap = 0; // a lane walled in at both ends would lead nowhere
  const side: Side = gap === 0 ? { type: 'wall', cls: null, ext: 0 } : { type: 'lane', cls: 'lane', ext: gap / 2 };
  if (vertical) {
    const lane: Omit<Road, 'id'> | null = gap ? { cls: 'lane', name: null, a: [at, rect.v0 - s[0].ext], b: [at, rect.v1 + s[2].ext], width: gap } : null;
    return [
      { rect: { ...rect, u1: at - gap / 2 }, sides: [s[0], side, s[2], s[3]] },
      { rect: { ...rect, u0: at + gap / 2 }, sides: [s[0], s[1], s[2], side] },
      lane,
    ];
  }
  const lane: Omit<Road, 'id'> | null = gap ? { cls: 'lane', name: null, a: [rect.u0 - s[3].ext, at], b: [rect.u1 + s[1].ext, at], width: gap } : null;
  return [
    { rect: { ...rect, v1: at - gap / 2 }, sides: [s[0], s[1], side, s[3]] },
    { rect: { ...rect, v0: at + gap / 2 }, sides: [side, s[1], s[2], s[3]] },
    lane,
  ];
}

/** Split parcel `index` in place so that it keeps about `keepArea` (m², in u–v) and append the
 * rest as a new parcel. Returns the new parcel's index, or -1 when the parcel is too small. */
export function splitParcel(layout: Layout, rng: Rng, index: number, keepArea: number): number {
  const p = layout.parcels[index];
  const { u0, u1, v0, v1 } = p.rect;
  const wall = rng.chance(WALL_SHARE);
  const gap = wall ? 0 : half(rng.uniform(4, 10));
  // cut across u or across v, whichever keeps a part closest to keepArea (never below MIN_DIM)
  let best: { vertical: boolean; len: number; keepLen: number; miss: number } | null = null;
  for (const vertical of [true, false]) {
    const len = vertical ? u1 - u0 : v1 - v0;
    const other = vertical ? v1 - v0 : u1 - u0;
    const keepLen = Math.max(MIN_DIM, half(keepArea / other));
    if (len - keepLen - gap < MIN_DIM) continue;
    const miss = Math.abs(Math.log((keepLen * other) / keepArea));
    if (!best || miss < best.miss) best = { vertical, len, keepLen, miss };
  }
  if (!best) return -1;
  const { vertical, len, keepLen } = best;
  const lo = vertical ? u0 : v0;
  const keepLow = rng.chance(0.5);
  const at = keepLow ? lo + keepLen + gap / 2 : lo + len - keepLen - gap / 2;
  const [a, c, lane] = cutRect(p.rect, p.sides, vertical, at, gap);
  const [keep, rest] = keepLow ? [a, c] : [c, a];
  if (lane) layout.roads.push({ ...lane, id: `r${String(layout.roads.length + 1).padStart(4, '0')}x` });
  Object.assign(p, { rect: keep.rect, sides: keep.sides, centre: centreOf(keep.rect), area: rectArea(keep.rect) });
  const idx = layout.parcels.length;
  layout.parcels.push({ index: idx, rect: rest.rect, sides: rest.sides, block: p.block, superBlock: p.superBlock, centre: centreOf(rest.rect), area: rectArea(rest.rect) });
  return idx;
}

function rectArea(r: Rect): number {
  return (r.u1 - r.u0) * (r.v1 - r.v0);
}
function centreOf(r: Rect): UV {
  return [(r.u0 + r.u1) / 2, (r.v0 + r.v1) / 2];
}

export function buildLayout(rng: Rng): Layout {
  const roads: Road[] = [];
  let roadSeq = 0;
  const addRoad = (cls: RoadClass, name: string | null, a: UV, b: UV, width = ROAD_WIDTH[cls]) => {
    roads.push({ id: `r${String(++roadSeq).padStart(4, '0')}`, cls, name, a, b, width });
  };

  // ---- arterials, riverside roads ----
  for (const { u, name } of NS_ARTERIALS) addRoad('arterial', name, [u, URBAN.v0], [u, URBAN.v1]);
  for (const { v, name, bridge } of EW_ARTERIALS) {
    if (bridge) addRoad('arterial', name, [URBAN.u0, v], [URBAN.u1, v]);
    else {
      addRoad('arterial', name, [URBAN.u0, v], [RIVERSIDE[0].u, v]);
      addRoad('arterial', name, [RIVERSIDE[1].u, v], [URBAN.u1, v]);
    }
  }
  for (const { u, name } of RIVERSIDE) addRoad('secondary', name, [u, URBAN.v0], [u, URBAN.v1], RIVERSIDE_WIDTH);

  // ---- super-blocks ----
  const cols = [...NS_ARTERIALS.map((a) => a.u), ...RIVERSIDE.map((r) => r.u)].sort((a, b) => a - b);
  const rows = EW_ARTERIALS.map((a) => a.v);
  const superBlocks: SuperBlock[] = [];
  for (let c = 0; c < cols.length - 1; c++) {
    if (cols[c] === RIVERSIDE[0].u) continue; // the river strip
    for (let r = 0; r < rows.length - 1; r++) {
      superBlocks.push({ index: superBlocks.length, rect: { u0: cols[c], u1: cols[c + 1], v0: rows[r], v1: rows[r + 1] }, col: c, row: r });
    }
  }
  const sideFor = (cls: RoadClass, width: number): Side => ({ type: 'road', cls, ext: width / 2 + SETBACK });
  const art = sideFor('arterial', ROAD_WIDTH.arterial);
  const riverside = sideFor('secondary', RIVERSIDE_WIDTH);

  // ---- secondary / branch roads: recursive cuts of each super-block ----
  const blocks: Block[] = [];
  const secondaryNames = rng.shuffle([
    '里村路', '竟成路', '陶阳路', '太白园路', '三闾庙街', '新村路', '光明路', '红星路', '建设路', '公园路',
    '胜利路', '昌明路', '华风路', '景航路', '枫树山路', '新风路', '青花路', '汽车站路', '十八渡路', '凤凰山路',
    '淘金岭路', '汪王庙路', '金鱼山路', '一心桥路', '蟠龙岗路', '东风坦路', '如意湖路', '新城路', '嘉和路', '园林路',
    '韭菜园路', '谭家山路', '太阳船路', '阳府滩路', '油榨套路', '黎明路', '官庄路', '古城路', '石岭路', '二亭路',
  ]);
  let nameAt = 0;
  for (const sb of superBlocks) {
    const r = sb.rect;
    const sides: Sides = [art, art, art, art];
    if (r.u1 === RIVERSIDE[0].u) sides[1] = riverside;
    if (r.u0 === RIVERSIDE[1].u) sides[3] = riverside;
    const cut = (rect: Rect, s: Sides, depth: number) => {
      const w = rect.u1 - rect.u0;
      const h = rect.v1 - rect.v0;
      const urb = urbanity(centreOf(rect));
      const maxDim = (360 - 150 * urb) * rng.uniform(0.9, 1.15);
      if (Math.max(w, h) <= maxDim) {
        blocks.push({ index: blocks.length, rect, sides: s, superBlock: sb.index });
        return;
      }
      const cls: RoadClass = depth === 0 ? 'secondary' : 'branch';
      const named = cls === 'secondary' || rng.chance(0.35);
      const name = named && nameAt < secondaryNames.length ? secondaryNames[nameAt++] : null;
      const side = sideFor(cls, ROAD_WIDTH[cls]);
      if (w >= h) {
        const x = half(rect.u0 + w * rng.uniform(0.38, 0.62));
        addRoad(cls, name, [x, rect.v0], [x, rect.v1]);
        cut({ ...rect, u1: x }, [s[0], side, s[2], s[3]], depth + 1);
        cut({ ...rect, u0: x }, [s[0], s[1], s[2], side], depth + 1);
      } else {
        const y = half(rect.v0 + h * rng.uniform(0.38, 0.62));
        addRoad(cls, name, [rect.u0, y], [rect.u1, y]);
        cut({ ...rect, v1: y }, [s[0], s[1], side, s[3]], depth + 1);
        cut({ ...rect, v0: y }, [side, s[1], s[2], s[3]], depth + 1);
      }
    };
    cut(r, sides, 0);
  }

  // ---- parcels: recursive cuts of each block (inset from its roads) ----
  const parcels: Parcel[] = [];
  for (const b of blocks) {
    const inner: Rect = {
      u0: b.rect.u0 + b.sides[3].ext,
      u1: b.rect.u1 - b.sides[1].ext,
      v0: b.rect.v0 + b.sides[0].ext,
      v1: b.rect.v1 - b.sides[2].ext,
    };
    const split = (rect: Rect, s: Sides) => {
      const w = rect.u1 - rect.u0;
      const h = rect.v1 - rect.v0;
      const urb = urbanity(centreOf(rect));
      const target = Math.exp(Math.log(45000) + (Math.log(3200) - Math.log(45000)) * urb);
      const canSplit = Math.max(w, h) >= 2 * MIN_DIM + 10;
      const area = rectArea(rect);
      // now and then a large compound (a factory's whole living quarter) even in the old core
      const keepLarge = area > 8000 && area < 32000 && rng.chance(0.08);
      if (!canSplit || keepLarge || area < target * Math.exp(rng.normal(0.1, 0.75))) {
        parcels.push({ index: parcels.length, rect, sides: s, block: b.index, superBlock: b.superBlock, centre: centreOf(rect), area: rectArea(rect) });
        return;
      }
      const wall = rng.chance(WALL_SHARE);
      const gap = wall ? 0 : half(rng.uniform(4, 10));
      const vertical = w >= h; // cut across the longer side
      const len = vertical ? w : h;
      const lo = vertical ? rect.u0 : rect.v0;
      let at = half(lo + len * rng.uniform(0.3, 0.7));
      at = Math.min(Math.max(at, lo + MIN_DIM + gap / 2), lo + len - MIN_DIM - gap / 2);
      const [a, c, lane] = cutRect(rect, s, vertical, at, gap);
      if (lane) roads.push({ ...lane, id: `r${String(++roadSeq).padStart(4, '0')}` });
      split(a.rect, a.sides);
      split(c.rect, c.sides);
    };
    split(inner, [...b.sides] as Sides);
  }
  return { roads, superBlocks, blocks, parcels };
}

/** Counter-clockwise ring of a parcel, with the corners of wall-sharing neighbours inserted
 * where they fall inside one of its sides (so that shared walls have identical vertices). */
export function parcelRings(parcels: Parcel[]): UV[][] {
  // index corners by the exact line they lie on
  const byV = new Map<number, number[]>(); // horizontal line v -> u values of corners on it
  const byU = new Map<number, number[]>();
  const push = (m: Map<number, number[]>, k: number, x: number) => {
    const a = m.get(k);
    if (a) a.push(x);
    else m.set(k, [x]);
  };
  for (const p of parcels) {
    const { u0, u1, v0, v1 } = p.rect;
    push(byV, v0, u0); push(byV, v0, u1); push(byV, v1, u0); push(byV, v1, u1);
    push(byU, u0, v0); push(byU, u0, v1); push(byU, u1, v0); push(byU, u1, v1);
  }
  const inside = (m: Map<number, number[]>, k: number, a: number, b: number) =>
    [...new Set((m.get(k) ?? []).filter((x) => x > Math.min(a, b) && x < Math.max(a, b)))].sort((x, y) => (a < b ? x - y : y - x));
  return parcels.map((p) => {
    const { u0, u1, v0, v1 } = p.rect;
    const ring: UV[] = [];
    // S side: (u0,v0)->(u1,v0); E: (u1,v0)->(u1,v1); N: (u1,v1)->(u0,v1); W: (u0,v1)->(u0,v0)
    ring.push([u0, v0]);
    if (p.sides[0].type === 'wall') for (const x of inside(byV, v0, u0, u1)) ring.push([x, v0]);
    ring.push([u1, v0]);
    if (p.sides[1].type === 'wall') for (const y of inside(byU, u1, v0, v1)) ring.push([u1, y]);
    ring.push([u1, v1]);
    if (p.sides[2].type === 'wall') for (const x of inside(byV, v1, u1, u0)) ring.push([x, v1]);
    ring.push([u0, v1]);
    if (p.sides[3].type === 'wall') for (const y of inside(byU, u0, v1, v0)) ring.push([u0, y]);
    return ring;
  });
}
