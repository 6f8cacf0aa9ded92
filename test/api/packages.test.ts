// Package operations through the API: every rule checked with a message naming it and the
// compounds, stale versions refused with 409, locked packages untouched, every change undoable.
//
// Fixture (test/fixtures/packaging): pk1 = 梅苑小区 c1 (60 户) + 电子局宿舍 c2 (80 户), a 6 m lane apart;
// 农机巷 c6 (90 户, 40 m wide) a 6.7 m lane south of c1 and ≈64 m from c2; 河东宿舍 c5 (40 户) across the river
// from c2 (≈75 m) and 6.7 m north of c3;
// 枫林花园 c3 (2008, 新枫街道); 紫薇花园 c4 (2003, renovated 2019) beyond the arterial north of c1.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, openFixtureApp, type FixtureApp } from './fixtureApp.ts';
import { createApp } from '../../server/app.ts';
import type { AuditView, PackageDetail, PackageListItem } from '../../server/domain/api.ts';

let app: ReturnType<typeof createApp>;

let fixture: FixtureApp;
beforeEach(() => ({ app } = fixture = openFixtureApp(join(FIXTURES, 'packaging'))));
afterEach(() => fixture.close());

type Err = { error: { code: string; message: string; messageEn: string; details?: any } };
async function call<T>(method: string, path: string, body?: unknown, user = '%E5%BC%A0%E5%B7%A5'): Promise<{ status: number; body: T }> {
  const res = await app.request(path, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-User': user }, // 张工, percent-encoded as headers must be
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}
const get = (id: string) => call<PackageDetail>('GET', `/api/packages/${id}`).then((r) => r.body);

describe('reading packages', () => {
  it('lists packages with their validity and details each with every rule’s check', async () => {
    const list = (await call<PackageListItem[]>('GET', '/api/packages')).body;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 'pk1', households: 140, valid: true, draft: false, failedRules: [] });
    const d = await get('pk1');
    expect(d.checks.map((c) => [c.rule, c.ok])).toEqual([
      ['nonEmpty', true], ['known', true], ['eligibility', true], ['sameSubdistrict', true], ['contiguity', true], ['threshold', true],
    ]);
    expect(d.checks.find((c) => c.rule === 'threshold')!.message).toBe('共 140 户，达到 100 户');
  });
});

describe('creating', () => {
  it('refuses a lone small site below the threshold, naming the rule (100户以下的需合并立项)', async () => {
    const r = await call<Err>('POST', '/api/packages', { name: '农机巷改造', members: ['c6'] });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('不足 100 户');
    expect(r.body.error.details.checks.find((c: any) => c.rule === 'threshold').ok).toBe(false);
    expect((await call<PackageListItem[]>('GET', '/api/packages')).body).toHaveLength(1); // nothing written
  });

  it('saves the same as a draft marked invalid when asked to', async () => {
    const r = await call<PackageDetail>('POST', '/api/packages', { name: '农机巷改造', members: ['c6'], draft: true });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ draft: true, version: 1, status: 'reserve' });
    expect(r.body.checks.filter((c) => !c.ok).map((c) => c.rule)).toEqual(['threshold']);
    const list = (await call<PackageListItem[]>('GET', '/api/packages')).body;
    expect(list.find((p) => p.id === r.body.id)).toMatchObject({ valid: false, failedRules: ['threshold'] });
  });

  it('refuses a compound that is already in another package, even as a draft', async () => {
    const r = await call<Err>('POST', '/api/packages', { name: 'x', members: ['c1', 'c6'], draft: true });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('已在其他项目包中');
    expect(r.body.error.message).toContain('梅苑小区（pk1）');
  });

  it('refuses unknown compounds and malformed bodies', async () => {
    expect((await call<Err>('POST', '/api/packages', { name: 'x', members: ['ghost'] })).body.error.message).toContain('ghost');
    expect((await call<Err>('POST', '/api/packages', { name: '', members: ['c6'] })).status).toBe(400);
    expect((await call<Err>('POST', '/api/packages', { name: 'x', members: [] })).status).toBe(400);
    expect((await call<Err>('POST', '/api/packages', { name: 'x', members: ['c6'], colour: 'red' })).status).toBe(400);
  });
});

