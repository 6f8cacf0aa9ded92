// What the pipes say about each compound (issue 5 §5): how far the nearest sewer main is (污水管网
//找不到入口), and the combined (雨污合流), aged, poor and overhead pipe inside its walls.
// Pure: the caller supplies compounds, pipes and the thresholds.
import Flatbush from 'flatbush';
import type { Feature, LineString, Polygon, Position } from 'geojson';
import type { PipeProps } from '../domain/model.ts';
import type { BBox } from '../domain/api.ts';
import { emptyBBox, extendBBox, geometryBBox } from './bbox.ts';
import { clipper } from './clip.ts';
import { pointSegment, projectionAbout } from './geo.ts';

export interface PipeFlagsInput {
  compounds: Feature<Polygon, { id: string }>[];
  pipes: Feature<LineString, PipeProps>[];
  /** A compound farther than this from every sewer main or branch has "no sewer outlet" (m). */
  sewerOutletMaxM: number;
  /** A pipe laid this many years before `year` is past its service life. */
  serviceLifeYears: number;
  year: number;
}

export interface PipeFlags {
  id: string;
  /** Metres from the compound's wall to the nearest sewer main or branch; null when there is none within the search distance. */
  sewerM: number | null;
  noSewerOutlet: boolean;
  /** Metres of pipe inside the compound, by what it needs. */
  combinedM: number;
  overheadM: number;
  agedM: number;
  poorM: number;
}

const SEARCH_FACTOR = 3; // look for sewers up to 3 × the outlet distance, so a near miss reads as a number

/** Shortest distance (in projected metres) between a ring and a polyline that do not cross. */
export function ringLineDistance(ring: number[], line: number[]): number {
  let d = Infinity;
  for (let i = 0; i < ring.length; i += 2) for (let j = 0; j + 2 < line.length; j += 2) d = Math.min(d, pointSegment(ring[i], ring[i + 1], line[j], line[j + 1], line[j + 2], line[j + 3]));
  for (let j = 0; j < line.length; j += 2) for (let i = 0; i + 2 < ring.length; i += 2) d = Math.min(d, pointSegment(line[j], line[j + 1], ring[i], ring[i + 1], ring[i + 2], ring[i + 3]));
  return d;
}

export function pipeFlags(input: PipeFlagsInput): PipeFlags[] {
  const { compounds, pipes, sewerOutletMaxM, serviceLifeYears, year } = input;
  if (!(sewerOutletMaxM >= 0)) throw new Error(`pipeFlags: sewerOutletMaxM must be ≥ 0, got ${sewerOutletMaxM}`);
  if (!(serviceLifeYears > 0)) throw new Error(`pipeFlags: serviceLifeYears must be > 0, got ${serviceLifeYears}`);
  if (!compounds.length) return [];
  const { lon0, kx, ky } = projectionAbout(geometryBBox(compounds[0].geometry));
  const project = (pts: Position[]) => pts.flatMap((p) => [(p[0] - lon0) * kx, p[1] * ky]);
  const boxOfXY = (xy: number[]): BBox => {
    const b = emptyBBox();
    for (let i = 0; i < xy.length; i += 2) extendBBox(b, xy[i], xy[i + 1]);
    return b;
  };

  const sewers = pipes.filter((p) => p.properties.kind === 'sewer' && p.properties.level !== 'service').map((p) => project(p.geometry.coordinates));
  const sewerIndex = new Flatbush(Math.max(1, sewers.length));
  for (const s of sewers) sewerIndex.add(...boxOfXY(s));
  if (!sewers.length) sewerIndex.add(0, 0, 0, 0); // Flatbush needs one item; searches skip it below
  sewerIndex.finish();

  const pipeIndex = new Flatbush(Math.max(1, pipes.length));
  for (const p of pipes) pipeIndex.add(...geometryBBox(p.geometry));
  if (!pipes.length) pipeIndex.add(0, 0, 0, 0);
  pipeIndex.finish();

  const search = sewerOutletMaxM * SEARCH_FACTOR;
  return compounds.map((c) => {
    const ringLL = c.geometry.coordinates[0];
    const ring = project(ringLL);
    const [x0, y0, x1, y1] = boxOfXY(ring);
    let sewer = Infinity;
    if (sewers.length) for (const k of sewerIndex.search(x0 - search, y0 - search, x1 + search, y1 + search)) sewer = Math.min(sewer, ringLineDistance(ring, sewers[k]));
    // A sewer running through the compound is an outlet at distance 0.
    const inside = clipper([c.geometry.coordinates]);
    let combinedM = 0, overheadM = 0, agedM = 0, poorM = 0;
    for (const k of pipes.length ? pipeIndex.search(...geometryBBox(c.geometry)) : []) {
      const p = pipes[k];
      const m = inside(p.geometry.coordinates);
      if (m <= 0) continue;
      if (p.properties.kind === 'sewer' && p.properties.level !== 'service') sewer = 0;
      if (p.properties.kind === 'combined') combinedM += m;
      if (p.properties.overhead) overheadM += m;
      if (p.properties.year != null && year - p.properties.year > serviceLifeYears) agedM += m;
      if (p.properties.condition === 'poor') poorM += m;
    }
    const r1 = (x: number) => Math.round(x * 10) / 10;
    return {
      id: c.properties.id,
      sewerM: Number.isFinite(sewer) && sewer <= search ? r1(sewer) : null,
      noSewerOutlet: !(sewer <= sewerOutletMaxM),
      combinedM: r1(combinedM), overheadM: r1(overheadM), agedM: r1(agedM), poorM: r1(poorM),
    };
  });
}
