// Instant rule checks in the browser: the server's own checkPackage over the same neighbour graph,
// so what the panel shows while a change is on its way is what the server will answer.
import type { CommunityView, NeighboursResponse } from '../../server/domain/api.ts';
import type { StatusCode } from '../../server/domain/model.ts';
import { checkPackage, type RuleCheck } from '../../server/domain/packageRules.ts';
import type { Settings } from '../../server/domain/settings.ts';

export type Adjacency = Map<string, string[]>;

export function adjacency(edges: NeighboursResponse['edges']): Adjacency {
  const nb: Adjacency = new Map();
  const add = (a: string, b: string) => {
    const list = nb.get(a);
    if (list) list.push(b);
    else nb.set(a, [b]);
  };
  for (const [a, b] of edges) {
    add(a, b);
    add(b, a);
  }
  return nb;
}

const NONE: string[] = [];

export function localChecks(
  members: string[], status: StatusCode, settings: Settings, communities: Map<string, CommunityView>, nb: Adjacency,
): RuleCheck[] {
  return checkPackage({ members, status }, {
    settings,
    community: (id) => communities.get(id),
    neighbours: (id) => nb.get(id) ?? NONE,
  });
}
