// The 进度 API: GET /api/progress on the demo against figures counted here from the committed data
// files, filters and bad requests; PATCH /api/packages/:id with status, funding, batch, year and
// outputs (version guard, workflow refusals in both languages, audit entry, undo); GET /api/audit
// finding the report's own problems; the 项目清单 XLSX read back with exceljs.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, FIXTURES, openFixtureApp, type FixtureApp } from './fixtureApp.ts';
import type { AuditView, PackageDetail, ProgressResponse, AuditResponse } from '../../server/domain/api.ts';
import { FUNDING_SOURCES, PACKAGE_STATUS, type CommunityProps, type PackageInput } from '../../server/domain/model.ts';
import { projectHeaders } from '../../server/projectList.ts';
import { DEFAULT_SETTINGS } from '../../server/domain/settings.ts';

type Err = { error: { code: string; message: string; messageEn: string } };

function client(f: () => FixtureApp) {
  return async <T>(method: string, path: string, body?: unknown, user = '%E6%9D%8E%E7%A7%91'): Promise<{ status: number; body: T; res: Response }> => {
    const res = await f().app.request(path, {
      method, headers: { 'Content-Type': 'application/json', 'X-User': user }, // 李科
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = res.headers.get('Content-Type') ?? '';
    return { status: res.status, body: (type.includes('json') ? await res.clone().json() : null) as T, res };
  };
}

// ---- the demo, counted here from the files the server loads ----
const demoPackages = JSON.parse(readFileSync(join(DEMO, 'packages.json'), 'utf8')) as PackageInput[];
const demoCommunities = new Map((JSON.parse(readFileSync(join(DEMO, 'communities.geojson'), 'utf8')).features as { properties: CommunityProps }[])
  .map((f) => [f.properties.id, f.properties]));
const step = (s: string) => (PACKAGE_STATUS as readonly string[]).indexOf(s);
/** Status on a date the plain way: the latest event not after it (histories are sorted). */
const plainStatus = (p: PackageInput, date: string) => p.history.filter((e) => e.date <= date).at(-1)?.status ?? null;
function plainCount(date: string, keep: (p: PackageInput) => boolean = () => true) {
  const ps = demoPackages.filter(keep);
  const ids = (pred: (s: string | null) => boolean) => [...new Set(ps.filter((p) => pred(plainStatus(p, date))).flatMap((p) => p.members))];
  const tally = (xs: string[]) => ({ communities: xs.length, households: xs.reduce((t, id) => t + demoCommunities.get(id)!.households, 0) });
  return {
    planned: tally(ids((s) => s !== null)),
    started: tally(ids((s) => s !== null && step(s) >= step('construction'))),
    completed: tally(ids((s) => s !== null && step(s) >= step('completed'))),
  };
}

let demo: FixtureApp;
const onDemo = client(() => demo);
const progress = async (q: string) => {
  const r = await onDemo<ProgressResponse>('GET', `/api/progress?${q}`);
  expect(r.status, q).toBe(200);
  return r.body;
};

describe('GET /api/progress on the demo', () => {
  beforeAll(() => (demo = openFixtureApp(DEMO)));
  afterAll(() => demo.close());

  it('before any event: nothing planned, rates null, every package not yet in the workflow', async () => {
    const r = await progress('date=2019-06-30');
    expect(r).toMatchObject({ date: '2019-06-30', batch: null, year: null });
    expect(r.totals.planned).toEqual({ packages: 0, communities: 0, households: 0 });
    expect(r.totals.startRate).toEqual({ byCommunities: null, byHouseholds: null });
    expect(r.totals.completionRate).toEqual({ byCommunities: null, byHouseholds: null });
    expect(r.byStatus.find((b) => b.status === null)!.packages).toBe(demoPackages.length);
    expect(r.packages.every((p) => p.status === null)).toBe(true);
    expect(r.statuses).toEqual(DEFAULT_SETTINGS.progressStatuses);
  });

  for (const date of ['2019-10-31', '2019-12-31', '2020-06-30', '2020-12-31', '2021-06-30', '2021-12-31']) {
    it(`${date}: compounds and households planned, started, completed as counted from the data files`, async () => {
      const r = await progress(`date=${date}`);
      const want = plainCount(date);
      for (const k of ['planned', 'started', 'completed'] as const) expect(r.totals[k]).toMatchObject(want[k]);
      expect(r.totals.startRate.byCommunities).toBeCloseTo(want.started.communities / want.planned.communities, 12);
      expect(r.totals.startRate.byHouseholds).toBeCloseTo(want.started.households / want.planned.households, 12);
      expect(r.totals.completionRate.byCommunities).toBeCloseTo(want.completed.communities / want.planned.communities, 12);
      expect(r.totals.completionRate.byHouseholds).toBeCloseTo(want.completed.households / want.planned.households, 12);
      // each compound under exactly one status; 街道 add up to the district
      const all = new Set(demoPackages.flatMap((p) => p.members));
      expect(r.byStatus.reduce((t, b) => t + b.communities, 0)).toBe(all.size);
      expect(r.subdistricts.reduce((t, s) => t + s.planned.households, 0)).toBe(want.planned.households);
      expect(r.subdistricts.reduce((t, s) => t + s.completed.communities, 0)).toBe(want.completed.communities);
      expect(r.subdistricts.map((s) => s.rank)).toEqual([...r.subdistricts.map((s) => s.rank)].sort((a, b) => a - b));
    });
  }

  it('mid-2020 the map has changed: statuses differ from the end of 2019 and from the end of 2021', async () => {
    const [a, b, c] = await Promise.all(['2019-12-31', '2020-06-30', '2021-12-31'].map((d) => progress(`date=${d}`)));
    const colours = (r: ProgressResponse) => r.packages.map((p) => p.status).join();
    expect(new Set([colours(a), colours(b), colours(c)]).size).toBe(3);
    expect(b.totals.completed.households).toBeGreaterThan(a.totals.completed.households);
    expect(c.totals.completed.households).toBeGreaterThan(b.totals.completed.households);
    // 4321厂宿舍 (2019年第一批) was under construction in mid-2020 and finished in August
    expect(b.packages.find((p) => p.id === 'p2019-1-05')).toMatchObject({ status: 'construction', startedOn: '2019-11-20', completedOn: null });
    expect(c.packages.find((p) => p.id === 'p2019-1-05')).toMatchObject({ status: 'accepted', completedOn: '2020-08-28' });
  });

  it('after every event the figures stop changing, and outputs and money are those of the packages', async () => {
    const end = await progress('date=2021-12-31');
    const later = await progress('date=2030-01-01');
    expect({ ...later, date: end.date }).toEqual(end);
    expect(end.totals.planned.packages).toBe(demoPackages.length);
    const sum = (f: (p: PackageInput) => number) => Math.round(demoPackages.reduce((t, p) => t + f(p), 0) * 100) / 100;
    expect(end.funding.planned).toBe(sum((p) => FUNDING_SOURCES.reduce((t, k) => t + p.funding[k].planned, 0)));
    expect(end.funding.inPlace).toBe(sum((p) => FUNDING_SOURCES.reduce((t, k) => t + p.funding[k].inPlace, 0)));
    expect(end.funding.needed).toBe(end.totals.planned.households * 27000 / 10000);
    expect(end.funding.gap).toBeCloseTo(end.funding.needed - end.funding.inPlace, 6);
    const done = demoPackages.filter((p) => step(p.history.at(-1)!.status) >= step('completed'));
    expect(end.outputs.elevators).toBe(done.reduce((t, p) => t + (p.outputs.elevators ?? 0), 0));
    expect(end.outputs.pipesKm).toBeCloseTo(done.reduce((t, p) => t + (p.outputs.pipesKm ?? 0), 0), 6);
  });

  it('filters by batch: the 2019 first batch at the end of 2019 (梅苑小区 and 华风宿舍 never start)', async () => {
    const r = await progress(`date=2019-12-31&batch=${encodeURIComponent('2019年第一批')}`);
    expect(r.batch).toBe('2019年第一批');
    expect(r.packages).toHaveLength(9);
    const want = plainCount('2019-12-31', (p) => p.batch === '2019年第一批');
    expect(r.totals.planned).toMatchObject(want.planned);
    expect(r.totals.started).toMatchObject(want.started);
    const stuck = ['梅苑小区', '华风宿舍'].map((n) => [...demoCommunities.values()].find((c) => c.name === n)!);
    expect(r.totals.planned.communities - r.totals.started.communities).toBe(2);
    expect(r.totals.planned.households - r.totals.started.households).toBe(stuck[0].households + stuck[1].households);
    const end = await progress(`date=2021-12-31&batch=${encodeURIComponent('2019年第一批')}`);
    expect(end.totals.startRate.byCommunities).toBeCloseTo(11 / 13, 12);
  });

  it('filters by year, and batch and year together', async () => {
    const r = await progress('date=2021-12-31&year=2021');
    expect(r.year).toBe(2021);
    expect(r.packages.every((p) => p.year === 2021)).toBe(true);
    expect(r.totals.planned).toMatchObject(plainCount('2021-12-31', (p) => p.year === 2021).planned);
    const none = await progress(`date=2021-12-31&year=2020&batch=${encodeURIComponent('2019年第一批')}`);
    expect(none.packages).toEqual([]);
    expect(none.totals.startRate.byCommunities).toBeNull();
  });

  it('answers 400 for a malformed date, year or parameter, and 404 for an unknown batch', async () => {
    for (const q of ['date=2021-13-01', 'date=2021-02-29', 'date=yesterday', 'date=2021-1-1', 'year=21', 'colour=red']) {
      const r = await onDemo<Err>('GET', `/api/progress?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('bad_query');
    }
    const r = await onDemo<Err>('GET', `/api/progress?date=2021-12-31&batch=${encodeURIComponent('2030年第九批')}`);
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: 'unknown_batch' });
    expect(r.body.error.message).toContain('2030年第九批');
    expect((await onDemo<Err>('GET', `/api/progress/projects.xlsx?batch=${encodeURIComponent('2030年第九批')}`)).status).toBe(404);
  });

  it('GET /api/audit finds the report’s own problems: 紫薇花园 built after 2000, 梅苑小区 and 华风宿舍 already renovated', async () => {
    const r = await onDemo<AuditResponse>('GET', '/api/audit?date=2021-12-31');
    expect(r.status).toBe(200);
    const flagged = (rule: string) => r.body.flags.filter((f) => f.rule === rule).flatMap((f) => f.communities.map((c) => c.name)).sort();
    expect(flagged('builtAfterCutoff')).toEqual(['紫薇花园']);
    expect(flagged('alreadyRenovated')).toEqual(['华风宿舍', '梅苑小区'].sort());
    for (const f of r.body.flags.filter((x) => x.rule === 'builtAfterCutoff' || x.rule === 'alreadyRenovated')) {
      expect(f.severity).toBe('error');
      expect(f.packages[0].id).toMatch(/^p2019-1-0[123]$/);
    }
    // and the generated one: a 2021 package started with nothing in place
    expect(r.body.flags.filter((f) => f.rule === 'startedWithoutFunding').map((f) => f.packages[0].id)).toEqual(['p2021-1-04']);
    // nothing else: the generated packages are contiguous and above the threshold, the compounds plausible
    expect(r.body.flags).toHaveLength(4);
    // before the works started (2021-06-12), the unfunded package is not yet a problem
    const early = await onDemo<AuditResponse>('GET', '/api/audit?date=2021-03-01');
    expect(early.body.flags.some((f) => f.rule === 'startedWithoutFunding')).toBe(false);
    expect((await onDemo<Err>('GET', '/api/audit?date=2021-02-30')).status).toBe(400);
  });

  it('GET /api/progress/projects.xlsx: a 项目清单 with one row per planned package whose totals match /api/progress', async () => {
    const date = '2021-12-31';
    const r = await onDemo<null>('GET', `/api/progress/projects.xlsx?date=${date}`);
    expect(r.status).toBe(200);
    expect(r.res.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const cd = r.res.headers.get('Content-Disposition')!;
    expect(cd).toMatch(/^attachment; filename="projects-all-2021-12-31\.xlsx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1])).toBe('项目清单-2021-12-31.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.res.arrayBuffer());
    const ws = wb.getWorksheet('项目清单')!;
    const rows = ws.getSheetValues().filter(Boolean).map((row) => (row as ExcelJS.CellValue[]).slice(1));
    expect(rows[0]).toEqual(projectHeaders(DEFAULT_SETTINGS.progressStatuses));
    const body = rows.slice(1, -1);
    const total = rows.at(-1)!;
    const col = (h: string) => rows[0].indexOf(h);
    const fig = await progress(`date=${date}`);
    expect(body).toHaveLength(fig.totals.planned.packages);
    expect(body.map((x) => x[col('项目名称')]).sort()).toEqual(fig.packages.filter((p) => p.status !== null).map((p) => p.name).sort());
    const sumCol = (h: string) => Math.round(body.reduce((t, x) => t + Number(x[col(h)] ?? 0), 0) * 100) / 100;
    expect(sumCol('户数')).toBe(fig.totals.planned.households); // no compound is in two demo packages
    expect(sumCol('小区数')).toBe(fig.totals.planned.communities);
    expect(sumCol('计划投资合计（万元）')).toBe(fig.funding.planned);
    expect(sumCol('到位资金合计（万元）')).toBe(fig.funding.inPlace);
    for (const s of fig.funding.sources) {
      expect(sumCol(`${({ centralSubsidy: '中央补助', centralBudget: '中央预算内', provincial: '省级', local: '市县配套', specialBonds: '专项债', residents: '居民出资', socialCapital: '社会资本', utilities: '专营单位' } as const)[s.source]}到位（万元）`)).toBe(s.inPlace);
    }
    expect(total[0]).toBe('合计');
    expect(total[col('户数')]).toBe(fig.totals.planned.households);
    expect(total[col('到位资金合计（万元）')]).toBe(fig.funding.inPlace);
    // a row's status and dates: 4321厂宿舍
    const row = body.find((x) => x[col('项目名称')] === '4321厂宿舍改造项目')!;
    expect(row[col('当前状态')]).toBe('验收');
    expect([row[col('申报日期')], row[col('施工日期')], row[col('完工日期')]]).toEqual(['2019-07-10', '2019-11-20', '2020-08-28']);
    expect(row[col('小区名称')]).toBe('4321厂宿舍');
    expect(String(row[col('改造内容')])).toContain('加装电梯');
    expect(String(row[col('改造类别')])).toContain('完善类');
    expect(wb.getWorksheet('说明')).toBeDefined();
  });

  it('the XLSX filtered by batch and date lists what /api/progress counts as planned then', async () => {
    const batch = encodeURIComponent('2019年第二批');
    const r = await onDemo<null>('GET', `/api/progress/projects.xlsx?date=2019-10-31&batch=${batch}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await r.res.arrayBuffer());
    const rows = wb.getWorksheet('项目清单')!.getSheetValues().filter(Boolean).map((row) => (row as ExcelJS.CellValue[]).slice(1));
    const fig = await progress(`date=2019-10-31&batch=${batch}`);
    expect(rows.length - 2).toBe(fig.totals.planned.packages);
    expect(rows.slice(1, -1).map((x) => x[rows[0].indexOf('当前状态')]).sort()).toEqual(['储备', '储备', '招投标']);
    expect(decodeURIComponent(r.res.headers.get('Content-Disposition')!.split("UTF-8''")[1])).toBe('项目清单-2019年第二批-2019-10-31.xlsx');
  });
});

// ---- editing progress on a package (the packaging fixture: pk1 = 梅苑小区 c1 + 电子局宿舍 c2, reserve → approved 2019-08-20) ----
describe('PATCH /api/packages/:id with progress', () => {
  let fx: FixtureApp;
  const call = client(() => fx);
  beforeEach(() => (fx = openFixtureApp(join(FIXTURES, 'packaging'))));
  afterEach(() => fx.close());
  const get = async () => (await call<PackageDetail>('GET', '/api/packages/pk1')).body;

  it('appends a dated status, audited with the actor, and undo takes it back', async () => {
    const r = await call<PackageDetail>('PATCH', '/api/packages/pk1', { version: 1, status: { status: 'construction', date: '2019-09-02', note: '进场施工' } });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(2);
    expect(r.body.status).toBe('construction');
    expect(r.body.history.at(-1)).toEqual({ status: 'construction', date: '2019-09-02', note: '进场施工' });
    const log = (await call<AuditView[]>('GET', '/api/packages/pk1/audit')).body;
    expect(log[0]).toMatchObject({ actor: '李科', action: 'status', undone: false });
    expect((log[0].after as PackageDetail).history).toHaveLength(3);
    expect((log[0].before as PackageDetail).history).toHaveLength(2);
    // the figures see it
    const fig = (await call<ProgressResponse>('GET', '/api/progress?date=2019-12-31')).body;
    expect(fig.totals.started).toEqual({ packages: 1, communities: 2, households: 140 });
    const undo = await call<PackageDetail[]>('POST', '/api/packages/pk1/undo', { version: 2 });
    expect(undo.status).toBe(200);
    const back = await get();
    expect(back.history.map((h) => h.status)).toEqual(['reserve', 'approved']);
    expect(back.status).toBe('approved');
    expect((await call<ProgressResponse>('GET', '/api/progress?date=2019-12-31')).body.totals.started.packages).toBe(0);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    await call('PATCH', '/api/packages/pk1', { version: 1, status: { status: 'tendering', date: '2019-09-01' } });
    const r = await call<Err>('PATCH', '/api/packages/pk1', { version: 1, funding: { local: { inPlace: 30 } } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('stale_version');
    expect((await get()).funding.local).toEqual({ planned: 30, inPlace: 30 });
  });

  it('refuses with 422, in Chinese and English, a date before the last event, an unknown status and a step back', async () => {
    const cases: [object, string, RegExp][] = [
      [{ status: 'tendering', date: '2019-08-19' }, 'date_before_last', /早于最近一次进度记录/],
      [{ status: 'paused', date: '2019-09-01' }, 'unknown_status', /没有这个进度状态/],
      [{ status: 'declared', date: '2019-09-01' }, 'status_backwards', /进度不能倒退/],
    ];
    for (const [status, code, zh] of cases) {
      const r = await call<Err>('PATCH', '/api/packages/pk1', { version: 1, status });
      expect(r.status, code).toBe(422);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message).toMatch(zh);
      expect(r.body.error.messageEn).toMatch(/[a-z]{4}/);
    }
    for (const status of [{ status: 'tendering', date: '2019-02-30' }, { status: 'tendering', date: '20190901' }, { status: 'Tendering!', date: '2019-09-01' }, { status: 'tendering' }]) {
      expect((await call<Err>('PATCH', '/api/packages/pk1', { version: 1, status })).status).toBe(400);
    }
    const d = await get();
    expect(d.version).toBe(1);
    expect(d.history).toHaveLength(2);
  });

  it('changes funding per source (only the amounts sent), batch, year and outputs; each undoable', async () => {
    const before = await get();
    expect(before.funding.centralSubsidy).toEqual({ planned: 120, inPlace: 120 }); // the fixture's old { central: 120 }
    const r = await call<PackageDetail>('PATCH', '/api/packages/pk1', {
      version: 1, funding: { centralSubsidy: { inPlace: 60 }, specialBonds: { planned: 40, inPlace: 10 } },
    });
    expect(r.status).toBe(200);
    expect(r.body.funding.centralSubsidy).toEqual({ planned: 120, inPlace: 60 });
    expect(r.body.funding.specialBonds).toEqual({ planned: 40, inPlace: 10 });
    expect(r.body.funding.local).toEqual(before.funding.local);
    const b = await call<PackageDetail>('PATCH', '/api/packages/pk1', { version: 2, batch: '2020年第一批', year: 2020, outputs: { elevators: 2, pipesKm: 0.8 } });
    expect(b.body).toMatchObject({ batch: '2020年第一批', year: 2020, outputs: { elevators: 2, pipesKm: 0.8, parkingSpaces: null } });
    const log = (await call<AuditView[]>('GET', '/api/packages/pk1/audit')).body;
    expect(log.slice(0, 2).map((e) => e.action)).toEqual(['outputs', 'funding']);
    await call('POST', '/api/packages/pk1/undo', { version: 3 });
    expect(await get()).toMatchObject({ batch: '2019年第一批', year: 2019, outputs: { elevators: null } });
    await call('POST', '/api/packages/pk1/undo');
    expect((await get()).funding).toEqual(before.funding);
    for (const body of [
      { version: 1, funding: { central: { inPlace: 1 } } }, { version: 1, funding: { local: { inPlace: -1 } } },
      { version: 1, funding: { local: 5 } }, { version: 1, outputs: { elevators: 1.5 } }, { version: 1, year: 20 },
    ]) expect((await call<Err>('PATCH', '/api/packages/pk1', body)).status, JSON.stringify(body)).toBe(400);
  });

  it('records progress on a locked package, which still refuses a rename', async () => {
    await call('PATCH', '/api/packages/pk1', { version: 1, locked: true });
    const r = await call<PackageDetail>('PATCH', '/api/packages/pk1', { version: 2, status: { status: 'tendering', date: '2019-09-01' }, funding: { local: { inPlace: 10 } } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ locked: true, status: 'tendering', version: 3 });
    expect((await call<Err>('PATCH', '/api/packages/pk1', { version: 3, name: '改名' })).status).toBe(423);
    expect((await call<Err>('PATCH', '/api/packages/pk1', { version: 3, name: '改名', status: { status: 'construction', date: '2019-09-09' } })).status).toBe(423);
  });
});
