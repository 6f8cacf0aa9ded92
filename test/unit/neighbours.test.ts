// The gap graph of walled compounds: GeoJSON fixtures (test/fixtures/neighbours/in, one case
// each, expected results in out/), cross-checks of gap and shared length against independent
// implementations on the demo district, and the demo generator's promise that each package's
// members are neighbours.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, LineString, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../server/analysis/csr.ts';
import { gapGraph, type BarrierFeature, type GapGraphInput, type GapGraphResult } from '../../server/analysis/neighbours.ts';

const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'test/fixtures/neighbours');
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

interface Expected {
  edges: { a: number; b: number; gap: number; shared: number }[];
  islands: number[];
  blocked: { a: number; b: number; gap: number; barrier: string; name: string | null }[];
  crossSubdistrict: { a: number; b: number; gap: number }[];
}
type FixtureProps = { role: 'compound' | 'barrier' | 'road'; subdistrict?: string; kind?: string; class?: string; name?: string | null };
type Fixture = FeatureCollection<Geometry, FixtureProps> & { description: string; options: { toleranceM: number; sameSubdistrict: boolean } };

function loadFixture(name: string) {
  const fc = read<Fixture>(join(fixtures, 'in', `${name}.geojson`));
  const compounds = fc.features.filter((f) => f.properties.role === 'compound') as Feature<Polygon, FixtureProps>[];
  const barriers = fc.features
    .filter((f) => f.properties.role === 'barrier')
    .map((f) => ({ ...f, properties: { kind: f.properties.kind!, name: f.properties.name ?? null } }) as BarrierFeature);
  const lanes = fc.features
    .filter((f) => f.properties.role === 'road')
    .map((f) => ({ ...f, properties: { kind: f.properties.class!, name: f.properties.name ?? null } }) as BarrierFeature);
  const input: GapGraphInput = {
    features: compounds,
    subdistrict: compounds.map((f) => f.properties.subdistrict!),
    barriers,
    toleranceM: fc.options.toleranceM,
    sameSubdistrict: fc.options.sameSubdistrict,
  };
  return { fc, input, lanes };
}

function edgesOf(g: Graph) {
  const out: { a: number; b: number; gap: number; shared: number }[] = [];
  for (let a = 0; a < g.n; a++) {
    for (let k = g.offsets[a]; k < g.offsets[a + 1]; k++) {
      if (g.neighbours[k] > a) out.push({ a, b: g.neighbours[k], gap: g.gap[k], shared: g.shared[k] });
    }
  }
  return out;
}

/** The result rounded to the fixture's precision: gap to 0.1 m, shared to 1 m. */
function summary(r: GapGraphResult): Expected {
  const g1 = (x: number) => Math.round(x * 10) / 10;
  return {
    edges: edgesOf(r.graph).map((e) => ({ a: e.a, b: e.b, gap: g1(e.gap), shared: Math.round(e.shared) })),
    islands: r.islands,
    blocked: r.blocked.map(({ a, b, gap, barrier, name }) => ({ a, b, gap: g1(gap), barrier, name })),
    crossSubdistrict: r.crossSubdistrict.map(({ a, b, gap }) => ({ a, b, gap: g1(gap) })),
  };
}

const cases = readdirSync(join(fixtures, 'in'))
  .filter((f) => f.endsWith('.geojson') && f !== 'grid3x3.geojson')
  .map((f) => basename(f, '.geojson'));

describe('gapGraph fixtures (in/*.geojson → out/*.json)', () => {
  it('has the cases the brief asks for', () => {
    expect(cases).toEqual(expect.arrayContaining(['lane-chain', 'beyond-tolerance', 'arterial', 'river', 'subdistrict', 'island', 'shared-wall', 'offset-facing']));
  });
  for (const name of cases) {
    const { fc, input } = loadFixture(name);
    it(`${name}: ${fc.description}`, () => {
      expect(summary(gapGraph(input))).toEqual(read<Expected>(join(fixtures, 'out', `${name}.json`)));
    });
  }
});

