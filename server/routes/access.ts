// Walking access beyond the gap table (issue 5):
// GET /api/analysis/location — where to put a new facility of a kind in a 街道 or a package (greedy maximal coverage)
// GET /api/analysis/reach    — the streets and compounds one facility serves within a radius on foot
// GET /api/analysis/field    — per street edge, the walk from the nearest facility of a kind (for a deck.gl layer)
// Bad parameters here are 422 (with what was wrong), unknown 街道, package or amenity 404.
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Position } from 'geojson';
import { z } from 'zod';
import { fieldAnswer, locationAnswer, locationProblem, reachAnswer, type LocationArea } from '../accessAnswers.ts';
import type { Deps } from '../app.ts';
import type { FieldResponse, LocationResponse, ReachResponse } from '../domain/api.ts';
import { AMENITY_KINDS } from '../domain/model.ts';
import { cached, HttpError, idParam } from './http.ts';

const kindParam = z.string().refine((k) => (AMENITY_KINDS as readonly string[]).includes(k), { message: `kind must be one of ${AMENITY_KINDS.join(', ')}` });

const LocationQuery = z.object({
  kind: kindParam,
  subdistrict: z.string().trim().min(1).max(100).optional(),
  package: idParam.optional(),
  count: z.coerce.number().int().min(1).max(20).default(5),
}).strict().refine((q) => (q.subdistrict === undefined) !== (q.package === undefined), { message: 'give exactly one of subdistrict and package' });

const ReachQuery = z.object({
  amenity: idParam,
  radiusM: z.coerce.number().positive().max(5000).optional(),
}).strict();

const FieldQuery = z.object({ kind: kindParam }).strict();

/** Like query() in http.ts, but bad parameters are 422 here: the request is well formed, its values are not usable. */
function params<S extends z.ZodTypeAny>(c: Context, schema: S): z.infer<S> {
  const r = schema.safeParse(c.req.query());
  if (r.success) return r.data;
  const list = r.error.issues.map((i) => `${i.path.join('.') || ('keys' in i ? (i.keys as string[]).join(',') : '(query)')}: ${i.message}`).join('; ');
  throw new HttpError(422, 'bad_params', `查询参数有误：${list}`, `invalid query parameters: ${list}`, r.error.issues);
}

export function accessRoutes({ store, access, tag }: Deps) {
  /** The kind's walking radius from the gap analysis (the user's setting, else the standard); 422 when it has none. */
  const radiusOf = (kind: string): number => {
    const k = access.gaps().kinds.find((x) => x.kind === kind);
    if (!k) {
      throw new HttpError(422, 'no_radius', `设施类型 ${kind} 在标准中没有服务半径，请在设置中为它指定半径`,
        `facility kind ${kind} has no service radius in the standard; set one in the settings`);
    }
    return k.radiusM;
  };

  return new Hono()
    .get('/analysis/location', (c) => {
      const q = params(c, LocationQuery);
      return cached(c, tag(), (): LocationResponse => {
        const radiusM = radiusOf(q.kind);
        let area: LocationArea;
        if (q.subdistrict !== undefined) {
          const name = q.subdistrict;
          const outlines = store.boundaries().filter((b) => b.properties.level === 'subdistrict' && b.properties.name === name);
          if (outlines.length === 0) {
            throw new HttpError(404, 'unknown_subdistrict', `没有名为“${name}”的街道（边界图层中没有它的范围）`, `no 街道 (subdistrict) named "${name}" in the boundaries layer`);
          }
          const polygons = outlines.flatMap((b) => (b.geometry.type === 'Polygon' ? [b.geometry.coordinates] : b.geometry.type === 'MultiPolygon' ? b.geometry.coordinates : [])) as Position[][][];
          area = { type: 'subdistrict', id: outlines[0].properties.id, name, polygons };
        } else {
          const pkg = store.package(q.package!);
          if (!pkg) throw new HttpError(404, 'not_found', `没有编号为 ${q.package} 的项目包`, `no package with id ${q.package}`);
          area = { type: 'package', id: pkg.id, name: pkg.name, members: pkg.members };
        }
        return locationAnswer(access.network(), locationProblem(store, access, q.kind, radiusM, area, q.count));
      });
    })
    .get('/analysis/reach', (c) => {
      const q = params(c, ReachQuery);
      return cached(c, tag(), (): ReachResponse => {
        const amenity = store.amenities().find((a) => a.properties.id === q.amenity);
        if (!amenity) throw new HttpError(404, 'not_found', `没有编号为 ${q.amenity} 的设施`, `no amenity with id ${q.amenity}`);
        const kind = amenity.properties.kind;
        const radiusM = q.radiusM ?? access.gaps().kinds.find((x) => x.kind === kind)?.radiusM;
        if (radiusM === undefined) {
          throw new HttpError(422, 'no_radius', `设施类型 ${kind} 在标准中没有服务半径：请用 radiusM 指定半径，或在设置中为它指定`,
            `facility kind ${kind} has no service radius in the standard: give radiusM, or set one in the settings`);
        }
        return reachAnswer(store, access.network(), amenity, radiusM);
      });
    })
    .get('/analysis/field', (c) => {
      const { kind } = params(c, FieldQuery);
      return cached(c, tag(), (): FieldResponse => fieldAnswer(store, access.network(), kind, radiusOf(kind)));
    });
}
