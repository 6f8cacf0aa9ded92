// The printable package report: site areas, build years, management, cost under the saved cost
// mode, the pipes inside the member compounds by exact clipping, and the pipe work they call for.
// Pure: the read model fetches the package, its members, the candidate pipes and the sewers.
import * as turf from '@turf/turf';
import type { Feature, LineString, Polygon } from 'geojson';
import { clipper } from './analysis/clip.ts';
import { packagePipes } from './analysis/packagePipes.ts';
import type { PackageDetail, PackageReport, PipeWork } from './domain/api.ts';
import { MANAGEMENT, PIPE_KINDS, type CommunityProps, type PipeProps } from './domain/model.ts';
import type { Settings } from './domain/settings.ts';
import { compoundCost } from './domain/cost.ts';

const tenth = (x: number) => Math.round(x * 10) / 10;

export interface ReportInput {
  package: PackageDetail;
  /** The member compounds with their outlines, in package order. */
  members: Feature<Polygon, CommunityProps>[];
  /** Pipes that may cross the members (e.g. those whose bbox meets theirs); the rest count 0. */
  pipes: Feature<LineString, PipeProps>[];
  /** Every sewer pipe: the nearest to a member without an outlet may lie far away (analysis/packagePipes.ts). */
  sewers: Feature<LineString, PipeProps>[];
  settings: Settings;
  generatedAt: Date;
}

export function packageReport({ package: pkg, members, pipes, sewers, settings, generatedAt }: ReportInput): PackageReport {
  const props = members.map((f) => f.properties);

  const management = Object.fromEntries(MANAGEMENT.map((m) => [m, { communities: 0, households: 0 }])) as PackageReport['management'];
  for (const c of props) {
    management[c.management].communities++;
    management[c.management].households += c.households;
  }

  const perHousehold = settings.costMode === 'perHousehold';
  const unitCost = perHousehold ? settings.unitCostPerHousehold : settings.unitCostPerSqm;
  const byMember = props.map((c) => compoundCost(c, settings));
  const quantity = props.reduce((sum, c) => sum + (perHousehold ? c.households : c.floorArea), 0);

  // Lengths per kind and placement; kinds in the model's order, buried before overhead.
  const inside = clipper(members.map((f) => f.geometry.coordinates));
  const work = new Map<string, { length: number; poor: number }>();
  for (const p of pipes) {
    const len = inside(p.geometry.coordinates);
    if (len <= 0) continue;
    const key = `${p.properties.kind}/${p.properties.overhead}`;
    const w = work.get(key) ?? { length: 0, poor: 0 };
    w.length += len;
    if (p.properties.condition === 'poor') w.poor += len;
    work.set(key, w);
  }
  const raw = PIPE_KINDS.flatMap((kind) => [false, true].flatMap((overhead) => {
    const w = work.get(`${kind}/${overhead}`);
    return w ? [{ kind, overhead, ...w }] : [];
  }));
  const pipeWork: PipeWork[] = raw.map((w) => ({ kind: w.kind, overhead: w.overhead, lengthM: tenth(w.length), poorM: tenth(w.poor) }))
    .filter((w) => w.lengthM > 0);

  // The pipe work the members call for, priced per metre: separate lines after the base estimate.
  const priced = packagePipes({ members, pipes, sewers, settings, year: generatedAt.getFullYear() });

  return {
    package: pkg,
    siteArea: Object.fromEntries(members.map((f) => [f.properties.id, Math.round(turf.area(f))])),
    // An empty package (a draft can be) has no build years: 0–0.
    buildYears: props.length ? { min: Math.min(...props.map((c) => c.buildYear)), max: Math.max(...props.map((c) => c.buildYear)) } : { min: 0, max: 0 },
    management,
    cost: {
      mode: settings.costMode, unitCost, quantity: Math.round(quantity * 100) / 100,
      total: byMember.reduce((a, b) => a + b, 0), // the sum of the rounded lines, so the printed table adds up
      byMember,
    },
    pipes: pipeWork,
    combinedM: tenth(raw.filter((w) => w.kind === 'combined').reduce((s, w) => s + w.length, 0)),
    overheadM: tenth(raw.filter((w) => w.overhead).reduce((s, w) => s + w.length, 0)),
    pipeWork: { items: priced.work, total: priced.workTotal, grandTotal: byMember.reduce((a, b) => a + b, 0) + priced.workTotal },
    settings,
    generatedAt: generatedAt.toISOString(),
  };
}
