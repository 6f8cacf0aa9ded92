// What 组包 mode needs from the API: the gap graph to draw, accepting suggestions as one undoable
// change, undo guarded by the client's own version, and the printable package report.
// The packaging fixture (see packages.test.ts for its map) for exact cases, the demo for the whole flow.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, FIXTURES, openFixtureApp, type FixtureApp } from './fixtureApp.ts';
import type { PackagingResult } from '../../server/analysis/packaging.ts';
import type {
  AcceptResponse, NeighboursResponse, PackageDetail, PackageListItem, PackageReport, SettingsResponse,
} from '../../server/domain/api.ts';

let fixture: FixtureApp | undefined;
const open = (dir: string) => (fixture = openFixtureApp(dir));
afterEach(() => {
  fixture?.close();
  fixture = undefined;
});
const PACKAGING = join(FIXTURES, 'packaging');

type Err = { error: { code: string; message: string; messageEn: string; details?: any } };
async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fixture!.app.request(path, {
    method, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, etag: res.headers.get('ETag'), body: (res.status === 304 ? null : await res.json()) as T };
}
const list = async () => (await call<PackageListItem[]>('GET', '/api/packages')).body;
const putSettings = async (settings: object) => {
  const { version } = (await call<SettingsResponse>('GET', '/api/settings')).body;
  expect((await call('PUT', '/api/settings', { version, settings })).status).toBe(200);
};
/** The list without versions (undo writes new ones), for comparing states. */
const shape = (l: PackageListItem[]) => l.map(({ version: _v, ...rest }) => rest).sort((a, b) => a.id.localeCompare(b.id));

