import { Text } from 'ink';
import type { SessionInfo } from '../../protocol/messages.js';
import { modelText, statusDetail } from '../../cli/status-text.js';
import StatusBadge from './StatusBadge.js';

export interface PaneTitleProps {
  /** 1-based position, the digit that focuses it after the prefix */
  position: number;
  info: SessionInfo;
  focused: boolean;
  /** finished a turn or asked a question while not focused */
  attention: boolean;
  /** the loop phase it works on, when it has one */
  phase?: string;
  /** the most columns the title may take */
  width: number;
}

/** `1 builder · demo/demo-1 · idle · p1 · ↻2 ●` — what a pane's top border says. */
export default function PaneTitle({ position, info, focused, attention, phase, width }: PaneTitleProps) {
  const backend = info.kind === 'service' ? 'service' : `${info.backend}/${modelText(info.model)}`;
  const exit = statusDetail(info);
  const extras = [phase, info.restarts > 0 ? `↻${info.restarts}` : ''].filter(Boolean).join(' · ');
  // Drop the least important parts first when the pane is narrow.
  const fixed = ` ${position} ${info.name} · ` + ` · ${info.status}${exit ? ` ${exit}` : ''}` + (extras ? ` · ${extras}` : '') + (attention ? ' ●' : '') + ' ';
  const room = Math.max(0, width - fixed.length);
  const shownBackend = backend.length <= room ? backend : room > 1 ? `${backend.slice(0, room - 1)}…` : '';
  return (
    <Text wrap="truncate-end">
      <Text bold={focused} color={focused ? 'cyanBright' : undefined}>{` ${position} ${info.name}`}</Text>
      {shownBackend ? <Text dimColor>{` · ${shownBackend}`}</Text> : null}
      <Text> · </Text>
      <StatusBadge status={info.status} detail={exit} />
      {extras ? <Text dimColor>{` · ${extras}`}</Text> : null}
      {attention ? <Text color="magentaBright" bold>{' ●'}</Text> : null}
      <Text> </Text>
    </Text>
  );
}
