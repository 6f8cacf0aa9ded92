// Local search for max-p at fixed p: iterated descent over single-area moves and swaps between
// neighbouring regions. A move keeps every region connected, at or above the threshold and within
// the caps. The state is always the best found: a kick (a few random feasible moves) and the
// descent after it are kept when they do not worsen the objective and undone otherwise.
//
// Measured before keeping: swaps matter because at a high p most regions sit just above the
// threshold and can give nothing away; simulated annealing on single moves (spopt's method) left
// sids2 worse than plain descent, as the few feasible moves let it drift where it cannot return.
import {
  NONE, addMember, connectedAfterSwap, costTo, distance, hasNeighbourIn, removeMember, staysConnected,
  type Problem, type State,
} from './maxpState.ts';

interface Search {
  queue: Int32Array; // circular work queue of areas to re-examine
  inQueue: Uint8Array;
  qh: number;
  ql: number;
  logA: Int32Array; // undo log: area and the region it left
  logR: Int32Array;
  logLen: number;
  cin: Float64Array; // cost of each area to its own region, kept up to date by relocate
  seen: Int32Array; // regions already weighed for the current area
  stamp: number;
  swaps: boolean;
}

function push(se: Search, i: number): void {
  if (se.inQueue[i]) return;
  se.inQueue[i] = 1;
  let t = se.qh + se.ql++;
  if (t >= se.queue.length) t -= se.queue.length;
  se.queue[t] = i;
}

function pop(se: Search): number {
  const i = se.queue[se.qh];
  if (++se.qh === se.queue.length) se.qh = 0;
  se.ql--;
  se.inQueue[i] = 0;
  return i;
}

/** After region r changed, its members and their neighbours may have new moves. */
function pushRegion(pb: Problem, st: State, se: Search, r: number): void {
  const { off, nb } = pb;
  for (let j = st.head[r]; j !== NONE; j = st.next[j]) {
    push(se, j);
    for (let e = off[j]; e < off[j + 1]; e++) if (st.label[nb[e]] >= 0) push(se, nb[e]);
  }
}

function relocate(pb: Problem, st: State, se: Search, a: number, to: number): void {
  if (se.logLen === se.logA.length) {
    const la = new Int32Array(se.logLen * 2), lr = new Int32Array(se.logLen * 2);
    la.set(se.logA);
    lr.set(se.logR);
    se.logA = la;
    se.logR = lr;
  }
  se.logA[se.logLen] = a;
  se.logR[se.logLen++] = st.label[a];
  move(pb, st, se, a, to);
}

/** Moves a into region `to`, keeping every member's cost to its region current. */
function move(pb: Problem, st: State, se: Search, a: number, to: number): void {
  const { cin } = se;
  const from = st.label[a];
  removeMember(st, a, pb.w[a]);
  for (let j = st.head[from]; j !== NONE; j = st.next[j]) cin[j] -= distance(pb, a, j);
  let c = 0;
  for (let j = st.head[to]; j !== NONE; j = st.next[j]) {
    const d = distance(pb, a, j);
    cin[j] += d;
    c += d;
  }
  cin[a] = c;
  addMember(st, a, to, pb.w[a]);
}

/** Objective change of swapping a (in A) with b (in B), given a's costs to A and B. */
function swapDelta(pb: Problem, st: State, se: Search, a: number, b: number, A: number, costA: number, costAB: number): number {
  const dab = distance(pb, a, b);
  return costTo(pb, st, b, A) - dab - costA + (costAB - dab - se.cin[b]);
}

/** Whether a (in A) and b (in B) may trade places; the connectivity searches come last, they cost most. */
function swapFeasible(pb: Problem, st: State, a: number, b: number, A: number, B: number): boolean {
  if (!swapWeightsOk(pb, st, a, b, A, B)) return false;
  // b must touch what is left of A and a what is left of B
  if (st.rs[A] > 1 && !hasNeighbourIn(pb, st.label, b, A, a)) return false;
  if (st.rs[B] > 1 && !hasNeighbourIn(pb, st.label, a, B, b)) return false;
  return connectedAfterSwap(pb, st, A, a, b) && connectedAfterSwap(pb, st, B, b, a);
}

function swapWeightsOk(pb: Problem, st: State, a: number, b: number, A: number, B: number): boolean {
  const { w, T, maxW } = pb;
  const wA = st.rw[A] - w[a] + w[b], wB = st.rw[B] - w[b] + w[a];
  return wA >= T && wB >= T && wA <= maxW && wB <= maxW;
}

