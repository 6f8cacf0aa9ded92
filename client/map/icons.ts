// Amenity symbols drawn at runtime (no sprite to download): a coloured disc with one Chinese
// character naming the kind, e.g. 幼 for a kindergarten. Colours group kinds by service.
import type { AmenityKind } from '../../server/domain/model.ts';
import { CSS_FONT_FAMILY } from './fonts.ts';

const EDUCATION = '#7b4fb8';
const HEALTH = '#d6336c';
const CARE = '#e8590c';
const SHOPS = '#1c7ed6';
const SERVICE = '#0c8599';
const GREEN = '#2f9e44';
const UTILITY = '#5c677d';

const AMENITY_SYMBOLS: Record<AmenityKind, { char: string; colour: string }> = {
  communityService: { char: '服', colour: SERVICE },
  kindergarten: { char: '幼', colour: EDUCATION },
  nursery: { char: '托', colour: EDUCATION },
  elderlyCare: { char: '老', colour: CARE },
  healthStation: { char: '医', colour: HEALTH },
  healthCenter: { char: '卫', colour: HEALTH },
  supermarket: { char: '超', colour: SHOPS },
  convenience: { char: '便', colour: SHOPS },
  parcelLocker: { char: '快', colour: SHOPS },
  sportsGround: { char: '体', colour: GREEN },
  park: { char: '园', colour: GREEN },
  wasteCollection: { char: '环', colour: UTILITY },
  primarySchool: { char: '小', colour: EDUCATION },
  middleSchool: { char: '中', colour: EDUCATION },
  busStop: { char: '公', colour: SERVICE },
  publicToilet: { char: '厕', colour: UTILITY },
};

export const AMENITY_ICON_PREFIX = 'amenity-';
export const ICON_PIXEL_RATIO = 2;
const SIZE = 22 * ICON_PIXEL_RATIO;

/** Draws the symbol of one kind; the same picture serves the map (ImageData) and the legend (data URL). */
function drawSymbol(kind: AmenityKind): HTMLCanvasElement {
  const { char, colour } = AMENITY_SYMBOLS[kind];
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2D context unavailable');
  const r = SIZE / 2;
  ctx.beginPath();
  ctx.arc(r, r, r - ICON_PIXEL_RATIO, 0, Math.PI * 2);
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.lineWidth = 1.5 * ICON_PIXEL_RATIO;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold ${Math.round(SIZE * 0.55)}px ${CSS_FONT_FAMILY}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(char, r, r + SIZE * 0.03);
  return canvas;
}

export function amenityIconImage(kind: AmenityKind): ImageData {
  const canvas = drawSymbol(kind);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2D context unavailable');
  return ctx.getImageData(0, 0, SIZE, SIZE);
}

const dataUrls = new Map<AmenityKind, string>();
export function amenityIconUrl(kind: AmenityKind): string {
  let url = dataUrls.get(kind);
  if (!url) {
    url = drawSymbol(kind).toDataURL();
    dataUrls.set(kind, url);
  }
  return url;
}
