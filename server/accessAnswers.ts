// The answers of the walking-access routes (server/routes/access.ts), built from the store, the
// access index (walking network + every compound's gaps) and the pure analyses: where to site a new
// facility (coverage.ts), what one facility reaches (reach.ts), the distance field of a kind.
// The routes resolve and validate; these functions only assemble.
import type { Feature, Point, Polygon, Position } from 'geojson';
import type { AccessIndex } from './accessIndex.ts';
import { compoundExitPoints } from './analysis/access.ts';
import { emptyBBox, extendBBox } from './analysis/bbox.ts';
import { maximalCoverage, nodesInBox, nodesInPolygons, type CoverageInput, type CoverageResult } from './analysis/coverage.ts';
import { distanceField, reachableSegments, walkWithin } from './analysis/reach.ts';
import type { WalkNetwork } from './analysis/walk.ts';
import type { FieldResponse, LocationResponse, ReachResponse } from './domain/api.ts';
import type { AmenityProps, CommunityProps } from './domain/model.ts';
import type { Store } from './store/store.ts';

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The area a location search looks in: a 街道 (its outline) or a package (its members). */
export type LocationArea =
  | { type: 'subdistrict'; id: string; name: string; polygons: Position[][][] }
  | { type: 'package'; id: string; name: string; members: string[] };

export interface LocationProblem {
  kind: string;
  radiusM: number;
  area: LocationArea;
  /** the area's compounds without the kind within radiusM on foot (as the gap analysis says) */
  demand: Feature<Polygon, CommunityProps>[];
  /** what maximalCoverage is given: demand exit points and households, the candidates */
  input: CoverageInput;
  /** per candidate: where it comes from */
  source: ('roadNode' | 'compoundEdge')[];
}

/**
 * The coverage problem for a kind in an area. Demand: the area's compounds the gap analysis finds
 * without the kind within its radius. Candidates: the street nodes inside the 街道 (for a package:
 * within its members' bounding box grown by the radius), then the uncovered compounds' exit points
 * (gates, else outline vertices), each position once.
 */
export function locationProblem(store: Store, access: AccessIndex, kind: string, radiusM: number, area: LocationArea, maxSites: number): LocationProblem {
  const network = access.network();
  const gaps = access.gaps().communities;
  // the gap table knows every compound's 街道 and access: load geometry only for the area's uncovered ones
  const lacking = (id: string) => gaps.find((c) => c.id === id)?.access[kind]?.within === false;
  const demandIds = area.type === 'subdistrict'
    ? gaps.filter((c) => c.subdistrict === area.name && c.access[kind]?.within === false).map((c) => c.id)
    : area.members.filter(lacking);
  const demand = store.communitiesByIds(demandIds);
  const members = area.type === 'package' ? store.communitiesByIds(area.members) : [];

  const exits = compoundExitPoints(demand, 'locationProblem');
  const demandPoints = demand.map((_, i) => exits.points.slice(exits.start[i], exits.start[i + 1]));

  let nodes: number[] = [];
  if (area.type === 'subdistrict') nodes = nodesInPolygons(network, area.polygons);
  else if (members.length > 0) {
    const box = emptyBBox();
    for (const c of members) for (const ring of c.geometry.coordinates) for (const p of ring) extendBBox(box, p[0], p[1]);
    nodes = nodesInBox(network, box, radiusM);
  }
  const candidates: Position[] = [];
  const source: LocationProblem['source'] = [];
  const seen = new Set<string>();
  const add = (p: Position, s: 'roadNode' | 'compoundEdge') => {
    const key = `${p[0]},${p[1]}`;
    if (seen.has(key)) return;
    seen.add(key);
    candidates.push(p);
    source.push(s);
  };
  for (const v of nodes) add([network.lon[v], network.lat[v]], 'roadNode');
  for (const p of exits.points) add(p, 'compoundEdge');

  return {
    kind, radiusM, area, demand, source,
    input: { demandPoints, weight: demand.map((c) => c.properties.households), candidates, radiusM, maxSites },
  };
}

