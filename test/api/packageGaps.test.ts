// GET /api/packages/:id/gaps on the demo: what any member lacks within walking distance, and the one
// new site that would serve the lacking members, checked by an independent walk from that site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compoundExitPoints, nearestByNetwork } from '../../server/analysis/access.ts';
import { attachPoints, buildWalkNetwork } from '../../server/analysis/walk.ts';
import type { GapsResponse, PackageGaps } from '../../server/domain/api.ts';
import { DEMO, openFixtureApp, type FixtureApp } from './fixtureApp.ts';

describe('GET /api/packages/:id/gaps (demo)', () => {
  let fx: FixtureApp;
  let gaps: GapsResponse;
  let multi: string;
  const json = async <T>(path: string) => (await (await fx.app.request(path)).json()) as T;

  beforeAll(async () => {
    fx = openFixtureApp(DEMO);
    gaps = await json<GapsResponse>('/api/analysis/gaps');
    // the demo package with the most members
    multi = fx.store.packages().sort((a, b) => b.members.length - a.members.length)[0].id;
  }, 60_000);
  afterAll(() => fx?.close());

  it('lists, per kind, exactly the members beyond its radius', async () => {
    const g = await json<PackageGaps>(`/api/packages/${multi}/gaps`);
    const members = fx.store.package(multi)!.members;
    expect(g.members).toBe(members.length);
    expect(g.kinds.map((k) => k.kind)).toEqual(gaps.kinds.map((k) => k.kind));
    for (const k of g.kinds) {
      const want = gaps.communities.filter((c) => members.includes(c.id) && !c.access[k.kind].within).map((c) => c.id).sort();
      expect(k.lacking.map((l) => l.id).sort(), k.kind).toEqual(want);
      expect(k.lackingHouseholds).toBe(k.lacking.reduce((s, l) => s + l.households, 0));
      if (k.lacking.length === 0) expect(k.sharedSite).toBeNull();
    }
  });

  it('a shared site really lies within walking radius of every member it claims to serve', async () => {
    const network = buildWalkNetwork(fx.store.roads(), { arterialCrossingAtJunctionsOnly: fx.store.settings().arterialCrossingAtJunctionsOnly });
    let checked = 0, all = 0;
    for (const p of fx.store.packages()) {
      const g = await json<PackageGaps>(`/api/packages/${p.id}/gaps`);
      for (const k of g.kinds) {
        if (!k.sharedSite) continue;
        const covered = fx.store.communitiesByIds(k.sharedSite.covers);
        const exits = compoundExitPoints(covered);
        const d = nearestByNetwork(network, attachPoints(network, [[k.sharedSite.lon, k.sharedSite.lat]]), attachPoints(network, exits.points));
        covered.forEach((c, i) => {
          const best = Math.min(...d.slice(exits.start[i], exits.start[i + 1]));
          expect(best, `${p.id} ${k.kind} ${c.properties.name}`).toBeLessThanOrEqual(k.radiusM + 0.5); // the site is rounded to 1e-6°
        });
        expect(k.sharedSite.households).toBe(covered.reduce((s, c) => s + c.properties.households, 0));
        expect(k.sharedSite.coversAll).toBe(k.sharedSite.covers.length === k.lacking.length);
        checked++;
        if (k.sharedSite.coversAll) all++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(all).toBeGreaterThan(0);
  }, 60_000);

  it('answers 404 for an unknown package and 400 for a malformed id', async () => {
    expect((await fx.app.request('/api/packages/p-none/gaps')).status).toBe(404);
    expect((await fx.app.request('/api/packages/%20bad%20/gaps')).status).toBe(400);
  });
});
