// The data's own mistakes, flagged before someone above finds them (seed 000, 三.1: "申报了部分今年
// 已完工项目", "个别2000后建成小区"). Pure: each rule reads the compounds, the packages and the settings
// and names the compounds and packages involved; the route supplies them and the neighbour graph.
import type { CommunityProps } from './model.ts';
import { FUNDING_SOURCES } from './model.ts';
import { checkPackage, failed } from './packageRules.ts';
import { reached, reachedOn, statusAt, type ProgressPackage } from './progress.ts';
import type { Settings } from './settings.ts';

export const AUDIT_RULES = [
  { rule: 'builtAfterCutoff', zh: '申报了截止年份后建成的小区', en: 'declared compound built after the cut-off year' },
  { rule: 'alreadyRenovated', zh: '申报了已改造的小区', en: 'declared compound already renovated' },
  { rule: 'duplicateCompound', zh: '同一小区在两个项目包或两个批次中', en: 'a compound in two packages or two batches' },
  { rule: 'belowThreshold', zh: '项目包户数不足', en: 'package below the household threshold' },
  { rule: 'notContiguous', zh: '项目包不连片', en: 'package not contiguous' },
  { rule: 'startedWithoutFunding', zh: '已开工但资金未到位', en: 'started with no funding in place' },
  { rule: 'implausibleData', zh: '数据缺失或不合理', en: 'missing or implausible data' },
] as const;
export type AuditRule = (typeof AUDIT_RULES)[number]['rule'];

export interface AuditFlag {
  rule: AuditRule;
  severity: 'error' | 'warning';
  message: string; // zh-CN
  messageEn: string;
  communities: { id: string; name: string }[];
  packages: { id: string; name: string }[];
}
export interface AuditResponse {
  /** the date the statuses were read at (today unless asked) */
  date: string;
  rules: { rule: AuditRule; zh: string; en: string }[];
  flags: AuditFlag[];
}

export type AuditCommunity = Pick<CommunityProps, 'id' | 'name' | 'aliases' | 'households' | 'floorArea' | 'buildYear' | 'renovatedYear' | 'subdistrict' | 'isOld'>;
/** What the audit reads of a package: what the figures read, less the outputs. */
export type AuditPackage = Omit<ProgressPackage, 'outputs'>;
export interface AuditInput {
  /** statuses are read at this date (YYYY-MM-DD) */
  date: string;
  /** the real today: a year after its year is "in the future" (the compounds' data is current, whatever the date); default `date` */
  today?: string;
  communities: AuditCommunity[];
  packages: AuditPackage[];
  settings: Settings;
  /** gap-graph neighbours, for contiguity */
  neighbours(id: string): Iterable<string>;
}

const ref = (x: { id: string; name: string }) => ({ id: x.id, name: x.name });
const yearOf = (date: string) => Number(date.slice(0, 4));

