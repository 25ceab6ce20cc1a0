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
