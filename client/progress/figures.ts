// From the server's figures to what the map shows and what each figure points at: the status of
// every compound on the date, and the compounds behind a KPI, a bar or a ranking row. The server
// decides statuses and counts; this only looks up which compounds they are made of.
import type { ProgressPackage, ProgressResponse } from './types.ts';

/** What a figure on screen stands for, so a click can show its compounds on the map. */
export type FigureRef =
  | { kind: 'planned' | 'started' | 'completed' }
  | { kind: 'status'; status: string; subdistrict?: string }
  | { kind: 'subdistrict'; name: string }
  | { kind: 'package'; id: string }
  | { kind: 'funding'; source: string | null }
  | { kind: 'audit'; index: number };

export const isStarted = (p: ProgressPackage, date: string) => p.startedOn !== null && p.startedOn <= date;
export const isCompleted = (p: ProgressPackage, date: string) => p.completedOn !== null && p.completedOn <= date;

/** Each compound's status on the date; a compound in two packages shows the further one. */
export function compoundStatuses(p: ProgressResponse): Map<string, string> {
  const order = new Map(p.statuses.map((s, i) => [s.code, i]));
  const out = new Map<string, string>();
  for (const pkg of p.packages) {
    if (pkg.status === null) continue;
    for (const id of pkg.members) {
      const was = out.get(id);
      if (was === undefined || (order.get(pkg.status) ?? -1) > (order.get(was) ?? -1)) out.set(id, pkg.status);
    }
  }
  return out;
}

/** The packages that count on the date (those with a status by then). */
export const plannedPackages = (p: ProgressResponse) => p.packages.filter((x) => x.status !== null);

function membersOf(packages: ProgressPackage[], keep: (id: string) => boolean = () => true): string[] {
  const ids = new Set<string>();
  for (const x of packages) for (const id of x.members) if (keep(id)) ids.add(id);
  return [...ids];
}

/**
 * The compounds behind a figure. `subdistrictOf` names each compound's 街道 (from the compounds
 * layer); a package spanning two 街道 counts in each for its own members only.
 */
export function compoundsBehind(ref: FigureRef, p: ProgressResponse, subdistrictOf: (id: string) => string | undefined): string[] {
  const planned = plannedPackages(p);
  switch (ref.kind) {
    case 'planned':
      return membersOf(planned);
    case 'started':
      return membersOf(planned.filter((x) => isStarted(x, p.date)));
    case 'completed':
      return membersOf(planned.filter((x) => isCompleted(x, p.date)));
    case 'status': {
      const statuses = compoundStatuses(p);
      return [...statuses].filter(([id, s]) => s === ref.status && (ref.subdistrict === undefined || subdistrictOf(id) === ref.subdistrict)).map(([id]) => id);
    }
    case 'subdistrict':
      return membersOf(planned, (id) => subdistrictOf(id) === ref.name);
    case 'package':
      return p.packages.find((x) => x.id === ref.id)?.members ?? [];
    case 'funding':
    case 'audit':
      return []; // resolved by the caller, which holds the funding and the flags
  }
}

/** Compounds per status per 街道 (the stacked bars), counted from each compound's status. */
export function statusBySubdistrict(p: ProgressResponse, subdistrictOf: (id: string) => string | undefined): Map<string, Map<string, { communities: number }>> {
  const out = new Map<string, Map<string, { communities: number }>>();
  for (const [id, status] of compoundStatuses(p)) {
    const sd = subdistrictOf(id) ?? '';
    let row = out.get(sd);
    if (!row) out.set(sd, (row = new Map()));
    const cell = row.get(status) ?? { communities: 0 };
    cell.communities += 1;
    row.set(status, cell);
  }
  return out;
}

/** Where the 街道 ranking puts each 街道: by rank, then name. */
export function ranked(p: ProgressResponse) {
  return [...p.subdistricts].sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'zh-CN'));
}
