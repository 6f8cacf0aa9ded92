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
  const found = await page.evaluate(async (by) => {
    const map = window.__lianpian!.map;
    const [key, value] = 'id' in by ? ['id', by.id] : ['name', by.name];
    const [f] = map.querySourceFeatures('communities', { filter: ['==', ['get', key], value] });
    if (f && f.geometry.type === 'Polygon') {
      const ring = f.geometry.coordinates[0];
      const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
      const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
      map.jumpTo({ center: [cx, cy], zoom: 16.5 });
      return { id: String(f.properties.id), households: Number(f.properties.households) };
    }
    // Only loaded tiles are searchable: a compound off screen is found through the API instead.
    if (!('id' in by)) return null;
    const r = await fetch(`/api/communities/${encodeURIComponent(by.id)}`);
    if (!r.ok) return null;
    const d = await r.json() as { bbox: [number, number, number, number]; feature: { properties: { households: number } } };
    map.jumpTo({ center: [(d.bbox[0] + d.bbox[2]) / 2, (d.bbox[1] + d.bbox[3]) / 2], zoom: 16.5 });
    return { id: by.id, households: d.feature.properties.households };
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

/** The colour a person sees at a page pixel: a screenshot of it, decoded by the page itself (no PNG library). */
export async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = c.height = 1;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2]] as [number, number, number];
  }, png.toString('base64'));
}

/** The ids of the deck.gl layers drawn on the map now (the MapLibreOverlay control's layers). */
export function deckLayerIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = (window.__lianpian!.map as unknown as { _controls: { _props?: { layers?: { id: string }[] } }[] })._controls;
    return (controls.find((c) => c._props?.layers)?._props?.layers ?? []).map((l) => l.id);
  });
}
