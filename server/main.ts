// CLI entry: open the database file, migrate, seed the demo on first run, listen.
import { serve } from '@hono/node-server';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { loadDataset } from './load.ts';
import { readDatasetDir } from './store/files.ts';
import { Store } from './store/store.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dbPath = resolve(process.env.LIANPIAN_DB ?? resolve(root, 'data/lianpian.db'));
const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer 0–65535, got "${process.env.PORT}"`);
  process.exit(1);
}

mkdirSync(dirname(dbPath), { recursive: true });
const store = new Store(dbPath);
if (store.isEmpty()) {
  const t0 = performance.now();
  const counts = loadDataset(store, readDatasetDir(resolve(root, 'data/demo')), 'system:demo');
  console.log(`seeded the demo district into ${dbPath} in ${Math.round(performance.now() - t0)} ms:`, counts);
}

const staticDir = resolve(root, 'dist');
if (!existsSync(resolve(staticDir, 'index.html'))) console.warn('dist/ has no built client: run `npm run build` (npm start does it for you). Serving the API only.');
const app = createApp({ store, staticDir: existsSync(staticDir) ? staticDir : undefined });

const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Lianpian 连片 is running at http://localhost:${info.port}/  (database: ${dbPath})`);
});
const stop = () => server.close(() => { store.close(); process.exit(0); });
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
