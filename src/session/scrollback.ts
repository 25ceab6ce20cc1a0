/**
 * A session's history: the emulator keeps only a few hundred lines above its screen; older
 * lines move, as they scroll off, into a LineStore that holds just the cells they use. The
 * emulator stores every line at full pane width (12 bytes a cell), so 10,000 lines of `seq`
 * in a 98-column pane cost ~12 MB there and ~1 MB here — and a small emulator buffer stays in
 * the CPU cache while a flood recycles its lines.
 *
 * Rows are read as one buffer, oldest first: the stored lines, then the emulator's lines from
 * the first one not stored yet (the rest of its scrollback, then the screen). While the child
 * uses the alternate screen (which has no scrollback), that screen alone is the buffer.
 */
import type xtermHeadless from '@xterm/headless';
import type { IBufferLine, IMarker } from '@xterm/headless';
import { DisposableStore, toDisposable, type Disposable } from '../base/disposable.js';
import { LineStore, type StoredLine } from './line-store.js';
import { rowToAnsi } from './row-ansi.js';
import { CellDecoder, readUsedCells, type LineSink } from './xterm-cells.js';

type HeadlessTerminal = InstanceType<typeof xtermHeadless.Terminal>;

/** Lines the emulator keeps above its screen (the store has the rest). */
export const EMULATOR_SCROLLBACK = 64;
/** Lines move to the store at least this often (in scrolls), long before the emulator drops them. */
const HARVEST_EVERY = 32;

