// The 组包 mode's pure helpers: package colours, lasso hits, cut-line sides, the client's adjacency.
import { describe, expect, it } from 'vitest';
import { assignColours, boxOf, PALETTE, type Box } from '../../client/package/colours.ts';
import { insidePixels, splitByLine, type Pixel } from '../../client/package/pixels.ts';
import { adjacency } from '../../client/package/rules.ts';

describe('assignColours', () => {
  it('gives packages side by side different colours', () => {
    // a row of 5 boxes 0.001° apart (≈ 100 m, "near"): every pair of neighbours differs
    const boxes: Box[] = [0, 1, 2, 3, 4].map((i) => [i * 0.002, 0, i * 0.002 + 0.001, 0.001]);
    const c = assignColours(boxes);
    for (let i = 0; i + 1 < c.length; i++) expect(c[i]).not.toBe(c[i + 1]);
    expect(c.every((x) => x >= 0 && x < PALETTE.length)).toBe(true);
  });

  it('reuses the first colour for packages far apart', () => {
    expect(assignColours([[0, 0, 0.001, 0.001], [1, 1, 1.001, 1.001]])).toEqual([0, 0]);
  });

  it('still answers when more packages crowd together than there are colours', () => {
    const boxes: Box[] = Array.from({ length: PALETTE.length + 3 }, () => [0, 0, 0.001, 0.001]);
    const c = assignColours(boxes);
    expect(c).toHaveLength(boxes.length);
    expect(new Set(c.slice(0, PALETTE.length)).size).toBe(PALETTE.length);
  });

  it('boxOf spans every ring of the given compounds, null for none', () => {
    const rings = new Map([['a', [[[0, 0], [1, 0], [1, 2], [0, 0]]]], ['b', [[[5, -1], [6, -1], [6, 0], [5, -1]]]]]);
    expect(boxOf(['a', 'b'], rings)).toEqual([0, -1, 6, 2]);
    expect(boxOf(['zz'], rings)).toBeNull();
  });
});

describe('pixels', () => {
  const square: Pixel[] = [[0, 0], [10, 0], [10, 10], [0, 10]];
  it('insidePixels: true inside, false outside', () => {
    expect(insidePixels([5, 5], square)).toBe(true);
    expect(insidePixels([15, 5], square)).toBe(false);
  });

  it('splitByLine: members on either side of a vertical cut', () => {
    const at = new Map<string, Pixel>([['w', [0, 5]], ['x', [4, 0]], ['e', [10, 5]]]);
    const sides = splitByLine(['w', 'x', 'e'], [[5, -100], [5, 100]], (id) => at.get(id) ?? null)!;
    const east = sides.find((s) => s.includes('e'))!;
    const west = sides.find((s) => s !== east)!;
    expect(east).toEqual(['e']);
    expect(west.sort()).toEqual(['w', 'x']);
  });

  it('splitByLine: a short line extends along its nearest segment', () => {
    const at = new Map<string, Pixel>([['far-w', [-500, 400]], ['far-e', [500, 400]]]);
    const sides = splitByLine(['far-w', 'far-e'], [[0, -5], [0, 5]], (id) => at.get(id) ?? null);
    expect(sides).not.toBeNull();
    expect(new Set(sides!.map((s) => s.join()))).toEqual(new Set(['far-w', 'far-e']));
  });

  it('splitByLine: null when every member lies on one side', () => {
    expect(splitByLine(['a', 'b'], [[100, 0], [100, 10]], (id) => (id === 'a' ? [0, 0] : [1, 1]))).toBeNull();
  });
});

describe('adjacency', () => {
  it('lists each edge both ways', () => {
    const nb = adjacency([['a', 'b', 3, 0], ['b', 'c', 0, 20]]);
    expect(nb.get('a')).toEqual(['b']);
    expect(nb.get('b')!.sort()).toEqual(['a', 'c']);
    expect(nb.get('d')).toBeUndefined();
  });
});
