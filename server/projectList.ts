// The 项目清单 as an XLSX workbook (exceljs): sheet 项目清单 with a header row, one row per package and
// a 合计 row; sheet 说明 says the date, the filter, the units and where the figures come from.
import ExcelJS from 'exceljs';
import { FUNDING_SOURCE_LABELS, FUNDING_SOURCES } from './domain/model.ts';
import type { ProjectRow } from './domain/projectList.ts';
import type { Settings } from './domain/settings.ts';
import type { ProgressQuery } from './progressViews.ts';

export const SHEET = '项目清单';

/** Column headers, in order; the tests read the file back by these. */
export function projectHeaders(statuses: Settings['progressStatuses']): string[] {
  return [
    '序号', '项目名称', '批次', '年度', '街道', '小区数', '小区名称', '户数', '建筑面积（㎡）', '改造类别', '改造内容',
    ...FUNDING_SOURCES.flatMap((k) => [`${FUNDING_SOURCE_LABELS[k].zh}计划（万元）`, `${FUNDING_SOURCE_LABELS[k].zh}到位（万元）`]),
    '计划投资合计（万元）', '到位资金合计（万元）', '当前状态',
    ...statuses.map((s) => `${s.zh}日期`),
  ];
}

export async function projectListXlsx(rows: ProjectRow[], q: ProgressQuery, settings: Settings, generatedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '连片 Lianpian';
  wb.created = generatedAt;
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const headers = projectHeaders(settings.progressStatuses);
  ws.addRow(headers);
  rows.forEach((r, i) => {
    ws.addRow([
      i + 1, r.name, r.batch ?? '', r.year ?? '', r.subdistricts.join('、'), r.communityNames.length, r.communityNames.join('、'),
      r.households, r.floorArea, r.categories.join('、'), r.items.join('、'),
      ...FUNDING_SOURCES.flatMap((k) => [r.funding[k].planned, r.funding[k].inPlace]),
      r.fundingPlanned, r.fundingInPlace, r.statusZh ?? '',
      ...settings.progressStatuses.map((s) => r.statusDates[s.code] ?? ''),
    ]);
  });
  const sum = (f: (r: ProjectRow) => number) => Math.round(rows.reduce((t, r) => t + f(r), 0) * 100) / 100;
  const total = ws.addRow([
    '合计', `${rows.length}个项目`, '', '', '', sum((r) => r.communityNames.length), '', sum((r) => r.households), sum((r) => r.floorArea), '', '',
    ...FUNDING_SOURCES.flatMap((k) => [sum((r) => r.funding[k].planned), sum((r) => r.funding[k].inPlace)]),
    sum((r) => r.fundingPlanned), sum((r) => r.fundingInPlace), '',
    ...settings.progressStatuses.map(() => ''),
  ]);

  // presentation: bold header and total, widths, money with two decimals
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  total.font = { bold: true };
  const moneyFrom = 12, moneyTo = 11 + FUNDING_SOURCES.length * 2 + 2;
  headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = h === '小区名称' || h === '改造内容' ? 36 : h === '项目名称' ? 28 : i + 1 >= moneyFrom && i + 1 <= moneyTo ? 14 : Math.max(8, h.length * 2);
    if (i + 1 >= moneyFrom && i + 1 <= moneyTo) col.numFmt = '0.00';
  });
  ws.getColumn(9).numFmt = '#,##0';

  const notes = wb.addWorksheet('说明');
  const statusLabels = settings.progressStatuses.map((s) => s.zh).join('→');
  for (const line of [
    ['项目清单', ''],
    ['截至日期', q.date],
    ['批次', q.batch ?? '全部'],
    ['年度', q.year ?? '全部'],
    ['项目范围', '截至该日已进入流程（有进度记录）的项目包，与 /api/progress 的“计划”口径一致'],
    ['进度流程', statusLabels],
    ['当前状态', '截至日期当天的状态；各状态日期为截至该日首次达到该状态的日期'],
    ['金额单位', '万元（计划与到位按项目包现登记数；资金不记日期）'],
    ['改造类别', '按国办发〔2020〕23号：基础类、完善类、提升类，由各小区登记的改造需求归类'],
    ['生成时间', generatedAt.toISOString()],
  ]) notes.addRow(line);
  notes.getColumn(1).width = 14;
  notes.getColumn(2).width = 80;
  notes.getColumn(1).font = { bold: true };

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(q: ProgressQuery): string {
  const parts = ['项目清单', q.batch, q.year === null ? null : `${q.year}年`, q.date].filter((x): x is string => !!x);
  const utf8 = `${parts.join('-')}.xlsx`;
  const ascii = `projects-${q.year ?? 'all'}-${q.date}.xlsx`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(utf8)}`;
}
