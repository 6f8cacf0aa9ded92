// Greedy maximal coverage on the walking network (server/analysis/coverage.ts): GeoJSON fixtures
// (test/fixtures/coverage/in, drawn on a metre grid at 29.27°N like the access fixtures, expected
// picks in out/ worked out by hand from the drawing), then checks against independent computations:
// every cover set against nearestByNetwork run per candidate, the lazy greedy against plain greedy,
// and greedy against the brute-force optimum where greedy is optimal.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Feature, FeatureCollection, Geometry, LineString, Point, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { compoundExitPoints, nearestByNetwork, type CompoundFeature } from '../../server/analysis/access.ts';
import { coverSets, greedy, maximalCoverage, nodesInBox, nodesInPolygons, type CoverageInput, type CoverSets } from '../../server/analysis/coverage.ts';
import { mulberry32 } from '../../server/analysis/random.ts';
import { attachPoints, buildWalkNetwork, type WalkNetwork, type WalkRoadProps } from '../../server/analysis/walk.ts';

const fixtures = resolve(import.meta.dirname, '../fixtures/coverage');
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
type Props = { role: string; class?: string; id?: string; households?: number; gates?: Position[] };
type Fixture = FeatureCollection<Geometry, Props> & { description: string; settings: { arterialCrossingAtJunctionsOnly: boolean; radiusM: number; maxSites: number } };
type ExpectedPick = { candidate: string; gainHouseholds: number; gainCommunities: number; covers: string[] };
type Expected = { picks: ExpectedPick[]; coverable: string[] };

const names = readdirSync(join(fixtures, 'in')).filter((f) => f.endsWith('.geojson')).map((f) => basename(f, '.geojson')).sort();

function load(name: string) {
  const fc = read<Fixture>(join(fixtures, 'in', `${name}.geojson`));
  const roads = fc.features.filter((f) => f.properties.role === 'road') as unknown as Feature<LineString, WalkRoadProps>[];
  const compounds = fc.features.filter((f) => f.properties.role === 'compound') as unknown as CompoundFeature[];
  const candidates = fc.features.filter((f) => f.properties.role === 'candidate') as unknown as Feature<Point, Props>[];
  const network = buildWalkNetwork(roads, { arterialCrossingAtJunctionsOnly: fc.settings.arterialCrossingAtJunctionsOnly });
  const { points, start } = compoundExitPoints(compounds);
  const input: CoverageInput = {
    demandPoints: compounds.map((_, i) => points.slice(start[i], start[i + 1])),
    weight: compounds.map((c) => c.properties.households as number),
    candidates: candidates.map((c) => c.geometry.coordinates),
    radiusM: fc.settings.radiusM, maxSites: fc.settings.maxSites,
  };
  return { fc, network, input, compoundIds: compounds.map((c) => c.properties.id as string), candidateIds: candidates.map((c) => c.properties.id!) };
}

/** Independent cover sets: per candidate one full nearestByNetwork run to every exit point; covered when the best exit point is within the radius. */
function bruteCover(network: WalkNetwork, input: CoverageInput): boolean[][] {
  const flat = input.demandPoints.flat();
  const owner = input.demandPoints.flatMap((pts, i) => pts.map(() => i));
  const targets = attachPoints(network, flat);
  return input.candidates.map((c) => {
    const d = nearestByNetwork(network, attachPoints(network, [c]), targets);
    const best = new Float64Array(input.demandPoints.length).fill(Infinity);
    d.forEach((x, k) => { if (x < best[owner[k]]) best[owner[k]] = x; });
    return Array.from(best, (x) => x <= input.radiusM);
  });
}

/** Checks that each pick covers exactly the demands within the radius of it (by bruteCover) not covered by an earlier pick. */
function checkPicksIndependently(network: WalkNetwork, input: CoverageInput, picks: { candidate: number; covers: number[]; gainWeight: number; gainCount: number }[]) {
  const cover = bruteCover(network, input);
  const covered = new Set<number>();
  for (const p of picks) {
    const expected = input.demandPoints.map((_, d) => d).filter((d) => cover[p.candidate][d] && !covered.has(d));
    expect(p.covers).toEqual(expected);
    expect(p.gainCount).toBe(expected.length);
    expect(p.gainWeight).toBe(expected.reduce((s, d) => s + input.weight[d], 0));
    for (const d of expected) covered.add(d);
  }
}

