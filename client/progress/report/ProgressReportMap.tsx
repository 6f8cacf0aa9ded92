// The report's map: a 街道 or a package framed on the page, compounds coloured by status on the
// report's date (those outside the subject faded), the subject's outline on top. Drawn once by
// MapLibre, then shown as an <img> (a live WebGL canvas often prints blank), like the package report.
import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Geometry, Polygon } from 'geojson';
import type { ExpressionSpecification, FilterSpecification, GeoJSONSource, Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { BBox, CommunityView } from '../../../server/domain/api.ts';
import type { Api } from '../../api.ts';
import { NO_PACKAGE_COLOUR, statusColour } from '../../map/colouring.ts';
import { CSS_FONT_FAMILY, FONT_STACK } from '../../map/fonts.ts';
import { labelPoints } from '../../map/labelPoints.ts';
import { LAYER, SRC } from '../../map/layers.ts';
import { buildStyle, type SourceData } from '../../map/style.ts';
import { metresPerPixel, REPORT_COLOURS, scaleBar } from '../../report/reportStyle.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { StatusLabel } from '../types.ts';
import { MapMarks } from '../../report/MapMarks.tsx';

maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** For browser tests: the progress report's map, `ready` once its image is in the page. */
    __lianpianProgressReport?: { map: MapLibreMap; ready: boolean };
  }
}

const PIXEL_RATIO = 2;
const OUTLINE_SRC = 'progress-report-outline';
const LABEL_SRC = 'progress-report-labels';
const LABEL_LAYER = 'progress-report-labels';

const empty = <G extends Geometry = Geometry>(): FeatureCollection<G> => ({ type: 'FeatureCollection', features: [] });

function statusFill(statuses: StatusLabel[], statusById: Map<string, string>): ExpressionSpecification {
  const groups = statuses.map((s, i) => ({ colour: statusColour(s.code, i), ids: [...statusById].filter(([, c]) => c === s.code).map(([id]) => id) }))
    .filter((g) => g.ids.length);
  if (!groups.length) return ['literal', NO_PACKAGE_COLOUR] as unknown as ExpressionSpecification;
  return ['match', ['get', 'id'], ...groups.flatMap((g) => [g.ids, g.colour]), NO_PACKAGE_COLOUR] as unknown as ExpressionSpecification;
}

function style(statuses: StatusLabel[], statusById: Map<string, string>, subject: string[], outline: Geometry): StyleSpecification {
  const sources = { communities: empty(), packages: empty(), pipes: empty(), amenities: empty(), roads: empty(), water: empty(), boundaries: empty() } as SourceData;
  const base = buildStyle(sources, { communities: empty<Polygon>(), boundaries: empty<Polygon>() }, {
    visible: { communities: true, labels: false, packages: false, pipes: false, amenities: false, roads: true, water: true, boundaries: true },
    communityFill: statusFill(statuses, statusById),
    communityFilter: ['all'] as FilterSpecification,
    pipeKinds: [],
  });
  const inSubject: ExpressionSpecification = ['in', ['get', 'id'], ['literal', subject]];
  const layers = base.layers.map((l) => (l.id === LAYER.communitiesFill && l.type === 'fill'
    ? { ...l, paint: { ...l.paint, 'fill-opacity': ['case', inSubject, 0.9, 0.3] as ExpressionSpecification } }
    : l));
  return {
    ...base,
    sources: {
      ...base.sources,
      [OUTLINE_SRC]: { type: 'geojson', data: { type: 'Feature', geometry: outline, properties: {} } },
      [LABEL_SRC]: { type: 'geojson', data: empty() },
    },
    layers: [
      ...layers,
      { id: 'progress-report-outline-casing', type: 'line', source: OUTLINE_SRC, layout: { 'line-join': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 6, 'line-opacity': 0.85 } },
      { id: 'progress-report-outline', type: 'line', source: OUTLINE_SRC, layout: { 'line-join': 'round' }, paint: { 'line-color': REPORT_COLOURS.outline, 'line-width': 3 } },
      {
        id: LABEL_LAYER, type: 'symbol', source: LABEL_SRC,
        layout: { 'text-field': ['get', 'name'], 'text-font': FONT_STACK, 'text-size': 11, 'text-max-width': 7, 'text-padding': 2 },
        paint: { 'text-color': '#1f1a17', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.6 },
      },
    ],
  };
}

