// Walking access from compounds to facilities over the walking network (walk.ts), for the
// amenity-gap view: per compound and facility kind, the walking distance to the nearest facility
// of that kind, the straight-line distance, and whether the walk is within the kind's radius.
//
// One multi-source Dijkstra per kind, seeded from every facility of the kind at once, gives the
// distance from the nearest facility to every node; each compound then reads its distance off the
// two end nodes of the edges its gates are attached to. That is one run per kind instead of one
// per compound (walking is symmetric, so "from the nearest facility" = "to the nearest facility").
//
// A compound with gates leaves through its gates. One without recorded gates is treated as open on
// every side: it may leave from any vertex of its outer ring(s). That is an optimistic bound (a
// walled compound without gate data may have a single gate on the far side); `gated` says which
// compounds it applies to, so the map can show it.
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { attachPoints, type Attachments, type WalkNetwork } from './walk.ts';

/**
 * Walking distance (m) from each target to the nearest source over the network: one multi-source
 * Dijkstra from all sources' attachments (connector + distance along the edge to each end node),
 * then per target the better of its edge's two end nodes, or a source on the same edge walked to
 * directly. Infinity where no source is reachable, and for every target when there is no source.
 */
export function nearestByNetwork(network: WalkNetwork, sources: Attachments, targets: Attachments): Float64Array {
  const who = 'nearestByNetwork';
  if (!network || !network.offsets || !network.targets) throw new Error(`${who}: expected a network from buildWalkNetwork`);
  checkAttachments(network, sources, who, 'sources');
  checkAttachments(network, targets, who, 'targets');
  const out = new Float64Array(targets.count).fill(Infinity);
  if (sources.count === 0) return out;
  const dist = runMultiSource(network, sources);

  // sources by edge, for targets on the same edge as a source (the direct walk along it bypasses both nodes)
  const onEdge = new Map<number, number[]>();
  for (let s = 0; s < sources.count; s++) {
    const list = onEdge.get(sources.edge[s]);
    if (list) list.push(s);
    else onEdge.set(sources.edge[s], [s]);
  }
  for (let t = 0; t < targets.count; t++) {
    let d = Math.min(dist[targets.a[t]] + targets.da[t], dist[targets.b[t]] + targets.db[t]);
    const same = onEdge.get(targets.edge[t]);
    if (same) for (const s of same) d = Math.min(d, Math.abs(sources.da[s] - targets.da[t]) + sources.connector[s]);
    out[t] = d + targets.connector[t];
  }
  return out;
}

/**
 * Walking distance (m) from the nearest source to every node of the network: one multi-source
 * Dijkstra seeded at both end nodes of each source's edge (connector + distance along the edge).
 * Infinity for nodes no source reaches, and for every node when there is no source.
 */
export function multiSourceDistances(network: WalkNetwork, sources: Attachments): Float64Array {
  const who = 'multiSourceDistances';
  if (!network || !network.offsets || !network.targets) throw new Error(`${who}: expected a network from buildWalkNetwork`);
  checkAttachments(network, sources, who, 'sources');
  return runMultiSource(network, sources);
}

/** `label`, when given, receives per node the index of the source it was reached from (−1: none). */
function runMultiSource(network: WalkNetwork, sources: Attachments, label?: Int32Array): Float64Array {
  const dist = new Float64Array(network.n).fill(Infinity);
  if (sources.count === 0) return dist;
  const heap = new NodeHeap(network.n, dist);
  const seed = (v: number, d: number, s: number) => {
    if (!(d < dist[v])) return;
    heap.lower(v, d);
    if (label) label[v] = s;
  };
  for (let s = 0; s < sources.count; s++) {
    seed(sources.a[s], sources.connector[s] + sources.da[s], s);
    seed(sources.b[s], sources.connector[s] + sources.db[s], s);
  }
  const { offsets, targets: to, lengths } = network;
  while (heap.size > 0) {
    const u = heap.pop();
    const du = dist[u];
    for (let k = offsets[u], end = offsets[u + 1]; k < end; k++) {
      const v = to[k];
      const dv = du + lengths[k];
      if (dv < dist[v]) {
        heap.lower(v, dv);
        if (label) label[v] = label[u];
      }
    }
  }
  return dist;
}

/**
 * For each target, the nearest source over the network and the walk to it, as nearestByNetwork
 * measures it: one multi-source Dijkstra that carries each node's source along. −1 / Infinity where
 * none is reachable.
 */
