// Renovation needs of each compound, derived from the generated data where it can be
// (pipes inside, gas service) and sampled plausibly by age otherwise.
import type { Rng } from './rng.ts';
import type { Site } from './communities.ts';
import type { SiteUtilities } from './pipes.ts';
import { NEEDS, type Need } from '../../server/domain/model.ts';

export function deriveNeeds(rng: Rng, site: Site, u: SiteUtilities): Need[] {
  const s = site.spec;
  const set = new Set<Need>(s.needs);
  if (u.combinedInside) set.add('rainSewerSeparation');
  if (u.overheadInside) set.add('overheadLines');
  if (s.isOld) {
    const done = s.renovatedYear !== null; // renovated compounds keep only what renovation rarely fixes
    const p = (old: number, mid: number) => (done ? 0.3 : 1) * (s.group === 'O' ? old : mid);
    const walkUp = s.households / s.buildings >= 20; // ≈ 5–6 storeys without a lift
    if (walkUp && rng.chance(p(0.35, 0.2))) set.add('elevator');
    if (!u.gasService) set.add('gasUpgrade');
    if (u.oldWaterService && rng.chance(0.7)) set.add('waterSupply');
    if (rng.chance(p(0.5, 0.2))) set.add('roofWaterproofing');
    if (rng.chance(p(0.25, 0.1))) set.add('facade');
    if (rng.chance(p(0.6, 0.5))) set.add('parking');
    if (u.overheadInside && rng.chance(p(0.5, 0.3))) set.add('powerUpgrade');
    if (rng.chance(p(0.3, 0.2))) set.add('accessibility');
    if (rng.chance(p(0.5, 0.3))) set.add('lighting');
    if (rng.chance(p(0.4, 0.25))) set.add('greening');
    if (rng.chance(p(0.45, 0.25))) set.add('fireSafety');
  } else if (rng.chance(0.15)) set.add('parking');
  return NEEDS.filter((n) => set.has(n));
}
