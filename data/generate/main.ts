// The demo-data generator of 连片: a synthetic 昌江区 calibrated to the 2019 report.
//   npx tsx data/generate/main.ts        (npm run demo:generate)
// writes data/demo/*.{json,geojson}; the same seed always gives byte-identical files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Dataset, type CommunityFeature } from '../../server/domain/model.ts';
import { Rng, subSeed } from './rng.ts';
import { ringToLonLat, toLonLat } from './frame.ts';
import { districtOutline } from './outline.ts';
import { buildLayout } from './layout.ts';
import { buildFigures } from './figures.ts';
import { placeCommunities } from './placement.ts';
import { buildSites } from './communities.ts';
import { pipeRuns, splitAtJunctions } from './network.ts';
import { roadFeatures } from './roads.ts';
import { buildPipes } from './pipes.ts';
import { buildAmenities } from './amenities.ts';
import { waterFeatures } from './water.ts';
import { deriveNeeds } from './needs.ts';
import { buildPackages } from './packages.ts';
import { boundaryFeatures } from './boundaries.ts';
import { buildMeta } from './meta.ts';

export const DEFAULT_SEED = 20191031;

/** The whole demo data set, as a pure function of the seed. */
export function generateDemo(seed: number = DEFAULT_SEED): Dataset {
  const rng = (label: string) => new Rng(subSeed(seed, label));
  const outline = districtOutline();
  const layout = buildLayout(rng('layout'));
  const specs = buildFigures(rng('figures'));
  const placed = placeCommunities(rng('placement'), layout, specs);
  const sites = buildSites(rng('sites'), layout, specs, placed);
  const segments = splitAtJunctions(layout.roads);
  const pipes = buildPipes(rng('pipes'), pipeRuns(layout.roads), sites);
  const amenities = buildAmenities(rng('amenities'), layout, sites, segments, new Set(sites.map((s) => s.parcel)));
  const needsRng = rng('needs');

  const communities: CommunityFeature[] = sites.map((s) => ({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [ringToLonLat(s.ring)] },
    properties: {
      id: s.id,
      name: s.name,
      aliases: s.spec.aliases,
      subdistrict: s.subdistrict,
      neighborhood: s.neighbourhood,
      households: s.spec.households,
      buildings: s.spec.buildings,
      floorArea: s.spec.floorArea,
      buildYear: s.spec.buildYear,
      management: s.spec.management,
      renovatedYear: s.spec.renovatedYear,
      isOld: s.spec.isOld,
      needs: deriveNeeds(needsRng, s, pipes.utilities.get(s.id)!),
      gates: s.gates.map(toLonLat),
      note: s.spec.note,
    },
  }));

  const roads = roadFeatures(segments);
  const water = waterFeatures(amenities.lake);
  return Dataset.parse({
    meta: buildMeta(seed),
    communities: { type: 'FeatureCollection', features: communities },
    roads: { type: 'FeatureCollection', features: roads },
    water: { type: 'FeatureCollection', features: water },
    pipes: { type: 'FeatureCollection', features: pipes.features },
    amenities: { type: 'FeatureCollection', features: amenities.features },
    boundaries: { type: 'FeatureCollection', features: boundaryFeatures(outline) },
    packages: buildPackages(rng('packages'), sites, { communities, roads, water }),
  });
}

function collection(features: unknown[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

/** File name → file content, exactly as written to data/demo/ (one feature per line). */
export function serializeDemo(d: Dataset): Record<string, string> {
  return {
    'meta.json': `${JSON.stringify(d.meta, null, 2)}\n`,
    'communities.geojson': collection(d.communities.features),
    'roads.geojson': collection(d.roads.features),
    'water.geojson': collection(d.water.features),
    'pipes.geojson': collection(d.pipes.features),
    'amenities.geojson': collection(d.amenities.features),
    'boundaries.geojson': collection(d.boundaries.features),
    'packages.json': `[\n${d.packages.map((p) => JSON.stringify(p)).join(',\n')}\n]\n`,
  };
}

export const DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../demo');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const files = serializeDemo(generateDemo());
  mkdirSync(DEMO_DIR, { recursive: true });
  let total = 0;
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(DEMO_DIR, name), text);
    const bytes = Buffer.byteLength(text);
    total += bytes;
    console.log(`${name.padEnd(22)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB`);
  }
  console.log(`${'total'.padEnd(22)} ${(total / 1024).toFixed(1).padStart(8)} KiB  (${Date.now() - t0} ms)`);
}
