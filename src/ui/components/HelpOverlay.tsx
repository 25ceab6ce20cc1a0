import { Box, Text } from 'ink';
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

/** Every binding, generated from the bindings table, so help cannot drift from the keys. */
export default function HelpOverlay({ rows, width, height, offset }: HelpOverlayProps) {
  const keyWidth = Math.max(...rows.map((r) => r.keys.length), 4);
  const visible = rows.slice(offset, offset + Math.max(1, height - 4));
  return (
    <Overlay title="hangar — keys" width={width} height={height} footer="↑/↓ scroll · Esc close">
      {visible.map((r, i) => (
        // one line per row, never shrunk: yoga squeezes rows that do not fit to no height,
        // and a squeezed row is drawn under the next one; a long summary is cut, not wrapped
        <Box key={i} height={1} flexShrink={0}>
          <Box width={keyWidth + 2} flexShrink={0}>
            <Text color="cyan">{r.keys}</Text>
          </Box>
          <Text wrap="truncate-end">
            {r.summary}
            {r.context !== 'prefix' ? <Text dimColor>{` (${r.context})`}</Text> : null}
          </Text>
        </Box>
      ))}
    </Overlay>
  );
}
