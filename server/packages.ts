// Package operations: create, edit members, rename, lock, split, merge, delete, accept suggestions, undo.
// Each one computes the next state, checks it against the rules, and writes it in one
// transaction with its audit entries; a stale version is refused, never merged.
import { randomUUID } from 'node:crypto';
import { checkPackage, failed, type RuleCheck, type RuleContext } from './domain/packageRules.ts';
import { EMPTY_FUNDING, EMPTY_OUTPUTS, type CommunityProps, type Funding, type FundingAmount, type FundingSource, type Outputs, type StatusEvent } from './domain/model.ts';
import { checkStatusEdit, type EditProblem } from './domain/progress.ts';
import type { PackageRecord, PackageState, Store } from './store/store.ts';
import { VersionConflict } from './store/store.ts';

/** The rules refused the change; `checks` says which and about which compounds. */
export class RuleViolation extends Error {
  /** `index`: which of several packages in one request broke the rule (accepting suggestions). */
  constructor(readonly checks: RuleCheck[], readonly packageId: string, readonly index?: number) {
    super(failed(checks).map((c) => c.messageEn).join('; '));
  }
}
export class PackageLocked extends Error {
  constructor(readonly id: string, readonly name: string) {
    super(`package ${id} is locked`);
  }
}
/** A progress edit the workflow refuses (unknown status, a date before the last event, a step back). */
export class InvalidEdit extends Error {
  constructor(readonly problem: EditProblem, readonly packageId: string) {
    super(problem.messageEn);
  }
}
export class NotFound extends Error {
  constructor(readonly what: 'package' | 'undo', readonly id: string) {
    super(`no ${what} ${id}`);
  }
}

export interface CreateInput {
  name: string;
  members: string[];
  batch?: string | null;
  year?: number | null;
  note?: string | null;
  draft?: boolean;
}
export interface UpdateInput {
  version: number;
  name?: string;
  add?: string[];
  remove?: string[];
  locked?: boolean;
  note?: string | null;
  draft?: boolean;
  // progress (issue 6): allowed on a locked package, since the lock freezes the members, not the progress
  /** appends a dated event to the history */
  status?: { status: string; date: string; note?: string | null };
  /** per source, the amounts to change (万元) */
  funding?: Partial<Record<FundingSource, Partial<FundingAmount>>>;
  batch?: string | null;
  year?: number | null;
  outputs?: Partial<Outputs>;
}
const PROGRESS_KEYS = ['status', 'funding', 'batch', 'year', 'outputs'] as const;

export interface AcceptInput {
  packages: { name?: string; members: string[] }[];
  /** The packages the suggestions take members from, at the versions the suggestions saw. */
  basis?: { id: string; version: number }[];
}
export interface AcceptResult {
  created: PackageRecord[];
  changed: PackageRecord[];
  deleted: string[];
}

export interface PackageResult {
  package: PackageRecord;
  checks: RuleCheck[];
}

export type Neighbours = (id: string) => Iterable<string>;

