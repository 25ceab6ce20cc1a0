import type { SessionInfo } from '../../protocol/messages.js';
import { budgetBadge, costText, modelText, statusText } from '../../text/status-text.js';
import { treeName, workerTree } from '../../text/worker-tree.js';
import Overlay from './Overlay.js';
import { STATUS_COLORS } from '../status-colors.js';
import Table from './Table.js';

export interface StatusOverlayProps {
  members: SessionInfo[];
  selected: number;
  attention: ReadonlySet<string>;
  width: number;
  height: number;
}

const STATUS_COLUMN = 5;
const ADDED_NOTE = '(added at run time, not in agents.toml)';

/**
 * The fleet as a table: the reference's status columns plus status and where it came from
 * (SOURCE: hook, session-file or screen; - while stopped; only when a member's status has a
 * source, so a server that says none costs no width), pid, restarts, COST and BUDGET as
 * `hangar status` shows them (each only when some member has one), and a note for agents added
 * at run time (only when there are some). Workers sit under the orchestrator that delegated them.
 */
export default function StatusOverlay({ members: given, selected, attention, width, height }: StatusOverlayProps) {
  // each orchestrator's workers under it; `selected` counts rows in this order (overlay-mode.ts)
  const tree = workerTree(given);
  const members = tree.map((row) => row.member);
  const added = members.some((m) => m.addedAtRunTime);
  const sourced = members.some((m) => m.status_source !== undefined);
  const costed = members.some((m) => m.cost_usd !== undefined);
  const budgeted = members.some((m) => m.budget !== undefined || m.held !== undefined);
  const rows = tree.map(({ member: m, depth }) => [
    `${attention.has(m.name) ? '● ' : '  '}${treeName({ member: m, depth })}`,
    m.kind,
    m.backend,
    modelText(m.model),
    m.watch,
    statusText(m),
    ...(sourced ? [m.pid === null ? '-' : (m.status_source ?? '-')] : []),
    m.pid === null ? '-' : String(m.pid),
    String(m.restarts),
    ...(costed ? [m.cost_usd !== undefined ? costText(m.cost_usd) : '-'] : []),
    ...(budgeted ? [budgetBadge(m) || '-'] : []),
    ...(added ? [m.addedAtRunTime ? ADDED_NOTE : ''] : []),
  ]);
  return (
    <Overlay title="fleet status" width={width} height={height} footer="↑/↓ select · Enter focus · Esc close">
      <Table
        columns={[{ header: '  AGENT' }, { header: 'KIND' }, { header: 'BACKEND' }, { header: 'MODEL' }, { header: 'WATCH' }, { header: 'STATUS' }, ...(sourced ? [{ header: 'SOURCE' }] : []), { header: 'PID', align: 'right' }, { header: 'RESTARTS', align: 'right' }, ...(costed ? [{ header: 'COST', align: 'right' as const }] : []), ...(budgeted ? [{ header: 'BUDGET' }] : []), ...(added ? [{ header: 'NOTE' }] : [])]}
        rows={rows}
        selected={selected}
        cellColor={(r, c) => (c === STATUS_COLUMN ? STATUS_COLORS[members[r]!.status] : undefined)}
      />
    </Overlay>
  );
}
