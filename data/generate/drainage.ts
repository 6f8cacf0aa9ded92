// Gravity drainage (sewer, storm, combined) as connected networks that flow to outfalls. The
// lines are laid by pipes.ts along the roads and into the compounds; here, without drawing a
// single random number (so nothing else in the demo changes), they are joined up and turned so
// that each runs in the direction of flow: the SWMM / EPANET convention the model adopts
// (server/domain/model.ts, PipeProps), since the data has no invert levels.
//
//   Joints. Street pipes of one system meet at each street junction in one point, the end of the
//   junction's largest pipe (mains first): the others get a stub of a few metres across the
//   junction. Junctions less than JOIN_M apart are one, and the pipe of the run between them is
//   left out (19 pieces under 2 m), so that no junction lies within snapping distance of another.
//   A lane's combined pipe and a compound's service pipe end on the pipe of the road they meet
//   (a wye half-way along it, as a lateral enters a main): their last leg is stretched or
//   shortened to that pipe's line. Where that road has no pipe of the system, a lane's pipe or a
//   service pipe runs on along the roads' centre lines to the nearest one (service pipes of
//   compounds in a sewer gap at most MAX_ROUTE_M). Only parts outside the compounds move, so the
//   per-compound pipe flags (server/analysis/pipes.ts) are what they were. Foul (sewer and
//   combined) and storm never join.
//
//   Outfalls. The river 昌江 flows south. Sewage goes to the treatment plant (污水处理厂) on the
//   west bank just south of the town, 60 m below 沿江西路 × 吕蒙大道: the most downstream point of
//   the sewered network along the river; the east bank's sewage crosses on the bridges. Rain
//   water goes to the river at every junction on the riverside roads (沿江西路, 沿江东路), each
//   through a short outfall pipe to the bank 10 m downstream (雨水排放口). Outfall pipes are new
//   features, numbered after the others.
//
//   Direction. Every street pipe flows from its end farther from an outfall (along the network,
//   Dijkstra from the outfalls) to the nearer one; a lane's combined pipe flows to whichever end
//   drains sooner; a service pipe flows out of the compound into the street's pipe.
//
//   What stays unconnected flows nowhere, and a trace reports the dead end: in the sewer gaps
//   (吕蒙 and the old factory quarter of 西郊, pipes.ts) the service pipes of compounds with no
//   sewer within MAX_ROUTE_M along the roads, and four combined lane pipes of the factory
//   quarter (污水管网找不到入口). Every other gravity pipe reaches an outfall
//   (test/api/sewerTrace.test.ts checks each one).
import type { Feature, LineString } from 'geojson';
import type { PipeProps } from '../../server/domain/model.ts';
import { densify, lineToLonLat, type UV } from './frame.ts';
import { EW_ARTERIALS, RIVER_U, RIVERSIDE_OFFSET, riverHalfWidth } from './layout.ts';
import type { Segment } from './network.ts';

export type GravityKind = 'sewer' | 'storm' | 'combined';
type System = 'foul' | 'storm';
const systemOf = (k: GravityKind): System => (k === 'storm' ? 'storm' : 'foul');

export interface GravityLine {
  feature: Feature<LineString, PipeProps>;
  kind: GravityKind;
  /** The street or lane the pipe runs along; null for a compound's service pipe. */
  run: Segment | null;
  /** As laid: along a run [a', b'] (its a → b), or a service path street → gate → … → inside. */
  line: UV[];
  /** A service pipe of a compound in a sewer gap (pipes.ts inSewerGap). */
  inGap?: boolean;
}

/** A new pipe (an outfall) for pipes.ts to number and add: its props but the id. */
export interface OutfallPipe {
  kind: GravityKind;
  props: Omit<PipeProps, 'id' | 'kind'>;
  line: UV[];
}

export interface DrainageResult {
  outfalls: OutfallPipe[];
  /** Pipes of street runs shorter than JOIN_M between two junctions, left out. */
  dropped: Set<Feature<LineString, PipeProps>>;
}

