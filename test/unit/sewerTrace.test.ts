// Sewer tracing on small drawn networks (test/fixtures/sewer/in, one case each on a metre grid at
// 29.27°N, so the expected pipes and lengths in out/ follow from the drawing): a tree with two
// branches, a pipe digitised against the flow, sewer and storm kept apart, ends 0.5 m apart
// snapped, a loop. Then properties: traces do not depend on the order of the pipes, and every pipe
// upstream of P has P downstream of it.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Feature, FeatureCollection, Geometry, LineString, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildGravityNetwork, compoundsNear, traceSewer } from '../../server/analysis/sewerTrace.ts';
import { EARTH_RADIUS } from '../../server/analysis/geo.ts';
import type { PipeProps } from '../../server/domain/model.ts';

const fixtures = resolve(import.meta.dirname, '../fixtures/sewer');
const read = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
type Fixture = FeatureCollection<Geometry> & { description: string };
interface Expected {
  traces: { pipe: string; downstream: string[]; downstreamLengthM: number; upstream: string[]; upstreamLengthM: number; outfalls: [number, number][]; warnings: string[] }[];
}

// the fixtures' metre grid (lon0 117.18, lat0 29.27), as drawn
const ky = (EARTH_RADIUS * Math.PI) / 180;
const kx = ky * Math.cos((29.27 * Math.PI) / 180);
const toM = (p: number[]) => [(p[0] - 117.18) * kx, (p[1] - 29.27) * ky];

function load(name: string, snapM = 1, outfallMaxM = 20) {
  const fc = read<Fixture>(join(fixtures, 'in', `${name}.geojson`));
  const pipes = fc.features.filter((f) => f.geometry.type === 'LineString') as Feature<LineString, PipeProps>[];
  const water = fc.features.filter((f) => f.geometry.type === 'Polygon').map((f) => f.geometry as Polygon);
  return { fc, pipes, water, net: buildGravityNetwork({ pipes, water, snapM, outfallMaxM }) };
}

const names = readdirSync(join(fixtures, 'in')).filter((f) => f.endsWith('.geojson')).map((f) => basename(f, '.geojson')).sort();

describe('traceSewer: fixtures', () => {
  it('has the cases the brief names', () => {
    expect(names).toEqual(expect.arrayContaining(['tree', 'reversed', 'systems', 'snap', 'loop']));
  });

  for (const name of names) {
    const expected = read<Expected>(join(fixtures, 'out', `${name}.json`));
    for (const e of expected.traces) {
      it(`${name}: from ${e.pipe}`, () => {
        const { fc, net } = load(name);
        expect(fc.description).toBeTruthy();
        const r = traceSewer(net, e.pipe, 20)!;
        expect([...r.downstream.pipes].sort()).toEqual(e.downstream);
        expect([...r.upstream.pipes].sort()).toEqual(e.upstream);
        expect(r.downstream.lengthM).toBeCloseTo(e.downstreamLengthM, 0);
        expect(r.upstream.lengthM).toBeCloseTo(e.upstreamLengthM, 0);
        expect(r.downstream.outfalls.length).toBe(e.outfalls.length);
        r.downstream.outfalls.forEach((p, i) => {
          const [x, y] = toM(p);
          expect(Math.hypot(x - e.outfalls[i][0], y - e.outfalls[i][1])).toBeLessThan(0.2);
        });
        if (!e.warnings.length) expect(r.warnings).toEqual([]);
        else {
          expect(r.warnings.length).toBeGreaterThan(0);
          const text = r.warnings.map((w) => w.en).join(' ');
          for (const id of e.warnings) expect(text).toContain(id);
          for (const w of r.warnings) expect(w.zh).toMatch(/流向不一致/);
        }
      });
    }
  }
});

