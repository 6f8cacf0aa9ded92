// What a facility reaches on foot (server/analysis/reach.ts): street pieces cut at the exact
// remaining distance, nothing across a river but over its bridge (the access fixture), and the
// per-edge distance field and walkWithin against nearestByNetwork on random grids.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Feature, FeatureCollection, Geometry, LineString, Point, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { compoundExitPoints, nearestByNetwork, type CompoundFeature } from '../../server/analysis/access.ts';
import { mulberry32 } from '../../server/analysis/random.ts';
import { distanceField, reachableSegments, walkWithin, type ReachSegment } from '../../server/analysis/reach.ts';
import { attachPoints, buildWalkNetwork, type WalkNetwork, type WalkRoadProps } from '../../server/analysis/walk.ts';

const LON0 = 117.18, LAT0 = 29.27;
const KY = (6371008.8 * Math.PI) / 180, KX = KY * Math.cos((LAT0 * Math.PI) / 180);
const ll = (x: number, y: number): Position => [LON0 + x / KX, LAT0 + y / KY];
const xy = (p: Position): [number, number] => [(p[0] - LON0) * KX, (p[1] - LAT0) * KY];
const road = (cls: string, ...pts: [number, number][]): Feature<LineString, WalkRoadProps> =>
  ({ type: 'Feature', properties: { class: cls }, geometry: { type: 'LineString', coordinates: pts.map(([x, y]) => ll(x, y)) } });

/** Pieces as [x0, y0, x1, y1, fromM, toM] on the metre grid, in a fixed order (by their values to 0.1 m). */
const pieces = (segs: ReachSegment[]) => sorted(segs.map((s) => {
  expect(s.path).toHaveLength(2);
  return [...xy(s.path[0]), ...xy(s.path[1]), s.fromM, s.toM];
}));
const sorted = (rows: number[][]) => {
  const key = (r: number[]) => r.map((v) => (Math.round(v * 10) / 10 + 0).toFixed(1)).join(',');
  return [...rows].sort((a, b) => key(a).localeCompare(key(b)));
};
/**
 * Same pieces within 5 mm: the network projects about the centre of its own roads, the test grid
 * about (117.18, 29.27), and the two differ by a few parts per million in metres per degree.
 */
const expectPieces = (got: number[][], want: number[][]) => {
  expect(got.length, JSON.stringify(got)).toBe(want.length);
  const w = sorted(want);
  got.forEach((g, i) => g.forEach((v, k) => expect(Math.abs(v - w[i][k]), `${JSON.stringify(g)} vs ${JSON.stringify(w[i])}`).toBeLessThan(0.005)));
};

describe('reachableSegments', () => {
  it('cuts partial edges at the exact remaining distance, from the facility\'s foot both ways', () => {
    // a street y = 0 (x 0…1000) crossed by a lane x = 450 (y −200…200); facility 3 m off the street at x = 400; 150 m
    const net = buildWalkNetwork([road('branch', [0, 0], [1000, 0]), road('lane', [450, -200], [450, 200])]);
    expectPieces(pieces(reachableSegments(net, ll(400, 3), 150)), [
      [400, 0, 253, 0, 3, 150], // towards x = 0: 147 m of the 400 m edge
      [400, 0, 450, 0, 3, 53], // the whole way to the junction
      [450, 0, 547, 0, 53, 150], // on past it: 97 m
      [450, 0, 450, 97, 53, 150], // and up and down the lane
      [450, 0, 450, -97, 53, 150],
    ]);
  });

  it('reaches an edge from both ends towards the walk\'s peak, meeting there when the radius allows', () => {
    // a block 200 × 100 m; facility 3 m south of the middle of its south side
    const net = buildWalkNetwork([road('branch', [0, 0], [200, 0], [200, 100], [0, 100], [0, 0])]);
    const top = (r: number) => pieces(reachableSegments(net, ll(100, -3), r)).filter((p) => Math.abs(p[1] - 100) < 0.01 && Math.abs(p[3] - 100) < 0.01);
    expectPieces(top(250), [[0, 100, 47, 100, 203, 250], [200, 100, 153, 100, 203, 250]]);
    expectPieces(top(400), [[0, 100, 100, 100, 203, 303], [200, 100, 100, 100, 203, 303]]);
  });

  it('is empty when the facility is farther from every street than the radius', () => {
    const net = buildWalkNetwork([road('branch', [0, 0], [100, 0])]);
    expect(reachableSegments(net, ll(50, 40), 30)).toEqual([]);
    expect(reachableSegments(net, ll(50, 40), 45).length).toBe(2);
  });

  it('reaches nothing across the river but over the bridge (access fixture river-bridge)', () => {
    type P = { role: string; class?: string; id?: string; kind?: string };
    const fc = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/access/in/river-bridge.geojson'), 'utf8')) as FeatureCollection<Geometry, P>;
    const net = buildWalkNetwork(fc.features.filter((f) => f.properties.role === 'road') as unknown as Feature<LineString, WalkRoadProps>[]);
    const kg = (fc.features.find((f) => f.properties.role === 'facility') as Feature<Point, P>).geometry.coordinates; // (0, 45)
    const segs = pieces(reachableSegments(net, kg, 300));
    // the walk reaches the bridge's north end at 5 + 200, its south end at 265, then 35 m either way along the south bank
    const south = segs.filter((p) => Math.abs(p[1] + 10) < 0.01 && Math.abs(p[3] + 10) < 0.01);
    expectPieces(south, [[200, -10, 165, -10, 265, 300], [200, -10, 235, -10, 265, 300]]);
    // nothing else south of the river: the only other pieces there are on the bridge itself (x = 200)
    for (const p of segs) if (p[1] < 0 || p[3] < 0) expect(south.includes(p) || (Math.abs(p[0] - 200) < 0.01 && Math.abs(p[2] - 200) < 0.01), JSON.stringify(p)).toBe(true);
    const compounds = fc.features.filter((f) => f.properties.role === 'compound') as unknown as CompoundFeature[];
    const { points, start } = compoundExitPoints(compounds);
    const groups = compounds.map((_, i) => points.slice(start[i], start[i + 1]));
    const w = walkWithin(net, kg, 300, groups);
    expect(w[0]).toBe(Infinity); // A across the river: 470 m
    expect(w[1]).toBeCloseTo(10, 3); // B on its bank
    expect(walkWithin(net, kg, 500, groups)[0]).toBeCloseTo(470, 2);
  });

  it('explains misuse', () => {
    const net = buildWalkNetwork([road('branch', [0, 0], [100, 0])]);
    expect(() => reachableSegments(net, ll(0, 0), -1)).toThrow(/radiusM/);
    expect(() => reachableSegments({} as WalkNetwork, ll(0, 0), 1)).toThrow(/buildWalkNetwork/);
    expect(() => reachableSegments(net, [500, 0], 10)).toThrow(/WGS84/);
    expect(() => walkWithin(net, ll(0, 0), 10, [[[Number.NaN, 0]]])).toThrow(/group 0/);
    expect(() => distanceField(net, {} as Position[])).toThrow(/sources/);
  });
});

