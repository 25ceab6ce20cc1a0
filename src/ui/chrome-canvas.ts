/**
 * The chrome as one grid for the compositor's base layer: each shown pane's border and title,
 * and the bottom bar, painted as text (chrome-paint.ts) and parsed into cells. A border is
 * painted 3 rows high (top edge with the title, one side row, bottom edge) and stretched to
 * the pane's height: the rows between are all alike.
 *
 * Two grids, drawn into in turn: the compositor compares the new base with the one it holds,
 * and lets go of the older one then. A fresh 200×50 grid each time was most of a draw's cost
 * (its rows' arrays: ~0.5 ms, and garbage), and the chrome is drawn while keys are typed.
 */
import type { ChromeProps } from './chrome-props.js';
import { paneBorderRows, statusBarRow } from './chrome-paint.js';
import { placeLayer } from './compositor/compose-row.js';
import { Grid, parseAnsiFrame } from './grid/index.js';

export class ChromeCanvas {
  private readonly grids: Array<Grid | undefined> = [undefined, undefined];
  private turn = 0;

  /** The whole chrome: the pieces at their places, blank elsewhere (the panes' interiors). */
  draw(props: ChromeProps): Grid {
    const { cols, rows } = props;
    const grid = this.blank(cols, rows);
    for (const pane of props.panes) {
      const { frame } = pane;
      const [top, side, bottom] = paneBorderRows(pane);
      const edges = parseAnsiFrame(`${top}\n${side}\n${bottom}`, frame.width, 3);
      for (let y = Math.max(0, frame.y); y < Math.min(rows, frame.y + frame.height); y++) {
        const edge = y === frame.y ? 0 : y === frame.y + frame.height - 1 ? 2 : 1;
        placeLayer(grid.row(y), y, { ...frame, y, height: 1 }, edges, edge);
      }
    }
    if (rows === 0) return grid;
    const bar = { x: 0, y: rows - 1, width: cols, height: 1 };
    const text = statusBarRow({ hints: props.hints, summary: props.message ?? props.summary, warn: props.message !== undefined, width: cols });
    placeLayer(grid.row(rows - 1), rows - 1, bar, parseAnsiFrame(text, cols, 1));
    return grid;
  }

  /** The grid drawn into two draws ago (the compositor holds only the last), blanked. */
  private blank(cols: number, rows: number): Grid {
    this.turn ^= 1;
    const kept = this.grids[this.turn];
    if (kept && kept.cols === cols && kept.rows === rows) {
      kept.clear();
      return kept;
    }
    return (this.grids[this.turn] = Grid.blank(cols, rows));
  }
}
