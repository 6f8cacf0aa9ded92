// The only module with SQL. A Store wraps one SQLite file: schema migrations, the import
// that loads a whole data set (the demo goes through it too), and the read queries.
import Database from 'better-sqlite3';
import type { Feature, Geometry, LineString, Point, Polygon } from 'geojson';
import { geometryBBox, unionBBox } from '../analysis/bbox.ts';
import type { BBox, PackageHead } from '../domain/api.ts';
import {
  Funding as FundingSchema, Outputs as OutputsSchema,
  type AmenityProps, type BoundaryProps, type CommunityProps, type Dataset, type DatasetMeta, type Funding, type Outputs, type PipeKind,
  type PipeProps, type RoadProps, type StatusCode, type StatusEvent, type WaterProps,
} from '../domain/model.ts';
import { DEFAULT_SETTINGS, Settings, settingsProblems } from '../domain/settings.ts';
import { MIGRATIONS } from './schema.ts';

export interface PackageRecord extends PackageHead {
  funding: Funding;
  outputs: Outputs;
  note: string | null;
  members: string[];
  history: StatusEvent[];
  draft: boolean;
}

/** What a write sets; the store assigns the version. */
export type PackageState = Omit<PackageRecord, 'version'>;

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  change: number | null;
  undone: boolean;
}

/** An edit based on a version that is no longer current; carries the current state (or none if deleted). */
export class VersionConflict extends Error {
  constructor(readonly id: string, readonly current: PackageRecord | undefined) {
    super(`package ${id} was changed by someone else (now ${current ? `version ${current.version}` : 'deleted'})`);
  }
}

export interface ImportCounts {
  communities: number;
  packages: number;
  pipes: number;
  amenities: number;
  roads: number;
  water: number;
  boundaries: number;
}

type Row = Record<string, unknown>;
const SPATIAL = ['community', 'pipe', 'amenity', 'road', 'water', 'boundary'] as const;
type SpatialTable = (typeof SPATIAL)[number];

export class Store {
  readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  close(): void {
    this.db.close();
  }

  private migrate(): void {
    const done = this.db.pragma('user_version', { simple: true }) as number;
    if (done > MIGRATIONS.length) {
      throw new Error(`database schema version ${done} is newer than this program knows (${MIGRATIONS.length}); upgrade Lianpian`);
    }
    for (let v = done; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  // ---------- meta, settings, version ----------

  isEmpty(): boolean {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM community').get() as { n: number }).n === 0;
  }

  meta(): DatasetMeta | null {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'dataset'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as DatasetMeta) : null;
  }

  /** Increases with every write; responses use it for their ETag. */
  dataVersion(): number {
    return this.counter('dataVersion');
  }

  /** Increases with every import: geometry-derived caches (the neighbour graph) key on it. */
  importVersion(): number {
    return this.counter('importVersion');
  }

  /** Increases with every settings change; an edit based on an older one is refused. */
  settingsVersion(): number {
    return this.counter('settingsVersion');
  }

  private counter(key: string): number {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? Number(row.value) : 0;
  }

  private bump(key: string): void {
    this.db.prepare("INSERT INTO meta(key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1").run(key);
  }


  settings(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
    const parsed = Settings.safeParse({ ...DEFAULT_SETTINGS, ...stored });
    const problems = parsed.success ? settingsProblems(parsed.data) : [];
    if (parsed.success && !problems.length) return parsed.data;
    // Only a hand-edited database gets here: say so, and fall back to the documented defaults.
    const what = parsed.success ? problems.map((p) => p.messageEn).join('; ') : parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    console.warn(`stored settings are invalid (${what}); using the defaults`);
    return DEFAULT_SETTINGS;
  }

  /**
   * Writes settings if `expectedVersion` is still current; returns false (and writes nothing)
   * when someone else saved first. The check and the write are one transaction.
   */
  saveSettings(s: Settings, actor: string, expectedVersion: number = this.settingsVersion()): boolean {
    return this.db.transaction(() => {
      if (this.settingsVersion() !== expectedVersion) return false;
      const before = this.settings();
      const put = this.db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
      for (const [k, v] of Object.entries(s)) put.run(k, JSON.stringify(v));
      this.audit(actor, 'settings', null, 'update', before, s);
      this.bump('settingsVersion');
      this.bump('dataVersion');
      return true;
    }).immediate();
  }

  private audit(actor: string, entity: string, entityId: string | null, action: string, before: unknown, after: unknown, change: number | null = null): void {
    this.db.prepare('INSERT INTO audit_log(at, actor, entity, entity_id, action, before, after, change) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      new Date().toISOString(), actor, entity, entityId, action,
      before == null ? null : JSON.stringify(before), after == null ? null : JSON.stringify(after), change,
    );
  }

  // ---------- package writes (each call audited; callers group them with transaction()) ----------

  /** Runs `fn` in one IMMEDIATE transaction: the checks and writes inside cannot interleave with another writer. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** A new change number: the audit entries of one user action share it, and undo restores them together. */
  newChange(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(change), 0) + 1 AS c FROM audit_log').get() as { c: number }).c;
  }

