// Package suggestions: max-p regions over the gap graph of the free, eligible compounds, then
// an explanation for every suggested package and a reason for every small site left out.
// Pure: the caller supplies compounds, their gap graph and which ones may take part.
import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import type { CommunityProps } from '../domain/model.ts';
import { maxP } from './maxp.ts';
import type { GapGraphResult } from './neighbours.ts';

export const PACKAGING_ATTRS = ['buildYear', 'households', 'floorArea', 'buildings'] as const;
export type PackagingAttr = (typeof PACKAGING_ATTRS)[number];

export interface PackagingInput {
  communities: Feature<Polygon, CommunityProps>[];
  /** The gap graph of exactly these communities, in the same order. */
  gap: GapGraphResult;
  /** Built in or before the cut-off and not renovated. */
  eligible: boolean[];
  /** The package a compound is in now, or null. Members of locked packages are left as they are;
   *  members of unlocked ones are candidates, and a suggestion taking them says so (`replaces`). */
  packageOf: ({ id: string; locked: boolean } | null)[];
  minHouseholds: number;
  toleranceM: number;
  /** Homogeneity attributes (z-scored); default build year. */
  attrs?: PackagingAttr[];
  /** Prefer compact packages (member centroids join the heterogeneity); default true. */
  compact?: boolean;
  maxHouseholds?: number;
  maxCommunities?: number;
  seed?: number;
  /** Search effort, passed to maxP (defaults there: 99 constructions, 100 × n moves). */
  constructions?: number;
  moves?: number;
}

export interface PackageLink {
  a: string;
  b: string;
  gap: number; // m
  shared: number; // m of facing wall
}

export interface SuggestedPackage {
  members: { id: string; name: string; households: number; buildYear: number }[];
  households: number;
  buildings: number;
  floorArea: number;
  communityCount: number;
  subdistrict: string;
  /** Unlocked packages some of whose members this suggestion would take. */
  replaces: string[];
  /** A spanning tree of the neighbour links that hold the package together. */
  links: PackageLink[];
  /** Site area over the area of the members' convex hull (1 = a compact block). */
  compactness: number;
  explanation: string;
  explanationEn: string;
}

export const UNPLACED_REASONS = ['island', 'barrier', 'otherSubdistrict', 'neighboursUnavailable', 'groupTooSmall', 'caps'] as const;
export type UnplacedReason = (typeof UNPLACED_REASONS)[number];

export interface UnplacedSite {
  id: string;
  name: string;
  households: number;
  reason: UnplacedReason;
  message: string;
  messageEn: string;
  /** The compounds the reason is about (blocked or unavailable neighbours, the too-small group). */
  related: string[];
}

export interface PackagingResult {
  packages: SuggestedPackage[];
  unplaced: UnplacedSite[];
  stats: {
    communities: number;
    candidates: number; // eligible and in no locked package
    small: number; // candidates below the threshold
    placedSmall: number;
    standalone: number; // candidates at or above the threshold left alone
    p: number;
    objective: number;
    ms: number;
  };
}

/** Distance that weighs like one standard deviation of an attribute: about one compound across. */
export const COMPACT_SCALE_M = 200;

const BARRIER_ZH: Record<string, string> = { arterial: '主干路', secondary: '次干路', branch: '支路', lane: '巷道', river: '河流', lake: '湖泊', rail: '铁路' };
const m = (x: number) => Math.round(x);