/** Applies the best improving move or swap of area a; returns whether anything moved. */
function improveArea(pb: Problem, st: State, se: Search, a: number): boolean {
  const { w, T, maxW, maxS, off, nb } = pb;
  const { label, rw, rs, next } = st;
  const A = label[a];
  if (A < 0) return false;
  const wa = w[a];
  const costA = se.cin[a];
  const canLeave = rs[A] > 1 && rw[A] - wa >= T;
  let leaves = -1; // a's region stays connected without it: unknown until needed
  let bestDelta = -1e-9;
  let bestB = NONE;
  let bestSwap = NONE;
  const seen = ++se.stamp;
  for (let e = off[a]; e < off[a + 1]; e++) {
    const B = label[nb[e]];
    if (B < 0 || B === A || se.seen[B] === seen) continue;
    se.seen[B] = seen;
    const costAB = costTo(pb, st, a, B);
    if (canLeave && rw[B] + wa <= maxW && rs[B] < maxS && costAB - costA < bestDelta) {
      if (leaves < 0) leaves = staysConnected(pb, st, a, A) ? 1 : 0;
      if (leaves) {
        bestDelta = costAB - costA;
        bestB = B;
        bestSwap = NONE;
      }
    }
    for (let b = se.swaps ? st.head[B] : NONE; b !== NONE; b = next[b]) {
      if (!swapWeightsOk(pb, st, a, b, A, B)) continue;
      const d = swapDelta(pb, st, se, a, b, A, costA, costAB);
      if (d >= bestDelta || !swapFeasible(pb, st, a, b, A, B)) continue;
      bestDelta = d;
      bestB = B;
      bestSwap = b;
    }
  }
  if (bestB === NONE) return false;
  relocate(pb, st, se, a, bestB);
  if (bestSwap !== NONE) relocate(pb, st, se, bestSwap, A);
  st.obj += bestDelta;
  pushRegion(pb, st, se, A);
  pushRegion(pb, st, se, bestB);
  return true;
}

/** A random feasible move (or, when a cannot leave, swap) of area a into a random neighbouring region. */
function kick(pb: Problem, st: State, se: Search, a: number, rnd: () => number): boolean {
  const { w, T, maxW, maxS, off, nb } = pb;
  const { label, rw, rs } = st;
  const A = label[a];
  const deg = off[a + 1] - off[a];
  if (A < 0 || deg === 0) return false;
  const B = label[nb[off[a] + Math.floor(rnd() * deg)]];
  if (B < 0 || B === A) return false;
  const wa = w[a];
  const costA = se.cin[a];
  const costAB = costTo(pb, st, a, B);
  if (rs[A] > 1 && rw[A] - wa >= T && rw[B] + wa <= maxW && rs[B] < maxS && staysConnected(pb, st, a, A)) {
    relocate(pb, st, se, a, B);
    st.obj += costAB - costA;
  } else {
    let found = NONE;
    for (let b = se.swaps ? st.head[B] : NONE; b !== NONE; b = st.next[b]) {
      if (swapFeasible(pb, st, a, b, A, B)) {
        found = b;
        break;
      }
    }
    if (found === NONE) return false;
    st.obj += swapDelta(pb, st, se, a, found, A, costA, costAB);
    relocate(pb, st, se, a, B);
    relocate(pb, st, se, found, A);
  }
  pushRegion(pb, st, se, A);
  pushRegion(pb, st, se, B);
  return true;
}

/** Descends until the queue is empty or `limit` areas were examined; returns how many were. */
function drain(pb: Problem, st: State, se: Search, limit: number): number {
  let used = 0;
  while (se.ql > 0 && used < limit) {
    improveArea(pb, st, se, pop(se));
    used++;
  }
  return used;
}

export interface SearchOptions {
  /** area examinations at most (one examination weighs every move and swap of one area) */
  budget: number;
  /** stop after this many examinations without improvement */
  patience: number;
  /** random moves that start each round after the first descent */
  kicks: number;
  /** weigh swaps as well as single moves */
  swaps: boolean;
}

/** Improves st in place. */
export function localSearch(pb: Problem, st: State, rnd: () => number, opts: SearchOptions): void {
  const { budget, patience, kicks } = opts;
  const n = pb.n;
  const se: Search = {
    queue: new Int32Array(n), inQueue: new Uint8Array(n), qh: 0, ql: 0, logA: new Int32Array(64), logR: new Int32Array(64), logLen: 0,
    cin: new Float64Array(n), seen: new Int32Array(n), stamp: 0, swaps: opts.swaps,
  };
  const pool = new Int32Array(n); // areas in regions: candidates for kicks
  let np = 0;
  for (let i = 0; i < n; i++) {
    if (st.label[i] < 0) continue;
    pool[np++] = i;
    push(se, i);
    se.cin[i] = costTo(pb, st, i, st.label[i]);
  }
  if (np === 0 || budget <= 0) return;
  let left = budget - drain(pb, st, se, budget);
  let idle = 0; // examinations since the last improvement
  while (left > 0 && idle < patience) {
    se.logLen = 0;
    const before = st.obj;
    let tries = 0;
    for (let t = 0; t < kicks && tries < 10 * kicks; tries++) if (kick(pb, st, se, pool[Math.floor(rnd() * np)], rnd)) t++;
    const used = tries + drain(pb, st, se, Math.max(0, left - tries));
    if (used === 0) break; // no kicks asked for: nothing more to try
    left -= used;
    while (se.ql > 0) pop(se); // out of budget mid-descent
    idle = st.obj < before - 1e-9 ? 0 : idle + used;
    if (st.obj > before + 1e-9) {
      for (let q = se.logLen - 1; q >= 0; q--) move(pb, st, se, se.logA[q], se.logR[q]);
      st.obj = before;
    }
  }
}
