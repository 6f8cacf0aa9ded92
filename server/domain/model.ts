// The data model shared by server, client and the demo generator: one name for one idea.
// Zod schemas validate everything that enters the store (the demo and users' imports alike);
// the TypeScript types are inferred from them so the two cannot drift apart.
import { z } from 'zod';

export const MANAGEMENT = ['property', 'unit', 'none'] as const; // 物业 / 主管单位 / 三无
/**
 * The default workflow, in order: 储备→申报→立项→招投标→施工→完工→验收. The workflow a deployment
 * uses is the `progressStatuses` setting (these seven by default); stored statuses are codes.
 */
export const PACKAGE_STATUS = ['reserve', 'declared', 'approved', 'tendering', 'construction', 'completed', 'accepted'] as const;
/** Where the money comes from (万元), as the seeds list them: 中央补助 (保障性安居工程中央补助资金), 中央预算内投资,
 *  省级, 市县配套, 地方政府专项债, 居民出资, 社会资本, 专营单位 (water, power, gas, telecom utilities). */
export const FUNDING_SOURCES = [
  'centralSubsidy', 'centralBudget', 'provincial', 'local', 'specialBonds', 'residents', 'socialCapital', 'utilities',
] as const;
export const FUNDING_SOURCE_LABELS = {
  centralSubsidy: { zh: '中央补助', en: 'central subsidy' },
  centralBudget: { zh: '中央预算内', en: 'central budget investment' },
  provincial: { zh: '省级', en: 'provincial' },
  local: { zh: '市县配套', en: 'city/county matching' },
  specialBonds: { zh: '专项债', en: 'special-purpose bonds' },
  residents: { zh: '居民出资', en: 'residents' },
  socialCapital: { zh: '社会资本', en: 'social capital' },
  utilities: { zh: '专营单位', en: 'utilities' },
} as const satisfies Record<(typeof FUNDING_SOURCES)[number], { zh: string; en: string }>;
/** Physical outputs a package reports when done (as MOHURD counts them, standards.md §4.1). */
export const OUTPUT_KINDS = ['pipesKm', 'elevators', 'parkingSpaces', 'chargers', 'facilities'] as const;
export const PIPE_KINDS = ['water', 'sewer', 'storm', 'combined', 'gas', 'power', 'telecom'] as const;
export const PIPE_LEVELS = ['main', 'branch', 'service'] as const;
export const PIPE_CONDITIONS = ['good', 'fair', 'poor'] as const;
export const PIPE_MATERIALS = ['ductileIron', 'castIron', 'steel', 'concrete', 'pvc', 'pe', 'clay', 'copper', 'aluminium', 'fibre'] as const;
export const ROAD_CLASSES = ['arterial', 'secondary', 'branch', 'lane'] as const; // 主干路 次干路 支路 巷道
export const BOUNDARY_LEVELS = ['district', 'subdistrict'] as const; // 区 / 街道
export const WATER_KINDS = ['river', 'lake'] as const;
export const NEEDS = [
  'rainSewerSeparation', 'overheadLines', 'elevator', 'roofWaterproofing', 'facade', 'parking',
  'gasUpgrade', 'waterSupply', 'powerUpgrade', 'accessibility', 'lighting', 'greening', 'fireSafety',
] as const;
// Facility kinds of the 完整居住社区 items and GB 50180-2018 life circles (shared/domain/standards.md).
export const AMENITY_KINDS = [
  'communityService', 'kindergarten', 'nursery', 'elderlyCare', 'healthStation', 'healthCenter',
  'supermarket', 'convenience', 'parcelLocker', 'sportsGround', 'park', 'wasteCollection',
  'primarySchool', 'middleSchool', 'busStop', 'publicToilet',
] as const;

export type Management = (typeof MANAGEMENT)[number];
/** One of the default workflow's codes (labels, colours); stored statuses are any `StatusCode`. */
export type PackageStatus = (typeof PACKAGE_STATUS)[number];
/** A status code of the configured workflow (settings.progressStatuses). */
export type StatusCode = string;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export type OutputKind = (typeof OUTPUT_KINDS)[number];
export type PipeKind = (typeof PIPE_KINDS)[number];
export type RoadClass = (typeof ROAD_CLASSES)[number];
export type AmenityKind = (typeof AMENITY_KINDS)[number];
export type Need = (typeof NEEDS)[number];

