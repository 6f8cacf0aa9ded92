// Response shapes of the HTTP API; the client imports these types so both sides agree.
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { CommunityProps, DatasetMeta, Funding, Management, Outputs, PipeKind, StatusCode, StatusEvent } from './model.ts';
import type { Settings } from './settings.ts';
import type { EligibilityClass } from './eligibility.ts';
import type { RuleCheck } from './packageRules.ts';
import type { PipeFlags } from '../analysis/pipes.ts';

export type BBox = [number, number, number, number]; // minLon, minLat, maxLon, maxLat

export interface HealthResponse {
  ok: true;
  dataset: DatasetMeta;
  counts: Record<'communities' | 'packages' | 'pipes' | 'amenities' | 'roads', number>;
}

export interface DatasetResponse {
  meta: DatasetMeta;
  bbox: BBox; // everything drawn, district outline included
  homeBbox: BBox; // the communities: where the map opens (a district is mostly countryside)
  subdistricts: string[];
  buildYearRange: [number, number];
  householdsRange: [number, number];
  settings: Settings;
}

/** A community as the API serves it: stored properties plus what the rules derive. */
export interface CommunityView extends CommunityProps {
  eligible: boolean; // built in or before the cut-off year and not yet renovated (settings)
  eligibility: EligibilityClass; // why it is or is not a candidate, for colouring
  packageId: string | null;
  packageName: string | null;
  packageStatus: StatusCode | null;
}
export type CommunityViewFeature = Feature<Polygon, CommunityView>;

export interface CommunityDetail {
  feature: CommunityViewFeature;
  bbox: BBox;
  /** Site area of the polygon (m²) and floor-area ratio derived from it. */
  siteArea: number;
  far: number;
}

export interface CommunitySearchHit {
  id: string;
  name: string;
  subdistrict: string;
  households: number;
  bbox: BBox;
}

export interface PackageTotals {
  households: number;
  buildings: number;
  floorArea: number;
  communityCount: number;
}

/** What every view of a package shows; `version` guards edits (a stale one is refused). */
export interface PackageHead {
  id: string;
  name: string;
  batch: string | null;
  year: number | null;
  /** the latest event's status (a code of settings.progressStatuses) */
  status: StatusCode;
  locked: boolean;
  version: number;
}

export interface PackageSummary extends PackageHead, PackageTotals {
  members: string[];
}

/** A package in the list: its summary and whether it passes every rule now. */
export interface PackageListItem extends PackageSummary {
  draft: boolean;
  valid: boolean;
  failedRules: RuleCheck['rule'][];
}
export type PackageFeature = Feature<Polygon | MultiPolygon, PackageSummary>;

export interface PackageDetail extends PackageHead {
  note: string | null;
  /** Saved on purpose while breaking a rule; `checks` says which. */
  draft: boolean;
  checks: RuleCheck[];
  history: StatusEvent[];
  /** 万元 per source, planned and in place */
  funding: Funding;
  /** physical outputs where recorded */
  outputs: Outputs;
  members: CommunityView[];
  totals: PackageTotals;
  outline: Geometry;
  bbox: BBox;
}

/** `GET /api/progress` (server/domain/progress.ts) and `GET /api/audit` (server/domain/audit.ts). */
export type { ProgressResponse } from './progress.ts';
export type { AuditResponse, AuditFlag } from './audit.ts';

export interface SettingsResponse {
  settings: Settings;
  defaults: Settings;
  /** Send it back with a change; a change based on an older version is refused with 409. */
  version: number;
}

export interface AuditView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  undone: boolean;
  before: unknown;
  after: unknown;
}

export interface ApiError {
  error: { code: string; message: string; messageEn: string; details?: unknown };
}

export type LayerResponse = FeatureCollection;

/** `GET /api/analysis/neighbours`: the gap graph under the saved settings, each pair once (a < b). */
export interface NeighboursResponse {
  /** Settings version the graph was built with. */
  settingsVersion: number;
  /** [a, b, gap m, facing wall m] */
  edges: [string, string, number, number][];
}

/** `POST /api/packages/accept`: suggested packages accepted in one change (one undo). */
export interface AcceptRequest {
  packages: {
    /** Defaults to "<largest member>等N个小区". */
    name?: string;
    members: string[];
  }[];
  /** Versions of the unlocked packages the suggestions take members from; a changed one → 409. */
  basis?: { id: string; version: number }[];
}
export interface AcceptResponse {
  /** As the package list shows them (no outlines: an acceptance may create thousands). */
  created: PackageListItem[];
  /** Packages that lost members (left as drafts when they now break a rule) … */
  changed: PackageListItem[];
  /** … or were emptied and deleted. */
  deleted: string[];
}

