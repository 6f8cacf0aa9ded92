// Reads a data set stored as a folder of GeoJSON files (the committed demo uses this layout).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DATASET_FILES = {
  meta: 'meta.json',
  communities: 'communities.geojson',
  roads: 'roads.geojson',
  water: 'water.geojson',
  pipes: 'pipes.geojson',
  amenities: 'amenities.geojson',
  boundaries: 'boundaries.geojson',
  packages: 'packages.json',
} as const;

/** Raw (unvalidated) data set from `dir`; missing optional layers are left out. */
export function readDatasetDir(dir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, file] of Object.entries(DATASET_FILES)) {
    const path = join(dir, file);
    if (!existsSync(path)) {
      if (key === 'meta' || key === 'communities') throw new Error(`${path} is missing: a data set needs ${file}`);
      continue;
    }
    try {
      out[key] = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new Error(`${path} is not valid JSON: ${(e as Error).message}`);
    }
  }
  return out;
}