/** Street junctions closer than this (m) are one (see drainGravity). */
const JOIN_M = 2;
/** A pipe that does not drain its upstream junction starts this far back from it (the first that
 * leaves HEAD_CLEAR_M to the junction's other pipes), so that its head is a manhole of its own. */
const HEAD_BACK_M = [0, 1.5, 2, 3, 4, 5, 6, 8];
const HEAD_CLEAR_M = 2;
/** A service pipe with no pipe of its system in the road outside its gate runs along the roads to
 * the nearest one; in the sewer gaps only if that is at most this far (m), else it ends at the
 * road: no outlet. */
const MAX_ROUTE_M = 150;
const key = (p: UV) => `${p[0]},${p[1]}`;
const same = (p: UV, q: UV) => p[0] === q[0] && p[1] === q[1];
const dist = (p: UV, q: UV) => Math.hypot(p[0] - q[0], p[1] - q[1]);
const lengthOf = (l: UV[]) => l.slice(1).reduce((s, p, i) => s + dist(l[i], p), 0);
const horizontal = (s: Segment) => s.a[1] === s.b[1];

/** Is p on the run's centre line (ends included)? */
function onRun(s: Segment, p: UV): boolean {
  return horizontal(s)
    ? p[1] === s.a[1] && p[0] >= Math.min(s.a[0], s.b[0]) && p[0] <= Math.max(s.a[0], s.b[0])
    : p[0] === s.a[0] && p[1] >= Math.min(s.a[1], s.b[1]) && p[1] <= Math.max(s.a[1], s.b[1]);
}

/** The polyline without its first `m` metres. */
function from0(line: UV[], m: number): UV[] {
  let left = m;
  for (let i = 0; i + 1 < line.length; i++) {
    const len = dist(line[i], line[i + 1]);
    if (left < len) {
      const t = left / len;
      return [[line[i][0] + t * (line[i + 1][0] - line[i][0]), line[i][1] + t * (line[i + 1][1] - line[i][1])], ...line.slice(i + 1)];
    }
    left -= len;
  }
  return line.slice(-2);
}

/** Distance from p to a polyline. */
function lineDistance(p: UV, line: UV[]): number {
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i], b = line[i + 1];
    const l2 = (b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2;
    const t = l2 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / l2)) : 0;
    best = Math.min(best, dist(p, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]));
  }
  return best;
}

/** Distance along `line` from the point of it nearest to p to its last point. */
function remaining(line: UV[], p: UV): number {
  let best = Infinity, rest = 0;
  let after = lengthOf(line);
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i], b = line[i + 1];
    const len = dist(a, b);
    after -= len;
    const t = len ? Math.max(0, Math.min(1, ((p[0] - a[0]) * (b[0] - a[0]) + (p[1] - a[1]) * (b[1] - a[1])) / (len * len))) : 0;
    const d = dist(p, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
    if (d < best) {
      best = d;
      rest = after + (1 - t) * len;
    }
  }
  return rest;
}

/**
 * Joins and orients the gravity lines in place (their features get new coordinates) and returns
 * the outfall pipes to add.
 */
