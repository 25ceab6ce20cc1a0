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
 * A string that fits comes back as it is, spaces and all.
 */
export function wrapToWidth(s: string, width: number): string[] {
  const max = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const ch of s) {
    if (ch === ' ' && line === '' && lines.length > 0) continue; // a continuation starts with its text
    const candidate = line + ch;
    if (line === '' || displayWidth(candidate) <= max) {
      line = candidate;
      continue;
    }
    if (ch === ' ') {
      lines.push(line.trimEnd());
      line = '';
      continue;
    }
    const space = line.lastIndexOf(' ');
    if (space > 0 && line.slice(0, space).trim() !== '') {
      lines.push(line.slice(0, space).trimEnd());
      line = line.slice(space + 1) + ch;
    } else {
      lines.push(line);
      line = ch;
    }
  }
  lines.push(line);
  return lines;
}
