// GET /api/analysis/location, /reach and /field on the demo district. Every answer is checked
// against an independent computation: the walking network built afresh from the store's roads and
// nearestByNetwork from each pick (or facility) to the compounds' exit points, and the gap table.
import type { Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compoundExitPoints, nearestByNetwork } from '../../server/analysis/access.ts';
import { attachPoints, buildWalkNetwork, type WalkNetwork } from '../../server/analysis/walk.ts';
import type { DatasetResponse, FieldResponse, GapsResponse, LocationResponse, PackageListItem, ReachResponse, SettingsResponse } from '../../server/domain/api.ts';
import { DEMO, openFixtureApp, type FixtureApp } from './fixtureApp.ts';

type ErrorBody = { error: { code: string; message: string; messageEn: string } };

describe('walking-access routes (demo)', () => {
  let fx: FixtureApp;
  let net: WalkNetwork;
  let gaps: GapsResponse;
  let subdistricts: string[];
  /** per compound id: its exit points, name, 街道 and households */
  const compounds = new Map<string, { exits: Position[]; subdistrict: string; households: number }>();
  const get = async (path: string) => fx.app.request(path);
  const json = async <T>(path: string, status = 200): Promise<T> => {
    const r = await get(path);
    expect(r.status, path).toBe(status);
    return (await r.json()) as T;
  };
  /** Walking metres from a point to each compound (its best exit point), by nearestByNetwork on the independently built network. */
  const walkTo = (from: Position, ids: string[]): number[] => {
    const pts = ids.flatMap((id) => compounds.get(id)!.exits);
    const d = nearestByNetwork(net, attachPoints(net, [from]), attachPoints(net, pts));
    let k = 0;
    return ids.map((id) => {
      let best = Infinity;
      for (let j = 0; j < compounds.get(id)!.exits.length; j++) best = Math.min(best, d[k++]);
      return best;
    });
  };

  beforeAll(async () => {
    fx = openFixtureApp(DEMO);
    net = buildWalkNetwork(fx.store.roads(), { arterialCrossingAtJunctionsOnly: fx.store.settings().arterialCrossingAtJunctionsOnly });
    const all = fx.store.communities();
    const { points, start } = compoundExitPoints(all);
    all.forEach((c, i) => compounds.set(c.properties.id, { exits: points.slice(start[i], start[i + 1]), subdistrict: c.properties.subdistrict, households: c.properties.households }));
    gaps = await json<GapsResponse>('/api/analysis/gaps?kind=kindergarten');
    subdistricts = (await json<DatasetResponse>('/api/dataset')).subdistricts;
  }, 60_000);
  afterAll(() => fx?.close());

  describe('location', () => {
    it('picks kindergarten sites in every 街道: positive, non-increasing gains that add up, covering only uncovered compounds within 300 m on foot', async () => {
      expect(subdistricts.length).toBeGreaterThanOrEqual(2);
      const uncovered = new Set(gaps.communities.filter((c) => !c.access.kindergarten.within).map((c) => c.id));
      let picked = 0;
      for (const name of subdistricts) {
        const r = await json<LocationResponse>(`/api/analysis/location?kind=kindergarten&subdistrict=${encodeURIComponent(name)}`);
        expect(r).toMatchObject({ kind: 'kindergarten', radiusM: 300, area: { type: 'subdistrict', name } });
        const mine = [...uncovered].filter((id) => compounds.get(id)!.subdistrict === name);
        expect(r.uncovered).toEqual({ communities: mine.length, households: mine.reduce((s, id) => s + compounds.get(id)!.households, 0) });
        expect(r.coverable.households).toBeLessThanOrEqual(r.uncovered.households);
        expect(r.candidates).toBeGreaterThan(0);
        expect(r.picks.length).toBeLessThanOrEqual(5); // the default count
        let sum = 0;
        const seen = new Set<string>();
        r.picks.forEach((p, k) => {
          expect(p.gainHouseholds).toBeGreaterThan(0);
          if (k > 0) expect(p.gainHouseholds).toBeLessThanOrEqual(r.picks[k - 1].gainHouseholds);
          sum += p.gainHouseholds;
          expect(p.cumulativeHouseholds).toBe(sum);
          expect(p.gainHouseholds).toBe(p.covers.reduce((s, c) => s + c.households, 0));
          expect(p.gainCommunities).toBe(p.covers.length);
          expect(['roadNode', 'compoundEdge']).toContain(p.source);
          for (const c of p.covers) {
            expect(uncovered.has(c.id), `${c.id} was uncovered`).toBe(true);
            expect(compounds.get(c.id)!.subdistrict).toBe(name);
            expect(seen.has(c.id), `${c.id} covered twice`).toBe(false);
            seen.add(c.id);
          }
          // within 300 m of the pick on foot (5 cm for the pick's position rounded to 6 decimals)
          const d = walkTo([p.lon, p.lat], p.covers.map((c) => c.id));
          d.forEach((m, i) => expect(m, `${p.covers[i].id} from pick ${k}`).toBeLessThanOrEqual(300.05));
        });
        expect(sum).toBeLessThanOrEqual(r.coverable.households);
        if (r.picks.length > 0) {
          // the first pick covers every uncovered compound of the 街道 within 300 m of it, not just some
          const d = walkTo([r.picks[0].lon, r.picks[0].lat], mine);
          const near = mine.filter((_, i) => d[i] < 299.95).sort();
          const far = mine.filter((_, i) => d[i] > 300.05);
          const covers = r.picks[0].covers.map((c) => c.id);
          expect(covers.filter((id) => !far.includes(id)).sort()).toEqual(covers.sort());
          expect(near.every((id) => covers.includes(id))).toBe(true);
        }
        picked += r.picks.length;
      }
      expect(picked).toBeGreaterThan(5); // the generator leaves kindergartens scarce: there is something to place
    }, 60_000);

    it('count limits the picks, which are the first ones of a longer run', async () => {
      const name = encodeURIComponent(subdistricts[0]);
      const five = await json<LocationResponse>(`/api/analysis/location?kind=kindergarten&subdistrict=${name}`);
      const two = await json<LocationResponse>(`/api/analysis/location?kind=kindergarten&subdistrict=${name}&count=2`);
      expect(five.picks.length).toBe(5);
      expect(two.picks).toEqual(five.picks.slice(0, 2));
    });

    it('works for a package: its members that lack the kind, sites around them', async () => {
      const list = await json<PackageListItem[]>('/api/packages');
      let answered = 0;
      for (const pkg of list.slice(0, 6)) {
        const r = await json<LocationResponse>(`/api/analysis/location?kind=kindergarten&package=${pkg.id}`);
        expect(r.area).toEqual({ type: 'package', id: pkg.id, name: pkg.name });
        const members = fx.store.package(pkg.id)!.members;
        const lacking = members.filter((id) => !gaps.communities.find((c) => c.id === id)!.access.kindergarten.within);
        expect(r.uncovered.communities).toBe(lacking.length);
        for (const p of r.picks) for (const c of p.covers) expect(lacking).toContain(c.id);
        if (lacking.length === 0) expect(r.picks).toEqual([]);
        answered++;
      }
      expect(answered).toBeGreaterThan(0);
    });

    it('refuses an unknown 街道 or package (404) and bad parameters (422), in Chinese and English', async () => {
      const nowhere = await json<ErrorBody>(`/api/analysis/location?kind=kindergarten&subdistrict=${encodeURIComponent('不存在街道')}`, 404);
      expect(nowhere.error.message).toMatch(/不存在街道/);
      expect(nowhere.error.messageEn).toMatch(/no 街道/);
      await json<ErrorBody>('/api/analysis/location?kind=kindergarten&package=nope', 404);
      const noRadius = await json<ErrorBody>(`/api/analysis/location?kind=convenience&subdistrict=${encodeURIComponent(subdistricts[0])}`, 422);
      expect(noRadius.error.message).toMatch(/没有服务半径/);
      expect((await json<ErrorBody>(`/api/analysis/location?kind=casino&subdistrict=${encodeURIComponent(subdistricts[0])}`, 422)).error.messageEn).toMatch(/kind must be one of/);
      expect((await json<ErrorBody>('/api/analysis/location?kind=kindergarten', 422)).error.messageEn).toMatch(/exactly one of subdistrict and package/);
      await json<ErrorBody>(`/api/analysis/location?kind=kindergarten&package=p2019-1-01&subdistrict=${encodeURIComponent(subdistricts[0])}`, 422);
      await json<ErrorBody>('/api/analysis/location?kind=kindergarten&package=p2019-1-01&count=21', 422);
      await json<ErrorBody>('/api/analysis/location?kind=kindergarten&package=p2019-1-01&count=0', 422);
      await json<ErrorBody>('/api/analysis/location?kind=kindergarten&package=p2019-1-01&radius=3', 422);
    });
  });

  describe('reach', () => {
    it('for every kindergarten: pieces within 300 m, and the compounds it serves, which together are those the gap table finds within', async () => {
      const kgs = fx.store.amenities().filter((a) => a.properties.kind === 'kindergarten');
      const best = new Map<string, number>();
      for (const a of kgs) {
        const r = await json<ReachResponse>(`/api/analysis/reach?amenity=${a.properties.id}`);
        expect(r.amenity).toMatchObject({ id: a.properties.id, kind: 'kindergarten', name: a.properties.name });
        expect(r.radiusM).toBe(300);
        expect(r.segments.length).toBeGreaterThan(0);
        for (const s of r.segments) {
          expect(s.path).toHaveLength(2);
          expect(s.fromM).toBeLessThanOrEqual(s.toM);
          expect(s.toM).toBeLessThanOrEqual(300);
        }
        const ids = r.communities.map((c) => c.id);
        const d = walkTo(a.geometry.coordinates, ids);
        r.communities.forEach((c, i) => {
          expect(Math.abs(c.walkM - d[i])).toBeLessThanOrEqual(0.051);
          if (i > 0) expect(c.walkM).toBeGreaterThanOrEqual(r.communities[i - 1].walkM);
          best.set(c.id, Math.min(best.get(c.id) ?? Infinity, c.walkM));
        });
      }
      const within = gaps.communities.filter((c) => c.access.kindergarten.within);
      expect(within.length).toBeGreaterThan(0);
      expect([...best.keys()].sort()).toEqual(within.map((c) => c.id).sort());
      for (const c of within) expect(Math.abs(best.get(c.id)! - c.access.kindergarten.walkM!)).toBeLessThanOrEqual(0.11);
    }, 60_000);

    it('radiusM narrows it; a kind without a radius needs one (422); an unknown amenity is 404', async () => {
      const a = fx.store.amenities().find((x) => x.properties.kind === 'kindergarten')!.properties.id;
      const wide = await json<ReachResponse>(`/api/analysis/reach?amenity=${a}`);
      const narrow = await json<ReachResponse>(`/api/analysis/reach?amenity=${a}&radiusM=120`);
      expect(narrow.radiusM).toBe(120);
      expect(narrow.segments.every((s) => s.toM <= 120)).toBe(true);
      expect(narrow.segments.length).toBeLessThan(wide.segments.length);
      expect(narrow.communities.every((c) => wide.communities.some((w) => w.id === c.id && w.walkM === c.walkM))).toBe(true);
      const shop = fx.store.amenities().find((x) => x.properties.kind === 'convenience')!.properties.id;
      expect((await json<ErrorBody>(`/api/analysis/reach?amenity=${shop}`, 422)).error.message).toMatch(/radiusM/);
      expect((await json<ReachResponse>(`/api/analysis/reach?amenity=${shop}&radiusM=200`)).radiusM).toBe(200);
      expect((await json<ErrorBody>('/api/analysis/reach?amenity=no-such-thing', 404)).error.message).toMatch(/no-such-thing/);
      await json<ErrorBody>(`/api/analysis/reach?amenity=${a}&radiusM=-5`, 422);
    });
  });

  describe('field', () => {
    it('has two distances and four coordinates per street edge, equal to nearestByNetwork at the nodes', async () => {
      const f = await json<FieldResponse>('/api/analysis/field?kind=kindergarten');
      expect(f).toMatchObject({ kind: 'kindergarten', radiusM: 300 });
      const E = net.edgeA.length;
      expect(f.distM).toHaveLength(2 * E);
      expect(f.positions).toHaveLength(4 * E);
      const kgs = fx.store.amenities().filter((a) => a.properties.kind === 'kindergarten').map((a) => a.geometry.coordinates);
      // the same roads and settings build the same network: edge e joins the same two nodes in both
      const ends: Position[] = [];
      for (let e = 0; e < E; e++) for (const v of [net.edgeA[e], net.edgeB[e]]) ends.push([net.lon[v], net.lat[v]]);
      ends.forEach((p, i) => {
        expect(Math.abs(f.positions[2 * i] - p[0])).toBeLessThanOrEqual(5.1e-7);
        expect(Math.abs(f.positions[2 * i + 1] - p[1])).toBeLessThanOrEqual(5.1e-7);
      });
      const ref = nearestByNetwork(net, attachPoints(net, kgs), attachPoints(net, ends));
      let reached = 0;
      ref.forEach((d, i) => {
        if (d === Infinity) expect(f.distM[i]).toBeNull();
        else {
          expect(Math.abs(f.distM[i]! - d)).toBeLessThanOrEqual(0.0501); // rounded to 0.1 m
          reached++;
        }
      });
      expect(reached).toBeGreaterThan(E); // most of the district is reachable
      expect((await json<ErrorBody>('/api/analysis/field?kind=convenience', 422)).error.code).toBe('no_radius');
      await json<ErrorBody>('/api/analysis/field?kind=casino', 422);
    });
  });

  it('with a radius that reaches everyone, nothing is uncovered and there is nothing to pick (not an error)', async () => {
    const { version } = await json<SettingsResponse>('/api/settings');
    const put = await fx.app.request('/api/settings', {
      method: 'PUT', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version, settings: { facilityRadiiM: { kindergarten: 5000 } } }),
    });
    expect(put.status).toBe(200);
    const r = await json<LocationResponse>(`/api/analysis/location?kind=kindergarten&subdistrict=${encodeURIComponent(subdistricts[0])}`);
    expect(r.radiusM).toBe(5000);
    expect(r.uncovered).toEqual({ communities: 0, households: 0 });
    expect(r.coverable).toEqual({ communities: 0, households: 0 });
    expect(r.picks).toEqual([]);
  }, 60_000);
});