/** The location answer: the problem solved by greedy maximal coverage, in households and names. */
export function locationAnswer(network: WalkNetwork, problem: LocationProblem, result: CoverageResult = maximalCoverage(network, problem.input)): LocationResponse {
  const { demand, input, area } = problem;
  const hh = (i: number) => demand[i].properties.households;
  let cumulative = 0;
  return {
    kind: problem.kind,
    radiusM: problem.radiusM,
    area: { type: area.type, id: area.id, name: area.name },
    uncovered: { communities: demand.length, households: demand.reduce((s, c) => s + c.properties.households, 0) },
    candidates: input.candidates.length,
    coverable: { communities: result.coverable.length, households: result.coverable.reduce((s, i) => s + hh(i), 0) },
    picks: result.picks.map((p) => {
      cumulative += p.gainWeight;
      const at = input.candidates[p.candidate];
      return {
        lon: round6(at[0]), lat: round6(at[1]), source: problem.source[p.candidate],
        gainHouseholds: p.gainWeight, gainCommunities: p.gainCount, cumulativeHouseholds: cumulative,
        covers: p.covers.map((i) => ({ id: demand[i].properties.id, name: demand[i].properties.name, households: hh(i) })),
      };
    }),
  };
}

/** Gates further off their compound's outline than this (m) are missed by reachAnswer's bbox query: the data model puts gates on the outline. */
const GATE_SLACK_M = 50;

/**
 * What one facility reaches within radiusM on foot: street pieces and compounds (by their best exit
 * point). A walk is never shorter than the straight line, so only compounds whose box meets the
 * facility's box grown by radiusM (+ GATE_SLACK_M) are loaded (R*Tree) and measured.
 */
export function reachAnswer(store: Store, network: WalkNetwork, amenity: Feature<Point, AmenityProps>, radiusM: number): ReachResponse {
  const at = amenity.geometry.coordinates;
  const { kx, ky } = network.projection;
  const gx = (radiusM + GATE_SLACK_M) / kx, gy = (radiusM + GATE_SLACK_M) / ky;
  const communities = store.communities([at[0] - gx, at[1] - gy, at[0] + gx, at[1] + gy]);
  const exits = compoundExitPoints(communities, 'reachAnswer');
  const walk = walkWithin(network, at, radiusM, communities.map((_, i) => exits.points.slice(exits.start[i], exits.start[i + 1])));
  const reached = communities.flatMap((c, i) => (Number.isFinite(walk[i]) ? [{ id: c.properties.id, name: c.properties.name, walkM: round1(walk[i]), exact: walk[i] }] : []));
  reached.sort((a, b) => a.exact - b.exact || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { id, name, kind } = amenity.properties;
  return {
    amenity: { id, name, kind, lon: round6(at[0]), lat: round6(at[1]) },
    radiusM,
    segments: reachableSegments(network, at, radiusM).map((s) => ({
      path: s.path.map((p) => [round6(p[0]), round6(p[1])] as [number, number]),
      fromM: round1(s.fromM),
      toM: round1(s.toM),
    })),
    communities: reached.map(({ id, name, walkM }) => ({ id, name, walkM })),
  };
}

/** Per street edge, the walk from the nearest facility of the kind at both ends. */
export function fieldAnswer(store: Store, network: WalkNetwork, kind: string, radiusM: number): FieldResponse {
  const sources = store.amenities().filter((a) => a.properties.kind === kind).map((a) => a.geometry.coordinates);
  const d = distanceField(network, sources);
  const { edgeA, edgeB, lon, lat } = network;
  const E = edgeA.length;
  const positions = new Array<number>(4 * E);
  const distM = new Array<number | null>(2 * E);
  for (let e = 0; e < E; e++) {
    const a = edgeA[e], b = edgeB[e];
    positions[4 * e] = round6(lon[a]); positions[4 * e + 1] = round6(lat[a]);
    positions[4 * e + 2] = round6(lon[b]); positions[4 * e + 3] = round6(lat[b]);
    distM[2 * e] = Number.isFinite(d[2 * e]) ? round1(d[2 * e]) : null;
    distM[2 * e + 1] = Number.isFinite(d[2 * e + 1]) ? round1(d[2 * e + 1]) : null;
  }
  return { kind, radiusM, positions, distM };
}
