// Progress at a date, as the ministry counts it (standards.md §4.2): compounds and households
// planned, started and completed, 开工率 and 完工率 by number of 小区 and by 户, a 街道 ranking,
// funding and physical outputs. Pure and shared with the client (the time slider colours the map
// with statusAt); the workflow and which status counts as started or completed are settings.
import { FUNDING_SOURCES, OUTPUT_KINDS, type CommunityProps, type Funding, type FundingSource, type Outputs, type StatusCode, type StatusEvent } from './model.ts';
import type { Settings } from './settings.ts';
import { compoundCost } from './cost.ts';

export type Workflow = Pick<Settings, 'progressStatuses' | 'declaredStatus' | 'startedStatus' | 'completedStatus'>;

/** YYYY-MM-DD that names a real calendar day (2021-02-29 does not). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * The last event on or before `date` (YYYY-MM-DD), or null before the first. Events on the same
 * day count in the order they were recorded; the history need not be sorted.
 */
export function statusAt(history: readonly StatusEvent[], date: string): StatusEvent | null {
  let best: StatusEvent | null = null;
  for (const e of history) if (e.date <= date && (!best || e.date >= best.date)) best = e;
  return best;
}

/** Position of a status in the workflow; -1 for a code the workflow does not know. */
export function statusIndex(w: Pick<Workflow, 'progressStatuses'>, code: StatusCode | null | undefined): number {
  return code == null ? -1 : w.progressStatuses.findIndex((s) => s.code === code);
}

/** Whether `code` is at or past `threshold` in the workflow (an unknown code never is). */
export function reached(w: Pick<Workflow, 'progressStatuses'>, code: StatusCode | null | undefined, threshold: StatusCode): boolean {
  const i = statusIndex(w, code);
  return i >= 0 && i >= statusIndex(w, threshold);
}

/** Events in date order, same-day events in recorded order. */
function chronological(history: readonly StatusEvent[]): StatusEvent[] {
  return history.map((e, i) => ({ e, i })).sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i)).map((x) => x.e);
}

/**
 * The day the package last entered the interval "at or past `threshold`" and has stayed in it up
 * to `date`, or null when it is not in it on `date`. A history that steps back (施工 → 招投标) and
 * forward again starts a new interval.
 */
export function reachedOn(w: Pick<Workflow, 'progressStatuses'>, history: readonly StatusEvent[], date: string, threshold: StatusCode): string | null {
  let since: string | null = null;
  for (const e of chronological(history)) {
    if (e.date > date) break;
    if (reached(w, e.status, threshold)) since ??= e.date;
    else since = null;
  }
  return since;
}

export interface StatusEdit {
  status: StatusCode;
  date: string;
}
export interface EditProblem {
  code: 'unknown_status' | 'date_before_last' | 'status_backwards' | 'bad_date';
  message: string;
  messageEn: string;
}

/**
 * Why a new dated event may not be appended to a history, or null when it may: the status must be
 * in the workflow, the date a real day not before the last event, and the workflow may not step
 * back (the import refuses such a history too; a mistaken step is taken back with undo).
 */
export function checkStatusEdit(w: Pick<Workflow, 'progressStatuses'>, history: readonly StatusEvent[], edit: StatusEdit): EditProblem | null {
  const codes = w.progressStatuses.map((s) => s.code);
  if (!isCalendarDate(edit.date)) return { code: 'bad_date', message: `日期无效：${edit.date}`, messageEn: `not a date: ${edit.date}` };
  if (!codes.includes(edit.status)) {
    return {
      code: 'unknown_status', message: `没有这个进度状态：${edit.status}（可用：${codes.join('、')}）`,
      messageEn: `unknown status ${edit.status} (known: ${codes.join(', ')})`,
    };
  }
  const last = chronological(history).at(-1);
  if (last && edit.date < last.date) {
    return {
      code: 'date_before_last', message: `日期 ${edit.date} 早于最近一次进度记录（${last.date}）`,
      messageEn: `the date ${edit.date} is earlier than the last recorded event (${last.date})`,
    };
  }
  if (last && statusIndex(w, edit.status) < statusIndex(w, last.status)) {
    const label = (c: string) => w.progressStatuses.find((s) => s.code === c)?.zh ?? c;
    return {
      code: 'status_backwards', message: `进度不能倒退：当前为“${label(last.status)}”，不能改为“${label(edit.status)}”（误录请撤销）`,
      messageEn: `the workflow cannot step back from ${last.status} to ${edit.status} (undo a mistaken step instead)`,
    };
  }
  return null;
}

// ---------------------------------------------------------------- figures at a date