// ---- geometry (RFC 7946, WGS84 / CGCS2000 lon-lat) ----
const lon = z.number().finite().min(-180).max(180);
const lat = z.number().finite().min(-90).max(90);
export const Position = z.tuple([lon, lat]).rest(z.number().finite());
const ring = z.array(Position).min(4).refine(
  (r) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1],
  { message: 'polygon ring is not closed (first and last positions differ)' },
);
export const PolygonGeom = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
export const MultiPolygonGeom = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) });
export const LineGeom = z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2) });
export const PointGeom = z.object({ type: z.literal('Point'), coordinates: Position });
const AreaGeom = z.union([PolygonGeom, MultiPolygonGeom]);

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits and _ . : - only');
const year = z.number().int().min(1900).max(2100);
const name = z.string().trim().min(1).max(100);

function feature<G extends z.ZodTypeAny, P extends z.ZodTypeAny>(geometry: G, properties: P) {
  return z.object({ type: z.literal('Feature'), geometry, properties, id: z.union([z.string(), z.number()]).optional() });
}
function collection<F extends z.ZodTypeAny>(f: F) {
  return z.object({ type: z.literal('FeatureCollection'), features: z.array(f) });
}

// ---- community 小区 ----
export const CommunityProps = z.object({
  id,
  name,
  aliases: z.array(name).default([]), // other names the same compound goes by in reports
  subdistrict: name, // 街道
  neighborhood: name.nullable().default(null), // 社区居委会
  households: z.number().int().min(1).max(20000),
  buildings: z.number().int().min(1).max(500),
  floorArea: z.number().positive().max(5e6), // m²
  buildYear: year,
  management: z.enum(MANAGEMENT),
  renovatedYear: year.nullable().default(null),
  isOld: z.boolean(), // in the 老旧小区 inventory
  needs: z.array(z.enum(NEEDS)).default([]),
  gates: z.array(Position).default([]), // 出入口 on the boundary, lon/lat
  note: z.string().max(500).nullable().default(null),
});
export const CommunityFeature = feature(PolygonGeom, CommunityProps);
export const CommunityCollection = collection(CommunityFeature);
export type CommunityProps = z.infer<typeof CommunityProps>;
export type CommunityFeature = z.infer<typeof CommunityFeature>;

// ---- road ----
export const RoadProps = z.object({ id, class: z.enum(ROAD_CLASSES), name: name.nullable().default(null) });
export const RoadCollection = collection(feature(LineGeom, RoadProps));
export type RoadProps = z.infer<typeof RoadProps>;

// ---- water (river, lake): basemap and barrier ----
export const WaterProps = z.object({ id, kind: z.enum(WATER_KINDS), name: name.nullable().default(null) });
export const WaterCollection = collection(feature(AreaGeom, WaterProps));
export type WaterProps = z.infer<typeof WaterProps>;

// ---- pipe ----
// Flow direction: the data has no invert levels, so, as in SWMM and EPANET, a gravity line (sewer,
// storm, combined) is digitised in the direction of flow: its first position is upstream, its last
// downstream. The sewer trace (server/analysis/sewerTrace.ts) reads the network that way; the other
// kinds (pressure mains and cables) have no direction.
export const PipeProps = z.object({
  id,
  kind: z.enum(PIPE_KINDS),
  level: z.enum(PIPE_LEVELS),
  diameter: z.number().positive().max(5000), // mm (cables: duct or bundle diameter)
  material: z.enum(PIPE_MATERIALS),
  year: year.nullable().default(null),
  condition: z.enum(PIPE_CONDITIONS).nullable().default(null),
  overhead: z.boolean().default(false),
});
export const PipeCollection = collection(feature(LineGeom, PipeProps));
export type PipeProps = z.infer<typeof PipeProps>;

// ---- amenity ----
export const AmenityProps = z.object({
  id,
  kind: z.enum(AMENITY_KINDS),
  name,
  capacity: z.number().int().positive().nullable().default(null), // places, beds … where the kind has one
});
export const AmenityCollection = collection(feature(PointGeom, AmenityProps));
export type AmenityProps = z.infer<typeof AmenityProps>;

// ---- boundary (district, 街道) ----
export const BoundaryProps = z.object({ id, level: z.enum(BOUNDARY_LEVELS), name, code: z.string().max(20).nullable().default(null) });
export const BoundaryCollection = collection(feature(AreaGeom, BoundaryProps));
export type BoundaryProps = z.infer<typeof BoundaryProps>;

