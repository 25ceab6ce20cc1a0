import { Text } from 'ink';
import Overlay from './Overlay.js';

export interface DiffOverlayProps {
  title: string;
  /** the unified diff, one line each (tabs already expanded) */
  lines: string[];
  /** the first line shown */
  offset: number;
  width: number;
  height: number;
}

/** Rows of the diff that fit: the frame, the title and the footer take four. */
export function diffRows(height: number): number {
  return Math.max(1, height - 4);
}

function colorOf(line: string): string | undefined {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff ') || line.startsWith('index ')) return 'white';
  if (line.startsWith('+')) return 'green';
  if (line.startsWith('-')) return 'red';
  if (line.startsWith('@@')) return 'cyan';
  return undefined;
}

/** What a checkpoint changed, against its parent: a unified diff, coloured, scrolled by offset. */
export default function DiffOverlay({ title, lines, offset, width, height }: DiffOverlayProps) {
  const room = diffRows(height);
  const shown = lines.slice(offset, offset + room);
  const end = Math.min(lines.length, offset + room);
  return (
    <Overlay title={title} width={width} height={height} footer={`${lines.length === 0 ? 0 : offset + 1}–${end} of ${lines.length} · ↑/↓ PgUp/PgDn Home/End scroll · Esc close`}>
      {shown.map((line, i) => (
        <Text key={offset + i} color={colorOf(line)} bold={line.startsWith('diff ')} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Overlay>
  );
}