function randomGrid(seed: number) {
  const rnd = mulberry32(seed);
  const side = 8, step = 50;
  const roads: Feature<LineString, WalkRoadProps>[] = [];
  for (let i = 0; i < side; i++) {
    for (let j = 0; j + 1 < side; j++) {
      if (rnd() > 0.25) roads.push(road(rnd() < 0.2 ? 'arterial' : 'branch', [i * step, j * step], [i * step, (j + 1) * step]));
      if (rnd() > 0.25) roads.push(road('lane', [j * step, i * step], [(j + 1) * step, i * step]));
    }
  }
  roads.push(road('lane', [1000, 1000], [1100, 1000])); // a piece nobody reaches
  const net = buildWalkNetwork(roads, { arterialCrossingAtJunctionsOnly: seed % 2 === 0 });
  const pt = () => ll(rnd() * side * step - step / 2, rnd() * side * step - step / 2);
  return { net, rnd, pt };
}

describe('distanceField and walkWithin against nearestByNetwork', () => {
  it('the field at both ends of every edge equals nearestByNetwork to the node', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { net, pt } = randomGrid(seed);
      const sources = Array.from({ length: 4 }, pt);
      const field = distanceField(net, sources);
      expect(field).toHaveLength(2 * net.edgeA.length);
      const ends: Position[] = [];
      for (let e = 0; e < net.edgeA.length; e++) ends.push([net.lon[net.edgeA[e]], net.lat[net.edgeA[e]]], [net.lon[net.edgeB[e]], net.lat[net.edgeB[e]]]);
      const ref = nearestByNetwork(net, attachPoints(net, sources), attachPoints(net, ends));
      let unreachable = 0;
      for (let k = 0; k < field.length; k++) {
        if (ref[k] === Infinity) { expect(field[k]).toBe(Infinity); unreachable++; } else expect(field[k]).toBeCloseTo(ref[k], 6);
      }
      expect(unreachable).toBeGreaterThanOrEqual(2); // the detached lane
    }
    const { net } = randomGrid(1);
    expect(distanceField(net, []).every((d) => d === Infinity)).toBe(true);
  });

  it('walkWithin equals the best nearestByNetwork distance of each group where it is within the radius', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { net, rnd, pt } = randomGrid(seed);
      const from = pt();
      const groups = Array.from({ length: 40 }, () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, pt));
      const R = 100 + rnd() * 150;
      const got = walkWithin(net, from, R, groups);
      const d = nearestByNetwork(net, attachPoints(net, [from]), attachPoints(net, groups.flat()));
      let k = 0, within = 0;
      groups.forEach((g, i) => {
        let best = Infinity;
        for (let j = 0; j < g.length; j++) best = Math.min(best, d[k++]);
        if (best <= R) { expect(got[i]).toBeCloseTo(best, 6); within++; } else expect(got[i]).toBe(Infinity);
      });
      expect(within).toBeGreaterThan(0);
    }
  });

  it('every reached piece agrees with nearestByNetwork at its ends and stays within the radius', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const { net, pt } = randomGrid(seed);
      const from = pt();
      const segs = reachableSegments(net, from, 180);
      expect(segs.length).toBeGreaterThan(0);
      const ends = segs.flatMap((s) => [s.path[0], s.path[1]]);
      const ref = nearestByNetwork(net, attachPoints(net, [from]), attachPoints(net, ends));
      segs.forEach((s, i) => {
        expect(s.toM).toBeLessThanOrEqual(180 + 1e-9);
        expect(s.fromM).toBeLessThanOrEqual(s.toM);
        // a piece's far end may be a peak reached equally from both sides, or the cut at the radius: the network distance there is toM
        expect(ref[2 * i]).toBeCloseTo(s.fromM, 6);
        expect(ref[2 * i + 1]).toBeCloseTo(s.toM, 6);
      });
    }
  });
});
