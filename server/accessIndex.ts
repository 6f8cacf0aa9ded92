// Walking access of every compound to every facility kind with a radius, built on demand and kept
// until the data or the settings change: the walking network from the roads layer, then one
// multi-source shortest-path run per kind (server/analysis/access.ts).
import { compoundAccess, compoundExitPoints } from './analysis/access.ts';
import { buildWalkNetwork, type WalkNetwork } from './analysis/walk.ts';
import { catchments } from './analysis/capacity.ts';
import type { GapAccess, GapCapacity, GapsResponse, GapSubdistrict } from './domain/api.ts';
import { FACILITY_STANDARDS, facilityRadii } from './domain/facilities.ts';
import type { Feature, Point } from 'geojson';
import type { AmenityKind, AmenityProps } from './domain/model.ts';

type Amenity = Feature<Point, AmenityProps>;
import type { Store } from './store/store.ts';

const round1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);

export function buildGaps(store: Store, network: WalkNetwork): GapsResponse {
  const s = store.settings();
  const communities = store.communities();
  const amenities = store.amenities();
  const radii = facilityRadii(s.facilityRadiiM);
  const kinds = Object.keys(radii) as AmenityKind[];
  const r = compoundAccess(network, { compounds: communities, facilities: amenities, kinds, radiusM: radii as Record<string, number> });
  const households = communities.map((c) => c.properties.households);
  const exits = compoundExitPoints(communities);

  // the second measure where the kind has a demand figure and the data has places
  const capacity = new Map<string, { gap: GapCapacity; facilityOf: Int32Array; ratioOf: Float64Array; sites: Amenity[] }>();
  for (const kind of kinds) {
    const perHousehold = s.capacityPerHousehold[kind];
    const sites = amenities.filter((a) => a.properties.kind === kind);
    if (perHousehold == null || !sites.some((a) => a.properties.capacity != null)) continue;
    const c = catchments(network, {
      exits, households, perHousehold,
      facilities: sites.map((a) => a.geometry.coordinates), capacity: sites.map((a) => a.properties.capacity),
    });
    const facilities = sites.map((a, f) => ({
      id: a.properties.id, name: a.properties.name, capacity: a.properties.capacity,
      households: c.households[f], demand: round1(c.demand[f])!, ratio: Number.isFinite(c.ratio[f]) ? Math.round(c.ratio[f] * 100) / 100 : null,
    }));
    const shortPlaces = facilities.reduce((sum, f) => sum + (f.capacity != null ? Math.max(0, f.demand - f.capacity) : 0), 0);
    capacity.set(kind, { gap: { perHousehold, shortPlaces: Math.round(shortPlaces), facilities }, facilityOf: c.facility, ratioOf: c.ratio, sites });
  }

  const bySubdistrict = new Map<string, GapSubdistrict>();
  communities.forEach((c, i) => {
    const name = c.properties.subdistrict;
    let sd = bySubdistrict.get(name);
    if (!sd) bySubdistrict.set(name, sd = { name, communities: 0, households: 0, without: Object.fromEntries(kinds.map((k) => [k, { communities: 0, households: 0 }])) });
    sd.communities++;
    sd.households += households[i];
    for (const k of r.kinds) {
      if (k.within[i]) continue;
      sd.without[k.kind].communities++;
      sd.without[k.kind].households += households[i];
    }
  });

  return {
    kinds: r.kinds.map((k) => {
      const lacking = communities.filter((_, i) => !k.within[i]);
      const std = FACILITY_STANDARDS[k.kind as AmenityKind];
      return {
        kind: k.kind, radiusM: k.radiusM, level: std.level, confidence: std.confidence, source: std.source,
        facilities: amenities.filter((a) => a.properties.kind === k.kind).length,
        withoutCommunities: lacking.length, withoutHouseholds: lacking.reduce((sum, c) => sum + c.properties.households, 0),
        capacity: capacity.get(k.kind)?.gap ?? null,
      };
    }),
    communities: communities.map((c, i) => ({
      id: c.properties.id, name: c.properties.name, subdistrict: c.properties.subdistrict, households: c.properties.households, gated: r.gated[i] === 1,
      access: Object.fromEntries(r.kinds.map((k) => {
        const a: GapAccess = { walkM: round1(k.networkM[i]), straightM: round1(k.straightM[i]), within: k.within[i] === 1 };
        const cap = capacity.get(k.kind);
        if (cap) {
          const f = cap.facilityOf[i];
          a.facilityId = f >= 0 ? cap.sites[f].properties.id : null;
          a.capacityRatio = f >= 0 && Number.isFinite(cap.ratioOf[f]) ? Math.round(cap.ratioOf[f] * 100) / 100 : null;
        }
        return [k.kind, a];
      })),
    })),
    subdistricts: [...bySubdistrict.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
}

export interface AccessIndex {
  /** The walking network of the roads layer under the saved settings. */
  network(): WalkNetwork;
  /** Every compound's access to every facility kind with a radius. */
  gaps(): GapsResponse;
}

/** Built on first use and kept until an import or a settings save (package edits leave it alone). */
export function createAccessIndex(store: Store): AccessIndex {
  const key = () => `${store.importVersion()}/${store.settingsVersion()}`;
  const memo = <T>(build: () => T) => {
    let cached: { key: string; value: T } | null = null;
    return () => {
      const k = key();
      if (cached?.key !== k) cached = { key: k, value: build() };
      return cached.value;
    };
  };
  const network = memo(() => buildWalkNetwork(store.roads(), { arterialCrossingAtJunctionsOnly: store.settings().arterialCrossingAtJunctionsOnly }));
  const gaps = memo(() => buildGaps(store, network()));
  return { network, gaps };
}
