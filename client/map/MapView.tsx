// The full-window map: built once from the district's data, then kept in step with Explore's
// choices through paint, filter and visibility changes (no refetch, no style rebuild).
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { ExpressionSpecification, FilterSpecification, GeoJSONSource, LngLat, Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import type { Layer } from '@deck.gl/core';
import type { BBox, CommunityViewFeature } from '../../server/domain/api.ts';
import {
  AMENITY_KINDS, type AmenityKind, type AmenityProps, type PipeKind, type PipeProps, type RoadProps,
} from '../../server/domain/model.ts';
import { layerUrl, type AppData } from '../api.ts';
import { TOGGLES, type Visibility } from '../explore/state.ts';
import { AMENITY_ICON_PREFIX, ICON_PIXEL_RATIO, amenityIconImage } from './icons.ts';
import { LAYER, SRC, TOGGLE_LAYERS, pipeFilter } from './layers.ts';
import { viewPadding } from './padding.ts';
import { SelectionOverlay } from './selectionOverlay.ts';
import { buildStyle, LAYER_URLS } from './style.ts';
import { labelPoints } from './labelPoints.ts';
import { FeaturePopup, type PopupInfo } from './FeaturePopup.tsx';
import { CSS_FONT_FAMILY } from './fonts.ts';

maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** For browser tests: the MapLibre map, once its style has loaded. */
    __lianpian?: { map: MapLibreMap };
  }
}

/** Topmost first: a click on an amenity or pipe inside a compound describes the amenity or pipe. */
const POPUP_LAYERS = [LAYER.amenities, LAYER.pipesOverhead, LAYER.pipesBuried];
const INTERACTIVE_LAYERS = [...POPUP_LAYERS, LAYER.communitiesFill, LAYER.roads];
const CLICK_SLOP_PX = 4;

/** What a mode decides about the map's look. */
export interface MapLook {
  fill: ExpressionSpecification;
  filter: FilterSpecification;
  visible: Visibility;
  pipeKinds: PipeKind[];
  selected: CommunityViewFeature | null;
  /** More deck.gl layers drawn with the selection (the 组包 mode's links and selected package). */
  deckLayers?: Layer[];
  /** Show only this amenity kind's icons (the kind whose gaps colour the map); all when absent. */
  amenityKind?: AmenityKind | null;
}

/** What a mode offers in a feature's popup (a button), given the feature and a way to close the popup. */
export type PopupAction = (info: PopupInfo, close: () => void) => ReactNode;

interface MapViewProps extends MapLook {
  data: AppData;
  popupAction(info: PopupInfo, close: () => void): ReactNode;
  /** Where the map opens. */
  bbox: BBox;
  onSelectCommunity(id: string): void;
  onReady(map: MapLibreMap): void;
}

const isAmenityKind = (s: string): s is AmenityKind => (AMENITY_KINDS as readonly string[]).includes(s);

function popupInfo(f: MapGeoJSONFeature, lngLat: LngLat): PopupInfo | null {
  switch (f.layer.id) {
    case LAYER.amenities:
      return { lngLat, kind: 'amenity', props: f.properties as AmenityProps };
    case LAYER.pipesBuried:
    case LAYER.pipesOverhead:
      return { lngLat, kind: 'pipe', props: f.properties as PipeProps };
    case LAYER.roads:
      return { lngLat, kind: 'road', props: f.properties as RoadProps };
    default:
      return null;
  }
}