describe('GET /api/analysis/neighbours', () => {
  it('serves each neighbour pair once, a < b by id, with gap and facing wall to 0.1 m', async () => {
    open(PACKAGING);
    const r = await call<NeighboursResponse>('GET', '/api/analysis/neighbours');
    expect(r.status).toBe(200);
    expect(r.body.settingsVersion).toBe(0);
    // c1–c2 across a 6 m lane, c1–c6 6.7 m; c5 is across the river / in another 街道, c4 beyond the arterial
    expect(r.body.edges.map(([a, b]) => [a, b])).toEqual([['c1', 'c2'], ['c1', 'c6']]);
    for (const [, , gap, shared] of r.body.edges) {
      expect(gap).toBeGreaterThan(5);
      expect(gap).toBeLessThan(8);
      expect(shared).toBeGreaterThan(0);
      expect(Math.round(gap * 10) / 10).toBe(gap);
      expect(Math.round(shared * 10) / 10).toBe(shared);
    }
  });

  it('on the demo: symmetric pairs appear once, every id is a community, every gap within the tolerance', async () => {
    open(DEMO);
    const { edges } = (await call<NeighboursResponse>('GET', '/api/analysis/neighbours')).body;
    const ids = new Set((await call<GeoJSON.FeatureCollection>('GET', '/api/layers/communities')).body.features.map((f) => f.properties!.id as string));
    expect(edges.length).toBeGreaterThan(100);
    const keys = new Set<string>();
    for (const [a, b, gap, shared] of edges) {
      expect(a < b).toBe(true);
      expect(ids.has(a) && ids.has(b)).toBe(true);
      expect(gap).toBeGreaterThanOrEqual(0);
      expect(gap).toBeLessThanOrEqual(30);
      expect(shared).toBeGreaterThanOrEqual(0);
      keys.add(`${a}|${b}`);
    }
    expect(keys.size).toBe(edges.length);
    expect(edges.map(([a, b]) => `${a}|${b}`)).toEqual([...keys].sort());
  });

  it('answers 304 to its ETag, and a new graph with a new ETag after a settings change', async () => {
    open(PACKAGING);
    const first = await call<NeighboursResponse>('GET', '/api/analysis/neighbours');
    expect(first.etag).toMatch(/^W\//);
    expect((await call('GET', '/api/analysis/neighbours', undefined, { 'If-None-Match': first.etag! })).status).toBe(304);

    await putSettings({ sameSubdistrict: false });
    const again = await call<NeighboursResponse>('GET', '/api/analysis/neighbours', undefined, { 'If-None-Match': first.etag! });
    expect(again.status).toBe(200);
    expect(again.etag).not.toBe(first.etag);
    expect(again.body.settingsVersion).toBe(first.body.settingsVersion + 1);
    expect(again.body.edges.map(([a, b]) => `${a}–${b}`)).toContain('c3–c5'); // 6.7 m apart across the 街道 line
  });
});

describe('POST /api/packages/accept (packaging fixture)', () => {
  it('takes members from a basis package, keeps what is left as a draft, names the new package after its largest member', async () => {
    open(PACKAGING);
    const r = await call<AcceptResponse>('POST', '/api/packages/accept', { packages: [{ members: ['c1', 'c6'] }], basis: [{ id: 'pk1', version: 1 }] });
    expect(r.status).toBe(201);
    expect(r.body.created).toHaveLength(1);
    expect(r.body.created[0]).toMatchObject({ name: '农机巷等2个小区', draft: false, version: 1, status: 'reserve', locked: false });
    expect(r.body.created[0].members).toEqual(['c1', 'c6']);
    expect(r.body.created[0].households).toBe(150);
    expect(r.body.changed).toHaveLength(1);
    expect(r.body.changed[0]).toMatchObject({ id: 'pk1', version: 2, draft: true }); // c2 alone: 80 户
    expect(r.body.changed[0].members).toEqual(['c2']);
    expect(r.body.deleted).toEqual([]);
    // one change: the audit entries of both packages share it
    const log = fixture!.store.db.prepare("SELECT DISTINCT change, action FROM audit_log WHERE entity = 'package'").all();
    expect(log).toEqual([{ change: 1, action: 'accept' }]);
  });

  it('deletes a basis package left empty, and one undo brings it back and removes what was created', async () => {
    open(PACKAGING);
    const before = shape(await list());
    const r = await call<AcceptResponse>('POST', '/api/packages/accept', {
      packages: [{ name: '梅苑片区', members: ['c1', 'c2', 'c6'] }], basis: [{ id: 'pk1', version: 1 }],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ changed: [], deleted: ['pk1'] });
    expect(r.body.created[0].name).toBe('梅苑片区');
    expect((await call('GET', '/api/packages/pk1')).status).toBe(404);

    const undo = await call<PackageDetail[]>('POST', `/api/packages/${r.body.created[0].id}/undo`);
    expect(undo.status).toBe(200);
    expect(shape(await list())).toEqual(before);
    expect((await call('GET', `/api/packages/${r.body.created[0].id}`)).status).toBe(404);
  });

  it('undo from the shrunk package takes the whole acceptance back too', async () => {
    open(PACKAGING);
    const before = shape(await list());
    const r = await call<AcceptResponse>('POST', '/api/packages/accept', { packages: [{ members: ['c1', 'c6'] }], basis: [{ id: 'pk1', version: 1 }] });
    expect((await call('POST', '/api/packages/pk1/undo')).status).toBe(200);
    expect(shape(await list())).toEqual(before);
    expect((await call('GET', `/api/packages/${r.body.created[0].id}`)).status).toBe(404);
  });

  it('refuses a member of a package not in the basis (422, naming it), and writes nothing', async () => {
    open(PACKAGING);
    const r = await call<Err>('POST', '/api/packages/accept', { packages: [{ members: ['c1', 'c6'] }] });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('梅苑小区（pk1）');
    expect(r.body.error.messageEn).toContain('already in another package');
    expect(r.body.error.details.index).toBe(0);
    expect(await list()).toHaveLength(1);
  });

  it('refuses the whole acceptance when one accepted package breaks a rule, saying which', async () => {
    open(PACKAGING);
    const before = await list();
    const r = await call<Err>('POST', '/api/packages/accept', {
      packages: [{ members: ['c1', 'c6'] }, { members: ['c5'] }], basis: [{ id: 'pk1', version: 1 }],
    });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/^第 2 个项目包：/);
    expect(r.body.error.message).toContain('不足 100 户');
    expect(r.body.error.messageEn).toMatch(/^package 2: /);
    expect(await list()).toEqual(before);
  });

  it('refuses a stale basis with 409 and the current state, and writes nothing', async () => {
    open(PACKAGING);
    await call('PATCH', '/api/packages/pk1', { version: 1, name: '他人改名' }, { 'X-User': 'other' });
    const before = await list();
    const r = await call<Err>('POST', '/api/packages/accept', { packages: [{ members: ['c1', 'c6'] }], basis: [{ id: 'pk1', version: 1 }] });
    expect(r.status).toBe(409);
    expect(r.body.error.details.current).toMatchObject({ id: 'pk1', version: 2, name: '他人改名' });
    expect(await list()).toEqual(before);
  });

  it('refuses a basis package that no longer exists with 409', async () => {
    open(PACKAGING);
    const r = await call<Err>('POST', '/api/packages/accept', { packages: [{ members: ['c6'] }], basis: [{ id: 'gone', version: 1 }] });
    expect(r.status).toBe(409);
    expect(r.body.error.details.current).toBeNull();
  });

  it('refuses a locked basis package with 423', async () => {
    open(PACKAGING);
    await call('PATCH', '/api/packages/pk1', { version: 1, locked: true });
    const r = await call<Err>('POST', '/api/packages/accept', { packages: [{ members: ['c1', 'c6'] }], basis: [{ id: 'pk1', version: 2 }] });
    expect(r.status).toBe(423);
    expect(r.body.error.message).toContain('已锁定');
    expect((await list())[0]).toMatchObject({ id: 'pk1', members: ['c1', 'c2'], version: 2 });
  });

  it('refuses the same compound in two accepted packages, naming it', async () => {
    open(PACKAGING);
    const r = await call<Err>('POST', '/api/packages/accept', {
      packages: [{ members: ['c1', 'c6'] }, { members: ['c6', 'c2'] }], basis: [{ id: 'pk1', version: 1 }],
    });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('同一小区不能进入两个项目包：农机巷');
    expect(r.body.error.messageEn).toContain('a compound cannot join two packages');
    expect(await list()).toHaveLength(1);
  });

  it('refuses malformed bodies with 400', async () => {
    open(PACKAGING);
    for (const body of [
      {}, { packages: [] }, { packages: [{ members: [] }] }, { packages: [{ members: ['c6'], colour: 'red' }] },
      { packages: [{ members: ['c6'] }], basis: [{ id: 'pk1' }] }, { packages: [{ members: ['c6'] }], basis: [{ id: 'pk1', version: 0 }] },
      { packages: [{ name: '', members: ['c6'] }] }, { packages: [{ members: ['c6'] }], extra: 1 },
    ]) {
      const r = await call<Err>('POST', '/api/packages/accept', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('bad_body');
    }
    const notJson = await fixture!.app.request('/api/packages/accept', { method: 'POST', body: 'x' });
    expect(notJson.status).toBe(415);
    expect(await list()).toHaveLength(1);
  });
});

describe('POST /api/packages/accept (demo: every suggestion at once)', () => {
  async function acceptAll() {
    const suggestions = (await call<PackagingResult>('POST', '/api/analysis/packaging', {})).body.packages;
    const before = await list();
    const versions = new Map(before.map((p) => [p.id, p.version]));
    const replaced = [...new Set(suggestions.flatMap((s) => s.replaces))];
    const basis = replaced.map((id) => ({ id, version: versions.get(id)! }));
    const r = await call<AcceptResponse>('POST', '/api/packages/accept', { packages: suggestions.map((s) => ({ members: s.members.map((m) => m.id) })), basis });
    return { suggestions, before, replaced, r };
  }

  it('creates every suggestion, shrinks or deletes the packages they take from, and each new package passes every rule', async () => {
    open(DEMO);
    const { suggestions, before, replaced, r } = await acceptAll();
    expect(replaced.length).toBeGreaterThan(0); // the demo's unlocked 2022 reserve
    expect(r.status).toBe(201);
    expect(r.body.created).toHaveLength(suggestions.length);
    r.body.created.forEach((p, i) => {
      expect(p.members).toEqual(suggestions[i].members.map((m) => m.id));
      expect(p.households).toBe(suggestions[i].households);
      expect(p.valid).toBe(true);
      expect(p.draft).toBe(false);
      expect(p.name).toMatch(/等\d+个小区$/);
    });
    const taken = new Set(suggestions.flatMap((s) => s.members.map((m) => m.id)));
    const emptied = replaced.filter((id) => before.find((p) => p.id === id)!.members.every((m) => taken.has(m)));
    expect([...r.body.deleted].sort()).toEqual([...emptied].sort());
    expect(r.body.changed.map((p) => p.id).sort()).toEqual(replaced.filter((id) => !emptied.includes(id)).sort());

    const after = await list();
    expect(after).toHaveLength(before.length - r.body.deleted.length + r.body.created.length);
    for (const p of r.body.created) expect(after.find((q) => q.id === p.id)).toMatchObject({ valid: true, draft: false });
    const members = after.flatMap((p) => p.members);
    expect(new Set(members).size).toBe(members.length); // a compound is in one package
    // the packages nobody touched are as they were
    const untouched = before.filter((p) => !replaced.includes(p.id));
    for (const p of untouched) expect(after.find((q) => q.id === p.id)).toEqual(p);
  });

  it('one undo on any created package restores the package list as it was', async () => {
    open(DEMO);
    const { before, r } = await acceptAll();
    const undo = await call<PackageDetail[]>('POST', `/api/packages/${r.body.created.at(-1)!.id}/undo`);
    expect(undo.status).toBe(200);
    expect(shape(await list())).toEqual(shape(before));
    expect((await call<Err>('POST', `/api/packages/${r.body.created[0].id}/undo`)).body.error.code).toBe('nothing_to_undo');
  });
});

describe('POST /api/packages/:id/undo with a version guard', () => {
  it('undoes only when the package is still at the version the client last saw', async () => {
    open(PACKAGING);
    await call('PATCH', '/api/packages/pk1', { version: 1, add: ['c6'] }); // mine: v2
    await call('PATCH', '/api/packages/pk1', { version: 2, name: '他人改名' }, { 'X-User': 'other' }); // theirs: v3
    const refused = await call<Err>('POST', '/api/packages/pk1/undo', { version: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.current).toMatchObject({ version: 3, name: '他人改名' });
    expect((await list())[0]).toMatchObject({ version: 3, name: '他人改名' });

    const ok = await call<PackageDetail[]>('POST', '/api/packages/pk1/undo', { version: 3 });
    expect(ok.status).toBe(200);
    expect(ok.body[0]).toMatchObject({ name: '梅苑片区改造项目', version: 4 });
    expect((await call('POST', '/api/packages/pk1/undo', {})).status).toBe(200); // an empty object: no guard
    expect((await call<Err>('POST', '/api/packages/pk1/undo', { version: 'x' })).status).toBe(400);
    expect((await call<Err>('POST', '/api/packages/pk1/undo', { version: 1, also: true })).status).toBe(400);
  });

  it('still works with no body at all', async () => {
    open(PACKAGING);
    await call('PATCH', '/api/packages/pk1', { version: 1, add: ['c6'] });
    const res = await fixture!.app.request('/api/packages/pk1/undo', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as PackageDetail[])[0].members.map((m) => m.id)).toEqual(['c1', 'c2']);
  });
});

describe('GET /api/packages/:id/report', () => {
  it('reports every demo package: areas, years, management and cost agree with the package', async () => {
    open(DEMO);
    let withPipes = 0;
    for (const { id } of await list()) {
      const r = await call<PackageReport>('GET', `/api/packages/${id}/report`);
      expect(r.status).toBe(200);
      const { package: p, siteArea, buildYears, management, cost, pipes, combinedM, overheadM } = r.body;
      expect(p).toEqual((await call<PackageDetail>('GET', `/api/packages/${id}`)).body);
      expect(Object.keys(siteArea)).toEqual(p.members.map((m) => m.id));
      for (const a of Object.values(siteArea)) expect(a).toBeGreaterThan(500); // the smallest packaged walk-up compounds have ≈700 m²
      expect(buildYears).toEqual({ min: Math.min(...p.members.map((m) => m.buildYear)), max: Math.max(...p.members.map((m) => m.buildYear)) });
      const m = Object.values(management);
      expect(Object.keys(management).sort()).toEqual(['none', 'property', 'unit']);
      expect(m.reduce((s, x) => s + x.households, 0)).toBe(p.totals.households);
      expect(m.reduce((s, x) => s + x.communities, 0)).toBe(p.totals.communityCount);
      expect(cost).toMatchObject({ mode: 'perHousehold', unitCost: 27000, quantity: p.totals.households, total: p.totals.households * 27000 });
      expect(cost.byMember).toEqual(p.members.map((x) => x.households * 27000));
      for (const w of pipes) {
        expect(w.lengthM).toBeGreaterThan(0);
        expect(w.poorM).toBeGreaterThanOrEqual(0);
        expect(w.poorM).toBeLessThanOrEqual(w.lengthM);
      }
      const sum = (ws: typeof pipes) => ws.reduce((s, w) => s + w.lengthM, 0);
      expect(Math.abs(combinedM - sum(pipes.filter((w) => w.kind === 'combined')))).toBeLessThanOrEqual(0.1);
      expect(Math.abs(overheadM - sum(pipes.filter((w) => w.overhead)))).toBeLessThanOrEqual(0.1 * pipes.length);
      if (pipes.length) withPipes++;
    }
    expect(withPipes).toBeGreaterThan(6); // old compounds have service pipes inside their walls
  });

  it('measures pipe inside the members as sampling with Turf does, not whole pipes that touch them', async () => {
    open(DEMO);
    const reports = await Promise.all((await list()).map(async (p) => (await call<PackageReport>('GET', `/api/packages/${p.id}/report`)).body));
    // the biggest package with combined (雨污合流) pipe inside
    const r = reports.filter((x) => x.combinedM > 0).sort((a, b) => b.package.members.length - a.package.members.length)[0];
    const members = (await call<GeoJSON.FeatureCollection<GeoJSON.Polygon>>('GET', `/api/layers/communities?bbox=${r.package.bbox.join(',')}`)).body.features
      .filter((f) => r.package.members.some((m) => m.id === f.properties!.id));
    expect(members).toHaveLength(r.package.members.length);
    const pipes = (await call<GeoJSON.FeatureCollection<GeoJSON.LineString, { kind: string; overhead: boolean }>>('GET', `/api/layers/pipes?bbox=${r.package.bbox.join(',')}`)).body.features;
    const turf = await import('@turf/turf');
    const sampled = new Map<string, number>();
    let whole = 0;
    for (const f of pipes) {
      whole += turf.length(f, { units: 'meters' });
      for (const piece of turf.lineChunk(f, 1, { units: 'meters' }).features) {
        const len = turf.length(piece, { units: 'meters' });
        const mid = turf.along(piece, len / 2, { units: 'meters' });
        if (!members.some((m) => turf.booleanPointInPolygon(mid, m))) continue;
        const key = `${f.properties.kind}/${f.properties.overhead}`;
        sampled.set(key, (sampled.get(key) ?? 0) + len);
      }
    }
    const inside = r.pipes.reduce((s, w) => s + w.lengthM, 0);
    expect(inside).toBeLessThan(whole / 2); // mains running past are cut at the walls
    for (const w of r.pipes) expect(Math.abs(w.lengthM - (sampled.get(`${w.kind}/${w.overhead}`) ?? 0)), `${w.kind}/${w.overhead}`).toBeLessThan(3);
    for (const [key, len] of sampled) if (len >= 3) expect(r.pipes.map((w) => `${w.kind}/${w.overhead}`)).toContain(key);
  });

  it('costs by floor area after the cost mode is changed, with a new ETag', async () => {
    open(DEMO);
    const [, second] = await list();
    const path = `/api/packages/${second.id}/report`;
    const before = await call<PackageReport>('GET', path);
    expect((await call('GET', path, undefined, { 'If-None-Match': before.etag! })).status).toBe(304);
    await putSettings({ costMode: 'perFloorArea' });
    const r = await call<PackageReport>('GET', path, undefined, { 'If-None-Match': before.etag! });
    expect(r.status).toBe(200);
    const { cost, package: p, settings } = r.body;
    expect(settings.costMode).toBe('perFloorArea');
    expect(cost).toMatchObject({ mode: 'perFloorArea', unitCost: 275, quantity: p.totals.floorArea });
    expect(cost.byMember).toEqual(p.members.map((m) => Math.round(m.floorArea * 275)));
    expect(cost.total).toBe(cost.byMember.reduce((a, b) => a + b, 0));
    expect(Math.abs(cost.total - p.totals.floorArea * 275)).toBeLessThan(p.members.length);
    await putSettings({ unitCostPerSqm: 300 });
    expect((await call<PackageReport>('GET', path)).body.cost.unitCost).toBe(300);
  });

  it('answers 404 for an unknown package and 400 for a malformed id', async () => {
    open(PACKAGING);
    expect((await call<Err>('GET', '/api/packages/nope/report')).body.error.code).toBe('not_found');
    const bad = await call<Err>('GET', '/api/packages/bad%20id/report');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_id');
  });
});
