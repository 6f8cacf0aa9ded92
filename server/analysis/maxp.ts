// Max-p regionalization (Duque, Anselin & Rey 2012): the most contiguous regions whose total weight
// reaches a threshold, then the least within-region heterogeneity. Many cheap seeded constructions
// keep the highest p (ties: lowest objective), then a local search of single-area moves and swaps
// lowers the heterogeneity at that p. Typed arrays over a CSR graph throughout.
import type { Graph } from './csr.ts';
import { OUT, RULES, assignEnclaves, construct, newBuilder, pBound, type Rule } from './maxpConstruct.ts';
import { localSearch } from './maxpSearch.ts';
import { NONE, dist, distanceMatrix, loadLabels, newState, type Problem } from './maxpState.ts';
import { mulberry32 } from './random.ts';

export interface MaxPInput {
  graph: Graph;
  /** Threshold attribute per area (households, count); finite and ≥ 0. */
  weight: Float64Array;
  /** A region's total weight must be ≥ threshold (> 0). */
  threshold: number;
  /** Heterogeneity attributes, n × k row-major. */
  attrs: Float64Array;
  k: number;
  /** PRNG seed: the same input and seed give the same result. Default 0. */
  seed?: number;
  /** Randomized constructions; the best (highest p, then lowest objective) is improved. Default 99, as spopt. */
  constructions?: number;
  /**
   * Local search budget in area examinations (one weighs every move and swap of one area); 0 skips
   * the search. Default 100 × n; it also stops after 20 × n examinations without improvement.
   */
  moves?: number;
  /** Caps on a region's total weight and member count. */
  maxWeight?: number;
  maxSize?: number;
  /** Region id per area for locked regions (≥ 0), -1 for free areas. Locked regions keep their members and take no others. */
  fixed?: Int32Array;
  /** 1 where an area may take part in a region, 0 to leave it out. Locked areas keep their region regardless. */
  active?: Uint8Array;
}

export interface MaxPResult {
  /** Region id per area, -1 unassigned. Locked areas keep their id; new regions are numbered after the largest locked id, in order of their first area. */
  labels: Int32Array;
  /** Number of regions, locked ones included. */
  p: number;
  /** Sum over regions of the L1 attribute distance over unordered member pairs (locked regions included). */
  objective: number;
  /** Active, unlocked areas in no region: their group cannot reach the threshold, or the caps keep them out. */
  unassigned: number;
  ms: number;
}

/** Knobs for benchmarks and experiments; the defaults are the settings the bench measured best. */
export interface MaxPTuning {
  /** construction rules, cycled through (default RULES, see maxpConstruct.ts) */
  rules?: Rule[];
  /** once p meets its upper bound, stop constructing after this many constructions (default 3) */
  minRuns?: number;
  /** local search: weigh swaps as well as single moves (default true) */
  swaps?: boolean;
  /** local search: random moves that start each round (default 8) */
  kicks?: number;
  /** local search: stop after patience × n examinations without improvement (default 20) */
  patience?: number;
}

