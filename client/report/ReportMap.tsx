// The package map for print: MapLibre draws the package fitted to the frame (north up), then the
// canvas becomes an <img>, which every browser prints and saves to PDF reliably (a live WebGL
// canvas often prints blank). The basemap is fetched for the view only (`?bbox=`).
import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Polygon } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { BBox, CommunityView, PackageReport } from '../../server/domain/api.ts';
import type { Api } from '../api.ts';
import { CSS_FONT_FAMILY } from '../map/fonts.ts';
import { labelPoints } from '../map/labelPoints.ts';
import { SRC } from '../map/layers.ts';
import { useI18n } from '../i18n/index.tsx';
import { REPORT_COLOURS, REPORT_LAYER, REPORT_SRC, metresPerPixel, reportStyle, scaleBar } from './reportStyle.ts';
import { MapMarks } from './MapMarks.tsx';

maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** For browser tests: the report's map, `ready` once its image is in the page. */
    __lianpianReport?: { map: MapLibreMap; ready: boolean };
  }
}

/** Drawn at twice the CSS size so the printed map stays sharp at 300 dpi-ish. */
const PIXEL_RATIO = 2;
const MAX_ZOOM = 18;

interface Snapshot {
  src: string;
  scale: ReturnType<typeof scaleBar>;
}

function idle(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
}

function grow([w, s, e, n]: BBox, by: number): BBox {
  const dx = (e - w) * by;
  const dy = (n - s) * by;
  return [w - dx, s - dy, e + dx, n + dy].map((v) => Math.round(v * 1e6) / 1e6) as BBox;
}

export function ReportMap({ report, api }: { report: PackageReport; api: Api }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  // The map is drawn once per report; a language switch changes nothing on it (names are the data's).
  const apiRef = useRef(api);
  apiRef.current = api;

  useEffect(() => {
    const container = box.current!;
    const pkg = report.package;
    const memberIds = pkg.members.map((m) => m.id);
    const ctrl = new AbortController();
    setSnapshot(null);
    setError(null);
    const pad = Math.round(Math.min(container.clientWidth, container.clientHeight) * 0.12);
    const map = new maplibregl.Map({
      container,
      style: reportStyle(memberIds, pkg.outline),
      bounds: pkg.bbox,
      fitBoundsOptions: { padding: { top: pad, bottom: pad, left: pad * 1.5, right: pad * 1.5 }, maxZoom: MAX_ZOOM },
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
    map.on('error', (e) => {
      if (!ctrl.signal.aborted) setError(e.error?.message ?? String(e));
    });

    (async () => {
      await new Promise<void>((resolve) => map.once('load', () => resolve()));
      const b = map.getBounds();
      const view = grow([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], 0.1);
      const a = apiRef.current;
      const [communities, roads, water, boundaries] = await Promise.all([
        a.layerIn('communities', view, ctrl.signal),
        a.layerIn('roads', view, ctrl.signal),
        a.layerIn('water', view, ctrl.signal),
        a.layerIn('boundaries', view, ctrl.signal),
      ]);
      if (ctrl.signal.aborted) return;
      const inside = new Set(memberIds);
      const members: FeatureCollection<Polygon, CommunityView> = {
        type: 'FeatureCollection', features: communities.features.filter((f) => inside.has(f.properties.id)),
      };
      (map.getSource(SRC.communities) as GeoJSONSource).setData(communities);
      (map.getSource(SRC.roads) as GeoJSONSource).setData(roads);
      (map.getSource(SRC.water) as GeoJSONSource).setData(water);
      (map.getSource(SRC.boundaries) as GeoJSONSource).setData(boundaries);
      (map.getSource(SRC.boundaryLabels) as GeoJSONSource).setData(labelPoints(boundaries));
      (map.getSource(REPORT_SRC.memberLabels) as GeoJSONSource).setData(labelPoints(members));
      await idle(map);
      // Every member is named: where names collide, they are allowed to overlap rather than vanish.
      const placed = new Set(map.queryRenderedFeatures({ layers: [REPORT_LAYER.memberLabels] }).map((f) => String(f.properties.id)));
      if (placed.size < members.features.length) {
        map.setLayoutProperty(REPORT_LAYER.memberLabels, 'text-allow-overlap', true);
        await idle(map);
      }
      if (ctrl.signal.aborted) return;
      const scale = scaleBar(metresPerPixel(map.getCenter().lat, map.getZoom()), container.clientWidth);
      setSnapshot({ src: map.getCanvas().toDataURL('image/png'), scale });
    })().catch((err: Error) => {
      if (!ctrl.signal.aborted) setError(err.message);
    });

    return () => {
      ctrl.abort();
      mapRef.current = null;
      delete window.__lianpianReport;
      map.remove();
    };
  }, [report]);

  const onImage = () => {
    if (mapRef.current) window.__lianpianReport = { map: mapRef.current, ready: true };
  };

  return (
    <figure className="report-map">
      <div className={`report-map-frame${snapshot ? ' has-image' : ''}`}>
        <div className="report-map-live" ref={box} aria-hidden="true" />
        {snapshot && (
          <img className="report-map-image" src={snapshot.src} alt={t.report.mapAlt(report.package.name)} onLoad={onImage} data-testid="report-map-image" />
        )}
        {!snapshot && !error && <p className="report-map-pending">{t.report.mapLoading}</p>}
        {error && <p className="report-map-pending report-error-text" role="alert">{t.report.mapFailed(error)}</p>}
        <MapMarks scale={snapshot?.scale ?? null} />
      </div>
      <figcaption className="report-legend">
        <LegendSwatch fill={REPORT_COLOURS.member} stroke={REPORT_COLOURS.memberLine} label={t.report.legend.members} />
        <LegendLine colour={REPORT_COLOURS.outline} width={3} label={t.report.legend.outline} />
        <LegendSwatch fill={REPORT_COLOURS.other} stroke="#8c847a" label={t.report.legend.others} />
        <LegendLine colour={REPORT_COLOURS.arterial} casing={REPORT_COLOURS.roadCasing} width={4} label={t.report.legend.arterial} />
        <LegendLine colour={REPORT_COLOURS.road} casing={REPORT_COLOURS.roadCasing} width={4} label={t.report.legend.roads} />
        <LegendSwatch fill={REPORT_COLOURS.water} stroke="#86b6dc" label={t.report.legend.water} />
        <LegendLine colour={REPORT_COLOURS.boundary} width={1.5} dashed label={t.report.legend.boundary} />
      </figcaption>
    </figure>
  );
}

function LegendSwatch({ fill, stroke, label }: { fill: string; stroke: string; label: string }) {
  return (
    <span className="report-legend-item">
      <svg width="16" height="11" aria-hidden="true"><rect x="0.5" y="0.5" width="15" height="10" fill={fill} stroke={stroke} /></svg>
      {label}
    </span>
  );
}

function LegendLine({ colour, casing, width, dashed, label }: { colour: string; casing?: string; width: number; dashed?: boolean; label: string }) {
  return (
    <span className="report-legend-item">
      <svg width="22" height="11" aria-hidden="true">
        {casing && <line x1="1" y1="5.5" x2="21" y2="5.5" stroke={casing} strokeWidth={width + 2} strokeLinecap="round" />}
        <line x1="1" y1="5.5" x2="21" y2="5.5" stroke={colour} strokeWidth={width} strokeLinecap="round" strokeDasharray={dashed ? '4 2 1 2' : undefined} />
      </svg>
      {label}
    </span>
  );
}
