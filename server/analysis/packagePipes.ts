// The pipes of one package (issue 5 §5, "per package: lengths by kind and condition, feeding the
// cost estimate"): metres inside the member compounds by kind × condition, and the pipe work they
// call for, priced per metre (settings.pipeWorkCostPerM). Pure: the caller supplies the members,
// the pipes that may cross them, every sewer (for the distance to the nearest), and the settings.
//
// Work items, each metre counted once:
//   separation       雨污分流: the combined pipe inside the members, replaced by separate sewer and storm pipes;
//   overheadBurial   架空线入地/规整: the overhead lines inside the members;
//   replacement      the other pipe inside the members laid more than pipeServiceLifeYears ago
//                    (aged combined pipe is already separated, aged overhead lines already buried);
//   sewerConnection  for each member with no sewer outlet (pipes.ts), the straight distance from its
//                    wall to the nearest sewer main or branch: the shortest a new connection can be.
// Lengths inside are clipped exactly on the union of the members (clip.ts): a pipe along a wall two
// members share counts once.
import type { Feature, LineString, Polygon } from 'geojson';
import type { PackagePipeLengths, PipeWorkItem, PipeWorkItemKind } from '../domain/api.ts';
import { PIPE_KINDS, type PipeProps } from '../domain/model.ts';
import type { Settings } from '../domain/settings.ts';
import { geometryBBox } from './bbox.ts';
import { clipper } from './clip.ts';
import { projectionAbout } from './geo.ts';
import { pipeFlags, ringLineDistance, type PipeFlags } from './pipes.ts';

export interface PackagePipesInput {
  members: Feature<Polygon, { id: string }>[];
  /** Pipes that may cross the members (e.g. those whose bbox meets theirs); others count 0. */
  pipes: Feature<LineString, PipeProps>[];
  /** Every sewer pipe of the data set: the nearest may lie far outside the package. */
  sewers: Feature<LineString, PipeProps>[];
  settings: Pick<Settings, 'sewerOutletMaxM' | 'pipeServiceLifeYears' | 'pipeWorkCostPerM'>;
  year: number;
}

export interface PackagePipes {
  lengths: PackagePipeLengths[];
  work: PipeWorkItem[];
  /** 元, the sum of the work lines' costs. */
  workTotal: number;
  /** Per member, in input order; sewerConnectionM is 0 for a member with an outlet, null when the data set has no sewer at all. */
  members: (PipeFlags & { sewerConnectionM: number | null })[];
}

export const PIPE_WORK_ITEMS: readonly PipeWorkItemKind[] = ['separation', 'overheadBurial', 'replacement', 'sewerConnection'];

const tenth = (x: number) => Math.round(x * 10) / 10;

export function packagePipes({ members, pipes, sewers, settings, year }: PackagePipesInput): PackagePipes {
  const life = settings.pipeServiceLifeYears;
  const aged = (p: PipeProps) => p.year != null && year - p.year > life;

  // ---- inside the members, by kind × condition ----
  const inside = clipper(members.map((f) => f.geometry.coordinates));
  type Row = Omit<PackagePipeLengths, 'kind'>;
  const rows = new Map<PipeProps['kind'], Row>();
  let separation = 0, overhead = 0, replacement = 0;
  for (const p of pipes) {
    const m = inside(p.geometry.coordinates);
    if (m <= 0) continue;
    const q = p.properties;
    const r = rows.get(q.kind) ?? { good: 0, fair: 0, poor: 0, unknown: 0, totalM: 0, agedM: 0, overheadM: 0 };
    r[q.condition ?? 'unknown'] += m;
    r.totalM += m;
    if (aged(q)) r.agedM += m;
    if (q.overhead) r.overheadM += m;
    rows.set(q.kind, r);
    if (q.kind === 'combined') separation += m;
    else if (q.overhead) overhead += m;
    else if (aged(q)) replacement += m;
  }
  const lengths: PackagePipeLengths[] = PIPE_KINDS.filter((k) => rows.has(k)).map((kind) => {
    const r = rows.get(kind)!;
    return { kind, good: tenth(r.good), fair: tenth(r.fair), poor: tenth(r.poor), unknown: tenth(r.unknown), totalM: tenth(r.totalM), agedM: tenth(r.agedM), overheadM: tenth(r.overheadM) };
  });

  // ---- per member: the flags, and how far a new sewer connection has to go ----
  const seen = new Set(pipes.map((p) => p.properties.id));
  const all = [...pipes, ...sewers.filter((s) => !seen.has(s.properties.id))];
  const flags = members.length
    ? pipeFlags({ compounds: members, pipes: all, sewerOutletMaxM: settings.sewerOutletMaxM, serviceLifeYears: life, year })
    : [];
  const mains = sewers.filter((s) => s.properties.kind === 'sewer' && s.properties.level !== 'service');
  const withConnection = flags.map((f, i) => {
    if (!f.noSewerOutlet) return { ...f, sewerConnectionM: 0 };
    if (f.sewerM !== null) return { ...f, sewerConnectionM: f.sewerM };
    // beyond pipeFlags' search distance: measure against every sewer
    if (!mains.length) return { ...f, sewerConnectionM: null };
    const ring = members[i].geometry.coordinates[0];
    const { lon0, lat0, kx, ky } = projectionAbout(geometryBBox(members[i].geometry));
    const xy = (pts: number[][]) => pts.flatMap((p) => [(p[0] - lon0) * kx, (p[1] - lat0) * ky]);
    const r = xy(ring);
    let d = Infinity;
    for (const s of mains) d = Math.min(d, ringLineDistance(r, xy(s.geometry.coordinates)));
    return { ...f, sewerConnectionM: tenth(d) };
  });
  const connection = withConnection.reduce((s, f) => s + (f.sewerConnectionM ?? 0), 0);

  // ---- priced ----
  const quantity: Record<PipeWorkItemKind, number> = { separation, overheadBurial: overhead, replacement, sewerConnection: connection };
  const work: PipeWorkItem[] = PIPE_WORK_ITEMS.map((item) => {
    const quantityM = tenth(quantity[item]);
    const unitCost = settings.pipeWorkCostPerM[item];
    return { item, quantityM, unitCost, cost: Math.round(quantityM * unitCost) }; // the printed quantity × the printed price
  });
  return { lengths, work, workTotal: work.reduce((s, w) => s + w.cost, 0), members: withConnection };
}
