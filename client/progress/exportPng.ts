// The map as a PNG at print resolution: an offscreen MapLibre map (preserveDrawingBuffer, like the
// package report's map) drawn at A4 landscape 300 dpi over the view on screen, coloured by the same
// status feature states, then copied onto a 2-D canvas with a title, the date, the legend, a scale
// bar and a north arrow, and encoded as PNG.
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FilterSpecification, LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import type { AppData } from '../api.ts';
import { CSS_FONT_FAMILY } from '../map/fonts.ts';
import { SRC } from '../map/layers.ts';
import { buildStyle, LAYER_URLS } from '../map/style.ts';
import { metresPerPixel, scaleBar } from '../report/reportStyle.ts';
import { progressFill, STATUS_STATE } from './progressLayers.ts';
import type { StatusLabel } from './types.ts';

maplibregl.setWorkerUrl(workerUrl);

import { PRINT_FRAME } from './printFrame.ts';

export interface PrintMapInput {
  data: AppData;
  bounds: LngLatBoundsLike;
  statuses: StatusLabel[];
  statusById: Map<string, string>;
  title: string;
  subtitle: string;
  legendTitle: string;
  legend: { colour: string; label: string }[];
  north: string;
  footer: string;
}

function idle(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
  ctx.fill();
  ctx.stroke();
}

export interface PrintMapResult {
  png: Blob;
  /** Milliseconds spent: style and data loaded, map drawn (until its pixels are read), PNG encoded. */
  timings: { loadMs: number; drawMs: number; encodeMs: number };
}

/** Renders the print map and resolves with the PNG. */
export async function renderPrintMap(input: PrintMapInput): Promise<PrintMapResult> {
  const t0 = performance.now();
  const { widthPx: W, heightPx: H, pixelRatio } = PRINT_FRAME;
  const container = document.createElement('div');
  Object.assign(container.style, {
    position: 'fixed', left: '-20000px', top: '0', width: `${W / pixelRatio}px`, height: `${H / pixelRatio}px`, pointerEvents: 'none',
  });
  container.setAttribute('aria-hidden', 'true');
  document.body.appendChild(container);
  let map: MapLibreMap | null = null;
  try {
    map = new maplibregl.Map({
      container,
      style: buildStyle(LAYER_URLS, input.data, {
        visible: { communities: true, labels: true, packages: false, pipes: false, amenities: false, roads: true, water: true, boundaries: true },
        communityFill: progressFill(input.statuses),
        communityFilter: ['all'] as FilterSpecification,
        pipeKinds: [],
      }),
      bounds: input.bounds,
      fitBoundsOptions: { padding: 0 },
      interactive: false,
      trackResize: false,
      attributionControl: false,
      pixelRatio,
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: false },
      localIdeographFontFamily: CSS_FONT_FAMILY,
      fadeDuration: 0,
      maxZoom: 19,
    });
    const m = map;
    await new Promise<void>((resolve, reject) => {
      m.once('load', () => resolve());
      m.once('error', (e) => reject(e.error ?? new Error(String(e))));
    });
    const t1 = performance.now();
    for (const [id, status] of input.statusById) m.setFeatureState({ source: SRC.communities, id }, { [STATUS_STATE]: status });
    await idle(m);

    const canvas = document.createElement('canvas');
    canvas.width = W;
    canvas.height = H;
    const ctx = canvas.getContext('2d')!;
    // Software GL renders when the pixels are read: this is where the drawing time goes.
    ctx.putImageData(readMapPixels(m.getCanvas()), 0, 0);
    const t3 = performance.now();
    drawFurniture(ctx, W, H, input, metresPerPixel(m.getCenter().lat, m.getZoom()) / pixelRatio);
    const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
    return { png, timings: { loadMs: t1 - t0, drawMs: t3 - t1, encodeMs: performance.now() - t3 } };
  } finally {
    map?.remove();
    container.remove();
  }
}

/**
 * The map's pixels, read straight from its WebGL context (kept by preserveDrawingBuffer). Drawing
 * the WebGL canvas onto a 2-D canvas does the same thing through a far slower path: 13 s against
 * well under one at this size in software GL (SwiftShader).
 */
function readMapPixels(canvas: HTMLCanvasElement): ImageData {
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) throw new Error('the map has no WebGL context to read');
  const w = gl.drawingBufferWidth;
  const h = gl.drawingBufferHeight;
  const raw = new Uint8Array(w * h * 4);
  gl.bindFramebuffer(gl.FRAMEBUFFER, null);
  gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, raw);
  // WebGL rows run bottom-up; an image's top-down.
  const out = new ImageData(w, h);
  const row = w * 4;
  for (let y = 0; y < h; y++) out.data.set(raw.subarray((h - 1 - y) * row, (h - y) * row), y * row);
  return out;
}

