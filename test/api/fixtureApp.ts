// A data set loaded through the real path into a fresh SQLite file, and the app built on it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../../server/app.ts';
import { loadDataset } from '../../server/load.ts';
import { readDatasetDir } from '../../server/store/files.ts';
import { Store } from '../../server/store/store.ts';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');
export const DEMO = resolve(import.meta.dirname, '../../data/demo');

export interface FixtureApp {
  dir: string; // a temp folder the test may use, removed by close()
  store: Store;
  app: ReturnType<typeof createApp>;
  close(): void;
}

export function openFixtureApp(datasetDir: string): FixtureApp {
  const dir = mkdtempSync(join(tmpdir(), 'lianpian-test-'));
  const store = new Store(join(dir, 'test.db'));
  loadDataset(store, readDatasetDir(datasetDir), 'test');
  return {
    dir, store, app: createApp({ store }),
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
