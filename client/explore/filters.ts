// The compound filter, once as a MapLibre expression (the map hides what fails it, no refetch)
// and once as a predicate (to count what is shown). Both read the same Filters, clause by clause.
import type { ExpressionSpecification } from 'maplibre-gl';
import type { CommunityView } from '../../server/domain/api.ts';
import type { Filters } from './state.ts';

export function filterExpression(f: Filters): ExpressionSpecification {
  const clauses: ExpressionSpecification[] = [
    ['in', ['get', 'subdistrict'], ['literal', f.subdistricts]],
    ['in', ['get', 'management'], ['literal', f.management]],
    ['>=', ['get', 'buildYear'], f.buildYear[0]],
    ['<=', ['get', 'buildYear'], f.buildYear[1]],
    ['>=', ['get', 'households'], f.households[0]],
    ['<=', ['get', 'households'], f.households[1]],
  ];
  if (f.scope === 'old') clauses.push(['==', ['get', 'isOld'], true]);
  if (f.scope === 'eligible') clauses.push(['==', ['get', 'eligible'], true]);
  return ['all', ...clauses];
}

export function matchesFilters(c: CommunityView, f: Filters): boolean {
  return (
    f.subdistricts.includes(c.subdistrict) &&
    f.management.includes(c.management) &&
    c.buildYear >= f.buildYear[0] && c.buildYear <= f.buildYear[1] &&
    c.households >= f.households[0] && c.households <= f.households[1] &&
    (f.scope !== 'old' || c.isOld) &&
    (f.scope !== 'eligible' || c.eligible)
  );
}
