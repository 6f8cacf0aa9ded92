// Sewer tracing (issue 5 §5): from a clicked gravity pipe, where its flow goes (downstream, to the
// outfall) and what drains into it (upstream, its catchment). Pure: the caller supplies the pipes
// and water bodies; nothing here reads the store.
//
// Flow direction. The model has no invert elevations, so it follows the SWMM / EPANET convention:
// a gravity line (sewer, storm, combined) is digitised in the direction of flow, from its start
// to its end (server/domain/model.ts, PipeProps).
//
// The graph. Nodes are pipe ends (manholes); ends closer than `snapM` are one node. An end that
// lies within `snapM` of another pipe's interior joins the nearest such pipe there (laterals
// entering a main through a wye), provided no flow passes through it (pipes only end there, or
// only start): the main is cut into pieces at that point, so flow entering half-way along it
// travels only the rest of it. A node with pipes in and out is a manhole of its own and joins
// nothing it merely passes near. Lines that cross with no shared node pass over or under each other.
//
// Two systems, never joined: foul (sewer and combined: combined pipes carry sewage, which must reach
// the sewage network and the treatment plant; a combined lateral into a sewer main is a connection)
// and storm (rain water, to its own outfalls). A combined pipe that ends on a storm drain is
// therefore a dead end here, which is what it is for the sewage: it reaches no treatment.
//
// Outfalls. A node that pipes flow into and none flows out of is an outfall when it lies within
// `outfallMaxM` of a river or lake (a discharge point, or a treatment plant on the bank); elsewhere
// it is a dead end, which the trace reports, as it does a loop (flow that comes back to where it was).
import Flatbush from 'flatbush';
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { PipeKind, PipeProps } from '../domain/model.ts';
import { emptyBBox, extendBBox } from './bbox.ts';
import { pointSegment, projectionAbout } from './geo.ts';
import { ringLineDistance } from './pipes.ts';

export const GRAVITY_KINDS: readonly PipeKind[] = ['sewer', 'combined', 'storm'];
export type GravitySystem = 'foul' | 'storm';

export function systemOf(kind: PipeKind): GravitySystem | null {
  return kind === 'storm' ? 'storm' : kind === 'sewer' || kind === 'combined' ? 'foul' : null;
}

export interface GravityNetworkInput {
  pipes: Feature<LineString, PipeProps>[];
  /** Rivers and lakes: a terminal node this close to one is an outfall. */
  water: (Polygon | MultiPolygon)[];
  /** Pipe ends closer than this are one node, and an end this close to another pipe joins it (m). */
  snapM: number;
  /** A terminal node within this distance of water is an outfall (m). */
  outfallMaxM: number;
}

interface Piece {
  pipe: number;
  from: number;
  to: number;
  lengthM: number;
}

export interface GravityNetwork {
  /** The gravity pipes, in input order (other kinds are left out). */
  pipes: Feature<LineString, PipeProps>[];
  /** Node positions: the first pipe end (or junction point) that made the node, lon/lat. */
  nodes: Position[];
  pieces: Piece[];
  /** Pieces of each pipe, in flow order. */
  piecesOf: number[][];
  /** Pieces leaving and entering each node. */
  out: number[][];
  in: number[][];
  /** Terminal nodes near water. */
  outfall: boolean[];
  byId: Map<string, number>;
}

export interface TraceResult {
  pipe: { id: string; kind: PipeKind; lengthM: number };
  /** Pipes the flow passes through after the clicked one, in the order reached; the clicked pipe is not listed. */
  downstream: { pipes: string[]; lengthM: number; outfalls: Position[] };
  /** Pipes whose flow reaches the clicked one (its catchment); the clicked pipe is not listed. */
  upstream: { pipes: string[]; lengthM: number };
  /** Inconsistent flow directions met on the way, in Chinese and English. */
  warnings: { zh: string; en: string }[];
}

