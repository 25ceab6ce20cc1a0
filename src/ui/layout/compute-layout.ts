import { mainStackRects } from './main-stack.js';
import { paneFrame, type LayoutArea, type PaneFrame } from './pane-frame.js';
import { tiledRects } from './tiled.js';

export type LayoutKind = 'tiled' | 'main-stack' | 'zoom';

/** What next-layout steps through. Zoom is not a step: `z` toggles it on top of either. */
export const LAYOUT_ORDER: readonly LayoutKind[] = ['tiled', 'main-stack'];

/** The layout after `kind` for next-layout (from zoom: the first). */
export function nextLayout(kind: LayoutKind): LayoutKind {
  const at = LAYOUT_ORDER.indexOf(kind);
  return LAYOUT_ORDER[(at + 1) % LAYOUT_ORDER.length]!;
}

/**
 * Where `count` panes go in `area`, one PaneFrame per pane in index order. Tiled and
 * main-stack frames tile the area exactly; zoom shows only the focused pane.
 */
export function computeLayout(kind: LayoutKind, count: number, focus: number, area: LayoutArea): PaneFrame[] {
  if (count <= 0) return [];
  const focused = Math.min(Math.max(0, focus), count - 1);
  if (kind === 'zoom') {
    const hidden = { x: area.x, y: area.y, width: 0, height: 0 };
    const whole = { x: area.x, y: area.y, width: area.cols, height: area.rows };
    return [...Array(count).keys()].map((i) => (i === focused ? paneFrame(i, whole) : paneFrame(i, hidden, false)));
  }
  const rects = kind === 'tiled' ? tiledRects(count, area) : mainStackRects(count, focused, area);
  return rects.map((rect, i) => paneFrame(i, rect));
}
