// GET /api/health, GET /api/dataset
import { Hono } from 'hono';
import type { DatasetResponse, HealthResponse } from '../domain/api.ts';
import type { Deps } from '../app.ts';
import { cached, HttpError } from './http.ts';

export function metaRoutes({ store, tag }: Deps) {
  return new Hono()
    .get('/health', (c) => {
      const meta = store.meta();
      if (!meta) throw new HttpError(503, 'no_data', '尚未载入数据集', 'no data set has been loaded yet');
      const body: HealthResponse = { ok: true, dataset: meta, counts: store.counts() };
      return c.json(body);
    })
    .get('/dataset', (c) =>
      cached(c, tag(), () => {
        const meta = store.meta();
        const bbox = store.extent();
        const homeBbox = store.extent(['community']);
        if (!meta || !bbox || !homeBbox) throw new HttpError(503, 'no_data', '尚未载入数据集', 'no data set has been loaded yet');
        const r = store.ranges();
        const body: DatasetResponse = {
          meta, bbox, homeBbox, subdistricts: store.subdistricts(), buildYearRange: r.buildYear, householdsRange: r.households, settings: store.settings(),
        };
        return body;
      }),
    );
}
