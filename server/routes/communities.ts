// GET /api/communities?q=… (search by name or alias), GET /api/communities/:id
import * as turf from '@turf/turf';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../app.ts';
import { geometryBBox } from '../analysis/bbox.ts';
import type { CommunityDetail, CommunitySearchHit } from '../domain/api.ts';
import { cached, HttpError, idParam, query } from './http.ts';

const SearchQuery = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(50),
  limit: z.coerce.number().int().min(1).max(50).default(10),
}).strict();

export function communityRoutes({ store, views, tag }: Deps) {
  return new Hono()
    .get('/communities', (c) => {
      const { q, limit } = query(c, SearchQuery);
      const hits: CommunitySearchHit[] = store.searchCommunities(q, limit).map((f) => ({
        id: f.properties.id, name: f.properties.name, subdistrict: f.properties.subdistrict,
        households: f.properties.households, bbox: geometryBBox(f.geometry),
      }));
      return c.json(hits);
    })
    .get('/communities/:id', (c) => {
      const id = c.req.param('id');
      if (!idParam.safeParse(id).success) throw new HttpError(400, 'bad_id', `小区编号格式不对：${id}`, `malformed community id: ${id}`);
      return cached(c, tag(), () => {
        const f = views.community(id);
        if (!f) throw new HttpError(404, 'not_found', `没有编号为 ${id} 的小区`, `no community with id ${id}`);
        const siteArea = Math.round(turf.area(f));
        const body: CommunityDetail = {
          feature: f, bbox: geometryBBox(f.geometry), siteArea,
          far: Math.round((f.properties.floorArea / siteArea) * 100) / 100,
        };
        return body;
      });
    });
}
