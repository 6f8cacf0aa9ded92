// Exact polygon contiguity (libpysal's queen and rook) on a fixture grid and on the classic
// PySAL data sets, cross-checked against a brute-force all-pairs implementation and against the
// link counts libpysal itself reports (shared/data/regionalization/spopt-maxp-reference.json).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { polygonContiguity, type ContiguityMode } from '../../server/analysis/contiguity.ts';
import type { Graph } from '../../server/analysis/csr.ts';

const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'test/fixtures/neighbours');
const shared = join(root, '../shared/data/regionalization');
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
type Poly = Feature<Polygon | MultiPolygon>;
const load = (name: string) => read<FeatureCollection<Polygon | MultiPolygon>>(join(shared, `${name}.geojson`)).features;

const rows = (g: Graph) => Array.from({ length: g.n }, (_, i) => Array.from(g.neighbours.subarray(g.offsets[i], g.offsets[i + 1])));
const edgeCount = (g: Graph) => g.neighbours.length / 2;

function symmetric(g: Graph): boolean {
  const r = rows(g);
  return r.every((nb, i) => nb.every((j) => j !== i && r[j].includes(i)));
}

/** Brute force, all pairs: each feature's vertex (or undirected edge) set as strings, intersected. */
function bruteForce(features: Poly[], mode: ContiguityMode): number[][] {
  const keys = features.map((f) => {
    const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Position[][][];
    const set = new Set<string>();
    for (const ring of polys.flat()) {
      const v = ring.map((p) => `${p[0] + 0},${p[1] + 0}`);
      if (mode === 'queen') v.forEach((k) => set.add(k));
      else for (let k = 0; k < v.length; k++) {
        const a = v[k], b = v[(k + 1) % v.length];
        if (a !== b) set.add(a < b ? `${a}|${b}` : `${b}|${a}`);
      }
    }
    return set;
  });
  const nb: number[][] = features.map(() => []);
  for (let i = 0; i < features.length; i++) {
    for (let j = i + 1; j < features.length; j++) {
      for (const k of keys[i]) {
        if (keys[j].has(k)) {
          nb[i].push(j);
          nb[j].push(i);
          break;
        }
      }
    }
  }
  return nb.map((r) => r.sort((a, b) => a - b));
}

const square = (x: number, y: number, s = 1): Feature<Polygon> => ({
  type: 'Feature', properties: {},
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] },
});

