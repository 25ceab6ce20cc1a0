import { Text } from 'ink';
import type { SessionStatus } from '../../protocol/messages.js';

/** Colour of each status, so a glance tells working from waiting from broken. */
export const STATUS_COLORS: Record<SessionStatus, string> = {
  starting: 'gray',
  working: 'yellow',
  idle: 'green',
  'needs-input': 'magentaBright',
  limited: 'red',
  stalled: 'red',
  exited: 'red',
  crashed: 'redBright',
  stopped: 'gray',
};

export interface StatusBadgeProps {
  status: SessionStatus;
  /** shown after the status, e.g. "until 22:42" or an exit code */
  detail?: string;
}

/** An agent's status as a coloured word. */
export default function StatusBadge({ status, detail }: StatusBadgeProps) {
  return (
    <Text color={STATUS_COLORS[status]} bold={status === 'needs-input' || status === 'crashed'}>
      {status}
      {detail ? ` ${detail}` : ''}
    </Text>
  );
}
