// GET /api/analysis/gaps on the demo district: walking distance over the road network against the
// straight line, per compound and facility kind, with the standards' radii and the user's overrides.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapsResponse, SettingsResponse } from '../../server/domain/api.ts';
import { DEMO, openFixtureApp, type FixtureApp } from './fixtureApp.ts';

describe('GET /api/analysis/gaps (demo)', () => {
  let fx: FixtureApp;
  let all: GapsResponse;
  const get = async (path: string) => fx.app.request(path);

  beforeAll(async () => {
    fx = openFixtureApp(DEMO);
    const r = await get('/api/analysis/gaps');
    expect(r.status).toBe(200);
    all = (await r.json()) as GapsResponse;
  }, 60_000);
  afterAll(() => fx?.close());

  it('reports every kind that has a radius, with the standard behind it', () => {
    const kg = all.kinds.find((k) => k.kind === 'kindergarten')!;
    expect(kg).toMatchObject({ radiusM: 300, level: '5min', confidence: '✔' });
    expect(all.kinds.map((k) => k.kind)).not.toContain('convenience'); // no radius in GB 50180
    expect(all.communities).toHaveLength(266);
    for (const c of all.communities) expect(Object.keys(c.access).sort()).toEqual(all.kinds.map((k) => k.kind).sort());
  });

  it('walking is never shorter than the straight line, and is often much longer', () => {
    let detours = 0;
    for (const c of all.communities) {
      for (const a of Object.values(c.access)) {
        if (a.walkM === null) continue;
        expect(a.walkM).toBeGreaterThanOrEqual(a.straightM! - 0.2);
        if (a.walkM > 1.5 * a.straightM! + 50) detours++;
      }
    }
    expect(detours).toBeGreaterThan(50);
  });

  it('counts the compounds without a kindergarten within 300 m on foot: at least those beyond it in a straight line', () => {
    const kg = all.kinds.find((k) => k.kind === 'kindergarten')!;
    const beyondStraight = all.communities.filter((c) => (c.access.kindergarten.straightM ?? Infinity) > 300).length;
    const lacking = all.communities.filter((c) => !c.access.kindergarten.within);
    expect(kg.withoutCommunities).toBe(lacking.length);
    expect(kg.withoutHouseholds).toBe(lacking.reduce((s, c) => s + c.households, 0));
    expect(kg.withoutCommunities).toBeGreaterThanOrEqual(beyondStraight);
    expect(kg.withoutCommunities).toBeGreaterThan(100); // the generator leaves nurseries and kindergartens scarce
  });

  it('sums households without each kind per 街道, adding up to the district', () => {
    expect(all.subdistricts.map((s) => s.name).sort()).toEqual([...new Set(all.communities.map((c) => c.subdistrict))].sort());
    expect(all.subdistricts.reduce((s, x) => s + x.communities, 0)).toBe(266);
    for (const k of all.kinds) {
      expect(all.subdistricts.reduce((s, x) => s + x.without[k.kind].households, 0), k.kind).toBe(k.withoutHouseholds);
      expect(all.subdistricts.reduce((s, x) => s + x.without[k.kind].communities, 0), k.kind).toBe(k.withoutCommunities);
    }
    // 吕蒙街道 (the south) is where the generator put next to no services: every compound there lacks a kindergarten
    const lvmeng = all.subdistricts.find((s) => s.name === '吕蒙街道')!;
    expect(lvmeng.without.kindergarten.communities).toBe(lvmeng.communities);
  });

  it('weighs kindergarten places against the households allotted to each kindergarten', () => {
    const kg = all.kinds.find((k) => k.kind === 'kindergarten')!;
    const cap = kg.capacity!;
    expect(cap.perHousehold).toBe(0.079); // the documented default
    expect(cap.facilities).toHaveLength(kg.facilities);
    // every compound is allotted to one kindergarten: the households add up, and each compound's
    // ratio is its kindergarten's places over the places that catchment needs
    expect(cap.facilities.reduce((s, f) => s + f.households, 0)).toBe(all.communities.reduce((s, c) => s + c.households, 0));
    for (const f of cap.facilities) {
      const members = all.communities.filter((c) => c.access.kindergarten.facilityId === f.id);
      expect(members.reduce((s, c) => s + c.households, 0), f.id).toBe(f.households);
      expect(f.demand).toBeCloseTo(f.households * 0.079, 0);
      if (f.households > 0) expect(f.ratio).toBeCloseTo(f.capacity! / (f.households * 0.079), 1);
      for (const c of members) expect(c.access.kindergarten.capacityRatio).toBe(f.ratio);
    }
    const short = cap.facilities.reduce((s, f) => s + Math.max(0, f.demand - (f.capacity ?? f.demand)), 0);
    expect(cap.shortPlaces).toBe(Math.round(short));
    expect(cap.shortPlaces).toBeGreaterThan(0);
    // kinds without places in the data have no capacity measure
    expect(all.kinds.find((k) => k.kind === 'park')!.capacity).toBeNull();
    expect(all.communities[0].access.park.capacityRatio).toBeUndefined();
  });

  it('?kind= narrows the answer; a kind without a radius is refused with 422, an unknown one with 400', async () => {
    const one = (await (await get('/api/analysis/gaps?kind=primarySchool')).json()) as GapsResponse;
    expect(one.kinds.map((k) => k.kind)).toEqual(['primarySchool']);
    expect(Object.keys(one.communities[0].access)).toEqual(['primarySchool']);
    const none = await get('/api/analysis/gaps?kind=convenience');
    expect(none.status).toBe(422);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(/没有服务半径/);
    expect((await get('/api/analysis/gaps?kind=casino')).status).toBe(400);
    expect((await get('/api/analysis/gaps?radius=3')).status).toBe(400);
  });

  it('answers 304 to a matching ETag', async () => {
    const r = await get('/api/analysis/gaps');
    const tag = r.headers.get('etag')!;
    expect((await fx.app.request('/api/analysis/gaps', { headers: { 'If-None-Match': tag } })).status).toBe(304);
  });

  it('a radius set by the user replaces the standard, and a kind without one becomes analysable', async () => {
    const { version } = (await (await get('/api/settings')).json()) as SettingsResponse;
    const put = await fx.app.request('/api/settings', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version, settings: { facilityRadiiM: { kindergarten: 500, convenience: 200 } } }),
    });
    expect(put.status).toBe(200);
    const after = (await (await get('/api/analysis/gaps')).json()) as GapsResponse;
    const kg = after.kinds.find((k) => k.kind === 'kindergarten')!;
    expect(kg.radiusM).toBe(500);
    expect(kg.withoutCommunities).toBeLessThan(all.kinds.find((k) => k.kind === 'kindergarten')!.withoutCommunities);
    expect(after.kinds.find((k) => k.kind === 'convenience')?.radiusM).toBe(200);
  });
});
