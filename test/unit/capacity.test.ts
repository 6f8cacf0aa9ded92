// Capacity as the second gap measure: compounds allotted to their nearest facility on foot, and each
// facility's places against the places its catchment needs. Hand-computed on a straight street.
import type { Feature, LineString, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { nearestByNetwork, nearestSource, type ExitPoints } from '../../server/analysis/access.ts';
import { catchments } from '../../server/analysis/capacity.ts';
import { mulberry32 } from '../../server/analysis/random.ts';
import { attachPoints, buildWalkNetwork, type WalkRoadProps } from '../../server/analysis/walk.ts';

const LON0 = 117.18, LAT0 = 29.27;
const KY = (6371008.8 * Math.PI) / 180, KX = KY * Math.cos((LAT0 * Math.PI) / 180);
const ll = (x: number, y: number): Position => [LON0 + x / KX, LAT0 + y / KY];
const road = (...pts: [number, number][]): Feature<LineString, WalkRoadProps> =>
  ({ type: 'Feature', properties: { class: 'branch' }, geometry: { type: 'LineString', coordinates: pts.map(([x, y]) => ll(x, y)) } });

// A 1 km street along y = 0 and, apart from it, a 100 m lane nobody can walk to from the street.
const network = buildWalkNetwork([road([0, 0], [1000, 0]), road([0, 500], [100, 500])]);
const facilities = [ll(100, 10), ll(900, 10)];
/** Exit points as compoundExitPoints gives them: one gate per compound here. */
const gates = (pts: Position[]): ExitPoints => ({ points: pts, start: Uint32Array.from({ length: pts.length + 1 }, (_, i) => i), gated: new Uint8Array(pts.length).fill(1) });
const street = { exits: gates([ll(200, 10), ll(450, 10), ll(600, 10), ll(50, 510)]), households: [100, 50, 20, 30] };

describe('catchments', () => {
  it('allots each compound to the facility nearest on foot, and none to an island', () => {
    const c = catchments(network, { ...street, facilities, capacity: [10, null], perHousehold: 0.1 });
    expect([...c.facility]).toEqual([0, 0, 1, -1]); // 450 m is 350 m from the first and 450 m from the second
    expect([...c.households]).toEqual([150, 20]);
    expect(c.demand[0]).toBeCloseTo(15, 9);
    expect(c.ratio[0]).toBeCloseTo(10 / 15, 9); // 10 places for 15 needed
    expect(Number.isNaN(c.ratio[1])).toBe(true); // capacity unknown
  });

  it('a facility nobody is allotted to has room without limit', () => {
    const c = catchments(network, { exits: gates([ll(200, 10)]), households: [100], facilities, capacity: [10, 40], perHousehold: 0.1 });
    expect(c.ratio[1]).toBe(Infinity);
  });

  it('refuses misuse with a message', () => {
    expect(() => catchments(network, { ...street, facilities, capacity: [10], perHousehold: 0.1 })).toThrow(/one value \(or null\) per facility/);
    expect(() => catchments(network, { ...street, households: [1], facilities, capacity: [1, 1], perHousehold: 0.1 })).toThrow(/same compounds/);
    expect(() => catchments(network, { ...street, facilities, capacity: [1, 1], perHousehold: -1 })).toThrow(/perHousehold/);
  });
});

describe('nearestSource', () => {
  it('gives the same distances as nearestByNetwork, and a source that is that far', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const rnd = mulberry32(seed);
      const roads: Feature<LineString, WalkRoadProps>[] = [];
      for (let i = 0; i < 8; i++) {
        for (let j = 0; j < 7; j++) {
          if (rnd() > 0.2) roads.push(road([i * 50, j * 50], [i * 50, (j + 1) * 50]));
          if (rnd() > 0.2) roads.push(road([j * 50, i * 50], [(j + 1) * 50, i * 50]));
        }
      }
      const net = buildWalkNetwork(roads);
      const pt = () => ll(rnd() * 400 - 25, rnd() * 400 - 25);
      const srcPts = Array.from({ length: 5 }, pt);
      const sources = attachPoints(net, srcPts);
      const targets = attachPoints(net, Array.from({ length: 30 }, pt));
      const want = nearestByNetwork(net, sources, targets);
      const got = nearestSource(net, sources, targets);
      for (let t = 0; t < targets.count; t++) {
        if (want[t] === Infinity) {
          expect(got.source[t]).toBe(-1);
          continue;
        }
        expect(got.distM[t]).toBeCloseTo(want[t], 6);
        // the named source really is that far (within rounding): walk from it alone
        const alone = nearestByNetwork(net, attachPoints(net, [srcPts[got.source[t]]]), targets);
        expect(alone[t]).toBeCloseTo(want[t], 6);
      }
    }
  });
});
