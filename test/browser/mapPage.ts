// Map helpers shared by the browser tests: wait for the map to settle, find a pixel inside a compound.
import type { Page } from 'playwright-core';

/** Resolves after the map has rendered a frame with nothing left to load or animate. */
export function mapIdle(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => {
    const map = window.__lianpian!.map;
    map.once('idle', () => resolve());
    map.triggerRepaint();
  }));
}

/**
 * Moves the map onto the compound matching `by` (its id or its name), then returns a pixel (page
 * coordinates) inside it, with its id and households.
 */
export async function pointInside(page: Page, by: { id: string } | { name: string }): Promise<{ x: number; y: number; id: string; households: number }> {
  const found = await page.evaluate((by) => {
    const map = window.__lianpian!.map;
    const [key, value] = 'id' in by ? ['id', by.id] : ['name', by.name];
    const [f] = map.querySourceFeatures('communities', { filter: ['==', ['get', key], value] });
    if (!f || f.geometry.type !== 'Polygon') return null;
    const ring = f.geometry.coordinates[0];
    const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
    const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    map.jumpTo({ center: [cx, cy], zoom: 16.5 });
    return { id: String(f.properties.id), households: Number(f.properties.households) };
  }, by);
  if (!found) throw new Error(`no compound ${JSON.stringify(by)} in the map's source`);
  await mapIdle(page);
  // The centroid of a concave polygon can lie outside it: search a grid for a pixel that hits it.
  const px = await page.evaluate(({ id }) => {
    const map = window.__lianpian!.map;
    const rect = map.getContainer().getBoundingClientRect();
    const c = map.project(map.getCenter());
    for (let r = 0; r <= 60; r += 6) {
      for (let a = 0; a < 360; a += r === 0 ? 360 : 30) {
        const p: [number, number] = [c.x + r * Math.cos((a * Math.PI) / 180), c.y + r * Math.sin((a * Math.PI) / 180)];
        const hit = map.queryRenderedFeatures(p, { layers: ['communities-fill'] })[0];
        if (hit && String(hit.properties.id) === id) return { x: rect.left + p[0], y: rect.top + p[1] };
      }
    }
    return null;
  }, found);
  if (!px) throw new Error(`could not find a pixel inside ${JSON.stringify(by)}`);
  return { ...px, ...found };
}