export function audit(input: AuditInput): AuditResponse {
  const { settings: s, date } = input;
  // a package with no event yet on the date does not exist then
  const packages = input.packages.filter((p) => statusAt(p.history, date) !== null);
  const byId = new Map(input.communities.map((c) => [c.id, c]));
  const flags: AuditFlag[] = [];
  const flag = (f: AuditFlag) => flags.push(f);
  const thisYear = yearOf(input.today ?? date);

  const where = (p: AuditPackage) => (p.batch ? `“${p.name}”（${p.batch}）` : `“${p.name}”`);
  const whereEn = (p: AuditPackage) => (p.batch ? `"${p.name}" (${p.batch})` : `"${p.name}"`);

  for (const p of packages) {
    const status = statusAt(p.history, date)?.status ?? null;
    const declared = reached(s, status, s.declaredStatus);
    const severity = declared ? 'error' : 'warning';
    const verb = declared ? '已申报' : '列入储备';
    const verbEn = declared ? 'declared' : 'in reserve';
    const members = p.members.map((m) => byId.get(m)).filter((c): c is AuditCommunity => !!c);

    // built after the cut-off (个别2000后建成小区)
    const late = members.filter((c) => c.buildYear > s.eligibilityCutoffYear);
    if (late.length) {
      flag({
        rule: 'builtAfterCutoff', severity, communities: late.map(ref), packages: [ref(p)],
        message: `${late.map((c) => `${c.name}（${c.buildYear}年建成）`).join('、')}晚于${s.eligibilityCutoffYear}年底建成，却${verb}在${where(p)}中`,
        messageEn: `${late.map((c) => `${c.name} (built ${c.buildYear})`).join(', ')} built after ${s.eligibilityCutoffYear}, yet ${verbEn} in ${whereEn(p)}`,
      });
    }

    // already renovated (申报了部分今年已完工项目): renovated in or before the package's year, and not by
    // this package (which would have reached 完工 by that year)
    const completedOn = reachedOn(s, p.history, date, s.completedStatus);
    const declaredOn = reachedOn(s, p.history, date, s.declaredStatus);
    const first = [...p.history].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0];
    const refYear = p.year ?? (declaredOn ? yearOf(declaredOn) : first ? yearOf(first.date) : thisYear);
    const done = members.filter((c) => c.renovatedYear != null && c.renovatedYear <= refYear &&
      !(completedOn !== null && c.renovatedYear >= yearOf(completedOn)));
    if (done.length) {
      flag({
        rule: 'alreadyRenovated', severity, communities: done.map(ref), packages: [ref(p)],
        message: `${done.map((c) => `${c.name}（${c.renovatedYear}年已改造）`).join('、')}${verb}在${where(p)}中，而该项目${completedOn ? `${completedOn}才完工` : '尚未完工'}`,
        messageEn: `${done.map((c) => `${c.name} (renovated ${c.renovatedYear})`).join(', ')} ${verbEn} in ${whereEn(p)}, which ${completedOn ? `was only completed on ${completedOn}` : 'has not been completed'}`,
      });
    }

    // the package rules the audit repeats: threshold and contiguity
    const checks = checkPackage({ members: p.members, status: status ?? s.progressStatuses[0].code }, {
      settings: s, community: (id) => byId.get(id) as CommunityProps | undefined, neighbours: input.neighbours,
    });
    for (const c of failed(checks)) {
      if (c.rule !== 'threshold' && c.rule !== 'contiguity') continue;
      const named = c.communities.map((id) => byId.get(id)).filter((x): x is AuditCommunity => !!x);
      // the contiguity message names the cut-off compounds itself; the threshold one gives only totals
      const who = c.rule === 'threshold' ? `（${named.map((x) => x.name).join('、')}）` : '';
      const whoEn = c.rule === 'threshold' ? ` (${named.map((x) => x.name).join(', ')})` : '';
      flag({
        rule: c.rule === 'threshold' ? 'belowThreshold' : 'notContiguous', severity, communities: named.map(ref), packages: [ref(p)],
        message: `${where(p)}${who}：${c.message}`, messageEn: `${whereEn(p)}${whoEn}: ${c.messageEn}`,
      });
    }

    // started, nothing in place (资金配套缺口大)
    const startedOn = reachedOn(s, p.history, date, s.startedStatus);
    const inPlace = FUNDING_SOURCES.reduce((t, k) => t + p.funding[k].inPlace, 0);
    if (startedOn && inPlace <= 0) {
      const planned = FUNDING_SOURCES.reduce((t, k) => t + p.funding[k].planned, 0);
      flag({
        rule: 'startedWithoutFunding', severity: 'error', communities: members.map(ref), packages: [ref(p)],
        message: `${where(p)}已于${startedOn}开工，但到位资金为0（计划${Math.round(planned * 100) / 100}万元）`,
        messageEn: `${whereEn(p)} started on ${startedOn} with no funding in place (${Math.round(planned * 100) / 100} 万元 planned)`,
      });
    }

    // missing data of a declared package
    if (declared && (p.batch === null || p.year === null)) {
      const miss = [p.batch === null ? '批次' : null, p.year === null ? '年度' : null].filter(Boolean).join('、');
      const missEn = [p.batch === null ? 'batch' : null, p.year === null ? 'year' : null].filter(Boolean).join(' and ');
      flag({
        rule: 'implausibleData', severity: 'warning', communities: [], packages: [ref(p)],
        message: `${where(p)}已申报，但未填写${miss}`, messageEn: `${whereEn(p)} is declared but has no ${missEn}`,
      });
    }
  }

  // a compound in two packages, or under two names (a name or alias shared by two records) in packages
  const owners = new Map<string, AuditPackage[]>();
  for (const p of packages) for (const m of new Set(p.members)) owners.set(m, [...(owners.get(m) ?? []), p]);
  for (const [id, ps] of owners) {
    if (ps.length < 2) continue;
    const c = byId.get(id);
    const batches = [...new Set(ps.map((p) => p.batch ?? '未定批次'))];
    flag({
      rule: 'duplicateCompound', severity: 'error', communities: c ? [ref(c)] : [{ id, name: id }], packages: ps.map(ref),
      message: `${c?.name ?? id}同时在${ps.length}个项目包中：${ps.map(where).join('、')}${batches.length > 1 ? `，跨${batches.length}个批次` : ''}`,
      messageEn: `${c?.name ?? id} is in ${ps.length} packages: ${ps.map(whereEn).join(', ')}${batches.length > 1 ? ` across ${batches.length} batches` : ''}`,
    });
  }
  const byName = new Map<string, AuditCommunity[]>();
  for (const c of input.communities) {
    if (!owners.has(c.id)) continue;
    for (const n of new Set([c.name, ...c.aliases].map((x) => x.trim()))) byName.set(n, [...(byName.get(n) ?? []), c]);
  }
  const seenPairs = new Set<string>();
  for (const [n, cs] of byName) {
    if (cs.length < 2) continue;
    const key = cs.map((c) => c.id).sort().join('|');
    if (seenPairs.has(key)) continue;
    seenPairs.add(key);
    const ps = [...new Map(cs.flatMap((c) => owners.get(c.id)!).map((p) => [p.id, p])).values()];
    const batches = [...new Set(ps.map((p) => p.batch ?? '未定批次'))];
    flag({
      rule: 'duplicateCompound', severity: 'warning', communities: cs.map(ref), packages: ps.map(ref),
      message: `${cs.map((c) => c.name).join('、')}共用名称“${n}”，可能是同一小区，分别在${ps.map(where).join('、')}中${batches.length > 1 ? `（${batches.length}个批次）` : ''}`,
      messageEn: `${cs.map((c) => c.name).join(', ')} share the name "${n}" and may be one compound, in ${ps.map(whereEn).join(', ')}${batches.length > 1 ? ` (${batches.length} batches)` : ''}`,
    });
  }

  // implausible compound data
  const { min, max } = s.auditFloorAreaPerHousehold;
  for (const c of input.communities) {
    const errors: [string, string][] = [];
    const warnings: [string, string][] = [];
    if (!(c.households > 0)) errors.push([`户数为${c.households}`, `${c.households} households`]);
    else {
      if (c.households > s.auditMaxHouseholds) warnings.push([`户数${c.households}超过${s.auditMaxHouseholds}`, `${c.households} households, above ${s.auditMaxHouseholds}`]);
      const per = c.floorArea / c.households;
      if (per < min || per > max) {
        warnings.push([`户均建筑面积${per.toFixed(1)}㎡，不在${min}–${max}㎡之间`, `${per.toFixed(1)} m² per household, outside ${min}–${max} m²`]);
      }
    }
    if (c.buildYear > thisYear) errors.push([`建成年份${c.buildYear}在未来`, `built in ${c.buildYear}, in the future`]);
    if (c.renovatedYear != null && c.renovatedYear > thisYear) errors.push([`改造年份${c.renovatedYear}在未来`, `renovated in ${c.renovatedYear}, in the future`]);
    if (c.renovatedYear != null && c.renovatedYear < c.buildYear) {
      errors.push([`改造年份${c.renovatedYear}早于建成年份${c.buildYear}`, `renovated in ${c.renovatedYear}, before it was built (${c.buildYear})`]);
    }
    const all = [...errors, ...warnings];
    if (!all.length) continue;
    const ps = owners.get(c.id) ?? [];
    flag({
      rule: 'implausibleData', severity: errors.length ? 'error' : 'warning', communities: [ref(c)], packages: ps.map(ref),
      message: `${c.name}：${all.map((x) => x[0]).join('；')}`, messageEn: `${c.name}: ${all.map((x) => x[1]).join('; ')}`,
    });
  }

  const order = new Map(AUDIT_RULES.map((r, i) => [r.rule, i]));
  flags.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || order.get(a.rule)! - order.get(b.rule)!);
  return { date, rules: AUDIT_RULES.map((r) => ({ ...r })), flags };
}