describe('gapGraph', () => {
  it('lane chain: lanes are roads, not barriers; passed as barriers they would cut every link', () => {
    const { input, lanes } = loadFixture('lane-chain');
    const r = gapGraph(input);
    expect(edgesOf(r.graph).map((e) => [e.a, e.b])).toEqual([[0, 1], [1, 2], [2, 3]]);
    for (const e of edgesOf(r.graph)) {
      expect(e.gap).toBeCloseTo(6, 1);
      expect(e.shared).toBeCloseTo(80, 0); // the facing walls, not the side walls' ends within 30 m
    }
    const cut = gapGraph({ ...input, barriers: lanes });
    expect(cut.graph.neighbours.length).toBe(0);
    expect(cut.blocked.map((b) => [b.a, b.b, b.barrier])).toEqual([[0, 1, 'lane'], [1, 2, 'lane'], [2, 3, 'lane']]);
    expect(cut.islands).toEqual([0, 1, 2, 3]);
  });

  it('beyond tolerance: 45 m apart is no edge at 30 m, an edge at 50 m', () => {
    const { input } = loadFixture('beyond-tolerance');
    expect(gapGraph(input).islands).toEqual([0, 1]);
    const wide = gapGraph({ ...input, toleranceM: 50 });
    expect(edgesOf(wide.graph).map((e) => Math.round(e.gap * 10) / 10)).toEqual([45]);
  });

  it('arterial: the centre line between two compounds blocks them, named; the gap is still reported', () => {
    const { input } = loadFixture('arterial');
    const r = gapGraph(input);
    expect(r.blocked).toHaveLength(1);
    expect(r.blocked[0]).toMatchObject({ a: 0, b: 1, barrier: 'arterial', name: '瓷都大道', barrierIndex: 0 });
    expect(r.blocked[0].gap).toBeCloseTo(26, 1);
    expect(gapGraph({ ...input, barriers: [] }).islands).toEqual([]); // without the barrier they link
  });

  it('river: a barrier polygon between two compounds blocks them; a connection along its bank does not', () => {
    const { input } = loadFixture('river');
    const r = gapGraph(input);
    expect(r.blocked.map((b) => [b.a, b.b, b.barrier, b.name])).toEqual([[0, 1, 'river', '南河']]);
    expect(edgesOf(r.graph).map((e) => [e.a, e.b])).toEqual([[2, 3]]);
  });

  it('subdistrict: a pair in different 街道 is reported, and linked when sameSubdistrict is off', () => {
    const { input } = loadFixture('subdistrict');
    const r = gapGraph(input);
    expect(r.crossSubdistrict.map((c) => [c.a, c.b])).toEqual([[0, 1]]);
    expect(r.islands).toEqual([0, 1]);
    const any = gapGraph({ ...input, sameSubdistrict: false });
    expect(edgesOf(any.graph).map((e) => [e.a, e.b])).toEqual([[0, 1]]);
    expect(any.crossSubdistrict).toEqual([]);
    expect(edgesOf(gapGraph({ ...input, subdistrict: undefined }).graph)).toHaveLength(1); // no 街道 given: no split
  });

  it('island: a compound with no neighbour at all', () => {
    expect(gapGraph(loadFixture('island').input).islands).toEqual([2]);
  });

  it('overlapping outlines (bad data) are neighbours with gap 0', () => {
    const big = turf.polygon([[[117.18, 29.27], [117.182, 29.27], [117.182, 29.272], [117.18, 29.272], [117.18, 29.27]]]);
    const inside = turf.polygon([[[117.1805, 29.2705], [117.1815, 29.2705], [117.1815, 29.2715], [117.1805, 29.2715], [117.1805, 29.2705]]]);
    const e = edgesOf(gapGraph({ features: [big, inside] }).graph);
    expect(e.map((x) => [x.a, x.b, x.gap])).toEqual([[0, 1, 0]]);
  });

  it('refuses bad input with a message naming what is wrong', () => {
    const { input } = loadFixture('island');
    const f = input.features;
    expect(() => gapGraph(undefined as unknown as GapGraphInput)).toThrow(/expected an input object/);
    expect(() => gapGraph({ features: 'x' as unknown as [] })).toThrow(/features must be an array/);
    expect(() => gapGraph({ features: f, toleranceM: -1 })).toThrow(/toleranceM must be a finite number ≥ 0/);
    expect(() => gapGraph({ features: f, toleranceM: Number.NaN })).toThrow(/toleranceM/);
    expect(() => gapGraph({ features: f, subdistrict: ['西郊街道'] })).toThrow(/one entry per feature \(3\), got 1/);
    expect(() => gapGraph({ features: f, subdistrict: ['a', 'b', null as unknown as string] })).toThrow(/subdistrict of feature 2 is not a string/);
    const line = turf.lineString([[117.18, 29.27], [117.19, 29.28]]) as unknown as Feature<Polygon>;
    expect(() => gapGraph({ features: [f[0], line] })).toThrow(/feature 1 is a LineString; expected Polygon/);
    const projected = turf.polygon([[[500000, 3200000], [500100, 3200000], [500100, 3200100], [500000, 3200000]]]);
    expect(() => gapGraph({ features: [projected] })).toThrow(/feature 0 has position \[500000,3200000\] outside lon\/lat/);
    const dot = turf.polygon([[[117.18, 29.27], [117.18, 29.27], [117.18, 29.27], [117.18, 29.27]]]);
    expect(() => gapGraph({ features: [f[0], dot] })).toThrow(/feature 1 has no extent/);
    const road = turf.lineString([[117.18, 29.27], [117.19, 29.28]], { kind: 'arterial' }) as BarrierFeature;
    expect(() => gapGraph({ features: f, barriers: [road, { ...road, properties: { name: '无类' } } as unknown as BarrierFeature] })).toThrow(/barrier 1 has no kind/);
    expect(() => gapGraph({ features: f, barriers: [turf.point([117.18, 29.27], { kind: 'gate' }) as unknown as BarrierFeature] })).toThrow(/barrier 0 is a Point; expected LineString/);
    expect(() => gapGraph({ features: f, barriers: [turf.feature({ type: 'LineString', coordinates: [[117.18, 29.27]] }, { kind: 'arterial' }) as BarrierFeature] })).toThrow(/barrier 0 has a line with too few positions/);
    expect(gapGraph({ features: [] }).graph.n).toBe(0);
  });
});