  /** Which package each of these communities is in now. */
  owners(ids: string[]): Map<string, string> {
    const rows = this.db.prepare(
      'SELECT c.id cid, p.id pid FROM package_member m JOIN community c ON c.rid = m.community_rid JOIN package p ON p.rid = m.package_rid JOIN json_each(?) j ON j.value = c.id',
    ).all(JSON.stringify(ids)) as { cid: string; pid: string }[];
    return new Map(rows.map((r) => [r.cid, r.pid]));
  }

  /**
   * Creates (expectedVersion null) or replaces a package. Refuses with VersionConflict when the
   * package's version is not `expectedVersion` (or it exists when creating). Returns the saved record.
   * Members already in another package make the write fail (UNIQUE): check before writing.
   */
  writePackage(next: PackageState, expectedVersion: number | null, actor: string, action: string, change: number, minVersion = 0): PackageRecord {
    const db = this.db;
    const before = this.package(next.id);
    if (expectedVersion === null ? before !== undefined : before?.version !== expectedVersion) throw new VersionConflict(next.id, before);
    // A package re-created by undo continues its old numbering, so no stale version can match again.
    const version = Math.max(before?.version ?? 0, minVersion) + 1;
    const now = new Date().toISOString();
    const status = next.history[next.history.length - 1]?.status ?? 'reserve';
    // A state restored by undo may come from an audit entry written before funding had sources and
    // packages had outputs: the schemas read both shapes.
    const funding = FundingSchema.parse(next.funding ?? {});
    const outputs = OutputsSchema.parse(next.outputs ?? {});
    const values = [next.name, next.batch, next.year, status, next.locked ? 1 : 0, version, JSON.stringify(funding), JSON.stringify(outputs), next.note, now, next.draft ? 1 : 0];
    let rid: number | bigint;
    if (before) {
      rid = (db.prepare('SELECT rid FROM package WHERE id = ?').get(next.id) as { rid: number }).rid;
      db.prepare('UPDATE package SET name = ?, batch = ?, year = ?, status = ?, locked = ?, version = ?, funding = ?, outputs = ?, note = ?, updated_at = ?, draft = ? WHERE rid = ?').run(...values, rid);
      db.prepare('DELETE FROM package_member WHERE package_rid = ?').run(rid);
      db.prepare('DELETE FROM package_event WHERE package_rid = ?').run(rid);
    } else {
      rid = db.prepare('INSERT INTO package(name, batch, year, status, locked, version, funding, outputs, note, updated_at, draft, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(...values, next.id).lastInsertRowid;
    }
    const insMember = db.prepare('INSERT INTO package_member(package_rid, community_rid, seq) SELECT ?, rid, ? FROM community WHERE id = ?');
    next.members.forEach((m, i) => {
      if (insMember.run(rid, i, m).changes !== 1) throw new Error(`package ${next.id}: unknown community ${m}`);
    });
    const insEvent = db.prepare('INSERT INTO package_event(package_rid, seq, status, date, note) VALUES (?, ?, ?, ?, ?)');
    next.history.forEach((e, i) => insEvent.run(rid, i, e.status, e.date, e.note));
    const after = this.package(next.id)!;
    this.audit(actor, 'package', next.id, action, before ?? null, after, change);
    this.bump('dataVersion');
    return after;
  }

  deletePackage(id: string, expectedVersion: number, actor: string, action: string, change: number): void {
    const before = this.package(id);
    if (before?.version !== expectedVersion) throw new VersionConflict(id, before);
    this.db.prepare('DELETE FROM package WHERE id = ?').run(id);
    this.audit(actor, 'package', id, action, before, null, change);
    this.bump('dataVersion');
  }

  /** The latest change to a package that has not been undone (undo entries themselves are not undone). */
  lastChange(packageId: string): AuditEntry[] {
    const row = this.db.prepare(
      "SELECT change FROM audit_log WHERE entity = 'package' AND entity_id = ? AND undone = 0 AND action != 'undo' AND change IS NOT NULL ORDER BY seq DESC LIMIT 1",
    ).get(packageId) as { change: number } | undefined;
    if (!row) return [];
    const rows = this.db.prepare('SELECT * FROM audit_log WHERE change = ? ORDER BY seq').all(row.change) as Row[];
    return rows.map(auditEntry);
  }

  /** Whether a package was changed after audit entry `seq` by anything not since undone. */
  changedSince(packageId: string, seq: number): boolean {
    return this.db.prepare(
      "SELECT 1 FROM audit_log WHERE entity = 'package' AND entity_id = ? AND seq > ? AND undone = 0 AND action != 'undo' LIMIT 1",
    ).get(packageId, seq) !== undefined;
  }

  markUndone(change: number): void {
    this.db.prepare('UPDATE audit_log SET undone = 1 WHERE change = ?').run(change);
  }

  audits(entity: string, entityId: string, limit: number): AuditEntry[] {
    const rows = this.db.prepare('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT ?').all(entity, entityId, limit) as Row[];
    return rows.map(auditEntry);
  }

  // ---------- import ----------

  /**
   * Replaces the whole data set in one transaction: either everything is written or nothing.
   * The caller validates (schema + checkDataset); SQL constraints are the last line of defence.
   */
  importDataset(ds: Dataset, actor: string): ImportCounts {
    const db = this.db;
    const run = db.transaction((): ImportCounts => {
      for (const t of ['package_event', 'package_member', 'package', ...SPATIAL, ...SPATIAL.map((t) => `${t}_rtree`)]) {
        db.prepare(`DELETE FROM ${t}`).run();
      }
      const insertSpatial = (table: SpatialTable, columns: string[]) => {
        const cols = [...columns, 'geom', 'minx', 'miny', 'maxx', 'maxy'];
        const ins = db.prepare(`INSERT INTO ${table}(${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
        const tree = db.prepare(`INSERT INTO ${table}_rtree(rid, minx, maxx, miny, maxy) VALUES (?, ?, ?, ?, ?)`);
        return (values: unknown[], geom: Geometry) => {
          const b = geometryBBox(geom);
          const rid = ins.run(...values, JSON.stringify(geom), b[0], b[1], b[2], b[3]).lastInsertRowid;
          tree.run(rid, b[0], b[2], b[1], b[3]);
          return rid;
        };
      };

      const addCommunity = insertSpatial('community', [
        'id', 'name', 'aliases', 'subdistrict', 'neighborhood', 'households', 'buildings', 'floor_area', 'build_year',
        'management', 'renovated_year', 'is_old', 'needs', 'gates', 'note',
      ]);
      for (const f of ds.communities.features) {
        const p = f.properties;
        addCommunity([
          p.id, p.name, JSON.stringify(p.aliases), p.subdistrict, p.neighborhood, p.households, p.buildings, p.floorArea,
          p.buildYear, p.management, p.renovatedYear, p.isOld ? 1 : 0, JSON.stringify(p.needs), JSON.stringify(p.gates), p.note,
        ], f.geometry as Geometry);
      }
      const addPipe = insertSpatial('pipe', ['id', 'kind', 'level', 'diameter', 'material', 'year', 'condition', 'overhead']);
      for (const f of ds.pipes.features) {
        const p = f.properties;
        addPipe([p.id, p.kind, p.level, p.diameter, p.material, p.year, p.condition, p.overhead ? 1 : 0], f.geometry as Geometry);
      }
      const addAmenity = insertSpatial('amenity', ['id', 'kind', 'name', 'capacity']);
      for (const f of ds.amenities.features) addAmenity([f.properties.id, f.properties.kind, f.properties.name, f.properties.capacity], f.geometry as Geometry);
      const addRoad = insertSpatial('road', ['id', 'class', 'name']);
      for (const f of ds.roads.features) addRoad([f.properties.id, f.properties.class, f.properties.name], f.geometry as Geometry);
      const addWater = insertSpatial('water', ['id', 'kind', 'name']);
      for (const f of ds.water.features) addWater([f.properties.id, f.properties.kind, f.properties.name], f.geometry as Geometry);
      const addBoundary = insertSpatial('boundary', ['id', 'level', 'name', 'code']);
      for (const f of ds.boundaries.features) addBoundary([f.properties.id, f.properties.level, f.properties.name, f.properties.code], f.geometry as Geometry);

      const now = new Date().toISOString();
      const insPkg = db.prepare('INSERT INTO package(id, name, batch, year, status, locked, version, funding, outputs, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)');
      const insMember = db.prepare('INSERT INTO package_member(package_rid, community_rid, seq) SELECT ?, rid, ? FROM community WHERE id = ?');
      const insEvent = db.prepare('INSERT INTO package_event(package_rid, seq, status, date, note) VALUES (?, ?, ?, ?, ?)');
      for (const p of ds.packages) {
        const status = p.history[p.history.length - 1].status;
        const rid = insPkg.run(p.id, p.name, p.batch, p.year, status, p.locked ? 1 : 0, JSON.stringify(p.funding), JSON.stringify(p.outputs), p.note, now).lastInsertRowid;
        p.members.forEach((m, i) => {
          if (insMember.run(rid, i, m).changes !== 1) throw new Error(`package ${p.id}: unknown community ${m}`);
        });
        p.history.forEach((e, i) => insEvent.run(rid, i, e.status, e.date, e.note));
      }

      db.prepare("INSERT INTO meta(key, value) VALUES ('dataset', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(ds.meta));
      const counts: ImportCounts = {
        communities: ds.communities.features.length, packages: ds.packages.length, pipes: ds.pipes.features.length,
        amenities: ds.amenities.features.length, roads: ds.roads.features.length, water: ds.water.features.length,
        boundaries: ds.boundaries.features.length,
      };
      this.audit(actor, 'dataset', null, 'import', null, { name: ds.meta.name, counts });
      this.bump('importVersion');
      this.bump('dataVersion');
      return counts;
    });
    return run();
  }

  // ---------- reads ----------

  counts(): Record<'communities' | 'packages' | 'pipes' | 'amenities' | 'roads', number> {
    const n = (t: string) => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { communities: n('community'), packages: n('package'), pipes: n('pipe'), amenities: n('amenity'), roads: n('road') };
  }

  /** Extent of the given layers (default: everything drawn), or null when they are empty. */
  extent(tables: SpatialTable[] = ['community', 'road', 'water', 'boundary']): BBox | null {
    let out: BBox | null = null;
    for (const t of tables) {
      const r = this.db.prepare(`SELECT MIN(minx) a, MIN(miny) b, MAX(maxx) c, MAX(maxy) d FROM ${t}`).get() as { a: number | null; b: number; c: number; d: number };
      if (r.a == null) continue;
      const b: BBox = [r.a, r.b, r.c, r.d];
      out = out ? unionBBox(out, b) : b;
    }
    return out;
  }

  subdistricts(): string[] {
    return (this.db.prepare('SELECT subdistrict, COUNT(*) n FROM community GROUP BY subdistrict ORDER BY n DESC, subdistrict').all() as { subdistrict: string }[]).map((r) => r.subdistrict);
  }

  ranges(): { buildYear: [number, number]; households: [number, number] } {
    const r = this.db.prepare('SELECT MIN(build_year) y0, MAX(build_year) y1, MIN(households) h0, MAX(households) h1 FROM community').get() as Record<string, number | null>;
    return { buildYear: [r.y0 ?? 0, r.y1 ?? 0], households: [r.h0 ?? 0, r.h1 ?? 0] };
  }

  /** Rows of a spatial table, optionally only those whose bbox meets `bbox` (R*Tree). */
  private rows(table: SpatialTable, bbox: BBox | undefined, where = '', params: unknown[] = []): Row[] {
    const parts: string[] = [];
    const args: unknown[] = [];
    let from = `${table} t`;
    if (bbox) {
      from += ` JOIN ${table}_rtree r ON r.rid = t.rid`;
      parts.push('r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?');
      args.push(bbox[0], bbox[2], bbox[1], bbox[3]);
    }
    if (where) {
      parts.push(where);
      args.push(...params);
    }
    const sql = `SELECT t.* FROM ${from}${parts.length ? ` WHERE ${parts.join(' AND ')}` : ''} ORDER BY t.rid`;
    return this.db.prepare(sql).all(...args) as Row[];
  }

  communities(bbox?: BBox): Feature<Polygon, CommunityProps>[] {
    return this.rows('community', bbox).map(communityFeature);
  }

  community(id: string): Feature<Polygon, CommunityProps> | undefined {
    const row = this.db.prepare('SELECT * FROM community WHERE id = ?').get(id) as Row | undefined;
    return row && communityFeature(row);
  }

  /** Every community's properties without its geometry (figures and audits need no outlines). */
  communityProps(): CommunityProps[] {
    const rows = this.db.prepare(
      `SELECT id, name, aliases, subdistrict, neighborhood, households, buildings, floor_area, build_year, management,
              renovated_year, is_old, needs, gates, note FROM community ORDER BY rid`,
    ).all() as Row[];
    return rows.map(communityProps);
  }

  communitiesByIds(ids: string[]): Feature<Polygon, CommunityProps>[] {
    if (ids.length === 0) return [];
    const rows = this.db.prepare(`SELECT c.* FROM community c JOIN json_each(?) j ON j.value = c.id ORDER BY j.key`).all(JSON.stringify(ids)) as Row[];
    return rows.map(communityFeature);
  }

  /** Name or alias contains q (case-insensitive for latin), shortest names first. */
  searchCommunities(q: string, limit: number): Feature<Polygon, CommunityProps>[] {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const rows = this.db.prepare(
      `SELECT * FROM community WHERE name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\'
       ORDER BY (name = ?) DESC, length(name), name LIMIT ?`,
    ).all(like, like, q, limit) as Row[];
    return rows.map(communityFeature);
  }

  /** Package id, name and status of every community that is in a package. */
  memberships(): Map<string, { id: string; name: string; status: StatusCode }> {
    const rows = this.db.prepare(
      'SELECT c.id cid, p.id, p.name, p.status FROM package_member m JOIN package p ON p.rid = m.package_rid JOIN community c ON c.rid = m.community_rid',
    ).all() as { cid: string; id: string; name: string; status: StatusCode }[];
    return new Map(rows.map((r) => [r.cid, { id: r.id, name: r.name, status: r.status }]));
  }

  /** The batch names packages use. */
  batches(): string[] {
    return (this.db.prepare('SELECT DISTINCT batch FROM package WHERE batch IS NOT NULL ORDER BY batch').all() as { batch: string }[]).map((r) => r.batch);
  }

  packages(): PackageRecord[] {
    const rows = this.db.prepare('SELECT * FROM package ORDER BY rid').all() as Row[];
    return rows.map((r) => this.packageRecord(r));
  }

  package(id: string): PackageRecord | undefined {
    const row = this.db.prepare('SELECT * FROM package WHERE id = ?').get(id) as Row | undefined;
    return row && this.packageRecord(row);
  }

  private packageRecord(r: Row): PackageRecord {
    const members = (this.db.prepare('SELECT c.id FROM package_member m JOIN community c ON c.rid = m.community_rid WHERE m.package_rid = ? ORDER BY m.seq').all(r.rid) as { id: string }[]).map((m) => m.id);
    const history = this.db.prepare('SELECT status, date, note FROM package_event WHERE package_rid = ? ORDER BY seq').all(r.rid) as StatusEvent[];
    return {
      id: r.id as string, name: r.name as string, batch: r.batch as string | null, year: r.year as number | null,
      status: r.status as StatusCode, locked: r.locked === 1, version: r.version as number,
      funding: FundingSchema.parse(JSON.parse(r.funding as string)), outputs: OutputsSchema.parse(JSON.parse(r.outputs as string)),
      note: r.note as string | null, members, history, draft: r.draft === 1,
    };
  }

  pipes(bbox?: BBox, kinds?: PipeKind[]): Feature<LineString, PipeProps>[] {
    const where = kinds?.length ? `t.kind IN (${kinds.map(() => '?').join(', ')})` : '';
    return this.rows('pipe', bbox, where, kinds ?? []).map((r) => ({
      type: 'Feature', geometry: JSON.parse(r.geom as string),
      properties: {
        id: r.id as string, kind: r.kind as PipeKind, level: r.level as PipeProps['level'], diameter: r.diameter as number,
        material: r.material as PipeProps['material'], year: r.year as number | null, condition: r.condition as PipeProps['condition'],
        overhead: r.overhead === 1,
      },
    }));
  }

  amenities(bbox?: BBox): Feature<Point, AmenityProps>[] {
    return this.rows('amenity', bbox).map((r) => ({
      type: 'Feature', geometry: JSON.parse(r.geom as string),
      properties: { id: r.id as string, kind: r.kind as AmenityProps['kind'], name: r.name as string, capacity: r.capacity as number | null },
    }));
  }

  roads(bbox?: BBox): Feature<LineString, RoadProps>[] {
    return this.rows('road', bbox).map((r) => ({
      type: 'Feature', geometry: JSON.parse(r.geom as string),
      properties: { id: r.id as string, class: r.class as RoadProps['class'], name: r.name as string | null },
    }));
  }

  water(bbox?: BBox): Feature<Geometry, WaterProps>[] {
    return this.rows('water', bbox).map((r) => ({
      type: 'Feature', geometry: JSON.parse(r.geom as string),
      properties: { id: r.id as string, kind: r.kind as WaterProps['kind'], name: r.name as string | null },
    }));
  }

  boundaries(bbox?: BBox): Feature<Geometry, BoundaryProps>[] {
    return this.rows('boundary', bbox).map((r) => ({
      type: 'Feature', geometry: JSON.parse(r.geom as string),
      properties: { id: r.id as string, level: r.level as BoundaryProps['level'], name: r.name as string, code: r.code as string | null },
    }));
  }
}

function auditEntry(r: Row): AuditEntry {
  return {
    seq: r.seq as number, at: r.at as string, actor: r.actor as string, entity: r.entity as string, entityId: r.entity_id as string | null,
    action: r.action as string, before: r.before == null ? null : JSON.parse(r.before as string),
    after: r.after == null ? null : JSON.parse(r.after as string), change: r.change as number | null, undone: r.undone === 1,
  };
}

function communityFeature(r: Row): Feature<Polygon, CommunityProps> {
  return { type: 'Feature', geometry: JSON.parse(r.geom as string), properties: communityProps(r) };
}

function communityProps(r: Row): CommunityProps {
  return {
    id: r.id as string,
    name: r.name as string,
    aliases: JSON.parse(r.aliases as string),
    subdistrict: r.subdistrict as string,
    neighborhood: r.neighborhood as string | null,
    households: r.households as number,
    buildings: r.buildings as number,
    floorArea: r.floor_area as number,
    buildYear: r.build_year as number,
    management: r.management as CommunityProps['management'],
    renovatedYear: r.renovated_year as number | null,
    isOld: r.is_old === 1,
    needs: JSON.parse(r.needs as string),
    gates: JSON.parse(r.gates as string),
    note: r.note as string | null,
  };
}
