import type { Cell } from './cell.js';
import { CellRow } from './cell-row.js';

/** A cols × rows rectangle of cells: a base layer, an overlay, a pane, or a whole screen. */
export class Grid {
  private readonly lines: CellRow[];

  constructor(
    readonly cols: number,
    readonly rows: number,
    lines?: CellRow[],
  ) {
    this.lines = lines ?? Array.from({ length: rows }, () => new CellRow(cols));
  }

  static blank(cols: number, rows: number): Grid {
    return new Grid(cols, rows);
  }

  /** A grid made of `rows` (each row is copied, clipped or padded to `cols`). */
  static fromRows(cols: number, rows: readonly CellRow[]): Grid {
    const grid = new Grid(cols, rows.length);
    rows.forEach((row, y) => grid.row(y).copyFrom(row, 0, 0, Math.min(cols, row.cols)));
    return grid;
  }

  row(y: number): CellRow {
    const line = this.lines[y];
    if (!line) throw new RangeError(`row ${y} outside a grid of ${this.rows} rows`);
    return line;
  }

  get(x: number, y: number): Cell {
    return this.row(y).get(x);
  }

  set(x: number, y: number, cell: Cell): void {
    this.row(y).set(x, cell);
  }

  /** Replace row y with `cells` (clipped to this grid's width, the rest blank). */
  setRow(y: number, cells: CellRow): void {
    const row = this.row(y);
    const n = Math.min(this.cols, cells.cols);
    row.copyFrom(cells, 0, 0, n);
    row.clear(n, this.cols);
  }

  clear(): void {
    for (const line of this.lines) line.clear();
  }

  /** A grid of another size with this one's content where the two overlap. */
  resized(cols: number, rows: number): Grid {
    const grid = new Grid(cols, rows);
    for (let y = 0; y < Math.min(rows, this.rows); y++) grid.row(y).copyFrom(this.row(y), 0, 0, Math.min(cols, this.cols));
    return grid;
  }

  /** Plain text lines, for tests and debugging. */
  text(): string[] {
    return this.lines.map((line) => line.text());
  }
}
