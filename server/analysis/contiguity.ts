// Exact polygon contiguity as PySAL libpysal defines it: queen neighbours share at least one
// vertex, rook neighbours share at least one edge (two consecutive vertices, in either
// direction). Vertices are compared by exact coordinate equality, as libpysal's vertex hashing
// does; every ring counts (holes too), so does every part of a MultiPolygon.
//
// One pass over the vertices with an open-addressing hash table: each distinct vertex (or edge)
// keeps the list of features that have it, and a feature arriving at a key is linked with every
// feature already listed there. No pairwise comparison of polygons.
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { graphFromEdges, type Edge, type Graph } from './csr.ts';

export type ContiguityMode = 'queen' | 'rook';

// scratch for reading the bits of a coordinate
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function hashXY(x: number, y: number): number {
  f64[0] = x;
  let h = Math.imul(u32[0] ^ Math.imul(u32[1], 0x27d4eb2f), 0x9e3779b1);
  f64[0] = y;
  h = Math.imul(h ^ u32[0], 0x85ebca6b) ^ Math.imul(u32[1], 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/** The polygons of feature i (one for a Polygon), each a list of rings, validated; `who` names the caller in errors. */
export function polygonParts(f: Feature<Polygon | MultiPolygon> | null | undefined, i: number, who: string): Position[][][] {
  if (!f || typeof f !== 'object' || f.type !== 'Feature') throw new Error(`${who}: item ${i} is not a GeoJSON Feature`);
  const g = f.geometry;
  if (!g) throw new Error(`${who}: feature ${i} has no geometry`);
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    throw new Error(`${who}: feature ${i} is a ${(g as { type: string }).type}; expected Polygon or MultiPolygon`);
  }
  if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) throw new Error(`${who}: feature ${i} has an empty geometry`);
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][];
  for (const poly of polys) {
    if (!Array.isArray(poly) || poly.length === 0) throw new Error(`${who}: feature ${i} has an empty polygon`);
    for (const ring of poly) {
      if (!Array.isArray(ring) || ring.length < 3) throw new Error(`${who}: feature ${i} has a ring with fewer than 3 positions`);
      for (const p of ring) {
        if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
          throw new Error(`${who}: feature ${i} has an invalid position ${JSON.stringify(p)}`);
        }
      }
    }
  }
  return polys;
}

/**
 * Contiguity graph of polygons: node i is features[i]; an edge joins two features that share a
 * vertex (queen) or an edge (rook), by exact coordinate equality. Edge attributes are left 0.
 */
export function polygonContiguity(features: Feature<Polygon | MultiPolygon>[], mode: ContiguityMode): Graph {
  const who = 'polygonContiguity';
  if (!Array.isArray(features)) throw new Error(`${who}: features must be an array of Polygon or MultiPolygon features`);
  if (mode !== 'queen' && mode !== 'rook') throw new Error(`${who}: mode must be 'queen' or 'rook', got ${JSON.stringify(mode)}`);
  const n = features.length;
  const ringsOf = features.map((f, i) => polygonParts(f, i, who).flat());
  let total = 0;
  for (const rings of ringsOf) for (const r of rings) total += r.length + 1;

  // distinct vertices: open addressing on (x, y)
  const vCap = nextPow2(total * 2);
  const vMask = vCap - 1;
  const vx = new Float64Array(vCap);
  const vy = new Float64Array(vCap);
  const vUsed = new Uint8Array(vCap);

  // keys (vertex slots for queen, edge slots for rook) → list of features having them
  const rook = mode === 'rook';
  const kCap = rook ? vCap : 0;
  const kMask = kCap - 1;
  const ka = rook ? new Int32Array(kCap) : null; // edge endpoints (vertex slots), a < b
  const kb = rook ? new Int32Array(kCap).fill(-1) : null;
  const head = new Int32Array(vCap).fill(-1); // first list entry per key slot
  const entryFeature = new Uint32Array(total);
  const entryNext = new Int32Array(total);
  let entries = 0;

  // stamp[g] === f: the pair (g, f) is already emitted while processing f
  const stamp = new Int32Array(n).fill(-1);
  const edges: Edge[] = [];

  const vertexSlot = (x: number, y: number): number => {
    x += 0; // -0 and 0 are the same coordinate
    y += 0;
    let k = hashXY(x, y) & vMask;
    while (vUsed[k]) {
      if (vx[k] === x && vy[k] === y) return k;
      k = (k + 1) & vMask;
    }
    vUsed[k] = 1;
    vx[k] = x;
    vy[k] = y;
    return k;
  };

  const edgeSlot = (p: number, q: number): number => {
    const a = p < q ? p : q;
    const b = p < q ? q : p;
    let k = hashPair(a, b) & kMask;
    while (kb![k] !== -1) {
      if (ka![k] === a && kb![k] === b) return k;
      k = (k + 1) & kMask;
    }
    ka![k] = a;
    kb![k] = b;
    return k;
  };

  const addKey = (k: number, f: number) => {
    const h = head[k];
    if (h !== -1 && entryFeature[h] === f) return; // this feature already listed here (features arrive in order)
    for (let e = h; e !== -1; e = entryNext[e]) {
      const g = entryFeature[e];
      if (stamp[g] !== f) {
        stamp[g] = f;
        edges.push({ a: g, b: f });
      }
    }
    entryFeature[entries] = f;
    entryNext[entries] = h;
    head[k] = entries++;
  };

  for (let f = 0; f < n; f++) {
    for (const ring of ringsOf[f]) {
      const m = ring.length;
      if (!rook) {
        for (let j = 0; j < m; j++) addKey(vertexSlot(ring[j][0], ring[j][1]), f);
        continue;
      }
      const first = vertexSlot(ring[0][0], ring[0][1]);
      let prev = first;
      for (let j = 1; j <= m; j++) {
        // j === m closes the ring if its last position does not repeat the first
        const cur = j < m ? vertexSlot(ring[j][0], ring[j][1]) : first;
        if (cur !== prev) addKey(edgeSlot(prev, cur), f);
        prev = cur;
      }
    }
  }
  return graphFromEdges(n, edges);
}

function nextPow2(x: number): number {
  let p = 16;
  while (p < x) p *= 2;
  return p;
}
