// Typed calls to the server. A failed call throws an Error whose message is the server's own
// explanation in the current language (or a plain network message when there is no answer).
import type { FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type {
  ApiError, CommunityDetail, CommunitySearchHit, CommunityView, DatasetResponse, PackageSummary, SettingsResponse,
} from '../server/domain/api.ts';
import type { Settings } from '../server/domain/settings.ts';
import type { AmenityProps, BoundaryProps, PipeProps, RoadProps, WaterProps } from '../server/domain/model.ts';
import type { Lang, Messages } from './i18n/index.tsx';

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
const LAYER_KEYS: (keyof LayerData)[] = ['communities', 'packages', 'pipes', 'amenities', 'roads', 'water', 'boundaries'];

export class ApiRequestError extends Error {
  constructor(message: string, readonly status: number, readonly code: string) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

function isApiError(body: unknown): body is ApiError {
  const e = (body as ApiError | null)?.error;
  return typeof e === 'object' && e !== null && typeof e.message === 'string' && typeof e.messageEn === 'string';
}

async function requestJson<T>(path: string, lang: Lang, t: Messages, signal?: AbortSignal, put?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, put === undefined
      ? { signal, headers: { Accept: 'application/json' } }
      : { signal, method: 'PUT', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(put) });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiRequestError(t.errors.network, 0, 'network');
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiRequestError(t.errors.badResponse(res.status), res.status, 'bad_response');
  }
  if (!res.ok) {
    if (isApiError(body)) {
      throw new ApiRequestError(lang === 'en' ? body.error.messageEn : body.error.message, res.status, body.error.code);
    }
    throw new ApiRequestError(t.errors.badResponse(res.status), res.status, 'bad_response');
  }
  return body as T;
}

export interface Api {
  dataset(signal?: AbortSignal): Promise<DatasetResponse>;
  layers(signal?: AbortSignal): Promise<LayerData>;
  community(id: string, signal?: AbortSignal): Promise<CommunityDetail>;
  searchCommunities(q: string, signal?: AbortSignal): Promise<CommunitySearchHit[]>;
  settings(signal?: AbortSignal): Promise<SettingsResponse>;
  /** Refused with code 'stale_version' (409) when someone saved since `version`. */
  saveSettings(version: number, settings: Partial<Settings>): Promise<SettingsResponse>;
}

export function createApi(lang: Lang, t: Messages): Api {
  const get = <T,>(path: string, signal?: AbortSignal) => requestJson<T>(path, lang, t, signal);
  return {
    dataset: (signal) => get<DatasetResponse>('/api/dataset', signal),
    async layers(signal) {
      const all = await Promise.all(LAYER_KEYS.map((k) => get<FeatureCollection>(`/api/layers/${k}`, signal)));
      return Object.fromEntries(LAYER_KEYS.map((k, i) => [k, all[i]])) as unknown as LayerData;
    },
    community: (id, signal) => get<CommunityDetail>(`/api/communities/${encodeURIComponent(id)}`, signal),
    searchCommunities: (q, signal) => get<CommunitySearchHit[]>(`/api/communities?q=${encodeURIComponent(q)}`, signal),
    settings: (signal) => get<SettingsResponse>('/api/settings', signal),
    saveSettings: (version, settings) => requestJson<SettingsResponse>('/api/settings', lang, t, undefined, { version, settings }),
  };
}
