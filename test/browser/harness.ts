// Shared by browser tests: the built app on a free port with a fresh SQLite file seeded
// through the real start-up path (server/main.ts), and Debian's Chromium via playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS = resolve(root, 'test-results');

/** False only outside CI when Chromium is missing; under CI=true a missing browser is a failure. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium not found at ${CHROMIUM}; CI must install it (apt-get install chromium)`);
  return false;
}

/**
 * Starts server/main.ts on a free port. Without `db` it uses a fresh SQLite file in a temp folder
 * (seeded with the demo, removed on close); with `db` it serves that file (a store already loaded
 * by the caller, e.g. the browser bench) and leaves it in place.
 */
export async function startApp(opts: { db?: string } = {}): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(resolve(root, 'dist/index.html'))) throw new Error('dist/ is not built: run `npm run build` before the browser tests');
  const dir = opts.db === undefined ? mkdtempSync(join(tmpdir(), 'lianpian-')) : undefined;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', LIANPIAN_DB: opts.db ?? join(dir!, 'test.db') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise<string>((ok, ko) => {
    const timer = setTimeout(() => ko(new Error(`server did not start in 60 s:\n${log}`)), 60_000);
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = /running at (http:\/\/localhost:\d+\/)/.exec(log);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); ko(new Error(`server exited with ${code}:\n${log}`)); });
  });
  return {
    url,
    async close() {
      child.removeAllListeners('exit');
      await new Promise<void>((ok) => { child.once('exit', () => ok()); child.kill('SIGTERM'); setTimeout(ok, 5000); });
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
    ],
  });
}

/** Collects what went wrong in a page (uncaught errors and console errors) into `into`. */
export function collectErrors(page: Page, into: string[]): void {
  page.on('pageerror', (e) => into.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') into.push(m.text());
  });
}