/** Title, legend, scale bar and north arrow, sized for 300 dpi (1 mm ≈ 11.8 px). */
function drawFurniture(ctx: CanvasRenderingContext2D, W: number, H: number, input: PrintMapInput, mPerPx: number) {
  const mm = W / 297;
  const font = (pt: number, weight = 400) => `${weight} ${Math.round(pt * 0.3528 * mm)}px ${CSS_FONT_FAMILY}`;
  ctx.textBaseline = 'top';
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  ctx.strokeStyle = 'rgba(60,50,40,0.35)';
  ctx.lineWidth = 0.3 * mm;

  // Title block, top left.
  ctx.font = font(20, 700);
  const tw = ctx.measureText(input.title).width;
  ctx.font = font(11);
  const sw = ctx.measureText(input.subtitle).width;
  const boxW = Math.max(tw, sw) + 12 * mm;
  roundRect(ctx, 8 * mm, 8 * mm, boxW, 22 * mm, 2 * mm);
  ctx.fillStyle = '#1f1a17';
  ctx.font = font(20, 700);
  ctx.fillText(input.title, 14 * mm, 11 * mm);
  ctx.fillStyle = '#4a433d';
  ctx.font = font(11);
  ctx.fillText(input.subtitle, 14 * mm, 21.5 * mm);

  // Legend, bottom left.
  const row = 7 * mm;
  ctx.font = font(10);
  const lw = Math.max(...input.legend.map((l) => ctx.measureText(l.label).width), 30 * mm) + 20 * mm;
  const lh = 12 * mm + row * input.legend.length;
  ctx.fillStyle = 'rgba(255,255,255,0.92)';
  roundRect(ctx, 8 * mm, H - 8 * mm - lh, lw, lh, 2 * mm);
  ctx.fillStyle = '#1f1a17';
  ctx.font = font(11, 700);
  ctx.fillText(input.legendTitle, 13 * mm, H - 8 * mm - lh + 4 * mm);
  ctx.font = font(10);
  input.legend.forEach((l, i) => {
    const y = H - 8 * mm - lh + 11 * mm + i * row;
    ctx.fillStyle = l.colour;
    ctx.strokeStyle = 'rgba(0,0,0,0.35)';
    ctx.fillRect(13 * mm, y, 8 * mm, 5 * mm);
    ctx.strokeRect(13 * mm, y, 8 * mm, 5 * mm);
    ctx.fillStyle = '#1f1a17';
    ctx.fillText(l.label, 24 * mm, y);
  });

  // Scale bar, bottom right.
  const bar = scaleBar(mPerPx, W, 0.15);
  const bw = bar.fraction * W;
  const bx = W - 12 * mm - bw;
  const by = H - 14 * mm;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.strokeStyle = 'rgba(0,0,0,0)';
  ctx.fillRect(bx - 3 * mm, by - 8 * mm, bw + 6 * mm, 14 * mm);
  ctx.strokeStyle = '#2b2522';
  ctx.lineWidth = 0.6 * mm;
  ctx.beginPath();
  ctx.moveTo(bx, by);
  ctx.lineTo(bx, by + 2.5 * mm);
  ctx.lineTo(bx + bw, by + 2.5 * mm);
  ctx.lineTo(bx + bw, by);
  ctx.stroke();
  ctx.fillStyle = '#2b2522';
  ctx.font = font(10);
  ctx.textAlign = 'center';
  ctx.fillText(bar.label, bx + bw / 2, by - 6 * mm);

  // North arrow, top right.
  const nx = W - 16 * mm;
  const ny = 10 * mm;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(nx - 6 * mm, ny - 2 * mm, 12 * mm, 20 * mm);
  ctx.fillStyle = '#2b2522';
  ctx.beginPath();
  ctx.moveTo(nx, ny);
  ctx.lineTo(nx + 4 * mm, ny + 12 * mm);
  ctx.lineTo(nx, ny + 9 * mm);
  ctx.lineTo(nx - 4 * mm, ny + 12 * mm);
  ctx.closePath();
  ctx.fill();
  ctx.font = font(10, 700);
  ctx.fillText(input.north, nx, ny + 12.5 * mm);

  // Footer, bottom right above the scale bar.
  ctx.textAlign = 'right';
  ctx.font = font(8);
  ctx.fillStyle = '#4a433d';
  ctx.fillText(input.footer, W - 10 * mm, H - 5 * mm);
  ctx.textAlign = 'left';
}

/** Hands a blob to the browser as a download. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
