import { Text } from 'ink';
import { wrapToWidth } from '../../terminal/text-width.js';
import { diffRows } from './DiffOverlay.js';
import Overlay from './Overlay.js';

export interface OutputOverlayProps {
  /** the line that ran, e.g. ": status" */
  title: string;
  /** what the verb printed, one line each (plain text) */
  lines: string[];
  /** the first row drawn */
  offset: number;
  /** the verb failed: its words in red */
  failed: boolean;
  width: number;
  height: number;
}

/** Columns the frame and its padding take from the overlay's width. */
const FRAME_COLUMNS = 4;

const wrapped = new WeakMap<string[], { width: number; rows: string[] }>();

/**
 * The rows the output is drawn in at an overlay `width`: each line wrapped to the room inside
 * the frame, so nothing is cut. Kept per lines and width: scrolling draws again, the text is the same.
 */
export function outputRows(lines: string[], width: number): string[] {
  const room = Math.max(1, width - FRAME_COLUMNS);
  const cached = wrapped.get(lines);
  if (cached?.width === room) return cached.rows;
  const rows = lines.flatMap((line) => wrapToWidth(line, room));
  wrapped.set(lines, { width: room, rows });
  return rows;
}

/** A palette verb's whole output, scrolled by offset, with where the rows shown are in the whole. */
export default function OutputOverlay({ title, lines, offset, failed, width, height }: OutputOverlayProps) {
  const rows = outputRows(lines, width);
  const room = diffRows(height);
  const end = Math.min(rows.length, offset + room);
  return (
    <Overlay title={title} width={width} height={height} footer={`${rows.length === 0 ? 0 : offset + 1}–${end} of ${rows.length} · ↑/↓ PgUp/PgDn Home/End scroll · Esc close`}>
      {rows.slice(offset, end).map((row, i) => (
        <Text key={offset + i} color={failed ? 'red' : undefined} wrap="truncate-end">
          {row === '' ? ' ' : row}
        </Text>
      ))}
    </Overlay>
  );
}
