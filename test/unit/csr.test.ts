import { describe, expect, it } from 'vitest';
import { degree, graphFromEdges } from '../../server/analysis/csr.ts';

describe('graphFromEdges', () => {
  it('stores each undirected edge both ways, rows ascending, attributes aligned', () => {
    const g = graphFromEdges(4, [{ a: 2, b: 0, shared: 5, gap: 1 }, { a: 0, b: 1 }, { a: 1, b: 2, gap: 7 }]);
    expect(Array.from(g.offsets)).toEqual([0, 2, 4, 6, 6]);
    expect(Array.from(g.neighbours)).toEqual([1, 2, 0, 2, 0, 1]);
    expect(Array.from(g.shared)).toEqual([0, 5, 0, 0, 5, 0]);
    expect(Array.from(g.gap)).toEqual([0, 1, 0, 7, 1, 7]);
    expect(degree(g, 3)).toBe(0); // an island
  });
  it('merges duplicate edges keeping the longest shared boundary and the smallest gap', () => {
    const g = graphFromEdges(2, [{ a: 0, b: 1, shared: 3, gap: 9 }, { a: 1, b: 0, shared: 8, gap: 4 }]);
    expect(Array.from(g.neighbours)).toEqual([1, 0]);
    expect(Array.from(g.shared)).toEqual([8, 8]);
    expect(Array.from(g.gap)).toEqual([4, 4]);
  });
  it('refuses self-loops and ids out of range', () => {
    expect(() => graphFromEdges(2, [{ a: 1, b: 1 }])).toThrow(/self-loop/);
    expect(() => graphFromEdges(2, [{ a: 0, b: 2 }])).toThrow(/outside/);
    expect(() => graphFromEdges(-1, [])).toThrow(/non-negative/);
  });
});
