import { Box } from 'ink';
import type { SessionInfo } from '../../protocol/messages.js';
import PaneTitle from './PaneTitle.js';

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

export interface PaneChromeProps {
  pane: ChromePane;
  /** 1-based position among the shown panes: the digit that focuses it after the prefix */
  position: number;
}

/**
 * One pane's border with its title on the top edge, the size of the pane's frame. The chrome
 * is drawn a piece at a time (chrome-canvas.ts): each pane's border and the bottom bar
 * (StatusBar) are rendered off-screen on their own, and only the pieces that changed.
 */
export default function PaneChrome({ pane, position }: PaneChromeProps) {
  const { frame, info, focused, attention, phase } = pane;
  return (
    <Box width={frame.width} height={frame.height}>
      <Box position="absolute" width={frame.width} height={frame.height} borderStyle="round" borderColor={focused ? 'cyan' : attention ? 'magenta' : 'gray'} />
      <Box position="absolute" marginLeft={1} width={Math.max(0, frame.width - 2)} height={1}>
        <PaneTitle position={position} info={info} focused={focused} attention={attention} phase={phase} width={frame.width - 2} />
      </Box>
    </Box>
  );
}
