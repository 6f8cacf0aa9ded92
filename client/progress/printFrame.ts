// The print PNG's size: A4 landscape at 300 dpi (297 × 210 mm → 3508 × 2480 px), drawn by MapLibre
// at twice the CSS size so labels keep a readable size on paper.
export const PRINT_FRAME = { widthPx: 3508, heightPx: 2480, dpi: 300, pixelRatio: 2 } as const;
