/**
 * Test helpers: a @xterm/headless Terminal as a stand-in for the real terminal, and its
 * cells read back in the grid's own terms, so a test can say "the terminal shows this grid".
 */
import xtermHeadless from '@xterm/headless';
import type { IBufferCell } from '@xterm/headless';
import { Attr } from '../../../src/ui/grid/attributes.js';
import type { Cell } from '../../../src/ui/grid/cell.js';
import { useModernWidths } from '../../../src/terminal/unicode-widths.js';
import { DEFAULT_COLOR, paletteColor, rgbColor, type Color } from '../../../src/ui/grid/color.js';
import type { Grid } from '../../../src/ui/grid/grid.js';

const { Terminal } = xtermHeadless;
export type HeadlessTerminal = InstanceType<typeof Terminal>;

/**
 * xterm's built-in widths are Unicode 6 (emoji 1 column). Modern terminals draw emoji 2
 * columns wide, as charWidth does; this provider makes the test terminal agree. The property
 * value layout (width in bits 1–2, "join" in bit 0) is xterm's UnicodeService encoding.
 */
export function headlessTerminal(cols: number, rows: number): HeadlessTerminal {
  const terminal = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  useModernWidths(terminal);
  return terminal;
}

export function writeTo(terminal: HeadlessTerminal, data: string): Promise<void> {
  return new Promise((resolve) => terminal.write(data, resolve));
}

function fgOf(cell: IBufferCell): Color {
  if (cell.isFgRGB()) {
    const c = cell.getFgColor();
    return rgbColor((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff);
  }
  return cell.isFgPalette() ? paletteColor(cell.getFgColor()) : DEFAULT_COLOR;
}

function bgOf(cell: IBufferCell): Color {
  if (cell.isBgRGB()) {
    const c = cell.getBgColor();
    return rgbColor((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff);
  }
  return cell.isBgPalette() ? paletteColor(cell.getBgColor()) : DEFAULT_COLOR;
}

function attrsOf(cell: IBufferCell): number {
  return (
    (cell.isBold() ? Attr.bold : 0) |
    (cell.isDim() ? Attr.dim : 0) |
    (cell.isItalic() ? Attr.italic : 0) |
    (cell.isUnderline() ? Attr.underline : 0) |
    (cell.isBlink() ? Attr.blink : 0) |
    (cell.isInverse() ? Attr.inverse : 0) |
    (cell.isInvisible() ? Attr.invisible : 0) |
    (cell.isStrikethrough() ? Attr.strikethrough : 0) |
    (cell.isOverline() ? Attr.overline : 0)
  );
}

/** Cell (x, y) of the terminal's active screen, in grid terms (an untouched cell is a space). */
export function terminalCell(terminal: HeadlessTerminal, x: number, y: number): Cell {
  const buffer = terminal.buffer.active;
  // baseY: after a resize, lines pushed off the top may still sit above the screen
  const cell = buffer.getLine(buffer.baseY + y)!.getCell(x)!;
  const width = cell.getWidth() as 0 | 1 | 2;
  return { char: width === 0 ? '' : cell.getChars() || ' ', width, fg: fgOf(cell), bg: bgOf(cell), attrs: attrsOf(cell) };
}

/** The characters of screen row y from column `from` to `to` (exclusive), a wide one once. */
export function screenText(terminal: HeadlessTerminal, y: number, from = 0, to = terminal.cols): string {
  let out = '';
  for (let x = from; x < to; x++) out += terminalCell(terminal, x, y).char;
  return out;
}

/** Every cell where the terminal differs from `grid`, described; [] when they agree. */
export function screenDifferences(terminal: HeadlessTerminal, grid: Grid): string[] {
  const out: string[] = [];
  for (let y = 0; y < grid.rows; y++) {
    for (let x = 0; x < grid.cols; x++) {
      const want = grid.get(x, y);
      const got = terminalCell(terminal, x, y);
      const same = want.char === got.char && want.width === got.width && want.fg === got.fg && want.bg === got.bg && want.attrs === got.attrs;
      if (!same) out.push(`(${x},${y}) want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
    }
  }
  return out;
}
