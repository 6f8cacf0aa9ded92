// statusAt, intervals and the rates of GET /api/progress against cases worked out by hand
// (server/domain/progress.ts). The ministry counts 开工率/完工率 by 小区; we also count by 户.
import { describe, expect, it } from 'vitest';
import { EMPTY_FUNDING, EMPTY_OUTPUTS, type Funding, type StatusEvent } from '../../server/domain/model.ts';
import {
  checkStatusEdit, isCalendarDate, progress, reachedOn, statusAt, type ProgressCommunity, type ProgressPackage,
} from '../../server/domain/progress.ts';
import { DEFAULT_SETTINGS } from '../../server/domain/settings.ts';

const ev = (status: string, date: string, note: string | null = null): StatusEvent => ({ status, date, note });
const S = DEFAULT_SETTINGS;

describe('statusAt: the last event on or before the date', () => {
  const h = [ev('declared', '2020-01-10'), ev('approved', '2020-02-01'), ev('construction', '2020-03-01')];
  it('is null before the first event', () => {
    expect(statusAt(h, '2020-01-09')).toBeNull();
    expect(statusAt([], '2030-01-01')).toBeNull();
  });
  it('counts an event on its own day', () => {
    expect(statusAt(h, '2020-01-10')?.status).toBe('declared');
    expect(statusAt(h, '2020-02-29')?.status).toBe('approved');
    expect(statusAt(h, '2020-03-01')?.status).toBe('construction');
    expect(statusAt(h, '2099-12-31')?.status).toBe('construction');
  });
  it('takes the later-recorded of two events on one day, and does not need a sorted history', () => {
    expect(statusAt([ev('tendering', '2020-05-01'), ev('construction', '2020-05-01')], '2020-05-01')?.status).toBe('construction');
    expect(statusAt([h[2], h[0], h[1]], '2020-02-15')?.status).toBe('approved');
  });
});

describe('reachedOn: started → completed as intervals', () => {
  it('a package that skips steps is started when it reaches a later one', () => {
    const h = [ev('reserve', '2020-01-01'), ev('completed', '2020-02-01')];
    expect(reachedOn(S, h, '2020-01-31', 'construction')).toBeNull();
    expect(reachedOn(S, h, '2020-02-01', 'construction')).toBe('2020-02-01');
    expect(reachedOn(S, h, '2020-02-01', 'completed')).toBe('2020-02-01');
  });
  it('a step back ends the interval and a step forward starts a new one', () => {
    const h = [ev('construction', '2020-03-01'), ev('tendering', '2020-04-01'), ev('construction', '2020-05-10')];
    expect(reachedOn(S, h, '2020-03-15', 'construction')).toBe('2020-03-01');
    expect(reachedOn(S, h, '2020-04-15', 'construction')).toBeNull();
    expect(reachedOn(S, h, '2020-06-01', 'construction')).toBe('2020-05-10');
  });
  it('an unknown code never counts', () => {
    expect(reachedOn(S, [ev('paused', '2020-01-01')], '2021-01-01', 'reserve')).toBeNull();
  });
});

