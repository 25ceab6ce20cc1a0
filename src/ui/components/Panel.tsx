import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

export interface PanelProps {
  /** written over the top border */
  title: string;
  /** written over the bottom border (key hints), dim */
  footer?: string;
  width: number;
  height: number;
  /** the panel has the keys: a cyan border and title */
  focused: boolean;
  children: ReactNode;
}

/** A bordered part of the pilot view, titled on its top border like a pane. */
export default function Panel({ title, footer, width, height, focused, children }: PanelProps) {
  const inner = Math.max(0, width - 2);
  return (
    <Box width={width} height={height} flexDirection="column">
      <Box position="absolute" width={width} height={height} borderStyle="round" borderColor={focused ? 'cyan' : 'gray'} />
      <Box position="absolute" marginLeft={1} width={inner} height={1}>
        <Text wrap="truncate-end" bold={focused} color={focused ? 'cyanBright' : undefined}>{` ${title} `}</Text>
      </Box>
      <Box position="absolute" marginLeft={1} marginTop={1} width={inner} height={Math.max(0, height - 2)} flexDirection="column" overflow="hidden">
        {children}
      </Box>
      {footer && height > 1 ? (
        <Box position="absolute" marginLeft={1} marginTop={height - 1} width={inner} height={1}>
          <Text dimColor wrap="truncate-end">{` ${footer} `}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
