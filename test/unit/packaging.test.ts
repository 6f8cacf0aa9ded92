// suggestPackages on the neighbour fixtures: the reasons a small site is left out, in words.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { gapGraph, type BarrierFeature } from '../../server/analysis/neighbours.ts';
import { suggestPackages } from '../../server/analysis/packaging.ts';
import type { CommunityProps } from '../../server/domain/model.ts';

const IN = resolve(import.meta.dirname, '../fixtures/neighbours/in');

/** The fixture's compounds with the households given, all eligible and free. */
function run(fixture: string, households: Record<string, number>) {
  const fc = JSON.parse(readFileSync(join(IN, `${fixture}.geojson`), 'utf8')) as FeatureCollection;
  const compounds = fc.features.filter((f) => f.properties!.role === 'compound') as Feature<Polygon>[];
  const barriers = fc.features.filter((f) => f.properties!.role === 'barrier') as BarrierFeature[];
  const communities = compounds.map((f, i): Feature<Polygon, CommunityProps> => ({
    ...f,
    properties: {
      id: `c${i}`, name: f.properties!.name, aliases: [], subdistrict: f.properties!.subdistrict, neighborhood: null,
      households: households[f.properties!.name], buildings: 1, floorArea: 1000, buildYear: 1990, management: 'none',
      renovatedYear: null, isOld: true, needs: [], gates: [], note: null,
    },
  }));
  const gap = gapGraph({ features: communities, subdistrict: communities.map((c) => c.properties.subdistrict), barriers, toleranceM: 30 });
  return suggestPackages({
    communities, gap, eligible: communities.map(() => true), packageOf: communities.map(() => null), minHouseholds: 100, toleranceM: 30,
  });
}

describe('suggestPackages', () => {
  it('a small site whose only neighbour is across an arterial is unplaced, the arterial named', () => {
    const r = run('arterial', { 路西: 150, 路东: 60, 巷西: 40 });
    const u = r.unplaced.find((s) => s.name === '路东')!;
    expect(u.reason).toBe('barrier');
    expect(u.message).toContain('主干路“瓷都大道”');
    expect(u.messageEn).toContain('arterial 瓷都大道');
    // 巷西 joins 路西 across the lane instead
    expect(r.packages.map((p) => p.members.map((m) => m.name).sort())).toEqual([['巷西', '路西']]);
  });

  it('a big compound with no small neighbour stays alone and is not suggested as a package', () => {
    const r = run('arterial', { 路西: 150, 路东: 300, 巷西: 200 });
    expect(r.packages).toEqual([]);
    expect(r.unplaced).toEqual([]);
    expect(r.stats.standalone).toBe(3);
  });

  it('refuses a graph that does not match the compounds', () => {
    const r = () => suggestPackages({
      communities: [], gap: gapGraph({ features: [] }), eligible: [true], packageOf: [null], minHouseholds: 100, toleranceM: 30,
    });
    expect(r).toThrow(/one entry per community/);
  });
});
