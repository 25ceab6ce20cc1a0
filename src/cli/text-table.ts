import { displayWidth, padToWidth } from '../terminal/text-width.js';

/**
 * Columns padded to their widest cell, as the reference's status table prints them; measured in
 * terminal columns, so a wide character (a CJK name) or a combining mark does not shift the rest.
 */
export function renderTextTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>, indent = '  '): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    indent + cells.map((c, i) => (i === cells.length - 1 ? c : padToWidth(c, widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
