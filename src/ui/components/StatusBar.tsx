import { Box, Text } from 'ink';

export interface StatusBarProps {
  hints: string;
  summary: string;
  warn: boolean;
  width: number;
}

/** The bottom row: key hints on the left, the fleet at a glance (or a message) on the right. */
export default function StatusBar({ hints, summary, warn, width }: StatusBarProps) {
  const room = Math.max(0, width - summary.length - 1);
  return (
    <Box width={width}>
      <Text dimColor wrap="truncate-end">
        {hints.length > room ? `${hints.slice(0, Math.max(0, room - 1))}…` : hints.padEnd(room)}
      </Text>
      <Text> </Text>
      <Text color={warn ? 'yellow' : undefined}>{summary}</Text>
    </Box>
  );
}
