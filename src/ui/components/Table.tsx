import { Box, Text } from 'ink';

export interface TableColumn {
  header: string;
  /** right-align numbers */
  align?: 'left' | 'right';
}

export interface TableProps {
  columns: TableColumn[];
  rows: string[][];
  /** index of the highlighted row, if any */
  selected?: number;
  /** per-row colour of one column, e.g. a status */
  cellColor?: (row: number, column: number) => string | undefined;
}

/**
 * A small table: columns as wide as their widest cell, a bold header, an inverse selected row.
 * hangar's own, because ink-table 3.1 cannot load under ink 6 (it require()s an ESM-only ink).
 */
export default function Table({ columns, rows, selected, cellColor }: TableProps) {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const pad = (text: string, i: number) => (columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  return (
    <Box flexDirection="column">
      <Text bold>{columns.map((c, i) => pad(c.header, i)).join('  ')}</Text>
      {rows.map((row, r) => (
        <Text key={r} inverse={r === selected} wrap="truncate-end">
          {row.map((cell, i) => (
            <Text key={i} color={cellColor?.(r, i)}>
              {pad(cell, i) + (i < row.length - 1 ? '  ' : '')}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
