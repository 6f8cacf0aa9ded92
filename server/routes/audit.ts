// GET /api/audit — data-quality flags (domain/audit.ts): what was declared but should not have been,
// duplicates, packages below the threshold or not contiguous, started without money, odd data.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../app.ts';
import { auditFlags, today } from '../progressViews.ts';
import { cached, calendarDate, query } from './http.ts';

const Query = z.object({ date: calendarDate.optional() }).strict();

export function auditRoutes({ store, neighbourIndex, tag }: Deps) {
  return new Hono().get('/audit', (c) => {
    const date = query(c, Query).date ?? today();
    return cached(c, `${tag()}-${date}`, () => auditFlags(store, neighbourIndex, date));
  });
}
