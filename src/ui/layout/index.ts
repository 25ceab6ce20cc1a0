export { LAYOUT_ORDER, computeLayout, nextLayout, type LayoutKind } from './compute-layout.js';
export { focusNeighbor, paneAt, type Direction } from './focus-neighbor.js';
export type { LayoutArea, PaneFrame, Rect } from './pane-frame.js';
