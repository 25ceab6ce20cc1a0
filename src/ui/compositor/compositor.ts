/**
 * The cockpit's only writer to the real terminal. It stacks a base layer (the chrome ink
 * rendered), pane interiors (rows from the fleet's emulators) and overlays, and turns each
 * frame into the bytes that change what the terminal shows into what it should show —
 * nothing when nothing changed, one synchronized-output block (DEC 2026) otherwise.
 *
 * Work is proportional to damage: setters mark screen rows dirty, `frame()` composes and
 * diffs only those rows against `shown`, a copy of what the terminal displays.
 */
import type { CellRow } from '../grid/cell-row.js';
import { Grid } from '../grid/grid.js';
import { mendWideChars, placeLayer } from './compose-row.js';
import { paintRow } from './paint-row.js';
import { sameRect, type Rect } from './rect.js';
import { TerminalPen } from './terminal-pen.js';
import { enterSequence, leaveSequence, type TerminalModeOptions } from './terminal-modes.js';

export interface CursorPlacement {
  x: number;
  y: number;
  visible: boolean;
}

export interface PaneRowUpdate {
  y: number;
  cells: CellRow;
}

/** Counters for tests and the benchmark against tmux. */
export interface FrameStats {
  /** frames that wrote something */
  frames: number;
  /** UTF-8 bytes of every frame so far */
  bytes: number;
  /** UTF-8 bytes of the latest frame ('' counts as 0) */
  lastFrameBytes: number;
}

interface Layer {
  rect: Rect;
  grid: Grid;
  /** the grid row shown at the rect's first row (a glance shows the bottom of a taller screen) */
  top: number;
}

const SYNC_BEGIN = '\x1b[?2026h';
const SYNC_END = '\x1b[?2026l';

export class Compositor {
  private cols: number;
  private rows: number;
  private base: Grid;
  private readonly panes = new Map<string, Layer>();
  // Map keeps insertion order: later overlays are drawn above earlier ones
  private readonly overlays = new Map<string, Layer>();
  private cursor: CursorPlacement | null = null;
  private next: Grid;
  private shown: Grid;
  private dirty: Uint8Array;
  private dirtyCount = 0;
  private marks: Uint8Array;
  private fullRepaint = true;
  private readonly pen: TerminalPen;
  private readonly counters: FrameStats = { frames: 0, bytes: 0, lastFrameBytes: 0 };

  constructor(cols: number, rows: number) {
    this.cols = cols;
    this.rows = rows;
    this.base = Grid.blank(cols, rows);
    this.next = Grid.blank(cols, rows);
    this.shown = Grid.blank(cols, rows);
    this.dirty = new Uint8Array(rows);
    this.marks = new Uint8Array(cols);
    this.pen = new TerminalPen(cols);
    this.invalidate();
  }

  get size(): { cols: number; rows: number } {
    return { cols: this.cols, rows: this.rows };
  }

  get stats(): Readonly<FrameStats> {
    return this.counters;
  }

  /** The screen as the latest frame left it (what the terminal shows), for tests. */
  get screen(): Grid {
    return this.shown;
  }

  /** The next frame will clear the terminal and draw everything. */
  invalidate(): void {
    this.fullRepaint = true;
    this.markRows(0, this.rows);
  }

  resize(cols: number, rows: number): void {
    if (cols === this.cols && rows === this.rows) return;
    this.cols = cols;
    this.rows = rows;
    this.next = Grid.blank(cols, rows);
    this.shown = Grid.blank(cols, rows);
    this.dirty = new Uint8Array(rows);
    this.dirtyCount = 0;
    this.marks = new Uint8Array(cols);
    this.pen.reset(cols);
    this.invalidate();
  }

  /** The chrome frame. The compositor keeps `grid`: hand over a new grid for each change. */
  setBase(grid: Grid): void {
    const old = this.base;
    this.base = grid;
    for (let y = 0; y < this.rows; y++) {
      const before = y < old.rows ? old.row(y) : undefined;
      const after = y < grid.rows ? grid.row(y) : undefined;
      if (!before || !after || !before.equals(after)) this.markRows(y, y + 1);
    }
  }

  /**
   * Declare (or move, or resize) a pane interior: `cols` × `rows` cells shown at `rect`, from
   * row `top` on (what does not fit is cut off at the right and bottom).
   */
  setPane(id: string, rect: Rect, cols: number, rows: number, top = 0): void {
    const pane = this.panes.get(id);
    if (pane && sameRect(pane.rect, rect) && pane.grid.cols === cols && pane.grid.rows === rows && pane.top === top) return;
    if (pane) this.markRect(pane.rect);
    const grid = pane ? (pane.grid.cols === cols && pane.grid.rows === rows ? pane.grid : pane.grid.resized(cols, rows)) : Grid.blank(cols, rows);
    this.panes.set(id, { rect: { ...rect }, grid, top });
    this.markRect(rect);
  }

