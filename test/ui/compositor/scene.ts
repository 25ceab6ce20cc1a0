/**
 * Test harness: a Compositor driving a @xterm/headless terminal, beside a naive model of the
 * same layers. After each frame a test can ask whether the terminal shows exactly what the
 * model says it should — computed cell by cell here, independently of the compositor.
 */
import { BLANK_CELL } from '../../../src/ui/grid/cell.js';
import type { CellRow } from '../../../src/ui/grid/cell-row.js';
import { Grid } from '../../../src/ui/grid/grid.js';
import { Compositor, type CursorPlacement } from '../../../src/ui/compositor/compositor.js';
import type { Rect } from '../../../src/ui/compositor/rect.js';
import { headlessTerminal, screenDifferences, writeTo, type HeadlessTerminal } from '../grid/xterm-cells.js';

interface ModelLayer {
  rect: Rect;
  grid: Grid;
  /** the grid row shown at the rect's first row */
  top: number;
}

export class Scene {
  readonly compositor: Compositor;
  readonly terminal: HeadlessTerminal;
  cols: number;
  rows: number;
  private base: Grid;
  private readonly panes = new Map<string, ModelLayer>();
  private readonly overlays = new Map<string, ModelLayer>();
  /** the terminal's DECTCEM state, followed from the bytes it parsed */
  cursorShown = true;
  /** every frame written, in order */
  readonly frames: string[] = [];

  constructor(cols: number, rows: number) {
    this.cols = cols;
    this.rows = rows;
    this.base = Grid.blank(cols, rows);
    this.compositor = new Compositor(cols, rows);
    this.terminal = headlessTerminal(cols, rows);
    const follow = (shown: boolean) => (params: (number | number[])[]) => {
      if (params.includes(25)) this.cursorShown = shown;
      return false;
    };
    this.terminal.parser.registerCsiHandler({ prefix: '?', final: 'h' }, follow(true));
    this.terminal.parser.registerCsiHandler({ prefix: '?', final: 'l' }, follow(false));
  }

  dispose(): void {
    this.terminal.dispose();
  }

  setBase(grid: Grid): void {
    this.base = grid;
    this.compositor.setBase(grid);
  }

  setPane(id: string, rect: Rect, cols: number, rows: number, top = 0): void {
    const old = this.panes.get(id);
    this.panes.set(id, { rect, grid: old ? old.grid.resized(cols, rows) : Grid.blank(cols, rows), top });
    this.compositor.setPane(id, rect, cols, rows, top);
  }

  setPaneRow(id: string, y: number, cells: CellRow): void {
    this.panes.get(id)!.grid.setRow(y, cells);
    this.compositor.setPaneRow(id, y, cells);
  }

  removePane(id: string): void {
    this.panes.delete(id);
    this.compositor.removePane(id);
  }

  setOverlay(id: string, rect: Rect, grid: Grid | null): void {
    if (grid) this.overlays.set(id, { rect, grid, top: 0 });
    else this.overlays.delete(id);
    this.compositor.setOverlay(id, rect, grid);
  }

  async resize(cols: number, rows: number): Promise<void> {
    this.cols = cols;
    this.rows = rows;
    this.compositor.resize(cols, rows);
    this.terminal.resize(cols, rows);
  }

  setCursor(cursor: CursorPlacement | null): void {
    this.compositor.setCursor(cursor);
  }

  /** Take a frame from the compositor and let the terminal parse it; returns the frame. */
  async flush(): Promise<string> {
    const frame = this.compositor.frame();
    this.frames.push(frame);
    if (frame) await writeTo(this.terminal, frame);
    return frame;
  }

  /** What the screen should show, composed naively cell by cell. */
  expected(): Grid {
    const screen = Grid.blank(this.cols, this.rows);
    for (let y = 0; y < Math.min(this.rows, this.base.rows); y++) {
      for (let x = 0; x < Math.min(this.cols, this.base.cols); x++) screen.set(x, y, this.base.get(x, y));
    }
    for (const layer of [...this.panes.values(), ...this.overlays.values()]) {
      const { rect, grid, top } = layer;
      for (let y = rect.y; y < rect.y + rect.height; y++) {
        for (let x = rect.x; x < rect.x + rect.width; x++) {
          if (x < 0 || y < 0 || x >= this.cols || y >= this.rows) continue;
          const lx = x - rect.x;
          const ly = y - rect.y + top;
          screen.set(x, y, lx < grid.cols && ly < grid.rows ? grid.get(lx, ly) : BLANK_CELL);
        }
      }
    }
    // a wide character that lost a half is drawn as a space in its colours
    for (let y = 0; y < this.rows; y++) {
      for (let x = 0; x < this.cols; x++) {
        const cell = screen.get(x, y);
        const alone =
          (cell.width === 2 && (x + 1 >= this.cols || screen.get(x + 1, y).width !== 0)) ||
          (cell.width === 0 && (x === 0 || screen.get(x - 1, y).width !== 2));
        if (alone) screen.set(x, y, { ...cell, char: ' ', width: 1 });
      }
    }
    return screen;
  }

  /** Cells where the terminal differs from the expected screen ([] when in sync). */
  differences(): string[] {
    return screenDifferences(this.terminal, this.expected());
  }

  get terminalCursor(): { x: number; y: number } {
    const buffer = this.terminal.buffer.active;
    return { x: buffer.cursorX, y: buffer.cursorY };
  }
}
