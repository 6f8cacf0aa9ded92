// The designer's edits to saved packages: optimistic members and instant rule checks while a
// request is on its way, one request at a time (each uses the version the last answer gave),
// undo and redo, and a refused edit (409 someone else changed it, 422 rule, 423 locked) turned
// into a notice instead of a silent merge.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AcceptRequest, CommunityView, PackageDetail, PackageListItem } from '../../server/domain/api.ts';
import type { RuleCheck } from '../../server/domain/packageRules.ts';
import type { Settings } from '../../server/domain/settings.ts';
import { ApiRequestError, type Api } from '../api.ts';
import { localChecks, type Adjacency } from './rules.ts';

/** What undo acts on: the package whose latest change is ours, at the version our change gave it. */
interface Target {
  id: string;
  version?: number;
}
interface HistoryEntry {
  label: string;
  target: Target;
  /** Does the change again (after an undo); returns the new target. */
  again(): Promise<Target>;
}

export type Notice =
  | { kind: 'conflict'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'info'; message: string };

export interface EditorLabels {
  add(name: string): string;
  remove(name: string): string;
  addMany(n: number): string;
  create(name: string): string;
  rename(name: string): string;
  lock(name: string, locked: boolean): string;
  split(name: string): string;
  merge(a: string, b: string): string;
  removePackage(name: string): string;
  accept(n: number): string;
  taken(name: string, pkg: string): string;
  locked(name: string): string;
  undone(label: string): string;
  redone(label: string): string;
}

interface Options {
  api: Api;
  settings: Settings;
  communities: Map<string, CommunityView>;
  adjacency: Adjacency;
  labels: EditorLabels;
  /** Called after the saved packages changed (outlines to redraw). */
  onSaved(): void;
}

