// Package colours: packages close to each other never share one when the palette allows (greedy
// colouring of the "near" graph, biggest package first), so two packages side by side read as two.
// "Near" is boxes within about a compound's width: walled compounds a lane apart are not
// neighbours for the rules, but they are for the eye.
import Flatbush from 'flatbush';

/** Fill colours; no orange or red: those mean "small site" and "breaks a rule" on this map. */
export const PALETTE = ['#3b5bdb', '#0ca678', '#ae3ec9', '#1098ad', '#d6336c', '#66a80f', '#7048e8', '#a6784a'];
/** Darker twins for outlines and labels. */
export const PALETTE_DARK = ['#1c3a9e', '#087055', '#7a2590', '#0b6b7a', '#96173f', '#3e6a06', '#4523a8', '#6b4a2b'];

export type Box = [number, number, number, number];
const NEAR_DEG = 0.0015; // ≈ 150 m

/** One palette index per group, from the groups' bounding boxes (lon/lat). */
export function assignColours(boxes: Box[]): number[] {
  const n = boxes.length;
  const colour = new Array<number>(n).fill(-1);
  if (n === 0) return colour;
  const index = new Flatbush(n);
  for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
  index.finish();
  const area = (b: Box) => (b[2] - b[0]) * (b[3] - b[1]);
  const order = boxes.map((_, i) => i).sort((a, b) => area(boxes[b]) - area(boxes[a]));
  for (const g of order) {
    const [x0, y0, x1, y1] = boxes[g];
    const used = new Set<number>();
    for (const h of index.search(x0 - NEAR_DEG, y0 - NEAR_DEG, x1 + NEAR_DEG, y1 + NEAR_DEG)) if (h !== g && colour[h] >= 0) used.add(colour[h]);
    let c = 0;
    while (used.has(c) && c < PALETTE.length) c++;
    // Every colour taken nearby: a deterministic spread is the best left.
    colour[g] = c < PALETTE.length ? c : g % PALETTE.length;
  }
  return colour;
}

/** The bounding box of some compounds' rings. */
export function boxOf(ids: string[], rings: Map<string, number[][][]>): Box | null {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const id of ids) {
    for (const ring of rings.get(id) ?? []) {
      for (const [x, y] of ring) {
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
    }
  }
  return Number.isFinite(b[0]) ? b : null;
}
