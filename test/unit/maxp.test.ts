// Max-p regionalization: small graphs whose answer is known by hand, the engine's guarantees
// checked by an independent checker, the classic PySAL data sets against spopt's reference,
// and the command line.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { polygonContiguity } from '../../server/analysis/contiguity.ts';
import { graphFromEdges, type Edge, type Graph } from '../../server/analysis/csr.ts';
import { isValidSolution, maxP, objectiveOf, solutionProblems, type MaxPInput } from '../../server/analysis/maxp.ts';

const root = resolve(import.meta.dirname, '../..');
const shared = join(root, '../shared/data/regionalization');

/** w × h lattice, rook (4) or queen (8) neighbours. */
function lattice(w: number, h: number, queen = false): Graph {
  const edges: Edge[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (x + 1 < w) edges.push({ a: i, b: i + 1 });
      if (y + 1 < h) edges.push({ a: i, b: i + w });
      if (queen && x + 1 < w && y + 1 < h) edges.push({ a: i, b: i + w + 1 });
      if (queen && x > 0 && y + 1 < h) edges.push({ a: i, b: i + w - 1 });
    }
  }
  return graphFromEdges(w * h, edges);
}

const path = (n: number) => graphFromEdges(n, Array.from({ length: n - 1 }, (_, i) => ({ a: i, b: i + 1 })));

function input(graph: Graph, weights: number[], threshold: number, extra: Partial<MaxPInput> = {}): MaxPInput {
  const n = graph.n;
  const attrs = new Float64Array(n);
  for (let i = 0; i < n; i++) attrs[i] = Math.sin(i * 1.7) * 3; // something to be heterogeneous about
  return { graph, weight: Float64Array.from(weights), threshold, attrs, k: 1, ...extra };
}

/**
 * The guarantees, checked without the engine's own code: each region connected (search over the
 * graph's rows), at or above the threshold, within the caps; inactive areas left out; locked areas
 * untouched; p and the objective as reported.
 */
function check(inp: MaxPInput, res: ReturnType<typeof maxP>): void {
  const { graph, weight, threshold } = inp;
  const members = new Map<number, number[]>();
  res.labels.forEach((l, i) => {
    if (l >= 0) members.set(l, [...(members.get(l) ?? []), i]);
  });
  expect(res.p).toBe(members.size);
  const locked = new Set<number>(inp.fixed ? Array.from(inp.fixed).filter((f) => f >= 0) : []);
  for (const [r, m] of members) {
    if (locked.has(r)) {
      for (const i of m) expect(inp.fixed![i]).toBe(r);
      continue;
    }
    const total = m.reduce((s, i) => s + weight[i], 0);
    expect(total).toBeGreaterThanOrEqual(threshold);
    if (inp.maxWeight !== undefined) expect(total).toBeLessThanOrEqual(inp.maxWeight);
    if (inp.maxSize !== undefined) expect(m.length).toBeLessThanOrEqual(inp.maxSize);
    const inRegion = new Set(m);
    const seen = new Set([m[0]]);
    const todo = [m[0]];
    while (todo.length) {
      const i = todo.pop()!;
      for (const j of graph.neighbours.subarray(graph.offsets[i], graph.offsets[i + 1])) {
        if (inRegion.has(j) && !seen.has(j)) {
          seen.add(j);
          todo.push(j);
        }
      }
    }
    expect(seen.size, `region ${r} is contiguous`).toBe(m.length);
  }
  if (inp.active) res.labels.forEach((l, i) => { if (!inp.active![i] && !(inp.fixed && inp.fixed[i] >= 0)) expect(l).toBe(-1); });
  if (inp.fixed) inp.fixed.forEach((f, i) => { if (f >= 0) expect(res.labels[i]).toBe(f); });
  let obj = 0;
  for (const m of members.values()) {
    for (let a = 0; a < m.length; a++) {
      for (let b = a + 1; b < m.length; b++) {
        for (let t = 0; t < inp.k; t++) obj += Math.abs(inp.attrs[m[a] * inp.k + t] - inp.attrs[m[b] * inp.k + t]);
      }
    }
  }
  expect(res.objective).toBeCloseTo(obj, 9);
  expect(solutionProblems(inp, res.labels)).toEqual([]);
}

