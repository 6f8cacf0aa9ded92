// Room to leave for the floating panels when fitting the map to something, so it lands in the
// part of the map that is not covered. Narrow screens get a plain margin.
import type { PaddingOptions } from 'maplibre-gl';

const LEFT_COLUMN = 300; // .left-column width + margins (styles.css)
const RIGHT_PANEL = 380; // .community-panel width + margins
const WIDE = 960;

export function viewPadding(container: HTMLElement, rightPanel: boolean): PaddingOptions {
  const { clientWidth: w, clientHeight: h } = container;
  const margin = Math.min(40, h / 8);
  const wide = w >= WIDE;
  return {
    top: margin,
    bottom: margin,
    left: wide ? LEFT_COLUMN + margin / 2 : margin,
    right: wide && rightPanel ? RIGHT_PANEL + margin / 2 : margin,
  };
}
