/**
 * The cells of @xterm/headless buffer lines as the emulator stores them — three 32-bit words
 * per cell (content, foreground, background) — for moving history out of the emulator at the
 * cost of a copy instead of a per-cell walk through the public cell API (~1.2 µs a line;
 * a million-line flood moves a million lines).
 *
 * xterm has no public API for this, so it reads the internal fields of @xterm/headless 6
 * (`_buffer.lines`, `_line`, `_data`, `_combined`, `_extendedAttrs`). `cellAccess` checks they
 * are there and returns null otherwise; the caller then falls back to the public API.
 */
import xtermHeadless from '@xterm/headless';
import type { IBuffer, IBufferLine } from '@xterm/headless';
import { WORDS_PER_CELL } from './line-store.js';

const { Terminal } = xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

/** An emulator line as xterm keeps it. */
interface RawLine {
  _data: Uint32Array;
  _combined: Record<number, string>;
  _extendedAttrs: Record<number, unknown>;
  isWrapped: boolean;
  length: number;
}

interface RawLines {
  get(y: number): RawLine | undefined;
}

/** content: code point and combined flag; 0 for an empty cell, 32 for a space */
const HAS_CONTENT_MASK = 0x3fffff;
/** content: the cell's text is in the line's _combined map */
const IS_COMBINED = 0x200000;
/** background: the cell has extended attributes (underline style/colour, link) */
const HAS_EXTENDED = 0x10000000;
const SPACE = 32;
/** The content word of xterm's empty cell: no code point, width 1. */
const EMPTY_CELL_CONTENT = 1 << 22;

function isRawLine(line: unknown): line is RawLine {
  const l = line as Partial<RawLine> | undefined;
  return !!l && l._data instanceof Uint32Array && typeof l._combined === 'object' && typeof l._extendedAttrs === 'object';
}

/** Where a line of the emulator goes: as cells (the first `words` words of `data`), or as SGR text. */
export interface LineSink {
  cells(data: Uint32Array, words: number, wrapped: boolean): void;
  /** the line holds what words alone cannot say (combined characters, extended attributes) */
  other(y: number): void;
}

/**
 * Hands lines `from`..`to`-1 of `buffer` to `sink`, each as the cells it uses — up to its last
 * cell that is not a blank in the default style. False when this @xterm/headless does not look
 * as expected (nothing was handed over): the caller reads the lines through the public API.
 */
export function readUsedCells(buffer: IBuffer, from: number, to: number, sink: LineSink): boolean {
  const lines = (buffer as unknown as { _buffer?: { lines?: RawLines } })._buffer?.lines;
  if (!lines || typeof lines.get !== 'function' || (from < to && !isRawLine(lines.get(from)))) return false;
  for (let y = from; y < to; y++) {
    const line = lines.get(y);
    if (!line) continue;
    const data = line._data;
    // back from the end over blanks (no text, or a space) in the default style: this loop is
    // most of what moving a line costs, so it reads as little as it can per cell
    let at = Math.min(line.length * WORDS_PER_CELL, data.length) - WORDS_PER_CELL;
    for (; at >= 0; at -= WORDS_PER_CELL) {
      if ((data[at]! & HAS_CONTENT_MASK) > SPACE || (data[at + 1]! | data[at + 2]!) !== 0) break;
    }
    const end = at + WORDS_PER_CELL;
    let plain = true;
    for (let i = 0; i < end; i += WORDS_PER_CELL) {
      if (data[i]! & IS_COMBINED || data[i + 2]! & HAS_EXTENDED) {
        plain = false;
        break;
      }
    }
    if (plain) sink.cells(data, end, line.isWrapped);
    else sink.other(y);
  }
  return true;
}

/**
 * Turns stored cell words back into a line the public API can read (for text and SGR rows):
 * a one-row terminal of its own whose line takes the words.
 */
export class CellDecoder {
  private terminal: HeadlessTerminal | null = null;
  private blank = new Uint32Array(0);

  /** `cells` as a buffer line of at least that many columns (valid until the next call). */
  line(cells: Uint32Array): IBufferLine {
    const columns = Math.max(1, Math.ceil(cells.length / WORDS_PER_CELL));
    if (!this.terminal || this.terminal.cols < columns) this.open(Math.max(columns, 256));
    const view = this.terminal!.buffer.active.getLine(0)!;
    const raw = (view as unknown as { _line: RawLine })._line;
    raw._data.set(cells, 0);
    raw._data.set(this.blank.subarray(cells.length, raw._data.length), cells.length);
    return view;
  }

  dispose(): void {
    this.terminal?.dispose();
    this.terminal = null;
  }

  private open(cols: number): void {
    this.terminal?.dispose();
    // the widths are in the stored words: no width table needed here
    this.terminal = new Terminal({ cols, rows: 1, scrollback: 0, allowProposedApi: true });
    this.blank = new Uint32Array(cols * WORDS_PER_CELL);
    for (let i = 0; i < this.blank.length; i += WORDS_PER_CELL) this.blank[i] = EMPTY_CELL_CONTENT;
  }
}
