import { Text } from 'ink';
import { USAGE_SHOWN_AT, type SessionInfo } from '../../protocol/messages.js';
import { costText, modelText, statusDetail } from '../../text/status-text.js';
import { cutToWidth, displayWidth } from '../../terminal/text-width.js';
import StatusBadge, { STATUS_COLORS } from './StatusBadge.js';

/** A watcher's note in a title takes at most this many columns. */
const WATCHER_NOTE_WIDTH = 40;

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

/**
 * `1 builder · demo/demo-1 · idle · p1 · ↻2 · 84% used · $0.0312 · ⚑ nudged: progress ●` — what a pane's top border
 * says (the usage window once past 80 %, the cost once known); a crashed agent's says why
 * (`crashed: command not found: claude`).
 */
export default function PaneTitle({ position, info, focused, attention, phase, width }: PaneTitleProps) {
  const backend = info.kind === 'service' ? 'service' : `${info.backend}/${modelText(info.model)}`;
  const exit = statusDetail(info);
  const used = info.usedPercent !== undefined && info.usedPercent > USAGE_SHOWN_AT ? `${Math.floor(info.usedPercent)}% used` : '';
  const cost = info.cost_usd !== undefined ? costText(info.cost_usd) : '';
  const watcher = info.watcher ? `⚑ ${cutToWidth(info.watcher, WATCHER_NOTE_WIDTH)}` : '';
  const extras = [phase, info.restarts > 0 ? `↻${info.restarts}` : '', used, cost, watcher].filter(Boolean).join(' · ');
  // Drop the least important parts first when the pane is narrow: the backend, then the reason.
  const fixed = ` ${position} ${info.name} · ` + ` · ${info.status}${exit ? ` ${exit}` : ''}` + (extras ? ` · ${extras}` : '') + (attention ? ' ●' : '') + ' ';
  const why = info.status === 'crashed' && info.detail ? cutToWidth(`: ${info.detail}`, Math.max(0, width - displayWidth(fixed))) : '';
  const room = Math.max(0, width - fixed.length - displayWidth(why));
  const shownBackend = backend.length <= room ? backend : room > 1 ? `${backend.slice(0, room - 1)}…` : '';
  return (
    <Text wrap="truncate-end">
      <Text bold={focused} color={focused ? 'cyanBright' : undefined}>{` ${position} ${info.name}`}</Text>
      {shownBackend ? <Text dimColor>{` · ${shownBackend}`}</Text> : null}
      <Text> · </Text>
      <StatusBadge status={info.status} detail={exit} />
      {why ? <Text color={STATUS_COLORS.crashed}>{why}</Text> : null}
      {extras ? <Text dimColor>{` · ${extras}`}</Text> : null}
      {attention ? <Text color="magentaBright" bold>{' ●'}</Text> : null}
      <Text> </Text>
    </Text>
  );
}
