// Walking access over the noded road network: GeoJSON fixtures (test/fixtures/access/in, drawn on
// a metre grid at 29.27°N so that the expected distances in out/ are hand-computed from the
// drawing), noding rules on small drawings, and the one multi-source run per kind against brute
// force (one Dijkstra per target) on random grids.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Feature, FeatureCollection, Geometry, LineString, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { compoundAccess, nearestByNetwork, type CompoundFeature, type FacilityFeature } from '../../server/analysis/access.ts';
import { mulberry32 } from '../../server/analysis/random.ts';
import { attachPoints, buildWalkNetwork, type WalkNetwork, type WalkRoadProps } from '../../server/analysis/walk.ts';

const fixtures = resolve(import.meta.dirname, '../fixtures/access');
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
type Settings = { arterialCrossingAtJunctionsOnly: boolean; radiusM: number; kinds: string[] };
type Fixture = FeatureCollection<Geometry, { role: string; class?: string; id?: string; kind?: string }> & { description: string; settings: Settings };
type Expected = { compound: string; kind: string; networkM: number | null; straightM: number | null; within: boolean; gated: boolean };

const names = readdirSync(join(fixtures, 'in')).filter((f) => f.endsWith('.geojson')).map((f) => basename(f, '.geojson')).sort();

function run(name: string): Expected[] {
  const fc = read<Fixture>(join(fixtures, 'in', `${name}.geojson`));
  const roads = fc.features.filter((f) => f.properties.role === 'road') as unknown as Feature<LineString, WalkRoadProps>[];
  const compounds = fc.features.filter((f) => f.properties.role === 'compound') as unknown as CompoundFeature[];
  const facilities = fc.features.filter((f) => f.properties.role === 'facility') as unknown as FacilityFeature[];
  const network = buildWalkNetwork(roads, { arterialCrossingAtJunctionsOnly: fc.settings.arterialCrossingAtJunctionsOnly });
  const res = compoundAccess(network, { compounds, facilities, kinds: fc.settings.kinds, radiusM: fc.settings.radiusM });
  const fin = (v: number) => (Number.isFinite(v) ? v : null);
  return res.kinds.flatMap((k) => compounds.map((c, i) => ({
    compound: c.properties.id as string, kind: k.kind, networkM: fin(k.networkM[i]), straightM: fin(k.straightM[i]), within: k.within[i] === 1, gated: res.gated[i] === 1,
  })));
}

describe('compoundAccess: fixtures', () => {
  it('has the cases the issue names', () => {
    expect(names).toEqual(expect.arrayContaining(['river-bridge', 'arterial-crossing-on', 'arterial-crossing-off', 'no-gate', 'no-facility']));
  });

  for (const name of names) {
    it(name, () => {
      const fc = read<Fixture>(join(fixtures, 'in', `${name}.geojson`));
      expect(fc.description).toBeTruthy();
      const expected = read<{ results: Expected[] }>(join(fixtures, 'out', `${name}.json`)).results;
      const got = run(name);
      const key = (r: Expected) => `${r.kind}/${r.compound}`;
      expect(got.map(key).sort()).toEqual(expected.map(key).sort());
      for (const e of expected) {
        const g = got.find((r) => key(r) === key(e))!;
        expect({ ...g, networkM: null, straightM: null }, key(e)).toEqual({ ...e, networkM: null, straightM: null });
        for (const f of ['networkM', 'straightM'] as const) {
          if (e[f] === null) expect(g[f], `${key(e)} ${f}`).toBeNull();
          else expect(Math.abs(g[f]! - e[f]!), `${key(e)} ${f}: ${g[f]} vs ${e[f]}`).toBeLessThan(0.05); // 5 cm on ≤ 1 km
        }
      }
    });
  }

  it('the river makes the walk far longer than the straight line', () => {
    const a = run('river-bridge').find((r) => r.compound === 'A')!;
    expect(a.networkM! / a.straightM!).toBeGreaterThan(7);
  });
});

// ---- small drawings on a metre grid ----
const LON0 = 117.18, LAT0 = 29.27;
const KY = (6371008.8 * Math.PI) / 180, KX = KY * Math.cos((LAT0 * Math.PI) / 180);
const ll = (x: number, y: number): Position => [LON0 + x / KX, LAT0 + y / KY];
const road = (cls: string, ...pts: [number, number][]): Feature<LineString, WalkRoadProps> =>
  ({ type: 'Feature', properties: { class: cls }, geometry: { type: 'LineString', coordinates: pts.map(([x, y]) => ll(x, y)) } });
const walk = (net: WalkNetwork, from: [number, number], to: [number, number]) =>
  nearestByNetwork(net, attachPoints(net, [ll(...from)]), attachPoints(net, [ll(...to)]))[0];

