// The HTTP API through app.request(): a real SQLite file, the real load path, no port.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { CommunityDetail, CommunitySearchHit, DatasetResponse, HealthResponse, PackageDetail, SettingsResponse } from '../../server/domain/api.ts';
import { DatasetError, loadDataset } from '../../server/load.ts';
import { readDatasetDir } from '../../server/store/files.ts';
import { MIGRATIONS } from '../../server/store/schema.ts';
import { FIXTURES, openFixtureApp, type FixtureApp } from './fixtureApp.ts';
import { Store } from '../../server/store/store.ts';

const MINI = join(FIXTURES, 'mini');
let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;

let fixture: FixtureApp;
beforeAll(() => ({ dir, store, app } = fixture = openFixtureApp(MINI)));
afterAll(() => fixture.close());

async function get<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T; res: Response }> {
  const res = await app.request(path, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, res };
}
type Err = { error: { code: string; message: string; messageEn: string } };

describe('health and dataset', () => {
  it('health reports the data set and its counts', async () => {
    const { status, body } = await get<HealthResponse>('/api/health');
    expect(status).toBe(200);
    expect(body.dataset.name).toBe('测试小数据集');
    expect(body.counts).toEqual({ communities: 4, packages: 1, pipes: 3, amenities: 1, roads: 2 });
  });

  it('dataset gives the extent, 街道 and ranges the client fits and filters by', async () => {
    const { body } = await get<DatasetResponse>('/api/dataset');
    expect(body.bbox).toEqual([117.178, 29.268, 117.186, 29.275]);
    expect(body.homeBbox).toEqual([117.18, 29.27, 117.184, 29.273]); // the communities only
    expect(body.subdistricts).toEqual(['西郊街道', '新枫街道']);
    expect(body.buildYearRange).toEqual([1990, 2008]);
    expect(body.householdsRange).toEqual([60, 300]);
    expect(body.settings.eligibilityCutoffYear).toBe(2000);
  });
});

describe('layers', () => {
  it('communities carry the agreed property names and derived eligibility', async () => {
    const { status, body } = await get<GeoJSON.FeatureCollection>('/api/layers/communities');
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(4);
    const byId = Object.fromEntries(body.features.map((f) => [f.properties!.id, f.properties!]));
    for (const key of ['id', 'name', 'subdistrict', 'households', 'buildYear', 'management', 'floorArea', 'isOld']) {
      expect(byId.c1).toHaveProperty(key);
    }
    expect(byId.c1).toMatchObject({ management: 'none', isOld: true, eligible: true, eligibility: 'eligible', packageId: 'pk1', packageStatus: 'approved' });
    expect(byId.c3).toMatchObject({ eligible: false, eligibility: 'notOld', packageId: null });
    expect(byId.c4).toMatchObject({ eligible: false, eligibility: 'renovated' });
  });

  it('bbox keeps only features that meet the box', async () => {
    const { body } = await get<GeoJSON.FeatureCollection>('/api/layers/communities?bbox=117.1825,29.2695,117.185,29.2715');
    expect(body.features.map((f) => f.properties!.id)).toEqual(['c3']);
  });

  it('pipes filter by kind', async () => {
    const { body } = await get<GeoJSON.FeatureCollection>('/api/layers/pipes?kind=combined,telecom');
    expect(body.features.map((f) => f.properties!.id).sort()).toEqual(['p2', 'p3']);
    expect(body.features.find((f) => f.properties!.id === 'p3')!.properties!.overhead).toBe(true);
  });

  it('every layer answers a FeatureCollection', async () => {
    for (const layer of ['communities', 'pipes', 'amenities', 'roads', 'water', 'boundaries', 'packages']) {
      const { status, body } = await get<GeoJSON.FeatureCollection>(`/api/layers/${layer}`);
      expect(status, layer).toBe(200);
      expect(body.features.length, layer).toBeGreaterThan(0);
    }
  });

  it('the package layer closes the lane between members into one outline with totals', async () => {
    const { body } = await get<GeoJSON.FeatureCollection>('/api/layers/packages');
    const f = body.features[0];
    expect(f.geometry.type).toBe('Polygon'); // the 6 m lane is closed
    expect(f.properties).toMatchObject({ id: 'pk1', households: 140, buildings: 5, floorArea: 9400, communityCount: 2, status: 'approved', version: 1 });
  });
});