export function drainGravity(lines: GravityLine[], runs: Segment[]): DrainageResult {
  // Street junctions closer than JOIN_M along a street are one junction (two side streets meeting
  // an arterial from either side a metre apart): the pipe of the run between them is left out, so
  // that no two junctions lie within snapping distance (1 m) of each other.
  const root = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (root.has(r) && root.get(r) !== r) r = root.get(r)!;
    root.set(k, r);
    return r;
  };
  const members = new Map<string, UV[]>();
  for (const r of runs) {
    if (r.cls === 'lane') continue;
    for (const p of [r.a, r.b]) if (!root.has(key(p))) { root.set(key(p), key(p)); members.set(key(p), [p]); }
  }
  for (const r of runs) {
    if (r.cls === 'lane' || dist(r.a, r.b) >= JOIN_M) continue;
    const a = find(key(r.a)), b = find(key(r.b));
    if (a === b) continue;
    const [keep, gone] = a < b ? [a, b] : [b, a];
    root.set(gone, keep);
    members.get(keep)!.push(...members.get(gone)!);
    members.delete(gone);
  }
  const junction = (sys: System, p: UV) => `${sys}|${find(key(p))}`;
  const junctionOf = (g: GravityLine, end: 0 | 1) => junction(systemOf(g.kind), end ? g.run!.b : g.run!.a);

  const dropped = lines.filter((g) => g.run && g.run.cls !== 'lane' && junctionOf(g, 0) === junctionOf(g, 1));
  const kept = lines.filter((g) => !dropped.includes(g));
  const streets = kept.filter((g) => g.run && g.run.cls !== 'lane');
  const lanes = kept.filter((g) => g.run && g.run.cls === 'lane');
  const services = kept.filter((g) => !g.run);
  const final = new Map<GravityLine, UV[]>();

  const rank = (g: GravityLine) => [g.feature.properties.level === 'main' ? 0 : 1, -g.feature.properties.diameter, lines.indexOf(g)];
  const before = (x: GravityLine, y: GravityLine) => {
    const a = rank(x), b = rank(y);
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  };
  const atJunction = new Map<string, { g: GravityLine; end: 0 | 1 }[]>();
  for (const g of streets) {
    for (const end of [0, 1] as const) {
      const k = junctionOf(g, end);
      const list = atJunction.get(k) ?? [];
      list.push({ g, end });
      atJunction.set(k, list);
    }
  }
  const propsAt = (k: string) => atJunction.get(k)!.map((x) => x.g).sort(before)[0].feature.properties;

  // ---- outfall junctions ----
  const sources = new Set<string>();
  const riverside = new Set([RIVER_U - RIVERSIDE_OFFSET, RIVER_U + RIVERSIDE_OFFSET]);
  const plantJunction = junction('foul', [RIVER_U - RIVERSIDE_OFFSET, EW_ARTERIALS[0].v]);
  if (!atJunction.has(plantJunction)) throw new Error('drainage: no sewer at 沿江西路 × 吕蒙大道 for the treatment plant');
  sources.add(plantJunction);
  const stormOutfalls: { k: string; on: UV }[] = [];
  for (const k of atJunction.keys()) {
    const [sys, at] = k.split('|');
    const on = members.get(at)!.find((p) => riverside.has(p[0]));
    if (sys === 'storm' && on) {
      sources.add(k);
      stormOutfalls.push({ k, on });
    }
  }

  // ---- distance to an outfall along the street network (Dijkstra; small graph, simple queue) ----
  const d = new Map<string, number>();
  for (const k of atJunction.keys()) d.set(k, sources.has(k) ? 0 : Infinity);
  const adj = new Map<string, { g: GravityLine; to: string }[]>();
  for (const g of streets) {
    const a = junctionOf(g, 0), b = junctionOf(g, 1);
    adj.set(a, [...(adj.get(a) ?? []), { g, to: b }]);
    adj.set(b, [...(adj.get(b) ?? []), { g, to: a }]);
  }
  const len = (g: GravityLine) => lengthOf(g.line);
  const done = new Set<string>();
  for (;;) {
    let u: string | null = null;
    for (const [k, x] of d) if (!done.has(k) && x < Infinity && (u === null || x < d.get(u)!)) u = k;
    if (u === null) break;
    done.add(u);
    for (const { g, to } of adj.get(u) ?? []) if (d.get(u)! + len(g) < d.get(to)!) d.set(to, d.get(u)! + len(g));
  }

  // ---- a tree: each junction drains by one pipe, the first on its shortest way to an outfall ----
  const tree = new Map<string, GravityLine>();
  for (const [k, list] of adj) {
    if (sources.has(k) || d.get(k) === Infinity) continue;
    const best = list.filter(({ g, to }) => Math.abs(d.get(to)! + len(g) - d.get(k)!) < 1e-6).map((x) => x.g).sort(before)[0];
    tree.set(k, best);
  }
  // Pipes meet where the junction's drain starts (at an outfall junction, and in a patch that
  // drains nowhere, at the end of its largest pipe).
  const endAt = (g: GravityLine, k: string): 0 | 1 => (junctionOf(g, 0) === k ? 0 : 1);
  const meet = new Map<string, UV>();
  for (const [k, list] of atJunction) {
    const out = tree.get(k);
    const first = out ? { g: out, end: endAt(out, k) } : [...list].sort((x, y) => before(x.g, y.g))[0];
    meet.set(k, first.g.line[first.end]);
  }
  // ---- outfall pipes ----
  const outfalls: OutfallPipe[] = [];
  const outfallAt = new Map<string, UV[]>();
  const bankAt = (west: boolean, v: number) => RIVER_U + (west ? -1 : 1) * (Math.round(riverHalfWidth(v) * 2) / 2);
  {
    // the treatment plant: 60 m south of 沿江西路 × 吕蒙大道, on the bank
    const p = propsAt(plantJunction);
    const v = EW_ARTERIALS[0].v - 60;
    outfalls.push({
      kind: 'sewer',
      props: { level: 'main', diameter: 1000, material: 'concrete', year: p.year, condition: p.condition, overhead: false },
      line: [meet.get(plantJunction)!, [bankAt(true, v), v]],
    });
    outfallAt.set(plantJunction, outfalls[0].line);
  }
  // rain water: to the river at every junction on the riverside roads, 10 m downstream (south)
  // of it on the bank, clear of the pipes on a bridge
  for (const { k, on } of stormOutfalls) {
    const p = propsAt(k);
    const m = meet.get(k)!;
    outfalls.push({
      kind: 'storm',
      props: { level: 'main', diameter: Math.max(...atJunction.get(k)!.map((x) => x.g.feature.properties.diameter)), material: 'concrete', year: p.year, condition: p.condition, overhead: false },
      line: [m, [bankAt(on[0] < RIVER_U, m[1] - 10), m[1] - 10]],
    });
    outfallAt.set(k, outfalls[outfalls.length - 1].line);
  }

  /** The pipe's line along its road, densified as lineToLonLat would (so that cutting its head off keeps the other vertices), from its end `end`. */
  const laid = (g: GravityLine, end: 0 | 1) => densify(end ? [...g.line].reverse() : g.line, 40);
  /** Where a pipe not draining junction k can start: the first cut clear of k's other pipes (each drawn to the meeting point). */
  function headAt(g: GravityLine, end: 0 | 1) {
    const k = junctionOf(g, end);
    const others = atJunction.get(k)!.filter((x) => x.g !== g).map((x) => (x.end ? [...laid(x.g, 0), meet.get(k)!] : [meet.get(k)!, ...laid(x.g, 0)]));
    if (outfallAt.has(k)) others.push(outfallAt.get(k)!);
    const l = laid(g, end);
    const room = lengthOf(l);
    let pick: { line: UV[]; back: number; clear: number } | null = null;
    for (const back of HEAD_BACK_M) {
      if (back > room / 2) break;
      const line = back ? from0(l, back) : l;
      const clear = others.length ? Math.min(...others.map((o) => lineDistance(line[0], o))) : Infinity;
      if (!pick || clear > pick.clear) pick = { line, back, clear };
      if (clear >= HEAD_CLEAR_M) break;
    }
    if (!pick) throw new Error(`drainage: ${g.feature.properties.id} is too short to start clear of its junction`);
    return pick;
  }
  // Each pipe ends in the meeting point of the junction it flows to. It starts at the junction it
  // comes from only if it is that junction's drain; otherwise it starts as a head manhole of its
  // own (at whichever end needs the least of it cut off, by preference the one farther from an
  // outfall), so that no manhole has two ways out and the network is a tree.
  const flow = new Map<GravityLine, { from: string; to: string }>();
  for (const g of streets) {
    const a = junctionOf(g, 0), b = junctionOf(g, 1);
    const da = d.get(a)!, db = d.get(b)!;
    let from: 0 | 1, line: UV[];
    if (tree.get(a) === g || tree.get(b) === g) {
      from = tree.get(a) === g ? 0 : 1;
      line = laid(g, from);
    } else if (da === Infinity && db === Infinity) {
      // a patch with no way to an outfall (none in the demo): joined up, flowing nowhere
      from = 0;
      line = laid(g, from);
      if (!same(meet.get(from ? b : a)!, line[0])) line.unshift(meet.get(from ? b : a)!);
    } else {
      const ha = headAt(g, 0), hb = headAt(g, 1);
      const ok = (h: typeof ha) => h.clear >= HEAD_CLEAR_M;
      const pickB = ok(ha) !== ok(hb) ? ok(hb) : ok(ha) ? hb.back < ha.back || (hb.back === ha.back && db > da) : hb.clear > ha.clear;
      from = pickB ? 1 : 0;
      const h = pickB ? hb : ha;
      line = [...h.line];
    }
    const to = from ? a : b;
    if (!same(meet.get(to)!, line[line.length - 1])) line.push(meet.get(to)!);
    final.set(g, line);
    flow.set(g, { from: from ? b : a, to });
  }

  /** d at a pipe's downstream end. */
  const dEnd = new Map<GravityLine, number>();
  for (const g of streets) dEnd.set(g, d.get(flow.get(g)!.to)!);

  // ---- lanes: each end on the pipe of the road it meets, if that road has a foul pipe ----
  /** A street pipe's part along its road, as laid out above. */
  const streetBase = (h: GravityLine): [UV, UV] => {
    const l = final.get(h)!;
    const along = l.filter((p) => (horizontal(h.run!) ? p[1] === h.line[0][1] : p[0] === h.line[0][0]));
    return [along[0], along[along.length - 1]];
  };
  const hostsOf = (sys: System) => kept.filter((g) => g.run && systemOf(g.kind) === sys);
  const hosts = { foul: hostsOf('foul'), storm: hostsOf('storm') };
  /** Where a line arriving square to the road at p (its own line through `along`) meets the road's pipe. */
  function hostAt(sys: System, p: UV, along: UV, self?: GravityLine): { host: GravityLine; at: UV } | null {
    for (const h of hosts[sys]) {
      if (h === self || !onRun(h.run!, p)) continue;
      const s = h.run!;
      if (h.run!.cls !== 'lane' && (same(p, s.a) || same(p, s.b))) return { host: h, at: meet.get(junction(sys, p))! };
      // the pipe's own line along the road: for a street pipe without its stubs, its head pulled back
      const [a, b] = h.run!.cls === 'lane' ? h.line : streetBase(h);
      const at: UV = horizontal(s) ? [along[0], a[1]] : [a[0], along[1]];
      const lo = horizontal(s) ? Math.min(a[0], b[0]) : Math.min(a[1], b[1]);
      const hi = horizontal(s) ? Math.max(a[0], b[0]) : Math.max(a[1], b[1]);
      const c = horizontal(s) ? at[0] : at[1];
      if (c > lo && c < hi) return { host: h, at };
    }
    return null;
  }
  const laneEnds = new Map<GravityLine, ({ host: GravityLine; at: UV } | null)[]>();
  for (const g of lanes) {
    const s = g.run!;
    laneEnds.set(g, [hostAt('foul', s.a, g.line[0], g), hostAt('foul', s.b, g.line[1], g)]);
  }
  const dAt = (h: GravityLine, p: UV) => {
    const e = dEnd.get(h);
    return e === undefined || e === Infinity ? Infinity : remaining(final.get(h)!, p) + e;
  };
  for (let pass = 0; pass < 50; pass++) {
    let changed = false;
    for (const g of lanes) {
      const [ea, eb] = laneEnds.get(g)!;
      const [a, b] = g.line;
      // the lane's line, stretched to where it meets each host
      const la: UV[] = [ea ? ea.at : a, eb ? eb.at : b];
      const ca = ea ? dAt(ea.host, ea.at) : Infinity;
      const cb = eb ? dAt(eb.host, eb.at) : Infinity;
      // flow towards the end that drains sooner (where neither drains, into the pipe it meets)
      const line = ca < cb || (ca === cb && !!ea && !eb) ? [...la].reverse() : la;
      const e = Math.min(ca, cb);
      if (dEnd.get(g) !== e) {
        dEnd.set(g, e);
        changed = true;
      }
      final.set(g, line);
    }
    if (!changed) break;
  }
  // A lane pipe meeting a pipe at both ends drains into one; at the other it starts short of the
  // pipe there, a head manhole of its own (as street pipes do at junctions they do not drain).
  for (const g of lanes) {
    const [ea, eb] = laneEnds.get(g)!;
    if (!ea || !eb || dEnd.get(g) === Infinity) continue;
    const l = final.get(g)!;
    const toA = same(l[l.length - 1], ea.at);
    const head = toA ? eb : ea;
    const own: UV[] = [toA ? g.line[1] : g.line[0], l[l.length - 1]]; // from the lane's own end, not the host's line
    const room = lengthOf(own);
    let cut = own;
    for (const back of HEAD_BACK_M) {
      if (back > room / 2) break;
      cut = back ? from0(own, back) : own;
      if (lineDistance(cut[0], final.get(head.host)!) >= HEAD_CLEAR_M) break;
    }
    final.set(g, cut);
  }
  // ---- routes along the roads' centre lines to the nearest pipe of a system ----
  // The road graph: every run cut where another run ends on it.
  const stops = new Map<Segment, UV[]>();
  for (const r of runs) stops.set(r, [r.a, r.b]);
  for (const r of runs) for (const o of runs) if (o !== r) for (const p of [o.a, o.b]) if (onRun(r, p) && !same(p, r.a) && !same(p, r.b)) stops.get(r)!.push(p);
  const along = (r: Segment, p: UV) => (horizontal(r) ? p[0] : p[1]);
  const next = new Map<string, UV[]>();
  const link = (p: UV, q: UV) => {
    if (same(p, q)) return;
    next.set(key(p), [...(next.get(key(p)) ?? []), q]);
    next.set(key(q), [...(next.get(key(q)) ?? []), p]);
  };
  for (const [r, ps] of stops) {
    const sorted = [...new Map(ps.map((p) => [key(p), p])).values()].sort((x, y) => along(r, x) - along(r, y));
    for (let i = 0; i + 1 < sorted.length; i++) link(sorted[i], sorted[i + 1]);
  }
  /** The way (road points, then the point on the pipe) from `from` to the nearest pipe of `sys` that drains, at most maxM along the roads. */
  function route(sys: System, from: UV, maxM: number, self?: GravityLine): { way: UV[]; d: number } | null {
    const road = runs.find((r) => onRun(r, from));
    if (!road) return null;
    const first = stops.get(road)!.filter((p) => !same(p, from));
    const before = first.filter((p) => along(road, p) < along(road, from)).sort((x, y) => along(road, y) - along(road, x))[0];
    const after = first.filter((p) => along(road, p) > along(road, from)).sort((x, y) => along(road, x) - along(road, y))[0];
    const dist0 = new Map<string, number>([[key(from), 0]]);
    const prev = new Map<string, UV>();
    const open: UV[] = [from];
    const reach = (p: UV, q: UV, len: number) => {
      if (len > maxM || len >= (dist0.get(key(q)) ?? Infinity)) return;
      dist0.set(key(q), len);
      prev.set(key(q), p);
      open.push(q);
    };
    const done = new Set<string>();
    while (open.length) {
      open.sort((x, y) => dist0.get(key(y))! - dist0.get(key(x))!);
      const p = open.pop()!;
      if (done.has(key(p))) continue;
      done.add(key(p));
      const len = dist0.get(key(p))!;
      if (!same(p, from)) {
        let tail: UV | null = null;
        const j = junction(sys, p);
        if (meet.has(j) && d.get(j)! < Infinity) tail = meet.get(j)!;
        else {
          const h = hostAt(sys, p, p, self);
          if (h && dAt(h.host, h.at) < Infinity) tail = h.at;
        }
        if (tail) {
          const way: UV[] = [p];
          for (let q = prev.get(key(p)); q && !same(q, from); q = prev.get(key(q))) way.unshift(q);
          return { way: [...way, tail], d: len };
        }
      }
      const out = same(p, from) ? [before, after].filter((q): q is UV => !!q) : next.get(key(p)) ?? [];
      for (const q of out) reach(p, q, len + dist(p, q));
    }
    return null;
  }

  // lanes whose pipe meets no draining pipe at either end: on along the roads from the nearer end
  for (const g of lanes) {
    if (dEnd.get(g) !== Infinity) continue;
    const [a, b] = final.get(g)!;
    const ra = route('foul', g.run!.a, MAX_ROUTE_M, g), rb = route('foul', g.run!.b, MAX_ROUTE_M, g);
    if (!ra && !rb) continue;
    const toA = !!ra && (!rb || ra.d <= rb.d);
    // the lane's own line, then from its end to the road centre and on
    final.set(g, toA ? [b, a, ...ra!.way] : [a, b, ...rb!.way]);
    dEnd.set(g, 0); // drains; its exact distance is not needed further
  }

  // ---- service pipes: out of the compound into the pipe of the road outside the gate or, where
  // that road has none, along the roads to the nearest one (at most MAX_ROUTE_M) ----
  for (const g of services) {
    const [st, gate, ...rest] = g.line;
    const sys = systemOf(g.kind);
    const inside = [...rest.reverse(), gate, st];
    const h = hostAt(sys, st, st);
    let tail: UV[] | null = h && dAt(h.host, h.at) < Infinity ? [h.at] : null;
    if (!tail) tail = route(sys, st, g.inGap ? MAX_ROUTE_M : Infinity)?.way ?? null;
    final.set(g, tail ? [...inside, ...tail] : inside);
  }

  // ---- heads clear of everything else ----
  // A head manhole (the start of a pipe that drains no junction, or of a lane pipe whose other end
  // is the outlet) must not lie on another pipe of its system, or it would read as a branch out of
  // that pipe: a service pipe routed along the roads can pass one. Such a head starts further back.
  for (const g of [...streets, ...lanes]) {
    const l = final.get(g)!;
    const isHead = g.run!.cls === 'lane'
      ? !!laneEnds.get(g)![0] && !!laneEnds.get(g)![1]
      : tree.get(flow.get(g)!.from) !== g && (tree.has(flow.get(g)!.from) || sources.has(flow.get(g)!.from));
    if (!isHead) continue;
    const sys = systemOf(g.kind);
    const others = [
      ...kept.filter((o) => o !== g && systemOf(o.kind) === sys).map((o) => final.get(o)!),
      ...outfalls.filter((o) => systemOf(o.kind) === sys).map((o) => o.line),
    ];
    // how close another pipe comes, unless at its own end: a pipe ending at a head flows into it
    const clear = (p: UV) => Math.min(...others.map((o) => {
      const d = lineDistance(p, o);
      return d >= dist(p, o[o.length - 1]) - 1e-9 ? Infinity : d;
    }));
    if (clear(l[0]) >= HEAD_CLEAR_M) continue;
    const room = lengthOf(l);
    for (const back of [1, 2, 3, 4, 6, 8, 10]) {
      if (back > room / 2) break;
      const cut = from0(l, back);
      if (clear(cut[0]) >= HEAD_CLEAR_M) {
        final.set(g, cut);
        break;
      }
    }
  }

  for (const g of kept) g.feature.geometry.coordinates = lineToLonLat(final.get(g)!, 40);
  return { outfalls, dropped: new Set(dropped.map((g) => g.feature)) };
}
