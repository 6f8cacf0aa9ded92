// Suggestions through POST /api/analysis/packaging on the packaging fixture (see packages.test.ts
// for the map): every small eligible site is placed or told why not, in words.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, openFixtureApp, type FixtureApp } from './fixtureApp.ts';
import type { PackagingResult } from '../../server/analysis/packaging.ts';
import { createApp } from '../../server/app.ts';
import { Store } from '../../server/store/store.ts';

let store: Store;
let app: ReturnType<typeof createApp>;
let fixture: FixtureApp;
beforeEach(() => ({ store, app } = fixture = openFixtureApp(join(FIXTURES, 'packaging'))));
afterEach(() => fixture.close());

const post = async (path: string, body: unknown) => {
  const res = await app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as PackagingResult & { error?: { message: string } } };
};
const suggest = (body: unknown = {}) => post('/api/analysis/packaging', body).then((r) => r.body);
const unplaced = (r: PackagingResult, id: string) => r.unplaced.find((u) => u.id === id);
const freePk1 = () => app.request('/api/packages/pk1?version=1', { method: 'DELETE' });

describe('package suggestions', () => {
  it('merges a chain of small sites into one contiguous package and explains it', async () => {
    await freePk1();
    const r = await suggest();
    expect(r.packages).toHaveLength(1);
    const p = r.packages[0];
    expect(p.members.map((m) => m.id).sort()).toEqual(['c1', 'c2', 'c6']);
    expect(p.households).toBe(230);
    expect(p.links).toHaveLength(2); // a spanning tree: c6–c1–c2
    expect(p.links.every((l) => l.gap > 5 && l.gap < 8)).toBe(true);
    expect(p.explanation).toContain('合计 230 户，达到 100 户');
    expect(p.explanationEn).toContain('total 230 households');
    expect(p.compactness).toBeGreaterThan(0.5);
  });

  it('never suggests a post-2000 compound or one already renovated', async () => {
    await freePk1();
    const r = await suggest();
    const all = r.packages.flatMap((p) => p.members.map((m) => m.id));
    expect(all).not.toContain('c3'); // built 2008
    expect(all).not.toContain('c4'); // renovated 2019
  });

  it('says a small site next only to another 街道 stays out because packages keep to one 街道', async () => {
    const u = unplaced(await suggest(), 'c5')!;
    expect(u.reason).toBe('otherSubdistrict');
    expect(u.message).toContain('新枫街道');
  });

  it('says its only neighbour is not eligible when the 街道 limit is off', async () => {
    const u = unplaced(await suggest({ settings: { sameSubdistrict: false } }), 'c5')!;
    expect(u.reason).toBe('neighboursUnavailable');
    expect(u.message).toContain('枫林花园（2008 年建成，不符合条件）');
  });

  it('names the river when the only compound within the tolerance is across it', async () => {
    const u = unplaced(await suggest({ settings: { gapToleranceM: 90, sameSubdistrict: true } }), 'c5')!;
    expect(u.reason).toBe('barrier');
    expect(u.message).toContain('河流“昌江”');
    expect(u.related).toContain('c2');
  });

  it('says when the whole connected group stays below the threshold', async () => {
    await freePk1();
    const r = await suggest({ settings: { minHouseholds: 300 } });
    expect(r.packages).toHaveLength(0);
    const u = unplaced(r, 'c6')!;
    expect(u.reason).toBe('groupTooSmall');
    expect(u.message).toContain('合计仅 230 户，不足 300 户');
  });

  it('leaves a locked package untouched and explains the site it blocks', async () => {
    await app.request('/api/packages/pk1', { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version: 1, locked: true }) });
    const r = await suggest();
    expect(r.packages.flatMap((p) => p.members.map((m) => m.id))).not.toContain('c1');
    const u = unplaced(r, 'c6')!;
    expect(u.reason).toBe('neighboursUnavailable');
    expect(u.message).toContain('已在锁定的项目包 pk1');
    expect(store.package('pk1')!.version).toBe(2); // the suggestion wrote nothing
  });

  it('may regroup the members of an unlocked package, and says which package it would change', async () => {
    const r = await suggest();
    const p = r.packages.find((s) => s.members.some((m) => m.id === 'c1'))!;
    expect(p.members.map((m) => m.id).sort()).toEqual(['c1', 'c2', 'c6']);
    expect(p.replaces).toEqual(['pk1']);
  });

  it('is deterministic for a seed and refuses bad settings', async () => {
    await freePk1();
    expect(await suggest({ seed: 7 })).toMatchObject({ packages: (await suggest({ seed: 7 })).packages });
    const bad = await post('/api/analysis/packaging', { settings: { minHouseholds: -1 } });
    expect(bad.status).toBe(400);
    expect((await post('/api/analysis/packaging', { attrs: ['colour'] })).status).toBe(400);
  });
});