describe('bad requests get a clear error in both languages', () => {
  it('unknown layer → 404 naming the layers', async () => {
    const { status, body } = await get<Err>('/api/layers/buildings');
    expect(status).toBe(404);
    expect(body.error.message).toContain('没有图层');
    expect(body.error.messageEn).toContain('communities');
  });

  it.each([
    ['bbox with three numbers', '/api/layers/roads?bbox=1,2,3'],
    ['bbox min above max', '/api/layers/roads?bbox=118,29,117,30'],
    ['bbox out of range', '/api/layers/roads?bbox=117,29,200,30'],
    ['bbox not numbers', '/api/layers/roads?bbox=a,b,c,d'],
    ['unknown pipe kind', '/api/layers/pipes?kind=oil'],
    ['kind on a layer without kinds', '/api/layers/roads?kind=water'],
    ['empty search', '/api/communities?q='],
    ['search limit too big', '/api/communities?q=a&limit=1000'],
  ])('%s → 400', async (_name, path) => {
    const { status, body } = await get<Err>(path);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_query');
    expect(body.error.message).toMatch(/查询参数有误/);
  });

  it('unknown community and package ids → 404', async () => {
    expect((await get<Err>('/api/communities/nope')).status).toBe(404);
    const p = await get<Err>('/api/packages/nope');
    expect(p.status).toBe(404);
    expect(p.body.error.message).toContain('nope');
  });

  it('malformed id → 400', async () => {
    expect((await get<Err>('/api/communities/' + encodeURIComponent('a b'))).status).toBe(400);
  });

  it('unknown endpoint → 404 JSON', async () => {
    const { status, body } = await get<Err>('/api/nothing');
    expect(status).toBe(404);
    expect(body.error.code).toBe('no_route');
  });
});

describe('detail and search', () => {
  it('community detail has every attribute, site area and FAR', async () => {
    const { status, body } = await get<CommunityDetail>('/api/communities/c2');
    expect(status).toBe(200);
    expect(body.feature.properties).toMatchObject({ name: '电子局宿舍', households: 80, management: 'unit', needs: ['overheadLines', 'elevator'], packageName: '梅苑片区改造项目' });
    expect(body.siteArea).toBeGreaterThan(10000); // ~97 m × 111 m
    expect(body.siteArea).toBeLessThan(11500);
    expect(body.far).toBeCloseTo(5400 / body.siteArea, 2);
  });

  it('search finds names and aliases', async () => {
    const a = await get<CommunitySearchHit[]>('/api/communities?q=' + encodeURIComponent('宿舍'));
    expect(a.body.map((h) => h.id)).toEqual(['c2']);
    const b = await get<CommunitySearchHit[]>('/api/communities?q=' + encodeURIComponent('紫薇小区'));
    expect(b.body.map((h) => h.id)).toEqual(['c4']);
    expect(b.body[0].bbox).toEqual([117.18, 29.272, 117.181, 29.273]);
  });

  it('search treats % and _ literally', async () => {
    const { body } = await get<CommunitySearchHit[]>('/api/communities?q=%25');
    expect(body).toEqual([]);
  });

  it('package detail has members, totals, dated history and outline', async () => {
    const { body } = await get<PackageDetail>('/api/packages/pk1');
    expect(body.members.map((m) => m.id)).toEqual(['c1', 'c2']);
    expect(body.totals).toEqual({ households: 140, buildings: 5, floorArea: 9400, communityCount: 2 });
    expect(body.history.map((h) => h.status)).toEqual(['reserve', 'approved']);
    // the fixture keeps the first data model's funding ({ central: 120, … } in place): read as 中央补助 planned = in place
    expect(body.funding.centralSubsidy).toEqual({ planned: 120, inPlace: 120 });
    expect(body.outputs).toEqual({ pipesKm: null, elevators: null, parkingSpaces: null, chargers: null, facilities: null });
    expect(body.outline.type).toBe('Polygon');
  });
});

