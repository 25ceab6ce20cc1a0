import type { LayoutArea, Rect } from './pane-frame.js';
import { splitSpan } from './split-span.js';

/** The main pane's share of the terminal. */
const MAIN_SHARE = 0.6;

/**
 * Taller than wide on screen (cells are ~2:1 tall): a main pane on the left would leave a
 * sliver, so main goes on top and the others sit side by side below it.
 */
export function prefersMainOnTop(area: LayoutArea): boolean {
  return area.cols < area.rows * 2;
}

/** Split a length into main and the rest, each keeping at least one cell when it can. */
function mainLength(length: number): number {
  if (length < 2) return length;
  return Math.min(length - 1, Math.max(1, Math.round(length * MAIN_SHARE)));
}

/**
 * Rects by pane index: the focused pane large, the others in index order stacked beside it
 * (on the right; below it, side by side, when the terminal is tall and narrow).
 */
export function mainStackRects(count: number, focus: number, area: LayoutArea): Rect[] {
  const rects: Rect[] = new Array(count);
  if (count === 1) {
    rects[0] = { x: area.x, y: area.y, width: area.cols, height: area.rows };
    return rects;
  }
  const others = [...Array(count).keys()].filter((i) => i !== focus);
  if (prefersMainOnTop(area)) {
    const mainRows = mainLength(area.rows);
    rects[focus] = { x: area.x, y: area.y, width: area.cols, height: mainRows };
    splitSpan(area.x, area.cols, others.length).forEach((col, i) => {
      rects[others[i]!] = { x: col.start, y: area.y + mainRows, width: col.length, height: area.rows - mainRows };
    });
  } else {
    const mainCols = mainLength(area.cols);
    rects[focus] = { x: area.x, y: area.y, width: mainCols, height: area.rows };
    splitSpan(area.y, area.rows, others.length).forEach((row, i) => {
      rects[others[i]!] = { x: area.x + mainCols, y: row.start, width: area.cols - mainCols, height: row.length };
    });
  }
  return rects;
}
