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
    const at = lastUsedCell(data, Math.min(line.length * WORDS_PER_CELL, data.length));
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
 * The words of line `index` of `buffer` (three per cell; the line's own array, not a copy)
 * when they alone say what the line shows — no combined characters and no extended attributes
 * in its side maps — for a cache that compares words instead of building the line's text
 * again. Null otherwise, or when this @xterm/headless does not look as expected (the caller
 * builds the text through the public API).
 */
export function lineWords(buffer: IBuffer, index: number): Uint32Array | null {
  const line = (buffer as unknown as { _buffer?: { lines?: RawLines } })._buffer?.lines?.get?.(index);
  if (!isRawLine(line)) return null;
  for (const _ in line._combined) return null;
  for (const _ in line._extendedAttrs) return null;
  return line._data;
}

/**
 * The word offset of the last cell of `data`'s first `words` words that is not a blank in the
 * default style (-WORDS_PER_CELL: none). A line used in its last cell (full, or coloured to
 * the edge) ends there. Most lines a flood scrolls are short text followed by cells
 * never written since xterm blanked the line: those are found by a short walk forward to the
 * first never-written cell and one native comparison of the rest with a blank template,
 * instead of a JS loop back over every blank cell (in a 98-column pane, ~90 cells a line).
 * Text after a gap of never-written cells (cursor moves) costs the failed comparison extra.
 */
export function lastUsedCell(data: Uint32Array, words: number): number {
  const nearEnd = Math.max(0, words - NEAR_END_CELLS * WORDS_PER_CELL);
  const end = scanBack(data, nearEnd, words);
  if (end >= nearEnd) return end;
  let unwritten = 0;
  while (unwritten < nearEnd && data[unwritten] !== EMPTY_CELL_CONTENT) unwritten += WORDS_PER_CELL;
  const blankAfter = unwritten < nearEnd && blankFrom(data, unwritten, nearEnd) ? unwritten : nearEnd;
  return scanBack(data, 0, blankAfter);
}

/** Cells at the end of a line looked at before anything else (more cost short lines more than they save). */
const NEAR_END_CELLS = 1;

/** The last used cell in words `from`..`to`-1, back from `to`; `from` - WORDS_PER_CELL if none. */
function scanBack(data: Uint32Array, from: number, to: number): number {
  let at = to - WORDS_PER_CELL;
  for (; at >= from; at -= WORDS_PER_CELL) {
    if ((data[at]! & HAS_CONTENT_MASK) > SPACE || (data[at + 1]! | data[at + 2]!) !== 0) break;
  }
  return at;
}

/** Empty cells in the default style, as words: compared with a line's tail by memcmp. */
let blankTemplate = Buffer.alloc(0);
/** A byte view of each line's words (xterm keeps a line's array while the line lives). */
const byteViews = new WeakMap<Uint32Array, Buffer>();

/** Whether words `from`..`to`-1 of `data` are all empty cells in the default style. */
function blankFrom(data: Uint32Array, from: number, to: number): boolean {
  if (blankTemplate.length < to * 4) {
    const words = new Uint32Array(Math.max(to, 1024 * WORDS_PER_CELL));
    for (let i = 0; i < words.length; i += WORDS_PER_CELL) words[i] = EMPTY_CELL_CONTENT;
    blankTemplate = Buffer.from(words.buffer);
  }
  let bytes = byteViews.get(data);
  if (bytes === undefined) {
    bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    byteViews.set(data, bytes);
  }
  return bytes.compare(blankTemplate, 0, (to - from) * 4, from * 4, to * 4) === 0;
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
