import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

export interface OverlayProps {
  title: string;
  width: number;
  height: number;
  /** key hints shown in the bottom line */
  footer?: string;
  children: ReactNode;
}

/** A framed box drawn above the panes (the compositor hides what lies beneath it). */
export default function Overlay({ title, width, height, footer, children }: OverlayProps) {
  return (
    <Box width={width} height={height} flexDirection="column" borderStyle="double" borderColor="cyan" paddingX={1}>
      <Text bold color="cyanBright">
        {title}
      </Text>
      <Box flexDirection="column" flexGrow={1} overflow="hidden">
        {children}
      </Box>
      {/* one row: the rows above are counted on it (a wrapped footer would squeeze them) */}
      {footer ? (
        <Text dimColor wrap="truncate-end">
          {footer}
        </Text>
      ) : null}
    </Box>
  );
}
