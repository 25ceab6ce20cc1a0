import { isShowable, type LayoutArea, type Rect } from './pane-frame.js';
import { splitSpan } from './split-span.js';

/**
 * The pane shape people find pleasant, as width ÷ height in cells. Cells are about twice as
 * tall as wide, so 2.4 cells ≈ 1.2 on screen: a little wider than square. With it a 200×50
 * terminal shows 4 panes as 2×2 and 3 panes side by side; a tall narrow one stacks.
 */
const PLEASANT_CELL_RATIO = 2.4;

/** A grid: `columns` panes per row, `rows` rows; the last row may hold fewer, stretched wider. */
export interface TiledGrid {
  columns: number;
  rows: number;
}

/** Panes of a grid laid row by row; the last row's panes share its whole width. */
function gridRects(count: number, grid: TiledGrid, area: LayoutArea): Rect[] {
  const rects: Rect[] = [];
  const rowSpans = splitSpan(area.y, area.rows, grid.rows);
  rowSpans.forEach((row, r) => {
    const inRow = Math.min(grid.columns, count - r * grid.columns);
    for (const col of splitSpan(area.x, area.cols, inRow)) {
      rects.push({ x: col.start, y: row.start, width: col.length, height: row.length });
    }
  });
  return rects;
}

/** How far a pane is from the pleasant shape (0 = just right), symmetric for too wide and too tall. */
function misfit(rect: Rect): number {
  const ratio = Math.max(rect.width, 1) / Math.max(rect.height, 1);
  return Math.abs(Math.log(ratio / PLEASANT_CELL_RATIO));
}

/**
 * The grid for `count` panes in `area`: fewest panes too small to show, then the worst pane
 * closest to the pleasant shape, then the panes closest on the whole.
 */
function chooseGrid(count: number, area: LayoutArea): TiledGrid {
  let best: TiledGrid = { columns: count, rows: 1 };
  let bestScore: number[] | null = null;
  for (let columns = 1; columns <= count; columns++) {
    const grid = { columns, rows: Math.ceil(count / columns) };
    // A grid whose last row would be empty is the same as one with fewer rows.
    if ((grid.rows - 1) * columns >= count) continue;
    const rects = gridRects(count, grid, area);
    const hidden = rects.filter((r) => !isShowable(r)).length;
    const fits = rects.map(misfit);
    const score = [hidden, Math.max(...fits), fits.reduce((a, b) => a + b, 0)];
    if (bestScore === null || isBetter(score, bestScore)) {
      best = grid;
      bestScore = score;
    }
  }
  return best;
}

const EPSILON = 1e-9;

function isBetter(score: number[], than: number[]): boolean {
  for (let i = 0; i < score.length; i++) {
    if (score[i]! < than[i]! - EPSILON) return true;
    if (score[i]! > than[i]! + EPSILON) return false;
  }
  return false;
}

export function tiledRects(count: number, area: LayoutArea): Rect[] {
  return gridRects(count, chooseGrid(count, area), area);
}