/** Builds the node–piece graph of the gravity pipes (both systems, kept apart). */
export function buildGravityNetwork(input: GravityNetworkInput): GravityNetwork {
  const { snapM, outfallMaxM } = input;
  if (!(snapM >= 0)) throw new Error(`buildGravityNetwork: snapM must be ≥ 0, got ${snapM}`);
  if (!(outfallMaxM >= 0)) throw new Error(`buildGravityNetwork: outfallMaxM must be ≥ 0, got ${outfallMaxM}`);
  const pipes = input.pipes.filter((p) => systemOf(p.properties.kind) !== null);
  const byId = new Map<string, number>();
  pipes.forEach((p, i) => {
    if (byId.has(p.properties.id)) throw new Error(`buildGravityNetwork: pipe id ${p.properties.id} appears twice`);
    byId.set(p.properties.id, i);
  });
  const empty: GravityNetwork = { pipes, nodes: [], pieces: [], piecesOf: pipes.map(() => []), out: [], in: [], outfall: [], byId };
  if (!pipes.length) return empty;

  const b = emptyBBox();
  for (const p of pipes) for (const q of p.geometry.coordinates) extendBBox(b, q[0], q[1]);
  const { lon0, lat0, kx, ky } = projectionAbout(b);
  const xy = pipes.map((p) => p.geometry.coordinates.flatMap((q) => [(q[0] - lon0) * kx, (q[1] - lat0) * ky]));
  const sys = pipes.map((p) => systemOf(p.properties.kind)!);

  // ---- ends → nodes: union–find over ends of one system closer than snapM ----
  const nEnds = 2 * pipes.length; // end 2i: start of pipe i, 2i + 1: its end
  const endX = new Float64Array(nEnds), endY = new Float64Array(nEnds);
  xy.forEach((c, i) => {
    endX[2 * i] = c[0]; endY[2 * i] = c[1];
    endX[2 * i + 1] = c[c.length - 2]; endY[2 * i + 1] = c[c.length - 1];
  });
  const parent = Int32Array.from({ length: nEnds }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const endIndex = new Flatbush(nEnds);
  for (let e = 0; e < nEnds; e++) endIndex.add(endX[e], endY[e], endX[e], endY[e]);
  endIndex.finish();
  for (let e = 0; e < nEnds; e++) {
    for (const f of endIndex.search(endX[e] - snapM, endY[e] - snapM, endX[e] + snapM, endY[e] + snapM)) {
      if (f <= e || sys[f >> 1] !== sys[e >> 1]) continue;
      if (Math.hypot(endX[f] - endX[e], endY[f] - endY[e]) <= snapM) {
        const a = find(e), c = find(f);
        if (a !== c) parent[Math.max(a, c)] = Math.min(a, c);
      }
    }
  }
  const nodeOfRoot = new Map<number, number>();
  const nodes: Position[] = [];
  const nodeX: number[] = [], nodeY: number[] = [], nodeSys: GravitySystem[] = [];
  const endNode = new Int32Array(nEnds);
  for (let e = 0; e < nEnds; e++) {
    const r = find(e);
    let n = nodeOfRoot.get(r);
    if (n === undefined) {
      n = nodes.length;
      nodeOfRoot.set(r, n);
      const c = pipes[r >> 1].geometry.coordinates;
      nodes.push(r % 2 === 0 ? c[0] : c[c.length - 1]);
      nodeX.push(endX[r]); nodeY.push(endY[r]); nodeSys.push(sys[r >> 1]);
    }
    endNode[e] = n;
  }

  // ---- nodes on another pipe's interior: cut that pipe there ----
  const segOwner: number[] = [], segStart: number[] = [], segFrom: number[] = []; // pipe, vertex index, arc length at the vertex
  const arc = xy.map((c) => {
    const s = [0];
    for (let j = 2; j < c.length; j += 2) s.push(s[s.length - 1] + Math.hypot(c[j] - c[j - 2], c[j + 1] - c[j - 1]));
    return s;
  });
  const segIndex = new Flatbush(Math.max(1, xy.reduce((n, c) => n + c.length / 2 - 1, 0)));
  xy.forEach((c, i) => {
    for (let j = 0; j + 3 < c.length; j += 2) {
      segIndex.add(Math.min(c[j], c[j + 2]), Math.min(c[j + 1], c[j + 3]), Math.max(c[j], c[j + 2]), Math.max(c[j + 1], c[j + 3]));
      segOwner.push(i); segStart.push(j); segFrom.push(arc[i][j / 2]);
    }
  });
  if (!segOwner.length) segIndex.add(0, 0, 0, 0);
  segIndex.finish();
  const cuts: { s: number; node: number }[][] = pipes.map(() => []);
  // Only ends where no flow passes through (pipes only end there, or only start) join a pipe they
  // touch: a node with flow in and out is a manhole of its own, whatever runs past it.
  const starts = new Int32Array(nodes.length), stops = new Int32Array(nodes.length);
  for (let i = 0; i < pipes.length; i++) { starts[endNode[2 * i]]++; stops[endNode[2 * i + 1]]++; }
  for (let n = 0; n < nodes.length; n++) {
    if (starts[n] && stops[n]) continue;
    const x = nodeX[n], y = nodeY[n];
    const best = new Map<number, { d: number; s: number }>(); // nearest point of each pipe within snapM
    for (const k of segIndex.search(x - snapM, y - snapM, x + snapM, y + snapM)) {
      if (k >= segOwner.length) continue;
      const i = segOwner[k];
      if (sys[i] !== nodeSys[n] || endNode[2 * i] === n || endNode[2 * i + 1] === n) continue;
      const c = xy[i], j = segStart[k];
      const d = pointSegment(x, y, c[j], c[j + 1], c[j + 2], c[j + 3]);
      if (d > snapM) continue;
      const dx = c[j + 2] - c[j], dy = c[j + 3] - c[j + 1];
      const l2 = dx * dx + dy * dy;
      const t = l2 ? Math.max(0, Math.min(1, ((x - c[j]) * dx + (y - c[j + 1]) * dy) / l2)) : 0;
      const s = segFrom[k] + t * Math.sqrt(l2);
      const prev = best.get(i);
      if (!prev || d < prev.d) best.set(i, { d, s });
    }
    // a lateral enters one pipe: the nearest (a junction's stubs may pass within snapM of it too)
    let pick: [number, { d: number; s: number }] | null = null;
    for (const e of best) if (!pick || e[1].d < pick[1].d) pick = e;
    if (pick) {
      const [i, { s }] = pick;
      if (s > 0 && s < arc[i][arc[i].length - 1]) cuts[i].push({ s, node: n });
    }
  }

  // ---- pieces, in flow (digitised) order ----
  const pieces: Piece[] = [];
  const piecesOf: number[][] = pipes.map(() => []);
  const out: number[][] = nodes.map(() => []);
  const inn: number[][] = nodes.map(() => []);
  pipes.forEach((_, i) => {
    const len = arc[i][arc[i].length - 1];
    const stops = [{ s: 0, node: endNode[2 * i] }, ...cuts[i].sort((a, c) => a.s - c.s), { s: len, node: endNode[2 * i + 1] }];
    for (let k = 0; k + 1 < stops.length; k++) {
      const a = stops[k], c = stops[k + 1];
      if (a.node === c.node) continue; // both ends snapped together: no flow between nodes
      const p = pieces.length;
      pieces.push({ pipe: i, from: a.node, to: c.node, lengthM: c.s - a.s });
      piecesOf[i].push(p);
      out[a.node].push(p);
      inn[c.node].push(p);
    }
  });

  // ---- outfalls: terminal nodes near water ----
  const waterSegs: number[] = [];
  const waterRings: number[][] = [];
  for (const g of input.water) {
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const poly of polys) {
      for (const ring of poly) {
        const r = ring.flatMap((q) => [(q[0] - lon0) * kx, (q[1] - lat0) * ky]);
        waterRings.push(r);
        for (let j = 0; j + 3 < r.length; j += 2) waterSegs.push(r[j], r[j + 1], r[j + 2], r[j + 3]);
      }
    }
  }
  const inWater = (x: number, y: number) => {
    // even–odd over all rings: a point in a lake's island is outside
    let odd = false;
    for (const r of waterRings) {
      for (let j = 0; j + 3 < r.length; j += 2) {
        const ay = r[j + 1], by = r[j + 3];
        if (ay > y !== by > y && x < r[j] + ((y - ay) * (r[j + 2] - r[j])) / (by - ay)) odd = !odd;
      }
    }
    return odd;
  };
  const nearWater = (x: number, y: number) => {
    if (inWater(x, y)) return true;
    for (let j = 0; j < waterSegs.length; j += 4) if (pointSegment(x, y, waterSegs[j], waterSegs[j + 1], waterSegs[j + 2], waterSegs[j + 3]) <= outfallMaxM) return true;
    return false;
  };
  const outfall = nodes.map((_, n) => inn[n].length > 0 && out[n].length === 0 && nearWater(nodeX[n], nodeY[n]));

  return { pipes, nodes, pieces, piecesOf, out, in: inn, outfall, byId };
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const at = (p: Position) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;
const listed = (ids: string[]) => (ids.length > 4 ? `${ids.slice(0, 4).join('、')} 等 ${ids.length} 条` : ids.join('、'));
const listedEn = (ids: string[]) => (ids.length > 4 ? `${ids.slice(0, 4).join(', ')} and ${ids.length - 4} more` : ids.join(', '));

/**
 * Traces from one pipe. Returns undefined for an unknown id (or a pipe that is not a gravity pipe:
 * check the kind first to tell the two apart).
 */
export function traceSewer(net: GravityNetwork, pipeId: string, outfallMaxM: number): TraceResult | undefined {
  const i = net.byId.get(pipeId);
  if (i === undefined) return undefined;
  const own = net.piecesOf[i];
  const pipe = net.pipes[i];
  const ownLength = own.reduce((s, p) => s + net.pieces[p].lengthM, 0);
  const warnings: TraceResult['warnings'] = [];

  // Breadth-first over pieces; `next` gives the pieces after a node (out) or before it (in).
  function walk(seeds: number[], forward: boolean) {
    const seen = new Set<number>(own);
    const nodesSeen = new Set<number>(seeds);
    const order: number[] = [];
    const queue = [...seeds];
    for (let head = 0; head < queue.length; head++) {
      const n = queue[head];
      for (const p of forward ? net.out[n] : net.in[n]) {
        if (seen.has(p)) continue;
        seen.add(p);
        order.push(p);
        const m = forward ? net.pieces[p].to : net.pieces[p].from;
        if (!nodesSeen.has(m)) {
          nodesSeen.add(m);
          queue.push(m);
        }
      }
    }
    return { order, nodes: nodesSeen };
  }

  const seedsDown = own.map((p) => net.pieces[p].to);
  const seedsUp = own.map((p) => net.pieces[p].from);
  const down = walk(seedsDown, true);
  const up = walk(seedsUp, false);

  const idsOf = (order: number[]) => [...new Set(order.map((p) => net.pieces[p].pipe))].filter((k) => k !== i).map((k) => net.pipes[k].properties.id);
  const lengthOf = (order: number[]) => order.reduce((s, p) => s + (net.pieces[p].pipe === i ? 0 : net.pieces[p].lengthM), 0);

  // Dead ends downstream: terminal nodes away from water.
  const outfalls: Position[] = [];
  const end = own.length ? net.pieces[own[own.length - 1]].to : -1;
  for (const n of down.nodes) {
    if (net.out[n].length) continue;
    if (net.outfall[n]) outfalls.push(net.nodes[n]);
    else {
      const into = [...new Set(net.in[n].map((p) => net.pipes[net.pieces[p].pipe].properties.id))];
      const self = n === end ? '（即本管末端）' : '';
      warnings.push({
        zh: `流向不一致：${at(net.nodes[n])}${self} 处只进不出（${listed(into)} 流入），且不在河湖 ${outfallMaxM} m 内，不是排放口；可能有管线画反了方向或缺少下游管段`,
        en: `inconsistent flow direction: at ${at(net.nodes[n])}${n === end ? ' (this pipe\'s end)' : ''} pipes flow in (${listedEn(into)}) and none flows out, and it is not within ${outfallMaxM} m of a river or lake, so not an outfall; a pipe may be digitised against the flow, or a downstream pipe is missing`,
      });
    }
  }
  if (!own.length) {
    warnings.push({ zh: `管线 ${pipeId} 首尾落在同一节点上，无法判断流向`, en: `pipe ${pipeId} starts and ends at the same node: no flow direction` });
  }

  // Loops: a directed cycle among the traced pieces (and the clicked pipe's own) means flow comes back.
  for (const [order, label, labelEn] of [[down.order, '下游', 'downstream'], [up.order, '上游', 'upstream']] as const) {
    const cyc = cycleIn(net, [...own, ...order]);
    if (cyc.length) {
      const ids = [...new Set(cyc.map((p) => net.pipes[net.pieces[p].pipe].properties.id))];
      warnings.push({
        zh: `流向不一致：${label}有环路（${listed(ids)} 首尾相接成圈），水流会回到原处；请检查这些管线的方向`,
        en: `inconsistent flow direction: a loop ${labelEn} (${listedEn(ids)} run head to tail in a circle), so the flow would come back; check their directions`,
      });
    }
  }

  return {
    pipe: { id: pipeId, kind: pipe.properties.kind, lengthM: r1(ownLength) },
    downstream: { pipes: idsOf(down.order), lengthM: r1(lengthOf(down.order)), outfalls },
    upstream: { pipes: idsOf(up.order), lengthM: r1(lengthOf(up.order)) },
    warnings,
  };
}

/** Pieces on directed cycles within the given pieces: what is left after peeling off, again and
 * again, pieces that start where nothing enters and pieces that end where nothing leaves. */
function cycleIn(net: GravityNetwork, pieceIds: number[]): number[] {
  const left = new Set(pieceIds);
  const inDeg = new Map<number, number>(), outDeg = new Map<number, number>();
  const bump = (m: Map<number, number>, n: number, d: number) => m.set(n, (m.get(n) ?? 0) + d);
  for (const p of left) { bump(outDeg, net.pieces[p].from, 1); bump(inDeg, net.pieces[p].to, 1); }
  const queue: number[] = [];
  for (const p of left) if (!inDeg.get(net.pieces[p].from) || !outDeg.get(net.pieces[p].to)) queue.push(p);
  while (queue.length) {
    const p = queue.pop()!;
    if (!left.delete(p)) continue;
    const { from, to } = net.pieces[p];
    bump(outDeg, from, -1);
    bump(inDeg, to, -1);
    if (!inDeg.get(to)) for (const q of net.out[to]) if (left.has(q)) queue.push(q);
    if (!outDeg.get(from)) for (const q of net.in[from]) if (left.has(q)) queue.push(q);
  }
  return [...left];
}

/**
 * The compounds a set of pipes serves: those whose wall lies within `maxM` of one of them, or that
 * one runs inside. Returns their indices in `compounds`, in order.
 */
export function compoundsNear(compounds: Feature<Polygon>[], pipes: Feature<LineString>[], maxM: number): number[] {
  if (!compounds.length || !pipes.length) return [];
  const b = emptyBBox();
  for (const p of pipes) for (const q of p.geometry.coordinates) extendBBox(b, q[0], q[1]);
  const { lon0, lat0, kx, ky } = projectionAbout(b);
  const xy = (pts: Position[]) => pts.flatMap((q) => [(q[0] - lon0) * kx, (q[1] - lat0) * ky]);
  const lines = pipes.map((p) => xy(p.geometry.coordinates));
  const index = new Flatbush(lines.length);
  for (const l of lines) {
    const lb = emptyBBox();
    for (let j = 0; j < l.length; j += 2) extendBBox(lb, l[j], l[j + 1]);
    index.add(lb[0], lb[1], lb[2], lb[3]);
  }
  index.finish();
  const out: number[] = [];
  compounds.forEach((c, k) => {
    const ring = xy(c.geometry.coordinates[0]);
    const rb = emptyBBox();
    for (let j = 0; j < ring.length; j += 2) extendBBox(rb, ring[j], ring[j + 1]);
    const inRing = (x: number, y: number) => {
      let odd = false;
      for (let j = 0; j + 3 < ring.length; j += 2) {
        const ay = ring[j + 1], by = ring[j + 3];
        if (ay > y !== by > y && x < ring[j] + ((y - ay) * (ring[j + 2] - ring[j])) / (by - ay)) odd = !odd;
      }
      return odd;
    };
    const hit = index.search(rb[0] - maxM, rb[1] - maxM, rb[2] + maxM, rb[3] + maxM).some((i) =>
      ringLineDistance(ring, lines[i]) <= maxM || inRing(lines[i][0], lines[i][1]));
    if (hit) out.push(k);
  });
  return out;
}