// ---- the demo district ----

const demoDir = join(root, 'data/demo');
type Props = Record<string, unknown>;
const communities = read<FeatureCollection<Polygon, Props>>(join(demoDir, 'communities.geojson')).features;
const roads = read<FeatureCollection<LineString, Props>>(join(demoDir, 'roads.geojson')).features;
const water = read<FeatureCollection<Polygon, Props>>(join(demoDir, 'water.geojson')).features;
const packages = read<{ id: string; name: string; members: string[] }[]>(join(demoDir, 'packages.json'));
const subdistrict = communities.map((c) => c.properties.subdistrict as string);
const asBarrier = (f: Feature<LineString | Polygon, Props>, kind: string): BarrierFeature =>
  ({ type: 'Feature', geometry: f.geometry, properties: { kind, name: (f.properties.name as string | null) ?? null } });
const demoBarriers = [
  ...roads.filter((r) => r.properties.class === 'arterial').map((r) => asBarrier(r, 'arterial')),
  ...water.map((w) => asBarrier(w, w.properties.kind as string)),
];
const demo = gapGraph({ features: communities, subdistrict, barriers: demoBarriers });

// local metres for the independent checks (equirectangular about the demo's centre)
const lat0 = 29.28;
const KY = (6371008.8 * Math.PI) / 180;
const KX = KY * Math.cos((lat0 * Math.PI) / 180);
const ringXY = (f: Feature<Polygon>) => f.geometry.coordinates[0].map((p: Position) => [p[0] * KX, p[1] * KY]);

/** Facing length by sampling every 0.25 m: wall points whose outward normal meets b's boundary within tol. */
function sampledFacing(a: Feature<Polygon>, b: Feature<Polygon>, tol: number): number {
  const A = ringXY(a), B = ringXY(b);
  const area = A.reduce((s, p, i) => { const q = A[(i + 1) % A.length]; return s + p[0] * q[1] - q[0] * p[1]; }, 0);
  const out = area > 0 ? 1 : -1; // counter-clockwise: outward is to the right
  let total = 0;
  for (let i = 0; i + 1 < A.length; i++) {
    const [x0, y0] = A[i], [x1, y1] = A[i + 1];
    const L = Math.hypot(x1 - x0, y1 - y0);
    if (L === 0) continue;
    const nx = (out * (y1 - y0)) / L, ny = (-out * (x1 - x0)) / L;
    const steps = Math.ceil(L / 0.25);
    for (let s = 0; s < steps; s++) {
      const t = (s + 0.5) / steps;
      const px = x0 + t * (x1 - x0), py = y0 + t * (y1 - y0);
      const hit = B.some((q, j) => {
        if (j + 1 >= B.length) return false;
        const [cx, cy] = q, [dx, dy] = B[j + 1];
        // solve p + w n = c + u (d - c)
        const ex = dx - cx, ey = dy - cy;
        const den = nx * ey - ny * ex;
        if (Math.abs(den) < 1e-12) return false;
        const w = ((cx - px) * ey - (cy - py) * ex) / den;
        const u = ((cx - px) * ny - (cy - py) * nx) / den;
        return u >= 0 && u <= 1 && w >= -0.5 && w <= tol;
      });
      if (hit) total += L / steps;
    }
  }
  return total;
}

