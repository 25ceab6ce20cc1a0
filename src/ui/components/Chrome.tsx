import { Box } from 'ink';
import type { SessionInfo } from '../../protocol/messages.js';
import PaneTitle from './PaneTitle.js';
import StatusBar from './StatusBar.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChromePane {
  info: SessionInfo;
  /** the pane's border box; its interior is left blank for the compositor to fill */
  frame: Rect;
  focused: boolean;
  attention: boolean;
  phase?: string;
}

export interface ChromeProps {
  cols: number;
  rows: number;
  panes: ChromePane[];
  /** left part of the bottom bar: key hints */
  hints: string;
  /** right part of the bottom bar: fleet summary or a message */
  summary: string;
  /** a notice that replaces the summary for a while (an error, "detached") */
  message?: string;
}

/**
 * Everything around the panes: borders with titles and the bottom bar. Rendered off-screen
 * (ink's renderToString) only when it changes; the compositor puts the panes' cells inside.
 */
export default function Chrome({ cols, rows, panes, hints, summary, message }: ChromeProps) {
  return (
    <Box width={cols} height={rows} flexDirection="column">
      {panes.map((p, i) => (
        <Box
          key={`b${p.info.name}`}
          position="absolute"
          marginLeft={p.frame.x}
          marginTop={p.frame.y}
          width={p.frame.width}
          height={p.frame.height}
          borderStyle="round"
          borderColor={p.focused ? 'cyan' : p.attention ? 'magenta' : 'gray'}
        />
      ))}
      {panes.map((p, i) => (
        <Box key={`t${p.info.name}`} position="absolute" marginLeft={p.frame.x + 1} marginTop={p.frame.y} width={Math.max(0, p.frame.width - 2)} height={1}>
          <PaneTitle position={i + 1} info={p.info} focused={p.focused} attention={p.attention} phase={p.phase} width={p.frame.width - 2} />
        </Box>
      ))}
      <Box position="absolute" marginTop={rows - 1} width={cols} height={1}>
        <StatusBar hints={hints} summary={message ?? summary} warn={message !== undefined} width={cols} />
      </Box>
    </Box>
  );
}

