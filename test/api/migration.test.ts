// A database written before progress tracking (schema version 2: funding as four amounts in place,
// no outputs) opens, migrates and keeps working: the amounts become planned = in place by source,
// and undoing an edit whose audit entry holds the old shape restores it in the new one.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { PackageDetail, ProgressResponse } from '../../server/domain/api.ts';
import { MIGRATIONS } from '../../server/store/schema.ts';
import { Store } from '../../server/store/store.ts';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lianpian-migrate-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const square = (x: number) => JSON.stringify({ type: 'Polygon', coordinates: [[[x, 29], [x + 0.001, 29], [x + 0.001, 29.001], [x, 29.001], [x, 29]]] });

/** A version-2 database as the previous release wrote it: one package, one edit in the audit log. */
function writeVersion2(path: string) {
  const db = new Database(path);
  db.exec(MIGRATIONS[0]);
  db.exec(MIGRATIONS[1]);
  db.pragma('user_version = 2');
  const c = db.prepare(`INSERT INTO community(id, name, subdistrict, households, buildings, floor_area, build_year, management, is_old, geom, minx, miny, maxx, maxy)
    VALUES (?, ?, '西郊街道', ?, 4, ?, 1990, 'unit', 1, ?, ?, 29, ?, 29.001)`);
  c.run('c1', '建国宿舍', 540, 45000, square(117), 117, 117.001);
  const oldFunding = { central: 367, provincial: 0, local: 202, other: 43 };
  db.prepare(`INSERT INTO package(id, name, batch, year, status, locked, version, funding, updated_at) VALUES ('p1', '建国宿舍改造项目', '2019年第一批', 2019, 'construction', 0, 2, ?, '2019-10-21T00:00:00Z')`)
    .run(JSON.stringify(oldFunding));
  db.prepare(`INSERT INTO package_member(package_rid, community_rid, seq) VALUES (1, 1, 0)`).run();
  const events = [['reserve', '2019-07-10'], ['approved', '2019-08-15'], ['construction', '2019-10-21']];
  events.forEach(([s, d], i) => db.prepare('INSERT INTO package_event(package_rid, seq, status, date) VALUES (1, ?, ?, ?)').run(i, s, d));
  // the last edit, as the old code logged it: before and after carry the old funding shape
  const state = (version: number, name: string) => ({
    id: 'p1', name, batch: '2019年第一批', year: 2019, status: 'construction', locked: false, version, funding: oldFunding, note: null,
    members: ['c1'], history: events.map(([status, date]) => ({ status, date, note: null })), draft: false,
  });
  db.prepare(`INSERT INTO audit_log(at, actor, entity, entity_id, action, before, after, change) VALUES ('2019-10-22T00:00:00Z', '张工', 'package', 'p1', 'rename', ?, ?, 1)`)
    .run(JSON.stringify(state(1, '建国宿舍项目')), JSON.stringify(state(2, '建国宿舍改造项目')));
  db.close();
}

describe('migrating a version-2 database', () => {
  it('turns the four amounts into planned = in place by source and adds empty outputs', async () => {
    const path = join(dir, 'old.db');
    writeVersion2(path);
    const store = new Store(path);
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const raw = JSON.parse((store.db.prepare("SELECT funding FROM package WHERE id = 'p1'").get() as { funding: string }).funding);
      expect(raw.centralSubsidy).toEqual({ planned: 367, inPlace: 367 });
      expect(raw.residents).toEqual({ planned: 43, inPlace: 43 }); // "other" → 居民出资
      const p = store.package('p1')!;
      expect(p.funding.local).toEqual({ planned: 202, inPlace: 202 });
      expect(p.funding.centralBudget).toEqual({ planned: 0, inPlace: 0 });
      expect(p.outputs).toEqual({ pipesKm: null, elevators: null, parkingSpaces: null, chargers: null, facilities: null });

      const app = createApp({ store });
      const detail = (await (await app.request('/api/packages/p1')).json()) as PackageDetail;
      expect(detail.history.map((h) => h.status)).toEqual(['reserve', 'approved', 'construction']); // the old workflow's codes still load
      const fig = (await (await app.request('/api/progress?date=2019-12-31')).json()) as ProgressResponse;
      expect(fig.totals.started).toEqual({ packages: 1, communities: 1, households: 540 });
      expect(fig.funding.inPlace).toBe(612);

      // undo the old rename: its "before" has the old funding shape, and is restored in the new one
      const undo = await app.request('/api/packages/p1/undo', { method: 'POST' });
      expect(undo.status).toBe(200);
      const back = store.package('p1')!;
      expect(back.name).toBe('建国宿舍项目');
      expect(back.funding.centralSubsidy).toEqual({ planned: 367, inPlace: 367 });
      expect(back.version).toBe(3);
      const stored = JSON.parse((store.db.prepare("SELECT funding FROM package WHERE id = 'p1'").get() as { funding: string }).funding);
      expect(Object.keys(stored)).toContain('centralSubsidy'); // written in the new shape, not copied from the old entry
    } finally {
      store.close();
    }
  });

  it('reopening a migrated database changes nothing', () => {
    const path = join(dir, 'old.db');
    writeVersion2(path);
    new Store(path).close();
    const once = new Database(path).prepare('SELECT funding, outputs FROM package').all();
    new Store(path).close();
    expect(new Database(path).prepare('SELECT funding, outputs FROM package').all()).toEqual(once);
  });
});