describe('gapGraph on the demo district', () => {
  const edges = edgesOf(demo.graph);

  it('links every multi-member package: its members form a connected subgraph, in one 街道', () => {
    const index = new Map(communities.map((c, i) => [c.properties.id as string, i]));
    const multi = packages.filter((p) => p.members.length > 1);
    expect(multi.length).toBeGreaterThan(0);
    for (const p of multi) {
      const members = p.members.map((id) => index.get(id)!);
      expect(new Set(members.map((m) => subdistrict[m])).size, p.name).toBe(1);
      const seen = new Set([members[0]]);
      const stack = [members[0]];
      while (stack.length) {
        const a = stack.pop()!;
        for (let k = demo.graph.offsets[a]; k < demo.graph.offsets[a + 1]; k++) {
          const b = demo.graph.neighbours[k];
          if (members.includes(b) && !seen.has(b)) {
            seen.add(b);
            stack.push(b);
          }
        }
      }
      expect(seen.size, `${p.id} ${p.name}: members ${p.members.join(', ')}`).toBe(members.length);
    }
  });

  it('is symmetric, with edge attributes equal both ways and every gap within the tolerance', () => {
    const g = demo.graph;
    for (let a = 0; a < g.n; a++) {
      for (let k = g.offsets[a]; k < g.offsets[a + 1]; k++) {
        const b = g.neighbours[k];
        const row = Array.from(g.neighbours.subarray(g.offsets[b], g.offsets[b + 1]));
        const back = g.offsets[b] + row.indexOf(a);
        expect(row).toContain(a);
        expect([g.gap[back], g.shared[back]]).toEqual([g.gap[k], g.shared[k]]);
        expect(g.gap[k]).toBeLessThanOrEqual(30);
      }
    }
  });

  it('gap agrees with Turf’s geodesic vertex-to-boundary distance (sample of 60 edges)', () => {
    const step = Math.max(1, Math.floor(edges.length / 60));
    for (let k = 0; k < edges.length; k += step) {
      const { a, b, gap } = edges[k];
      const A = communities[a], B = communities[b];
      const lineA = turf.polygonToLine(A) as Feature<LineString>;
      const lineB = turf.polygonToLine(B) as Feature<LineString>;
      let want = Infinity;
      for (const p of A.geometry.coordinates[0]) want = Math.min(want, turf.pointToLineDistance(p, lineB, { units: 'meters' }));
      for (const p of B.geometry.coordinates[0]) want = Math.min(want, turf.pointToLineDistance(p, lineA, { units: 'meters' }));
      expect(Math.abs(gap - want), `${a}–${b}: ${gap} vs Turf ${want}`).toBeLessThanOrEqual(0.002 * want + 0.05);
    }
  });

  it('shared length agrees with sampling the walls every 0.25 m (sample of 40 edges)', () => {
    const step = Math.max(1, Math.floor(edges.length / 40));
    for (let k = 0; k < edges.length; k += step) {
      const { a, b, shared } = edges[k];
      const want = (sampledFacing(communities[a], communities[b], 30) + sampledFacing(communities[b], communities[a], 30)) / 2;
      expect(Math.abs(shared - want), `${a}–${b}: ${shared} vs sampled ${want}`).toBeLessThanOrEqual(0.01 * want + 0.5);
    }
  });

  it('at 50 m, pairs across arterials appear and are blocked with the arterial named; without barriers they link', () => {
    const wide = gapGraph({ features: communities, subdistrict, barriers: demoBarriers, toleranceM: 50 });
    expect(wide.blocked.length).toBeGreaterThan(0);
    for (const b of wide.blocked) {
      expect(b.barrier).toBe('arterial');
      expect(b.name).toBeTruthy();
      expect(b.gap).toBeGreaterThan(30); // 40 m road reserve plus setbacks: never within the default 30 m
    }
    const open = gapGraph({ features: communities, subdistrict, toleranceM: 50 });
    const count = (r: GapGraphResult) => r.graph.neighbours.length / 2 + r.crossSubdistrict.length + r.blocked.length;
    expect(count(open)).toBe(count(wide)); // the same pairs within 50 m, only classified differently
    expect(open.blocked).toEqual([]);
  });
});
