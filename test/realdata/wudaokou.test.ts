// Real data (issue 5): the OSM extract around Tsinghua west / Wudaokou
// (../shared/data/osm/beijing_haidian_wudaokou, ODbL 1.0, © OpenStreetMap contributors), mapped by
// test/realdata/osm.ts, run through buildWalkNetwork + compoundAccess, and checked against facts a
// person can verify on that map.
//
// How the expected numbers were found: routes were read off the map (a throwaway SVG of roads,
// compounds and facilities) and measured with Turf along the very OSM ways named below
// (`alongWays`: nearest point on the first way, lineSlice along each way to the next junction,
// straight to the facility at the end). That measurement uses none of walk.ts / access.ts, so
// each walk the analysis returns must agree with it within ±10 %. To check one by hand: open the
// extract in QGIS/geojson.io, find the compound corner and the POI named in the comment, and follow
// the ways listed (by osm id; names where OSM has one).
//
// Compounds have no gates in this extract (no entrance / barrier=gate node in any layer), so every
// compound leaves from the vertices of its outline ("corner 0" = first position of its ring).
// Facilities drawn as areas (schools, parks, pitches, bus platforms) stand at their centroid.
import * as turf from '@turf/turf';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { compoundAccess, type CompoundAccessResult } from '../../server/analysis/access.ts';
import { buildWalkNetwork } from '../../server/analysis/walk.ts';
import { facilityRadii } from '../../server/domain/facilities.ts';
import { AMENITY_KINDS, type AmenityKind } from '../../server/domain/model.ts';
import { loadOsmExtract, type OsmExtract } from './osm.ts';

const X: OsmExtract = loadOsmExtract('beijing_haidian_wudaokou');

// GB 50180 radii where the standard has one; kinds without one (convenience, parcelLocker,
// publicToilet, healthStation) are still measured, with a stand-in radius, and their `within` is
// never asserted.
const NO_STANDARD_M = 500;
const STANDARD = facilityRadii({});
const RADII: Record<string, number> = Object.fromEntries(AMENITY_KINDS.map((k) => [k, STANDARD[k] ?? NO_STANDARD_M]));
const KINDS = [...AMENITY_KINDS];

const NAMES = ['新林院', '荷清苑教师住宅区', '西院', '西王庄小区', '清华大学西北小区', '华清嘉园小区'] as const;
type Name = (typeof NAMES)[number];

const netOn = buildWalkNetwork(X.roads, { arterialCrossingAtJunctionsOnly: true });
const netOff = buildWalkNetwork(X.roads, { arterialCrossingAtJunctionsOnly: false });
const run = (net = netOn, facilities = X.facilities) => compoundAccess(net, { compounds: X.compounds, facilities, kinds: KINDS, radiusM: RADII });
const ON = run(netOn);
const OFF = run(netOff);

const ci = (name: Name) => {
  const i = X.compounds.findIndex((c) => c.properties.name === name);
  if (i < 0) throw new Error(`no compound ${name}`);
  return i;
};
const cell = (res: CompoundAccessResult, name: Name, kind: AmenityKind) => {
  const k = res.kinds.find((r) => r.kind === kind)!;
  const i = ci(name);
  return { walk: k.networkM[i], straight: k.straightM[i], within: k.within[i] === 1 };
};
const corner = (name: Name, v: number): Position => {
  const g = X.compounds[ci(name)].geometry;
  return (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0])[v];
};
/** A facility by name, or by OSM id where it has none. */
const poi = (key: string) => {
  const f = X.facilities.filter((s) => s.properties.name === key || s.properties.osmId === key);
  if (f.length !== 1) throw new Error(`${f.length} facilities match ${key}`);
  return f[0];
};
const way = (osmId: string) => {
  const r = X.roads.find((w) => w.properties.osmId === osmId);
  if (!r) throw new Error(`no road ${osmId}`);
  return r;
};
const metres = (a: Position, b: Position) => turf.distance(a, b, { units: 'meters' });

