// Water: the river 昌江 (a barrier, only arterials cross it on bridges) and the lake 昌南湖.
import type { Feature, Polygon } from 'geojson';
import { ringToLonLat, type UV } from './frame.ts';
import { RIVER_U, RIVER_V, riverHalfWidth } from './layout.ts';
import type { WaterProps } from '../../server/domain/model.ts';
import type { AmenityResult } from './amenities.ts';

export function waterFeatures(lake: AmenityResult['lake']): Feature<Polygon, WaterProps>[] {
  // river: east bank northwards, then west bank southwards (counter-clockwise), every 20 m
  const east: UV[] = [];
  const west: UV[] = [];
  for (let v = RIVER_V[0]; v <= RIVER_V[1]; v += 20) {
    const h = Math.round(riverHalfWidth(v) * 2) / 2;
    east.push([RIVER_U + h, v]);
    west.push([RIVER_U - h, v]);
  }
  const out: Feature<Polygon, WaterProps>[] = [
    {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ringToLonLat([...east, ...west.reverse()], 20)] },
      properties: { id: 'w-changjiang', kind: 'river', name: '昌江' },
    },
  ];
  if (lake) {
    // an ellipse inscribed in the lake's rectangle
    const { u0, u1, v0, v1 } = lake.rect;
    const c: UV = [(u0 + u1) / 2, (v0 + v1) / 2];
    const ring: UV[] = [];
    for (let i = 0; i < 48; i++) {
      const t = (2 * Math.PI * i) / 48;
      const wobble = 1 - 0.08 * Math.sin(3 * t + 0.5);
      ring.push([c[0] + ((u1 - u0) / 2) * wobble * Math.cos(t), c[1] + ((v1 - v0) / 2) * wobble * Math.sin(t)]);
    }
    out.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ringToLonLat(ring, 20)] },
      properties: { id: 'w-changnanhu', kind: 'lake', name: lake.name },
    });
  }
  return out;
}