  setPaneRow(id: string, y: number, cells: CellRow): void {
    const pane = this.panes.get(id);
    if (!pane || y < 0 || y >= pane.grid.rows) return;
    const row = pane.grid.row(y);
    const n = Math.min(row.cols, cells.cols);
    let same = true;
    for (let x = 0; x < n && same; x++) same = row.sameCell(x, cells);
    if (same && n < row.cols) {
      // the rest of the pane row must already be blank
      for (let x = n; x < row.cols && same; x++) same = row.chars[x] === ' ' && row.widths[x] === 1 && row.fg[x] === 0 && row.bg[x] === 0 && row.attrs[x] === 0;
    }
    if (same) return;
    pane.grid.setRow(y, cells);
    const shownAt = y - pane.top;
    if (shownAt >= 0 && shownAt < pane.rect.height) this.markRows(pane.rect.y + shownAt, pane.rect.y + shownAt + 1);
  }

  setPaneRows(id: string, updates: readonly PaneRowUpdate[]): void {
    for (const update of updates) this.setPaneRow(id, update.y, update.cells);
  }

  removePane(id: string): void {
    const pane = this.panes.get(id);
    if (!pane) return;
    this.panes.delete(id);
    this.markRect(pane.rect);
  }

  /** Show `grid` at `rect` above the panes, hiding what is beneath; null removes the overlay. */
  setOverlay(id: string, rect: Rect, grid: Grid | null): void {
    const overlay = this.overlays.get(id);
    if (overlay) this.markRect(overlay.rect);
    if (grid) {
      this.overlays.set(id, { rect: { ...rect }, grid, top: 0 });
      this.markRect(rect);
    } else {
      this.overlays.delete(id);
    }
  }

  /** Where the frame leaves the cursor (terminal coordinates); null hides it. */
  setCursor(cursor: CursorPlacement | null): void {
    this.cursor = cursor ? { ...cursor } : null;
  }

  /** Bytes that bring the terminal up to date: '' when it already is. */
  frame(): string {
    if (!this.fullRepaint && this.dirtyCount === 0 && this.cursorSettled()) {
      this.counters.lastFrameBytes = 0;
      return '';
    }
    const pen = this.pen;
    if (this.fullRepaint) {
      pen.clearScreen();
      this.shown.clear();
      this.fullRepaint = false;
    }
    if (this.dirtyCount > 0) {
      for (let y = 0; y < this.rows; y++) {
        if (!this.dirty[y]) continue;
        this.dirty[y] = 0;
        const next = this.next.row(y);
        this.composeRow(next, y);
        paintRow(pen, y, this.shown.row(y), next, this.marks);
      }
      this.dirtyCount = 0;
    }
    this.placeCursor();
    const body = pen.take();
    if (body === '') {
      this.counters.lastFrameBytes = 0;
      return '';
    }
    const out = SYNC_BEGIN + body + SYNC_END;
    const bytes = Buffer.byteLength(out);
    this.counters.frames++;
    this.counters.bytes += bytes;
    this.counters.lastFrameBytes = bytes;
    return out;
  }

  /** Take the terminal: alternate screen, cursor hidden, modes; the next frame repaints all. */
  enter(options?: TerminalModeOptions): string {
    this.pen.reset(this.cols);
    this.pen.cursorVisible = false;
    this.invalidate();
    return enterSequence(options);
  }

  /** Give the terminal back as it was (see terminal-modes.ts). */
  leave(): string {
    this.pen.reset(this.cols);
    this.invalidate();
    return leaveSequence();
  }

  private composeRow(row: CellRow, y: number): void {
    const base = this.base;
    if (y < base.rows) {
      const n = Math.min(this.cols, base.cols);
      row.copyFrom(base.row(y), 0, 0, n);
      row.clear(n, this.cols);
    } else {
      row.clear();
    }
    for (const pane of this.panes.values()) placeLayer(row, y, pane.rect, pane.grid, pane.top);
    for (const overlay of this.overlays.values()) placeLayer(row, y, overlay.rect, overlay.grid);
    mendWideChars(row);
  }

  private visibleCursor(): CursorPlacement | null {
    const cursor = this.cursor;
    if (!cursor || !cursor.visible) return null;
    if (cursor.x < 0 || cursor.y < 0 || cursor.x >= this.cols || cursor.y >= this.rows) return null;
    return cursor;
  }

  private cursorSettled(): boolean {
    const cursor = this.visibleCursor();
    if (!cursor) return this.pen.cursorVisible === false;
    return this.pen.cursorVisible === true && this.pen.isAt(cursor.x, cursor.y);
  }

  private placeCursor(): void {
    const cursor = this.visibleCursor();
    if (!cursor) {
      this.pen.showCursor(false);
      return;
    }
    this.pen.moveTo(cursor.x, cursor.y);
    this.pen.showCursor(true);
  }

  private markRows(from: number, to: number): void {
    const end = Math.min(this.rows, to);
    for (let y = Math.max(0, from); y < end; y++) {
      if (!this.dirty[y]) {
        this.dirty[y] = 1;
        this.dirtyCount++;
      }
    }
  }

  private markRect(rect: Rect): void {
    if (rect.width > 0) this.markRows(rect.y, rect.y + rect.height);
  }
}