describe('polygonContiguity', () => {
  it('3 × 3 grid: corner-touching cells are queen but not rook neighbours', () => {
    const grid = read<FeatureCollection<Polygon>>(join(fixtures, 'in/grid3x3.geojson')).features;
    const want = read<{ queen: number[][]; rook: number[][] }>(join(fixtures, 'out/grid3x3.json'));
    const queen = polygonContiguity(grid, 'queen');
    const rook = polygonContiguity(grid, 'rook');
    expect(rows(queen)).toEqual(want.queen);
    expect(rows(rook)).toEqual(want.rook);
    expect([edgeCount(queen), edgeCount(rook)]).toEqual([20, 12]);
    expect(rows(queen)[0]).toContain(4); // south-west corner cell and the centre share one vertex
    expect(rows(rook)[0]).not.toContain(4);
  });

  it('rook: an edge shared in opposite directions counts; so does the closing edge of an unclosed ring', () => {
    const a = square(0, 0);
    const b: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[1, 1], [1, 0], [2, 0], [2, 1]]] } };
    expect(rows(polygonContiguity([a, b], 'rook'))).toEqual([[1], [0]]);
  });

  it('counts holes and every part of a MultiPolygon, as libpysal does', () => {
    // a frame with a hole exactly filled by a square, and a two-part feature touching a far square
    const frame: Feature<Polygon> = {
      type: 'Feature', properties: {},
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [0, 3], [0, 0]], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]] },
    };
    const multi: Feature<MultiPolygon> = {
      type: 'Feature', properties: {},
      geometry: { type: 'MultiPolygon', coordinates: [[[[10, 0], [11, 0], [11, 1], [10, 1], [10, 0]]], [[[20, 0], [21, 0], [21, 1], [20, 1], [20, 0]]]] },
    };
    const g = polygonContiguity([frame, square(1, 1), multi, square(21, 0)], 'rook');
    expect(rows(g)).toEqual([[1], [0], [3], [2]]);
  });

  it('compares coordinates exactly (libpysal’s vertex hashing): a 1e-12° shift parts two squares; -0 equals 0', () => {
    expect(edgeCount(polygonContiguity([square(-1, 0), square(1e-12, 0)], 'queen'))).toBe(0);
    expect(edgeCount(polygonContiguity([square(-1, -1), square(-0, -0)], 'queen'))).toBe(1);
  });

  it('mexico, 32 states: queen 69 links as libpysal reports, rook 65; symmetric; every state has a neighbour', () => {
    const states = load('mexico');
    const names = states.map((f) => f.properties!.name as string);
    const queen = polygonContiguity(states, 'queen');
    const rook = polygonContiguity(states, 'rook');
    const reference = read<{ datasets: { mexico: { queen_links: number } } }>(join(shared, 'spopt-maxp-reference.json'));
    expect(edgeCount(queen)).toBe(reference.datasets.mexico.queen_links);
    expect(edgeCount(queen)).toBe(69);
    expect(edgeCount(rook)).toBe(65);
    for (const g of [queen, rook]) expect(symmetric(g)).toBe(true);
    expect(rows(queen).every((r) => r.length >= 1)).toBe(true);
    const of = (name: string) => rows(queen)[names.indexOf(name)].map((j) => names[j]);
    expect(of('Baja California Norte')).toEqual(['Baja California Sur', 'Sonora']);
    expect(of('Yucatan')).toEqual(['Campeche', 'Quintana Roo']);
    expect(of('Distrito Federal')).toEqual(['Mexico', 'Morelos']);
    expect(rows(queen)).toEqual(bruteForce(states, 'queen'));
    expect(rows(rook)).toEqual(bruteForce(states, 'rook'));
  });

  it('sids2, 100 North Carolina counties: queen 245 links as libpysal reports, rook 231; matches brute force', () => {
    const counties = load('sids2');
    const names = counties.map((f) => f.properties!.name as string);
    const queen = polygonContiguity(counties, 'queen');
    const rook = polygonContiguity(counties, 'rook');
    const reference = read<{ datasets: { sids2: { queen_links: number } } }>(join(shared, 'spopt-maxp-reference.json'));
    expect(edgeCount(queen)).toBe(reference.datasets.sids2.queen_links);
    expect(edgeCount(queen)).toBe(245);
    expect(edgeCount(rook)).toBe(231);
    for (const g of [queen, rook]) expect(symmetric(g)).toBe(true);
    expect(rows(queen).every((r) => r.length >= 2)).toBe(true);
    expect(rows(queen)[names.indexOf('Ashe')].map((j) => names[j])).toEqual(['Alleghany', 'Wilkes', 'Watauga']);
    expect(rows(queen)).toEqual(bruteForce(counties, 'queen'));
    expect(rows(rook)).toEqual(bruteForce(counties, 'rook'));
  });

  it('NAT, 3 085 US counties: queen 9 084 links, rook 8 594, no islands, well under a second', () => {
    const counties = load('nat');
    const t0 = performance.now();
    const queen = polygonContiguity(counties, 'queen');
    const ms = performance.now() - t0;
    expect(edgeCount(queen)).toBe(9084);
    expect(edgeCount(polygonContiguity(counties, 'rook'))).toBe(8594);
    expect(symmetric(queen)).toBe(true);
    expect(rows(queen).every((r) => r.length >= 1)).toBe(true);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses bad input, naming the feature', () => {
    const line = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } } as unknown as Poly;
    const empty = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [] } } as Poly;
    const none = { type: 'Feature', properties: {}, geometry: null } as unknown as Poly;
    const nan = square(0, 0);
    nan.geometry.coordinates[0][2] = [Number.NaN, 1];
    expect(() => polygonContiguity([square(0, 0), line], 'queen')).toThrow(/feature 1 is a LineString; expected Polygon or MultiPolygon/);
    expect(() => polygonContiguity([empty], 'queen')).toThrow(/feature 0 has an empty geometry/);
    expect(() => polygonContiguity([square(0, 0), square(1, 0), none], 'rook')).toThrow(/feature 2 has no geometry/);
    expect(() => polygonContiguity([nan], 'queen')).toThrow(/feature 0 has an invalid position/);
    expect(() => polygonContiguity([square(0, 0)], 'bishop' as ContiguityMode)).toThrow(/mode must be 'queen' or 'rook'/);
    expect(() => polygonContiguity({} as Poly[], 'queen')).toThrow(/must be an array/);
    expect(polygonContiguity([], 'queen').n).toBe(0);
  });
});