describe('maximalCoverage: fixtures', () => {
  it('has the cases the issue names', () => {
    expect(names).toEqual(expect.arrayContaining([
      'across-river-no-bridge-covers-nothing', 'across-river-via-bridge-covers', 'most-households-first', 'second-gain-excludes-first', 'beyond-every-radius-not-coverable',
    ]));
  });

  for (const name of names) {
    it(name, () => {
      const { fc, network, input, compoundIds, candidateIds } = load(name);
      expect(fc.description).toBeTruthy();
      const expected = read<Expected>(join(fixtures, 'out', `${name}.json`));
      const res = maximalCoverage(network, input);
      expect(res.picks.map((p) => ({
        candidate: candidateIds[p.candidate], gainHouseholds: p.gainWeight, gainCommunities: p.gainCount, covers: p.covers.map((d) => compoundIds[d]),
      }))).toEqual(expected.picks);
      expect(res.coverable.map((d) => compoundIds[d])).toEqual(expected.coverable);
      checkPicksIndependently(network, input, res.picks);
    });
  }

  it('greedy reaches the brute-force optimum for every number of sites on second-gain-excludes-first', () => {
    const { network, input } = load('second-gain-excludes-first');
    const cover = bruteCover(network, input);
    const C = input.candidates.length, D = input.demandPoints.length;
    for (let k = 1; k <= C; k++) {
      let best = 0;
      for (let mask = 0; mask < 1 << C; mask++) {
        let bits = 0;
        for (let c = 0; c < C; c++) if (mask & (1 << c)) bits++;
        if (bits > k) continue;
        let w = 0;
        for (let d = 0; d < D; d++) if (cover.some((row, c) => mask & (1 << c) && row[d])) w += input.weight[d];
        best = Math.max(best, w);
      }
      const got = maximalCoverage(network, { ...input, maxSites: k }).picks.reduce((s, p) => s + p.gainWeight, 0);
      expect(got, `k = ${k}`).toBe(best);
    }
  });
});

// ---- random grids with missing streets and arterials (as in access.test.ts) ----
const LON0 = 117.18, LAT0 = 29.27;
const KY = (6371008.8 * Math.PI) / 180, KX = KY * Math.cos((LAT0 * Math.PI) / 180);
const ll = (x: number, y: number): Position => [LON0 + x / KX, LAT0 + y / KY];
const road = (cls: string, ...pts: [number, number][]): Feature<LineString, WalkRoadProps> =>
  ({ type: 'Feature', properties: { class: cls }, geometry: { type: 'LineString', coordinates: pts.map(([x, y]) => ll(x, y)) } });

function randomCase(seed: number) {
  const rnd = mulberry32(seed);
  const side = 9, step = 60;
  const roads: Feature<LineString, WalkRoadProps>[] = [];
  for (let i = 0; i < side; i++) {
    for (let j = 0; j + 1 < side; j++) {
      if (rnd() > 0.2) roads.push(road(rnd() < 0.15 ? 'arterial' : 'branch', [i * step, j * step], [i * step, (j + 1) * step]));
      if (rnd() > 0.2) roads.push(road('lane', [j * step, i * step], [(j + 1) * step, i * step]));
    }
  }
  const network = buildWalkNetwork(roads, { arterialCrossingAtJunctionsOnly: seed % 2 === 0 });
  const pt = () => ll(rnd() * side * step - step / 2, rnd() * side * step - step / 2);
  const D = 30, C = 25;
  const input: CoverageInput = {
    demandPoints: Array.from({ length: D }, () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, pt)),
    weight: Array.from({ length: D }, () => 1 + Math.floor(rnd() * 4)), // small integers: many ties
    candidates: Array.from({ length: C }, pt),
    radiusM: 80 + rnd() * 120,
    maxSites: 6,
  };
  return { network, input };
}

/** Plain greedy: every round, every candidate's gain counted afresh; same tie rule (weight, count, lower index). */
function plainGreedy(sets: CoverSets, weight: ArrayLike<number>, maxSites: number) {
  const C = sets.start.length - 1;
  const covered = new Uint8Array(weight.length);
  const picks: { candidate: number; gainWeight: number; gainCount: number; covers: number[] }[] = [];
  while (picks.length < maxSites) {
    let best = -1, bw = 0, bn = 0;
    for (let c = 0; c < C; c++) {
      let w = 0, n = 0;
      for (let k = sets.start[c]; k < sets.start[c + 1]; k++) if (!covered[sets.demands[k]]) { w += weight[sets.demands[k]]; n++; }
      if (w > bw || (w === bw && w > 0 && n > bn)) { best = c; bw = w; bn = n; }
    }
    if (best === -1) break;
    const covers = [];
    for (let k = sets.start[best]; k < sets.start[best + 1]; k++) if (!covered[sets.demands[k]]) { covered[sets.demands[k]] = 1; covers.push(sets.demands[k]); }
    picks.push({ candidate: best, gainWeight: bw, gainCount: bn, covers });
  }
  return picks;
}