function checkInput(input: MaxPInput): void {
  const { graph, weight, threshold, attrs, k } = input;
  const n = graph?.n;
  if (!graph || !(graph.offsets instanceof Uint32Array) || graph.offsets.length !== n + 1 || !(graph.neighbours instanceof Uint32Array)) {
    throw new Error('maxP: graph must be a CSR Graph (see csr.ts)');
  }
  const { offsets, neighbours } = graph;
  if (offsets[0] !== 0 || offsets[n] !== neighbours.length) throw new Error('maxP: graph offsets do not span its neighbours');
  for (let i = 0; i < n; i++) {
    if (offsets[i + 1] < offsets[i]) throw new Error(`maxP: graph offsets decrease at ${i}`);
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (neighbours[e] >= n || neighbours[e] === i) throw new Error(`maxP: graph row ${i} has neighbour ${neighbours[e]}`);
    }
  }
  if (!(weight instanceof Float64Array) || weight.length !== n) throw new Error(`maxP: weight must be a Float64Array of length n = ${n}`);
  for (let i = 0; i < n; i++) if (!(weight[i] >= 0 && weight[i] < Infinity)) throw new Error(`maxP: weight[${i}] = ${weight[i]}; weights must be finite and ≥ 0`);
  if (!(threshold > 0 && threshold < Infinity)) throw new Error(`maxP: threshold must be a positive finite number, got ${threshold}`);
  if (!Number.isInteger(k) || k < 0) throw new Error(`maxP: k must be a non-negative integer, got ${k}`);
  if (!(attrs instanceof Float64Array) || attrs.length !== n * k) throw new Error(`maxP: attrs must be a Float64Array of length n × k = ${n * k}`);
  for (let i = 0; i < attrs.length; i++) if (!Number.isFinite(attrs[i])) throw new Error(`maxP: attrs[${i}] = ${attrs[i]} is not finite`);
  const int = (v: unknown, min: number, name: string) => {
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= min)) throw new Error(`maxP: ${name} must be an integer ≥ ${min}, got ${v}`);
  };
  if (input.seed !== undefined && !Number.isFinite(input.seed)) throw new Error(`maxP: seed must be a finite number, got ${input.seed}`);
  int(input.constructions, 1, 'constructions');
  int(input.moves, 0, 'moves');
  int(input.maxSize, 1, 'maxSize');
  if (input.maxWeight !== undefined && !(input.maxWeight >= threshold)) {
    throw new Error(`maxP: maxWeight (${input.maxWeight}) is below the threshold (${threshold}): no region could exist`);
  }
  if (input.fixed !== undefined) {
    if (!(input.fixed instanceof Int32Array) || input.fixed.length !== n) throw new Error(`maxP: fixed must be an Int32Array of length n = ${n}`);
    for (let i = 0; i < n; i++) if (input.fixed[i] < -1) throw new Error(`maxP: fixed[${i}] = ${input.fixed[i]}; use -1 for free areas`);
  }
  if (input.active !== undefined && (!(input.active instanceof Uint8Array) || input.active.length !== n)) {
    throw new Error(`maxP: active must be a Uint8Array of length n = ${n}`);
  }
}

export function maxP(input: MaxPInput, tuning: MaxPTuning = {}): MaxPResult {
  const t0 = performance.now();
  checkInput(input);
  const { graph, weight, threshold, attrs, k, fixed, active } = input;
  const n = graph.n;
  const rules = tuning.rules ?? RULES;
  if (rules.length === 0) throw new Error('maxP: tuning.rules is empty');
  const maxW = input.maxWeight ?? Infinity;
  const free = new Uint8Array(n);
  let maxFixed = -1;
  for (let i = 0; i < n; i++) {
    const f = fixed ? fixed[i] : -1;
    if (f >= 0) maxFixed = Math.max(maxFixed, f);
    else free[i] = (!active || active[i]) && weight[i] <= maxW ? 1 : 0;
  }
  const pb: Problem = {
    n, k, x: attrs, w: weight, T: threshold, maxW, maxS: input.maxSize ?? n, off: graph.offsets, nb: graph.neighbours, free,
    D: distanceMatrix(attrs, n, k),
  };
  const rnd = mulberry32(input.seed ?? 0);
  const builder = newBuilder(pb, rnd);
  const st = newState(n);
  const best = new Int32Array(n);
  let bestP = -1;
  let bestObj = Infinity;
  const runs = input.constructions ?? 99;
  const bound = pBound(pb);
  for (let c = 0; c < runs; c++) {
    // at the upper bound more constructions can only offer a better start, which the local search gives anyway
    if (bestP === bound && c >= (tuning.minRuns ?? 3)) break;
    construct(pb, st, builder, rnd, rules[c % rules.length]);
    if (st.p > bestP || (st.p === bestP && st.obj < bestObj)) {
      best.set(st.label);
      bestP = st.p;
      bestObj = st.obj;
    }
  }
  loadLabels(pb, st, best, bestP, bestObj);
  for (let i = 0; i < n; i++) if (!free[i]) st.label[i] = OUT;
  localSearch(pb, st, rnd, {
    budget: input.moves ?? 100 * n, patience: (tuning.patience ?? 20) * n, kicks: tuning.kicks ?? 8, swaps: tuning.swaps ?? true,
  });
  assignEnclaves(pb, st, builder, rnd); // moves may have made room under the caps

  // Number new regions after the locked ones, in order of their first area.
  const labels = new Int32Array(n).fill(NONE);
  const map = new Int32Array(Math.max(1, st.p)).fill(NONE);
  const locked = new Set<number>();
  let next = maxFixed + 1;
  let unassigned = 0;
  for (let i = 0; i < n; i++) {
    const r = st.label[i];
    if (fixed && fixed[i] >= 0) {
      labels[i] = fixed[i];
      locked.add(fixed[i]);
    } else if (r >= 0) {
      if (map[r] === NONE) map[r] = next++;
      labels[i] = map[r];
    } else if (!active || active[i]) unassigned++;
  }
  return { labels, p: st.p + locked.size, objective: objectiveOf(labels, attrs, k), unassigned, ms: performance.now() - t0 };
}