describe('buildWalkNetwork: noding', () => {
  it('splits two crossing roads at the crossing', () => {
    const net = buildWalkNetwork([road('branch', [-100, 0], [100, 0]), road('lane', [0, -100], [0, 100])]);
    expect(net.n).toBe(5);
    expect(net.edgeA.length).toBe(4);
    expect(walk(net, [-100, 0], [0, 100])).toBeCloseTo(200, 2);
  });

  it('joins a road that stops short of another within snapM (a T-junction), not beyond it', () => {
    const roads = [road('branch', [-100, 0], [100, 0]), road('lane', [0, 0.8], [0, 100])];
    // the junction node sits at the lane's end, so the walk is off by at most the gap closed
    expect(Math.abs(walk(buildWalkNetwork(roads), [-100, 0], [0, 100]) - 200)).toBeLessThan(1);
    expect(walk(buildWalkNetwork(roads, { snapM: 0.5 }), [-100, 0], [0, 100])).toBe(Infinity);
  });

  it('merges nearly coincident ends', () => {
    const net = buildWalkNetwork([road('branch', [0, 0], [100, 0]), road('branch', [100.5, 0.3], [200, 0])]);
    expect(net.n).toBe(3);
    expect(walk(net, [0, 0], [200, 0])).toBeCloseTo(200, 0);
  });

  it('under the arterial setting, joins an arterial at a shared vertex and where a road ends on it, not where one crosses it', () => {
    const roads = [
      road('arterial', [-200, 0], [0, 0], [200, 0]), road('lane', [0, -50], [0, 0], [0, 50]), // shared vertex
      road('lane', [100, -50], [100, 50]), // crosses mid-block
      road('lane', [-100, -50], [-100, 0]), // ends on it
    ];
    const on = buildWalkNetwork(roads, { arterialCrossingAtJunctionsOnly: true });
    const off = buildWalkNetwork(roads);
    expect(walk(on, [-200, 0], [0, 50])).toBeCloseTo(250, 2);
    expect(walk(on, [-200, 0], [-100, -50])).toBeCloseTo(150, 2);
    expect(walk(on, [-200, 0], [100, 50])).toBe(Infinity); // the crossing lane passes over, it joins nothing
    expect(walk(on, [100, -50], [100, 50])).toBeCloseTo(100, 2); // but it still runs across
    expect(walk(off, [-200, 0], [100, 50])).toBeCloseTo(350, 2);
    expect(on.n).toBe(off.n - 1);
  });

  it('explains misuse', () => {
    expect(() => buildWalkNetwork([])).toThrow(/no roads/);
    expect(() => buildWalkNetwork({} as never)).toThrow(/array/);
    expect(() => buildWalkNetwork([road('branch', [0, 0], [1, 0])], { snapM: -1 })).toThrow(/snapM/);
    expect(() => buildWalkNetwork([{ ...road('branch', [0, 0], [1, 0]), properties: {} as WalkRoadProps }])).toThrow(/class/);
    expect(() => buildWalkNetwork([road('branch', [0, 0], [0, 0])])).toThrow(/zero length/);
    const net = buildWalkNetwork([road('branch', [0, 0], [100, 0])]);
    expect(() => attachPoints(net, [[500, 0]])).toThrow(/WGS84/);
    expect(() => compoundAccess(net, { compounds: [], facilities: [], kinds: ['park'], radiusM: {} })).toThrow(/radiusM for kind "park"/);
  });
});

describe('nearestByNetwork', () => {
  it('walks along the edge when source and target share it', () => {
    const net = buildWalkNetwork([road('branch', [0, 0], [1000, 0])]);
    expect(walk(net, [400, 3], [450, -4])).toBeCloseTo(57, 2);
  });

  it('is Infinity for every target without sources', () => {
    const net = buildWalkNetwork([road('branch', [0, 0], [1000, 0])]);
    expect([...nearestByNetwork(net, attachPoints(net, []), attachPoints(net, [ll(1, 1), ll(5, 5)]))]).toEqual([Infinity, Infinity]);
  });

  it('equals one Dijkstra per target on random grids with missing streets', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rnd = mulberry32(seed);
      const side = 8, step = 50;
      const roads: Feature<LineString, WalkRoadProps>[] = [];
      for (let i = 0; i < side; i++) {
        for (let j = 0; j + 1 < side; j++) {
          if (rnd() > 0.2) roads.push(road(rnd() < 0.2 ? 'arterial' : 'branch', [i * step, j * step], [i * step, (j + 1) * step]));
          if (rnd() > 0.2) roads.push(road('lane', [j * step, i * step], [(j + 1) * step, i * step]));
        }
      }
      const net = buildWalkNetwork(roads, { arterialCrossingAtJunctionsOnly: seed % 2 === 0 });
      const pt = () => ll(rnd() * side * step - step / 2, rnd() * side * step - step / 2);
      const sources = attachPoints(net, Array.from({ length: 6 }, pt));
      const targets = attachPoints(net, Array.from({ length: 40 }, pt));
      const fast = nearestByNetwork(net, sources, targets);
      for (let t = 0; t < targets.count; t++) {
        // brute force: array-scan Dijkstra from the target, then the best source through either end or along a shared edge
        const dist = new Float64Array(net.n).fill(Infinity);
        const done = new Uint8Array(net.n);
        dist[targets.a[t]] = Math.min(dist[targets.a[t]], targets.da[t]);
        dist[targets.b[t]] = Math.min(dist[targets.b[t]], targets.db[t]);
        for (;;) {
          let u = -1;
          for (let v = 0; v < net.n; v++) if (!done[v] && dist[v] < Infinity && (u === -1 || dist[v] < dist[u])) u = v;
          if (u === -1) break;
          done[u] = 1;
          for (let k = net.offsets[u]; k < net.offsets[u + 1]; k++) dist[net.targets[k]] = Math.min(dist[net.targets[k]], dist[u] + net.lengths[k]);
        }
        let best = Infinity;
        for (let s = 0; s < sources.count; s++) {
          let d = Math.min(dist[sources.a[s]] + sources.da[s], dist[sources.b[s]] + sources.db[s]);
          if (sources.edge[s] === targets.edge[t]) d = Math.min(d, Math.abs(sources.da[s] - targets.da[t]));
          best = Math.min(best, d + sources.connector[s]);
        }
        best += targets.connector[t];
        if (best === Infinity) expect(fast[t]).toBe(Infinity);
        else expect(fast[t]).toBeCloseTo(best, 6);
      }
    }
  });
});
