// Test helper (not product code; issue 7 brings the real importer): reads one of the OSM extracts
// in ../shared/data/osm/<area>/ (osmtogeojson layers: roads, residential_areas, amenities,
// green_and_leisure) and maps it to the shapes the analysis takes: walking roads with a class,
// compounds (Polygon/MultiPolygon with gates), facilities (Points with an AmenityKind), and counts
// of what was mapped and what was not, by OSM tag.
//
// Mapping, from the tags really present in beijing_haidian_wudaokou (checked with jq):
//  roads (highway=*):
//    primary, primary_link, trunk, trunk_link           → arterial
//    secondary, secondary_link, tertiary, tertiary_link → secondary
//    residential, unclassified, living_street, road     → branch
//    service, footway, path, pedestrian, steps, cycleway, track, corridor → lane
//    skipped: motorway / motorway_link (an access-controlled, fenced expressway: nobody walks on it,
//      and a footpath crossing it without a shared node passes over or under it — with it in the
//      graph, walk.ts would node such crossings as junctions unless the arterial setting is on);
//      platform (bus platforms, drawn as short ways beside the carriageway: they are the bus stops,
//      taken as facilities below, not walking links); construction/proposed; any way with
//      access=no|private and no foot=yes|designated|permissive.
//  compounds: residential_areas with landuse=residential and a name. Gates: OSM entrance=* and
//    barrier=gate nodes; the wudaokou extract has none in any layer, so every compound is ungated.
//  facilities (Point as is; Polygon/MultiPolygon by its turf centroid):
//    amenity=kindergarten, or amenity=school named …幼儿园             → kindergarten
//    amenity=childcare                                                → nursery
//    amenity=school named …小学 / …附小                                → primarySchool
//    amenity=school named …中学 / …附中 / …附属中学                     → middleSchool
//    amenity=hospital | clinic, healthcare=hospital|centre             → healthCenter
//    amenity=doctors, healthcare=doctor|clinic                         → healthStation
//    amenity=marketplace, shop=supermarket | greengrocer               → supermarket
//    shop=convenience                                                  → convenience
//    amenity=post_office | parcel_locker, or a post_box named …快递…   → parcelLocker
//    amenity=toilets                                                   → publicToilet
//    amenity=social_facility (social_facility=…elderly… / assisted_living), amenity=nursing_home → elderlyCare
//    amenity=community_centre                                          → communityService
//    amenity=waste_disposal | recycling, or a waste_basket named …垃圾… → wasteCollection
//    highway=bus_stop, public_transport=platform (incl. the highway=platform ways in roads) → busStop
//    leisure=park | garden (not landuse=forest / natural=wood)         → park
//    leisure=pitch | track | stadium | playground | fitness_station    → sportsGround (outdoor only)
//  everything else (restaurants, banks, ATMs, parking, indoor sports halls, lawns …) is counted
//  under `unmapped` with its main tag.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { CompoundFeature, FacilityFeature } from '../../server/analysis/access.ts';
import type { WalkRoadProps } from '../../server/analysis/walk.ts';
import type { AmenityKind } from '../../server/domain/model.ts';

/** /work/shared/data/osm relative to this file (test/realdata → ../../../shared/data/osm). */
export const OSM_DIR = resolve(import.meta.dirname, '../../../shared/data/osm');

type OsmProps = Record<string, string | undefined>;
type OsmFC = FeatureCollection<Geometry, OsmProps>;

export interface RoadProps extends WalkRoadProps {
  highway: string;
  name: string | null;
  osmId: string;
}
export interface CompoundProps {
  id: string;
  name: string;
  osmId: string;
  gates: Position[];
  [key: string]: unknown;
}
export interface FacilityProps {
  kind: AmenityKind;
  name: string | null;
  osmId: string;
  /** the OSM tag that decided the kind, e.g. "shop=supermarket" */
  tag: string;
  /** the facility came from a polygon (or a platform way) and stands at its centroid */
  fromArea: boolean;
  [key: string]: unknown;
}

export interface OsmExtract {
  roads: Feature<LineString, RoadProps>[];
  compounds: (CompoundFeature & { properties: CompoundProps })[];
  facilities: (FacilityFeature & { properties: FacilityProps })[];
  counts: {
    /** highway value → number of ways, per class they went to, and skipped with the reason */
    roads: Record<string, Record<string, number>>;
    roadsSkipped: Record<string, number>;
    /** kind → number of facilities */
    facilities: Partial<Record<AmenityKind, number>>;
    /** "key=value" of the feature's main tag → number, for features of the amenity layers that mapped to no kind */
    unmapped: Record<string, number>;
    /** residential_areas features that were not compounds (no name, not landuse=residential), by reason */
    compoundsSkipped: Record<string, number>;
    gatesFound: number;
  };
}

