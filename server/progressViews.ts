// What the 进度 routes serve, assembled from the store: the packages and compounds go to the pure
// figures (domain/progress.ts), the audit (domain/audit.ts) and the project list (domain/projectList.ts).
import { audit, type AuditResponse } from './domain/audit.ts';
import { progress, type ProgressResponse } from './domain/progress.ts';
import { projectRows, type ProjectRow } from './domain/projectList.ts';
import type { NeighbourIndex } from './neighbourIndex.ts';
import type { Store } from './store/store.ts';

export interface ProgressQuery {
  date: string;
  batch: string | null;
  year: number | null;
}

/** Today as YYYY-MM-DD in the server's time zone. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The batch names the packages use. */
export function batches(store: Store): Set<string> {
  return new Set(store.batches());
}

export function progressFigures(store: Store, q: ProgressQuery): ProgressResponse {
  return progress({ ...q, packages: store.packages(), communities: store.communityProps(), settings: store.settings() });
}

export function projectList(store: Store, q: ProgressQuery): ProjectRow[] {
  return projectRows({ ...q, packages: store.packages(), communities: store.communityProps(), settings: store.settings() });
}

export function auditFlags(store: Store, index: () => NeighbourIndex, date: string): AuditResponse {
  return audit({ date, today: today(), packages: store.packages(), communities: store.communityProps(), settings: store.settings(), neighbours: index().neighbours });
}
