import type { CellRow } from '../grid/cell-row.js';
import type { Grid } from '../grid/grid.js';
import type { Rect } from './rect.js';

/**
 * Paint the part of `layer` (placed at `rect`, its rows from `top` on) that falls on screen
 * row `y` into `row`. Cells of the rect the layer does not cover (a pane smaller than its
 * rect) become blank, so a layer always hides what lies beneath its whole rect.
 */
export function placeLayer(row: CellRow, y: number, rect: Rect, layer: Grid, top = 0): void {
  if (y < rect.y || y >= rect.y + rect.height) return;
  const x0 = Math.max(0, rect.x);
  const x1 = Math.min(row.cols, rect.x + rect.width);
  if (x0 >= x1) return;
  const layerY = y - rect.y + top;
  const layerX = x0 - rect.x;
  const covered = layerY < layer.rows ? Math.max(0, Math.min(x1 - x0, layer.cols - layerX)) : 0;
  if (covered > 0) row.copyFrom(layer.row(layerY), layerX, x0, covered);
  row.clear(x0 + covered, x1);
}

/**
 * Where layers meet, a wide character can lose one of its halves (an overlay edge over its
 * right half, a pane clipping it at its rect). A half on its own becomes a space in the same
 * colours, so the row never asks the terminal to draw half a character.
 */
export function mendWideChars(row: CellRow): void {
  const widths = row.widths;
  const cols = row.cols;
  for (let x = 0; x < cols; x++) {
    const w = widths[x];
    if (w === 2) {
      if (x + 1 >= cols || widths[x + 1] !== 0) row.blankKeepingStyle(x);
      else x++; // a whole wide character: skip its second half
    } else if (w === 0) {
      row.blankKeepingStyle(x); // a second half whose first half is not right before it
    }
  }
}