const ROAD_CLASS: Record<string, string> = {
  primary: 'arterial', primary_link: 'arterial', trunk: 'arterial', trunk_link: 'arterial',
  secondary: 'secondary', secondary_link: 'secondary', tertiary: 'secondary', tertiary_link: 'secondary',
  residential: 'branch', unclassified: 'branch', living_street: 'branch', road: 'branch',
  service: 'lane', footway: 'lane', path: 'lane', pedestrian: 'lane', steps: 'lane', cycleway: 'lane', track: 'lane', corridor: 'lane',
};
const ROAD_SKIP: Record<string, string> = {
  motorway: 'motorway (fenced expressway)', motorway_link: 'motorway (fenced expressway)',
  platform: 'platform (bus stop, taken as a facility)', construction: 'not built', proposed: 'not built',
};

const read = (dir: string, layer: string): OsmFC => JSON.parse(readFileSync(resolve(dir, `${layer}.geojson`), 'utf8')) as OsmFC;
const inc = (o: Record<string, number>, k: string, by = 1) => { o[k] = (o[k] ?? 0) + by; };

/** Whether pedestrians may use a way by its access tags. */
function walkable(p: OsmProps): boolean {
  const foot = p.foot;
  if (foot === 'no') return false;
  if (foot === 'yes' || foot === 'designated' || foot === 'permissive') return true;
  return p.access !== 'no' && p.access !== 'private';
}

/** The kind of an OSM feature of the amenity / leisure layers and the tag that decided it, or null. */
export function facilityKind(p: OsmProps): { kind: AmenityKind; tag: string } | null {
  const name = p.name ?? '';
  const a = p.amenity, shop = p.shop, leisure = p.leisure, hc = p.healthcare;
  if (a === 'kindergarten') return { kind: 'kindergarten', tag: 'amenity=kindergarten' };
  if (a === 'childcare') return { kind: 'nursery', tag: 'amenity=childcare' };
  if (a === 'school') {
    if (/幼儿园/.test(name)) return { kind: 'kindergarten', tag: 'amenity=school+name幼儿园' };
    if (/小学|附小/.test(name)) return { kind: 'primarySchool', tag: 'amenity=school+name小学' };
    if (/中学|附中/.test(name)) return { kind: 'middleSchool', tag: 'amenity=school+name中学' };
    return null;
  }
  if (a === 'hospital' || a === 'clinic' || hc === 'hospital' || hc === 'centre') return { kind: 'healthCenter', tag: a ? `amenity=${a}` : `healthcare=${hc}` };
  if (a === 'doctors' || hc === 'doctor' || hc === 'clinic') return { kind: 'healthStation', tag: a ? `amenity=${a}` : `healthcare=${hc}` };
  if (a === 'marketplace') return { kind: 'supermarket', tag: 'amenity=marketplace' };
  if (shop === 'supermarket' || shop === 'greengrocer') return { kind: 'supermarket', tag: `shop=${shop}` };
  if (shop === 'convenience') return { kind: 'convenience', tag: 'shop=convenience' };
  if (a === 'post_office' || a === 'parcel_locker') return { kind: 'parcelLocker', tag: `amenity=${a}` };
  if (a === 'post_box' && /快递/.test(name)) return { kind: 'parcelLocker', tag: 'amenity=post_box+name快递' };
  if (a === 'toilets') return { kind: 'publicToilet', tag: 'amenity=toilets' };
  if (a === 'nursing_home' || (a === 'social_facility' && /elder|senior|assisted|nursing/.test(`${p.social_facility ?? ''} ${p['social_facility:for'] ?? ''}`))) {
    return { kind: 'elderlyCare', tag: `amenity=${a}` };
  }
  if (a === 'community_centre') return { kind: 'communityService', tag: 'amenity=community_centre' };
  if (a === 'waste_disposal' || a === 'recycling' || (a === 'waste_basket' && /垃圾/.test(name))) return { kind: 'wasteCollection', tag: `amenity=${a}` };
  if (p.highway === 'bus_stop' || p.public_transport === 'platform' || p.highway === 'platform') return { kind: 'busStop', tag: 'public_transport=platform' };
  if ((leisure === 'park' || leisure === 'garden') && p.landuse !== 'forest' && p.natural !== 'wood') return { kind: 'park', tag: `leisure=${leisure}` };
  if (leisure === 'pitch' || leisure === 'track' || leisure === 'stadium' || leisure === 'playground' || leisure === 'fitness_station') {
    return { kind: 'sportsGround', tag: `leisure=${leisure}` };
  }
  return null;
}

/** The main tag of an unmapped feature, for the counts. */
function mainTag(p: OsmProps): string {
  for (const k of ['amenity', 'shop', 'leisure', 'tourism', 'office', 'landuse', 'natural', 'highway']) if (p[k]) return `${k}=${p[k]}`;
  return '(no main tag)';
}

