// One map for every mode. Building the map is the slowest thing the app does (seconds on a city of
// 20 000 compounds, mostly in the worker and the GPU), so switching 探索 ⇄ 组包 keeps it: each mode
// says how the map should look through useModeMap(), and adds or removes its own layers.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { BBox } from '../../server/domain/api.ts';
import type { AppData } from '../api.ts';
import { MapView, type MapLook, type PopupAction } from './MapView.tsx';

interface Host {
  map: MapLibreMap | null;
  setLook(look: MapLook): void;
  onCompound: { current: (id: string) => void };
  popupAction: { current: PopupAction | null };
}
const HostContext = createContext<Host | null>(null);

export function MapHost({ data, bbox, children }: { data: AppData; bbox: BBox; children: ReactNode }) {
  const [look, setLook] = useState<MapLook | null>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const onCompound = useRef<(id: string) => void>(() => undefined);
  const popupAction = useRef<PopupAction | null>(null);
  return (
    <HostContext.Provider value={{ map, setLook, onCompound, popupAction }}>
      {look && (
        <div className="map-host">
          <MapView data={data} bbox={bbox} {...look} onSelectCommunity={(id) => onCompound.current(id)} onReady={setMap}
            popupAction={(info, close) => popupAction.current?.(info, close) ?? null} />
        </div>
      )}
      {children}
    </HostContext.Provider>
  );
}

function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error('the map hooks must be used inside <MapHost>');
  return host;
}

/** The shared map, once it has loaded. */
export function useHostMap(): MapLibreMap | null {
  return useHost().map;
}

/** The current mode's look of the map (memoise its parts: a new object redraws), what a click on a compound does, and what a popup offers. */
export function useModeLook(look: MapLook, onCompound: (id: string) => void, popupAction: PopupAction | null = null): void {
  const host = useHost();
  host.onCompound.current = onCompound;
  host.popupAction.current = popupAction;
  const { fill, filter, visible, pipeKinds, selected, deckLayers, amenityKind } = look;
  const { setLook } = host;
  useEffect(() => {
    setLook({ fill, filter, visible, pipeKinds, selected, deckLayers, amenityKind });
  }, [setLook, fill, filter, visible, pipeKinds, selected, deckLayers, amenityKind]);
}