export function suggestPackages(input: PackagingInput): PackagingResult {
  const t0 = performance.now();
  const { communities, gap, eligible, packageOf, minHouseholds: T } = input;
  const n = communities.length;
  if (gap.graph.n !== n) throw new Error(`suggestPackages: the gap graph has ${gap.graph.n} nodes for ${n} communities`);
  if (eligible.length !== n || packageOf.length !== n) throw new Error('suggestPackages: eligible and packageOf must have one entry per community');
  if (!(T > 0)) throw new Error(`suggestPackages: minHouseholds must be positive, got ${T}`);
  const P = communities.map((c) => c.properties);
  const { offsets, neighbours, gap: gapM, shared } = gap.graph;

  const active = new Uint8Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    active[i] = eligible[i] && !packageOf[i]?.locked ? 1 : 0;
    weight[i] = P[i].households;
  }
  const attrs = input.attrs ?? ['buildYear'];
  const compact = input.compact ?? true;
  const k = attrs.length + (compact ? 2 : 0);
  const x = new Float64Array(n * k);
  if (compact) {
    // Centroids in units of COMPACT_SCALE_M join the heterogeneity: members far apart cost like
    // members of different ages, so packages come out compact rather than strung along lanes.
    const lat0 = (turf.bbox(turf.featureCollection(communities))[1] * Math.PI) / 180;
    const kx = (111_320 * Math.cos(lat0)) / COMPACT_SCALE_M;
    const ky = 110_574 / COMPACT_SCALE_M;
    communities.forEach((c, i) => {
      const [lon, lat] = turf.centroid(c).geometry.coordinates;
      x[i * k + k - 2] = lon * kx;
      x[i * k + k - 1] = lat * ky;
    });
  }
  attrs.forEach((a, j) => {
    // z-scores over the candidates, so that years and households weigh alike
    let s = 0, s2 = 0, c = 0;
    for (let i = 0; i < n; i++) if (active[i]) { s += P[i][a]; s2 += P[i][a] ** 2; c++; }
    const mean = c ? s / c : 0;
    const sd = c ? Math.sqrt(Math.max(s2 / c - mean * mean, 0)) || 1 : 1;
    for (let i = 0; i < n; i++) x[i * k + j] = (P[i][a] - mean) / sd;
  });

  const solved = maxP({
    graph: gap.graph, weight, threshold: T, attrs: x, k, active, seed: input.seed ?? 0,
    maxWeight: input.maxHouseholds, maxSize: input.maxCommunities, constructions: input.constructions, moves: input.moves,
  });
  const label = solved.labels;

  // Regions holding at least one small site are the suggestions; a big compound alone needs none.
  const regions = new Map<number, number[]>();
  for (let i = 0; i < n; i++) if (label[i] >= 0) (regions.get(label[i]) ?? regions.set(label[i], []).get(label[i])!).push(i);
  const packages: SuggestedPackage[] = [];
  let standalone = 0;
  let placedSmall = 0;
  for (const members of regions.values()) {
    if (!members.some((i) => P[i].households < T)) {
      standalone += members.length;
      continue;
    }
    placedSmall += members.filter((i) => P[i].households < T).length;
    packages.push(describe(members));
  }
  packages.sort((a, b) => a.subdistrict.localeCompare(b.subdistrict, 'zh') || b.households - a.households);

  const unplaced: UnplacedSite[] = [];
  for (let i = 0; i < n; i++) if (active[i] && label[i] < 0 && P[i].households < T) unplaced.push(explainUnplaced(i));

  let candidates = 0, small = 0;
  for (let i = 0; i < n; i++) if (active[i]) { candidates++; if (P[i].households < T) small++; }
  return {
    packages, unplaced,
    stats: { communities: n, candidates, small, placedSmall, standalone, p: solved.p, objective: solved.objective, ms: performance.now() - t0 },
  };

  function describe(members: number[]): SuggestedPackage {
    const inside = new Set(members);
    const links: PackageLink[] = [];
    const ends: [number, number][] = [];
    const seen = new Set([members[0]]);
    const queue = [members[0]];
    while (queue.length) {
      const a = queue.shift()!;
      for (let e = offsets[a]; e < offsets[a + 1]; e++) {
        const b = neighbours[e];
        if (!inside.has(b) || seen.has(b)) continue;
        seen.add(b);
        queue.push(b);
        links.push({ a: P[a].id, b: P[b].id, gap: Math.round(gapM[e] * 10) / 10, shared: m(shared[e]) });
        ends.push([a, b]);
      }
    }
    const area = members.reduce((s, i) => s + turf.area(communities[i]), 0);
    const hull = members.length > 1 ? turf.convex(turf.featureCollection(members.map((i) => communities[i]))) : communities[members[0]];
    const compactness = hull ? Math.round((area / turf.area(hull)) * 100) / 100 : 1;
    const households = members.reduce((s, i) => s + P[i].households, 0);
    const list = members.map((i) => ({ id: P[i].id, name: P[i].name, households: P[i].households, buildYear: P[i].buildYear }));
    const years = members.map((i) => P[i].buildYear);
    const linkZh = links.map((l, j) => `${P[ends[j][0]].name}与${P[ends[j][1]].name}${l.gap === 0 ? '共墙' : `相隔 ${m(l.gap)} 米`}${l.shared ? `（相对墙长 ${l.shared} 米）` : ''}`).join('；');
    const linkEn = links.map((l, j) => `${P[ends[j][0]].name}–${P[ends[j][1]].name} ${l.gap === 0 ? 'share a wall' : `${m(l.gap)} m apart`}${l.shared ? ` (${l.shared} m facing)` : ''}`).join('; ');
    return {
      members: list,
      households,
      buildings: members.reduce((s, i) => s + P[i].buildings, 0),
      floorArea: m(members.reduce((s, i) => s + P[i].floorArea, 0)),
      communityCount: members.length,
      subdistrict: P[members[0]].subdistrict,
      replaces: [...new Set(members.map((i) => packageOf[i]?.id).filter((id): id is string => id !== undefined))],
      links,
      compactness,
      explanation:
        `${list.map((c) => `${c.name}（${c.households} 户）`).join('、')}合计 ${households} 户，达到 ${T} 户（100户以下的需合并立项）。` +
        (links.length ? `${linkZh}，间距均在 ${input.toleranceM} 米以内且无主干路、河流阻隔。` : '') +
        `同属${P[members[0]].subdistrict}；建成于 ${Math.min(...years)}–${Math.max(...years)} 年，均符合改造条件；紧凑度 ${compactness}。`,
      explanationEn:
        `${list.map((c) => `${c.name} (${c.households})`).join(', ')} total ${households} households, at least ${T}. ` +
        (links.length ? `${linkEn}; every gap within ${input.toleranceM} m with no arterial or river between. ` : '') +
        `All in ${P[members[0]].subdistrict}, built ${Math.min(...years)}–${Math.max(...years)}, all eligible; compactness ${compactness}.`,
    };
  }

  function explainUnplaced(i: number): UnplacedSite {
    const base = { id: P[i].id, name: P[i].name, households: P[i].households };
    const nb: number[] = [];
    for (let e = offsets[i]; e < offsets[i + 1]; e++) nb.push(neighbours[e]);
    const free = nb.filter((j) => active[j]);
    if (free.length === 0) {
      const blocked = gap.blocked.filter((b) => b.a === i || b.b === i);
      if (nb.length === 0 && blocked.length) {
        const others = blocked.map((b) => (b.a === i ? b.b : b.a));
        const what = [...new Set(blocked.map((b) => `${BARRIER_ZH[b.barrier] ?? b.barrier}${b.name ? `“${b.name}”` : ''}`))].join('、');
        const whatEn = [...new Set(blocked.map((b) => `${b.barrier}${b.name ? ` ${b.name}` : ''}`))].join(', ');
        return { ...base, reason: 'barrier', related: others.map((j) => P[j].id),
          message: `${P[i].households} 户，不足 ${T} 户；${input.toleranceM} 米内的小区（${others.map((j) => P[j].name).join('、')}）都隔着${what}，不能连片`,
          messageEn: `${P[i].households} households, below ${T}; the compounds within ${input.toleranceM} m (${others.map((j) => P[j].name).join(', ')}) are all across ${whatEn}` };
      }
      const cross = gap.crossSubdistrict.filter((c) => c.a === i || c.b === i).map((c) => (c.a === i ? c.b : c.a));
      if (nb.length === 0 && cross.length) {
        const streets = [...new Set(cross.map((j) => P[j].subdistrict))].join('、');
        return { ...base, reason: 'otherSubdistrict', related: cross.map((j) => P[j].id),
          message: `${P[i].households} 户，不足 ${T} 户；相邻小区（${cross.map((j) => P[j].name).join('、')}）属于${streets}，按设置不跨街道组包`,
          messageEn: `${P[i].households} households, below ${T}; its neighbours (${cross.map((j) => P[j].name).join(', ')}) are in ${streets}, and packages stay within one subdistrict` };
      }
      if (nb.length === 0) {
        return { ...base, reason: 'island', related: [],
          message: `${P[i].households} 户，不足 ${T} 户；${input.toleranceM} 米内没有其他小区，需单独论证或调整间距设置`,
          messageEn: `${P[i].households} households, below ${T}; no other compound within ${input.toleranceM} m` };
      }
      const why = (j: number) => (packageOf[j]?.locked ? `已在锁定的项目包 ${packageOf[j]!.id}` : `${P[j].renovatedYear != null ? '已改造' : `${P[j].buildYear} 年建成`}，不符合条件`);
      const whyEn = (j: number) => (packageOf[j]?.locked ? `in locked package ${packageOf[j]!.id}` : P[j].renovatedYear != null ? 'already renovated' : `built ${P[j].buildYear}, not eligible`);
      return { ...base, reason: 'neighboursUnavailable', related: nb.map((j) => P[j].id),
        message: `${P[i].households} 户，不足 ${T} 户；相邻小区都不能参与组包：${nb.map((j) => `${P[j].name}（${why(j)}）`).join('、')}`,
        messageEn: `${P[i].households} households, below ${T}; no neighbour can join: ${nb.map((j) => `${P[j].name} (${whyEn(j)})`).join(', ')}` };
    }
    // The connected group of free candidates it belongs to
    const group = [i];
    const seen = new Set(group);
    for (let q = 0; q < group.length; q++) {
      const a = group[q];
      for (let e = offsets[a]; e < offsets[a + 1]; e++) {
        const b = neighbours[e];
        if (active[b] && !seen.has(b)) { seen.add(b); group.push(b); }
      }
    }
    const total = group.reduce((s, j) => s + P[j].households, 0);
    if (total < T) {
      return { ...base, reason: 'groupTooSmall', related: group.filter((j) => j !== i).map((j) => P[j].id),
        message: `${P[i].households} 户；连同与之相连的可组包小区（${group.slice(1).map((j) => P[j].name).join('、')}）合计仅 ${total} 户，不足 ${T} 户`,
        messageEn: `${P[i].households} households; with the compounds it connects to (${group.slice(1).map((j) => P[j].name).join(', ')}) only ${total}, below ${T}` };
    }
    return { ...base, reason: 'caps', related: free.map((j) => P[j].id),
      message: `${P[i].households} 户；相邻的项目包已达到户数或小区数上限，放不下（可放宽上限）`,
      messageEn: `${P[i].households} households; the neighbouring packages are at their household or compound caps` };
  }
}