export interface ProgressPackage {
  id: string;
  name: string;
  batch: string | null;
  year: number | null;
  members: string[];
  history: StatusEvent[];
  funding: Funding;
  outputs: Outputs;
}
export type ProgressCommunity = Pick<CommunityProps, 'id' | 'name' | 'subdistrict' | 'households' | 'floorArea'>;

export interface Count {
  packages: number;
  communities: number;
  households: number;
}
export interface Rates {
  /** 0..1; null when nothing is planned */
  byCommunities: number | null;
  byHouseholds: number | null;
}
export interface SubdistrictProgress {
  name: string;
  planned: { communities: number; households: number };
  started: { communities: number; households: number };
  completed: { communities: number; households: number };
  startRate: Rates;
  completionRate: Rates;
  /** 1 = best; equal figures share a rank; 街道 with nothing planned come last */
  rank: number;
}
export interface PackageProgress {
  id: string;
  name: string;
  subdistricts: string[];
  batch: string | null;
  year: number | null;
  /** status on the date; null = not yet in the workflow (no event on or before the date) */
  status: StatusCode | null;
  startedOn: string | null;
  completedOn: string | null;
  members: string[];
  households: number;
}
export interface ProgressResponse {
  date: string;
  batch: string | null;
  year: number | null;
  statuses: { code: StatusCode; zh: string; en: string }[];
  totals: { planned: Count; started: Count; completed: Count; startRate: Rates; completionRate: Rates };
  byStatus: { status: StatusCode | null; packages: number; communities: number; households: number }[];
  subdistricts: SubdistrictProgress[];
  /** 万元. `needed`: the cost estimate of the planned compounds (cost settings); `gap` = max(0, needed − inPlace). */
  funding: { sources: { source: FundingSource; planned: number; inPlace: number }[]; planned: number; inPlace: number; gap: number; needed: number };
  /** Sums over the packages completed on the date; null where none of them recorded the output. */
  outputs: Outputs;
  packages: PackageProgress[];
}

