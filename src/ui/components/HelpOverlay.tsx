import { Box, Text } from 'ink';
import { displayWidth, wrapToWidth } from '../../terminal/text-width.js';
import Overlay from './Overlay.js';

export interface HelpRow {
  /** e.g. "C-b z" */
  keys: string;
  summary: string;
  /** "prefix", "history", "overlay" */
  context: string;
}

export interface HelpOverlayProps {
  rows: HelpRow[];
  width: number;
  height: number;
  /** first row shown, for scrolling a long list */
  offset: number;
}

/** Columns the frame and its padding take from the overlay's width, rows its title and footer take. */
const FRAME_COLUMNS = 4;
const FRAME_ROWS = 4;

/** A row's summary in lines of `width` columns; the context (one word) stays whole on the last. */
function summaryLines(row: HelpRow, width: number): string[] {
  return wrapToWidth(row.context !== 'prefix' ? `${row.summary} (${row.context})` : row.summary, width);
}

/**
 * Every binding, generated from the bindings table, so help cannot drift from the keys. A long
 * summary wraps under itself, the keys column kept clear; the rows shown are those from
 * `offset` that fit whole (the first one is cut when even it does not).
 */
export default function HelpOverlay({ rows, width, height, offset }: HelpOverlayProps) {
  const keyWidth = Math.max(...rows.map((r) => displayWidth(r.keys)), 4);
  const summaryWidth = Math.max(1, width - FRAME_COLUMNS - keyWidth - 2);
  let room = Math.max(1, height - FRAME_ROWS);
  const visible: Array<{ row: HelpRow; lines: string[] }> = [];
  for (const row of rows.slice(offset)) {
    const lines = summaryLines(row, summaryWidth);
    if (lines.length > room && visible.length > 0) break;
    visible.push({ row, lines: lines.slice(0, room) });
    room -= lines.length;
    if (room <= 0) break;
  }
  return (
    <Overlay title="hangar — keys" width={width} height={height} footer="↑/↓ scroll · Esc close">
      {visible.map(({ row, lines }, i) => (
        // a row's height is its lines, never shrunk: yoga squeezes rows that do not fit to no
        // height, and a squeezed row is drawn under the next one
        <Box key={i} height={lines.length} flexShrink={0}>
          <Box width={keyWidth + 2} flexShrink={0}>
            <Text color="cyan">{row.keys}</Text>
          </Box>
          <Box flexDirection="column">
            {lines.map((line, j) => (
              <SummaryLine key={j} line={line} context={j === lines.length - 1 && row.context !== 'prefix' ? row.context : null} />
            ))}
          </Box>
        </Box>
      ))}
    </Overlay>
  );
}

/** One line of a summary; the context at the end of the last one dim. */
function SummaryLine({ line, context }: { line: string; context: string | null }) {
  const suffix = context !== null ? `(${context})` : '';
  if (!suffix || !line.endsWith(suffix)) return <Text wrap="truncate-end">{line}</Text>;
  return (
    <Text wrap="truncate-end">
      {line.slice(0, line.length - suffix.length)}
      <Text dimColor>{suffix}</Text>
    </Text>
  );
}
