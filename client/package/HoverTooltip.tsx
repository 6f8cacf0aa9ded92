// The compound under the pointer: name, households, build year, its package and, for a small site
// the suggestions left out, why. Its own state, so hovering re-renders this box and not the mode;
// nothing is queried while a button is down (the map is being dragged).
import { useEffect, useState } from 'react';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { CommunityView } from '../../server/domain/api.ts';
import { useI18n } from '../i18n/index.tsx';
import { LAYER } from '../map/layers.ts';

interface Props {
  map: MapLibreMap;
  communities: Map<string, CommunityView>;
  /** The package (name) a compound is in now. */
  packageName(id: string): string | undefined;
  unplaced: Map<string, string>;
}

export function HoverTooltip({ map, communities, packageName, unplaced }: Props) {
  const { t, num } = useI18n();
  const [hover, setHover] = useState<{ x: number; y: number; id: string } | null>(null);
  useEffect(() => {
    const move = (e: MapMouseEvent) => {
      if (e.originalEvent.buttons) return setHover(null);
      const f = map.queryRenderedFeatures(e.point, { layers: [LAYER.communitiesFill] })[0];
      const id = f ? String(f.properties.id) : null;
      setHover((h) => (id === null ? null : h?.id === id && Math.abs(h.x - e.point.x) + Math.abs(h.y - e.point.y) < 2 ? h : { x: e.point.x, y: e.point.y, id }));
    };
    const out = () => setHover(null);
    map.on('mousemove', move);
    map.on('mouseout', out);
    return () => {
      map.off('mousemove', move);
      map.off('mouseout', out);
    };
  }, [map]);

  const c = hover ? communities.get(hover.id) : undefined;
  if (!hover || !c) return null;
  const pkg = packageName(c.id);
  return (
    <div className="map-tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }} data-testid="map-tooltip">
      <strong>{c.name}</strong> · {t.pkg.households(num(c.households))} · {c.buildYear}
      {pkg && <div>{pkg}</div>}
      {unplaced.has(c.id) && <div className="error" data-testid="unplaced-reason">{unplaced.get(c.id)}</div>}
    </div>
  );
}
