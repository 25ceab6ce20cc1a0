/** Text measured and cut in terminal columns (wide characters take 2, combining marks 0). */
import { charWidth } from './char-width.js';

/** Columns a string takes on a terminal. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/**
 * `s` in at most `max` columns, ending in … when cut — or, with `more`, always (more text
 * follows it that is not shown, e.g. a prompt's further lines).
 */
export function cutToWidth(s: string, max: number, more = false): string {
  if (!more && displayWidth(s) <= max) return s;
  if (max <= 0) return '';
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > max - 1) break;
    out += ch;
    w += cw;
  }
  return `${out.trimEnd()}…`;
}

/** `s` padded with spaces to `width` columns. */
export function padToWidth(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** `s` after as many spaces as take it to `width` columns (right-aligned). */
export function padStartToWidth(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

/**
 * `s` as lines of at most `width` columns (at least one character each): broken at the last
 * space that fits (the space dropped), inside a word only when the word alone is wider.
 * A string that fits comes back as it is, spaces and all. Linear in the length of `s`.
 */
export function wrapToWidth(s: string, width: number): string[] {
  const max = Math.max(1, width);
  if (displayWidth(s) <= max) return [s];
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  /** where the last space in `line` is (-1: none), and the columns after it */
  let space = -1;
  let afterSpace = 0;
  const start = (text: string, w: number) => {
    line = text;
    lineWidth = w;
    space = -1; // what starts a line holds no space
    afterSpace = w;
  };
  for (const ch of s) {
    if (ch === ' ' && line === '' && lines.length > 0) continue; // a continuation starts with its text
    const w = charWidth(ch.codePointAt(0)!);
    if (line === '' || lineWidth + w <= max) {
      if (ch === ' ') {
        space = line.length;
        afterSpace = 0;
      } else afterSpace += w;
      line += ch;
      lineWidth += w;
    } else if (ch === ' ') {
      lines.push(line.trimEnd());
      start('', 0);
    } else if (space > 0 && line.slice(0, space).trim() !== '') {
      lines.push(line.slice(0, space).trimEnd());
      start(line.slice(space + 1) + ch, afterSpace + w);
    } else {
      lines.push(line);
      start(ch, w);
    }
  }
  lines.push(line);
  return lines;
}
