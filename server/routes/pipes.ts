// GET /api/analysis/pipes — per compound, what the pipes say (sewer outlet, combined, overhead, aged, poor).
// GET /api/analysis/sewer-trace?pipe=ID — from a gravity pipe: downstream to the outfall, upstream (its catchment), the compounds it serves.
// GET /api/packages/:id/pipes — a package's pipes by kind × condition and the pipe work they call for, priced.
import type { Polygon, MultiPolygon } from 'geojson';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../app.ts';
import { geometryBBox, unionBBox } from '../analysis/bbox.ts';
import { packagePipes } from '../analysis/packagePipes.ts';
import { pipeFlags } from '../analysis/pipes.ts';
import { buildGravityNetwork, compoundsNear, GRAVITY_KINDS, traceSewer, type GravityNetwork } from '../analysis/sewerTrace.ts';
import type { PackagePipesResponse, PipesResponse, SewerTraceResponse } from '../domain/api.ts';
import type { PipeKind } from '../domain/model.ts';
import { cached, HttpError, idParam, query } from './http.ts';

const TraceQuery = z.object({ pipe: idParam }).strict();

const KIND_ZH: Record<PipeKind, string> = { water: '给水', sewer: '污水', storm: '雨水', combined: '合流', gas: '燃气', power: '电力', telecom: '通信' };

export function pipeRoutes({ store, tag }: Deps) {
  // The gravity network, rebuilt when the data or the settings change (both move the tag).
  let built: { key: string; net: GravityNetwork; kinds: Map<string, PipeKind> } | null = null;
  const network = () => {
    const key = tag();
    if (built?.key !== key) {
      const s = store.settings();
      const all = store.pipes();
      const water = store.water().map((w) => w.geometry).filter((g): g is Polygon | MultiPolygon => g.type === 'Polygon' || g.type === 'MultiPolygon');
      const gravity = all.filter((p) => GRAVITY_KINDS.includes(p.properties.kind));
      built = {
        key,
        net: buildGravityNetwork({ pipes: gravity, water, snapM: s.pipeSnapM, outfallMaxM: s.outfallMaxM }),
        kinds: new Map(all.map((p) => [p.properties.id, p.properties.kind])),
      };
    }
    return built;
  };

  return new Hono()
    .get('/analysis/pipes', (c) => {
      query(c, z.object({}).strict());
      return cached(c, tag(), (): PipesResponse => {
        const s = store.settings();
        const year = new Date().getFullYear();
        const communities = store.communities();
        const flags = pipeFlags({ compounds: communities, pipes: store.pipes(), sewerOutletMaxM: s.sewerOutletMaxM, serviceLifeYears: s.pipeServiceLifeYears, year });
        return {
          sewerOutletMaxM: s.sewerOutletMaxM, pipeServiceLifeYears: s.pipeServiceLifeYears, year,
          communities: flags.map((f, i) => ({ ...f, name: communities[i].properties.name })),
        };
      });
    })
    .get('/analysis/sewer-trace', (c) => {
      const { pipe } = query(c, TraceQuery);
      return cached(c, tag(), (): SewerTraceResponse => {
        const { net, kinds } = network();
        const kind = kinds.get(pipe);
        if (!kind) throw new HttpError(404, 'not_found', `没有编号为 ${pipe} 的管线`, `no pipe with id ${pipe}`);
        if (!GRAVITY_KINDS.includes(kind)) {
          throw new HttpError(422, 'not_gravity', `管线 ${pipe} 是${KIND_ZH[kind]}管线，不是重力排水管（污水、雨水、合流），无法追踪流向`,
            `pipe ${pipe} is a ${kind} line, not a gravity drain (sewer, storm, combined): it has no flow to trace`);
        }
        const s = store.settings();
        const t = traceSewer(net, pipe, s.outfallMaxM)!;
        const serving = [net.pipes[net.byId.get(pipe)!], ...t.upstream.pipes.map((id) => net.pipes[net.byId.get(id)!])];
        const near = serving.map((p) => geometryBBox(p.geometry)).reduce(unionBBox);
        const grow = s.sewerOutletMaxM / 111_000 / Math.cos((((near[1] + near[3]) / 2) * Math.PI) / 180); // degrees of longitude, the wider
        const candidates = store.communities([near[0] - grow, near[1] - grow, near[2] + grow, near[3] + grow]);
        const served = compoundsNear(candidates, serving, s.sewerOutletMaxM).map((k) => ({ id: candidates[k].properties.id, name: candidates[k].properties.name }));
        return {
          pipe: t.pipe,
          downstream: { ...t.downstream, outfalls: t.downstream.outfalls.map((p) => [p[0], p[1]] as [number, number]) },
          upstream: t.upstream,
          communities: served,
          warnings: t.warnings.map((w) => w.zh),
          warningsEn: t.warnings.map((w) => w.en),
        };
      });
    })
    .get('/packages/:id/pipes', (c) => {
      const id = idParam.safeParse(c.req.param('id'));
      if (!id.success) throw new HttpError(400, 'bad_id', `项目包编号格式不对：${c.req.param('id')}`, `malformed package id: ${c.req.param('id')}`);
      query(c, z.object({}).strict());
      return cached(c, tag(), (): PackagePipesResponse => {
        const pkg = store.package(id.data);
        if (!pkg) throw new HttpError(404, 'not_found', `没有编号为 ${id.data} 的项目包`, `no package with id ${id.data}`);
        const s = store.settings();
        const year = new Date().getFullYear();
        const members = store.communitiesByIds(pkg.members);
        const pipes = members.length ? store.pipes(members.map((f) => geometryBBox(f.geometry)).reduce(unionBBox)) : [];
        const r = packagePipes({ members, pipes, sewers: store.pipes(undefined, ['sewer']), settings: s, year });
        return {
          package: { id: pkg.id, name: pkg.name },
          year, pipeServiceLifeYears: s.pipeServiceLifeYears, sewerOutletMaxM: s.sewerOutletMaxM,
          lengths: r.lengths, work: r.work, workTotal: r.workTotal,
          members: r.members.map((m, i) => ({ ...m, name: members[i].properties.name })),
        };
      });
    });
}