/**
 * Turf-only length (m) of a walk from `from` to `to` along OSM ways: straight to the nearest point
 * of the first way, along each way (lineSlice) to the junction where the walk leaves it (null: to
 * the foot of `to` on the last way), then straight to `to`. 'straight' walks one straight segment.
 */
function alongWays(from: Position, legs: [string, Position | null][], to: Position): number {
  let at = turf.nearestPointOnLine(way(legs[0][0]), from).geometry.coordinates;
  let total = metres(from, at);
  for (const [id, until] of legs) {
    const end = until ?? turf.nearestPointOnLine(way(id), to).geometry.coordinates;
    total += id === 'straight' ? metres(at, end) : turf.length(turf.lineSlice(at, end, way(id)), { units: 'meters' });
    at = end;
  }
  return total + metres(at, to);
}

/** Turf-only straight line: nearest outline vertex of the compound to the nearest facility of the kind. */
function straightTurf(name: Name, kind: string, facilities = X.facilities): number {
  const g = X.compounds[ci(name)].geometry;
  const rings = g.type === 'Polygon' ? [g.coordinates[0]] : g.coordinates.map((p) => p[0]);
  let best = Infinity;
  for (const ring of rings) for (const v of ring) for (const f of facilities) if (f.properties.kind === kind) best = Math.min(best, metres(v, f.geometry.coordinates));
  return best;
}

const within10 = (got: number, estimate: number, what: string) => {
  expect(Math.abs(got - estimate), `${what}: analysis ${got.toFixed(1)} m vs Turf along the ways ${estimate.toFixed(1)} m`).toBeLessThanOrEqual(0.1 * estimate);
};

