// Screen-space geometry for the drawing tools: which compounds a lasso holds, which side of a cut
// line each member lies on. Pure, so it is unit-tested without a browser.

export type Pixel = [number, number];

/** Even–odd point in polygon, in pixels. */
export function insidePixels(p: Pixel, ring: Pixel[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Splits members by the side of a drawn line their anchor lies on (the side of the nearest
 * segment, so the line's ends extend naturally). Null when all lie on one side.
 */
export function splitByLine(members: string[], line: Pixel[], at: (id: string) => Pixel | null): [string[], string[]] | null {
  const left: string[] = [];
  const right: string[] = [];
  for (const id of members) {
    const p = at(id);
    if (!p) continue;
    let best = Infinity;
    let side = 0;
    for (let i = 0; i + 1 < line.length; i++) {
      const [ax, ay] = line[i];
      const [bx, by] = line[i + 1];
      const dx = bx - ax, dy = by - ay;
      const l2 = dx * dx + dy * dy || 1;
      const u = Math.max(0, Math.min(1, ((p[0] - ax) * dx + (p[1] - ay) * dy) / l2));
      const d = Math.hypot(p[0] - ax - u * dx, p[1] - ay - u * dy);
      if (d < best) { best = d; side = dx * (p[1] - ay) - dy * (p[0] - ax); }
    }
    (side < 0 ? left : right).push(id);
  }
  return left.length && right.length ? [left, right] : null;
}
