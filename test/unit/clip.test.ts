// Exact clipping of lines by polygons: GeoJSON fixtures (test/fixtures/clip/in, one case each,
// built on a metre grid at 29.27°N so the expected lengths in out/ follow from the drawing),
// then random lines against an independent estimate (0.5 m pieces tested with Turf) and
// inside + outside = the whole line.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import * as turf from '@turf/turf';
import type { FeatureCollection, Geometry, LineString, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { clipper, lengthInside } from '../../server/analysis/clip.ts';
import { mulberry32 } from '../../server/analysis/random.ts';

const fixtures = resolve(import.meta.dirname, '../fixtures/clip');
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
type Fixture = FeatureCollection<Geometry, { role: 'polygon' | 'line' }> & { description: string };

function load(name: string) {
  const fc = read<Fixture>(join(fixtures, 'in', `${name}.geojson`));
  const polygons = fc.features.filter((f) => f.properties.role === 'polygon').map((f) => (f.geometry as Polygon).coordinates);
  const line = (fc.features.find((f) => f.properties.role === 'line')!.geometry as LineString).coordinates;
  return { fc, polygons, line };
}

const names = readdirSync(join(fixtures, 'in')).filter((f) => f.endsWith('.geojson')).map((f) => basename(f, '.geojson')).sort();

describe('lengthInside: fixtures', () => {
  it('has the six cases the brief names, and more', () => {
    expect(names).toEqual(expect.arrayContaining(['inside', 'outside', 'crossing-once', 'crossing-twice', 'along-edge', 'hole']));
  });

  for (const name of names) {
    it(name, () => {
      const { fc, polygons, line } = load(name);
      const expected = read<{ lengthM: number }>(join(fixtures, 'out', `${name}.json`)).lengthM;
      expect(fc.description).toBeTruthy();
      expect(Math.abs(lengthInside(line, polygons) - expected)).toBeLessThan(0.01); // 1 cm on 100 m
    });
  }

  it('a line wholly inside measures what Turf measures', () => {
    const { polygons, line } = load('inside');
    expect(lengthInside(line, polygons)).toBeCloseTo(turf.length(turf.lineString(line), { units: 'meters' }), 2);
  });

  it('is the same whichever way the line runs', () => {
    for (const name of names) {
      const { polygons, line } = load(name);
      expect(lengthInside([...line].reverse(), polygons)).toBeCloseTo(lengthInside(line, polygons), 6);
    }
  });
});

describe('lengthInside: properties', () => {
  // An independent estimate: cut the line into 0.5 m pieces and count those whose midpoint Turf finds inside.
  function sampled(line: Position[], polygons: Position[][][]): number {
    let total = 0;
    for (const piece of turf.lineChunk(turf.lineString(line), 0.5, { units: 'meters' }).features) {
      const len = turf.length(piece, { units: 'meters' });
      const mid = turf.along(piece, len / 2, { units: 'meters' });
      if (polygons.some((p) => turf.booleanPointInPolygon(mid, turf.polygon(p)))) total += len;
    }
    return total;
  }

  it('agrees with sampling through Turf for random lines across two polygons, one with a hole', () => {
    const polygons = [...load('hole').polygons, ...load('shared-wall').polygons.slice(1)];
    const inside = clipper(polygons);
    const rnd = mulberry32(7);
    const [x0, y0, x1, y1] = turf.bbox(turf.featureCollection(polygons.map((p) => turf.polygon(p))));
    const pick = (): Position => [x0 - 0.0003 + rnd() * (x1 - x0 + 0.0006), y0 - 0.0003 + rnd() * (y1 - y0 + 0.0006)];
    for (let k = 0; k < 60; k++) {
      const line = [pick(), pick(), pick()];
      // each crossing may shift the sampled estimate by up to half a piece
      expect(Math.abs(inside(line) - sampled(line, polygons))).toBeLessThan(1.5);
    }
  });

  it('inside + outside = the whole line', () => {
    const { polygons } = load('hole');
    const [outer, hole] = polygons[0];
    // The outside: a large frame with the polygon's outer ring as its hole, plus the hole itself.
    const frame: Position[] = [[117.17, 29.26], [117.19, 29.26], [117.19, 29.28], [117.17, 29.28], [117.17, 29.26]];
    const outside = clipper([[frame, [...outer].reverse()], [[...hole].reverse()]]);
    const inside = clipper(polygons);
    const rnd = mulberry32(11);
    const pick = (): Position => [117.1795 + rnd() * 0.002, 29.2695 + rnd() * 0.002];
    for (let k = 0; k < 200; k++) {
      const line = [pick(), pick(), pick()];
      const whole = turf.length(turf.lineString(line), { units: 'meters' });
      expect(Math.abs(inside(line) + outside(line) - whole)).toBeLessThan(whole * 1e-3 + 1e-6);
    }
  });

  it('gives 0 for no polygons and for a degenerate line', () => {
    expect(lengthInside([[117.18, 29.27], [117.19, 29.27]], [])).toBe(0);
    const { polygons } = load('inside');
    expect(lengthInside([[117.1805, 29.2705], [117.1805, 29.2705]], polygons)).toBe(0);
  });

  it('refuses positions that are not lon/lat', () => {
    expect(() => lengthInside([[0, 0], [1, 1]], [[[[500000, 3200000], [500100, 3200000], [500100, 3200100], [500000, 3200000]]]])).toThrow(/lon\/lat/);
  });
});
