import type { Color } from './color.js';
import { DEFAULT_COLOR } from './color.js';

/**
 * One terminal cell as a value. Grids store cells unpacked into parallel arrays (see
 * cell-row.ts); this shape is for reading, writing and tests, not for the hot path.
 */
export interface Cell {
  /** a grapheme; '' for the second half of a wide character */
  char: string;
  /** 1, 2 for a wide character's first half, 0 for its second half */
  width: 0 | 1 | 2;
  fg: Color;
  bg: Color;
  /** bits of `Attr` */
  attrs: number;
}

export const BLANK_CELL: Readonly<Cell> = Object.freeze({ char: ' ', width: 1, fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, attrs: 0 });

export function equalsCell(a: Cell, b: Cell): boolean {
  return a.char === b.char && a.width === b.width && a.fg === b.fg && a.bg === b.bg && a.attrs === b.attrs;
}
