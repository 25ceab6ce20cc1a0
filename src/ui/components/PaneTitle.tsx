import { Text } from 'ink';
import { BUDGET_SHOWN_AT, USAGE_SHOWN_AT, type SessionInfo } from '../../protocol/messages.js';
import { budgetBadge, costText, modelText, statusDetail } from '../../text/status-text.js';
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
 * `1 builder · demo/demo-1 · idle · hangar/builder · p1 · ↻2 · 84% used · $0.0312 · $ 82% · ⚑ nudged: progress ●` (a worker's:
 * `2 w1 ↳ lead · …`) — what a pane's top border says (the branch of its own worktree when it has one, the usage window once
 * past 80 %, the cost once known, its budget from 80 % and its budget hold, a watcher's last action); a crashed agent's
 * says why (`crashed: command not found: claude`), one asking a person what (`needs-input: Postgres or SQLite?`).
 */
export default function PaneTitle({ position, info, focused, attention, phase, width }: PaneTitleProps) {
  const backend = info.kind === 'service' ? 'service' : `${info.backend}/${modelText(info.model)}`;
  const exit = statusDetail(info);
  const used = info.usedPercent !== undefined && info.usedPercent > USAGE_SHOWN_AT ? `${Math.floor(info.usedPercent)}% used` : '';
  const cost = info.cost_usd !== undefined ? costText(info.cost_usd) : '';
  const budget = budgetBadge(info, BUDGET_SHOWN_AT);
  const watcher = info.watcher ? `⚑ ${cutToWidth(info.watcher, WATCHER_NOTE_WIDTH)}` : '';
  const extras = [info.branch, phase, info.restarts > 0 ? `↻${info.restarts}` : '', used, cost, budget, watcher].filter(Boolean).join(' · ');
  // Drop the least important parts first when the pane is narrow: the backend, then the reason.
  // a worker names the orchestrator that delegated it
  const parent = info.parent ? ` ↳ ${info.parent}` : '';
  const fixed = ` ${position} ${info.name}${parent} · ` + ` · ${info.status}${exit ? ` ${exit}` : ''}` + (extras ? ` · ${extras}` : '') + (attention ? ' ●' : '') + ' ';
  const says = (info.status === 'crashed' || info.status === 'needs-input') && info.detail;
  const why = says ? cutToWidth(`: ${info.detail}`, Math.max(0, width - displayWidth(fixed))) : '';
  const room = Math.max(0, width - fixed.length - displayWidth(why));
  const shownBackend = backend.length <= room ? backend : room > 1 ? `${backend.slice(0, room - 1)}…` : '';
  return (
    <Text wrap="truncate-end">
      <Text bold={focused} color={focused ? 'cyanBright' : undefined}>{` ${position} ${info.name}`}</Text>
      {parent ? <Text dimColor>{parent}</Text> : null}
      {shownBackend ? <Text dimColor>{` · ${shownBackend}`}</Text> : null}
      <Text> · </Text>
      <StatusBadge status={info.status} detail={exit} />
      {why ? <Text color={STATUS_COLORS[info.status]}>{why}</Text> : null}
      {extras ? <Text dimColor>{` · ${extras}`}</Text> : null}
      {attention ? <Text color="magentaBright" bold>{' ●'}</Text> : null}
      <Text> </Text>
    </Text>
  );
}
