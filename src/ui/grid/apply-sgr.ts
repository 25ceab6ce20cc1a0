import { Attr } from './attributes.js';
import { DEFAULT_COLOR, paletteColor, rgbColor, type Color } from './color.js';

/** The pen an SGR sequence changes while a line is parsed. */
export interface Pen {
  fg: Color;
  bg: Color;
  attrs: number;
}

const FLAG_ON: Record<number, number> = {
  1: Attr.bold,
  2: Attr.dim,
  3: Attr.italic,
  4: Attr.underline,
  5: Attr.blink,
  6: Attr.blink, // rapid blink
  7: Attr.inverse,
  8: Attr.invisible,
  9: Attr.strikethrough,
  21: Attr.underline, // double underline, drawn as underline
  53: Attr.overline,
};

const FLAG_OFF: Record<number, number> = {
  22: Attr.bold | Attr.dim,
  23: Attr.italic,
  24: Attr.underline,
  25: Attr.blink,
  27: Attr.inverse,
  28: Attr.invisible,
  29: Attr.strikethrough,
  55: Attr.overline,
};

function byte(text: string | undefined): number {
  const n = Number(text || 0);
  return Number.isFinite(n) ? Math.max(0, Math.min(255, n)) : 0;
}

/**
 * An extended colour (38/48/58) starting at `groups[i]`; returns the colour (or undefined for
 * a malformed one) and how many `;`-separated groups it used. Both `38;5;n` and the colon form
 * `38:5:n` / `38:2::r:g:b` are accepted.
 */
function extendedColor(groups: string[][], i: number): { color: Color | undefined; used: number } {
  const sub = groups[i]!;
  if (sub.length > 1) {
    const mode = Number(sub[1]);
    if (mode === 5) return { color: paletteColor(byte(sub[2])), used: 1 };
    if (mode === 2) {
      // 38:2:r:g:b, or with a colour-space id: 38:2:id:r:g:b
      const rgb = sub.length >= 6 ? sub.slice(3, 6) : sub.slice(2, 5);
      return { color: rgbColor(byte(rgb[0]), byte(rgb[1]), byte(rgb[2])), used: 1 };
    }
    return { color: undefined, used: 1 };
  }
  const mode = Number(groups[i + 1]?.[0]);
  if (mode === 5) return { color: paletteColor(byte(groups[i + 2]?.[0])), used: 3 };
  if (mode === 2) {
    return { color: rgbColor(byte(groups[i + 2]?.[0]), byte(groups[i + 3]?.[0]), byte(groups[i + 4]?.[0])), used: 5 };
  }
  return { color: undefined, used: 2 };
}

/** Apply the parameters of one `CSI … m` (the text between `[` and `m`) to `pen`. */
export function applySgr(pen: Pen, params: string): void {
  const groups = params.split(';').map((group) => group.split(':'));
  for (let i = 0; i < groups.length; ) {
    const sub = groups[i]!;
    const code = sub[0] === '' ? 0 : Number(sub[0]);
    if (code === 38 || code === 48 || code === 58) {
      const { color, used } = extendedColor(groups, i);
      if (color !== undefined && code === 38) pen.fg = color;
      if (color !== undefined && code === 48) pen.bg = color;
      // 58 (underline colour) is consumed and dropped: a cell carries no underline colour
      i += used;
      continue;
    }
    i++;
    if (code === 0) {
      pen.fg = DEFAULT_COLOR;
      pen.bg = DEFAULT_COLOR;
      pen.attrs = 0;
    } else if (code === 4 && sub.length > 1) {
      // 4:0 is "no underline", 4:1–4:5 are underline styles
      pen.attrs = Number(sub[1]) === 0 ? pen.attrs & ~Attr.underline : pen.attrs | Attr.underline;
    } else if (FLAG_ON[code] !== undefined) pen.attrs |= FLAG_ON[code];
    else if (FLAG_OFF[code] !== undefined) pen.attrs &= ~FLAG_OFF[code];
    else if (code >= 30 && code <= 37) pen.fg = paletteColor(code - 30);
    else if (code === 39) pen.fg = DEFAULT_COLOR;
    else if (code >= 40 && code <= 47) pen.bg = paletteColor(code - 40);
    else if (code === 49) pen.bg = DEFAULT_COLOR;
    else if (code >= 90 && code <= 97) pen.fg = paletteColor(code - 90 + 8);
    else if (code >= 100 && code <= 107) pen.bg = paletteColor(code - 100 + 8);
    // anything else (fonts, frames, …) changes nothing a cell records
  }
}