/** Pipe length inside a package's member compounds, per kind and placement. */
export interface PipeWork {
  kind: PipeKind;
  overhead: boolean;
  lengthM: number;
  /** Of which in poor condition. */
  poorM: number;
}

/** `GET /api/packages/:id/report`: everything the printable package report shows. */
export interface PackageReport {
  package: PackageDetail;
  /** Members with site area (m²). */
  siteArea: Record<string, number>;
  buildYears: { min: number; max: number };
  /** Households and compounds per management type. */
  management: Record<Management, { communities: number; households: number }>;
  cost: {
    mode: Settings['costMode'];
    /** 元 per household or per m² */
    unitCost: number;
    /** households, or m² of floor area */
    quantity: number;
    /** 元 */
    total: number;
    /** Per member, 元, same order as package.members. */
    byMember: number[];
  };
  pipes: PipeWork[];
  /** Combined (雨污合流) pipe inside the members: to be separated (雨污分流). */
  combinedM: number;
  /** Overhead lines inside the members: to bury or tidy. */
  overheadM: number;
  /** Pipe work priced per metre (settings.pipeWorkCostPerM), on top of cost.total; grandTotal = cost.total + total, 元. */
  pipeWork: { items: PipeWorkItem[]; total: number; grandTotal: number };
  settings: Settings;
  generatedAt: string;
}

/** `GET /api/analysis/gaps`: one facility kind's standard and how many lack it. */
export interface GapKind {
  kind: string;
  radiusM: number;
  level: string;
  confidence: string;
  source: string;
  facilities: number;
  /** Compounds (and their households) with no facility of the kind within the radius on foot. */
  withoutCommunities: number;
  withoutHouseholds: number;
  /** The second measure, for kinds with a capacityPerHousehold setting (server/analysis/capacity.ts); null otherwise. */
  capacity: GapCapacity | null;
}
/** Places against the households allotted to each facility (its nearest-on-foot catchment). */
export interface GapCapacity {
  perHousehold: number;
  /** Sum of places short over the facilities whose catchment needs more than they have (unknown capacities left out). */
  shortPlaces: number;
  facilities: { id: string; name: string; capacity: number | null; households: number; demand: number; ratio: number | null }[];
}
/** Per compound and kind: walking and straight-line metres to the nearest facility (null: none reachable). */
export interface GapAccess {
  walkM: number | null;
  straightM: number | null;
  within: boolean;
  /** For kinds with a capacity measure: the facility this compound is allotted to, and its places per needed place. */
  facilityId?: string | null;
  capacityRatio?: number | null;
}
/** Per 街道: how many compounds and households lack each kind within its radius. */
export interface GapSubdistrict {
  name: string;
  communities: number;
  households: number;
  without: Record<string, { communities: number; households: number }>;
}
export interface GapsResponse {
  kinds: GapKind[];
  communities: { id: string; name: string; subdistrict: string; households: number; gated: boolean; access: Record<string, GapAccess> }[];
  subdistricts: GapSubdistrict[];
}

/** `GET /api/packages/:id/gaps`: per facility kind, the members beyond its radius and the one site that would serve most of them. */
export interface PackageGaps {
  id: string;
  name: string;
  members: number;
  households: number;
  kinds: {
    kind: string;
    radiusM: number;
    lacking: { id: string; name: string; households: number; walkM: number | null }[];
    lackingHouseholds: number;
    /** The best single new site for the lacking members (greedy coverage, one pick); null when none lacks or no site reaches any. */
    sharedSite: { lon: number; lat: number; coversAll: boolean; covers: string[]; households: number } | null;
  }[];
}

/** `GET /api/analysis/pipes`: per compound, what the pipes say (see server/analysis/pipes.ts). */
export interface PipesResponse {
  sewerOutletMaxM: number;
  pipeServiceLifeYears: number;
  year: number;
  communities: (PipeFlags & { name: string })[];
}

// ---- walking access: where to site a facility, what one reaches, the distance field (issue 5; server/routes/access.ts) ----