export interface ProgressInput {
  date: string;
  batch?: string | null;
  year?: number | null;
  packages: ProgressPackage[];
  /** At least every member of the packages; others are ignored. */
  communities: ProgressCommunity[];
  settings: Workflow & Pick<Settings, 'costMode' | 'unitCostPerHousehold' | 'unitCostPerSqm'>;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Where one package stands on the date. */
export function packageProgress(w: Workflow, p: Pick<ProgressPackage, 'history'>, date: string) {
  const status = statusAt(p.history, date)?.status ?? null;
  const startedOn = reachedOn(w, p.history, date, w.startedStatus);
  const completedOn = reachedOn(w, p.history, date, w.completedStatus);
  return { status, planned: status !== null, startedOn, completedOn };
}

/**
 * The figures on `date` for the packages of a batch and/or year (all packages when neither is
 * given). Planned: packages with an event on or before the date; started and completed: at or past
 * the configured statuses then. A compound is counted once, at its most advanced package.
 */
export function progress(input: ProgressInput): ProgressResponse {
  const { date, settings: w } = input;
  const batch = input.batch ?? null;
  const year = input.year ?? null;
  const communities = new Map(input.communities.map((c) => [c.id, c]));
  const selected = input.packages.filter((p) => (batch === null || p.batch === batch) && (year === null || p.year === year));

  // per compound: the furthest any of its packages got
  interface Stage { planned: boolean; started: boolean; completed: boolean; status: StatusCode | null; rank: number }
  const stage = new Map<string, Stage>();
  const states = selected.map((p) => {
    const s = packageProgress(w, p, date);
    const rank = s.status === null ? -2 : statusIndex(w, s.status);
    for (const m of p.members) {
      if (!communities.has(m)) continue;
      const prev = stage.get(m);
      if (!prev || rank > prev.rank) {
        stage.set(m, { planned: s.planned || !!prev?.planned, started: s.startedOn !== null || !!prev?.started, completed: s.completedOn !== null || !!prev?.completed, status: s.status, rank });
      } else {
        prev.planned ||= s.planned;
        prev.started ||= s.startedOn !== null;
        prev.completed ||= s.completedOn !== null;
      }
    }
    return s;
  });

  const compounds = [...stage.entries()].map(([id, st]) => ({ c: communities.get(id)!, st }));
  const tally = (pick: (st: Stage) => boolean) => {
    const xs = compounds.filter((x) => pick(x.st));
    return { communities: xs.length, households: xs.reduce((t, x) => t + x.c.households, 0) };
  };
  const pkgCount = (pick: (i: number) => boolean) => selected.filter((_, i) => pick(i)).length;
  const planned = { packages: pkgCount((i) => states[i].planned), ...tally((s) => s.planned) };
  const started = { packages: pkgCount((i) => states[i].startedOn !== null), ...tally((s) => s.started) };
  const completed = { packages: pkgCount((i) => states[i].completedOn !== null), ...tally((s) => s.completed) };
  const rates = (part: { communities: number; households: number }, whole: { communities: number; households: number }): Rates => ({
    byCommunities: ratio(part.communities, whole.communities), byHouseholds: ratio(part.households, whole.households),
  });

  // by status on the date, in workflow order, then codes the workflow does not know, then "not yet"
  const codes = [...w.progressStatuses.map((s) => s.code)];
  for (const s of states) if (s.status !== null && !codes.includes(s.status)) codes.push(s.status);
  const byStatus = [...codes, null].map((code) => {
    const xs = compounds.filter((x) => x.st.status === code);
    return {
      status: code, packages: states.filter((s) => s.status === code).length,
      communities: xs.length, households: xs.reduce((t, x) => t + x.c.households, 0),
    };
  });

  // per 街道, each compound in its own 街道
  const streets = new Map<string, typeof compounds>();
  for (const x of compounds) {
    const list = streets.get(x.c.subdistrict) ?? [];
    list.push(x);
    streets.set(x.c.subdistrict, list);
  }
  const subdistricts: SubdistrictProgress[] = [...streets.entries()].map(([name, xs]) => {
    const t = (pick: (st: Stage) => boolean) => {
      const ys = xs.filter((x) => pick(x.st));
      return { communities: ys.length, households: ys.reduce((s, x) => s + x.c.households, 0) };
    };
    const pl = t((s) => s.planned), st = t((s) => s.started), co = t((s) => s.completed);
    return { name, planned: pl, started: st, completed: co, startRate: rates(st, pl), completionRate: rates(co, pl), rank: 0 };
  });
  const key = (s: SubdistrictProgress) => [s.completionRate.byHouseholds ?? -1, s.startRate.byHouseholds ?? -1, s.completionRate.byCommunities ?? -1, s.startRate.byCommunities ?? -1];
  const cmp = (a: SubdistrictProgress, b: SubdistrictProgress) => {
    const ka = key(a), kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
    return 0;
  };
  subdistricts.sort((a, b) => cmp(a, b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  subdistricts.forEach((s, i) => (s.rank = i > 0 && cmp(subdistricts[i - 1], s) === 0 ? subdistricts[i - 1].rank : i + 1));

  // money of the planned packages (amounts are as recorded now: funding carries no dates)
  const plannedPkgs = selected.filter((_, i) => states[i].planned);
  const sources = FUNDING_SOURCES.map((source) => ({
    source,
    planned: round2(plannedPkgs.reduce((t, p) => t + p.funding[source].planned, 0)),
    inPlace: round2(plannedPkgs.reduce((t, p) => t + p.funding[source].inPlace, 0)),
  }));
  const fundPlanned = round2(sources.reduce((t, s) => t + s.planned, 0));
  const fundInPlace = round2(sources.reduce((t, s) => t + s.inPlace, 0));
  const needed = round2(compounds.filter((x) => x.st.planned).reduce((t, x) => t + compoundCost(x.c, w), 0) / 10000);

  // outputs of the packages completed on the date
  const done = selected.filter((_, i) => states[i].completedOn !== null);
  const outputs = Object.fromEntries(OUTPUT_KINDS.map((k) => {
    const xs = done.map((p) => p.outputs[k]).filter((v): v is number => v != null);
    return [k, xs.length ? round2(xs.reduce((a, b) => a + b, 0)) : null];
  })) as Outputs;

  const packages: PackageProgress[] = selected.map((p, i) => {
    const members = p.members.map((m) => communities.get(m)).filter((c): c is ProgressCommunity => !!c);
    return {
      id: p.id, name: p.name, subdistricts: [...new Set(members.map((c) => c.subdistrict))], batch: p.batch, year: p.year,
      status: states[i].status, startedOn: states[i].startedOn, completedOn: states[i].completedOn,
      members: p.members, households: members.reduce((t, c) => t + c.households, 0),
    };
  });

  return {
    date, batch, year,
    statuses: w.progressStatuses.map((s) => ({ code: s.code, zh: s.zh, en: s.en })),
    totals: { planned, started, completed, startRate: rates(started, planned), completionRate: rates(completed, planned) },
    byStatus, subdistricts,
    funding: { sources, planned: fundPlanned, inPlace: fundInPlace, gap: round2(Math.max(0, needed - fundInPlace)), needed },
    outputs, packages,
  };
}
