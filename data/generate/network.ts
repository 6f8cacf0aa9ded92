// The street network split at junctions: every road's centre line is cut wherever another
// road's centre line ends on it or crosses it, so that the written road features form a graph
// whose junctions are shared vertices (after warping and rounding too: same input point,
// same output). Pipes and cables follow these segments.
import type { UV } from './frame.ts';
import type { Road } from './layout.ts';
import type { RoadClass } from '../../server/domain/model.ts';

export interface Segment {
  id: string;
  road: string;
  cls: RoadClass;
  name: string | null;
  width: number;
  a: UV;
  b: UV;
}

const CLASS_ORDER: RoadClass[] = ['arterial', 'secondary', 'branch', 'lane'];

export function splitAtJunctions(roads: Road[]): Segment[] {
  const horizontal = (r: Road) => r.a[1] === r.b[1];
  const out: Omit<Segment, 'id'>[] = [];
  for (const r of roads) {
    const h = horizontal(r);
    const lo = Math.min(h ? r.a[0] : r.a[1], h ? r.b[0] : r.b[1]);
    const hi = Math.max(h ? r.a[0] : r.a[1], h ? r.b[0] : r.b[1]);
    const line = h ? r.a[1] : r.a[0];
    const cuts = new Set<number>([lo, hi]);
    for (const o of roads) {
      if (o === r || horizontal(o) === h) continue;
      // o is perpendicular: it runs along `at` from olo to ohi
      const at = h ? o.a[0] : o.a[1];
      const olo = Math.min(h ? o.a[1] : o.a[0], h ? o.b[1] : o.b[0]);
      const ohi = Math.max(h ? o.a[1] : o.a[0], h ? o.b[1] : o.b[0]);
      if (at > lo && at < hi && line >= olo && line <= ohi) cuts.add(at);
    }
    const xs = [...cuts].sort((x, y) => x - y);
    for (let i = 0; i < xs.length - 1; i++) {
      const a: UV = h ? [xs[i], line] : [line, xs[i]];
      const b: UV = h ? [xs[i + 1], line] : [line, xs[i + 1]];
      out.push({ road: r.id, cls: r.cls, name: r.name, width: r.width, a, b });
    }
  }
  out.sort(
    (x, y) =>
      CLASS_ORDER.indexOf(x.cls) - CLASS_ORDER.indexOf(y.cls) ||
      y.a[1] - x.a[1] || x.a[0] - y.a[0] || y.b[1] - x.b[1] || x.b[0] - y.b[0],
  );
  return out.map((s, i) => ({ ...s, id: `rd${String(i + 1).padStart(4, '0')}` }));
}

export function segmentMid(s: Segment): UV {
  return [(s.a[0] + s.b[0]) / 2, (s.a[1] + s.b[1]) / 2];
}
export function segmentLength(s: Segment): number {
  return Math.hypot(s.b[0] - s.a[0], s.b[1] - s.a[1]);
}

/** Runs for pipes and cables: streets cut only where streets meet (not at every lane), and
 * each lane whole; fewer, longer pieces than the road graph. */
export function pipeRuns(roads: Road[]): Segment[] {
  const streets = splitAtJunctions(roads.filter((r) => r.cls !== 'lane'));
  const lanes = roads
    .filter((r) => r.cls === 'lane')
    .map((r, i) => ({ id: `ln${String(i + 1).padStart(4, '0')}`, road: r.id, cls: r.cls, name: r.name, width: r.width, a: r.a, b: r.b }));
  return [...streets, ...lanes];
}
