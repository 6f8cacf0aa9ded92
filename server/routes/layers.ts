// GET /api/layers/:layer — GeoJSON FeatureCollections, filterable by bbox (and pipes by kind).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../app.ts';
import { LAYERS, PIPE_KINDS, type LayerName } from '../domain/model.ts';
import { bboxParam, cached, HttpError, query } from './http.ts';

const kindsParam = z.string().transform((s, ctx) => {
  const kinds = s.split(',').map((k) => k.trim()).filter(Boolean);
  const bad = kinds.filter((k) => !(PIPE_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || bad.length) {
    ctx.addIssue({ code: 'custom', message: `unknown pipe kind ${bad.join(',') || '(empty)'}; use ${PIPE_KINDS.join(', ')}` });
    return z.NEVER;
  }
  return kinds as (typeof PIPE_KINDS)[number][];
});
const LayerQuery = z.object({ bbox: bboxParam.optional() }).strict();
const PipeQuery = z.object({ bbox: bboxParam.optional(), kind: kindsParam.optional() }).strict();

export function layerRoutes(deps: Deps) {
  const { store, views, tag } = deps;
  return new Hono().get('/layers/:layer', (c) => {
    const layer = c.req.param('layer') as LayerName;
    if (!LAYERS.includes(layer)) {
      throw new HttpError(404, 'unknown_layer', `没有图层“${layer}”；可用图层：${LAYERS.join('、')}`, `no layer "${layer}"; layers are ${LAYERS.join(', ')}`);
    }
    const q = layer === 'pipes' ? query(c, PipeQuery) : query(c, LayerQuery);
    return cached(c, tag(), () => {
      const bbox = q.bbox;
      switch (layer) {
        case 'communities': return collection(views.communities(bbox));
        case 'packages': return collection(views.packageFeatures(bbox));
        case 'pipes': return collection(store.pipes(bbox, (q as z.infer<typeof PipeQuery>).kind));
        case 'amenities': return collection(store.amenities(bbox));
        case 'roads': return collection(store.roads(bbox));
        case 'water': return collection(store.water(bbox));
        case 'boundaries': return collection(store.boundaries(bbox));
      }
    });
  });
}

function collection<F>(features: F[]) {
  return { type: 'FeatureCollection' as const, features };
}
