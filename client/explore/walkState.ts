// Compounds carry their walk to the chosen facility kind as feature state, so switching kinds or
// data re-colours them without re-tiling the compounds source (as the 组包 mode does with packages).
import { useEffect } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { GapsResponse } from '../../server/domain/api.ts';
import { WALK_STATE } from '../map/colouring.ts';
import { SRC } from '../map/layers.ts';

export function useWalkState(map: MapLibreMap | null, gaps: GapsResponse | null, kind: string): void {
  useEffect(() => {
    if (!map || !gaps) return;
    for (const c of gaps.communities) {
      const walk = c.access[kind]?.walkM;
      map.setFeatureState({ source: SRC.communities, id: c.id }, { [WALK_STATE]: walk === undefined ? null : walk ?? -1 });
    }
  }, [map, gaps, kind]);
}