describe('wudaokou OSM extract: what the helper maps', () => {
  it('maps the roads by highway tag, skipping the expressway, the bus platforms and the one access=no footway', () => {
    // hand check: jq '[.features[].properties.highway]|group_by(.)|map({(.[0]):length})|add' roads.geojson
    const byClass: Record<string, number> = {};
    for (const r of X.roads) byClass[r.properties.class] = (byClass[r.properties.class] ?? 0) + 1;
    expect(byClass).toEqual({
      arterial: 19 + 5, // primary + primary_link: 中关村北大街 (both carriageways)
      secondary: 29 + 21 + 14 + 4, // secondary, secondary_link, tertiary, tertiary_link: 荷清路, 成府路, 双清路, 清华南路 …
      branch: 47 + 31 + 1, // residential, living_street, unclassified
      lane: 279 + 92 + 60 + 18 + 6 + 5, // service, footway (93 less the access=no bridge way/83990868), cycleway, steps, path, pedestrian
    });
    expect(X.roads.length + 2 + 44 + 1).toBe(678);
    expect(X.counts.roadsSkipped).toEqual({
      'motorway: motorway (fenced expressway)': 2, // the two carriageways of the expressway in the north-east corner
      'platform: platform (bus stop, taken as a facility)': 44,
      'footway: access=no': 1,
    });
  });

  it('finds the six named residential compounds and no gates', () => {
    expect(X.compounds.map((c) => c.properties.name).sort()).toEqual([...NAMES].sort());
    expect(X.counts.gatesFound).toBe(0);
    expect([...ON.gated]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('maps amenities, leisure areas and bus platforms to facility kinds', () => {
    // hand check in amenities.geojson / green_and_leisure.geojson: 4 shop=supermarket + 1 shop=greengrocer;
    // amenity=school split by name: 清华大学洁华幼儿园 (kindergarten), 清华附小 (primary), 清华附中, 清华大学附属中学,
    // 中关村中学, 中关村中学分校 (middle); 诗雅艺术学校 and one unnamed school stay unmapped.
    expect(X.counts.facilities).toEqual({
      busStop: 44, sportsGround: 29, park: 11, convenience: 9, publicToilet: 6, parcelLocker: 5,
      supermarket: 5, middleSchool: 4, primarySchool: 1, kindergarten: 1,
    });
    expect(poi('清华大学洁华幼儿园').properties.kind).toBe('kindergarten');
    expect(poi('清华附小').properties.kind).toBe('primarySchool');
    expect(X.counts.unmapped['amenity=school']).toBe(2);
    expect(X.counts.unmapped['amenity=restaurant']).toBe(28);
    // no tag in the extract names a hospital, clinic, doctor, childcare, elderly care, community centre or waste point
    for (const t of ['amenity=hospital', 'amenity=clinic', 'amenity=doctors', 'amenity=childcare', 'amenity=social_facility', 'amenity=community_centre']) {
      expect(X.counts.unmapped[t], t).toBeUndefined();
    }
  });
});

describe('wudaokou OSM extract: walking access', () => {
  it('gives Infinity (no facility) for every compound on every kind the extract lacks', () => {
    // hand check: grep -c 'hospital\|clinic\|doctors\|childcare\|social_facility\|community_centre\|waste' amenities.geojson → 0
    const absent: AmenityKind[] = ['healthCenter', 'healthStation', 'nursery', 'elderlyCare', 'communityService', 'wasteCollection'];
    for (const kind of absent) {
      const k = ON.kinds.find((r) => r.kind === kind)!;
      expect([...k.networkM], kind).toEqual(Array(6).fill(Infinity));
      expect([...k.straightM], kind).toEqual(Array(6).fill(Infinity));
      expect([...k.within], kind).toEqual(Array(6).fill(0));
    }
  });

  it('reaches every kind present from every compound, never shorter than the straight line, and the straight line is Turf’s', () => {
    const present = Object.keys(X.counts.facilities) as AmenityKind[];
    let detours = 0;
    for (const res of [ON, OFF]) {
      for (const kind of present) {
        for (const name of NAMES) {
          const c = cell(res, name, kind);
          expect(Number.isFinite(c.walk), `${name} ${kind} reachable`).toBe(true);
          expect(c.walk, `${name} ${kind}: walk ≥ straight`).toBeGreaterThanOrEqual(c.straight - 1e-6);
          // the straight line in the analysis' local projection vs Turf's great circle: < 0.2 % apart here
          expect(Math.abs(c.straight - straightTurf(name, kind)), `${name} ${kind} straight`).toBeLessThan(0.5 + 0.002 * c.straight);
          if (c.walk > 1.3 * c.straight + 20) detours++;
        }
      }
    }
    // the streets are not straight lines: most pairs (72 of 120) walk well over the crow's distance
    expect(detours).toBeGreaterThan(60);
  });

  it('新林院 is the only compound within 300 m of a kindergarten and 500 m of a primary school', () => {
    // 清华大学洁华幼儿园 is the one kindergarten in the extract, just east of 新林院 inside the campus;
    // 清华附小 the one primary school, south-west of it. By hand: from 新林院's north-east corner (corner 3)
    // east along the campus road way/32954774 to the footway way/226628639, south down it to the
    // kindergarten: ≈ 171 m (96 m as the crow flies).
    const kg = cell(ON, '新林院', 'kindergarten');
    within10(kg.walk, alongWays(corner('新林院', 3), [['way/32954774', [116.3194998, 39.996521]], ['way/226628639', null]], poi('清华大学洁华幼儿园').geometry.coordinates), '新林院 → 洁华幼儿园');
    expect(kg.straight).toBeCloseTo(metres(corner('新林院', 3), poi('清华大学洁华幼儿园').geometry.coordinates), 0);
    // 清华附小: from the south-west corner (corner 1) west along way/32954719 to its end, then 69 m into
    // the school grounds to their centroid: ≈ 215 m (156 m straight).
    const ps = cell(ON, '新林院', 'primarySchool');
    within10(ps.walk, alongWays(corner('新林院', 1), [['way/32954719', null]], poi('清华附小').geometry.coordinates), '新林院 → 清华附小');
    expect(ps.walk).toBeGreaterThan(ps.straight + 30);
    for (const name of NAMES) {
      expect(cell(ON, name, 'kindergarten').within, `${name} kindergarten`).toBe(name === '新林院');
      expect(cell(ON, name, 'primarySchool').within, `${name} primary school`).toBe(name === '新林院');
    }
    // every other compound is over a kilometre from both on foot (荷清苑 1.9 km, 2.1 km in the north)
    for (const name of NAMES.filter((n) => n !== '新林院')) {
      expect(cell(ON, name, 'kindergarten').walk).toBeGreaterThan(1000);
      expect(cell(ON, name, 'primarySchool').walk).toBeGreaterThan(1000);
    }
  });

  it('清华大学西北小区 has its supermarket at the gate: 清华大学西北超市, ≈ 47 m on foot', () => {
    // the compound's south-west corner (corner 2) is a vertex of the service road way/32954667; the shop
    // stands 26 m north of it, 8 m east of 中关村北大街's side road (way/128625056): 13 m west along the
    // service road to the side road, 26 m north on it, 8 m to the shop.
    const c = cell(ON, '清华大学西北小区', 'supermarket');
    within10(c.walk, alongWays(corner('清华大学西北小区', 2), [
      ['way/32954667', [116.3127452, 40.009373]],
      ['way/128625056', null], // 中关村北大街 (side road)
    ], poi('清华大学西北超市').geometry.coordinates), '西北小区 → 西北超市');
    expect(c.straight).toBeCloseTo(metres(corner('清华大学西北小区', 2), poi('清华大学西北超市').geometry.coordinates), 0);
    expect(c.within).toBe(true);
  });

  it('新林院 → 快到家便利超市: the campus wall along 清华南路 turns 520 m into ≈ 1.49 km', () => {
    // 快到家便利超市 is the supermarket nearest 新林院 as the crow flies (520 m west, in the 蓝旗营 blocks
    // outside Tsinghua). On foot one cannot go straight west: OSM has no way across the ~120 m between
    // the west end of the campus road way/409380281 (116.31517, 39.99610) and the bend of 清华南路
    // (116.31374, 39.99606) — that is Tsinghua's wall. The walk: west from 新林院's north-west corner
    // along way/32954774 to 熙春路 (116.315947, 39.996139), south along way/409380281 inside the wall to
    // where it meets 清华南路 near 成府路 (116.314846, 39.992028), back north and west along 清华南路
    // to 116.311924, 39.996014, and south into the block (way/392563345, 392563334, 392563336).
    const shop = poi('快到家便利超市');
    const only = run(netOn, [shop]);
    const c = cell(only, '新林院', 'supermarket');
    const estimate = alongWays(corner('新林院', 0), [
      ['way/32954774', [116.315947, 39.9961394]],
      ['way/409380281', [116.3148464, 39.9920284]],
      ['way/144929523', [116.311924, 39.996014]], // 清华南路
      ['way/392563345', [116.3119317, 39.9956482]],
      ['straight', [116.3119552, 39.9953451]], // the last segment of way/392563334, a loop lineSlice cannot cut
      ['way/392563336', null],
    ], shop.geometry.coordinates);
    within10(c.walk, estimate, '新林院 → 快到家便利超市');
    expect(c.straight).toBeCloseTo(straightTurf('新林院', 'supermarket', [shop]), 0);
    expect(c.straight).toBeGreaterThan(500); // not within 500 m even straight
    expect(c.walk / c.straight).toBeGreaterThan(2.5);
    // With all five supermarkets the nearest on foot is another one: 卜蜂莲花 on 成府路, east — from the
    // south-east corner (corner 2) along campus roads way/32954719, 32954781, 226621262, 学堂路 (way/42415934),
    // the cycleway way/122100024 south to 成府路 (way/138690698), east to its end and up way/138690696: ≈ 1.23 km.
    const all = cell(ON, '新林院', 'supermarket');
    within10(all.walk, alongWays(corner('新林院', 2), [
      ['way/32954719', [116.3213315, 39.9948172]],
      ['way/32954781', [116.3214507, 39.9935784]],
      ['way/226621262', [116.3226648, 39.9936049]],
      ['way/42415934', [116.3226948, 39.9933456]],
      ['way/122100025', [116.3227242, 39.9932335]],
      ['way/122100024', [116.3229421, 39.9914095]],
      ['way/138690698', [116.3284085, 39.9915946]], // 成府路
      ['way/138690696', null],
    ], poi('卜蜂莲花').geometry.coordinates), '新林院 → 卜蜂莲花');
    expect(all.walk).toBeLessThan(c.walk - 150);
    expect(all.straight).toBeCloseTo(c.straight, 6); // the straight line still picks 快到家
    expect(all.within).toBe(false);
  });

  it('西王庄小区 → the park across 双清路: within 300 m as the crow flies, not on foot', () => {
    // The nearest park (way/226667894, a small unnamed leisure=park inside Tsinghua's east campus) is 246 m
    // from the compound's west corner (corner 1) over 双清路. No way leads from 双清路 into the campus
    // opposite the compound, so the walk goes from the north tip (corner 0) north along 荷清路
    // (way/169352437) to 116.330934, 39.999179, west on way/42943110 into the campus, a step south on
    // 光华路 (way/478184840) and south-west along way/42943114 to the park: ≈ 690 m.
    const park = poi('way/226667894');
    const c = cell(ON, '西王庄小区', 'park');
    within10(c.walk, alongWays(corner('西王庄小区', 0), [
      ['way/169352437', [116.3309342, 39.999179]], // 荷清路
      ['way/42943110', [116.3290774, 39.9991104]],
      ['way/478184840', [116.3290862, 39.9988817]], // 光华路
      ['way/42943114', null],
    ], park.geometry.coordinates), '西王庄小区 → park');
    expect(c.straight).toBeCloseTo(metres(corner('西王庄小区', 1), park.geometry.coordinates), 0);
    expect(c.straight).toBeLessThan(300);
    expect(c.walk).toBeGreaterThan(2.5 * c.straight);
    expect(c.within).toBe(false);
  });

  it('no compound is within 300 m of a park on foot, though four are as the crow flies', () => {
    // hand check: 荷清苑 140 m, 西院 200 m (近春园), 西王庄 246 m, 西北小区 235 m straight; on foot the nearest
    // is 荷清苑 at ≈ 333 m (campus roads south to the garden way/226623707)
    const park = NAMES.map((n) => cell(ON, n, 'park'));
    expect(park.filter((c) => c.within).length).toBe(0);
    expect(park.filter((c) => c.straight <= 300).length).toBe(4);
    expect(Math.min(...park.map((c) => c.walk))).toBeGreaterThan(320);
  });

  it('every compound but 新林院 has a bus stop within 500 m; 新林院, mid-campus, walks ≈ 566 m to 成府路', () => {
    // 新林院's south-east corner (corner 2) → way/32954719 → south on way/46426199, way/105276036,
    // way/72701418 → east along 成府路 (way/138690698) to the platform way/128625049.
    const c = cell(ON, '新林院', 'busStop');
    within10(c.walk, alongWays(corner('新林院', 2), [
      ['way/32954719', [116.3202487, 39.9946571]],
      ['way/46426199', [116.3204394, 39.9932038]],
      ['way/105276036', [116.3202745, 39.993084]],
      ['way/72701418', [116.3203901, 39.9913273]],
      ['way/138690698', null], // 成府路
    ], poi('way/128625049').geometry.coordinates), '新林院 → 成府路 bus platform');
    expect(c.walk).toBeGreaterThan(500);
    expect(c.straight).toBeLessThan(500); // 374 m straight: within, if the straight line were taken
    for (const name of NAMES) expect(cell(ON, name, 'busStop').within, name).toBe(name !== '新林院');
  });

  it('the arterial rule on 中关村北大街: 西院 reaches the platform 29 m away in ≈ 138 m, ≈ 114 m when crossings are junctions', () => {
    // The bus platform way/128576348 is an island between two carriageways of 中关村北大街 (primary
    // way/235466190 on its west, way/138684423 on its east; the side road way/128625056 runs further east),
    // 29 m from 西院's north-west corner (corner 0). It attaches to way/235466190, the nearer line. With
    // arterialCrossingAtJunctionsOnly one gets onto the carriageways only at a shared vertex: north along
    // the side road to the link way/128576354, west on it over way/138684423 (shared vertex), south on
    // way/235466190 to the platform.
    const platform = poi('way/128576348');
    const on = cell(ON, '西院', 'busStop');
    within10(on.walk, alongWays(corner('西院', 0), [
      ['way/128625056', [116.3093424, 40.0035458]],
      ['way/128576354', [116.3091231, 40.0035994]],
      ['way/235466190', null],
    ], platform.geometry.coordinates), '西院 → platform, setting on');
    expect(on.straight).toBeCloseTo(metres(corner('西院', 0), platform.geometry.coordinates), 0);
    // With the setting off, the footbridge way/32954939 (bridge=yes, layer=1) 50 m south becomes a junction
    // where it crosses the carriageways, and the platform way/160071231 just north of it is nearer: side road
    // south, footbridge west, way/235466190 north. (On the ground one takes the footbridge and the steps
    // way/128576341 / 128576346 down to the island; the steps end on the platforms, which are facilities
    // here, not ways, so that is the right answer for the wrong reason.)
    const off = cell(OFF, '西院', 'busStop');
    within10(off.walk, alongWays(corner('西院', 0), [
      ['way/128625056', [116.3092564, 40.0026379]],
      ['way/32954939', [116.3090212, 40.0026383]],
      ['way/235466190', null],
    ], poi('way/160071231').geometry.coordinates), '西院 → platform, setting off');
    expect(on.walk - off.walk).toBeGreaterThan(15);
    // fewer junctions never shorten a walk
    for (const kind of KINDS) for (const name of NAMES) expect(cell(ON, name, kind).walk, `${name} ${kind}`).toBeGreaterThanOrEqual(cell(OFF, name, kind).walk - 1e-6);
  });

  it('the gaps table for the kinds with a GB 50180 radius', () => {
    // within the radius on foot (✔) or not; every cell is at least 10 % away from its radius, e.g.
    // 华清嘉园 middle school 897 m of 1000, 荷清苑 park 333 m of 300, 西院 supermarket 821 m of 500.
    const kinds: AmenityKind[] = ['kindergarten', 'primarySchool', 'middleSchool', 'supermarket', 'sportsGround', 'park', 'busStop'];
    const table = Object.fromEntries(NAMES.map((n) => [n, kinds.filter((k) => cell(ON, n, k).within).join(' ')]));
    expect(table).toEqual({
      新林院: 'kindergarten primarySchool middleSchool sportsGround',
      荷清苑教师住宅区: 'middleSchool supermarket sportsGround busStop',
      西院: 'middleSchool sportsGround busStop',
      西王庄小区: 'supermarket busStop',
      清华大学西北小区: 'middleSchool supermarket sportsGround busStop',
      华清嘉园小区: 'middleSchool supermarket busStop',
    });
    for (const n of NAMES) {
      for (const k of kinds) {
        const c = cell(ON, n, k);
        expect(Math.abs(c.walk - RADII[k]) / RADII[k], `${n} ${k} ${c.walk.toFixed(0)} m vs ${RADII[k]} m`).toBeGreaterThan(0.1);
      }
    }
  });
});
