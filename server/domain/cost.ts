// The base cost estimate of renovating a compound, under the cost settings: households × 元/户, or
// floor area × 元/m² (settings.costMode). Pure; the package report and the progress figures share it.
import type { CommunityProps } from './model.ts';
import type { Settings } from './settings.ts';

export type CostSettings = Pick<Settings, 'costMode' | 'unitCostPerHousehold' | 'unitCostPerSqm'>;

/** 元, rounded to the yuan. */
export function compoundCost(c: Pick<CommunityProps, 'households' | 'floorArea'>, s: CostSettings): number {
  return s.costMode === 'perHousehold' ? Math.round(c.households * s.unitCostPerHousehold) : Math.round(c.floorArea * s.unitCostPerSqm);
}
