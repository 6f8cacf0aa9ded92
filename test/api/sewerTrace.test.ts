// Sewer tracing and package pipe work on the demo district: the generated gravity networks drain
// to their outfalls (one treatment plant for sewage, the river for rain water) as a tree, with dead
// ends only where the generator leaves the sewer out; the trace's errors; a package's pipe work
// checked by hand against GET /api/analysis/pipes and an independent Turf distance.
import * as turf from '@turf/turf';
import type { Feature, LineString, Polygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ringToLonLat, URBAN } from '../../data/generate/frame.ts';
import { EW_ARTERIALS, NS_ARTERIALS } from '../../data/generate/layout.ts';
import type { PackagePipesResponse, PackageReport, PipesResponse, SettingsResponse, SewerTraceResponse } from '../../server/domain/api.ts';
import type { CommunityProps, PipeProps } from '../../server/domain/model.ts';
import { DEMO, openFixtureApp, type FixtureApp } from './fixtureApp.ts';

const SLOW = 120_000;

describe('GET /api/analysis/sewer-trace (demo)', () => {
  let fx: FixtureApp;
  let pipes: Feature<LineString, PipeProps>[];
  let communities: Feature<Polygon, CommunityProps>[];
  const traces = new Map<string, SewerTraceResponse>();
  const gravity = (p: Feature<LineString, PipeProps>) => ['sewer', 'storm', 'combined'].includes(p.properties.kind);
  const foul = (p: Feature<LineString, PipeProps>) => p.properties.kind === 'sewer' || p.properties.kind === 'combined';

  beforeAll(async () => {
    fx = openFixtureApp(DEMO);
    pipes = fx.store.pipes();
    communities = fx.store.communities();
    for (const p of pipes.filter(gravity)) {
      const res = await fx.app.request(`/api/analysis/sewer-trace?pipe=${p.properties.id}`);
      expect(res.status).toBe(200);
      traces.set(p.properties.id, (await res.json()) as SewerTraceResponse);
    }
  }, SLOW);
  afterAll(() => fx?.close());

  /** The generator's sewer gaps: all of 吕蒙街道, and west of 新厂西路 and south of 新厂东路 (data/generate/pipes.ts). */
  function inGap(p: Position): boolean {
    const u = NS_ARTERIALS[2].u + 1, v = EW_ARTERIALS[2].v + 1;
    const corner = turf.polygon([ringToLonLat([[URBAN.u0 - 300, URBAN.v0 - 300], [u, URBAN.v0 - 300], [u, v], [URBAN.u0 - 300, v]])]);
    if (turf.booleanPointInPolygon(p, corner)) return true;
    const c = communities.find((x) => turf.booleanPointInPolygon(p, x));
    return c?.properties.subdistrict === '吕蒙街道';
  }

  it('every sewer and storm main or branch reaches an outfall, with no warning', () => {
    const bad = pipes.filter((p) => gravity(p) && p.properties.kind !== 'combined' && p.properties.level !== 'service')
      .filter((p) => { const t = traces.get(p.properties.id)!; return t.downstream.outfalls.length === 0 || t.warnings.length > 0; });
    expect(bad.map((p) => p.properties.id)).toEqual([]);
  });

  it('dead ends only where the generator leaves the sewer out: service pipes and lanes of the two gaps', () => {
    const dead = pipes.filter(gravity).filter((p) => traces.get(p.properties.id)!.downstream.outfalls.length === 0);
    for (const p of dead) {
      const t = traces.get(p.properties.id)!;
      expect(foul(p), p.properties.id).toBe(true); // rain water always reaches the river
      expect(p.properties.level === 'service' || p.properties.kind === 'combined', p.properties.id).toBe(true);
      expect(inGap(p.geometry.coordinates[0]), p.properties.id).toBe(true);
      expect(t.warnings.length).toBeGreaterThan(0);
      expect(t.warnings[0]).toMatch(/流向不一致.*只进不出/);
      expect(t.warningsEn[0]).toMatch(/none flows out/);
    }
    expect(dead.length).toBeGreaterThan(0); // the gaps are there (污水管网找不到入口) …
    expect(dead.length).toBeLessThan(40); // … and nothing else is cut off
    // no warning anywhere but at those dead ends: no loops, no other dead end
    const warned = pipes.filter(gravity).filter((p) => traces.get(p.properties.id)!.warnings.length > 0);
    expect(warned.map((p) => p.properties.id).sort()).toEqual(dead.map((p) => p.properties.id).sort());
  });

  it('is a tree: from any pipe the way down is one chain of pipes, each flowing into the next', () => {
    for (const p of pipes.filter(gravity)) {
      const down = traces.get(p.properties.id)!.downstream.pipes;
      for (let i = 0; i + 1 < down.length; i++) {
        // the next pipe's way down is this one's, less its first pipe
        expect(traces.get(down[i])!.downstream.pipes, `${p.properties.id}: ${down[i]}`).toEqual(down.slice(i + 1));
      }
    }
  });

  it('one treatment plant for the sewage, 43 outfalls for the rain water, all at the river', () => {
    const outfalls = (sel: (p: Feature<LineString, PipeProps>) => boolean) =>
      new Set(pipes.filter(gravity).filter(sel).flatMap((p) => traces.get(p.properties.id)!.downstream.outfalls.map((o) => o.join(','))));
    const sewage = outfalls(foul), rain = outfalls((p) => p.properties.kind === 'storm');
    expect(sewage.size).toBe(1);
    expect(rain.size).toBe(43);
    const river = fx.store.water().find((w) => w.properties.kind === 'river')!;
    for (const o of [...sewage, ...rain]) {
      const pt = o.split(',').map(Number);
      const edge = turf.polygonToLine(river as Feature<Polygon>) as Feature<LineString>;
      expect(turf.booleanPointInPolygon(pt, river as Feature<Polygon>) || turf.pointToLineDistance(pt, edge, { units: 'meters' }) <= 20).toBe(true);
    }
  });

  it('upstream of the pipe into the plant: every foul pipe but the dead ends, serving most compounds', () => {
    const terminal = pipes.filter((p) => foul(p) && traces.get(p.properties.id)!.downstream.pipes.length === 0 && traces.get(p.properties.id)!.downstream.outfalls.length === 1);
    expect(terminal.length).toBe(1);
    const plant = traces.get(terminal[0].properties.id)!;
    const foulCount = pipes.filter(foul).length;
    const dead = pipes.filter((p) => foul(p) && traces.get(p.properties.id)!.downstream.outfalls.length === 0).length;
    expect(plant.upstream.pipes.length).toBe(foulCount - 1 - dead);
    expect(plant.upstream.pipes.length).toBeGreaterThan(1000);
    expect(plant.upstream.lengthM).toBeGreaterThan(100_000); // m of sewer
    expect(plant.communities.length).toBeGreaterThan(communities.length / 2);
    // a branch far up has a short catchment, and its way down ends in the plant's pipe
    const branch = pipes.find((p) => p.properties.kind === 'sewer' && p.properties.level === 'branch' && traces.get(p.properties.id)!.upstream.pipes.length === 0)!;
    const t = traces.get(branch.properties.id)!;
    expect(t.downstream.pipes.at(-1)).toBe(terminal[0].properties.id);
    expect(t.downstream.lengthM).toBeGreaterThan(0);
    expect(t.communities.length).toBeLessThan(plant.communities.length);
  });

  it('names the compounds a pipe serves: those within the outlet distance of it or its catchment', () => {
    const lateral = pipes.find((p) => p.properties.kind === 'sewer' && p.properties.level === 'service' && traces.get(p.properties.id)!.downstream.outfalls.length === 1)!;
    const t = traces.get(lateral.properties.id)!;
    const home = communities.find((c) => turf.booleanPointInPolygon(lateral.geometry.coordinates[0], c))!;
    expect(t.communities.map((c) => c.id)).toContain(home.properties.id);
    for (const c of t.communities) {
      const wall = turf.polygonToLine(communities.find((x) => x.properties.id === c.id)!) as Feature<LineString>;
      const d = Math.min(...lateral.geometry.coordinates.map((q) => turf.pointToLineDistance(q, wall, { units: 'meters' })),
        ...wall.geometry.coordinates.map((q) => turf.pointToLineDistance(q, lateral, { units: 'meters' })));
      const inside = turf.booleanPointInPolygon(lateral.geometry.coordinates[0], communities.find((x) => x.properties.id === c.id)!);
      expect(inside || d <= 100.5, c.id).toBe(true);
    }
  });

  it('answers 404 for an unknown pipe, 422 for a pipe that carries no gravity flow, 400 for a bad query', async () => {
    const none = await fx.app.request('/api/analysis/sewer-trace?pipe=ps9999');
    expect(none.status).toBe(404);
    const water = pipes.find((p) => p.properties.kind === 'water')!;
    const res = await fx.app.request(`/api/analysis/sewer-trace?pipe=${water.properties.id}`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string; messageEn: string } };
    expect(body.error.code).toBe('not_gravity');
    expect(body.error.message).toContain('给水');
    expect(body.error.messageEn).toContain('not a gravity drain');
    const gas = pipes.find((p) => p.properties.kind === 'gas')!;
    expect((await fx.app.request(`/api/analysis/sewer-trace?pipe=${gas.properties.id}`)).status).toBe(422);
    expect((await fx.app.request('/api/analysis/sewer-trace')).status).toBe(400);
    expect((await fx.app.request('/api/analysis/sewer-trace?pipe=a%20b')).status).toBe(400);
    expect((await fx.app.request('/api/analysis/sewer-trace?pipe=ps0001&x=1')).status).toBe(400);
  });
});