describe('caching and compression', () => {
  it('answers 304 to a matching ETag and changes the tag when data changes', async () => {
    const first = await get('/api/layers/communities');
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await app.request('/api/layers/communities', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(store.saveSettings({ ...store.settings(), eligibilityCutoffYear: 2005 }, 'test')).toBe(true);
    const after = await get<GeoJSON.FeatureCollection>('/api/layers/communities', { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(after.res.headers.get('etag')).not.toBe(etag);
    // Jiangxi's 2005 cut-off makes 紫薇花园's year eligible, but it is renovated; c3 (2008) still not.
    const c3 = after.body.features.find((f) => f.properties!.id === 'c3')!;
    expect(c3.properties!.eligible).toBe(false);
    store.saveSettings({ ...store.settings(), eligibilityCutoffYear: 2000 }, 'test');
  });

  it('compresses large responses for clients that accept gzip', async () => {
    const res = await app.request('/api/layers/communities', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('settings: validated, audited, and a stale edit loses', () => {
  const put = (body: unknown, type = 'application/json') =>
    app.request('/api/settings', { method: 'PUT', headers: { 'Content-Type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('changes the cut-off year and the communities’ eligibility follows', async () => {
    const { body: before } = await get<SettingsResponse>('/api/settings');
    expect(before.settings.eligibilityCutoffYear).toBe(2000);
    expect(before.defaults.eligibilityCutoffYear).toBe(2000);
    const res = await put({ version: before.version, settings: { eligibilityCutoffYear: 2005 } });
    expect(res.status).toBe(200);
    const after = (await res.json()) as SettingsResponse;
    expect(after.settings).toMatchObject({ eligibilityCutoffYear: 2005, minHouseholds: 100 }); // the rest untouched
    expect(after.version).toBe(before.version + 1);
    const c = await get<CommunityDetail>('/api/communities/c3'); // built 2008: still not eligible
    expect(c.body.feature.properties.eligible).toBe(false);
    const audit = store.db.prepare("SELECT before, after FROM audit_log WHERE entity = 'settings' ORDER BY seq DESC LIMIT 1").get() as { before: string; after: string };
    expect(JSON.parse(audit.before).eligibilityCutoffYear).toBe(2000);
    expect(JSON.parse(audit.after).eligibilityCutoffYear).toBe(2005);
    await put({ version: after.version, settings: { eligibilityCutoffYear: 2000 } });
  });

  it('refuses an edit based on an old version with 409 and the current settings', async () => {
    const { body: now } = await get<SettingsResponse>('/api/settings');
    expect((await put({ version: now.version, settings: { minHouseholds: 80 } })).status).toBe(200);
    // a later change to another setting keeps this one
    const keep = await put({ version: now.version + 1, settings: { gapToleranceM: 20 } });
    expect(((await keep.json()) as SettingsResponse).settings).toMatchObject({ minHouseholds: 80, gapToleranceM: 20 });
    const stale = await put({ version: now.version, settings: { minHouseholds: 120 } });
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as Err & { error: { details: SettingsResponse } };
    expect(body.error.message).toContain('他人修改');
    expect(body.error.details.settings.minHouseholds).toBe(80); // the winner's value is kept, not merged
    const latest = (await get<SettingsResponse>('/api/settings')).body;
    await put({ version: latest.version, settings: { minHouseholds: 100, gapToleranceM: 30 } });
  });

  it.each([
    ['an unknown setting', { settings: { minHouseHolds: 50 } }, 400, 'minHouseHolds'],
    ['a cut-off year out of range', { settings: { eligibilityCutoffYear: 1800 } }, 400, 'eligibilityCutoffYear'],
    ['a wrong type', { settings: { sameSubdistrict: 'yes' } }, 400, 'sameSubdistrict'],
    ['no version', { noVersion: true, settings: {} }, 400, 'version'],
    ['a barrier class that does not exist', { settings: { barrierRoadClasses: ['motorway'] } }, 400, 'barrierRoadClasses'],
  ])('refuses %s', async (_name, change, status, text) => {
    const { body: now } = await get<SettingsResponse>('/api/settings');
    const { noVersion, ...rest } = change as { noVersion?: boolean; settings: unknown };
    const res = await put(noVersion ? rest : { version: now.version, ...rest });
    expect(res.status).toBe(status);
    const body = (await res.json()) as Err;
    expect(body.error.message).toContain('请求内容有误');
    expect(body.error.messageEn).toContain(text);
    expect((await get<SettingsResponse>('/api/settings')).body).toEqual(now); // nothing written
  });

  it('refuses a body that is not JSON', async () => {
    expect((await put('{"version": 1,', 'application/json')).status).toBe(400);
    expect((await put('version=1', 'application/x-www-form-urlencoded')).status).toBe(415);
  });
});

describe('loading a data set is all or nothing', () => {
  it('refuses a package naming an unknown community and keeps the old data', async () => {
    const raw = readDatasetDir(MINI) as { packages: { members: string[] }[] };
    raw.packages[0].members = ['c1', 'ghost'];
    expect(() => loadDataset(store, raw, 'test')).toThrow(DatasetError);
    try { loadDataset(store, raw, 'test'); } catch (e) {
      expect((e as DatasetError).problems[0].message).toContain('ghost');
    }
    expect(store.counts().communities).toBe(4);
    expect(store.package('pk1')!.members).toEqual(['c1', 'c2']);
  });

  it.each([
    ['an unclosed ring', (r: any) => { r.communities.features[0].geometry.coordinates[0].pop(); }, 'not closed'],
    ['negative households', (r: any) => { r.communities.features[1].properties.households = -5; }, 'households'],
    ['an unknown management type', (r: any) => { r.communities.features[1].properties.management = 'hoa'; }, 'management'],
    ['duplicate ids', (r: any) => { r.communities.features[1].properties.id = 'c1'; }, 'duplicate'],
    ['no communities', (r: any) => { r.communities.features = []; }, 'no communities'],
    ['history going backwards', (r: any) => { r.packages[0].history.reverse(); }, 'backwards'],
    ['a community in two packages', (r: any) => { r.packages.push({ ...r.packages[0], id: 'pk2' }); }, 'both packages'],
  ])('refuses %s with a message', (_name, mutate, text) => {
    const raw = readDatasetDir(MINI);
    mutate(raw);
    let err: DatasetError | undefined;
    try { loadDataset(store, raw, 'test'); } catch (e) { err = e as DatasetError; }
    expect(err).toBeInstanceOf(DatasetError);
    expect(err!.message).toContain(text);
    expect(store.counts()).toMatchObject({ communities: 4, packages: 1 });
  });

  it('names the file when a data set folder lacks one or holds broken JSON', () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    expect(() => readDatasetDir(bad)).toThrow(/meta\.json is missing/);
    for (const f of ['meta.json', 'communities.geojson']) copyFileSync(join(MINI, f), join(bad, f));
    writeFileSync(join(bad, 'pipes.geojson'), '{"type": "FeatureCollection", "features": [');
    expect(() => readDatasetDir(bad)).toThrow(/pipes\.geojson is not valid JSON/);
    writeFileSync(join(bad, 'pipes.geojson'), '');
    expect(() => readDatasetDir(bad)).toThrow(/pipes\.geojson is not valid JSON/);
  });

  it('loads a folder with only the required files, optional layers left empty', () => {
    const min = join(dir, 'min');
    mkdirSync(min);
    for (const f of ['meta.json', 'communities.geojson']) copyFileSync(join(MINI, f), join(min, f));
    const other = new Store(join(dir, 'min.db'));
    expect(loadDataset(other, readDatasetDir(min), 'test')).toMatchObject({ communities: 4, pipes: 0, packages: 0 });
    other.close();
  });

  it('reopening the same file keeps the data and runs no migration twice', () => {
    const again = new Store(join(dir, 'test.db'));
    expect(again.counts().communities).toBe(4);
    expect(again.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    again.close();
  });
});
