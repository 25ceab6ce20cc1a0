/**
 * One emulator row → text with SGR escapes, for clients that draw pane contents. Reads cells
 * through xterm's public cell API and emits only the attribute changes between neighbouring
 * cells (a long run of one style costs one escape). Each row starts from the default style and
 * ends reset, so rows can be drawn independently. Trailing blank cells that have the default
 * style are dropped; blanks that carry a background colour are kept.
 */
import type { IBufferCell, IBufferLine } from '@xterm/headless';

/** The style of one cell, as the numbers SGR needs. */
interface CellStyle {
  fg: string; // SGR parameters for the foreground, '' for the default
  bg: string;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  blink: boolean;
  inverse: boolean;
  invisible: boolean;
  strikethrough: boolean;
  overline: boolean;
}

const DEFAULT_STYLE: CellStyle = {
  fg: '',
  bg: '',
  bold: false,
  dim: false,
  italic: false,
  underline: false,
  blink: false,
  inverse: false,
  invisible: false,
  strikethrough: false,
  overline: false,
};

function rgbParams(color: number): string {
  return `${(color >> 16) & 0xff};${(color >> 8) & 0xff};${color & 0xff}`;
}

function fgParams(cell: IBufferCell): string {
  if (cell.isFgRGB()) return `38;2;${rgbParams(cell.getFgColor())}`;
  if (cell.isFgPalette()) {
    const n = cell.getFgColor();
    if (n < 8) return String(30 + n);
    if (n < 16) return String(90 + n - 8);
    return `38;5;${n}`;
  }
  return '';
}

function bgParams(cell: IBufferCell): string {
  if (cell.isBgRGB()) return `48;2;${rgbParams(cell.getBgColor())}`;
  if (cell.isBgPalette()) {
    const n = cell.getBgColor();
    if (n < 8) return String(40 + n);
    if (n < 16) return String(100 + n - 8);
    return `48;5;${n}`;
  }
  return '';
}

function styleOf(cell: IBufferCell): CellStyle {
  return {
    fg: fgParams(cell),
    bg: bgParams(cell),
    bold: cell.isBold() !== 0,
    dim: cell.isDim() !== 0,
    italic: cell.isItalic() !== 0,
    underline: cell.isUnderline() !== 0,
    blink: cell.isBlink() !== 0,
    inverse: cell.isInverse() !== 0,
    invisible: cell.isInvisible() !== 0,
    strikethrough: cell.isStrikethrough() !== 0,
    overline: cell.isOverline() !== 0,
  };
}

function sameStyle(a: CellStyle, b: CellStyle): boolean {
  return (
    a.fg === b.fg &&
    a.bg === b.bg &&
    a.bold === b.bold &&
    a.dim === b.dim &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.blink === b.blink &&
    a.inverse === b.inverse &&
    a.invisible === b.invisible &&
    a.strikethrough === b.strikethrough &&
    a.overline === b.overline
  );
}

/** Flag attributes with their on and off codes. Bold and dim share an off code (22). */
const FLAGS: Array<[keyof CellStyle, string, string]> = [
  ['italic', '3', '23'],
  ['underline', '4', '24'],
  ['blink', '5', '25'],
  ['inverse', '7', '27'],
  ['invisible', '8', '28'],
  ['strikethrough', '9', '29'],
  ['overline', '53', '55'],
];

/** The SGR sequence that turns style `from` into style `to` ('' when equal). */
function sgrTransition(from: CellStyle, to: CellStyle): string {
  if (sameStyle(from, to)) return '';
  if (sameStyle(to, DEFAULT_STYLE)) return '\x1b[0m';
  const params: string[] = [];
  const intensityOff = (from.bold && !to.bold) || (from.dim && !to.dim);
  if (intensityOff) params.push('22');
  if (to.bold && (intensityOff || !from.bold)) params.push('1');
  if (to.dim && (intensityOff || !from.dim)) params.push('2');
  for (const [key, on, off] of FLAGS) {
    if (from[key] !== to[key]) params.push(to[key] ? on : off);
  }
  if (from.fg !== to.fg) params.push(to.fg || '39');
  if (from.bg !== to.bg) params.push(to.bg || '49');
  return `\x1b[${params.join(';')}m`;
}

/** Text of the row with SGR escapes; `scratch` is a reusable cell to avoid allocations. */
export function rowToAnsi(line: IBufferLine, cols: number, scratch?: IBufferCell): string {
  const width = Math.min(cols, line.length);
  // Find where the meaningful content ends: the last cell that is not a default blank.
  let end = 0;
  let cell = scratch;
  for (let x = 0; x < width; x++) {
    cell = line.getCell(x, cell);
    if (!cell) break;
    const blank = cell.getChars() === '' || cell.getChars() === ' ';
    if (!blank || !cell.isAttributeDefault()) end = x + 1;
  }
  let out = '';
  let style = DEFAULT_STYLE;
  for (let x = 0; x < end; x++) {
    cell = line.getCell(x, cell);
    if (!cell) break;
    // The second half of a wide character has width 0 and no text of its own.
    if (cell.getWidth() === 0) continue;
    const next = styleOf(cell);
    out += sgrTransition(style, next);
    style = next;
    out += cell.getChars() || ' ';
  }
  out += sgrTransition(style, DEFAULT_STYLE);
  return out;
}