describe('maximalCoverage: against independent computations', () => {
  it('cover sets equal one nearestByNetwork run per candidate on random grids', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { network, input } = randomCase(seed);
      const sets = coverSets(network, input);
      const brute = bruteCover(network, input);
      let pairs = 0;
      brute.forEach((row, c) => {
        const got = Array.from(sets.demands.subarray(sets.start[c], sets.start[c + 1]));
        expect(got, `seed ${seed} candidate ${c}`).toEqual(row.flatMap((x, d) => (x ? [d] : [])));
        pairs += got.length;
      });
      expect(pairs).toBeGreaterThan(0); // the cases are not empty
    }
  });

  it('lazy greedy picks what plain greedy picks, and each pick covers exactly the not yet covered compounds within the radius', () => {
    let ties = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { network, input } = randomCase(seed);
      const res = maximalCoverage(network, input);
      expect(res.picks, `seed ${seed}`).toEqual(plainGreedy(coverSets(network, input), input.weight, input.maxSites));
      checkPicksIndependently(network, input, res.picks);
      for (let k = 1; k < res.picks.length; k++) {
        expect(res.picks[k].gainWeight).toBeLessThanOrEqual(res.picks[k - 1].gainWeight);
        if (res.picks[k].gainWeight === res.picks[k - 1].gainWeight) ties++;
      }
    }
    expect(ties).toBeGreaterThan(0); // the tie rule was exercised
  });

  it('stops when no candidate adds households, and at maxSites', () => {
    const { network, input } = randomCase(3);
    const all = maximalCoverage(network, { ...input, maxSites: 1000 });
    const covered = new Set(all.picks.flatMap((p) => p.covers));
    expect([...covered].sort((a, b) => a - b)).toEqual(all.coverable); // it went on until all coverable weight was taken
    expect(all.picks.every((p) => p.gainWeight > 0)).toBe(true);
    expect(maximalCoverage(network, { ...input, maxSites: 2 }).picks).toEqual(all.picks.slice(0, 2));
    expect(maximalCoverage(network, { ...input, maxSites: 0 }).picks).toEqual([]);
    // zero weights add nothing: no pick at all
    expect(maximalCoverage(network, { ...input, weight: Array.from(input.weight, () => 0) }).picks).toEqual([]);
  });

  it('explains misuse', () => {
    const { network, input } = randomCase(1);
    expect(() => maximalCoverage(network, { ...input, weight: [1] })).toThrow(/1 weights for 30 demand compounds/);
    expect(() => maximalCoverage(network, { ...input, demandPoints: [[], ...input.demandPoints.slice(1)] })).toThrow(/demand compound 0 has no exit points/);
    expect(() => maximalCoverage(network, { ...input, weight: Array.from(input.weight, (w, i) => (i === 2 ? -1 : w)) })).toThrow(/demand compound 2 has weight -1/);
    expect(() => maximalCoverage(network, { ...input, radiusM: NaN })).toThrow(/radiusM/);
    expect(() => maximalCoverage(network, { ...input, maxSites: 1.5 })).toThrow(/maxSites/);
    expect(() => maximalCoverage(network, { ...input, candidates: [[500, 1]] })).toThrow(/WGS84/);
    expect(() => maximalCoverage({} as WalkNetwork, input)).toThrow(/buildWalkNetwork/);
  });
});

describe('candidate areas', () => {
  const net = buildWalkNetwork([road('branch', [0, 0], [300, 0]), road('branch', [0, 100], [300, 100]), road('lane', [150, 0], [150, 100])]);
  const near = (x: number, y: number) => Array.from({ length: net.n }, (_, v) => v).filter((v) => Math.hypot(net.x[v] - net.x[0] - x, net.y[v] - net.y[0] - y) < 0.5);
  const at = (x: number, y: number) => {
    const v = near(x, y);
    expect(v).toHaveLength(1);
    return v[0];
  };

  it('nodesInPolygons keeps the nodes inside, not those in a hole', () => {
    const ring = (x0: number, y0: number, x1: number, y1: number) => [ll(x0, y0), ll(x1, y0), ll(x1, y1), ll(x0, y1), ll(x0, y0)];
    expect(nodesInPolygons(net, [[ring(-10, -10, 160, 110)]])).toEqual([at(0, 0), at(150, 0), at(0, 100), at(150, 100)].sort((a, b) => a - b));
    expect(nodesInPolygons(net, [[ring(-10, -10, 160, 110), ring(140, -5, 155, 5)]])).toEqual([at(0, 0), at(0, 100), at(150, 100)].sort((a, b) => a - b));
    expect(nodesInPolygons(net, [[ring(-10, -10, 10, 10)], [ring(290, 90, 310, 110)]])).toEqual([at(0, 0), at(300, 100)].sort((a, b) => a - b));
    expect(() => nodesInPolygons(net, [[]])).toThrow(/outer ring/);
  });

  it('nodesInBox grows the box by metres', () => {
    const box = [...ll(140, -5), ...ll(160, 5)] as [number, number, number, number];
    expect(nodesInBox(net, box, 0)).toEqual([at(150, 0)]);
    expect(nodesInBox(net, box, 96)).toEqual([at(150, 0), at(150, 100)].sort((a, b) => a - b));
    expect(nodesInBox(net, box, 141)).toEqual([at(0, 0), at(150, 0), at(300, 0), at(0, 100), at(150, 100), at(300, 100)].sort((a, b) => a - b));
    expect(() => nodesInBox(net, box, -1)).toThrow(/growM/);
  });
});

// keep the greedy's own validation honest
describe('greedy', () => {
  it('refuses inconsistent cover sets', () => {
    expect(() => greedy({ start: Uint32Array.of(0, 2), demands: Uint32Array.of(0) }, [1], 1)).toThrow(/inconsistent/);
    expect(() => greedy({ start: Uint32Array.of(0, 1), demands: Uint32Array.of(3) }, [1], 1)).toThrow(/demand 3/);
  });
});
