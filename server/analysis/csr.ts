// A neighbour graph in compressed sparse row form: the neighbours of node i are
// neighbours[offsets[i] .. offsets[i + 1]), sorted ascending, each undirected edge stored twice.
// Edge attributes (shared boundary, gap) are parallel arrays indexed like `neighbours`.

export interface Graph {
  n: number;
  offsets: Uint32Array; // length n + 1
  neighbours: Uint32Array; // length 2 × edges
  /** Length of boundary within tolerance shared with the neighbour (m); 0 when not measured. */
  shared: Float64Array;
  /** Smallest distance between the two boundaries (m); 0 when they touch. */
  gap: Float64Array;
}

export interface Edge {
  a: number;
  b: number;
  shared?: number;
  gap?: number;
}

/** Builds a CSR graph from undirected edges; self-loops and out-of-range ids are refused, duplicates merged. */
export function graphFromEdges(n: number, edges: Iterable<Edge>): Graph {
  if (!Number.isInteger(n) || n < 0) throw new Error(`graphFromEdges: n must be a non-negative integer, got ${n}`);
  const list: Edge[] = [];
  for (const e of edges) {
    if (!(e.a >= 0 && e.a < n && e.b >= 0 && e.b < n) || !Number.isInteger(e.a) || !Number.isInteger(e.b)) {
      throw new Error(`graphFromEdges: edge ${e.a}–${e.b} is outside 0…${n - 1}`);
    }
    if (e.a === e.b) throw new Error(`graphFromEdges: self-loop at ${e.a}`);
    list.push(e);
  }
  // Sort both directions by (from, to) so each row is ascending and duplicates are adjacent.
  const dir = new Float64Array(list.length * 2);
  const key = (from: number, to: number) => from * n + to;
  list.forEach((e, i) => {
    dir[2 * i] = key(e.a, e.b);
    dir[2 * i + 1] = key(e.b, e.a);
  });
  const order = Array.from(dir.keys()).sort((i, j) => dir[i] - dir[j]);
  const offsets = new Uint32Array(n + 1);
  const nb: number[] = [];
  const shared: number[] = [];
  const gap: number[] = [];
  let last = -1;
  for (const i of order) {
    const k = dir[i];
    const e = list[i >> 1];
    if (k === last) {
      // duplicate edge: keep the longest shared boundary and the smallest gap
      const j = nb.length - 1;
      shared[j] = Math.max(shared[j], e.shared ?? 0);
      gap[j] = Math.min(gap[j], e.gap ?? 0);
      continue;
    }
    last = k;
    const from = Math.floor(k / n);
    offsets[from + 1]++;
    nb.push(k - from * n);
    shared.push(e.shared ?? 0);
    gap.push(e.gap ?? 0);
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  return { n, offsets, neighbours: Uint32Array.from(nb), shared: Float64Array.from(shared), gap: Float64Array.from(gap) };
}

export function degree(g: Graph, i: number): number {
  return g.offsets[i + 1] - g.offsets[i];
}