describe('traceSewer: what the cases show', () => {
  it('upstream of the trunk holds both branches; downstream of one branch does not hold the other', () => {
    const { net } = load('tree');
    const up = traceSewer(net, 't2', 20)!.upstream.pipes;
    expect(up).toEqual(expect.arrayContaining(['a1', 'a2', 'b1']));
    expect(traceSewer(net, 'a1', 20)!.downstream.pipes).not.toContain('b1');
    expect(traceSewer(net, 'b1', 20)!.downstream.pipes).not.toEqual(expect.arrayContaining(['a1']));
  });

  it('flags the reversed pipe as a dead end where the flow meets it, and names it', () => {
    const { net } = load('reversed');
    const r = traceSewer(net, 't1', 20)!;
    expect(r.downstream.outfalls).toEqual([]);
    expect(r.warnings.some((w) => w.en.includes('none flows out') && w.en.includes('t2'))).toBe(true);
    // the same drawing with t2 the right way round has no warning
    const { pipes, water } = load('reversed');
    const fixed = pipes.map((p) => (p.properties.id === 't2' ? { ...p, geometry: { ...p.geometry, coordinates: [...p.geometry.coordinates].reverse() } } : p));
    const ok = traceSewer(buildGravityNetwork({ pipes: fixed, water, snapM: 1, outfallMaxM: 20 }), 't1', 20)!;
    expect(ok.warnings).toEqual([]);
    expect(ok.downstream.pipes).toEqual(['t2', 't3']);
  });

  it('never mixes storm into sewer, though they share a node', () => {
    const { net } = load('systems');
    const sewer = traceSewer(net, 's0', 20)!;
    expect([...sewer.downstream.pipes, ...traceSewer(net, 's1', 20)!.upstream.pipes].some((id) => id.startsWith('r'))).toBe(false);
    expect(traceSewer(net, 'r1', 20)!.upstream.pipes).toEqual(['r2']);
  });

  it('snaps ends 0.5 m apart but not 3 m apart; with no snapping the 0.5 m gap is a dead end', () => {
    const { net } = load('snap');
    expect(traceSewer(net, 'p1', 20)!.downstream.pipes).toEqual(['p2']);
    expect(traceSewer(net, 'q1', 20)!.downstream.pipes).toEqual([]);
    const tight = load('snap', 0.1).net;
    const r = traceSewer(tight, 'p1', 20)!;
    expect(r.downstream.pipes).toEqual([]);
    expect(r.warnings.length).toBe(1);
    expect(traceSewer(tight, 'L', 20)!.downstream.pipes).toEqual([]); // 0.3 m short of p2 is too far at 0.1 m
  });

  it('an outfall needs water within outfallMaxM: with the river moved away, the trunk ends in a dead end', () => {
    const { pipes } = load('tree');
    const far = buildGravityNetwork({ pipes, water: [], snapM: 1, outfallMaxM: 20 });
    const r = traceSewer(far, 'a1', 20)!;
    expect(r.downstream.outfalls).toEqual([]);
    expect(r.warnings.length).toBe(1);
  });

  it('returns undefined for an unknown pipe and leaves other kinds out of the network', () => {
    const { pipes, water } = load('tree');
    const gas: Feature<LineString, PipeProps> = { ...pipes[0], properties: { ...pipes[0].properties, id: 'g1', kind: 'gas' } };
    const net = buildGravityNetwork({ pipes: [...pipes, gas], water, snapM: 1, outfallMaxM: 20 });
    expect(traceSewer(net, 'g1', 20)).toBeUndefined();
    expect(traceSewer(net, 'nope', 20)).toBeUndefined();
    expect(traceSewer(net, 't2', 20)!.upstream.pipes).not.toContain('g1');
  });

  it('refuses bad tolerances and duplicate ids', () => {
    const { pipes, water } = load('tree');
    expect(() => buildGravityNetwork({ pipes, water, snapM: -1, outfallMaxM: 20 })).toThrow(/snapM/);
    expect(() => buildGravityNetwork({ pipes: [...pipes, pipes[0]], water, snapM: 1, outfallMaxM: 20 })).toThrow(/twice/);
  });
});

describe('traceSewer: properties', () => {
  it('gives the same traces whatever the order of the pipes', () => {
    for (const name of names) {
      const { pipes, water, net } = load(name);
      const shuffled = buildGravityNetwork({ pipes: [...pipes].reverse(), water, snapM: 1, outfallMaxM: 20 });
      for (const p of pipes) {
        const a = traceSewer(net, p.properties.id, 20)!, b = traceSewer(shuffled, p.properties.id, 20)!;
        expect([...b.downstream.pipes].sort()).toEqual([...a.downstream.pipes].sort());
        expect([...b.upstream.pipes].sort()).toEqual([...a.upstream.pipes].sort());
        expect(b.downstream.lengthM).toBeCloseTo(a.downstream.lengthM, 6);
        expect(b.warnings.length).toBe(a.warnings.length);
      }
    }
  });

  it('P is downstream of every pipe upstream of P', () => {
    for (const name of names) {
      const { pipes, net } = load(name);
      for (const p of pipes) {
        for (const u of traceSewer(net, p.properties.id, 20)!.upstream.pipes) {
          expect(traceSewer(net, u, 20)!.downstream.pipes, `${name}: ${u} → ${p.properties.id}`).toContain(p.properties.id);
        }
      }
    }
  });
});

describe('compoundsNear', () => {
  const square = (x: number, y: number, s: number): Feature<Polygon> => {
    const ll = (a: number, b: number) => [117.18 + a / kx, 29.27 + b / ky];
    return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[ll(x, y), ll(x + s, y), ll(x + s, y + s), ll(x, y + s), ll(x, y)]] } };
  };
  it('takes compounds within the distance of a pipe, or with a pipe inside', () => {
    const { pipes } = load('tree');
    const t1 = pipes.filter((p) => p.properties.id === 't1');
    const near = square(20, 30, 20); // 30 m above t1
    const far = square(20, 150, 20); // 150 m above
    const around = square(40, -10, 20); // t1 runs through it
    const inside = square(-500, -500, 1000); // t1 wholly inside, far from the wall
    expect(compoundsNear([near, far, around, inside], t1, 100)).toEqual([0, 2, 3]);
    expect(compoundsNear([near, far, around, inside], t1, 10)).toEqual([2, 3]);
  });
});