// ---- package 项目包 ----
/** A workflow status code: the defaults are PACKAGE_STATUS; the configured list is a setting. */
export const StatusCodeSchema = z.string().regex(/^[a-z][A-Za-z0-9_]{0,31}$/, 'status codes are a lower-case letter then letters, digits or _ (≤ 32)');
export const StatusEvent = z.object({
  status: StatusCodeSchema,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD'),
  note: z.string().max(500).nullable().default(null),
});
const money = z.number().finite().min(0).max(1e7); // 万元
export const FundingAmount = z.object({
  planned: money.default(0), // 计划 (budgeted, approved)
  inPlace: money.default(0), // 到位 (received)
}).strict();
const amount = () => FundingAmount.default(() => ({ planned: 0, inPlace: 0 }));
/** Funding by source, planned and in place, 万元. */
export const FundingBySource = z.object({
  centralSubsidy: amount(), centralBudget: amount(), provincial: amount(), local: amount(),
  specialBonds: amount(), residents: amount(), socialCapital: amount(), utilities: amount(),
}).strict();
/**
 * The first data model's funding: four amounts in place (万元). Read as planned = in place = the
 * amount; `central` is the 中央补助, and `other` (residents, utilities and social capital lumped
 * together) goes to `residents`, the commonest of the three in the seeds (居民出资) — the split is
 * not recoverable. Database rows are migrated the same way (server/store/schema.ts, migration 3).
 */
export const LegacyFunding = z.object({
  central: z.number().min(0).default(0), provincial: z.number().min(0).default(0),
  local: z.number().min(0).default(0), other: z.number().min(0).default(0),
}).strict();
export function fundingFromLegacy(f: z.infer<typeof LegacyFunding>): z.infer<typeof FundingBySource> {
  const both = (x: number) => ({ planned: x, inPlace: x });
  return FundingBySource.parse({ centralSubsidy: both(f.central), provincial: both(f.provincial), local: both(f.local), residents: both(f.other) });
}
/** Either shape in; always the by-source shape out. */
export const Funding = z.union([FundingBySource, LegacyFunding.transform(fundingFromLegacy)]);
export const EMPTY_FUNDING: z.infer<typeof FundingBySource> = FundingBySource.parse({});
const count = z.number().int().min(0).max(1e6).nullable().default(null);
/** Physical outputs where recorded (null: not recorded). */
export const Outputs = z.object({
  pipesKm: z.number().finite().min(0).max(1e5).nullable().default(null), // km of pipes laid or renewed
  elevators: count, // 加装电梯 (units)
  parkingSpaces: count,
  chargers: count, // charging points (cars and e-bikes)
  facilities: count, // community facilities built or renovated (养老, 托育, 活动场所 …)
}).strict();
export const EMPTY_OUTPUTS: z.infer<typeof Outputs> = Outputs.parse({});
export const PackageInput = z.object({
  id,
  name,
  batch: z.string().max(100).nullable().default(null), // e.g. 2019年第一批
  year: year.nullable().default(null),
  members: z.array(id).min(1),
  history: z.array(StatusEvent).min(1), // ordered by date; the last event is the current status
  locked: z.boolean().default(false),
  funding: Funding.default(() => FundingBySource.parse({})),
  outputs: Outputs.default(() => Outputs.parse({})),
  note: z.string().max(500).nullable().default(null),
});
export const PackageList = z.array(PackageInput);
export type StatusEvent = z.infer<typeof StatusEvent>;
export type FundingAmount = z.infer<typeof FundingAmount>;
export type Funding = z.infer<typeof FundingBySource>;
export type Outputs = z.infer<typeof Outputs>;
export type PackageInput = z.infer<typeof PackageInput>;

// ---- data-set description ----
export const DatasetMeta = z.object({
  name,
  synthetic: z.boolean(),
  description: z.string().max(4000),
  asOf: z.string().nullable().default(null), // date the figures describe
  sources: z.array(z.string().max(500)).default([]),
});
export type DatasetMeta = z.infer<typeof DatasetMeta>;

/** Everything one data set holds; the demo and a user's import both arrive in this shape. */
export const Dataset = z.object({
  meta: DatasetMeta,
  communities: CommunityCollection,
  roads: RoadCollection.default({ type: 'FeatureCollection', features: [] }),
  water: WaterCollection.default({ type: 'FeatureCollection', features: [] }),
  pipes: PipeCollection.default({ type: 'FeatureCollection', features: [] }),
  amenities: AmenityCollection.default({ type: 'FeatureCollection', features: [] }),
  boundaries: BoundaryCollection.default({ type: 'FeatureCollection', features: [] }),
  packages: PackageList.default([]),
});
export type Dataset = z.infer<typeof Dataset>;
export type DatasetInput = z.input<typeof Dataset>;

export const LAYERS = ['communities', 'pipes', 'amenities', 'roads', 'water', 'boundaries', 'packages'] as const;
export type LayerName = (typeof LAYERS)[number];
