// The whole suggestion on a generated city of 20 000 walled compounds: gap graph + max-p +
// explanations, its time and peak memory, against a single greedy construction (baseline).
import type { Feature, Polygon } from 'geojson';
import { gapGraph } from '../../server/analysis/neighbours.ts';
import { suggestPackages, type PackagingInput } from '../../server/analysis/packaging.ts';
import type { CommunityProps } from '../../server/domain/model.ts';
import { city } from './graph.ts';

const N = 20_000;

/** Households skewed like real compounds: about a third under 100 (standards.md §4.3), the rest up to ~1 500. */
function households(i: number): number {
  const u = ((i * 2654435761) % 4294967296) / 4294967296; // a fixed low-discrepancy-ish sequence: no Math.random
  return Math.round(Math.exp(3.2 + u * 3.4)); // 25 … 1 500, log-uniform: ≈ 36 % under 100
}

export async function benchPackaging(): Promise<void> {
  const { features, subdistrict, barriers } = city(N);
  const communities = features.map((f, i): Feature<Polygon, CommunityProps> => ({
    ...f,
    properties: {
      id: `c${i}`, name: `小区${i}`, aliases: [], subdistrict: subdistrict[i], neighborhood: null, households: households(i),
      buildings: 1 + (i % 20), floorArea: 70 * households(i), buildYear: 1975 + ((i * 7) % 45), management: 'none', renovatedYear: null,
      isOld: true, needs: [], gates: [], note: null,
    },
  }));
  const run = (constructions?: number, moves?: number) => {
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
    const t0 = performance.now();
    const gap = gapGraph({ features: communities, subdistrict, barriers, toleranceM: 30 });
    const input: PackagingInput = {
      communities, gap, eligible: communities.map((c) => c.properties.buildYear <= 2000), packageOf: communities.map(() => null),
      minHouseholds: 100, toleranceM: 30, seed: 1, constructions, moves,
    };
    const r = suggestPackages(input);
    const ms = performance.now() - t0;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { r, ms, mb: (peak - rss0) / 1e6 };
  };
  const full = run();
  const greedy = run(1, 0);
  const line = (label: string, x: typeof full) =>
    `   ${label}: ${(x.ms / 1000).toFixed(2)} s, +${x.mb.toFixed(0)} MB peak RSS; ${x.r.packages.length} packages, p ${x.r.stats.p}, ` +
    `${x.r.stats.placedSmall}/${x.r.stats.small} small sites placed, ${x.r.unplaced.length} explained, objective ${x.r.stats.objective.toFixed(0)}`;
  console.log(`\n8. whole package suggestion on a ${N}-compound city (gap graph + max-p + explanations)`);
  console.log(line('max-p (99 constructions + local search)', full));
  console.log(line('baseline: one greedy construction, no search', greedy));
  console.log(`   → p ${full.r.stats.p - greedy.r.stats.p >= 0 ? '+' : ''}${full.r.stats.p - greedy.r.stats.p}, objective ×${(full.r.stats.objective / greedy.r.stats.objective).toFixed(2)}, time ×${(full.ms / greedy.ms).toFixed(1)}`);
}
