/**
 * Text with SGR escapes → cells. The input is what row-ansi.ts sends for a pane row or what
 * ink renders for the chrome: printable text, SGR, perhaps OSC 8 links. Every other escape
 * sequence is skipped whole (an unterminated one swallows the rest of the line), so stray
 * control bytes can never shift columns.
 */
import { applySgr, type Pen } from './apply-sgr.js';
import { CellRow } from './cell-row.js';
import { charWidth, ZWJ } from '../../terminal/char-width.js';
import { DEFAULT_COLOR } from './color.js';
import { Grid } from './grid.js';

const ESC = 0x1b;
const BEL = 0x07;
const TAB = 0x09;
const TAB_STOP = 8;

/** Index just past the string sequence (OSC, DCS, SOS, PM, APC) starting at `i`. */
function skipString(text: string, i: number): number {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === BEL) return j + 1;
    if (c === ESC && text.charCodeAt(j + 1) === 0x5c) return j + 2;
  }
  return text.length;
}

/**
 * Parse the escape sequence at `i` (text[i] is ESC), applying it to `pen` if it is an SGR.
 * Returns the index just past it.
 */
function consumeEscape(text: string, i: number, pen: Pen): number {
  const kind = text.charCodeAt(i + 1);
  if (Number.isNaN(kind)) return text.length;
  if (kind === 0x5b) {
    // CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E
    let j = i + 2;
    while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x3f) j++;
    const paramsEnd = j;
    while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
    if (j >= text.length) return text.length;
    const final = text.charCodeAt(j);
    if (final < 0x40 || final > 0x7e) return j; // malformed: drop the introducer, keep the byte
    const params = text.slice(i + 2, paramsEnd);
    const plain = paramsEnd === j && !/[<=>?]/.test(params);
    if (final === 0x6d && plain) applySgr(pen, params);
    return j + 1;
  }
  // OSC ], DCS P, SOS X, PM ^, APC _ carry a string up to BEL or ST
  if (kind === 0x5d || kind === 0x50 || kind === 0x58 || kind === 0x5e || kind === 0x5f) return skipString(text, i + 2);
  // other escapes: intermediates then one final byte
  let j = i + 1;
  while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  return Math.min(j + 1, text.length);
}

/** Parse one line of SGR-styled text into exactly `cols` cells (clipped, or padded blank). */
export function parseAnsiLine(text: string, cols: number): CellRow {
  const row = new CellRow(cols);
  parseInto(row, text, { fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, attrs: 0 });
  return row;
}

/** Write `text` into a blank `row`, starting with (and updating) `pen`. */
function parseInto(row: CellRow, text: string, pen: Pen): void {
  const cols = row.cols;
  let x = 0;
  let head = -1; // column of the last printed cell, where zero-width code points attach
  let joinNext = false; // the previous code point was a ZWJ
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code === ESC) {
      i = consumeEscape(text, i, pen);
      continue;
    }
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      if (code === TAB && x < cols) {
        const stop = Math.min(cols, (Math.floor(x / TAB_STOP) + 1) * TAB_STOP);
        x = stop;
        head = -1;
      }
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    const char = units === 1 ? text[i]! : text.slice(i, i + 2);
    i += units;
    const width = charWidth(cp);
    if (width === 0 || joinNext) {
      if (head >= 0) row.chars[head] += char;
      joinNext = cp === ZWJ;
      continue;
    }
    if (x >= cols) {
      head = -1;
      continue; // clipped, but keep reading: an SGR further on is harmless to skip
    }
    if (x + width > cols) {
      // a wide character that does not fit in the last column: the terminal would wrap it
      x = cols;
      head = -1;
      continue;
    }
    row.put(x, char, width, pen.fg, pen.bg, pen.attrs);
    if (width === 2) row.put(x + 1, '', 0, pen.fg, pen.bg, pen.attrs);
    head = x;
    x += width;
  }
}

/**
 * Parse a multi-line frame (lines split on '\n'; '\r' is a control and ignored) into a grid.
 * As on a terminal, a style left open at the end of a line carries into the next one.
 */
export function parseAnsiFrame(text: string, cols: number, rows: number): Grid {
  const lines = text.split('\n');
  const grid = Grid.blank(cols, rows);
  const pen: Pen = { fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, attrs: 0 };
  for (let y = 0; y < rows && y < lines.length; y++) parseInto(grid.row(y), lines[y]!, pen);
  return grid;
}
