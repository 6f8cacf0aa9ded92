// Walking access of every compound to every facility kind with a radius, built on demand and kept
// until the data or the settings change: the walking network from the roads layer, then one
// multi-source shortest-path run per kind (server/analysis/access.ts).
import { compoundAccess } from './analysis/access.ts';
import { buildWalkNetwork, type WalkNetwork } from './analysis/walk.ts';
import type { GapsResponse } from './domain/api.ts';
import { FACILITY_STANDARDS, facilityRadii } from './domain/facilities.ts';
import type { AmenityKind } from './domain/model.ts';
import type { Store } from './store/store.ts';

const round1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);

export function buildGaps(store: Store, network: WalkNetwork): GapsResponse {
  const s = store.settings();
  const communities = store.communities();
  const amenities = store.amenities();
  const radii = facilityRadii(s.facilityRadiiM);
  const kinds = Object.keys(radii) as AmenityKind[];
  const r = compoundAccess(network, { compounds: communities, facilities: amenities, kinds, radiusM: radii as Record<string, number> });
  return {
    kinds: r.kinds.map((k) => {
      let withoutCommunities = 0;
      let withoutHouseholds = 0;
      communities.forEach((c, i) => {
        if (!k.within[i]) {
          withoutCommunities++;
          withoutHouseholds += c.properties.households;
        }
      });
      const std = FACILITY_STANDARDS[k.kind as AmenityKind];
      return {
        kind: k.kind, radiusM: k.radiusM, level: std.level, confidence: std.confidence, source: std.source,
        facilities: amenities.filter((a) => a.properties.kind === k.kind).length, withoutCommunities, withoutHouseholds,
      };
    }),
    communities: communities.map((c, i) => ({
      id: c.properties.id, name: c.properties.name, households: c.properties.households, gated: r.gated[i] === 1,
      access: Object.fromEntries(r.kinds.map((k) => [k.kind, { walkM: round1(k.networkM[i]), straightM: round1(k.straightM[i]), within: k.within[i] === 1 }])),
    })),
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
