import { describe, expect, it } from 'vitest';
import type { CommunityProps } from '../../server/domain/model.ts';
import { checkPackage, memberComponents, type RuleContext } from '../../server/domain/packageRules.ts';
import { DEFAULT_SETTINGS } from '../../server/domain/settings.ts';

const base = { aliases: [], neighborhood: null, buildings: 2, floorArea: 4000, management: 'none' as const, isOld: true, needs: [], gates: [], note: null };
const C: Record<string, CommunityProps> = {
  a: { ...base, id: 'a', name: '甲', subdistrict: '西郊街道', households: 60, buildYear: 1990, renovatedYear: null },
  b: { ...base, id: 'b', name: '乙', subdistrict: '西郊街道', households: 50, buildYear: 1995, renovatedYear: null },
  c: { ...base, id: 'c', name: '丙', subdistrict: '西郊街道', households: 30, buildYear: 1998, renovatedYear: null },
  d: { ...base, id: 'd', name: '丁', subdistrict: '新枫街道', households: 200, buildYear: 2003, renovatedYear: null },
  e: { ...base, id: 'e', name: '戊', subdistrict: '西郊街道', households: 120, buildYear: 1985, renovatedYear: 2019 },
};
const EDGES: Record<string, string[]> = { a: ['b'], b: ['a', 'c'], c: ['b'], d: [], e: [] }; // a chain a–b–c
const ctx: RuleContext = { settings: DEFAULT_SETTINGS, community: (id) => C[id], neighbours: (id) => EDGES[id] ?? [] };
const bad = (members: string[], status: 'reserve' | 'completed' = 'reserve') =>
  checkPackage({ members, status }, ctx).filter((c) => !c.ok).map((c) => c.rule);

describe('package rules', () => {
  it('a chain of small sites reaching the threshold passes every rule', () => {
    expect(bad(['a', 'b', 'c'])).toEqual([]);
  });
  it('two small sites that together stay below the threshold fail only the threshold', () => {
    expect(bad(['b', 'c'])).toEqual(['threshold']);
  });
  it('members not linked in the neighbour graph fail contiguity, naming the cut-off one', () => {
    const checks = checkPackage({ members: ['a', 'b', 'e'], status: 'reserve' }, { ...ctx, settings: { ...DEFAULT_SETTINGS, eligibilityCutoffYear: 2000 } });
    const contiguity = checks.find((c) => c.rule === 'contiguity')!;
    expect(contiguity.ok).toBe(false);
    expect(contiguity.communities).toEqual(['e']);
    expect(contiguity.message).toContain('戊');
  });
  it('a post-2000 compound is not eligible under 2000 but is under Jiangxi’s 2005', () => {
    expect(bad(['d'])).toEqual(['eligibility']);
    expect(checkPackage({ members: ['d'], status: 'reserve' }, { ...ctx, settings: { ...DEFAULT_SETTINGS, eligibilityCutoffYear: 2005 } }).every((c) => c.ok)).toBe(true);
  });
  it('an already renovated compound fails eligibility before the work, not in a completed package', () => {
    expect(bad(['e'])).toEqual(['eligibility']);
    expect(bad(['e'], 'completed')).toEqual([]);
  });
  it('members in two 街道 fail the same-街道 rule only when the setting asks for it', () => {
    expect(bad(['a', 'd'])).toContain('sameSubdistrict');
    const loose = checkPackage({ members: ['a', 'd'], status: 'reserve' }, { ...ctx, settings: { ...DEFAULT_SETTINGS, sameSubdistrict: false } });
    expect(loose.map((c) => c.rule)).not.toContain('sameSubdistrict');
  });
  it('an empty package and unknown ids are named', () => {
    expect(bad([])).toEqual(expect.arrayContaining(['nonEmpty', 'threshold']));
    const unknown = checkPackage({ members: ['a', 'zz'], status: 'reserve' }, ctx).find((c) => c.rule === 'known')!;
    expect(unknown).toMatchObject({ ok: false, communities: ['zz'] });
  });
  it('memberComponents finds the parts, largest first', () => {
    expect(memberComponents(['e', 'a', 'c', 'b'], ctx)).toEqual([['a', 'b', 'c'], ['e']]);
  });
});
