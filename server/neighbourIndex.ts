// The gap neighbour graph of the loaded communities, built on demand and kept until the
// geometry or the settings change (package edits do not touch it).
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';
import type { Graph } from './analysis/csr.ts';
import { gapGraph, type GapGraphResult } from './analysis/neighbours.ts';
import type { Store } from './store/store.ts';

export interface NeighbourIndex {
  ids: string[];
  index: Map<string, number>;
  graph: Graph;
  result: GapGraphResult;
  neighbours(id: string): Iterable<string>;
}

export function createNeighbourIndex(store: Store): () => NeighbourIndex {
  let key = '';
  let built: NeighbourIndex | undefined;
  return () => {
    const k = `${store.importVersion()}:${store.settingsVersion()}`;
    if (built && k === key) return built;
    const settings = store.settings();
    const communities = store.communities();
    const barrierClasses = new Set<string>(settings.barrierRoadClasses);
    const barriers: Feature<LineString | Polygon | MultiPolygon, { kind: string; name: string | null }>[] = [
      ...store.roads().filter((r) => barrierClasses.has(r.properties.class))
        .map((r) => ({ type: 'Feature' as const, geometry: r.geometry, properties: { kind: r.properties.class, name: r.properties.name } })),
      ...store.water().map((w) => ({ type: 'Feature' as const, geometry: w.geometry as Polygon | MultiPolygon, properties: { kind: w.properties.kind, name: w.properties.name } })),
    ];
    const result = gapGraph({
      features: communities, subdistrict: communities.map((c) => c.properties.subdistrict), barriers,
      toleranceM: settings.gapToleranceM, sameSubdistrict: settings.sameSubdistrict,
    });
    const ids = communities.map((c) => c.properties.id);
    const index = new Map(ids.map((id, i) => [id, i]));
    const g = result.graph;
    built = {
      ids, index, graph: g, result,
      *neighbours(id: string) {
        const i = index.get(id);
        if (i === undefined) return;
        for (let j = g.offsets[i]; j < g.offsets[i + 1]; j++) yield ids[g.neighbours[j]];
      },
    };
    key = k;
    return built;
  };
}
