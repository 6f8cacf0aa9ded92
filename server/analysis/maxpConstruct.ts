// One randomized max-p construction: areas heavy enough alone become regions, then regions grow
// from seeds until they reach the threshold; growths that cannot are enclaves, which first try to
// become regions by borrowing spare areas from their neighbours and are otherwise assigned last
// to the neighbouring region they fit best (Duque, Anselin & Rey 2012, with the rules below).
import {
  NONE, addMember, costTo, distance, dist, openRegion, removeMember, shuffle, staysConnected,
  type Problem, type State,
} from './maxpState.ts';

export const ENCLAVE = -2; // tried and failed to grow, or cut off: joins a region at the end
export const OUT = -3; // never in a region (inactive, locked, or heavier than maxWeight alone)

/**
 * How a construction picks. Growth always prefers a neighbour that closes the threshold; before
 * that it takes the neighbour with the fewest unassigned neighbours (the one most at risk of being
 * cut off), ties to the least added heterogeneity.
 */
export interface Rule {
  /** seed at the unassigned area with the fewest unassigned neighbours (else in random order) */
  tightSeeds: boolean;
  /** avoid cutting off neighbour groups that can no longer reach the threshold: 0 never, 1 when closing, 2 at every step */
  look: 0 | 1 | 2;
  /** penalty on the weight a closing neighbour overshoots the threshold by, relative to heterogeneity */
  over: number;
}

/** Seeds where the fewest unassigned neighbours are left; no stranding when closing; least overshoot. */
export const TIGHT: Rule = { tightSeeds: true, look: 1, over: 10 };
/** The same without the stranding check. */
export const TIGHT_BLIND: Rule = { tightSeeds: true, look: 0, over: 10 };
/** Random seeds; no stranding when closing; least overshoot first. */
export const RANDOM: Rule = { tightSeeds: false, look: 1, over: 100 };

// The default cycle, from single constructions measured 2 000–10 000 times each: TIGHT tiles mexico
// (count ≥ 4: only exact tilings reach p = 8) every time and reaches p = 19 on sids2 half the time;
// TIGHT_BLIND reaches 19 on sids2 81 % of the time but never tiles mexico; RANDOM reaches the best
// p less often (8 on mexico 19 %, 19 on sids2 21 %) but alone ever finds p = 20 on sids2 (0.2 %),
// so it gets most of the runs: over 99 constructions this cycle finds p = 20 on sids2 for 13 % of
// the seeds, TIGHT, TIGHT_BLIND, RANDOM in turn for 4.5 %. Tight seeds give the most regions on
// the generated city (RANDOM alone: 50 fewer of 15 890). Checking stranding at every step of
// growth, not only when closing, was slower and no better.
export const RULES: Rule[] = [TIGHT, RANDOM, RANDOM, TIGHT_BLIND, RANDOM, RANDOM];

/** Scratch reused by every construction of one solve. */
export interface Builder {
  perm: Int32Array;
  frontier: Int32Array;
  candCost: Float64Array;
  deg: Int32Array; // unassigned free neighbours, exact at all times
  tried: Uint8Array; // failed as a seed
  bHead: Int32Array; // bucket queue of unassigned areas by deg
  bNext: Int32Array;
  bPrev: Int32Array;
  inBucket: Uint8Array;
  minD: number;
  queue: Int32Array;
  from: Int32Array;
  mark2: Int32Array;
  stamp2: number;
  meanD: number; // mean distance between areas: the unit of heterogeneity in scores
}

export function newBuilder(pb: Problem, rnd: () => number): Builder {
  const { n, off, x, k } = pb;
  let maxDeg = 0;
  for (let i = 0; i < n; i++) maxDeg = Math.max(maxDeg, off[i + 1] - off[i]);
  let sum = 0;
  for (let t = 0; t < 256 && n > 0; t++) sum += dist(x, k, Math.floor(rnd() * n), Math.floor(rnd() * n));
  return {
    perm: new Int32Array(n), frontier: new Int32Array(n), candCost: new Float64Array(n), deg: new Int32Array(n), tried: new Uint8Array(n),
    bHead: new Int32Array(maxDeg + 1), bNext: new Int32Array(n), bPrev: new Int32Array(n), inBucket: new Uint8Array(n), minD: 0,
    queue: new Int32Array(n), from: new Int32Array(n), mark2: new Int32Array(n), stamp2: 0, meanD: sum > 0 ? sum / 256 : 1,
  };
}

