// 街道 boundaries of the demo town: they follow the river's centre line and the centre line of
// 历尧路, and extend 100 m beyond the perimeter arterials. 西郊 = everything west of the river,
// 新枫 = east of the river and north of 历尧路, 吕蒙 = the sparse south-east corner.
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { ringToLonLat, URBAN, type UV } from './frame.ts';
import { EW_ARTERIALS, RIVER_U } from './layout.ts';
import { SUBDISTRICTS, type SubdistrictName } from './report.ts';
import type { BoundaryProps } from '../../server/domain/model.ts';

const EXT = { u0: URBAN.u0 - 100, u1: URBAN.u1 + 100, v0: URBAN.v0 - 100, v1: URBAN.v1 + 100 };
/** 历尧路 */
export const LVMENG_NORTH_V = EW_ARTERIALS[1].v;

export function subdistrictOf(p: UV): SubdistrictName {
  if (p[0] < RIVER_U) return '西郊街道';
  return p[1] < LVMENG_NORTH_V ? '吕蒙街道' : '新枫街道';
}

/** Counter-clockwise rings in (u, v); shared edges carry the same vertices on both sides. */
export function subdistrictRings(): Record<SubdistrictName, UV[]> {
  return {
    西郊街道: [[EXT.u0, EXT.v0], [RIVER_U, EXT.v0], [RIVER_U, LVMENG_NORTH_V], [RIVER_U, EXT.v1], [EXT.u0, EXT.v1]],
    新枫街道: [[RIVER_U, LVMENG_NORTH_V], [EXT.u1, LVMENG_NORTH_V], [EXT.u1, EXT.v1], [RIVER_U, EXT.v1]],
    吕蒙街道: [[RIVER_U, EXT.v0], [EXT.u1, EXT.v0], [EXT.u1, LVMENG_NORTH_V], [RIVER_U, LVMENG_NORTH_V]],
  };
}

export function boundaryFeatures(district: Feature<Polygon | MultiPolygon>): Feature<Polygon | MultiPolygon, BoundaryProps>[] {
  const rings = subdistrictRings();
  const out: Feature<Polygon | MultiPolygon, BoundaryProps>[] = [
    { type: 'Feature', geometry: district.geometry, properties: { id: 'd360202', level: 'district', name: '昌江区', code: '360202' } },
  ];
  for (const s of SUBDISTRICTS) {
    out.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ringToLonLat(rings[s.name])] },
      properties: { id: s.id, level: 'subdistrict', name: s.name, code: s.code },
    });
  }
  return out;
}
