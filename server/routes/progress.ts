// GET /api/progress — the figures of the 进度 mode at a date (开工率/完工率 by 小区 and by 户, 街道
// ranking, funding, outputs), and GET /api/progress/projects.xlsx — the 项目清单 as a workbook.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../app.ts';
import { batches, progressFigures, projectList, today, type ProgressQuery } from '../progressViews.ts';
import { contentDisposition, projectListXlsx } from '../projectList.ts';
import { cached, calendarDate, HttpError, query } from './http.ts';

const Query = z.object({
  date: calendarDate.optional(),
  batch: z.string().trim().min(1).max(100).optional(),
  year: z.string().regex(/^\d{4}$/, 'expected a year YYYY').transform(Number).optional(),
}).strict();

export function progressRoutes({ store, tag }: Deps) {
  /** The query, with today for a missing date; 404 for a batch no package is in. */
  const parse = (q: z.infer<typeof Query>): ProgressQuery => {
    if (q.batch !== undefined && !batches(store).has(q.batch)) {
      throw new HttpError(404, 'unknown_batch', `没有批次“${q.batch}”的项目包`, `no package is in batch "${q.batch}"`);
    }
    return { date: q.date ?? today(), batch: q.batch ?? null, year: q.year ?? null };
  };

  return new Hono()
    .get('/progress', (c) => {
      const q = parse(query(c, Query));
      return cached(c, `${tag()}-${q.date}`, () => progressFigures(store, q));
    })
    .get('/progress/projects.xlsx', async (c) => {
      const q = parse(query(c, Query));
      const body = await projectListXlsx(projectList(store, q), q, store.settings(), new Date());
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': contentDisposition(q),
        'Cache-Control': 'no-store',
      });
    });
}