/**
 * An upper bound on p: in each connected group of free areas, every heavy area (≥ T alone) is at
 * most one region and the light ones can make at most ⌊their weight / T⌋ more.
 */
export function pBound(pb: Problem): number {
  const { n, w, T, off, nb, free } = pb;
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  let bound = 0;
  for (let i0 = 0; i0 < n; i0++) {
    if (!free[i0] || seen[i0]) continue;
    let heavy = 0;
    let light = 0;
    let sp = 0;
    stack[sp++] = i0;
    seen[i0] = 1;
    while (sp > 0) {
      const i = stack[--sp];
      if (w[i] >= T) heavy++;
      else light += w[i];
      for (let e = off[i]; e < off[i + 1]; e++) {
        const j = nb[e];
        if (free[j] && !seen[j]) {
          seen[j] = 1;
          stack[sp++] = j;
        }
      }
    }
    bound += heavy + Math.floor(light / T);
  }
  return bound;
}

function bucketRemove(b: Builder, i: number): void {
  if (!b.inBucket[i]) return;
  b.inBucket[i] = 0;
  const p = b.bPrev[i], q = b.bNext[i];
  if (p === NONE) b.bHead[b.deg[i]] = q;
  else b.bNext[p] = q;
  if (q !== NONE) b.bPrev[q] = p;
}

function bucketInsert(b: Builder, i: number): void {
  const d = b.deg[i];
  const h = b.bHead[d];
  b.bNext[i] = h;
  b.bPrev[i] = NONE;
  if (h !== NONE) b.bPrev[h] = i;
  b.bHead[d] = i;
  b.inBucket[i] = 1;
  if (d < b.minD) b.minD = d;
}

/** Area a leaves (dir -1) or rejoins (dir +1) the unassigned pool: its neighbours' counts change. */
function claim(pb: Problem, b: Builder, a: number, dir: number, tight: boolean): void {
  const { off, nb } = pb;
  if (tight) {
    if (dir < 0) bucketRemove(b, a);
    else bucketInsert(b, a);
  }
  for (let e = off[a]; e < off[a + 1]; e++) {
    const j = nb[e];
    if (tight && b.inBucket[j]) {
      bucketRemove(b, j);
      b.deg[j] += dir;
      bucketInsert(b, j);
    } else b.deg[j] += dir;
  }
}

/**
 * Weight of the unassigned areas next to c that could no longer reach the threshold once c joins
 * region r. Only groups touching c can be cut off by it, and each search stops as soon as it has
 * gathered the threshold, so this stays cheap.
 */
function stranded(pb: Problem, st: State, b: Builder, c: number, r: number): number {
  const { w, T, off, nb } = pb;
  const { label } = st;
  const q = b.queue;
  const mark = b.mark2;
  const prev = label[c];
  label[c] = r;
  const visit = ++b.stamp2;
  let lost = 0;
  for (let e = off[c]; e < off[c + 1]; e++) {
    const u = nb[e];
    if (label[u] !== NONE || mark[u] === visit) continue;
    const own = ++b.stamp2;
    let len = 0;
    let sum = 0;
    let full = false;
    q[len++] = u;
    mark[u] = own;
    for (let h = 0; h < len && !full; h++) {
      const i = q[h];
      sum += w[i];
      if (sum >= T) full = true;
      for (let f = off[i]; f < off[i + 1] && !full; f++) {
        const j = nb[f];
        if (label[j] !== NONE || mark[j] === own) continue;
        if (mark[j] === visit) full = true; // meets a group already found big enough
        mark[j] = own;
        q[len++] = j;
      }
    }
    if (!full) lost += sum;
    for (let h = 0; h < len; h++) mark[q[h]] = visit;
  }
  label[c] = prev;
  return lost;
}

