// The 项目清单 (project list) officials file upward: one row per package with its 街道, compounds,
// households, floor area, renovation content and category, investment by source and the date of
// each workflow step. Pure rows; server/projectList.ts writes them to XLSX.
import { FUNDING_SOURCES, NEEDS, type FundingAmount, type FundingSource, type Need, type StatusCode } from './model.ts';
import { packageProgress, statusAt, type ProgressCommunity, type ProgressInput } from './progress.ts';

/** 国办发〔2020〕23号 content categories (standards.md §3.1): which category each recorded need belongs to. */
export const NEED_CATEGORY: Record<Need, 'basic' | 'improve' | 'upgrade'> = {
  rainSewerSeparation: 'basic', overheadLines: 'basic', roofWaterproofing: 'basic', facade: 'basic', gasUpgrade: 'basic',
  waterSupply: 'basic', powerUpgrade: 'basic', fireSafety: 'basic',
  elevator: 'improve', parking: 'improve', accessibility: 'improve', lighting: 'improve', greening: 'improve',
};
export const CATEGORY_LABELS = { basic: '基础类', improve: '完善类', upgrade: '提升类' } as const;
/** The same words the client shows (client/i18n/zh-CN.ts enums.need). */
export const NEED_LABELS: Record<Need, string> = {
  rainSewerSeparation: '雨污分流', overheadLines: '架空线整治', elevator: '加装电梯', roofWaterproofing: '屋面防水',
  facade: '外立面整治', parking: '停车设施', gasUpgrade: '燃气改造', waterSupply: '供水改造', powerUpgrade: '电力增容',
  accessibility: '无障碍设施', lighting: '照明设施', greening: '绿化提升', fireSafety: '消防设施',
};

export type ListCommunity = ProgressCommunity & { needs: Need[] };

export interface ProjectRow {
  id: string;
  name: string;
  batch: string | null;
  year: number | null;
  subdistricts: string[];
  communityNames: string[];
  households: number;
  floorArea: number;
  categories: string[];
  items: string[];
  funding: Record<FundingSource, FundingAmount>;
  fundingPlanned: number;
  fundingInPlace: number;
  /** on the list's date */
  status: StatusCode | null;
  statusZh: string | null;
  /** per workflow code, the date it was first reached on or before the list's date */
  statusDates: Record<StatusCode, string | null>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The rows of the list on `date`: the packages of the batch/year that are planned by then (the same
 * set /api/progress counts as planned), in the order given.
 */
export function projectRows(input: Omit<ProgressInput, 'communities'> & { communities: ListCommunity[] }): ProjectRow[] {
  const w = input.settings;
  const byId = new Map(input.communities.map((c) => [c.id, c]));
  const batch = input.batch ?? null;
  const year = input.year ?? null;
  return input.packages
    .filter((p) => (batch === null || p.batch === batch) && (year === null || p.year === year))
    .filter((p) => packageProgress(w, p, input.date).planned)
    .map((p) => {
      const members = p.members.map((m) => byId.get(m)).filter((c): c is ListCommunity => !!c);
      const needs = NEEDS.filter((n) => members.some((c) => c.needs.includes(n)));
      const cats = (['basic', 'improve', 'upgrade'] as const).filter((k) => needs.some((n) => NEED_CATEGORY[n] === k));
      const status = statusAt(p.history, input.date)?.status ?? null;
      const statusDates: Record<string, string | null> = {};
      for (const s of w.progressStatuses) {
        const hit = p.history.filter((e) => e.status === s.code && e.date <= input.date).map((e) => e.date).sort()[0];
        statusDates[s.code] = hit ?? null;
      }
      return {
        id: p.id, name: p.name, batch: p.batch, year: p.year,
        subdistricts: [...new Set(members.map((c) => c.subdistrict))],
        communityNames: members.map((c) => c.name),
        households: members.reduce((t, c) => t + c.households, 0),
        floorArea: Math.round(members.reduce((t, c) => t + c.floorArea, 0)),
        categories: cats.map((k) => CATEGORY_LABELS[k]),
        items: needs.map((n) => NEED_LABELS[n]),
        funding: Object.fromEntries(FUNDING_SOURCES.map((k) => [k, { ...p.funding[k] }])) as Record<FundingSource, FundingAmount>,
        fundingPlanned: round2(FUNDING_SOURCES.reduce((t, k) => t + p.funding[k].planned, 0)),
        fundingInPlace: round2(FUNDING_SOURCES.reduce((t, k) => t + p.funding[k].inPlace, 0)),
        status, statusZh: status === null ? null : (w.progressStatuses.find((s) => s.code === status)?.zh ?? status),
        statusDates,
      };
    });
}