/** A point for a facility: a Point as is, an area or a line by its centroid. */
function pointOf(g: Geometry): { at: Position; fromArea: boolean } | null {
  if (g.type === 'Point') return { at: g.coordinates, fromArea: false };
  if (g.type === 'Polygon' || g.type === 'MultiPolygon' || g.type === 'LineString' || g.type === 'MultiLineString') {
    return { at: turf.centroid(g).geometry.coordinates, fromArea: true };
  }
  return null;
}

const isGate = (p: OsmProps) => p.entrance != null || p.barrier === 'gate' || p.barrier === 'entrance';

/** Reads and maps the extract in OSM_DIR/<area>. */
export function loadOsmExtract(area: string): OsmExtract {
  const dir = resolve(OSM_DIR, area);
  const roadsFC = read(dir, 'roads');
  const areasFC = read(dir, 'residential_areas');
  const amenFC = read(dir, 'amenities');
  const greenFC = read(dir, 'green_and_leisure');
  const counts: OsmExtract['counts'] = { roads: {}, roadsSkipped: {}, facilities: {}, unmapped: {}, compoundsSkipped: {}, gatesFound: 0 };

  const roads: OsmExtract['roads'] = [];
  for (const f of roadsFC.features) {
    const p = f.properties;
    const hw = p.highway ?? '(none)';
    const cls = ROAD_CLASS[hw];
    const skip = ROAD_SKIP[hw] ?? (cls === undefined ? `highway=${hw} (not a walking way)` : !walkable(p) ? 'access=no' : null);
    if (skip) { inc(counts.roadsSkipped, `${hw}: ${skip}`); continue; }
    if (f.geometry.type !== 'LineString') { inc(counts.roadsSkipped, `${hw}: ${f.geometry.type}`); continue; }
    (counts.roads[hw] ??= {})[cls] = (counts.roads[hw]?.[cls] ?? 0) + 1;
    roads.push({ type: 'Feature', properties: { class: cls, highway: hw, name: p.name ?? null, osmId: p.osm_id ?? '' }, geometry: f.geometry });
  }

  // gates: entrance / barrier=gate points in any layer (none in wudaokou; kept so the helper is honest elsewhere)
  const gatePoints: Position[] = [];
  for (const fc of [roadsFC, areasFC, amenFC, greenFC]) {
    for (const f of fc.features) if (f.geometry.type === 'Point' && isGate(f.properties)) gatePoints.push(f.geometry.coordinates);
  }
  counts.gatesFound = gatePoints.length;

  const compounds: OsmExtract['compounds'] = [];
  for (const f of areasFC.features) {
    const p = f.properties;
    if (p.landuse !== 'residential') { inc(counts.compoundsSkipped, `landuse=${p.landuse}`); continue; }
    if (!p.name) { inc(counts.compoundsSkipped, 'no name'); continue; }
    if (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon') { inc(counts.compoundsSkipped, f.geometry.type); continue; }
    const geometry = f.geometry as Polygon | MultiPolygon;
    // a gate belongs to a compound when it lies on (within 5 m of) its outer boundary or inside it
    const outer = geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((poly) => poly[0]);
    const gates = gatePoints.filter((g) => turf.booleanPointInPolygon(g, geometry)
      || outer.some((ring) => turf.pointToLineDistance(g, turf.lineString(ring), { units: 'meters' }) <= 5));
    const osmId = p.osm_id ?? '';
    compounds.push({
      type: 'Feature',
      properties: { id: osmId.replace('/', ':'), name: p.name, osmId, gates },
      geometry,
    });
  }

  const facilities: OsmExtract['facilities'] = [];
  const take = (f: Feature<Geometry, OsmProps>) => {
    const k = facilityKind(f.properties);
    if (!k) { inc(counts.unmapped, mainTag(f.properties)); return; }
    const pt = pointOf(f.geometry);
    if (!pt) { inc(counts.unmapped, `${k.tag} (${f.geometry.type})`); return; }
    inc(counts.facilities as Record<string, number>, k.kind);
    facilities.push({
      type: 'Feature',
      properties: { kind: k.kind, name: f.properties.name ?? null, osmId: f.properties.osm_id ?? '', tag: k.tag, fromArea: pt.fromArea },
      geometry: { type: 'Point', coordinates: pt.at } as Point,
    });
  };
  for (const f of amenFC.features) take(f);
  for (const f of greenFC.features) take(f);
  // bus platforms live in the roads layer as highway=platform ways
  for (const f of roadsFC.features) if (f.properties.highway === 'platform' || f.properties.highway === 'bus_stop') take(f);

  return { roads, compounds, facilities, counts };
}
