// The partition that max-p construction and local search share: region per area, members in
// doubly linked lists (O(1) moves), region weight and size, and the heterogeneity sums on it.
// Flat typed arrays only; no allocation after setup.

export const NONE = -1;

/** The problem as the solver sees it (validated by maxP). */
export interface Problem {
  n: number;
  k: number;
  /** attributes, n × k row-major */
  x: Float64Array;
  w: Float64Array;
  T: number;
  maxW: number;
  maxS: number;
  off: Uint32Array;
  nb: Uint32Array;
  /** 1 where the area may join a new region (active, not locked, not over maxWeight alone) */
  free: Uint8Array;
  /** all pairwise distances (n × n) when small enough: one load instead of k subtractions (the local search on mexico ran 20 % faster) */
  D: Float64Array | null;
}

/** Pairwise distances up to this many areas (8 MB); beyond, computed on the fly. */
const MATRIX_MAX_N = 1024;

export function distanceMatrix(x: Float64Array, n: number, k: number): Float64Array | null {
  if (n > MATRIX_MAX_N || k < 2) return null;
  const D = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const d = dist(x, k, a, b);
      D[a * n + b] = d;
      D[b * n + a] = d;
    }
  }
  return D;
}

/** Distance between areas a and b. */
export function distance(pb: Problem, a: number, b: number): number {
  return pb.D !== null ? pb.D[a * pb.n + b] : dist(pb.x, pb.k, a, b);
}

export interface State {
  label: Int32Array; // region 0…p-1, NONE when unassigned (construction also uses ENCLAVE and OUT)
  head: Int32Array; // first member of each region
  next: Int32Array;
  prev: Int32Array;
  rw: Float64Array; // region weight
  rs: Int32Array; // region size
  p: number;
  obj: number; // sum of within-region pairwise distances, kept incrementally
  // scratch for graph searches: a stamp per visit avoids clearing marks
  mark: Int32Array;
  stamp: number;
  stack: Int32Array;
}

export function newState(n: number): State {
  return {
    label: new Int32Array(n).fill(NONE), head: new Int32Array(n), next: new Int32Array(n), prev: new Int32Array(n),
    rw: new Float64Array(n), rs: new Int32Array(n), p: 0, obj: 0,
    mark: new Int32Array(n), stamp: 0, stack: new Int32Array(n),
  };
}

/** Starts region r empty. */
export function openRegion(st: State, r: number): void {
  st.head[r] = NONE;
  st.rw[r] = 0;
  st.rs[r] = 0;
}

export function addMember(st: State, a: number, r: number, wa: number): void {
  const h = st.head[r];
  st.next[a] = h;
  st.prev[a] = NONE;
  if (h !== NONE) st.prev[h] = a;
  st.head[r] = a;
  st.label[a] = r;
  st.rw[r] += wa;
  st.rs[r]++;
}

export function removeMember(st: State, a: number, wa: number): void {
  const r = st.label[a];
  const p = st.prev[a], q = st.next[a];
  if (p === NONE) st.head[r] = q;
  else st.next[p] = q;
  if (q !== NONE) st.prev[q] = p;
  st.label[a] = NONE;
  st.rw[r] -= wa;
  st.rs[r]--;
}

/** Rebuilds lists, weights and objective from labels (regions must be 0…p-1). */
export function loadLabels(pb: Problem, st: State, labels: Int32Array, p: number, obj: number): void {
  for (let r = 0; r < p; r++) openRegion(st, r);
  st.label.fill(NONE);
  for (let i = pb.n - 1; i >= 0; i--) if (labels[i] >= 0) addMember(st, i, labels[i], pb.w[i]);
  st.p = p;
  st.obj = obj;
}

export function dist(x: Float64Array, k: number, a: number, b: number): number {
  let s = 0;
  const ia = a * k, ib = b * k;
  for (let t = 0; t < k; t++) s += Math.abs(x[ia + t] - x[ib + t]);
  return s;
}

/** Sum of distances from area a to the members of region r, a itself excluded: what a adds to (or takes from) r. */
export function costTo(pb: Problem, st: State, a: number, r: number): number {
  const { x, k, D } = pb;
  const next = st.next;
  let s = 0;
  if (D !== null) {
    const row = a * pb.n;
    for (let j = st.head[r]; j !== NONE; j = next[j]) s += D[row + j]; // D[a, a] = 0
  } else {
    for (let j = st.head[r]; j !== NONE; j = next[j]) if (j !== a) s += dist(x, k, a, j);
  }
  return s;
}

export function hasNeighbourIn(pb: Problem, label: Int32Array, i: number, r: number, except: number): boolean {
  for (let e = pb.off[i]; e < pb.off[i + 1]; e++) {
    const j = pb.nb[e];
    if (j !== except && label[j] === r) return true;
  }
  return false;
}

/**
 * Whether region r stays connected without its member a. Searches from one neighbour of a only
 * until all of a's neighbours in r are reached: then every member still reaches one of them.
 */
export function staysConnected(pb: Problem, st: State, a: number, r: number): boolean {
  const { off, nb } = pb;
  const { label, mark, stack } = st;
  let need = 0;
  let start = NONE;
  for (let e = off[a]; e < off[a + 1]; e++) {
    if (label[nb[e]] === r) {
      need++;
      start = nb[e];
    }
  }
  if (need <= 1) return true; // a leaf never disconnects its region
  const stamp = ++st.stamp;
  for (let e = off[a]; e < off[a + 1]; e++) if (label[nb[e]] === r) mark[nb[e]] = -stamp; // targets
  let sp = 0;
  stack[sp++] = start;
  mark[start] = stamp;
  mark[a] = stamp;
  let found = 1;
  while (sp > 0) {
    const i = stack[--sp];
    for (let e = off[i]; e < off[i + 1]; e++) {
      const j = nb[e];
      if (label[j] !== r || mark[j] === stamp) continue;
      if (mark[j] === -stamp && ++found === need) return true;
      mark[j] = stamp;
      stack[sp++] = j;
    }
  }
  return false;
}

/** Whether region r stays connected when its member out is replaced by the outside area inn. */
export function connectedAfterSwap(pb: Problem, st: State, r: number, out: number, inn: number): boolean {
  const { off, nb } = pb;
  const { label, mark, stack } = st;
  const stamp = ++st.stamp;
  let sp = 0;
  stack[sp++] = inn;
  mark[inn] = stamp;
  mark[out] = stamp;
  let reached = 1;
  while (sp > 0) {
    const i = stack[--sp];
    for (let e = off[i]; e < off[i + 1]; e++) {
      const j = nb[e];
      if (label[j] !== r || mark[j] === stamp) continue;
      mark[j] = stamp;
      reached++;
      stack[sp++] = j;
    }
  }
  return reached === st.rs[r];
}

export function shuffle(a: Int32Array, len: number, rnd: () => number): void {
  for (let i = len - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