export function nearestSource(network: WalkNetwork, sources: Attachments, targets: Attachments): { source: Int32Array; distM: Float64Array } {
  const who = 'nearestSource';
  if (!network || !network.offsets || !network.targets) throw new Error(`${who}: expected a network from buildWalkNetwork`);
  checkAttachments(network, sources, who, 'sources');
  checkAttachments(network, targets, who, 'targets');
  const source = new Int32Array(targets.count).fill(-1);
  const distM = new Float64Array(targets.count).fill(Infinity);
  if (sources.count === 0) return { source, distM };
  const label = new Int32Array(network.n).fill(-1);
  const dist = runMultiSource(network, sources, label);
  for (let t = 0; t < targets.count; t++) {
    const viaA = dist[targets.a[t]] + targets.da[t];
    const viaB = dist[targets.b[t]] + targets.db[t];
    let best = viaA <= viaB ? viaA : viaB;
    let who = viaA <= viaB ? label[targets.a[t]] : label[targets.b[t]];
    // a source on the same edge is reached along it without passing either end node
    for (let s = 0; s < sources.count; s++) {
      if (sources.edge[s] !== targets.edge[t]) continue;
      const d = Math.abs(sources.da[s] - targets.da[t]) + sources.connector[s];
      if (d < best) {
        best = d;
        who = s;
      }
    }
    if (Number.isFinite(best)) {
      source[t] = who;
      distM[t] = best + targets.connector[t];
    }
  }
  return { source, distM };
}

export type CompoundFeature = Feature<Polygon | MultiPolygon, { gates?: Position[] | null; [key: string]: unknown }>;
export type FacilityFeature = Feature<Point, { kind: string; [key: string]: unknown }>;

export interface CompoundAccessInput {
  compounds: CompoundFeature[];
  facilities: FacilityFeature[];
  /** Kinds to report, a kind with no facility included (all Infinity); default: the kinds among the facilities. */
  kinds?: string[];
  /** Walking radius (m): one for every kind, or one per kind (every reported kind needs one). */
  radiusM: number | Record<string, number>;
}

export interface KindAccess {
  kind: string;
  radiusM: number;
  /** per compound: walking distance to the nearest facility of the kind (m), Infinity when none is reachable */
  networkM: Float64Array;
  /** per compound: straight-line distance from its nearest gate (or boundary vertex) to the nearest facility (m) */
  straightM: Float64Array;
  /** per compound: 1 when networkM ≤ radiusM */
  within: Uint8Array;
}

export interface CompoundAccessResult {
  kinds: KindAccess[];
  /** per compound: 1 when it has gates, 0 when its boundary vertices stood in for them */
  gated: Uint8Array;
}

/** Walking and straight-line access from every compound to the nearest facility of every kind (see the module comment). */
export function compoundAccess(network: WalkNetwork, input: CompoundAccessInput): CompoundAccessResult {
  const who = 'compoundAccess';
  if (!input || typeof input !== 'object') throw new Error(`${who}: expected an input object with compounds, facilities and radiusM`);
  const { compounds, facilities, radiusM } = input;
  if (!Array.isArray(compounds)) throw new Error(`${who}: compounds must be an array of Polygon features`);
  if (!Array.isArray(facilities)) throw new Error(`${who}: facilities must be an array of Point features`);
  facilities.forEach((f, i) => {
    if (!f || f.type !== 'Feature' || f.geometry?.type !== 'Point') throw new Error(`${who}: facility ${i} is not a Point feature`);
    if (typeof f.properties?.kind !== 'string' || f.properties.kind === '') throw new Error(`${who}: facility ${i} has no kind`);
  });
  const kinds = input.kinds ?? [...new Set(facilities.map((f) => f.properties.kind))].sort();
  if (!Array.isArray(kinds) || kinds.some((k) => typeof k !== 'string')) throw new Error(`${who}: kinds must be an array of strings`);
  const radius = (kind: string): number => {
    const r = typeof radiusM === 'number' ? radiusM : radiusM?.[kind];
    if (typeof r !== 'number' || !Number.isFinite(r) || r < 0) throw new Error(`${who}: no valid radiusM for kind "${kind}" (got ${r}); give a number ≥ 0 per kind or one for all`);
    return r;
  };

  // the points each compound leaves from: its gates, else its outer boundary's vertices
  const n = compounds.length;
  const { points, start, gated } = compoundExitPoints(compounds, who);
  const from = attachPoints(network, points);
  const { lon0, lat0, kx, ky } = network.projection;
  const px = new Float64Array(points.length), py = new Float64Array(points.length);
  points.forEach((p, i) => { px[i] = (p[0] - lon0) * kx; py[i] = (p[1] - lat0) * ky; });

  const byKind = new Map<string, Position[]>();
  for (const f of facilities) {
    const list = byKind.get(f.properties.kind);
    if (list) list.push(f.geometry.coordinates);
    else byKind.set(f.properties.kind, [f.geometry.coordinates]);
  }

  const result: KindAccess[] = kinds.map((kind) => {
    const r = radius(kind);
    const networkM = new Float64Array(n).fill(Infinity);
    const straightM = new Float64Array(n).fill(Infinity);
    const within = new Uint8Array(n);
    const sites = byKind.get(kind) ?? [];
    if (sites.length > 0) {
      const d = nearestByNetwork(network, attachPoints(network, sites), from);
      const index = new Flatbush(sites.length);
      const sx = new Float64Array(sites.length), sy = new Float64Array(sites.length);
      sites.forEach((p, i) => {
        sx[i] = (p[0] - lon0) * kx;
        sy[i] = (p[1] - lat0) * ky;
        index.add(sx[i], sy[i], sx[i], sy[i]);
      });
      index.finish();
      for (let i = 0; i < n; i++) {
        let best = Infinity, line = Infinity;
        for (let k = start[i]; k < start[i + 1]; k++) {
          if (d[k] < best) best = d[k];
          const j = index.neighbors(px[k], py[k], 1)[0];
          const s = Math.hypot(sx[j] - px[k], sy[j] - py[k]);
          if (s < line) line = s;
        }
        networkM[i] = best;
        straightM[i] = line;
        within[i] = best <= r ? 1 : 0;
      }
    }
    return { kind, radiusM: r, networkM, straightM, within };
  });
  return { kinds: result, gated };
}

