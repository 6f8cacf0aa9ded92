// What the seed report (昌江区老旧小区改造项目工作情况汇报, 2019) says, as data: the district
// totals to calibrate to, and the named compounds and projects with their facts. Per-compound
// household counts and build years of the named compounds are NOT in the report: they are
// plausible generated values chosen so that the report's totals hold (首批 ≈ 3 000 户,
// 第二批 = 600 户, 100户以下的需合并立项).
import type { Management, Need, PackageStatus } from '../../server/domain/model.ts';

export const REPORT_TITLE = '昌江区老旧小区改造项目工作情况汇报（2019年）';
export const AS_OF = '2019-10-31';

export type SubdistrictName = '西郊街道' | '新枫街道' | '吕蒙街道';
export const SUBDISTRICTS: { name: SubdistrictName; code: string; id: string }[] = [
  { name: '西郊街道', code: '360202001', id: 's360202001' },
  { name: '新枫街道', code: '360202002', id: 's360202002' },
  { name: '吕蒙街道', code: '360202003', id: 's360202003' },
];

/** 老旧小区 age groups: O = built ≤ 2000, M = 2001–2005 (both in the inventory), N = newer. */
export type Group = 'O' | 'M' | 'N';

/** "昌江区现有居民小区266个 … 西郊街道211个，新枫街道50个，吕蒙乡5个" etc. */
export const TOTALS = {
  communities: 266,
  bySubdistrict: { 西郊街道: 211, 新枫街道: 50, 吕蒙街道: 5 } as Record<SubdistrictName, number>,
  byManagement: { property: 51, unit: 59, none: 156 } as Record<Management, number>,
  old: { communities: 208, households: 26060, floorArea: 1_870_000 },
  O: { communities: 177, households: 19429, floorArea: 1_300_000 },
  M: { communities: 31, households: 6631, floorArea: 570_000 },
  N: { communities: 58 },
};

/** How the generator splits the totals (the report gives no cross-tabulation). */
export const QUOTAS: Record<Group, { bySubdistrict: Record<SubdistrictName, number>; byManagement: Record<Management, number> }> = {
  O: { bySubdistrict: { 西郊街道: 143, 新枫街道: 32, 吕蒙街道: 2 }, byManagement: { property: 2, unit: 50, none: 125 } },
  M: { bySubdistrict: { 西郊街道: 23, 新枫街道: 7, 吕蒙街道: 1 }, byManagement: { property: 4, unit: 9, none: 18 } },
  N: { bySubdistrict: { 西郊街道: 45, 新枫街道: 11, 吕蒙街道: 2 }, byManagement: { property: 45, unit: 0, none: 13 } },
};

export interface NamedCommunity {
  name: string;
  aliases?: string[];
  households: number;
  buildYear: number;
  management: Management;
  renovatedYear?: number;
  needs?: Need[];
  note?: string;
}

const Q_DECLARED_DONE = '申报了部分今年已完工项目情况，如梅苑小区、华风小区';

/** The compounds the report names (all in 西郊街道, in one old core by the river). */
export const NAMED: NamedCommunity[] = [
  // 2019 first batch (首批, central funds)
  {
    name: '紫薇花园', households: 480, buildYear: 2003, management: 'property', renovatedYear: 2019,
    note: '2003年建成，属2000年后建成小区，仍被申报为2019年首批中央补助项目（汇报：“个别2000后建成小区情况，如紫薇花园”）；现已改造完成。',
  },
  {
    name: '华风宿舍', aliases: ['华风小区'], households: 260, buildYear: 1989, management: 'unit', renovatedYear: 2019,
    note: `今年已改造完成，仍被申报为2019年首批项目（汇报：“${Q_DECLARED_DONE}”）。`,
  },
  {
    name: '梅苑小区', households: 310, buildYear: 1996, management: 'none', renovatedYear: 2019,
    note: `今年已改造完成，仍被申报为2019年首批项目（汇报：“${Q_DECLARED_DONE}”）。`,
  },
  { name: '建国宿舍', households: 540, buildYear: 1984, management: 'unit' },
  {
    name: '4321厂宿舍', households: 360, buildYear: 1991, management: 'unit', needs: ['elevator', 'facade'],
    note: '汇报建议增加“4321宿舍外立面改造加装电梯项目”，打造精品标杆，争取中央2019年第二批资金支持。',
  },
  { name: '电子局宿舍', households: 150, buildYear: 1993, management: 'unit' },
  { name: '人大宿舍', households: 86, buildYear: 1995, management: 'unit', renovatedYear: 2019 },
  { name: '和合宅苑', households: 132, buildYear: 1998, management: 'property', renovatedYear: 2019 },
  { name: '月山公寓', households: 120, buildYear: 1997, management: 'property', renovatedYear: 2019 },
  { name: '青庐小区', households: 95, buildYear: 1994, management: 'none', renovatedYear: 2019 },
  { name: '八中宿舍', households: 72, buildYear: 1990, management: 'unit' },
  { name: '华龙小区', households: 210, buildYear: 1996, management: 'none' },
  { name: '航务小区', households: 168, buildYear: 1992, management: 'unit' },
  // 2019 second batch (第二批, 600 户)
  { name: '月丘里小区', households: 156, buildYear: 1987, management: 'none' },
  { name: '工行宿舍', households: 48, buildYear: 1994, management: 'unit' },
  { name: '教育小区', households: 178, buildYear: 1993, management: 'unit' },
  { name: '中行宿舍', households: 52, buildYear: 1996, management: 'unit' },
  { name: '国土局测绘院宿舍', households: 104, buildYear: 1995, management: 'unit', note: '汇报：正在施工或准备开工中（第二批，已进入招投标）。' },
  { name: '农机站宿舍', households: 62, buildYear: 1983, management: 'unit' },
];

