import { describe, expect, it } from 'vitest';
import { eligibilityClass, isEligible } from '../../server/domain/eligibility.ts';
import { DEFAULT_SETTINGS } from '../../server/domain/settings.ts';

const s2000 = DEFAULT_SETTINGS;
const s2005 = { ...DEFAULT_SETTINGS, eligibilityCutoffYear: 2005 }; // Jiangxi

describe('eligibility', () => {
  it('built in the cut-off year and not renovated → eligible', () => {
    expect(isEligible({ buildYear: 2000, renovatedYear: null, isOld: true }, s2000)).toBe(true);
  });
  it('built after the cut-off → not eligible, but old ones are told apart from new ones', () => {
    expect(isEligible({ buildYear: 2003, renovatedYear: null, isOld: true }, s2000)).toBe(false);
    expect(eligibilityClass({ buildYear: 2003, renovatedYear: null, isOld: true }, s2000)).toBe('oldAfterCutoff');
    expect(eligibilityClass({ buildYear: 2012, renovatedYear: null, isOld: false }, s2000)).toBe('notOld');
  });
  it('the cut-off is a setting: Jiangxi’s 2005 takes in 2003', () => {
    expect(isEligible({ buildYear: 2003, renovatedYear: null, isOld: true }, s2005)).toBe(true);
  });
  it('already renovated → not eligible whatever its age', () => {
    expect(isEligible({ buildYear: 1990, renovatedYear: 2019, isOld: true }, s2000)).toBe(false);
    expect(eligibilityClass({ buildYear: 1990, renovatedYear: 2019, isOld: true }, s2000)).toBe('renovated');
  });
});
