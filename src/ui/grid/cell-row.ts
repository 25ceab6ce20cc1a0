import type { Cell } from './cell.js';
import { DEFAULT_COLOR, type Color } from './color.js';

/**
 * One row of cells stored as parallel arrays: a string per cell for the grapheme and typed
 * arrays for width, colours and attributes. Copying and comparing a row allocates nothing,
 * which matters on the compositor's hot path.
 */
export class CellRow {
  readonly chars: string[];
  readonly widths: Uint8Array;
  readonly fg: Uint32Array;
  readonly bg: Uint32Array;
  readonly attrs: Uint16Array;

  constructor(readonly cols: number) {
    this.chars = new Array<string>(cols).fill(' ');
    this.widths = new Uint8Array(cols).fill(1);
    this.fg = new Uint32Array(cols);
    this.bg = new Uint32Array(cols);
    this.attrs = new Uint16Array(cols);
  }

  get(x: number): Cell {
    return {
      char: this.chars[x] ?? ' ',
      width: (this.widths[x] ?? 1) as 0 | 1 | 2,
      fg: this.fg[x] ?? DEFAULT_COLOR,
      bg: this.bg[x] ?? DEFAULT_COLOR,
      attrs: this.attrs[x] ?? 0,
    };
  }

  set(x: number, cell: Cell): void {
    this.put(x, cell.char, cell.width, cell.fg, cell.bg, cell.attrs);
  }

  put(x: number, char: string, width: number, fg: Color, bg: Color, attrs: number): void {
    this.chars[x] = char;
    this.widths[x] = width;
    this.fg[x] = fg;
    this.bg[x] = bg;
    this.attrs[x] = attrs;
  }

  /** Blank cells (default style) over [from, to). */
  clear(from = 0, to = this.cols): void {
    this.chars.fill(' ', from, to);
    this.widths.fill(1, from, to);
    this.fg.fill(DEFAULT_COLOR, from, to);
    this.bg.fill(DEFAULT_COLOR, from, to);
    this.attrs.fill(0, from, to);
  }

  /** Turn cell x into a space that keeps its colours (a wide half whose partner is gone). */
  blankKeepingStyle(x: number): void {
    this.chars[x] = ' ';
    this.widths[x] = 1;
  }

  /** Copy `count` cells from `src` at `srcX` to this row at `dstX`. */
  copyFrom(src: CellRow, srcX = 0, dstX = 0, count = Math.min(src.cols - srcX, this.cols - dstX)): void {
    if (count <= 0) return;
    for (let i = 0; i < count; i++) this.chars[dstX + i] = src.chars[srcX + i]!;
    this.widths.set(src.widths.subarray(srcX, srcX + count), dstX);
    this.fg.set(src.fg.subarray(srcX, srcX + count), dstX);
    this.bg.set(src.bg.subarray(srcX, srcX + count), dstX);
    this.attrs.set(src.attrs.subarray(srcX, srcX + count), dstX);
  }

  /** Whether cell x of this row equals cell `ox` of `other`. */
  sameCell(x: number, other: CellRow, ox = x): boolean {
    return (
      this.chars[x] === other.chars[ox] &&
      this.widths[x] === other.widths[ox] &&
      this.fg[x] === other.fg[ox] &&
      this.bg[x] === other.bg[ox] &&
      this.attrs[x] === other.attrs[ox]
    );
  }

  /** Same width and every cell equal. */
  equals(other: CellRow): boolean {
    if (other.cols !== this.cols) return false;
    for (let x = 0; x < this.cols; x++) if (!this.sameCell(x, other)) return false;
    return true;
  }

  /** Text of the row without styles (continuation halves skipped), for tests and debugging. */
  text(): string {
    let out = '';
    for (let x = 0; x < this.cols; x++) if (this.widths[x] !== 0) out += this.chars[x];
    return out;
  }
}
