// A package's amenity gaps (issue 5 §3): for every facility kind, the members beyond its radius on
// foot, and the one site that would serve them all — found by the location search's greedy
// coverage limited to one pick, over the street nodes around the members and the members' own edges.
import { compoundExitPoints } from './analysis/access.ts';
import { maximalCoverage, nodesInBox } from './analysis/coverage.ts';
import type { AccessIndex } from './accessIndex.ts';
import { emptyBBox, extendBBox } from './analysis/bbox.ts';
import type { BBox, PackageGaps } from './domain/api.ts';
import type { Store } from './store/store.ts';

const r1 = (x: number) => Math.round(x * 1e6) / 1e6;

/** undefined when there is no such package. */
export function packageGaps(store: Store, access: AccessIndex, id: string): PackageGaps | undefined {
  const pkg = store.package(id);
  if (!pkg) return undefined;
  const members = store.communitiesByIds(pkg.members);
  const gaps = access.gaps();
  const network = access.network();
  const rows = new Map(gaps.communities.map((c) => [c.id, c]));
  const box = emptyBBox() as BBox;
  for (const m of members) for (const p of m.geometry.coordinates[0]) extendBBox(box, p[0], p[1]);
  const exits = compoundExitPoints(members);
  const exitsOf = (i: number) => exits.points.slice(exits.start[i], exits.start[i + 1]);

  return {
    id: pkg.id, name: pkg.name, members: members.length, households: members.reduce((s, m) => s + m.properties.households, 0),
    kinds: gaps.kinds.map((k) => {
      const lackingIdx = members.map((_, i) => i).filter((i) => !rows.get(members[i].properties.id)?.access[k.kind]?.within);
      const lacking = lackingIdx.map((i) => {
        const p = members[i].properties;
        return { id: p.id, name: p.name, households: p.households, walkM: rows.get(p.id)?.access[k.kind]?.walkM ?? null };
      });
      let sharedSite: PackageGaps['kinds'][number]['sharedSite'] = null;
      if (lacking.length > 0) {
        // street nodes within the radius of the members' box, and the lacking members' own exits
        const nodes = nodesInBox(network, box as [number, number, number, number], k.radiusM);
        const candidates = [...nodes.map((v) => [network.lon[v], network.lat[v]]), ...lackingIdx.flatMap(exitsOf)];
        const { picks } = maximalCoverage(network, {
          demandPoints: lackingIdx.map(exitsOf), weight: lacking.map((l) => l.households), candidates, radiusM: k.radiusM, maxSites: 1,
        });
        const pick = picks[0];
        if (pick) {
          const at = candidates[pick.candidate];
          sharedSite = {
            lon: r1(at[0]), lat: r1(at[1]), coversAll: pick.gainCount === lacking.length,
            covers: pick.covers.map((d) => lacking[d].id), households: pick.gainWeight,
          };
        }
      }
      return { kind: k.kind, radiusM: k.radiusM, lacking, lackingHouseholds: lacking.reduce((s, l) => s + l.households, 0), sharedSite };
    }),
  };
}
