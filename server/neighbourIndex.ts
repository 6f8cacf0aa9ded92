// The gap neighbour graph of the loaded communities, built on demand and kept until the
// geometry or the settings change (package edits do not touch it).
import type { Feature, Polygon } from 'geojson';
import type { Graph } from './analysis/csr.ts';
import { gapGraph, type BarrierFeature, type GapGraphResult } from './analysis/neighbours.ts';
import type { CommunityProps } from './domain/model.ts';
import type { Settings } from './domain/settings.ts';
import type { Store } from './store/store.ts';

export interface NeighbourIndex {
  communities: Feature<Polygon, CommunityProps>[];
  ids: string[];
  graph: Graph;
  result: GapGraphResult;
  neighbours(id: string): Iterable<string>;
}

type GapSettings = Pick<Settings, 'gapToleranceM' | 'barrierRoadClasses' | 'sameSubdistrict'>;

/** The gap graph of every community under the given settings: barrier roads of the chosen classes and all water. */
export function buildNeighbourIndex(store: Store, s: GapSettings): NeighbourIndex {
  const communities = store.communities();
  const barrierClasses = new Set<string>(s.barrierRoadClasses);
  const barriers: BarrierFeature[] = [
    ...store.roads().filter((r) => barrierClasses.has(r.properties.class))
      .map((r) => ({ type: 'Feature' as const, geometry: r.geometry, properties: { kind: r.properties.class, name: r.properties.name } })),
    ...store.water().map((w) => ({ type: 'Feature' as const, geometry: w.geometry as BarrierFeature['geometry'], properties: { kind: w.properties.kind, name: w.properties.name } })),
  ];
  const result = gapGraph({
    features: communities, subdistrict: communities.map((c) => c.properties.subdistrict), barriers,
    toleranceM: s.gapToleranceM, sameSubdistrict: s.sameSubdistrict,
  });
  const ids = communities.map((c) => c.properties.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const g = result.graph;
  return {
    communities, ids, graph: g, result,
    *neighbours(id: string) {
      const i = index.get(id);
      if (i === undefined) return;
      for (let j = g.offsets[i]; j < g.offsets[i + 1]; j++) yield ids[g.neighbours[j]];
    },
  };
}

const tenth = (x: number) => Math.round(x * 10) / 10;

/**
 * Each edge of the graph once as [a, b, gap m, facing wall m], a < b by id (string order),
 * sorted by a then b, lengths to 0.1 m: what GET /api/analysis/neighbours serves.
 */
export function edgeList({ ids, graph: g }: Pick<NeighbourIndex, 'ids' | 'graph'>): [string, string, number, number][] {
  const edges: [string, string, number, number][] = [];
  for (let i = 0; i < g.n; i++) {
    for (let k = g.offsets[i]; k < g.offsets[i + 1]; k++) {
      const a = ids[i], b = ids[g.neighbours[k]];
      if (a < b) edges.push([a, b, tenth(g.gap[k]), tenth(g.shared[k])]);
    }
  }
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return edges.sort((x, y) => cmp(x[0], y[0]) || cmp(x[1], y[1]));
}

export const sameGapSettings = (a: GapSettings, b: GapSettings) =>
  a.gapToleranceM === b.gapToleranceM && a.sameSubdistrict === b.sameSubdistrict &&
  [...a.barrierRoadClasses].sort().join() === [...b.barrierRoadClasses].sort().join();

/** The index under the stored settings, cached until an import or a settings change. */
export function createNeighbourIndex(store: Store): () => NeighbourIndex {
  let key = '';
  let built: NeighbourIndex | undefined;
  return () => {
    const k = `${store.importVersion()}:${store.settingsVersion()}`;
    if (!built || k !== key) {
      built = buildNeighbourIndex(store, store.settings());
      key = k;
    }
    return built;
  };
}