/** A compound a picked site newly brings within the kind's radius on foot. */
export interface LocationCover {
  id: string;
  name: string;
  households: number;
}
/** One suggested site, in the order greedy picked them. */
export interface LocationPick {
  lon: number;
  lat: number;
  /** a street node inside the area, or an exit point (gate, else outline vertex) of an uncovered compound */
  source: 'roadNode' | 'compoundEdge';
  /** households and compounds it newly covers (positive, non-increasing down the list) */
  gainHouseholds: number;
  gainCommunities: number;
  /** households covered by this pick and those before it */
  cumulativeHouseholds: number;
  covers: LocationCover[];
}
/** `GET /api/analysis/location?kind=&subdistrict=|package=&count=`: sites for a new facility of a kind (greedy maximal coverage). */
export interface LocationResponse {
  kind: string;
  radiusM: number;
  area: { type: 'subdistrict' | 'package'; id: string; name: string };
  /** the area's compounds without a facility of the kind within radiusM on foot */
  uncovered: { communities: number; households: number };
  /** how many candidate sites were considered */
  candidates: number;
  /** of the uncovered, those some candidate would bring within the radius */
  coverable: { communities: number; households: number };
  picks: LocationPick[];
}

/** A street piece within the radius, from its end nearer the facility; walking distance linear from fromM to toM. */
export interface ReachSegmentView {
  path: [number, number][];
  fromM: number;
  toM: number;
}
/** `GET /api/analysis/reach?amenity=&radiusM=`: the streets and compounds a facility serves on foot. */
export interface ReachResponse {
  amenity: { id: string; name: string; kind: string; lon: number; lat: number };
  radiusM: number;
  segments: ReachSegmentView[];
  /** compounds whose best exit point is within radiusM on foot, nearest first */
  communities: { id: string; name: string; walkM: number }[];
}

/** `GET /api/analysis/field?kind=`: per street edge the walk from the nearest facility of the kind at both ends, for a deck.gl layer. */
export interface FieldResponse {
  kind: string;
  radiusM: number;
  /** lonA, latA, lonB, latB per edge */
  positions: number[];
  /** metres at A and at B per edge; null where no facility of the kind is reachable */
  distM: (number | null)[];
}

/** `GET /api/analysis/sewer-trace?pipe=ID`: where a gravity pipe's flow goes and what drains into it (server/analysis/sewerTrace.ts). */
export interface SewerTraceResponse {
  pipe: { id: string; kind: PipeKind; lengthM: number };
  /** Pipes after the clicked one down to the outfall(s), in the order reached (the clicked pipe not listed); metres the flow travels. */
  downstream: { pipes: string[]; lengthM: number; outfalls: [number, number][] };
  /** Pipes whose flow reaches the clicked one: its catchment. */
  upstream: { pipes: string[]; lengthM: number };
  /** Compounds whose walls lie within sewerOutletMaxM of the pipe or an upstream pipe: the ones it serves. */
  communities: { id: string; name: string }[];
  /** Inconsistent flow directions met (dead ends, loops), in Chinese and, same order, English. */
  warnings: string[];
  warningsEn: string[];
}

/** Pipe work a package calls for (server/analysis/packagePipes.ts). */
export type PipeWorkItemKind = 'separation' | 'overheadBurial' | 'replacement' | 'sewerConnection';
export interface PipeWorkItem {
  item: PipeWorkItemKind;
  /** m, to 0.1 */
  quantityM: number;
  /** 元/m (settings.pipeWorkCostPerM) */
  unitCost: number;
  /** 元, quantityM × unitCost rounded */
  cost: number;
}
/** Metres inside a package's members of one pipe kind, by condition, and of which aged or overhead. */
export interface PackagePipeLengths {
  kind: PipeKind;
  good: number;
  fair: number;
  poor: number;
  unknown: number;
  totalM: number;
  agedM: number;
  overheadM: number;
}
/** `GET /api/packages/:id/pipes`. */
export interface PackagePipesResponse {
  package: { id: string; name: string };
  year: number;
  pipeServiceLifeYears: number;
  sewerOutletMaxM: number;
  lengths: PackagePipeLengths[];
  work: PipeWorkItem[];
  /** 元 */
  workTotal: number;
  /** Per member: the pipe flags and the length of sewer connection it needs (0 with an outlet; null when the data has no sewer). */
  members: (PipeFlags & { name: string; sewerConnectionM: number | null })[];
}