export function createPackageService(store: Store, neighbours: () => Neighbours) {
  function context(): RuleContext {
    const settings = store.settings();
    const cache = new Map<string, CommunityProps | undefined>();
    return {
      settings,
      neighbours: neighbours(),
      community(id) {
        if (!cache.has(id)) cache.set(id, store.community(id)?.properties);
        return cache.get(id);
      },
    };
  }

  function current(id: string): PackageRecord {
    const p = store.package(id);
    if (!p) throw new NotFound('package', id);
    return p;
  }

  /** Members must not sit in another package: a compound belongs to at most one. */
  function claimed(members: string[], self: string[]): RuleCheck[] {
    const owners = store.owners(members);
    const taken = members.filter((m) => owners.has(m) && !self.includes(owners.get(m)!));
    if (!taken.length) return [];
    const list = taken.map((m) => `${store.community(m)?.properties.name ?? m}（${owners.get(m)}）`).join('、');
    const listEn = taken.map((m) => `${store.community(m)?.properties.name ?? m} (${owners.get(m)})`).join(', ');
    return [{ rule: 'known', ok: false, communities: taken, message: `这些小区已在其他项目包中：${list}`, messageEn: `already in another package: ${listEn}` }];
  }

  /** Checks the state; refuses unless it passes or is explicitly saved as a draft. */
  function checked(state: Omit<PackageState, 'draft'>, wantDraft: boolean | undefined, ctx: RuleContext, self: string[]): PackageState & { checks: RuleCheck[] } {
    const status = state.history[state.history.length - 1].status;
    const taken = claimed(state.members, self);
    if (taken.length) throw new RuleViolation(taken, state.id); // never allowed, not even in a draft
    const checks = checkPackage({ members: state.members, status }, ctx);
    const bad = failed(checks).length > 0;
    if (bad && !wantDraft) throw new RuleViolation(checks, state.id);
    return { ...state, draft: bad, checks };
  }

  function write(next: PackageState & { checks: RuleCheck[] }, version: number | null, actor: string, action: string, change: number): PackageResult {
    const { checks, ...state } = next;
    return { package: store.writePackage(state, version, actor, action, change), checks };
  }

  function unlocked(p: PackageRecord): PackageRecord {
    if (p.locked) throw new PackageLocked(p.id, p.name);
    return p;
  }

  const today = () => new Date().toISOString().slice(0, 10);
  /** A new package starts at the workflow's first status (储备 by default). */
  const firstStatus = (ctx: RuleContext) => ctx.settings.progressStatuses[0].code;
  /** "<the member with most households>等N个小区", e.g. 梅苑小区等3个小区; a lone member keeps its own name. */
  function defaultName(members: string[]): string {
    const props = store.communitiesByIds(members).map((f) => f.properties);
    const largest = props.reduce<CommunityProps | undefined>((best, c) => (!best || c.households > best.households ? c : best), undefined);
    const name = largest?.name ?? members[0] ?? '新项目包';
    return members.length > 1 ? `${name}等${members.length}个小区` : name;
  }
  const uniq = (ids: string[]) => [...new Set(ids)];

  /** The progress fields of an update applied to `p`; refuses a dated event the workflow does not allow. */
  function progressEdit(p: PackageRecord, input: UpdateInput, ctx: RuleContext) {
    let history = p.history;
    if (input.status) {
      const problem = checkStatusEdit(ctx.settings, p.history, input.status);
      if (problem) throw new InvalidEdit(problem, p.id);
      history = [...p.history, { status: input.status.status, date: input.status.date, note: input.status.note ?? null }];
    }
    const funding: Funding = structuredClone(p.funding);
    for (const [source, change] of Object.entries(input.funding ?? {}) as [FundingSource, Partial<FundingAmount>][]) {
      funding[source] = { ...funding[source], ...change };
    }
    return {
      history, status: history[history.length - 1].status, funding,
      outputs: { ...p.outputs, ...input.outputs },
      batch: input.batch === undefined ? p.batch : input.batch,
      year: input.year === undefined ? p.year : input.year,
    };
  }

  return {
    checks(p: PackageRecord): RuleCheck[] {
      return checkPackage({ members: p.members, status: p.status }, context());
    },

    create(input: CreateInput, actor: string): PackageResult {
      return store.transaction(() => {
        const ctx = context();
        const history: StatusEvent[] = [{ status: firstStatus(ctx), date: today(), note: null }];
        const state = checked({
          id: `p-${randomUUID().slice(0, 8)}`, name: input.name, batch: input.batch ?? null, year: input.year ?? null,
          status: history[0].status, locked: false, funding: structuredClone(EMPTY_FUNDING), outputs: { ...EMPTY_OUTPUTS }, note: input.note ?? null,
          members: uniq(input.members), history,
        }, input.draft, ctx, []);
        return write(state, null, actor, 'create', store.newChange());
      });
    },

    update(id: string, input: UpdateInput, actor: string): PackageResult {
      return store.transaction(() => {
        const p = current(id);
        if (p.version !== input.version) throw new VersionConflict(id, p);
        const keys = Object.keys(input).filter((k) => k !== 'version' && input[k as keyof UpdateInput] !== undefined);
        const onlyUnlock = input.locked === false && keys.every((k) => k === 'locked');
        const onlyProgress = keys.length > 0 && keys.every((k) => (PROGRESS_KEYS as readonly string[]).includes(k));
        if (!onlyUnlock && !onlyProgress) unlocked(p);
        const ctx = context();
        const progressed = progressEdit(p, input, ctx);
        const remove = new Set(input.remove ?? []);
        const members = uniq([...p.members.filter((m) => !remove.has(m)), ...(input.add ?? [])]);
        const action = input.add?.length || input.remove?.length ? 'members' : input.name !== undefined ? 'rename'
          : input.locked !== undefined ? (input.locked ? 'lock' : 'unlock')
          : input.status ? 'status' : input.funding ? 'funding' : input.outputs ? 'outputs'
          : input.batch !== undefined || input.year !== undefined ? 'batch' : 'update';
        const state = {
          ...p, ...progressed, name: input.name ?? p.name, locked: input.locked ?? p.locked, note: input.note === undefined ? p.note : input.note, members,
        };
        if (onlyProgress) {
          // The members do not change, so the rules cannot newly fail: record the progress as it
          // happened, keeping the package's draft mark as it was.
          const { version: _v, ...rest } = state;
          const checks = checkPackage({ members: rest.members, status: rest.status }, ctx);
          return write({ ...rest, draft: p.draft, checks }, p.version, actor, action, store.newChange());
        }
        const next = checked(state, input.draft ?? (p.draft || onlyUnlock || input.locked === true), ctx, [id]);
        return write(next, p.version, actor, action, store.newChange());
      });
    },

    /** Moves `members` out of package `id` into a new package named `name`; both are checked. */
    split(id: string, input: { version: number; members: string[]; name: string; draft?: boolean }, actor: string): PackageResult[] {
      return store.transaction(() => {
        const p = unlocked(current(id));
        if (p.version !== input.version) throw new VersionConflict(id, p);
        const moving = new Set(input.members);
        const outside = input.members.filter((m) => !p.members.includes(m));
        const keep = p.members.filter((m) => !moving.has(m));
        if (outside.length || keep.length === 0 || moving.size === 0) {
          throw new RuleViolation([{
            rule: 'nonEmpty', ok: false, communities: outside,
            message: outside.length ? `拆分的小区不在该项目包中：${outside.join('、')}` : '拆分后两部分都须至少包含一个小区',
            messageEn: outside.length ? `not members of the package: ${outside.join(', ')}` : 'both parts of a split need at least one compound',
          }], id);
        }
        const ctx = context();
        const change = store.newChange();
        const a = checked({ ...p, members: keep }, input.draft, ctx, [id]);
        const b = checked({
          ...p, id: `p-${randomUUID().slice(0, 8)}`, name: input.name, members: [...moving],
          history: [{ status: firstStatus(ctx), date: today(), note: `由 ${p.name} 拆分` }],
        }, input.draft, ctx, [id]);
        const first = write(a, p.version, actor, 'split', change); // shrink first: a compound is in one package at a time
        return [first, write(b, null, actor, 'split', change)];
      });
    },

    /** Merges package `from` into `into`; `from` is deleted. Both versions must be current. */
    merge(input: { into: string; intoVersion: number; from: string; fromVersion: number; name?: string; draft?: boolean }, actor: string): PackageResult {
      return store.transaction(() => {
        const a = unlocked(current(input.into));
        const b = unlocked(current(input.from));
        if (a.version !== input.intoVersion) throw new VersionConflict(a.id, a);
        if (b.version !== input.fromVersion) throw new VersionConflict(b.id, b);
        if (a.id === b.id) throw new RuleViolation([{ rule: 'nonEmpty', ok: false, communities: [], message: '不能把项目包与自身合并', messageEn: 'cannot merge a package with itself' }], a.id);
        const next = checked({ ...a, name: input.name ?? a.name, members: [...a.members, ...b.members] }, input.draft, context(), [a.id, b.id]);
        const change = store.newChange();
        store.deletePackage(b.id, b.version, actor, 'merge', change); // free b's members before a takes them
        return write(next, a.version, actor, 'merge', change);
      });
    },

    /**
     * Accepts suggested packages in one transaction and one change (so one undo takes it all back):
     * the basis packages must be current and unlocked; they give up the accepted members (an emptied
     * one is deleted, a shrunk one kept, as a draft if it now breaks a rule); then each accepted
     * package is created and must pass every rule. Any refusal writes nothing.
     */
    accept(input: AcceptInput, actor: string): AcceptResult {
      return store.transaction(() => {
        const basis = new Map<string, PackageRecord>();
        for (const b of input.basis ?? []) {
          const p = store.package(b.id);
          if (!p || p.version !== b.version) throw new VersionConflict(b.id, p);
          basis.set(p.id, unlocked(p));
        }
        const accepted = input.packages.map((p) => uniq(p.members));
        const seen = new Map<string, number>();
        const twice: string[] = [];
        accepted.forEach((members, i) => members.forEach((m) => (seen.has(m) && seen.get(m) !== i ? twice.push(m) : seen.set(m, i))));
        if (twice.length) {
          const list = uniq(twice).map((m) => store.community(m)?.properties.name ?? m);
          throw new RuleViolation([{
            rule: 'known', ok: false, communities: uniq(twice),
            message: `同一小区不能进入两个项目包：${list.join('、')}`, messageEn: `a compound cannot join two packages: ${list.join(', ')}`,
          }], '', seen.get(twice[0]));
        }

        const ctx = context();
        const self = [...basis.keys()];
        const history = (): StatusEvent[] => [{ status: firstStatus(ctx), date: today(), note: '采纳组包建议' }];
        const created = accepted.map((members, i) => {
          const state = {
            id: `p-${randomUUID().slice(0, 8)}`, name: input.packages[i].name ?? defaultName(members), batch: null, year: null,
            status: firstStatus(ctx), locked: false, funding: structuredClone(EMPTY_FUNDING), outputs: { ...EMPTY_OUTPUTS }, note: null,
            members, history: history(),
          };
          try {
            return checked(state, false, ctx, self);
          } catch (e) {
            if (e instanceof RuleViolation) throw new RuleViolation(e.checks, state.id, i);
            throw e;
          }
        });

        const change = store.newChange();
        const taken = new Set(seen.keys());
        const changed: PackageRecord[] = [];
        const deleted: string[] = [];
        // Take first, give back second: the basis packages free their members before anyone takes them.
        for (const p of basis.values()) {
          const keep = p.members.filter((m) => !taken.has(m));
          if (keep.length === p.members.length) continue;
          if (keep.length === 0) {
            store.deletePackage(p.id, p.version, actor, 'accept', change);
            deleted.push(p.id);
          } else {
            changed.push(write(checked({ ...p, members: keep }, true, ctx, [p.id]), p.version, actor, 'accept', change).package);
          }
        }
        return { created: created.map((state) => write(state, null, actor, 'accept', change).package), changed, deleted };
      });
    },

    remove(id: string, version: number, actor: string): void {
      store.transaction(() => {
        unlocked(current(id));
        store.deletePackage(id, version, actor, 'delete', store.newChange());
      });
    },

    /**
     * Undoes the latest change that touched package `id` — all of it, e.g. both sides of a merge —
     * provided nobody changed those packages since (else VersionConflict). With `version`, only
     * if the package is still at that version (or deleted): a client undoes its own last edit, not someone else's.
     */
    undo(id: string, actor: string, version?: number): PackageRecord[] {
      return store.transaction(() => {
        const head = store.package(id);
        if (version !== undefined && head && head.version !== version) throw new VersionConflict(id, head);
        const entries = store.lastChange(id);
        if (!entries.length) throw new NotFound('undo', id);
        for (const e of entries) {
          // Later changes that were themselves undone don't count: that is what makes multi-step undo work.
          if (store.changedSince(e.entityId!, e.seq)) throw new VersionConflict(e.entityId!, store.package(e.entityId!));
        }
        const change = store.newChange();
        const restored: PackageRecord[] = [];
        // Take first, give back second: restore shrinking packages and deletions before growing ones.
        const ordered = [...entries].sort((x, y) => size(x.before) - size(x.after) - (size(y.before) - size(y.after)));
        for (const e of ordered) {
          const before = e.before as PackageRecord | null;
          const now = store.package(e.entityId!);
          if (!before) store.deletePackage(now!.id, now!.version, actor, 'undo', change);
          else {
            const { version: _v, ...state } = before;
            restored.push(store.writePackage(state, now?.version ?? null, actor, 'undo', change, before.version));
          }
        }
        store.markUndone(entries[0].change!);
        return restored;
      });
    },
  };
}

const size = (p: unknown) => (p as PackageRecord | null)?.members.length ?? 0;

export type PackageService = ReturnType<typeof createPackageService>;
