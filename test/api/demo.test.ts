// The committed demo through the real load path and the API: what a first-time user gets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, openFixtureApp, type FixtureApp } from './fixtureApp.ts';
import type { PackagingResult } from '../../server/analysis/packaging.ts';
import { createApp } from '../../server/app.ts';
import type { CommunitySearchHit, DatasetResponse, PackageDetail, PackageListItem } from '../../server/domain/api.ts';

let app: ReturnType<typeof createApp>;
const json = async <T>(path: string) => (await (await app.request(path)).json()) as T;

let fixture: FixtureApp;
beforeAll(() => ({ app } = fixture = openFixtureApp(DEMO)));
afterAll(() => fixture.close());

describe('the demo district through the API', () => {
  it('says it is synthetic', async () => {
    const d = await json<DatasetResponse>('/api/dataset');
    expect(d.meta.synthetic).toBe(true);
    expect(d.meta.description).toMatch(/生成/);
    expect(d.subdistricts).toEqual(['西郊街道', '新枫街道', '吕蒙街道']);
  });

  it('serves 266 communities, 208 of them old and 177 eligible under the 2000 cut-off minus the renovated', async () => {
    const fc = await json<GeoJSON.FeatureCollection>('/api/layers/communities');
    expect(fc.features).toHaveLength(266);
    const props = fc.features.map((f) => f.properties!);
    expect(props.filter((p) => p.isOld)).toHaveLength(208);
    const renovatedOld = props.filter((p) => p.buildYear <= 2000 && p.renovatedYear != null).length;
    expect(renovatedOld).toBeGreaterThan(0);
    expect(props.filter((p) => p.eligible)).toHaveLength(177 - renovatedOld);
  });

  it('finds 华风宿舍 by the name the report also uses, 华风小区', async () => {
    const hits = await json<CommunitySearchHit[]>('/api/communities?q=' + encodeURIComponent('华风小区'));
    expect(hits[0].name).toBe('华风宿舍');
  });

  it('draws each of the 39 packages as one site: members’ lanes closed, totals summed', async () => {
    const fc = await json<GeoJSON.FeatureCollection>('/api/layers/packages');
    expect(fc.features).toHaveLength(39); // 2019 (the report's 12), 2020 (10), 2021 (12), 2022 reserve (5)
    for (const f of fc.features) {
      expect(f.geometry.type, f.properties!.name).toBe('Polygon');
      const d = await json<PackageDetail>(`/api/packages/${f.properties!.id}`);
      expect(d.totals.households).toBe(d.members.reduce((s, m) => s + m.households, 0));
    }
    const second = fc.features.filter((f) => f.properties!.batch === '2019年第二批');
    expect(second.map((f) => f.properties!.households).reduce((a, b) => a + b, 0)).toBe(600);
  });

  it('flags exactly the report’s problem declarations by the eligibility rule, and passes the rest', async () => {
    const list = await json<PackageListItem[]>('/api/packages');
    const invalid = list.filter((p) => !p.valid);
    // 紫薇花园 built after 2000; 华风宿舍 and 梅苑小区 already renovated when declared (seed 000, 三.1)
    expect(invalid.map((p) => p.name).sort()).toEqual(['华风宿舍改造项目', '梅苑小区改造项目', '紫薇花园改造项目'].sort());
    expect(invalid.every((p) => p.failedRules.join() === 'eligibility')).toBe(true);
  });

  it('suggests packages that place or explain every small eligible compound not in a locked package', async () => {
    const res = await app.request('/api/analysis/packaging', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const r = (await res.json()) as PackagingResult;
    const communities = (await json<GeoJSON.FeatureCollection>('/api/layers/communities')).features.map((f) => f.properties!);
    const locked = new Set((await json<PackageListItem[]>('/api/packages')).filter((p) => p.locked).map((p) => p.id));
    const small = communities.filter((c) => c.eligible && !locked.has(c.packageId) && c.households < 100).map((c) => c.id).sort();
    const placed = r.packages.flatMap((p) => p.members.filter((m) => m.households < 100).map((m) => m.id));
    expect([...placed, ...r.unplaced.map((u) => u.id)].sort()).toEqual(small);
    expect(placed.length).toBeGreaterThan(small.length * 0.8);
    for (const p of r.packages) {
      expect(p.households).toBeGreaterThanOrEqual(100);
      expect(p.links).toHaveLength(p.communityCount - 1); // a spanning tree: contiguous
      expect(new Set(p.members.map((m) => communities.find((c) => c.id === m.id)!.subdistrict)).size).toBe(1);
    }
    for (const u of r.unplaced) expect(u.message.length).toBeGreaterThan(10);
  });

  it('filters pipes by kind and viewport', async () => {
    const all = await json<GeoJSON.FeatureCollection>('/api/layers/pipes?kind=combined');
    expect(all.features.length).toBeGreaterThan(50);
    expect(all.features.every((f) => f.properties!.kind === 'combined')).toBe(true);
    const d = await json<DatasetResponse>('/api/dataset');
    const [x0, y0, x1, y1] = d.bbox;
    const w = (x1 - x0) / 4;
    const h = (y1 - y0) / 4;
    const centre = [x0 + w, y0 + h, x1 - w, y1 - h].join(',');
    const part = await json<GeoJSON.FeatureCollection>(`/api/layers/pipes?kind=combined&bbox=${centre}`);
    expect(part.features.length).toBeGreaterThan(0);
    expect(part.features.length).toBeLessThan(all.features.length);
  });
});
