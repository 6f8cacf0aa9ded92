// Every rule number is a setting with a documented default (DESIGN.md, "Things that must be true").
import { z } from 'zod';
import { AMENITY_KINDS, ROAD_CLASSES, StatusCodeSchema } from './model.ts';

export const Settings = z.object({
  /** 国办发〔2020〕23号: 2000年底前建成; Jiangxi's inventory uses 2005. */
  eligibilityCutoffYear: z.number().int().min(1949).max(2100),
  /** "100户以下的需合并立项" (seed 000): not found in a national text, so a setting. */
  minHouseholds: z.number().int().min(1).max(10000),
  /** Two walled compounds are neighbours when their boundaries come this close (m). */
  gapToleranceM: z.number().min(0).max(500),
  /** Road classes that separate compounds (walking across them is not "adjacent"). */
  barrierRoadClasses: z.array(z.enum(ROAD_CLASSES)),
  /** Keep packages within one 街道. */
  sameSubdistrict: z.boolean(),
  /** How a package's cost is estimated: per household (default) or per m² of floor area. */
  costMode: z.enum(['perHousehold', 'perFloorArea']),
  /** ≈2.7万元/户 (MOHURD 2023: 2 400 亿元 / 897 万户), standards.md §4.1. */
  unitCostPerHousehold: z.number().min(0),
  /** 元/m² of floor area. No published figure (standards.md §4.1 ✖): derived as 27 000 元/户 ÷ ≈98 m²/户 (Jiangxi inventory). */
  unitCostPerSqm: z.number().min(0),
  /**
   * The progress workflow, in order, with labels (储备→申报→立项→招投标→施工→完工→验收 by default).
   * Codes may be added or renamed; packages store codes, so a code in use should not be removed.
   */
  progressStatuses: z.array(z.object({ code: StatusCodeSchema, zh: z.string().trim().min(1).max(20), en: z.string().trim().min(1).max(40) }).strict()).min(2).max(20),
  /** From this status on, a package has been declared (申报) to the level above: the audit checks what was declared. */
  declaredStatus: StatusCodeSchema,
  /** From this status on, a package counts as started for 开工率 (MOHURD counts 新开工 at 施工). */
  startedStatus: StatusCodeSchema,
  /** From this status on, a package counts as completed for 完工率 (完工; 验收 comes after). */
  completedStatus: StatusCodeSchema,
  /**
   * Audit: a compound with more households than this is implausible data. No published cap (✖):
   * Jiangxi's inventory averages ≈198 户/小区; the largest demo compound has 1 434.
   */
  auditMaxHouseholds: z.number().int().min(1).max(100000),
  /** Audit: floor area per household outside this range (m²/户) is implausible. No published range (✖); Jiangxi's inventory averages ≈98. */
  auditFloorAreaPerHousehold: z.object({ min: z.number().min(0).max(1000), max: z.number().min(0).max(5000) }).strict(),
  /** Walking speed for minutes (standards.md §2.2: third-party tools use 80 m/min). */
  walkingSpeedMPerMin: z.number().positive().max(300),
  /** Walking radius (m) per facility kind, overriding the standards table (domain/facilities.ts). */
  facilityRadiiM: z.partialRecord(z.enum(AMENITY_KINDS), z.number().min(0).max(5000)),
  /**
   * Places needed per household, per facility kind with a capacity (places, beds): the second gap
   * measure, a facility's capacity against the households that walk to it. No figure in standards.md
   * (✖): defaults from the common 千人指标 (kindergarten ≈30, primary ≈60, middle ≈35 places per
   * 1 000 residents, nursery ≈10, elderly care ≈7 beds) at 2.62 residents per household (2020 census).
   */
  capacityPerHousehold: z.partialRecord(z.enum(AMENITY_KINDS), z.number().min(0).max(10)),
  /** Walkers join an arterial only at junctions: a road crossing it without a shared point passes over or under. */
  arterialCrossingAtJunctionsOnly: z.boolean(),
  /** "污水管网找不到入口": no sewer main or branch within this distance of the compound's wall (m). */
  sewerOutletMaxM: z.number().min(0).max(2000),
  /** Pipes laid longer ago than this are flagged as past their service life. No figure in standards.md (✖): a setting. */
  pipeServiceLifeYears: z.number().int().min(1).max(200),
  /** Sewer trace: pipe ends closer than this are one manhole, and a lateral's end this close to a pipe enters it (m). A data tolerance; no figure in standards.md (✖). */
  pipeSnapM: z.number().min(0).max(10),
  /** Sewer trace: a node that gravity pipes flow into and none out of is an outfall (排放口, or a treatment plant on the bank) when it lies this close to a river or lake, else a dead end (m). No figure in standards.md (✖). */
  outfallMaxM: z.number().min(0).max(1000),
  /**
   * Pipe work in a package, 元 per metre, added to the base estimate as separate lines: separating
   * combined pipe (雨污分流), burying or tidying overhead lines (架空线入地/规整), replacing pipe past its
   * service life, and connecting a compound with no sewer outlet to the nearest sewer. standards.md has
   * no figure for any of them (✖): the defaults are assumptions, to be replaced by local prices.
   */
  pipeWorkCostPerM: z.object({
    separation: z.number().min(0).max(100000),
    overheadBurial: z.number().min(0).max(100000),
    replacement: z.number().min(0).max(100000),
    sewerConnection: z.number().min(0).max(100000),
  }).strict(),
});
export type Settings = z.infer<typeof Settings>;