function grow([w, s, e, n]: BBox, by: number): BBox {
  const dx = (e - w) * by;
  const dy = (n - s) * by;
  return [w - dx, s - dy, e + dx, n + dy].map((v) => Math.round(v * 1e6) / 1e6) as BBox;
}

interface Props {
  api: Api;
  bbox: BBox;
  outline: Geometry;
  statuses: StatusLabel[];
  statusById: Map<string, string>;
  /** The compounds the report is about: drawn strong; the rest faded. */
  subject: string[];
  /** The compounds named on the map. */
  named: string[];
  name: string;
}

export function ProgressReportMap({ api, bbox, outline, statuses, statusById, subject, named, name }: Props) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [snapshot, setSnapshot] = useState<{ src: string; scale: ReturnType<typeof scaleBar> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const latest = useRef({ api, bbox, outline, statuses, statusById, subject, named });
  latest.current = { api, bbox, outline, statuses, statusById, subject, named };

  useEffect(() => {
    const p = latest.current;
    const container = box.current!;
    const ctrl = new AbortController();
    setSnapshot(null);
    setError(null);
    const pad = Math.round(Math.min(container.clientWidth, container.clientHeight) * 0.06);
    const map = new maplibregl.Map({
      container,
      style: style(p.statuses, p.statusById, p.subject, p.outline),
      bounds: p.bbox,
      fitBoundsOptions: { padding: pad, maxZoom: 17.5 },
      interactive: false,
      trackResize: false,
      attributionControl: false,
      pixelRatio: PIXEL_RATIO,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      localIdeographFontFamily: CSS_FONT_FAMILY,
      fadeDuration: 0,
      maxZoom: 19,
    });
    mapRef.current = map;
    map.on('error', (e) => { if (!ctrl.signal.aborted) setError(e.error?.message ?? String(e)); });
    (async () => {
      await new Promise<void>((resolve) => map.once('load', () => resolve()));
      const b = map.getBounds();
      const view = grow([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], 0.1);
      const [communities, roads, water, boundaries] = await Promise.all([
        p.api.layerIn('communities', view, ctrl.signal), p.api.layerIn('roads', view, ctrl.signal),
        p.api.layerIn('water', view, ctrl.signal), p.api.layerIn('boundaries', view, ctrl.signal),
      ]);
      if (ctrl.signal.aborted) return;
      const toName = new Set(p.named);
      const labelled: FeatureCollection<Polygon, CommunityView> = { type: 'FeatureCollection', features: communities.features.filter((f) => toName.has(f.properties.id)) };
      (map.getSource(SRC.communities) as GeoJSONSource).setData(communities);
      (map.getSource(SRC.roads) as GeoJSONSource).setData(roads);
      (map.getSource(SRC.water) as GeoJSONSource).setData(water);
      (map.getSource(SRC.boundaries) as GeoJSONSource).setData(boundaries);
      (map.getSource(SRC.boundaryLabels) as GeoJSONSource).setData(labelPoints(boundaries));
      (map.getSource(LABEL_SRC) as GeoJSONSource).setData(labelPoints(labelled));
      await new Promise<void>((resolve) => { map.once('idle', () => resolve()); map.triggerRepaint(); });
      if (ctrl.signal.aborted) return;
      setSnapshot({ src: map.getCanvas().toDataURL('image/png'), scale: scaleBar(metresPerPixel(map.getCenter().lat, map.getZoom()), container.clientWidth) });
    })().catch((err: Error) => { if (!ctrl.signal.aborted) setError(err.message); });
    return () => {
      ctrl.abort();
      mapRef.current = null;
      delete window.__lianpianProgressReport;
      map.remove();
    };
  }, []);

  const onImage = () => {
    if (mapRef.current) window.__lianpianProgressReport = { map: mapRef.current, ready: true };
  };

  return (
    <figure className="report-map">
      <div className={`report-map-frame progress-report-map${snapshot ? ' has-image' : ''}`}>
        <div className="report-map-live" ref={box} aria-hidden="true" />
        {snapshot && <img className="report-map-image" src={snapshot.src} alt={t.progress.report.mapAlt(name)} onLoad={onImage} data-testid="progress-report-map-image" />}
        {!snapshot && !error && <p className="report-map-pending">{t.progress.report.mapLoading}</p>}
        {error && <p className="report-map-pending report-error-text" role="alert">{error}</p>}
        <MapMarks scale={snapshot?.scale ?? null} />
      </div>
    </figure>
  );
}
