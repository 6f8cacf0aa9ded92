// Typed calls to the server. A failed call throws an Error whose message is the server's own
// explanation in the current language (or a plain network message when there is no answer).
import type { FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type {
  AcceptRequest, AcceptResponse, ApiError, BBox, CommunityDetail, CommunitySearchHit, CommunityView, DatasetResponse, NeighboursResponse,
  FieldResponse, GapsResponse, LocationResponse, PackageDetail, PackageGaps, PackagePipesResponse, ReachResponse, SewerTraceResponse, PackageListItem, PackageReport, PackageSummary, PipesResponse, SettingsResponse,
} from '../server/domain/api.ts';
import type { PackagingResult, PackagingAttr } from '../server/analysis/packaging.ts';
import type { Settings } from '../server/domain/settings.ts';
import type { AmenityProps, BoundaryProps, PipeProps, RoadProps, WaterProps } from '../server/domain/model.ts';
import type { Lang, Messages } from './i18n/index.tsx';
import type { AuditResponse, ProgressQuery, ProgressResponse } from './progress/types.ts';

/** What the client shows of each layer, as `GET /api/layers/:name` serves it. */
export interface LayerData {
  communities: FeatureCollection<Polygon, CommunityView>;
  packages: FeatureCollection<Polygon | MultiPolygon, PackageSummary>;
  pipes: FeatureCollection<LineString, PipeProps>;
  amenities: FeatureCollection<Point, AmenityProps>;
  roads: FeatureCollection<LineString, RoadProps>;
  water: FeatureCollection<Polygon | MultiPolygon, WaterProps>;
  boundaries: FeatureCollection<Polygon | MultiPolygon, BoundaryProps>;
}
export type LayerName = keyof LayerData;
export const layerUrl = (name: LayerName) => `/api/layers/${name}`;

/**
 * The layers the app itself reads (the compounds for panels and checks, amenity kinds, 街道 label
 * points). The map's sources take URLs instead: MapLibre's worker fetches and parses them off the
 * main thread, where cloning 20 MB of GeoJSON into the worker cost seconds on a 20 000-compound city.
 */
export type AppData = Pick<LayerData, 'communities' | 'amenities' | 'boundaries'>;
const APP_LAYERS: (keyof AppData)[] = ['communities', 'amenities', 'boundaries'];

export class ApiRequestError extends Error {
  constructor(message: string, readonly status: number, readonly code: string, readonly details?: unknown) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

function isApiError(body: unknown): body is ApiError {
  const e = (body as ApiError | null)?.error;
  return typeof e === 'object' && e !== null && typeof e.message === 'string' && typeof e.messageEn === 'string';
}

type Method = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

async function requestJson<T>(path: string, lang: Lang, t: Messages, signal?: AbortSignal, method: Method = 'GET', body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, body === undefined
      ? { signal, method, headers: { Accept: 'application/json' } }
      : { signal, method, headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiRequestError(t.errors.network, 0, 'network');
  }
  let answer: unknown;
  try {
    answer = await res.json();
  } catch {
    throw new ApiRequestError(t.errors.badResponse(res.status), res.status, 'bad_response');
  }
  if (!res.ok) {
    if (isApiError(answer)) {
      throw new ApiRequestError(lang === 'en' ? answer.error.messageEn : answer.error.message, res.status, answer.error.code, answer.error.details);
    }
    throw new ApiRequestError(t.errors.badResponse(res.status), res.status, 'bad_response');
  }
  return answer as T;
}

export interface Api {
  dataset(signal?: AbortSignal): Promise<DatasetResponse>;
  layers(signal?: AbortSignal): Promise<AppData>;
  community(id: string, signal?: AbortSignal): Promise<CommunityDetail>;
  searchCommunities(q: string, signal?: AbortSignal): Promise<CommunitySearchHit[]>;
  settings(signal?: AbortSignal): Promise<SettingsResponse>;
  /** Refused with code 'stale_version' (409) when someone saved since `version`. */
  saveSettings(version: number, settings: Partial<Settings>): Promise<SettingsResponse>;
  packageList(signal?: AbortSignal): Promise<PackageListItem[]>;
  packageDetail(id: string, signal?: AbortSignal): Promise<PackageDetail>;
  neighbours(signal?: AbortSignal): Promise<NeighboursResponse>;
  suggest(request: SuggestRequest, signal?: AbortSignal): Promise<SuggestResponse>;
  accept(request: AcceptRequest): Promise<AcceptResponse>;
  createPackage(input: { name: string; members: string[]; draft?: boolean }): Promise<PackageDetail>;
  updatePackage(id: string, change: PackageChange): Promise<PackageDetail>;
  splitPackage(id: string, input: { version: number; members: string[]; name: string; draft?: boolean }): Promise<PackageDetail[]>;
  mergePackages(input: { into: string; intoVersion: number; from: string; fromVersion: number; draft?: boolean }): Promise<PackageDetail>;
  deletePackage(id: string, version: number): Promise<{ deleted: string }>;
  /** Undoes the latest change to `id`, refused (409) unless the package is still at `version`. */
  undo(id: string, version?: number): Promise<PackageDetail[]>;
  /** Everything the printable package report shows (`GET /api/packages/:id/report`). */
  report(id: string, signal?: AbortSignal): Promise<PackageReport>;
  /** One layer, only what lies in `bbox` (the report map's surroundings). */
  layerIn<K extends keyof LayerData>(name: K, bbox: BBox, signal?: AbortSignal): Promise<LayerData[K]>;
  /** Every compound's walk to every facility kind with a radius, with 街道 and capacity summaries. */
  gaps(signal?: AbortSignal): Promise<GapsResponse>;
  /** What the pipes say about every compound. */
  pipes(signal?: AbortSignal): Promise<PipesResponse>;
  /** A package's gaps: members beyond each kind's radius, and the one site that would serve them. */
  packageGaps(id: string, signal?: AbortSignal): Promise<PackageGaps>;
  /** Where new facilities of a kind would cover the most households beyond its radius, in a 街道 or a package. */
  location(q: { kind: string; subdistrict?: string; package?: string; count: number }, signal?: AbortSignal): Promise<LocationResponse>;
  /** The streets and compounds a facility reaches on foot within its kind's radius. */
  reach(amenityId: string, signal?: AbortSignal): Promise<ReachResponse>;
  /** Every street edge's walk from the nearest facility of a kind. */
  field(kind: string, signal?: AbortSignal): Promise<FieldResponse>;
  /** Where a gravity pipe's flow goes and what drains into it. */
  sewerTrace(pipeId: string, signal?: AbortSignal): Promise<SewerTraceResponse>;
  /** The pipes layer, only these kinds. */
  pipesOfKinds(kinds: string[], signal?: AbortSignal): Promise<LayerData['pipes']>;
  /** A package's pipe lengths by kind and condition, and the pipe work it calls for, priced. */
  packagePipes(id: string, signal?: AbortSignal): Promise<PackagePipesResponse>;
  /** The progress figures on a date for a batch and/or year (`GET /api/progress`). */
  progress(q: ProgressQuery, signal?: AbortSignal): Promise<ProgressResponse>;
  /** The data-quality flags on a date (`GET /api/audit`; today when no date). */
  audit(date: string | null, signal?: AbortSignal): Promise<AuditResponse>;
}

function progressParams(q: { date: string | null; batch: string | null; year: number | null }): URLSearchParams {
  const p = new URLSearchParams();
  if (q.date) p.set('date', q.date);
  if (q.batch) p.set('batch', q.batch);
  if (q.year) p.set('year', String(q.year));
  return p;
}

/** The 项目清单 workbook for a batch/year, statuses as of `date` (`GET /api/progress/projects.xlsx`). */
export function progressXlsxUrl(q: { date: string | null; batch: string | null; year: number | null }): string {
  const p = progressParams(q).toString();
  return `/api/progress/projects.xlsx${p ? `?${p}` : ''}`;
}

export interface PackageChange {
  version: number;
  name?: string;
  add?: string[];
  remove?: string[];
  locked?: boolean;
  draft?: boolean;
}

/** `POST /api/analysis/packaging`: the rule settings for this run, and the engine's options. */
export interface SuggestRequest {
  settings?: Partial<Settings>;
  attrs?: PackagingAttr[];
  compact?: boolean;
  maxHouseholds?: number;
  maxCommunities?: number;
}
export type SuggestResponse = PackagingResult & { settings: Settings };

export function createApi(lang: Lang, t: Messages): Api {
  const get = <T,>(path: string, signal?: AbortSignal) => requestJson<T>(path, lang, t, signal);
  const send = <T,>(method: Method, path: string, body?: unknown) => requestJson<T>(path, lang, t, undefined, method, body);
  const pkg = (id: string) => `/api/packages/${encodeURIComponent(id)}`;
  return {
    dataset: (signal) => get<DatasetResponse>('/api/dataset', signal),
    async layers(signal) {
      const all = await Promise.all(APP_LAYERS.map((k) => get<FeatureCollection>(layerUrl(k), signal)));
      return Object.fromEntries(APP_LAYERS.map((k, i) => [k, all[i]])) as unknown as AppData;
    },
    community: (id, signal) => get<CommunityDetail>(`/api/communities/${encodeURIComponent(id)}`, signal),
    searchCommunities: (q, signal) => get<CommunitySearchHit[]>(`/api/communities?q=${encodeURIComponent(q)}`, signal),
    settings: (signal) => get<SettingsResponse>('/api/settings', signal),
    saveSettings: (version, settings) => send<SettingsResponse>('PUT', '/api/settings', { version, settings }),
    packageList: (signal) => get<PackageListItem[]>('/api/packages', signal),
    packageDetail: (id, signal) => get<PackageDetail>(pkg(id), signal),
    neighbours: (signal) => get<NeighboursResponse>('/api/analysis/neighbours', signal),
    suggest: (request, signal) => requestJson<SuggestResponse>('/api/analysis/packaging', lang, t, signal, 'POST', request),
    accept: (request) => send<AcceptResponse>('POST', '/api/packages/accept', request),
    createPackage: (input) => send<PackageDetail>('POST', '/api/packages', input),
    updatePackage: (id, change) => send<PackageDetail>('PATCH', pkg(id), change),
    splitPackage: (id, input) => send<PackageDetail[]>('POST', `${pkg(id)}/split`, input),
    mergePackages: (input) => send<PackageDetail>('POST', '/api/packages/merge', input),
    deletePackage: (id, version) => send<{ deleted: string }>('DELETE', `${pkg(id)}?version=${version}`),
    undo: (id, version) => send<PackageDetail[]>('POST', `${pkg(id)}/undo`, version === undefined ? undefined : { version }),
    report: (id, signal) => get<PackageReport>(`${pkg(id)}/report`, signal),
    layerIn: (name, bbox, signal) => get(`/api/layers/${name}?bbox=${bbox.join(',')}`, signal),
    gaps: (signal) => get<GapsResponse>('/api/analysis/gaps', signal),
    pipes: (signal) => get<PipesResponse>('/api/analysis/pipes', signal),
    packageGaps: (id, signal) => get<PackageGaps>(`${pkg(id)}/gaps`, signal),
    location: ({ kind, subdistrict, package: p, count }, signal) => {
      const area = subdistrict !== undefined ? `subdistrict=${encodeURIComponent(subdistrict)}` : `package=${encodeURIComponent(p ?? '')}`;
      return get<LocationResponse>(`/api/analysis/location?kind=${kind}&${area}&count=${count}`, signal);
    },
    reach: (amenityId, signal) => get<ReachResponse>(`/api/analysis/reach?amenity=${encodeURIComponent(amenityId)}`, signal),
    field: (kind, signal) => get<FieldResponse>(`/api/analysis/field?kind=${kind}`, signal),
    sewerTrace: (pipeId, signal) => get<SewerTraceResponse>(`/api/analysis/sewer-trace?pipe=${encodeURIComponent(pipeId)}`, signal),
    pipesOfKinds: (kinds, signal) => get<LayerData['pipes']>(`${layerUrl('pipes')}?kind=${kinds.join(',')}`, signal),
    packagePipes: (id, signal) => get<PackagePipesResponse>(`${pkg(id)}/pipes`, signal),
    progress: (q, signal) => get<ProgressResponse>(`/api/progress?${progressParams(q)}`, signal),
    audit: (date, signal) => get<AuditResponse>(`/api/audit${date ? `?date=${date}` : ''}`, signal),
  };
}