/** Sum over regions of the L1 distances between all unordered pairs of members; -1 labels are ignored. */
export function objectiveOf(labels: Int32Array, attrs: Float64Array, k: number): number {
  const n = labels.length;
  if (attrs.length !== n * k) throw new Error(`objectiveOf: attrs must have length n × k = ${n * k}`);
  // group members by label with a counting sort, then sum pairs within each group
  let maxL = -1;
  for (let i = 0; i < n; i++) maxL = Math.max(maxL, labels[i]);
  const start = new Int32Array(maxL + 2);
  for (let i = 0; i < n; i++) if (labels[i] >= 0) start[labels[i] + 1]++;
  for (let r = 0; r <= maxL; r++) start[r + 1] += start[r];
  const pos = start.slice(0, maxL + 1);
  const members = new Int32Array(start[maxL + 1]);
  for (let i = 0; i < n; i++) if (labels[i] >= 0) members[pos[labels[i]]++] = i;
  let sum = 0;
  for (let r = 0; r <= maxL; r++) {
    for (let a = start[r]; a < start[r + 1]; a++) {
      for (let b = a + 1; b < start[r + 1]; b++) sum += dist(attrs, k, members[a], members[b]);
    }
  }
  return sum;
}

/**
 * Everything wrong with a solution, checked from scratch: each region connected in the graph and
 * within threshold and caps; inactive areas unassigned; fixed areas kept and their regions closed;
 * no unassigned active area next to a region that could still take it. Empty when valid.
 */
export function solutionProblems(input: MaxPInput, labels: Int32Array): string[] {
  const { graph, weight, threshold, fixed, active } = input;
  const n = graph.n;
  const out: string[] = [];
  if (labels.length !== n) return [`labels has length ${labels.length}, expected ${n}`];
  const maxW = input.maxWeight ?? Infinity;
  const maxS = input.maxSize ?? n;
  const regions = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    const f = fixed ? fixed[i] : -1;
    if (f >= 0 && l !== f) out.push(`fixed area ${i} moved from region ${f} to ${l}`);
    if (f < 0 && active && !active[i] && l !== -1) out.push(`inactive area ${i} is in region ${l}`);
    if (l < -1) out.push(`area ${i} has label ${l}`);
    if (l >= 0) {
      let m = regions.get(l);
      if (!m) regions.set(l, (m = []));
      m.push(i);
    }
  }
  const fixedIds = new Set<number>();
  if (fixed) for (let i = 0; i < n; i++) if (fixed[i] >= 0) fixedIds.add(fixed[i]);
  const weightOf = new Map<number, number>();
  const sizeOf = new Map<number, number>();
  for (const [r, m] of regions) {
    let sum = 0;
    for (const i of m) sum += weight[i];
    weightOf.set(r, sum);
    sizeOf.set(r, m.length);
    if (fixedIds.has(r)) {
      for (const i of m) if (!(fixed && fixed[i] === r)) out.push(`area ${i} joined locked region ${r}`);
      continue; // locked regions are taken as given
    }
    if (sum < threshold) out.push(`region ${r} weighs ${sum} < threshold ${threshold}`);
    if (sum > maxW) out.push(`region ${r} weighs ${sum} > maxWeight ${maxW}`);
    if (m.length > maxS) out.push(`region ${r} has ${m.length} members > maxSize ${maxS}`);
    // connectivity: search within the region from its first member
    const seen = new Set<number>([m[0]]);
    const stack = [m[0]];
    while (stack.length) {
      const i = stack.pop()!;
      for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++) {
        const j = graph.neighbours[e];
        if (labels[j] === r && !seen.has(j)) {
          seen.add(j);
          stack.push(j);
        }
      }
    }
    if (seen.size !== m.length) out.push(`region ${r} is not contiguous (${seen.size} of ${m.length} members reachable)`);
  }
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -1 || (fixed && fixed[i] >= 0) || (active && !active[i]) || weight[i] > maxW) continue;
    for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++) {
      const r = labels[graph.neighbours[e]];
      if (r < 0 || fixedIds.has(r)) continue;
      if (weightOf.get(r)! + weight[i] <= maxW && sizeOf.get(r)! + 1 <= maxS) {
        out.push(`unassigned area ${i} could join neighbouring region ${r}`);
        break;
      }
    }
  }
  return out;
}

export function isValidSolution(input: MaxPInput, labels: Int32Array): boolean {
  return solutionProblems(input, labels).length === 0;
}