/** Builds one solution into st (regions 0…p-1, objective included). */
export function construct(pb: Problem, st: State, b: Builder, rnd: () => number, rule: Rule): void {
  const { n, w, T, maxW, maxS, off, nb, free } = pb;
  const { label, rw, rs, mark } = st;
  const { frontier, candCost, perm, deg, tried } = b;
  const tight = rule.tightSeeds;
  const unit = b.meanD;
  st.p = 0;
  st.obj = 0;

  // Heavy areas first: a region of one area at or above T costs no p and no heterogeneity.
  let np = 0;
  for (let i = 0; i < n; i++) {
    tried[i] = 0;
    if (!free[i]) label[i] = OUT;
    else if (w[i] >= T) {
      openRegion(st, st.p);
      addMember(st, i, st.p++, w[i]);
    } else {
      label[i] = NONE;
      perm[np++] = i;
    }
  }
  shuffle(perm, np, rnd);
  for (let q = 0; q < np; q++) {
    const i = perm[q];
    let d = 0;
    for (let e = off[i]; e < off[i + 1]; e++) if (label[nb[e]] === NONE) d++;
    deg[i] = d;
  }
  if (tight) {
    b.bHead.fill(NONE);
    b.minD = 0;
    for (let q = np - 1; q >= 0; q--) bucketInsert(b, perm[q]);
    b.minD = 0;
  }

  let cursor = 0;
  for (;;) {
    let seed = NONE;
    if (tight) {
      while (b.minD < b.bHead.length && b.bHead[b.minD] === NONE) b.minD++;
      if (b.minD < b.bHead.length) seed = b.bHead[b.minD];
    } else {
      while (cursor < np && label[perm[cursor]] !== NONE) cursor++;
      if (cursor < np) seed = perm[cursor++];
    }
    if (seed === NONE) break;

    const r = st.p;
    openRegion(st, r);
    addMember(st, seed, r, w[seed]);
    claim(pb, b, seed, -1, tight);
    const stamp = ++st.stamp;
    mark[seed] = stamp;
    let fc = 0;
    for (let e = off[seed]; e < off[seed + 1]; e++) {
      const j = nb[e];
      if ((label[j] === NONE || label[j] === ENCLAVE) && mark[j] !== stamp) {
        mark[j] = stamp;
        frontier[fc++] = j;
        candCost[j] = distance(pb, j, seed);
      }
    }
    let het = 0;
    let capped = false;
    while (rw[r] < T) {
      if (rs[r] >= maxS) {
        capped = true;
        break;
      }
      let best = -1;
      let bestClose = false;
      let bestScore = Infinity;
      let bestTie = Infinity;
      for (let q = 0; q < fc; q++) {
        const c = frontier[q];
        const wc = rw[r] + w[c];
        if (wc > maxW) continue;
        const closes = wc >= T;
        if (bestClose && !closes) continue;
        const promoted = closes && !bestClose;
        let score: number, tie: number;
        if (closes) {
          score = (rule.over * (wc - T)) / T + candCost[c] / (rs[r] * unit);
          tie = 0;
        } else {
          score = deg[c];
          tie = candCost[c];
        }
        // the stranding penalty only adds, so skip it for a neighbour already behind
        if (!promoted && (score > bestScore || (score === bestScore && tie >= bestTie))) continue;
        if (rule.look === 2 || (closes && rule.look === 1)) {
          score += (1e3 * stranded(pb, st, b, c, r)) / T;
          if (!promoted && (score > bestScore || (score === bestScore && tie >= bestTie))) continue;
        }
        best = q;
        bestClose = closes;
        bestScore = score;
        bestTie = tie;
      }
      if (best < 0) {
        capped = fc > 0;
        break;
      }
      const c = frontier[best];
      frontier[best] = frontier[--fc];
      het += candCost[c];
      const wasFree = label[c] === NONE;
      addMember(st, c, r, w[c]);
      if (wasFree) claim(pb, b, c, -1, tight);
      for (let q = 0; q < fc; q++) candCost[frontier[q]] += distance(pb, frontier[q], c);
      for (let e = off[c]; e < off[c + 1]; e++) {
        const j = nb[e];
        if ((label[j] === NONE || label[j] === ENCLAVE) && mark[j] !== stamp) {
          mark[j] = stamp;
          frontier[fc++] = j;
          candCost[j] = costTo(pb, st, j, r);
        }
      }
    }
    if (rw[r] >= T) {
      st.p++;
      st.obj += het;
      continue;
    }
    // Failed. Exhausted: the whole unassigned group is below T, all of it is enclave. Capped by
    // maxSize/maxWeight: only the seed gives up; the others may still seed or join other regions.
    tried[seed] = 1;
    for (let j = st.head[r]; j !== NONE; ) {
      const nx = st.next[j];
      if (!capped || tried[j]) {
        label[j] = ENCLAVE;
        tried[j] = 1;
      } else {
        label[j] = NONE;
        claim(pb, b, j, +1, tight);
      }
      j = nx;
    }
  }
  rescueEnclaves(pb, st, b);
  assignEnclaves(pb, st, b, rnd);
}

