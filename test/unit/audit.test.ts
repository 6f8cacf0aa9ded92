// The audit rules (server/domain/audit.ts) on small cases in test/fixtures/audit/: each file says
// what it shows, the compounds, packages and neighbour pairs, and exactly the flags expected
// (none for the false cases). Compound fields left out default to an eligible 1990 walk-up
// compound of 120 户 and 9 600 m² in 西郊街道; packages default to 2020年第一批 with no funding.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit, AUDIT_RULES, type AuditCommunity } from '../../server/domain/audit.ts';
import { FundingBySource, type StatusEvent } from '../../server/domain/model.ts';
import { DEFAULT_SETTINGS, Settings } from '../../server/domain/settings.ts';
import { FIXTURES } from '../api/fixtureApp.ts';

interface Fixture {
  description: string;
  date: string;
  settings?: Partial<Settings>;
  communities: (Partial<AuditCommunity> & { id: string; name: string })[];
  neighbours: [string, string][];
  packages: { id: string; name: string; members: string[]; history: { status: string; date: string }[]; batch?: string | null; year?: number | null; funding?: unknown }[];
  expect: { rule: string; severity: string; communities: string[]; packages: string[] }[];
}

const DIR = join(FIXTURES, 'audit');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

function run(f: Fixture) {
  const nb = new Map<string, string[]>();
  for (const [a, b] of f.neighbours) {
    nb.set(a, [...(nb.get(a) ?? []), b]);
    nb.set(b, [...(nb.get(b) ?? []), a]);
  }
  return audit({
    date: f.date,
    settings: Settings.parse({ ...DEFAULT_SETTINGS, ...f.settings }),
    communities: f.communities.map((c) => ({
      aliases: [], subdistrict: '西郊街道', households: 120, floorArea: 9600, buildYear: 1990, renovatedYear: null, isOld: true, ...c,
    })),
    packages: f.packages.map((p) => ({
      batch: '2020年第一批', year: 2020, ...p,
      history: p.history.map((e): StatusEvent => ({ ...e, note: null })),
      funding: FundingBySource.parse(p.funding ?? {}),
    })),
    neighbours: (id) => nb.get(id) ?? [],
  });
}
type Ref = string | { id: string };
const shape = (f: { rule: string; severity: string; communities: Ref[]; packages: Ref[] }) => {
  const ids = (xs: Ref[]) => xs.map((x) => (typeof x === 'string' ? x : x.id)).sort().join(',');
  return `${f.rule}/${f.severity}/${ids(f.communities)}/${ids(f.packages)}`;
};

describe('audit rules on the fixtures', () => {
  it('has true and false cases for every rule', () => {
    const all = files.map((name) => JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Fixture);
    for (const r of AUDIT_RULES) expect(all.some((f) => f.expect.some((e) => e.rule === r.rule)), r.rule).toBe(true);
    expect(all.filter((f) => f.expect.length === 0).length).toBeGreaterThanOrEqual(6);
  });

  for (const name of files) {
    const f = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Fixture;
    it(`${name.replace(/\.json$/, '')}: ${f.description}`, () => {
      const r = run(f);
      expect(r.flags.map(shape).sort()).toEqual(f.expect.map(shape).sort());
      for (const flag of r.flags) {
        // every flag says itself in both languages and names what it is about by id and name
        expect(flag.message.length).toBeGreaterThan(5);
        expect(flag.messageEn).toMatch(/[a-z]/);
        for (const c of flag.communities) {
          expect(c.name).toBe(f.communities.find((x) => x.id === c.id)!.name);
          expect(flag.message).toContain(c.name);
        }
        for (const p of flag.packages) expect(p.name).toBe(f.packages.find((x) => x.id === p.id)!.name);
      }
    });
  }

  it('lists every rule with its labels, errors before warnings', () => {
    const r = run(JSON.parse(readFileSync(join(DIR, 'implausible-compounds.json'), 'utf8')));
    expect(r.rules.map((x) => x.rule)).toEqual(AUDIT_RULES.map((x) => x.rule));
    expect(r.rules.every((x) => x.zh && x.en)).toBe(true);
    const sev = r.flags.map((x) => x.severity);
    expect(sev).toEqual([...sev].sort()); // 'error' < 'warning'
  });
});
