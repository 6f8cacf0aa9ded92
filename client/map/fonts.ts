// One CJK font stack for everything drawn on the map: MapLibre labels (rendered locally with
// TinySDF, since the style has no glyphs URL) and the canvas-drawn amenity icons.
export const FONT_STACK = ['Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC'];

/** The same stack as a CSS font-family value. */
export const CSS_FONT_FAMILY = [...FONT_STACK.map((f) => `'${f}'`), 'sans-serif'].join(', ');