describe('editing members', () => {
  it('adds a neighbouring small site and updates totals and version', async () => {
    const r = await call<PackageDetail>('PATCH', '/api/packages/pk1', { version: 1, add: ['c6'] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: 2, draft: false });
    expect(r.body.totals).toMatchObject({ households: 230, communityCount: 3 });
  });

  it('refuses a stale edit with 409 and the current state, and keeps the winner’s change', async () => {
    await call('PATCH', '/api/packages/pk1', { version: 1, add: ['c6'] });
    const stale = await call<Err>('PATCH', '/api/packages/pk1', { version: 1, name: '我的名字' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('已被他人修改');
    expect(stale.body.error.details.current).toMatchObject({ version: 2, name: '梅苑片区改造项目' });
    expect((await get('pk1')).members.map((m) => m.id)).toEqual(['c1', 'c2', 'c6']);
  });

  it('refuses removing the link that holds the package together (contiguity), naming the cut-off compound', async () => {
    await call('PATCH', '/api/packages/pk1', { version: 1, add: ['c6'] });
    const r = await call<Err>('PATCH', '/api/packages/pk1', { version: 2, remove: ['c1'] });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/不连片：(电子局宿舍|农机巷)/);
  });

  it('refuses a site across the river', async () => {
    const r = await call<Err>('PATCH', '/api/packages/pk1', { version: 1, add: ['c5'] });
    expect(r.status).toBe(422);
    expect(r.body.error.details.checks.find((c: any) => c.rule === 'contiguity')).toMatchObject({ ok: false, communities: ['c5'] });
  });

  it('refuses a post-2000 compound and one already renovated (eligibility), and one in another 街道', async () => {
    const a = await call<Err>('PATCH', '/api/packages/pk1', { version: 1, add: ['c4'] });
    expect(a.body.error.message).toContain('不符合改造条件');
    expect(a.body.error.message).toContain('紫薇花园');
    const b = await call<Err>('PATCH', '/api/packages/pk1', { version: 1, add: ['c3'] });
    const failedRules = b.body.error.details.checks.filter((c: any) => !c.ok).map((c: any) => c.rule);
    expect(failedRules).toEqual(expect.arrayContaining(['eligibility', 'sameSubdistrict', 'contiguity']));
  });

  it('falls below the threshold only as a draft, and is valid again once fixed', async () => {
    expect((await call<Err>('PATCH', '/api/packages/pk1', { version: 1, remove: ['c2'] })).status).toBe(422);
    const d = await call<PackageDetail>('PATCH', '/api/packages/pk1', { version: 1, remove: ['c2'], draft: true });
    expect(d.body).toMatchObject({ draft: true, version: 2 });
    const fixed = await call<PackageDetail>('PATCH', '/api/packages/pk1', { version: 2, add: ['c6'] });
    expect(fixed.body).toMatchObject({ draft: false, version: 3 });
    expect(fixed.body.totals.households).toBe(150);
  });
});

describe('lock, rename, split, merge, delete', () => {
  it('a locked package refuses edits (423) until unlocked', async () => {
    await call('PATCH', '/api/packages/pk1', { version: 1, locked: true });
    const r = await call<Err>('PATCH', '/api/packages/pk1', { version: 2, name: '新名字' });
    expect(r.status).toBe(423);
    expect(r.body.error.message).toContain('已锁定');
    expect((await call<Err>('DELETE', '/api/packages/pk1?version=2')).status).toBe(423);
    expect((await call<PackageDetail>('PATCH', '/api/packages/pk1', { version: 2, locked: false })).status).toBe(200);
    expect((await call<PackageDetail>('PATCH', '/api/packages/pk1', { version: 3, name: '新名字' })).body.name).toBe('新名字');
  });

  it('splits into two packages, both checked; below the threshold only as drafts', async () => {
    await call('PATCH', '/api/packages/pk1', { version: 1, add: ['c6'] });
    const refused = await call<Err>('POST', '/api/packages/pk1/split', { version: 2, members: ['c2'], name: '电子局宿舍' });
    expect(refused.status).toBe(422); // c2 alone has 80 households
    const r = await call<PackageDetail[]>('POST', '/api/packages/pk1/split', { version: 2, members: ['c2'], name: '电子局宿舍', draft: true });
    expect(r.status).toBe(201);
    expect(r.body[0]).toMatchObject({ id: 'pk1', draft: false, version: 3 });
    expect(r.body[0].members.map((m) => m.id)).toEqual(['c1', 'c6']);
    expect(r.body[1]).toMatchObject({ name: '电子局宿舍', draft: true });
  });

  it('merges two packages into one and deletes the other', async () => {
    const small = (await call<PackageDetail>('POST', '/api/packages', { name: '农机巷', members: ['c6'], draft: true })).body;
    const r = await call<PackageDetail>('POST', '/api/packages/merge', { into: 'pk1', intoVersion: 1, from: small.id, fromVersion: 1 });
    expect(r.status).toBe(200);
    expect(r.body.members.map((m) => m.id)).toEqual(['c1', 'c2', 'c6']);
    expect((await call<Err>('GET', `/api/packages/${small.id}`)).status).toBe(404);
  });

  it('deletes only with the current version', async () => {
    expect((await call<Err>('DELETE', '/api/packages/pk1?version=7')).status).toBe(409);
    expect((await call<{ deleted: string }>('DELETE', '/api/packages/pk1?version=1')).body).toEqual({ deleted: 'pk1' });
    expect((await call<Err>('GET', '/api/packages/pk1')).status).toBe(404);
  });
});

describe('undo and the audit log', () => {
  it('undo restores the previous members; undo again goes one step further back', async () => {
    await call('PATCH', '/api/packages/pk1', { version: 1, add: ['c6'] });
    await call('PATCH', '/api/packages/pk1', { version: 2, name: '连片一期' });
    const first = await call<PackageDetail[]>('POST', '/api/packages/pk1/undo');
    expect(first.body[0]).toMatchObject({ name: '梅苑片区改造项目', version: 4 });
    expect(first.body[0].members.map((m) => m.id)).toEqual(['c1', 'c2', 'c6']);
    const second = await call<PackageDetail[]>('POST', '/api/packages/pk1/undo');
    expect(second.body[0].members.map((m) => m.id)).toEqual(['c1', 'c2']);
    expect((await call<Err>('POST', '/api/packages/pk1/undo')).body.error.code).toBe('nothing_to_undo');
  });

  it('undoing a merge brings both packages back', async () => {
    const small = (await call<PackageDetail>('POST', '/api/packages', { name: '农机巷', members: ['c6'], draft: true })).body;
    await call('POST', '/api/packages/merge', { into: 'pk1', intoVersion: 1, from: small.id, fromVersion: 1 });
    const r = await call<PackageDetail[]>('POST', '/api/packages/pk1/undo');
    expect(r.status).toBe(200);
    expect((await get('pk1')).members.map((m) => m.id)).toEqual(['c1', 'c2']);
    const back = await get(small.id);
    expect(back.members.map((m) => m.id)).toEqual(['c6']);
    expect(back.version).toBe(2); // numbering continues past the deleted version 1: no stale version matches
  });

  it('undoing a delete re-creates the package', async () => {
    await call('DELETE', '/api/packages/pk1?version=1');
    await call('POST', '/api/packages/pk1/undo');
    expect((await get('pk1')).members.map((m) => m.id)).toEqual(['c1', 'c2']);
  });

  it('refuses to undo a split after someone changed the part split off (409), undoing nothing', async () => {
    await call('PATCH', '/api/packages/pk1', { version: 1, add: ['c6'] });
    const [, part] = (await call<PackageDetail[]>('POST', '/api/packages/pk1/split', { version: 2, members: ['c2'], name: '乙', draft: true })).body;
    await call('PATCH', `/api/packages/${part.id}`, { version: 1, name: '乙（改）' }, 'other');
    const r = await call<Err>('POST', '/api/packages/pk1/undo');
    expect(r.status).toBe(409);
    expect((await get('pk1')).members.map((m) => m.id)).toEqual(['c1', 'c6']);
    expect((await get(part.id)).name).toBe('乙（改）');
  });

  it('records who, when, what, before and after', async () => {
    await call('PATCH', '/api/packages/pk1', { version: 1, add: ['c6'] });
    const log = (await call<AuditView[]>('GET', '/api/packages/pk1/audit')).body;
    expect(log[0]).toMatchObject({ actor: '张工', action: 'members', undone: false });
    expect((log[0].before as PackageDetail).members).toEqual(['c1', 'c2']);
    expect((log[0].after as PackageDetail).members).toEqual(['c1', 'c2', 'c6']);
    expect(Date.parse(log[0].at)).not.toBeNaN();
  });
});