/**
 * What the schema cannot say about one field alone: the workflow's codes are unique, the declared,
 * started and completed statuses are in it, in that order, and the plausible floor-area range is a range.
 */
export function settingsProblems(s: Settings): { message: string; messageEn: string }[] {
  const out: { message: string; messageEn: string }[] = [];
  const codes = s.progressStatuses.map((x) => x.code);
  const twice = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (twice.length) out.push({ message: `进度状态编码重复：${twice.join('、')}`, messageEn: `duplicate status codes: ${twice.join(', ')}` });
  const at = (k: 'declaredStatus' | 'startedStatus' | 'completedStatus') => {
    const i = codes.indexOf(s[k]);
    if (i < 0) out.push({ message: `${k}（${s[k]}）不在进度状态列表中`, messageEn: `${k} (${s[k]}) is not in progressStatuses` });
    return i;
  };
  const d = at('declaredStatus'), st = at('startedStatus'), c = at('completedStatus');
  if (d >= 0 && st >= 0 && c >= 0 && !(d <= st && st <= c)) {
    out.push({ message: '状态顺序应为：申报 ≤ 开工 ≤ 完工', messageEn: 'the workflow must reach declaredStatus, then startedStatus, then completedStatus' });
  }
  if (s.auditFloorAreaPerHousehold.min > s.auditFloorAreaPerHousehold.max) {
    out.push({ message: '户均建筑面积的下限大于上限', messageEn: 'auditFloorAreaPerHousehold.min is above max' });
  }
  return out;
}

/** A change to some settings; unknown names are refused so that a typo cannot pass silently. */
export const SettingsPatch = Settings.partial().strict();

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  eligibilityCutoffYear: 2000,
  minHouseholds: 100,
  gapToleranceM: 30,
  barrierRoadClasses: ['arterial'],
  sameSubdistrict: true,
  costMode: 'perHousehold',
  unitCostPerHousehold: 27000,
  unitCostPerSqm: 275,
  progressStatuses: [
    { code: 'reserve', zh: '储备', en: 'reserve' },
    { code: 'declared', zh: '申报', en: 'declared' },
    { code: 'approved', zh: '立项', en: 'approved' },
    { code: 'tendering', zh: '招投标', en: 'tendering' },
    { code: 'construction', zh: '施工', en: 'under construction' },
    { code: 'completed', zh: '完工', en: 'completed' },
    { code: 'accepted', zh: '验收', en: 'accepted' },
  ],
  declaredStatus: 'declared',
  startedStatus: 'construction',
  completedStatus: 'completed',
  auditMaxHouseholds: 5000, // assumption (✖): 25 × the Jiangxi average compound
  auditFloorAreaPerHousehold: { min: 20, max: 300 }, // assumption (✖) around Jiangxi's ≈98 m²/户
  walkingSpeedMPerMin: 80,
  facilityRadiiM: {},
  capacityPerHousehold: { kindergarten: 0.079, nursery: 0.026, primarySchool: 0.157, middleSchool: 0.092, elderlyCare: 0.018 },
  arterialCrossingAtJunctionsOnly: true,
  sewerOutletMaxM: 100,
  pipeServiceLifeYears: 30,
  pipeSnapM: 1, // assumption: survey coordinates of one manhole agree within a metre
  outfallMaxM: 20, // assumption: an outfall pipe ends at the bank, a plant's inlet beside it
  // Assumptions (✖), typical of tendered 老旧小区 pipe work: a new DN300 sewer in the compound with
  // trench and paving 1 200; cables into ducts 600; like-for-like pipe 800; a DN400 connection
  // under a street with road reinstatement 1 500.
  pipeWorkCostPerM: { separation: 1200, overheadBurial: 600, replacement: 800, sewerConnection: 1500 },
}) as Settings;
