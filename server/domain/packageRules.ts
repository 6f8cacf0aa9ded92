// The rules a package must satisfy, each checked on its own with a message that names the rule
// and the compounds involved. Pure: the caller supplies communities, settings and neighbours.
import { isEligible } from './eligibility.ts';
import type { CommunityProps, StatusCode } from './model.ts';
import { reached } from './progress.ts';
import type { Settings } from './settings.ts';

export const RULES = ['nonEmpty', 'known', 'eligibility', 'sameSubdistrict', 'contiguity', 'threshold'] as const;
export type Rule = (typeof RULES)[number];

export interface RuleCheck {
  rule: Rule;
  ok: boolean;
  message: string; // zh-CN
  messageEn: string;
  communities: string[]; // the compounds the message is about
}

export interface RuleContext {
  settings: Settings;
  community(id: string): CommunityProps | undefined;
  /** Gap-graph neighbours (walled compounds within tolerance, no barrier between). */
  neighbours(id: string): Iterable<string>;
}

type Facts = Pick<CommunityProps, 'buildYear' | 'renovatedYear' | 'isOld'>;
/** A member counts as eligible if it meets the rule, or if it was renovated by this very package (completed or later). */
function memberEligible(c: Facts, status: StatusCode, s: Settings): boolean {
  if (reached(s, status, s.completedStatus) && c.renovatedYear != null) return c.buildYear <= s.eligibilityCutoffYear;
  return isEligible(c, s);
}

const names = (ids: string[], ctx: RuleContext) => ids.map((id) => ctx.community(id)?.name ?? id).join('、');
const namesEn = (ids: string[], ctx: RuleContext) => ids.map((id) => ctx.community(id)?.name ?? id).join(', ');

/** Connected components of the members in the neighbour graph, largest first. */
export function memberComponents(members: string[], ctx: Pick<RuleContext, 'neighbours'>): string[][] {
  const inside = new Set(members);
  const seen = new Set<string>();
  const parts: string[][] = [];
  for (const start of members) {
    if (seen.has(start)) continue;
    const part = [start];
    seen.add(start);
    for (let i = 0; i < part.length; i++) {
      for (const nb of ctx.neighbours(part[i])) {
        if (inside.has(nb) && !seen.has(nb)) {
          seen.add(nb);
          part.push(nb);
        }
      }
    }
    parts.push(part);
  }
  return parts.sort((a, b) => b.length - a.length);
}

export function checkPackage(p: { members: string[]; status: StatusCode }, ctx: RuleContext): RuleCheck[] {
  const s = ctx.settings;
  const checks: RuleCheck[] = [];
  const add = (rule: Rule, ok: boolean, communities: string[], message: string, messageEn: string) =>
    checks.push({ rule, ok, communities, message, messageEn });

  add('nonEmpty', p.members.length > 0, [], p.members.length ? `包含 ${p.members.length} 个小区` : '项目包没有小区',
    p.members.length ? `${p.members.length} compound${p.members.length === 1 ? '' : 's'}` : 'the package has no compounds');

  const unknown = p.members.filter((id) => !ctx.community(id));
  add('known', unknown.length === 0, unknown, unknown.length ? `没有这些小区：${unknown.join('、')}` : '所有小区均存在',
    unknown.length ? `unknown compounds: ${unknown.join(', ')}` : 'all compounds exist');
  const members = p.members.filter((id) => ctx.community(id));
  const props = members.map((id) => ctx.community(id)!);

  const ineligible = members.filter((_, i) => !memberEligible(props[i], p.status, s));
  add('eligibility', ineligible.length === 0, ineligible,
    ineligible.length
      ? `不符合改造条件（${s.eligibilityCutoffYear} 年后建成或已改造）：${names(ineligible, ctx)}`
      : `均为 ${s.eligibilityCutoffYear} 年及以前建成、未改造的小区`,
    ineligible.length
      ? `not eligible (built after ${s.eligibilityCutoffYear} or already renovated): ${namesEn(ineligible, ctx)}`
      : `all built in or before ${s.eligibilityCutoffYear} and not yet renovated`);

  if (s.sameSubdistrict) {
    const streets = [...new Set(props.map((c) => c.subdistrict))];
    const odd = streets.length > 1 ? members.filter((_, i) => props[i].subdistrict !== streets[0]) : [];
    add('sameSubdistrict', streets.length <= 1, odd,
      streets.length <= 1 ? `同属${streets[0] ?? '一个街道'}` : `跨街道（${streets.join('、')}）：${names(odd, ctx)}`,
      streets.length <= 1 ? `all in ${streets[0] ?? 'one subdistrict'}` : `spans subdistricts (${streets.join(', ')}): ${namesEn(odd, ctx)}`);
  }

  const parts = memberComponents(members, ctx);
  const cut = parts.slice(1).flat();
  add('contiguity', parts.length <= 1, cut,
    parts.length <= 1
      ? `成片相连（间距 ≤ ${s.gapToleranceM} 米，无主干路或河流阻隔）`
      : `不连片：${names(cut, ctx)} 与其余小区之间相隔超过 ${s.gapToleranceM} 米或被主干路、河流阻隔`,
    parts.length <= 1
      ? `contiguous (gaps ≤ ${s.gapToleranceM} m, no arterial or river between)`
      : `not contiguous: ${namesEn(cut, ctx)} ${cut.length > 1 ? 'are' : 'is'} more than ${s.gapToleranceM} m from the rest or separated by a barrier`);

  const households = props.reduce((sum, c) => sum + c.households, 0);
  add('threshold', households >= s.minHouseholds, households >= s.minHouseholds ? [] : members,
    households >= s.minHouseholds ? `共 ${households} 户，达到 ${s.minHouseholds} 户` : `共 ${households} 户，不足 ${s.minHouseholds} 户（100户以下的需合并立项）`,
    households >= s.minHouseholds ? `${households} households, at least ${s.minHouseholds}` : `${households} households, below the minimum of ${s.minHouseholds}`);

  return checks;
}

export const failed = (checks: RuleCheck[]) => checks.filter((c) => !c.ok);
