import type { CellRow } from '../grid/cell-row.js';
import type { TerminalPen } from './terminal-pen.js';

/**
 * Write to the terminal the cells of screen row `y` where `next` differs from `shown`, then
 * make `shown` equal `next`. `marks` is scratch space of at least `cols` entries.
 *
 * A wide character is written whole: when either half of one changes — in what the terminal
 * shows or in what it should show — both of its columns are rewritten, so the terminal never
 * keeps half of an old wide character beside a new narrow one. Composed rows are mended (see
 * compose-row.ts), so a changed half nearly always means a changed partner; the widening
 * below is the guarantee, not the common path.
 */
export function paintRow(pen: TerminalPen, y: number, shown: CellRow, next: CellRow, marks: Uint8Array): void {
  const cols = next.cols;
  let first = -1;
  let last = -1;
  for (let x = 0; x < cols; x++) {
    const differs = !shown.sameCell(x, next);
    marks[x] = differs ? 1 : 0;
    if (differs) {
      if (first < 0) first = x;
      last = x;
    }
  }
  if (first < 0) return;
  const sw = shown.widths;
  const nw = next.widths;
  // widen to whole wide characters: a first half pulls in its second, a second half its first
  for (let x = first; x <= last; x++) {
    if (marks[x] && (sw[x] === 2 || nw[x] === 2) && x + 1 < cols && !marks[x + 1]) {
      marks[x + 1] = 1;
      if (x + 1 > last) last = x + 1;
    }
  }
  for (let x = last; x >= first; x--) {
    if (marks[x] && (sw[x] === 0 || nw[x] === 0) && x > 0 && !marks[x - 1]) {
      marks[x - 1] = 1;
      if (x - 1 < first) first = x - 1;
    }
  }
  for (let x = first; x <= last; x++) {
    if (!marks[x]) continue;
    const width = nw[x]!;
    if (width === 0) continue; // drawn by its first half
    pen.moveTo(x, y);
    pen.style(next.fg[x]!, next.bg[x]!, next.attrs[x]!);
    pen.print(next.chars[x] || ' ', width);
    if (width === 2) x++;
  }
  shown.copyFrom(next, first, first, last - first + 1);
}
