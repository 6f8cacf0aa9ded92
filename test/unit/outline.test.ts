import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { packageOutline } from '../../server/analysis/outline.ts';

// ~97 m × 111 m rectangles at 29.27°N; 0.00006° of longitude ≈ 5.8 m.
const rect = (x0: number, x1: number): Feature<Polygon> => turf.polygon([[[x0, 29.27], [x1, 29.27], [x1, 29.271], [x0, 29.271], [x0, 29.27]]]);
const a = rect(117.18, 117.181);
const laneApart = rect(117.18106, 117.18206);
const farApart = rect(117.1816, 117.1826); // ≈ 58 m gap

describe('packageOutline', () => {
  it('closes a 6 m lane between two members into one polygon', () => {
    const g = packageOutline([a, laneApart], 15);
    expect(g.type).toBe('Polygon');
    const area = turf.area(g);
    const members = turf.area(a) + turf.area(laneApart);
    expect(area).toBeGreaterThan(members); // the lane is inside now
    expect(area).toBeLessThan(members + 111 * 6 * 1.2); // and little else
  });

  it('keeps members further apart than twice the closing distance as separate parts', () => {
    expect(packageOutline([a, farApart], 15).type).toBe('MultiPolygon');
  });

  it('gives a single member back unchanged when nothing is to be closed', () => {
    expect(packageOutline([a], 0)).toEqual(a.geometry);
  });

  it('keeps a single member’s convex corners (closing, not rounding)', () => {
    const g = packageOutline([a], 15);
    expect(turf.area(g)).toBeCloseTo(turf.area(a), -1);
  });

  it('refuses an empty package and a negative distance', () => {
    expect(() => packageOutline([], 15)).toThrow(/at least one member/);
    expect(() => packageOutline([a], -1)).toThrow(/≥ 0/);
  });
});