describe('maxP on graphs solved by hand', () => {
  it('merges a chain of small areas into as many contiguous regions as reach the threshold', () => {
    // 30+30+40 | 50+50 | 20: the 20 cannot stand alone and joins its neighbour
    const inp = input(path(6), [30, 30, 40, 50, 50, 20], 100);
    const res = maxP(inp);
    check(inp, res);
    expect(res.p).toBe(2);
    expect(res.unassigned).toBe(0);
    expect(res.labels[0]).toBe(res.labels[2]);
    expect(res.labels[3]).toBe(res.labels[4]);
  });

  it('tiles a lattice into the most regions (36 unit areas, threshold 4 → 9 regions)', () => {
    const inp = input(lattice(6, 6), new Array(36).fill(1), 4);
    const res = maxP(inp);
    check(inp, res);
    expect(res.p).toBe(9);
    // and a 3 × 3 rook lattice with threshold 2 leaves one area over: 4 regions, one of 3
    const odd = input(lattice(3, 3), new Array(9).fill(1), 2);
    const r2 = maxP(odd);
    check(odd, r2);
    expect(r2.p).toBe(4);
    expect(r2.unassigned).toBe(0);
  });

  it('keeps an area heavy enough alone from swallowing the light ones a region needs', () => {
    // 1 – 0 – 2 – 3 with 0 weighing 250: {0} plus the enclave 1 and {2, 3} make 2; a region
    // growing from 1 or 2 through 0 would leave the other light areas short
    const inp = input(graphFromEdges(4, [{ a: 1, b: 0 }, { a: 0, b: 2 }, { a: 2, b: 3 }]), [250, 40, 60, 50], 100);
    const res = maxP(inp);
    check(inp, res);
    expect(res.p).toBe(2);
    expect(res.labels[0]).toBe(res.labels[1]);
    expect(res.labels[2]).toBe(res.labels[3]);
  });

  it('leaves unassigned an area whose only neighbour cannot reach the threshold with it, and isolated light areas', () => {
    // 0–1 weigh 30 together; 2–3–4 weigh 180; 5 is isolated and light, 6 isolated and heavy
    const g = graphFromEdges(7, [{ a: 0, b: 1 }, { a: 2, b: 3 }, { a: 3, b: 4 }]);
    const inp = input(g, [10, 20, 60, 60, 60, 40, 120], 100);
    const res = maxP(inp);
    check(inp, res);
    expect(Array.from(res.labels.subarray(0, 2))).toEqual([-1, -1]);
    expect(res.labels[5]).toBe(-1);
    expect(res.labels[6]).toBeGreaterThanOrEqual(0);
    expect(res.unassigned).toBe(3);
    expect(res.p).toBe(2);
  });

  it('respects maxSize and maxWeight; an area the caps keep out stays unassigned', () => {
    const bySize = input(path(10), new Array(10).fill(50), 100, { maxSize: 2 });
    const r1 = maxP(bySize);
    check(bySize, r1);
    expect(r1.p).toBe(5);
    // pairs weigh 120; the fifth 60 cannot join one without passing 150
    const byWeight = input(path(5), [60, 60, 60, 60, 60], 100, { maxWeight: 150 });
    const r2 = maxP(byWeight);
    check(byWeight, r2);
    expect(r2.p).toBe(2);
    expect(r2.unassigned).toBe(1);
    // an area heavier than maxWeight on its own can be in no region
    const heavy = input(path(3), [500, 60, 60], 100, { maxWeight: 300 });
    const r3 = maxP(heavy);
    check(heavy, r3);
    expect(r3.labels[0]).toBe(-1);
    expect(r3.p).toBe(1);
  });

  it('keeps locked areas in their region, takes nothing from or into it, and numbers new regions after it', () => {
    const g = lattice(4, 4);
    const fixed = new Int32Array(16).fill(-1);
    fixed.fill(7, 0, 4); // the first row is locked package 7
    const inp = input(g, new Array(16).fill(1), 4, { fixed });
    const res = maxP(inp);
    check(inp, res);
    expect(Array.from(res.labels.subarray(0, 4))).toEqual([7, 7, 7, 7]);
    expect(res.p).toBe(4);
    expect(Math.min(...Array.from(res.labels.subarray(4)))).toBe(8);
    // a locked region takes in no enclave either: area 4 can only reach the locked row
    const g2 = graphFromEdges(5, [{ a: 0, b: 1 }, { a: 1, b: 4 }, { a: 2, b: 3 }]);
    const f2 = Int32Array.from([3, 3, -1, -1, -1]);
    const inp2 = input(g2, [50, 50, 60, 60, 10], 100, { fixed: f2 });
    const r2 = maxP(inp2);
    check(inp2, r2);
    expect(r2.labels[4]).toBe(-1);
  });

  it('leaves inactive areas out: regions neither include nor pass through them', () => {
    // 0–1–2–3–4, 2 inactive: {0, 1} and {3, 4} must each reach 100 on their own side
    const active = Uint8Array.from([1, 1, 0, 1, 1]);
    const inp = input(path(5), [50, 50, 500, 50, 50], 100, { active });
    const res = maxP(inp);
    check(inp, res);
    expect(res.labels[2]).toBe(-1);
    expect(res.p).toBe(2);
    expect(res.unassigned).toBe(0); // the inactive area is not counted
  });

  it('is deterministic for a seed', () => {
    const g = lattice(12, 12, true);
    const w = Array.from({ length: 144 }, (_, i) => 20 + ((i * 37) % 90));
    const inp = input(g, w, 150);
    const a = maxP({ ...inp, seed: 42 });
    const b = maxP({ ...inp, seed: 42 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.objective).toBe(b.objective);
  });

  it('keeps every region contiguous and at or above the threshold on random sparse graphs', () => {
    let s = 7;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    for (let trial = 0; trial < 12; trial++) {
      const w = 15, h = 15, n = w * h;
      const edges: Edge[] = [];
      for (let i = 0; i < n; i++) {
        if (i % w + 1 < w && rnd() < 0.75) edges.push({ a: i, b: i + 1 });
        if (i + w < n && rnd() < 0.75) edges.push({ a: i, b: i + w });
      }
      const weights = Array.from({ length: n }, () => Math.round(150 * Math.exp(0.9 * (rnd() + rnd() + rnd() - 1.5))));
      const extra: Partial<MaxPInput> = trial % 3 === 1 ? { maxSize: 4 } : trial % 3 === 2 ? { maxWeight: 400 } : {};
      const inp = input(graphFromEdges(n, edges), weights, 100, { ...extra, seed: trial });
      const res = maxP(inp);
      check(inp, res);
      expect(isValidSolution(inp, res.labels)).toBe(true);
    }
  });

  it('refuses bad input with a message saying what is wrong', () => {
    const g = path(3);
    const ok = input(g, [1, 2, 3], 2);
    expect(() => maxP({ ...ok, weight: new Float64Array(2) })).toThrow(/weight must be a Float64Array of length n = 3/);
    expect(() => maxP({ ...ok, weight: Float64Array.from([1, -1, 3]) })).toThrow(/weight\[1\] = -1/);
    expect(() => maxP({ ...ok, threshold: 0 })).toThrow(/threshold must be a positive/);
    expect(() => maxP({ ...ok, k: 2 })).toThrow(/attrs must be a Float64Array of length n × k = 6/);
    expect(() => maxP({ ...ok, maxWeight: 1 })).toThrow(/below the threshold/);
    expect(() => maxP({ ...ok, constructions: 0 })).toThrow(/constructions must be an integer ≥ 1/);
    expect(() => maxP({ ...ok, fixed: Int32Array.from([0, -2, -1]) })).toThrow(/fixed\[1\] = -2/);
    expect(solutionProblems(ok, Int32Array.from([0, 1, 0]))[0]).toMatch(/region 0 is not contiguous/);
  });
});

describe('maxP on the PySAL data sets (spopt reference)', () => {
  const reference = JSON.parse(readFileSync(join(shared, 'spopt-maxp-reference.json'), 'utf8'));
  function dataset(name: 'mexico' | 'sids2'): MaxPInput {
    const ref = reference.datasets[name];
    const fc = JSON.parse(readFileSync(join(shared, `${name}.geojson`), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
    const feats = fc.features;
    const k = ref.attrs.length;
    const attrs = new Float64Array(feats.length * k);
    feats.forEach((f, i) => ref.attrs.forEach((a: string, t: number) => (attrs[i * k + t] = f.properties![a])));
    return {
      graph: polygonContiguity(feats, 'queen'), weight: Float64Array.from(feats, (f) => f.properties![ref.threshold_attr]),
      threshold: ref.threshold, attrs, k,
    };
  }

  it('computes the same objective as spopt for spopt’s own labels', () => {
    for (const name of ['mexico', 'sids2'] as const) {
      const { attrs, k } = dataset(name);
      const seed0 = reference.datasets[name].seed0;
      expect(objectiveOf(Int32Array.from(seed0.labels), attrs, k)).toBeCloseTo(seed0.objective, 4);
    }
  });

  it('mexico (count ≥ 4, z_PCGDP*): p ≥ 7, every region valid', () => {
    const inp = dataset('mexico');
    for (const seed of [0, 1, 2]) {
      const res = maxP({ ...inp, seed });
      check(inp, res);
      expect(res.p).toBeGreaterThanOrEqual(7);
    }
  });

  it('sids2 (BIR74 ≥ 15 000, z_SIDR74 and z_NWR74): p ≥ 17, every region valid', () => {
    const inp = dataset('sids2');
    for (const seed of [0, 1, 2]) {
      const res = maxP({ ...inp, seed });
      check(inp, res);
      expect(res.p).toBeGreaterThanOrEqual(17);
    }
  });
});

describe('npm run regionalize', () => {
  const run = promisify(execFile);
  const cli = (args: string[]) => run(process.execPath, ['--import', 'tsx', join(root, 'scripts/regionalize.ts'), ...args], { cwd: root });
  const mexico = join(shared, 'mexico.geojson');
  const z = 'z_PCGDP1950,z_PCGDP1960,z_PCGDP1970,z_PCGDP1980,z_PCGDP1990,z_PCGDP2000';

  it('prints one JSON line with n, p, unassigned, objective and ms, and writes the labels with --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianpian-maxp-'));
    try {
      const out = join(dir, 'labels.json');
      const { stdout } = await cli(['--in', mexico, '--threshold-field', 'count', '--min', '4', '--attrs', z, '--seed', '3', '--out', out]);
      const lines = stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0]);
      expect(Object.keys(line)).toEqual(['n', 'p', 'unassigned', 'objective', 'ms']);
      expect(line.n).toBe(32);
      expect(line.p).toBeGreaterThanOrEqual(7);
      expect(line.unassigned).toBe(0);
      expect(line.ms).toBeGreaterThan(0);
      const labels = JSON.parse(readFileSync(out, 'utf8')) as number[];
      expect(labels).toHaveLength(32);
      expect(new Set(labels).size).toBe(line.p);
      // the objective printed is the one of the labels written, on the attributes as given
      const fc = JSON.parse(readFileSync(mexico, 'utf8')) as FeatureCollection;
      const names = z.split(',');
      const attrs = Float64Array.from(fc.features.flatMap((f) => names.map((a) => f.properties![a] as number)));
      expect(line.objective).toBeCloseTo(objectiveOf(Int32Array.from(labels), attrs, names.length), 6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits with code 2 and a message on stderr for bad arguments, a missing field or an unreadable file', async () => {
    const cases: [string[], RegExp][] = [
      [['--in', mexico, '--min', '4'], /--threshold-field FIELD is required/],
      [['--in', mexico, '--threshold-field', 'count', '--min', 'four'], /--min N must be a number/],
      [['--in', mexico, '--threshold-field', 'count', '--min', '4', '--contiguity', 'hex'], /--contiguity must be queen, rook or gap/],
      [['--in', mexico, '--threshold-field', 'households', '--min', '4'], /feature 0 has no field "households"/],
      [['--in', join(root, 'no-such-file.geojson'), '--threshold-field', 'count', '--min', '4'], /cannot read .*ENOENT/],
      [['--in', mexico, '--threshold-field', 'count', '--min', '4', '--frobnicate'], /Unknown option '--frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const err = await cli(args).then(() => null, (e: { code: number; stderr: string; stdout: string }) => e);
      expect(err, args.join(' ')).not.toBeNull();
      expect(err!.code).toBe(2);
      expect(err!.stderr).toMatch(message);
      expect(err!.stdout).toBe('');
    }
  });
});
