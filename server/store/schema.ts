// Schema migrations, applied in order; PRAGMA user_version records how many have run.
// Geometry is GeoJSON text; every spatial table has bbox columns and an R*Tree keyed by rowid.
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE community (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    subdistrict TEXT NOT NULL,
    neighborhood TEXT,
    households INTEGER NOT NULL CHECK (households > 0),
    buildings INTEGER NOT NULL CHECK (buildings > 0),
    floor_area REAL NOT NULL CHECK (floor_area > 0),
    build_year INTEGER NOT NULL,
    management TEXT NOT NULL CHECK (management IN ('property', 'unit', 'none')),
    renovated_year INTEGER,
    is_old INTEGER NOT NULL CHECK (is_old IN (0, 1)),
    needs TEXT NOT NULL DEFAULT '[]',
    gates TEXT NOT NULL DEFAULT '[]',
    note TEXT,
    geom TEXT NOT NULL,
    minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL
  );
  CREATE INDEX community_name ON community(name);
  CREATE VIRTUAL TABLE community_rtree USING rtree(rid, minx, maxx, miny, maxy);

  CREATE TABLE package (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    batch TEXT,
    year INTEGER,
    status TEXT NOT NULL,
    locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    version INTEGER NOT NULL DEFAULT 1,
    funding TEXT NOT NULL DEFAULT '{}',
    note TEXT,
    updated_at TEXT NOT NULL
  );
  -- a community belongs to at most one package
  CREATE TABLE package_member (
    package_rid INTEGER NOT NULL REFERENCES package(rid) ON DELETE CASCADE,
    community_rid INTEGER NOT NULL UNIQUE REFERENCES community(rid) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    PRIMARY KEY (package_rid, community_rid)
  );
  CREATE TABLE package_event (
    package_rid INTEGER NOT NULL REFERENCES package(rid) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL,
    date TEXT NOT NULL,
    note TEXT,
    PRIMARY KEY (package_rid, seq)
  );

  CREATE TABLE pipe (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    level TEXT NOT NULL,
    diameter REAL NOT NULL,
    material TEXT NOT NULL,
    year INTEGER,
    condition TEXT,
    overhead INTEGER NOT NULL DEFAULT 0,
    geom TEXT NOT NULL,
    minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL
  );
  CREATE INDEX pipe_kind ON pipe(kind);
  CREATE VIRTUAL TABLE pipe_rtree USING rtree(rid, minx, maxx, miny, maxy);

  CREATE TABLE amenity (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    capacity INTEGER,
    geom TEXT NOT NULL,
    minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL
  );
  CREATE VIRTUAL TABLE amenity_rtree USING rtree(rid, minx, maxx, miny, maxy);

  CREATE TABLE road (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    class TEXT NOT NULL,
    name TEXT,
    geom TEXT NOT NULL,
    minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL
  );
  CREATE VIRTUAL TABLE road_rtree USING rtree(rid, minx, maxx, miny, maxy);

  CREATE TABLE water (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT,
    geom TEXT NOT NULL,
    minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL
  );
  CREATE VIRTUAL TABLE water_rtree USING rtree(rid, minx, maxx, miny, maxy);

  CREATE TABLE boundary (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    level TEXT NOT NULL,
    name TEXT NOT NULL,
    code TEXT,
    geom TEXT NOT NULL,
    minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL
  );
  CREATE VIRTUAL TABLE boundary_rtree USING rtree(rid, minx, maxx, miny, maxy);

  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    action TEXT NOT NULL,
    before TEXT,
    after TEXT
  );
  `,
  `
  -- a draft may break rules (saved on purpose, shown as invalid); the checks are computed on read
  ALTER TABLE package ADD COLUMN draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));
  -- one user action may touch several rows (a merge); undo restores them together
  ALTER TABLE audit_log ADD COLUMN change INTEGER;
  ALTER TABLE audit_log ADD COLUMN undone INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX audit_entity ON audit_log(entity, entity_id);
  CREATE INDEX audit_change ON audit_log(change);
  `,
  `
  -- progress (issue 6): physical outputs per package, and funding by source planned vs in place.
  -- The first funding shape {central, provincial, local, other} held amounts in place (万元); each
  -- becomes planned = in place = the amount: central → centralSubsidy (中央补助), provincial,
  -- local (市县配套), other → residents (居民出资; "other" lumped residents, utilities and social
  -- capital, and the split cannot be recovered). The model's LegacyFunding reads old files the same way.
  ALTER TABLE package ADD COLUMN outputs TEXT NOT NULL DEFAULT '{}';
  UPDATE package SET funding = json_object(
    'centralSubsidy', json_object('planned', COALESCE(json_extract(funding, '$.central'), 0), 'inPlace', COALESCE(json_extract(funding, '$.central'), 0)),
    'centralBudget', json_object('planned', 0, 'inPlace', 0),
    'provincial', json_object('planned', COALESCE(json_extract(funding, '$.provincial'), 0), 'inPlace', COALESCE(json_extract(funding, '$.provincial'), 0)),
    'local', json_object('planned', COALESCE(json_extract(funding, '$.local'), 0), 'inPlace', COALESCE(json_extract(funding, '$.local'), 0)),
    'specialBonds', json_object('planned', 0, 'inPlace', 0),
    'residents', json_object('planned', COALESCE(json_extract(funding, '$.other'), 0), 'inPlace', COALESCE(json_extract(funding, '$.other'), 0)),
    'socialCapital', json_object('planned', 0, 'inPlace', 0),
    'utilities', json_object('planned', 0, 'inPlace', 0)
  ) WHERE json_extract(funding, '$.centralSubsidy') IS NULL;
  `,
];