/**
 * Tries to turn each enclave group into a region by taking areas from neighbouring regions that can
 * spare them (they stay connected and at or above the threshold). A success raises p by one; a
 * failure is rolled back.
 */
function rescueEnclaves(pb: Problem, st: State, b: Builder): void {
  const { n, w, T, maxW, maxS, off, nb } = pb;
  const { label, rw, rs } = st;
  const comp = b.queue; // the group, then the areas taken
  const from = b.from; // donor of each area taken
  const TRIED = -4;
  for (let i0 = 0; i0 < n; i0++) {
    if (label[i0] !== ENCLAVE) continue;
    const r = st.p;
    openRegion(st, r);
    let het = 0;
    let len = 0;
    comp[len++] = i0;
    addMember(st, i0, r, w[i0]);
    for (let q = 0; q < len; q++) {
      const i = comp[q];
      for (let e = off[i]; e < off[i + 1]; e++) {
        const j = nb[e];
        if (label[j] !== ENCLAVE) continue;
        het += costTo(pb, st, j, r);
        addMember(st, j, r, w[j]);
        comp[len++] = j;
      }
    }
    const own = len;
    let ok = rw[r] <= maxW && rs[r] <= maxS;
    while (ok && rw[r] < T) {
      // closing first, then the least heterogeneity added here net of what the donor sheds
      let best = NONE;
      let bestClose = false;
      let bestDelta = Infinity;
      const stamp = ++b.stamp2;
      for (let q = 0; q < len; q++) {
        const i = comp[q];
        if (label[i] !== r) continue;
        for (let e = off[i]; e < off[i + 1]; e++) {
          const c = nb[e];
          const R = label[c];
          if (R < 0 || R === r || b.mark2[c] === stamp) continue;
          b.mark2[c] = stamp;
          if (rs[R] === 1 || rw[R] - w[c] < T || rw[r] + w[c] > maxW || rs[r] + 1 > maxS) continue;
          const closes = rw[r] + w[c] >= T;
          if (bestClose && !closes) continue;
          const delta = costTo(pb, st, c, r) - costTo(pb, st, c, R);
          if (!(closes && !bestClose) && delta >= bestDelta) continue;
          if (!staysConnected(pb, st, c, R)) continue;
          best = c;
          bestClose = closes;
          bestDelta = delta;
        }
      }
      if (best === NONE) ok = false;
      else {
        from[len] = label[best];
        het += bestDelta;
        removeMember(st, best, w[best]);
        addMember(st, best, r, w[best]);
        comp[len++] = best;
      }
    }
    if (ok) {
      st.p++;
      st.obj += het;
      continue;
    }
    for (let q = len - 1; q >= own; q--) {
      const c = comp[q];
      removeMember(st, c, w[c]);
      addMember(st, c, from[q], w[c]);
    }
    for (let q = 0; q < own; q++) label[comp[q]] = TRIED;
  }
  for (let i = 0; i < n; i++) if (label[i] === TRIED) label[i] = ENCLAVE;
}

/** Enclaves join the neighbouring region they add least heterogeneity to, caps permitting, in waves. */
export function assignEnclaves(pb: Problem, st: State, b: Builder, rnd: () => number): void {
  const { n, w, maxW, maxS, off, nb } = pb;
  const { label, rw, rs } = st;
  const q = b.queue;
  let len = 0;
  for (let i = 0; i < n; i++) {
    if (label[i] === ENCLAVE) label[i] = NONE;
    if (label[i] === NONE) q[len++] = i;
  }
  shuffle(q, len, rnd);
  let progress = true;
  while (len > 0 && progress) {
    progress = false;
    let keep = 0;
    for (let t = 0; t < len; t++) {
      const a = q[t];
      let best = NONE;
      let bestCost = Infinity;
      for (let e = off[a]; e < off[a + 1]; e++) {
        const r = label[nb[e]];
        if (r < 0 || r === best) continue;
        if (rw[r] + w[a] > maxW || rs[r] + 1 > maxS) continue;
        const c = costTo(pb, st, a, r);
        if (c < bestCost) {
          bestCost = c;
          best = r;
        }
      }
      if (best === NONE) q[keep++] = a;
      else {
        addMember(st, a, best, w[a]);
        st.obj += bestCost;
        progress = true;
      }
    }
    len = keep;
  }
}
