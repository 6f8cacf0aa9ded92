// GET /api/packages/:id — a package with its members, totals, history and outline.
import { Hono } from 'hono';
import type { Deps } from '../app.ts';
import { cached, HttpError, idParam } from './http.ts';

export function packageRoutes({ views, tag }: Deps) {
  return new Hono().get('/packages/:id', (c) => {
    const id = c.req.param('id');
    if (!idParam.safeParse(id).success) throw new HttpError(400, 'bad_id', `项目包编号格式不对：${id}`, `malformed package id: ${id}`);
    return cached(c, tag(), () => {
      const detail = views.packageDetail(id);
      if (!detail) throw new HttpError(404, 'not_found', `没有编号为 ${id} 的项目包`, `no package with id ${id}`);
      return detail;
    });
  });
}