describe('checkStatusEdit', () => {
  const h = [ev('declared', '2020-01-10'), ev('approved', '2020-02-01')];
  it('accepts the next step on or after the last event, and skipping steps', () => {
    expect(checkStatusEdit(S, h, { status: 'tendering', date: '2020-02-01' })).toBeNull();
    expect(checkStatusEdit(S, h, { status: 'construction', date: '2020-03-01' })).toBeNull();
    expect(checkStatusEdit(S, h, { status: 'approved', date: '2020-03-01' })).toBeNull(); // the same step again (e.g. re-approved)
  });
  it('refuses a date before the last event, an unknown status, a step back, a day that does not exist', () => {
    expect(checkStatusEdit(S, h, { status: 'tendering', date: '2020-01-31' })?.code).toBe('date_before_last');
    expect(checkStatusEdit(S, h, { status: 'paused', date: '2020-03-01' })?.code).toBe('unknown_status');
    expect(checkStatusEdit(S, h, { status: 'declared', date: '2020-03-01' })?.code).toBe('status_backwards');
    expect(checkStatusEdit(S, h, { status: 'tendering', date: '2021-02-29' })?.code).toBe('bad_date');
    expect(checkStatusEdit(S, h, { status: 'paused', date: '2020-03-01' })?.message).toMatch(/没有这个进度状态/);
  });
  it('knows a status a custom workflow adds', () => {
    const w = { progressStatuses: [...S.progressStatuses.slice(0, 4), { code: 'design', zh: '设计', en: 'design' }, ...S.progressStatuses.slice(4)] };
    expect(checkStatusEdit(w, h, { status: 'design', date: '2020-03-01' })).toBeNull();
  });
  it('isCalendarDate', () => {
    expect(['2020-02-29', '2021-12-31'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2021-02-29', '2021-13-01', '2021-1-01', '20210101', ''].map(isCalendarDate)).toEqual([false, false, false, false, false]);
  });
});

// ---- a small district worked out by hand ----
//   a 100 户 S1, b 50 户 S1, e 70 户 S1; c 200 户 S2, d 80 户 S2
//   P1 [a,b] B1/2020: declared 01-10, approved 02-01, construction 03-01, completed 06-30 (2020)
//   P2 [c]   B1/2020: reserve 2020-01-05, declared 02-01, construction 05-01
//   P3 [d,e] B2/2021: reserve 2020-09-01, declared 2021-03-01
//   P4 [b]   B2/2021: declared 2021-01-01, construction 04-01, completed 08-01 — b is in P1 too: counted once
const communities: ProgressCommunity[] = [
  { id: 'a', name: '甲', subdistrict: 'S1', households: 100, floorArea: 9000 },
  { id: 'b', name: '乙', subdistrict: 'S1', households: 50, floorArea: 4500 },
  { id: 'c', name: '丙', subdistrict: 'S2', households: 200, floorArea: 18000 },
  { id: 'd', name: '丁', subdistrict: 'S2', households: 80, floorArea: 7000 },
  { id: 'e', name: '戊', subdistrict: 'S1', households: 70, floorArea: 6000 },
];
const money = (parts: Partial<Funding>): Funding => ({ ...structuredClone(EMPTY_FUNDING), ...parts });
const pkg = (id: string, members: string[], batch: string, year: number, history: StatusEvent[], extra: Partial<ProgressPackage> = {}): ProgressPackage => ({
  id, name: `${id}项目`, batch, year, members, history, funding: money({}), outputs: { ...EMPTY_OUTPUTS }, ...extra,
});
const packages: ProgressPackage[] = [
  pkg('P1', ['a', 'b'], 'B1', 2020, [ev('declared', '2020-01-10'), ev('approved', '2020-02-01'), ev('construction', '2020-03-01'), ev('completed', '2020-06-30')], {
    funding: money({ centralSubsidy: { planned: 100, inPlace: 80 } }), outputs: { ...EMPTY_OUTPUTS, pipesKm: 1.5, elevators: 2 },
  }),
  pkg('P2', ['c'], 'B1', 2020, [ev('reserve', '2020-01-05'), ev('declared', '2020-02-01'), ev('construction', '2020-05-01')], {
    funding: money({ local: { planned: 50, inPlace: 0 } }),
  }),
  pkg('P3', ['d', 'e'], 'B2', 2021, [ev('reserve', '2020-09-01'), ev('declared', '2021-03-01')]),
  pkg('P4', ['b'], 'B2', 2021, [ev('declared', '2021-01-01'), ev('construction', '2021-04-01'), ev('completed', '2021-08-01')], {
    outputs: { ...EMPTY_OUTPUTS, pipesKm: 0.5, parkingSpaces: 10 },
  }),
];
const at = (date: string, filter: { batch?: string; year?: number } = {}, settings = S) => progress({ date, packages, communities, settings, ...filter });

describe('progress: 开工率 and 完工率 by compounds and by households', () => {
  it('before any event nothing is planned: the rates are null, every package "not yet"', () => {
    const r = at('2019-12-31');
    expect(r.totals.planned).toEqual({ packages: 0, communities: 0, households: 0 });
    expect(r.totals.startRate).toEqual({ byCommunities: null, byHouseholds: null });
    expect(r.totals.completionRate).toEqual({ byCommunities: null, byHouseholds: null });
    expect(r.byStatus.at(-1)).toEqual({ status: null, packages: 4, communities: 5, households: 500 });
    expect(r.packages.every((p) => p.status === null && p.startedOn === null)).toBe(true);
    expect(r.funding).toMatchObject({ planned: 0, inPlace: 0, needed: 0, gap: 0 });
  });

  it('2020-04-01: P1 started, P2 not yet; 2 of 3 compounds, 150 of 350 households', () => {
    const r = at('2020-04-01');
    expect(r.totals.planned).toEqual({ packages: 2, communities: 3, households: 350 });
    expect(r.totals.started).toEqual({ packages: 1, communities: 2, households: 150 });
    expect(r.totals.completed).toEqual({ packages: 0, communities: 0, households: 0 });
    expect(r.totals.startRate.byCommunities).toBeCloseTo(2 / 3, 12);
    expect(r.totals.startRate.byHouseholds).toBeCloseTo(150 / 350, 12);
    expect(r.totals.completionRate).toEqual({ byCommunities: 0, byHouseholds: 0 });
    expect(r.packages.find((p) => p.id === 'P1')).toMatchObject({ status: 'construction', startedOn: '2020-03-01', completedOn: null, households: 150, subdistricts: ['S1'] });
    expect(r.packages.find((p) => p.id === 'P2')).toMatchObject({ status: 'declared', startedOn: null });
    // money of the planned packages; needed = 350 户 × 27 000 元 = 945 万元
    expect(r.funding.sources.find((s) => s.source === 'centralSubsidy')).toEqual({ source: 'centralSubsidy', planned: 100, inPlace: 80 });
    expect(r.funding).toMatchObject({ planned: 150, inPlace: 80, needed: 945, gap: 865 });
  });

  it('2020-12-31: 3 of 5 compounds started (0.6) but 350 of 500 households (0.7); 2 of 5 and 150 of 500 completed', () => {
    const r = at('2020-12-31');
    expect(r.totals.planned).toEqual({ packages: 3, communities: 5, households: 500 });
    expect(r.totals.startRate).toEqual({ byCommunities: 0.6, byHouseholds: 0.7 });
    expect(r.totals.completionRate).toEqual({ byCommunities: 0.4, byHouseholds: 0.3 });
    expect(r.outputs).toEqual({ pipesKm: 1.5, elevators: 2, parkingSpaces: null, chargers: null, facilities: null });
    const st = Object.fromEntries(r.byStatus.map((b) => [b.status ?? 'none', [b.packages, b.communities, b.households]]));
    expect(st).toMatchObject({ completed: [1, 2, 150], construction: [1, 1, 200], reserve: [1, 2, 150], none: [1, 0, 0] });
  });

  it('ranks the 街道 by completion by households, then start', () => {
    const r = at('2020-12-31');
    expect(r.subdistricts.map((s) => [s.name, s.rank])).toEqual([['S1', 1], ['S2', 2]]);
    const s1 = r.subdistricts[0];
    expect(s1.planned).toEqual({ communities: 3, households: 220 });
    expect(s1.completed).toEqual({ communities: 2, households: 150 });
    expect(s1.completionRate.byHouseholds).toBeCloseTo(150 / 220, 12);
    expect(r.subdistricts[1]).toMatchObject({ started: { communities: 1, households: 200 }, completionRate: { byCommunities: 0, byHouseholds: 0 }, startRate: { byCommunities: 0.5 } });
  });

  it('a compound in two packages is counted once, at its furthest package', () => {
    const r = at('2021-12-31');
    expect(r.totals.planned).toEqual({ packages: 4, communities: 5, households: 500 });
    expect(r.totals.started).toEqual({ packages: 3, communities: 3, households: 350 });
    expect(r.totals.completed).toEqual({ packages: 2, communities: 2, households: 150 });
    expect(r.totals.completionRate).toEqual({ byCommunities: 0.4, byHouseholds: 0.3 });
    expect(r.outputs).toEqual({ pipesKm: 2, elevators: 2, parkingSpaces: 10, chargers: null, facilities: null });
    expect(r.byStatus.reduce((t, b) => t + b.communities, 0)).toBe(5); // each compound under one status
  });

  it('filters by batch and by year', () => {
    const b1 = at('2020-12-31', { batch: 'B1' });
    expect(b1.batch).toBe('B1');
    expect(b1.totals.planned).toEqual({ packages: 2, communities: 3, households: 350 });
    expect(b1.totals.startRate).toEqual({ byCommunities: 1, byHouseholds: 1 });
    expect(b1.totals.completionRate.byCommunities).toBeCloseTo(2 / 3, 12);
    expect(b1.totals.completionRate.byHouseholds).toBeCloseTo(150 / 350, 12);
    const y21 = at('2021-06-30', { year: 2021 });
    expect(y21.packages.map((p) => p.id)).toEqual(['P3', 'P4']);
    expect(y21.totals.planned).toEqual({ packages: 2, communities: 3, households: 200 });
    expect(y21.totals.started).toEqual({ packages: 1, communities: 1, households: 50 });
    expect(at('2021-06-30', { batch: 'B1', year: 2021 }).packages).toEqual([]);
  });

  it('reads the workflow from the settings: counting 招投标 as started changes the start rate', () => {
    const w = { ...S, startedStatus: 'approved' };
    expect(at('2020-04-01', {}, w).totals.startRate.byCommunities).toBeCloseTo(2 / 3, 12); // P2 only declared
    expect(at('2020-02-15', {}, w).totals.started.communities).toBe(2); // P1 approved 02-01
    expect(at('2020-02-15').totals.started.communities).toBe(0);
    expect(at('2020-04-01').statuses.map((s) => s.zh)).toEqual(['储备', '申报', '立项', '招投标', '施工', '完工', '验收']);
  });

  it('costs by floor area when the settings say so', () => {
    const r = at('2020-04-01', {}, { ...S, costMode: 'perFloorArea', unitCostPerSqm: 300 });
    expect(r.funding.needed).toBe((9000 + 4500 + 18000) * 300 / 10000);
  });
});
