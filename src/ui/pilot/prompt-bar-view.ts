import { charWidth } from '../../terminal/char-width.js';
import type { PromptBar } from './prompt-bar.js';

/** What the prompt bar shows in `rows` rows of `width` columns, and where its cursor is. */
export interface BarView {
  /** the visible rows, each starting with its gutter ('› ' on the first row of the text) */
  lines: string[];
  /** the cursor within `lines` (column, row) */
  cursor: { x: number; y: number };
  /** rows of text above and below the visible ones */
  above: number;
  below: number;
}

const GUTTER = '› ';
const GUTTER_WIDTH = 2;

/**
 * Wrap the bar's text to `width` columns, gutter included, plus one free column for a cursor
 * after a full row (wide characters take two columns; a tab shows as one space), and scroll so the cursor's row is in view — at the bottom when the text is longer
 * than the rows, as in a shell.
 */
export function barView(bar: PromptBar, width: number, rows: number): BarView {
  const room = Math.max(1, width - GUTTER_WIDTH);
  const visual: string[] = [''];
  let x = 0;
  let cursor = { x: 0, y: 0 };
  // a cursor after a full row stays on it, one column past the text (the bar keeps that free)
  const place = (i: number) => {
    if (i === bar.cursor) cursor = { x, y: visual.length - 1 };
  };
  for (let i = 0; i < bar.text.length; ) {
    place(i);
    const code = bar.text.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    i += ch.length;
    if (ch === '\n') {
      visual.push('');
      x = 0;
      continue;
    }
    const shown = ch === '\t' ? ' ' : ch;
    const w = ch === '\t' ? 1 : charWidth(code);
    if (x + w > room) {
      visual.push('');
      x = 0;
    }
    visual[visual.length - 1] += shown;
    x += w;
  }
  place(bar.text.length);
  const height = Math.max(1, rows);
  const top = Math.max(0, cursor.y - height + 1);
  const lines = visual.slice(top, top + height).map((line, i) => (top + i === 0 ? GUTTER : ' '.repeat(GUTTER_WIDTH)) + line);
  return {
    lines,
    cursor: { x: cursor.x + GUTTER_WIDTH, y: cursor.y - top },
    above: top,
    below: Math.max(0, visual.length - top - height),
  };
}