export interface ExitPoints {
  /** every compound's exit points, compound i's at start[i] … start[i + 1] */
  points: Position[];
  start: Uint32Array;
  /** per compound: 1 when it has gates, 0 when its outer-ring vertices stand in for them */
  gated: Uint8Array;
}

/**
 * The points each compound leaves from: its gates, else every vertex of its outer ring(s) (the
 * closing position once). compoundAccess, the location search (coverage.ts) and the reach answer
 * all measure from these, so they agree on who is within a radius. `who` names the caller in errors.
 */
export function compoundExitPoints(compounds: CompoundFeature[], who = 'compoundExitPoints'): ExitPoints {
  if (!Array.isArray(compounds)) throw new Error(`${who}: compounds must be an array of Polygon features`);
  const n = compounds.length;
  const gated = new Uint8Array(n);
  const start = new Uint32Array(n + 1);
  const points: Position[] = [];
  compounds.forEach((c, i) => {
    if (!c || c.type !== 'Feature' || (c.geometry?.type !== 'Polygon' && c.geometry?.type !== 'MultiPolygon')) {
      throw new Error(`${who}: compound ${i} is not a Polygon or MultiPolygon feature`);
    }
    const gates = c.properties?.gates;
    if (gates != null && !Array.isArray(gates)) throw new Error(`${who}: compound ${i} has gates that are not an array of [lon, lat]`);
    if (gates && gates.length > 0) {
      gated[i] = 1;
      points.push(...gates);
    } else {
      const outer = c.geometry.type === 'Polygon' ? [c.geometry.coordinates[0]] : c.geometry.coordinates.map((p) => p[0]);
      for (const ring of outer) {
        if (!Array.isArray(ring) || ring.length === 0) throw new Error(`${who}: compound ${i} has an empty ring`);
        const m = samePos(ring[0], ring[ring.length - 1]) ? ring.length - 1 : ring.length; // not the closing position twice
        for (let k = 0; k < m; k++) points.push(ring[k]);
      }
    }
    start[i + 1] = points.length;
  });
  return { points, start, gated };
}

/**
 * A binary min-heap of node ids keyed by dist[], with decrease-key: pos[] tells where a node sits
 * (-1 when it is not in the heap). Typed arrays, no allocation per push.
 */
class NodeHeap {
  ids: Uint32Array;
  pos: Int32Array;
  dist: Float64Array;
  size = 0;

  constructor(n: number, dist: Float64Array) {
    this.ids = new Uint32Array(n);
    this.pos = new Int32Array(n).fill(-1);
    this.dist = dist;
  }

  /** Sets dist[v] to d when that is lower, inserting v or moving it up. */
  lower(v: number, d: number): void {
    if (!(d < this.dist[v])) return;
    this.dist[v] = d;
    let i = this.pos[v];
    if (i === -1) i = this.size++;
    this.up(v, i);
  }

  pop(): number {
    const { ids, pos, dist } = this;
    const top = ids[0];
    pos[top] = -1;
    const last = ids[--this.size];
    if (this.size > 0) {
      // sift the last node down from the root
      const d = dist[last];
      const half = this.size >> 1;
      let i = 0;
      while (i < half) {
        let c = 2 * i + 1;
        if (c + 1 < this.size && dist[ids[c + 1]] < dist[ids[c]]) c++;
        if (dist[ids[c]] >= d) break;
        ids[i] = ids[c];
        pos[ids[i]] = i;
        i = c;
      }
      ids[i] = last;
      pos[last] = i;
    }
    return top;
  }

  private up(v: number, i: number): void {
    const { ids, pos, dist } = this;
    const d = dist[v];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (dist[ids[parent]] <= d) break;
      ids[i] = ids[parent];
      pos[ids[i]] = i;
      i = parent;
    }
    ids[i] = v;
    pos[v] = i;
  }
}

function checkAttachments(network: WalkNetwork, att: Attachments, who: string, what: string): void {
  if (!att || typeof att.count !== 'number' || !(att.a instanceof Uint32Array) || !(att.connector instanceof Float64Array)) {
    throw new Error(`${who}: ${what} must be attachments from attachPoints`);
  }
  for (let i = 0; i < att.count; i++) {
    if (att.a[i] >= network.n || att.b[i] >= network.n) throw new Error(`${who}: ${what} ${i} is attached to a node the network does not have (attached to another network?)`);
  }
}

function samePos(p: Position, q: Position): boolean {
  return p[0] === q[0] && p[1] === q[1];
}

export { NodeHeap };