const SGR = /\x1b\[[0-9;:]*m/g;

export class Scrollback implements Disposable {
  private readonly store: LineStore;
  private readonly disposables = new DisposableStore();
  private readonly decoder = new CellDecoder();
  /** on the first emulator line (normal buffer) not yet in the store; none: line 0 */
  private firstKept: IMarker | undefined;
  private scrolls = 0;
  /** a plain flood is writing the store itself (see absorbFlood): scrolls are not harvested */
  private absorbing = false;
  private readonly sink: LineSink = {
    cells: (data, words, wrapped) => this.store.pushCells(data, wrapped, words),
    other: (y) => {
      const line = this.terminal.buffer.normal.getLine(y);
      this.store.pushAnsi(line ? rowToAnsi(line, line.length) : '', line?.isWrapped ?? false);
    },
  };

  constructor(
    private readonly terminal: HeadlessTerminal,
    /** lines of history to hold (the config's scrollback) */
    readonly capacity: number,
  ) {
    this.store = new LineStore(capacity);
    this.disposables.add(this.decoder);
    // lines move in batches: one marker per batch (a marker per line would cost more than the line)
    this.disposables.add(
      terminal.onScroll(() => {
        if (++this.scrolls >= HARVEST_EVERY && !this.absorbing) this.harvest();
      }),
    );
    // ED 3 and RIS clear the emulator's scrollback: clear the stored part of it too
    const clear = () => {
      this.store.clear();
      this.dropMarker();
      return false; // xterm goes on to clear its own
    };
    this.disposables.add(
      terminal.parser.registerCsiHandler({ final: 'J' }, (params) => (params[0] === 3 ? clear() : false)),
    );
    this.disposables.add(terminal.parser.registerEscHandler({ final: 'c' }, clear));
    this.disposables.add(toDisposable(() => this.dropMarker()));
  }

  /** Rows in the whole buffer (history + screen). */
  get length(): number {
    this.harvest();
    const buffer = this.terminal.buffer.active;
    return this.storedRows() + buffer.length - this.firstKeptLine();
  }

  /** The buffer row shown at the top of the screen. */
  screenTop(): number {
    this.harvest();
    return this.storedRows() + this.terminal.buffer.active.baseY - this.firstKeptLine();
  }

  /** Row `y` of the buffer, plain, trailing blanks trimmed. */
  plain(y: number): string {
    const row = this.row(y);
    if (row === undefined) return '';
    if (typeof row === 'string') return row.replace(SGR, '').replace(/ +$/, '');
    return row.translateToString(true).replace(/ +$/, '');
  }

  /** Row `y` of the buffer with SGR escapes (see rowToAnsi), at most `cols` cells. */
  ansi(y: number, cols: number): string {
    const row = this.row(y);
    if (row === undefined) return '';
    return typeof row === 'string' ? row : rowToAnsi(row, cols);
  }

  /** Move the lines that scrolled off since the last time into the store. */
  harvest(): void {
    if (this.terminal.buffer.active.type !== 'normal') {
      this.scrolls = 0;
      return; // nothing scrolls into the normal buffer now
    }
    this.moveOut(this.terminal.buffer.normal.baseY);
  }

  /** Move the normal buffer's lines not in the store yet, up to line `to`, into it. */
  private moveOut(to: number): void {
    this.scrolls = 0;
    const buffer = this.terminal.buffer.normal;
    const from = this.firstKeptLine();
    if (to <= from) return;
    if (!readUsedCells(buffer, from, to, this.sink)) {
      for (let y = from; y < to; y++) this.sink.other(y);
    }
    this.dropMarker();
    // on the first line not stored: it moves up as the emulator drops its oldest lines
    this.firstKept = this.terminal.registerMarker(to - buffer.baseY - buffer.cursorY);
  }

  /**
   * A plain flood (plain-flood.ts) is about to write lines from column 0 of screen row
   * `cursorRow`, scrolling `scrolls` times: the screen rows above it that scroll off, then
   * the first of its lines. The store takes what the emulator holds above the screen and those
   * rows, then the lines `pushLines(from, to, push)` gives it (lines `from`..`to`-1: the
   * caller knows their cells); `scroll` then writes and scrolls the emulator. The result is
   * that of the emulator scrolling every line and a harvest right after: lines already stored
   * (a taller resize can bring stored lines back onto the screen) are not stored again, and of
   * lines the store could not keep none is pushed at all.
   */
  absorbFlood(
    cursorRow: number,
    scrolls: number,
    pushLines: (from: number, to: number, push: (cells: Uint32Array, words: number) => void) => void,
    scroll: () => void,
  ): void {
    const buffer = this.terminal.buffer.normal;
    // screen row of the first line not stored yet (stored lines can be on the screen)
    const unstored = Math.max(0, this.firstKeptLine() - buffer.baseY);
    const oldRows = Math.min(cursorRow, scrolls);
    this.moveOut(buffer.baseY + oldRows);
    const newOff = scrolls - oldRows;
    const from = Math.max(0, unstored - cursorRow, newOff - this.capacity);
    pushLines(from, newOff, (cells, words) => this.store.pushCells(cells, false, words));
    this.absorbing = true;
    try {
      scroll();
    } finally {
      this.absorbing = false;
    }
    this.dropMarker();
    this.firstKept = this.terminal.registerMarker(Math.max(0, unstored - scrolls) - buffer.cursorY);
    this.scrolls = 0;
  }

  /** Markers this history keeps in the emulator (0 or 1). */
  get markers(): number {
    return this.firstKept && !this.firstKept.isDisposed ? 1 : 0;
  }

  dispose(): void {
    this.disposables.dispose();
  }

  private storedRows(): number {
    return this.terminal.buffer.active.type === 'normal' ? this.store.length : 0;
  }

  private firstKeptLine(): number {
    if (this.terminal.buffer.active.type !== 'normal') return 0;
    const marker = this.firstKept;
    return marker && !marker.isDisposed && marker.line >= 0 ? marker.line : 0;
  }

  private dropMarker(): void {
    this.firstKept?.dispose();
    this.firstKept = undefined;
  }

  /** A stored row (decoded) or an emulator row, by buffer row; undefined past the end. */
  private row(y: number): IBufferLine | string | undefined {
    this.harvest();
    const stored = this.storedRows();
    if (y < 0) return undefined;
    if (y < stored) return this.decode(this.store.at(y));
    return this.terminal.buffer.active.getLine(this.firstKeptLine() + y - stored);
  }

  private decode(line: StoredLine): IBufferLine | string {
    return 'ansi' in line ? line.ansi : this.decoder.line(line.cells);
  }
}
