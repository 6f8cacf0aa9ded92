// Loading a data set into a store: validation (schema + cross-layer checks) then one transaction.
// The demo goes through exactly this path; a user's import will too.
import { parseDataset, type DatasetProblem } from './domain/dataset.ts';
import type { ImportCounts, Store } from './store/store.ts';

export class DatasetError extends Error {
  constructor(readonly problems: DatasetProblem[]) {
    super(problems.map((p) => p.messageEn).join('; '));
  }
}

export function loadDataset(store: Store, raw: unknown, actor: string): ImportCounts {
  const r = parseDataset(raw, 20, store.settings().progressStatuses.map((s) => s.code));
  if (!r.ok) throw new DatasetError(r.problems);
  return store.importDataset(r.data, actor);
}