export function useEditor({ api, settings, communities, adjacency, labels, onSaved }: Options) {
  const [list, setList] = useState<PackageListItem[]>([]);
  const [selected, setSelected] = useState<PackageDetail | null>(null);
  const [local, setLocal] = useState<string[] | null>(null);
  const [pending, setPending] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [undoStack, setUndo] = useState<HistoryEntry[]>([]);
  const [redoStack, setRedo] = useState<HistoryEntry[]>([]);

  // Requests run one after another; each reads the latest state through refs when it starts.
  const chain = useRef<Promise<void>>(Promise.resolve());
  const generation = useRef(0); // bumped when a refusal cancels whatever was queued behind it
  const inFlight = useRef(0);
  const latest = useRef({ api, selected, list, onSaved });
  latest.current = { api, selected, list, onSaved };

  const refreshList = useCallback(async () => {
    const next = await latest.current.api.packageList();
    setList(next);
    return next;
  }, []);

  useEffect(() => {
    refreshList().catch((err: Error) => setNotice({ kind: 'error', message: err.message }));
  }, [refreshList]);

  const loadSelected = useCallback(async (id: string | null) => {
    if (!id) {
      setSelected(null);
      return null;
    }
    const d = await latest.current.api.packageDetail(id);
    setSelected(d);
    return d;
  }, []);

  const reload = useCallback(async () => {
    generation.current++;
    setLocal(null);
    setNotice(null);
    const id = latest.current.selected?.id ?? null;
    const [, d] = await Promise.all([refreshList(), loadSelected(id).catch(() => null)]);
    if (id && !d) setSelected(null); // it was deleted meanwhile
    latest.current.onSaved();
  }, [refreshList, loadSelected]);

  /** Runs `op` after whatever is queued; on refusal the queue behind it is dropped and the truth reloaded. */
  const enqueue = useCallback((op: () => Promise<void>) => {
    const gen = generation.current;
    setPending(++inFlight.current);
    const run = async () => {
      if (gen !== generation.current) return;
      try {
        await op();
      } catch (err) {
        generation.current++;
        const e = err as Error;
        setNotice(e instanceof ApiRequestError && e.code === 'stale_version' ? { kind: 'conflict', message: e.message } : { kind: 'error', message: e.message });
        setLocal(null);
        await Promise.all([refreshList(), loadSelected(latest.current.selected?.id ?? null)]).catch(() => undefined);
      }
    };
    chain.current = chain.current.then(run).finally(() => {
      setPending(--inFlight.current);
      if (inFlight.current > 0) return;
      // The queue drained: show the server's truth and redraw outlines once.
      setLocal(null);
      refreshList().catch(() => undefined);
      latest.current.onSaved();
    });
    return chain.current;
  }, [refreshList, loadSelected]);

  const record = useCallback((entry: HistoryEntry) => {
    setUndo((s) => [...s.slice(-99), entry]);
    setRedo([]);
  }, []);

  const versionOf = (id: string) => {
    const { selected, list } = latest.current;
    if (selected?.id === id) return selected.version;
    const v = list.find((p) => p.id === id)?.version;
    if (v === undefined) throw new Error(`package ${id} is no longer there`);
    return v;
  };
  const nameOf = (id: string) => communities.get(id)?.name ?? id;

  /** A PATCH to the selected package, recorded for undo; `again` repeats it with the then-current version. */
  const patch = useCallback((label: string, change: { add?: string[]; remove?: string[]; name?: string; locked?: boolean }) => {
    const id = latest.current.selected?.id;
    if (!id) return Promise.resolve();
    const send = async (): Promise<Target> => {
      // Hand edits may break a rule (saved as a draft); a lock change alone must not carry other fields.
      const d = await latest.current.api.updatePackage(id, { version: versionOf(id), ...(change.locked === undefined ? { draft: true } : {}), ...change });
      setSelected((s) => (s?.id === id ? d : s));
      return { id, version: d.version };
    };
    return enqueue(async () => record({ label, target: await send(), again: send }));
  }, [enqueue, record]);

  const saved = useMemo(() => selected?.members.map((m) => m.id) ?? null, [selected]);
  const members = local ?? saved;
  const checks: RuleCheck[] = useMemo(
    () => (selected && members ? localChecks(members, selected.status, settings, communities, adjacency) : []),
    [selected, members, settings, communities, adjacency],
  );

  const owners = useMemo(() => {
    const m = new Map<string, string>();
    for (const p of list) for (const id of p.members) m.set(id, p.id);
    if (selected && members) {
      for (const id of selected.members.map((x) => x.id)) if (m.get(id) === selected.id) m.delete(id);
      for (const id of members) m.set(id, selected.id);
    }
    return m;
  }, [list, selected, members]);

  return {
    list, selected, members, checks, owners, pending, notice,
    undoLabel: undoStack.at(-1)?.label ?? null,
    redoLabel: redoStack.at(-1)?.label ?? null,
    dismiss: () => setNotice(null),
    notify: (message: string) => setNotice({ kind: 'info', message }),
    reload,
    refreshList,

    select(id: string | null): Promise<PackageDetail | null> {
      setLocal(null);
      return loadSelected(id).catch((err: Error) => {
        setNotice({ kind: 'error', message: err.message });
        return null;
      });
    },

    /** Adds a free compound to, or removes a member from, the selected package. */
    toggle(cid: string): void {
      const sel = latest.current.selected;
      if (!sel || !members) return;
      if (sel.locked) return setNotice({ kind: 'info', message: labels.locked(sel.name) });
      const owner = owners.get(cid);
      if (owner && owner !== sel.id) {
        const other = list.find((p) => p.id === owner);
        setNotice({ kind: 'info', message: labels.taken(nameOf(cid), other?.name ?? owner) });
        return;
      }
      const inside = members.includes(cid);
      setLocal(inside ? members.filter((m) => m !== cid) : [...members, cid]);
      void patch(inside ? labels.remove(nameOf(cid)) : labels.add(nameOf(cid)), inside ? { remove: [cid] } : { add: [cid] });
    },

    /** Adds every free compound among `ids` to the selected package. */
    addMany(ids: string[]): number {
      if (!latest.current.selected || !members) return 0;
      const free = ids.filter((id) => !owners.has(id));
      if (!free.length) return 0;
      setLocal([...members, ...free]);
      void patch(labels.addMany(free.length), { add: free });
      return free.length;
    },

    rename: (name: string) => patch(labels.rename(name), { name }),
    setLocked: (locked: boolean) => patch(labels.lock(latest.current.selected?.name ?? '', locked), { locked }),

    create(ids: string[], name: string): Promise<void> {
      const free = ids.filter((id) => !owners.has(id));
      if (!free.length) return Promise.resolve();
      const send = async (): Promise<Target> => {
        const d = await latest.current.api.createPackage({ name, members: free, draft: true });
        setSelected(d);
        return { id: d.id, version: d.version };
      };
      return enqueue(async () => record({ label: labels.create(name), target: await send(), again: send }));
    },

    split(moving: string[], name: string): Promise<void> {
      const sel = latest.current.selected;
      if (!sel) return Promise.resolve();
      const id = sel.id;
      const send = async (): Promise<Target> => {
        const [a] = await latest.current.api.splitPackage(id, { version: versionOf(id), members: moving, name, draft: true });
        setSelected((s) => (s?.id === id ? a : s));
        return { id, version: a.version };
      };
      return enqueue(async () => record({ label: labels.split(sel.name), target: await send(), again: send }));
    },

    merge(fromId: string): Promise<void> {
      const sel = latest.current.selected;
      const from = list.find((p) => p.id === fromId);
      if (!sel || !from) return Promise.resolve();
      const into = sel.id;
      const send = async (): Promise<Target> => {
        const d = await latest.current.api.mergePackages({ into, intoVersion: versionOf(into), from: fromId, fromVersion: versionOf(fromId), draft: true });
        setSelected((s) => (s?.id === into ? d : s));
        return { id: into, version: d.version };
      };
      return enqueue(async () => record({ label: labels.merge(sel.name, from.name), target: await send(), again: send }));
    },

    removePackage(): Promise<void> {
      const sel = latest.current.selected;
      if (!sel) return Promise.resolve();
      const id = sel.id;
      const send = async (): Promise<Target> => {
        await latest.current.api.deletePackage(id, versionOf(id));
        setSelected((s) => (s?.id === id ? null : s));
        return { id };
      };
      return enqueue(async () => record({ label: labels.removePackage(sel.name), target: await send(), again: send }));
    },

    /** Saves suggestions as packages in one change; `basis` is built from the list when the request starts. */
    accept(packages: AcceptRequest['packages'], replaces: string[]): Promise<void> {
      const send = async (): Promise<Target> => {
        const basis = [...new Set(replaces)].map((id) => ({ id, version: versionOf(id) }));
        const r = await latest.current.api.accept({ packages, basis });
        return { id: r.created[0].id, version: r.created[0].version };
      };
      return enqueue(async () => record({ label: labels.accept(packages.length), target: await send(), again: send }));
    },

    undo(): Promise<void> {
      const entry = undoStack.at(-1);
      if (!entry) return Promise.resolve();
      return enqueue(async () => {
        const restored = await latest.current.api.undo(entry.target.id, entry.target.version);
        setUndo((s) => s.slice(0, -1));
        setRedo((s) => [...s, entry]);
        const sel = latest.current.selected;
        const back = restored.find((d) => d.id === sel?.id) ?? (sel ? null : restored[0] ?? null);
        if (back) setSelected(back);
        else if (sel) {
          // Undoing a creation deletes the package: only ask for it if it is still there.
          const still = (await refreshList()).some((p) => p.id === sel.id);
          if (still) await loadSelected(sel.id);
          else setSelected(null);
        }
        setNotice({ kind: 'info', message: labels.undone(entry.label) });
      });
    },

    redo(): Promise<void> {
      const entry = redoStack.at(-1);
      if (!entry) return Promise.resolve();
      return enqueue(async () => {
        await refreshList(); // `again` needs the versions the undo left
        const target = await entry.again();
        setRedo((s) => s.slice(0, -1));
        setUndo((s) => [...s, { ...entry, target }]);
        setNotice({ kind: 'info', message: labels.redone(entry.label) });
      });
    },
  };
}

export type Editor = ReturnType<typeof useEditor>;
