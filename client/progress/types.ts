// The shapes of GET /api/progress (server/domain/progress.ts) and GET /api/audit as the 进度 mode reads them.
export type {
  ProgressResponse, PackageProgress as ProgressPackage, SubdistrictProgress, Rates, Count as Counts,
} from '../../server/domain/progress.ts';
import type { ProgressResponse } from '../../server/domain/progress.ts';
export type StatusLabel = ProgressResponse['statuses'][number];
export type FundingSource = ProgressResponse['funding']['sources'][number];

export type { AuditFlag, AuditResponse } from '../../server/domain/audit.ts';

export interface ProgressQuery { date: string; batch: string | null; year: number | null }
