// The real district outline of 昌江区: decode, convert GCJ-02 → WGS84, and repair it into a
// valid (Multi)Polygon. The source ring has repeated vertices (pinches), back-and-forth
// spikes and a few crossings from its 1/1024-degree quantization.
import gcoord from 'gcoord';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { OUTLINE_CP_GCJ, OUTLINE_RINGS_1024 } from './outline-source.ts';

type Ring = Position[];
const MIN_PART_M2 = 200_000; // pieces below 20 ha are quantization debris (lobes cut off at pinches)

function same(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Open ring (no closing vertex) without consecutive duplicates or a-b-a spikes. */
function despike(open: Ring): Ring {
  let a = open.slice();
  for (let changed = true; changed; ) {
    changed = false;
    const b: Ring = [];
    for (const q of a) {
      if (b.length && same(b[b.length - 1], q)) {
        changed = true;
        continue;
      }
      b.push(q);
    }
    while (b.length > 1 && same(b[0], b[b.length - 1])) {
      b.pop();
      changed = true;
    }
    const c: Ring = [];
    const n = b.length;
    for (let i = 0; i < n; i++) {
      if (n > 3 && same(b[(i - 1 + n) % n], b[(i + 1) % n])) {
        changed = true;
        i++; // drop the tip and the repeated vertex after it
        continue;
      }
      c.push(b[i]);
    }
    a = c;
  }
  return a;
}

/** Split an open ring at repeated vertices into simple loops (each open). */
function splitPinches(open: Ring): Ring[] {
  const loops: Ring[] = [];
  const stack: Ring = [];
  const where = new Map<string, number>();
  for (const q of open) {
    const k = `${q[0]},${q[1]}`;
    const at = where.get(k);
    if (at !== undefined) {
      const loop = stack.splice(at + 1);
      for (const p of loop) where.delete(`${p[0]},${p[1]}`);
      loops.push([stack[at], ...loop]);
    } else {
      where.set(k, stack.length);
      stack.push(q);
    }
  }
  loops.push(stack);
  return loops.filter((l) => l.length >= 3);
}

function signedArea(open: Ring): number {
  let s = 0;
  for (let i = 0; i < open.length; i++) {
    const a = open[i];
    const b = open[(i + 1) % open.length];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

/** Valid outline of 昌江区 in WGS84 lon/lat (largest parts kept, slivers dropped). */
export function districtOutline(): Feature<Polygon | MultiPolygon> {
  const parts: Feature<Polygon>[] = [];
  for (const flat of OUTLINE_RINGS_1024) {
    const ring: Ring = [];
    for (let i = 0; i < flat.length; i += 2) {
      ring.push(gcoord.transform([flat[i] / 1024, flat[i + 1] / 1024], gcoord.GCJ02, gcoord.WGS84) as Position);
    }
    const open = despike(ring.slice(0, -1));
    const outerSign = Math.sign(signedArea(open));
    for (const loop of splitPinches(open)) {
      const l = despike(loop);
      if (l.length < 3 || Math.sign(signedArea(l)) !== outerSign) continue; // reversed loops are spurious
      const poly = turf.polygon([[...l, l[0]]]);
      const pieces = turf.kinks(poly).features.length ? turf.unkinkPolygon(poly).features : [poly];
      for (const p of pieces) if (turf.area(p) >= MIN_PART_M2) parts.push(turf.rewind(p) as Feature<Polygon>);
    }
  }
  const merged = parts.length > 1 ? turf.union(turf.featureCollection(parts)) : parts[0];
  if (!merged) throw new Error('district outline: nothing left after repair');
  const out = turf.truncate(merged, { precision: 6, mutate: false }) as Feature<Polygon | MultiPolygon>;
  return out;
}

/** The district's 'cp' (label point) from the source, converted to WGS84. */
export function districtCentre(): [number, number] {
  return gcoord.transform(OUTLINE_CP_GCJ, gcoord.GCJ02, gcoord.WGS84) as [number, number];
}
