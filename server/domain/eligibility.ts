// Eligibility for renovation (国办发〔2020〕23号: 2000年底前建成; the cut-off year is a setting).
import type { CommunityProps } from './model.ts';
import type { Settings } from './settings.ts';

export const ELIGIBILITY_CLASSES = ['eligible', 'renovated', 'oldAfterCutoff', 'notOld'] as const;
export type EligibilityClass = (typeof ELIGIBILITY_CLASSES)[number];

type Facts = Pick<CommunityProps, 'buildYear' | 'renovatedYear' | 'isOld'>;

/** Built in or before the cut-off year and not yet renovated. */
export function isEligible(c: Facts, s: Pick<Settings, 'eligibilityCutoffYear'>): boolean {
  return c.buildYear <= s.eligibilityCutoffYear && c.renovatedYear == null;
}

/** The class the map colours by: why a compound is or is not a candidate. */
export function eligibilityClass(c: Facts, s: Pick<Settings, 'eligibilityCutoffYear'>): EligibilityClass {
  if (c.renovatedYear != null) return 'renovated';
  if (c.buildYear <= s.eligibilityCutoffYear) return 'eligible';
  return c.isOld ? 'oldAfterCutoff' : 'notOld';
}