export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [overlay, setOverlay] = useState<SelectionOverlay | null>(null);
  const [popup, setPopup] = useState<PopupInfo | null>(null);
  const closePopup = useCallback(() => setPopup(null), []);
  // The map is built once; later renders only adjust it, so read the latest props through a ref.
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const p = latest.current;
    const m = new maplibregl.Map({
      container: container.current!,
      style: buildStyle(LAYER_URLS, p.data, { visible: p.visible, communityFill: p.fill, communityFilter: p.filter, pipeKinds: p.pipeKinds }),
      bounds: p.bbox,
      fitBoundsOptions: { padding: viewPadding(container.current!, false) },
      localIdeographFontFamily: CSS_FONT_FAMILY,
      attributionControl: false,
      maxZoom: 19,
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: true, visualizePitch: false }), 'bottom-right');
    m.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    m.setMissingStyleImageResolver((id) => {
      const kind = id.startsWith(AMENITY_ICON_PREFIX) ? id.slice(AMENITY_ICON_PREFIX.length) : '';
      if (isAmenityKind(kind) && !m.hasImage(id)) m.addImage(id, amenityIconImage(kind), { pixelRatio: ICON_PIXEL_RATIO });
    });

    let hovered: string | number | undefined;
    const setHover = (id: string | number | undefined) => {
      if (hovered === id) return;
      if (hovered !== undefined) m.setFeatureState({ source: SRC.communities, id: hovered }, { hover: false });
      hovered = id;
      if (id !== undefined) m.setFeatureState({ source: SRC.communities, id }, { hover: true });
    };
    m.on('mousemove', (e) => {
      const hits = m.queryRenderedFeatures(e.point, { layers: INTERACTIVE_LAYERS });
      m.getCanvas().style.cursor = hits.length ? 'pointer' : '';
      setHover(hits.find((f) => f.layer.id === LAYER.communitiesFill)?.id);
    });
    m.on('mouseout', () => setHover(undefined));
    m.on('click', (e) => {
      // Pipes are thin and icons small: they count within a few pixels of the click.
      const { x, y } = e.point;
      const near = m.queryRenderedFeatures([[x - CLICK_SLOP_PX, y - CLICK_SLOP_PX], [x + CLICK_SLOP_PX, y + CLICK_SLOP_PX]], { layers: POPUP_LAYERS });
      if (near.length) return setPopup(popupInfo(near[0], e.lngLat));
      const hits = m.queryRenderedFeatures(e.point, { layers: [LAYER.communitiesFill, LAYER.roads] });
      const community = hits.find((f) => f.layer.id === LAYER.communitiesFill);
      if (community) {
        setPopup(null);
        return latest.current.onSelectCommunity(String(community.properties.id));
      }
      const road = hits.find((f) => f.layer.id === LAYER.roads);
      setPopup(road ? popupInfo(road, e.lngLat) : null);
    });
    m.once('load', () => {
      setOverlay(new SelectionOverlay(m));
      setMap(m);
      window.__lianpian = { map: m };
      latest.current.onReady(m);
    });
    return () => {
      delete window.__lianpian;
      m.remove();
    };
  }, []);

  // New data (after a settings change) goes into the sources; the style was built from the first.
  const { data } = props;
  const styledWith = useRef(data);
  useEffect(() => {
    if (!map || data === styledWith.current) return;
    styledWith.current = data;
    (map.getSource(SRC.communities) as GeoJSONSource).setData(layerUrl('communities'));
    (map.getSource(SRC.communityLabels) as GeoJSONSource).setData(labelPoints(data.communities));
    (map.getSource(SRC.packages) as GeoJSONSource).setData(layerUrl('packages'));
  }, [map, data]);

  const { fill, filter, visible, pipeKinds, selected, deckLayers, amenityKind } = props;
  useEffect(() => {
    map?.setFilter(LAYER.amenities, amenityKind ? ['==', ['get', 'kind'], amenityKind] : null);
  }, [map, amenityKind]);
  useEffect(() => {
    map?.setPaintProperty(LAYER.communitiesFill, 'fill-color', fill);
  }, [map, fill]);
  useEffect(() => {
    if (!map) return;
    for (const id of [LAYER.communitiesFill, LAYER.communitiesOutline, LAYER.communityLabels]) map.setFilter(id, filter);
  }, [map, filter]);
  useEffect(() => {
    if (!map) return;
    for (const t of TOGGLES) {
      for (const id of TOGGLE_LAYERS[t]) map.setLayoutProperty(id, 'visibility', visible[t] ? 'visible' : 'none');
    }
  }, [map, visible]);
  useEffect(() => {
    if (!map) return;
    map.setFilter(LAYER.pipesBuried, pipeFilter(pipeKinds, false));
    map.setFilter(LAYER.pipesOverhead, pipeFilter(pipeKinds, true));
  }, [map, pipeKinds]);
  useEffect(() => {
    overlay?.show(selected, deckLayers);
  }, [overlay, selected, deckLayers]);

  return (
    <div className="map" ref={container} data-testid="map">
      {map && popup && <FeaturePopup map={map} info={popup} onClose={closePopup} action={props.popupAction(popup, closePopup)} />}
    </div>
  );
}
