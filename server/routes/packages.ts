// /api/packages — read a package and its report; create, edit, split, merge, delete, accept
// suggestions and undo, each checked against the rules, version-guarded (409 with the current
// state) and audited.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../app.ts';
import type { AcceptResponse, PackageDetail } from '../domain/api.ts';
import { packageGaps } from '../packageGaps.ts';
import { StatusCodeSchema, type FundingSource } from '../domain/model.ts';
import { actorOf, cached, calendarDate, HttpError, idParam, jsonBody, optionalJsonBody, query } from './http.ts';

const ids = z.array(idParam).max(5000);
const name = z.string().trim().min(1).max(100);
const version = z.number().int().min(1);

const Create = z.object({
  name, members: ids.min(1), batch: z.string().max(100).nullable().optional(), year: z.number().int().min(1900).max(2100).nullable().optional(),
  note: z.string().max(500).nullable().optional(), draft: z.boolean().optional(),
}).strict();
const amount = z.number().finite().min(0).max(1e7); // 万元
const count = z.number().int().min(0).max(1e6).nullable();
const part = z.object({ planned: amount.optional(), inPlace: amount.optional() }).strict().optional();
const Update = z.object({
  version, name: name.optional(), add: ids.optional(), remove: ids.optional(), locked: z.boolean().optional(),
  note: z.string().max(500).nullable().optional(), draft: z.boolean().optional(),
  // progress: a dated event appended to the history (the workflow check answers 422), funding per
  // source (only the amounts sent change), batch and year, physical outputs (null clears one)
  status: z.object({ status: StatusCodeSchema, date: calendarDate, note: z.string().max(500).nullable().optional() }).strict().optional(),
  funding: z.object({
    centralSubsidy: part, centralBudget: part, provincial: part, local: part, specialBonds: part, residents: part, socialCapital: part, utilities: part,
  } satisfies Record<FundingSource, typeof part>).strict().optional(),
  batch: z.string().trim().min(1).max(100).nullable().optional(),
  year: z.number().int().min(1900).max(2100).nullable().optional(),
  outputs: z.object({
    pipesKm: z.number().finite().min(0).max(1e5).nullable().optional(), elevators: count.optional(), parkingSpaces: count.optional(),
    chargers: count.optional(), facilities: count.optional(),
  }).strict().optional(),
}).strict();
const Split = z.object({ version, members: ids.min(1), name, draft: z.boolean().optional() }).strict();
const Merge = z.object({ into: idParam, intoVersion: version, from: idParam, fromVersion: version, name: name.optional(), draft: z.boolean().optional() }).strict();
const Delete = z.object({ version: z.coerce.number().int().min(1) }).strict();
const Undo = z.object({ version: version.optional() }).strict();
const Accept = z.object({
  packages: z.array(z.object({ name: name.optional(), members: ids.min(1) }).strict()).min(1).max(5000),
  basis: z.array(z.object({ id: idParam, version }).strict()).max(5000).optional(),
}).strict();

export function packageRoutes({ store, views, packages, access, tag }: Deps) {
  const detail = (id: string): PackageDetail => {
    const d = views.packageDetail(id);
    if (!d) throw new HttpError(404, 'not_found', `没有编号为 ${id} 的项目包`, `no package with id ${id}`);
    return d;
  };
  const checkId = (id: string) => {
    if (!idParam.safeParse(id).success) throw new HttpError(400, 'bad_id', `项目包编号格式不对：${id}`, `malformed package id: ${id}`);
    return id;
  };

  return new Hono()
    .get('/packages', (c) => cached(c, tag(), () => views.packageList()))
    .get('/packages/:id', (c) => {
      const id = checkId(c.req.param('id'));
      return cached(c, tag(), () => detail(id));
    })
    .post('/packages', async (c) => {
      const r = packages.create(await jsonBody(c, Create), actorOf(c));
      return c.json(detail(r.package.id), 201);
    })
    .patch('/packages/:id', async (c) => {
      const id = checkId(c.req.param('id'));
      packages.update(id, await jsonBody(c, Update), actorOf(c));
      return c.json(detail(id));
    })
    .post('/packages/:id/split', async (c) => {
      const id = checkId(c.req.param('id'));
      const [a, b] = packages.split(id, await jsonBody(c, Split), actorOf(c));
      return c.json([detail(a.package.id), detail(b.package.id)], 201);
    })
    .post('/packages/accept', async (c) => {
      const r = packages.accept(await jsonBody(c, Accept), actorOf(c));
      const body: AcceptResponse = { created: r.created.map(views.packageItem), changed: r.changed.map(views.packageItem), deleted: r.deleted };
      return c.json(body, 201);
    })
    .post('/packages/merge', async (c) => {
      const r = packages.merge(await jsonBody(c, Merge), actorOf(c));
      return c.json(detail(r.package.id));
    })
    .delete('/packages/:id', (c) => {
      const id = checkId(c.req.param('id'));
      packages.remove(id, query(c, Delete).version, actorOf(c));
      return c.json({ deleted: id });
    })
    .post('/packages/:id/undo', async (c) => {
      const id = checkId(c.req.param('id'));
      const restored = packages.undo(id, actorOf(c), (await optionalJsonBody(c, Undo)).version);
      return c.json(restored.map((p) => detail(p.id)));
    })
    .get('/packages/:id/report', (c) => {
      const id = checkId(c.req.param('id'));
      return cached(c, tag(), () => {
        const r = views.packageReport(id);
        if (!r) throw new HttpError(404, 'not_found', `没有编号为 ${id} 的项目包`, `no package with id ${id}`);
        return r;
      });
    })
    .get('/packages/:id/gaps', (c) => {
      const id = checkId(c.req.param('id'));
      return cached(c, tag(), () => {
        const g = packageGaps(store, access, id);
        if (!g) throw new HttpError(404, 'not_found', `没有编号为 ${id} 的项目包`, `no package with id ${id}`);
        return g;
      });
    })
    .get('/packages/:id/audit', (c) => {
      const id = checkId(c.req.param('id'));
      return c.json(views.audit(id));
    });
}
