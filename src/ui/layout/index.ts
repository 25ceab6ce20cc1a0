export { LAYOUT_ORDER, computeLayout, nextLayout, type LayoutKind } from './compute-layout.js';
export { focusNeighbor, paneAt, type Direction } from './focus-neighbor.js';
export type { LayoutArea, PaneFrame, Rect } from './pane-frame.js';
export { pilotLayout, promptRows, type PilotLayout } from './pilot-layout.js';
export { screenLayout, type ScreenLayout, type ScreenLayoutInput } from './screen-layout.js';
export { glanceTop } from './glance-window.js';