/** An event up to the report's date (AS_OF); data/generate/packages.ts carries each project on from there. */
export interface ReportEvent {
  status: PackageStatus;
  date: string;
  note: string | null;
}
export interface ReportPackage {
  id: string;
  name: string;
  batch: '2019年第一批' | '2019年第二批';
  members: string[]; // community names; the lead first
  history: ReportEvent[];
  note: string | null;
}

const DECLARED: ReportEvent = {
  status: 'declared', date: '2019-07-10',
  note: '申报2019年中央老旧小区改造项目（建办城函〔2019〕243号；赣发改投资〔2019〕592号）。',
};
const APPROVED: ReportEvent = { status: 'approved', date: '2019-08-15', note: '项目申报成功后，区发改委完成立项。' };
const REVIEW = '9月29日区发改委组织召开项目专家评审会，初步设计通过评审。';
const done = (): ReportEvent[] => [
  DECLARED,
  APPROVED,
  { status: 'tendering', date: '2019-08-26', note: null },
  { status: 'construction', date: '2019-09-06', note: null },
  { status: 'completed', date: '2019-10-25', note: '改造完成：主干次道平整，规划绿化带、停车位，楼道粉刷，更换门窗。' },
];
const building = (): ReportEvent[] => [
  DECLARED,
  APPROVED,
  { status: 'tendering', date: '2019-10-08', note: REVIEW },
  { status: 'construction', date: '2019-10-21', note: '正在施工，预计11月底全面完工。' },
];
const declaredDone = (who: string): ReportEvent[] => [
  DECLARED,
  { ...APPROVED, note: `区发改委完成立项。汇报：“${Q_DECLARED_DONE}”——${who}今年已改造完成，需妥善处置和整改。` },
];
const SECOND_RESERVE: ReportEvent = {
  status: 'reserve', date: '2019-10-10',
  note: '第二批改造计划任务600户：专业公司编写可行性研究报告及方案设计中；100户以下的需合并立项；拟以EPC方式运作。',
};

export const PACKAGES: ReportPackage[] = [
  { id: 'p2019-1-01', name: '紫薇花园改造项目', batch: '2019年第一批', members: ['紫薇花园'], history: done(), note: '汇报：个别2000后建成小区（紫薇花园，2003年建成）被申报。' },
  { id: 'p2019-1-02', name: '华风宿舍改造项目', batch: '2019年第一批', members: ['华风宿舍'], history: declaredDone('华风宿舍（华风小区）'), note: `汇报：“${Q_DECLARED_DONE}”。` },
  { id: 'p2019-1-03', name: '梅苑小区改造项目', batch: '2019年第一批', members: ['梅苑小区'], history: declaredDone('梅苑小区'), note: `汇报：“${Q_DECLARED_DONE}”。` },
  { id: 'p2019-1-04', name: '建国宿舍改造项目', batch: '2019年第一批', members: ['建国宿舍'], history: building(), note: null },
  {
    id: 'p2019-1-05', name: '4321厂宿舍改造项目', batch: '2019年第一批', members: ['4321厂宿舍'],
    history: [DECLARED, APPROVED, { status: 'tendering', date: '2019-10-12', note: `${REVIEW}招投标中，准备开工。` }],
    note: '建议增加外立面改造加装电梯，争取中央2019年第二批资金支持。',
  },
  { id: 'p2019-1-06', name: '电子局宿舍改造项目', batch: '2019年第一批', members: ['电子局宿舍'], history: building(), note: null },
  { id: 'p2019-1-07', name: '人大宿舍片区改造项目', batch: '2019年第一批', members: ['人大宿舍', '和合宅苑'], history: done(), note: null },
  { id: 'p2019-1-08', name: '月山公寓片区改造项目', batch: '2019年第一批', members: ['月山公寓', '青庐小区'], history: done(), note: null },
  { id: 'p2019-1-09', name: '八中宿舍片区改造项目', batch: '2019年第一批', members: ['八中宿舍', '华龙小区', '航务小区'], history: building(), note: null },
  { id: 'p2019-2-01', name: '月丘里小区片区改造项目', batch: '2019年第二批', members: ['月丘里小区', '工行宿舍'], history: [SECOND_RESERVE], note: '100户以下的需合并立项：工行宿舍并入月丘里小区。' },
  { id: 'p2019-2-02', name: '教育小区片区改造项目', batch: '2019年第二批', members: ['教育小区', '中行宿舍'], history: [SECOND_RESERVE], note: '100户以下的需合并立项：中行宿舍并入教育小区。' },
  {
    id: 'p2019-2-03', name: '国土局测绘院宿舍片区改造项目', batch: '2019年第二批', members: ['国土局测绘院宿舍', '农机站宿舍'],
    history: [
      { ...SECOND_RESERVE, date: '2019-09-20' },
      { status: 'approved', date: '2019-10-16', note: '区政府研究后立项。' },
      { status: 'tendering', date: '2019-10-28', note: '准备开工。' },
    ],
    note: '100户以下的需合并立项：农机站宿舍并入国土局测绘院宿舍。',
  },
];