describe('GET /api/packages/:id/pipes (demo)', () => {
  let fx: FixtureApp;
  let flags: PipesResponse;

  beforeAll(async () => {
    fx = openFixtureApp(DEMO);
    flags = (await (await fx.app.request('/api/analysis/pipes')).json()) as PipesResponse;
  }, SLOW);
  afterAll(() => fx?.close());

  const get = async (id: string) => {
    const res = await fx.app.request(`/api/packages/${id}/pipes`);
    expect(res.status).toBe(200);
    return (await res.json()) as PackagePipesResponse;
  };
  const flagOf = (id: string) => flags.communities.find((c) => c.id === id)!;

  it('a one-compound package: separation and burial are its combined and overhead metres, by hand', async () => {
    // 4321厂宿舍 (the 2019 first batch): one member with combined pipe and overhead lines inside
    const pkg = fx.store.packages().find((p) => p.members.length === 1 && flagOf(p.members[0]).combinedM > 0 && flagOf(p.members[0]).overheadM > 0)!;
    expect(pkg).toBeDefined();
    const r = await get(pkg.id);
    const f = flagOf(pkg.members[0]);
    const item = (k: string) => r.work.find((w) => w.item === k)!;
    expect(item('separation').quantityM).toBeCloseTo(f.combinedM, 1);
    expect(item('overheadBurial').quantityM).toBeCloseTo(f.overheadM, 1);
    expect(item('replacement').quantityM).toBeLessThanOrEqual(f.agedM + 0.1); // aged combined and overhead pipe is already counted
    expect(item('sewerConnection').quantityM).toBe(0);
    expect(r.members).toHaveLength(1);
    expect(r.members[0]).toMatchObject({ ...f, sewerConnectionM: 0 });
    // priced per metre with the default settings, and added up
    const { settings } = (await (await fx.app.request('/api/settings')).json()) as SettingsResponse;
    for (const w of r.work) {
      expect(w.unitCost).toBe(settings.pipeWorkCostPerM[w.item]);
      expect(w.cost).toBe(Math.round(w.quantityM * w.unitCost));
    }
    expect(r.workTotal).toBe(r.work.reduce((s, w) => s + w.cost, 0));
    expect(r.workTotal).toBeGreaterThan(0);
    // lengths by kind × condition add up, and the combined row is the separation
    for (const l of r.lengths) expect(l.good + l.fair + l.poor + l.unknown).toBeCloseTo(l.totalM, 0);
    expect(r.lengths.find((l) => l.kind === 'combined')!.totalM).toBeCloseTo(item('separation').quantityM, 1);
  });

  it('a compound with no sewer outlet needs a connection as long as its distance to the nearest sewer', async () => {
    const owned = new Set(fx.store.packages().flatMap((p) => p.members));
    const far = flags.communities.filter((c) => c.noSewerOutlet && !owned.has(c.id));
    const withDistance = far.find((c) => c.sewerM !== null)!;
    const beyond = far.find((c) => c.sewerM === null)!; // farther than pipeFlags looks: measured against every sewer
    expect(withDistance && beyond).toBeTruthy();
    const res = await fx.app.request('/api/packages', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: '无排水出口测试', members: [withDistance.id, beyond.id], draft: true }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const r = await get(id);
    const m = (cid: string) => r.members.find((x) => x.id === cid)!;
    expect(m(withDistance.id).sewerConnectionM).toBe(withDistance.sewerM);
    // independent: Turf distances both ways between the wall and every sewer main or branch
    const c = fx.store.community(beyond.id)!;
    const ring = turf.polygonToLine(c) as Feature<LineString>;
    let d = Infinity;
    for (const s of fx.store.pipes(undefined, ['sewer']).filter((p) => p.properties.level !== 'service')) {
      for (const v of c.geometry.coordinates[0]) d = Math.min(d, turf.pointToLineDistance(v, s, { units: 'meters' }));
      for (const v of s.geometry.coordinates) d = Math.min(d, turf.pointToLineDistance(v, ring, { units: 'meters' }));
    }
    expect(m(beyond.id).sewerConnectionM!).toBeGreaterThan(300);
    expect(Math.abs(m(beyond.id).sewerConnectionM! - d)).toBeLessThan(1);
    const conn = r.work.find((w) => w.item === 'sewerConnection')!;
    expect(conn.quantityM).toBeCloseTo(m(withDistance.id).sewerConnectionM! + m(beyond.id).sewerConnectionM!, 1);
    expect(conn.cost).toBe(Math.round(conn.quantityM * 1500));
  });

  it('follows the unit-cost settings, and the report carries the same lines with base + pipe work = total', async () => {
    const pkg = fx.store.packages().find((p) => !p.draft && p.members.some((m) => flagOf(m).combinedM > 0))!;
    const before = await get(pkg.id);
    const { version } = (await (await fx.app.request('/api/settings')).json()) as SettingsResponse;
    const put = await fx.app.request('/api/settings', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version, settings: { pipeWorkCostPerM: { separation: 2400, overheadBurial: 600, replacement: 800, sewerConnection: 1500 } } }),
    });
    expect(put.status).toBe(200);
    const after = await get(pkg.id);
    const sep = (r: PackagePipesResponse) => r.work.find((w) => w.item === 'separation')!;
    expect(sep(after).quantityM).toBe(sep(before).quantityM);
    expect(sep(after).cost).toBe(Math.round(sep(before).quantityM * 2400));
    const report = (await (await fx.app.request(`/api/packages/${pkg.id}/report`)).json()) as PackageReport;
    expect(report.pipeWork.items).toEqual(after.work);
    expect(report.pipeWork.total).toBe(after.workTotal);
    expect(report.pipeWork.grandTotal).toBe(report.cost.total + after.workTotal);
  });

  it('404 for an unknown package, 400 for a malformed id or an unknown parameter', async () => {
    expect((await fx.app.request('/api/packages/no-such/pipes')).status).toBe(404);
    expect((await fx.app.request('/api/packages/a%20b/pipes')).status).toBe(400);
    const pkg = fx.store.packages()[0];
    expect((await fx.app.request(`/api/packages/${pkg.id}/pipes?x=1`)).status).toBe(400);
  });
});
