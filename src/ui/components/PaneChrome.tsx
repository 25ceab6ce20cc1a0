import { Box } from 'ink';
import type { ChromePane } from '../chrome-props.js';
import PaneTitle from './PaneTitle.js';

export interface PaneChromeProps {
  pane: ChromePane;
}

/**
 * One pane's border with its title on the top edge, the size of the pane's frame. The chrome
 * is drawn a piece at a time (chrome-canvas.ts): each pane's border and the bottom bar
 * (StatusBar) are rendered off-screen on their own, and only the pieces that changed.
 */
export default function PaneChrome({ pane }: PaneChromeProps) {
  const { frame, info, position, focused, attention, phase } = pane;
  return (
    <Box width={frame.width} height={frame.height}>
      <Box position="absolute" width={frame.width} height={frame.height} borderStyle="round" borderColor={focused ? 'cyan' : attention ? 'magenta' : 'gray'} />
      <Box position="absolute" marginLeft={1} width={Math.max(0, frame.width - 2)} height={1}>
        <PaneTitle position={position} info={info} focused={focused} attention={attention} phase={phase} width={frame.width - 2} />
      </Box>
    </Box>
  );
}
