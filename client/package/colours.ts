// Package colours: neighbouring packages never share one when the palette allows (greedy colouring
// of the package adjacency, biggest first), so two packages side by side always read as two.
import type { Adjacency } from './rules.ts';

/** Fill colours; no orange or red: those mean "small site" and "breaks a rule" on this map. */
export const PALETTE = ['#3b5bdb', '#0ca678', '#ae3ec9', '#1098ad', '#d6336c', '#66a80f', '#7048e8', '#a6784a'];
/** Darker twins for outlines and list swatches. */
export const PALETTE_DARK = ['#1c3a9e', '#087055', '#7a2590', '#0b6b7a', '#96173f', '#3e6a06', '#4523a8', '#6b4a2b'];

/** One palette index per group (a group is a package's member ids). */
export function assignColours(groups: string[][], nb: Adjacency): number[] {
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
  const order = groups.map((_, i) => i).sort((a, b) => groups[b].length - groups[a].length);
  const colour = new Array<number>(groups.length).fill(-1);
  for (const g of order) {
    const used = new Set<number>();
    for (const id of groups[g]) {
      for (const other of nb.get(id) ?? []) {
        const h = groupOf.get(other);
        if (h !== undefined && h !== g && colour[h] >= 0) used.add(colour[h]);
      }
    }
    let c = 0;
    while (used.has(c) && c < PALETTE.length - 1) c++;
    // Fall back to a deterministic spread when every colour is taken by a neighbour.
    colour[g] = used.has(c) ? g % PALETTE.length : c;
  }
  return colour;
}
