import type { ServerIdentity, SessionInfo } from '../protocol/messages.js';
import type { FleetStatus } from '../protocol/requests.js';
import { renderTextTable } from '../cli/text-table.js';
import { budgetBadge, costText, modelText, statusText } from '../text/status-text.js';
import { treeName, workerTree } from '../text/worker-tree.js';
import { shownModel } from '../config/backend-model.js';
import { agentModel } from '../config/kickoff.js';
import { currentPhaseIndex } from '../config/phase-index.js';
import type { FleetConfig } from '../config/types.js';
import { phaseReport } from '../watchdog/phase-report.js';
import type { CommandSpec } from '../cli/command.js';
import { JSON_FLAG, EXIT_FAILURE, EXIT_OK } from '../cli/command.js';
import { describeDeadServer, findDeadServer, type DeadServer } from '../server/previous-server.js';
import { forgetServer } from '../server/server-registry.js';

export type { FleetStatus };

/** What status says when no server runs: every member of the config, stopped. */
function offlineStatus(config: FleetConfig): FleetStatus {
  const base = { status: 'stopped' as const, pid: null, restarts: 0, exitCode: null };
  const phase = currentPhaseIndex(config);
  return {
    agents: config.agents.map((a) => ({
      ...base,
      name: a.name,
      kind: a.kind,
      backend: a.backend,
      model: shownModel(config.backends[a.backend], agentModel(config, a, phase)),
      watch: a.watch,
      state: `stopped${a.enabled ? '' : ' (disabled)'}`,
      session: a.session,
      enabled: a.enabled,
    })),
    services: config.services.map((s) => ({
      ...base,
      name: s.name,
      kind: 'service',
      backend: '-',
      model: '-',
      watch: '-',
      state: `stopped${s.enabled ? '' : ' (disabled)'}`,
      session: s.session,
      enabled: s.enabled,
    })),
  };
}

/**
 * The reference's first line when the loop has phases, with the current phase's DONE state:
 * `phase: p1 [1/2] plan=… (in progress)`.
 */
function phaseLine(config: FleetConfig): string {
  const report = phaseReport(config);
  if (report.current === null) return '';
  const phase = report.phases[report.current]!;
  const state = report.complete ? 'sequence complete' : phase.done ? `${report.doneMarker}` : 'in progress';
  return `  phase: ${phase.id} [${report.current + 1}/${report.phases.length}] plan=${phase.plan || '-'} (${state})`;
}

export function renderStatus(status: FleetStatus): string {
  // each orchestrator's workers under it
  const tree = workerTree([...status.agents, ...status.services]);
  const members = tree.map((r) => r.member);
  // COST only when some agent's cost is known (its session file's tokens priced, or stated)
  const costed = members.some((a) => a.cost_usd !== undefined);
  // BUDGET only when some agent has a budget or is held by the fleet's
  const budgeted = members.some((a) => a.budget !== undefined || a.held !== undefined);
  const rows = tree.map((row) => [row, row.member] as const).map(([row, a]) => [
    treeName(row),
    a.kind,
    a.backend,
    modelText(a.model),
    a.watch,
    a.state + (a.addedAtRunTime ? ' (added at run time, not in agents.toml)' : ''),
    statusText(a),
    a.pid === null ? '-' : String(a.pid),
    String(a.restarts),
    ...(costed ? [a.cost_usd !== undefined ? costText(a.cost_usd) : '-'] : []),
    ...(budgeted ? [budgetBadge(a) || '-'] : []),
  ]);
  const table = renderTextTable(['AGENT', 'KIND', 'BACKEND', 'MODEL', 'WATCH', 'STATE', 'STATUS', 'PID', 'RESTARTS', ...(costed ? ['COST'] : []), ...(budgeted ? ['BUDGET'] : [])], rows);
  // the watchdog's reasons are sentences: under the table, not in a column
  const notes = members.filter((a) => a.detail).map((a) => `  ${a.name}: ${a.detail}`);
  const holds = members.filter((a) => a.held).map((a) => `  ${a.name}: held — ${a.held === 'budget' ? 'its budget' : "the fleet's budget"} is spent; hangar types nothing into it until \`hangar budget ${a.held === 'budget' ? `${a.name} ` : ''}--raise USD\``);
  const logNotes = members.filter((a) => a.logError).map((a) => `  ${a.name}: log not written: ${a.logError}`);
  const problems = (status.problems ?? []).map((p) => `  log not written: ${p}`);
  return [table, ...notes, ...holds, ...logNotes, ...problems].join('\n');
}

/**
 * JSON keeps the documented fields: name kind backend model watch state pid restarts (+ status),
 * plus the watchdog's `detail`, a hold's `until` (ISO time), `usedPercent` (the usage window, from
 * the session file), an agent's `usage` {input, output, cache_read, cache_write}, `cost_usd` and
 * `cost_source` (stated | priced | unknown), its `budget` {budget_usd, spent_usd} and `held`
 * (budget | fleet-budget: hangar types nothing into it), `parent` (the orchestrator that delegated it), `watcher` (a watcher's last action on it: nudged,
 * paused, aborted) and `logError` (its raw log not being
 * written) when there are any; `problems` names the fleet's own logs that are not being written.
 */
export function statusJson(status: FleetStatus): unknown {
  const pick = (a: SessionInfo) => ({
    name: a.name,
    kind: a.kind,
    backend: a.backend,
    model: a.model,
    watch: a.watch,
    state: a.state,
    status: a.status,
    ...(a.status_source ? { status_source: a.status_source } : {}),
    pid: a.pid,
    restarts: a.restarts,
    ...(a.detail ? { detail: a.detail } : {}),
    ...(a.until !== undefined ? { until: new Date(a.until).toISOString() } : {}),
    ...(a.usedPercent !== undefined ? { usedPercent: a.usedPercent } : {}),
    ...(a.usage ? { usage: a.usage } : {}),
    ...(a.cost_usd !== undefined ? { cost_usd: a.cost_usd } : {}),
    ...(a.cost_source ? { cost_source: a.cost_source } : {}),
    ...(a.budget ? { budget: a.budget } : {}),
    ...(a.held ? { held: a.held } : {}),
    ...(a.addedAtRunTime ? { addedAtRunTime: true } : {}),
    ...(a.branch ? { branch: a.branch, worktree: a.worktree } : {}),
    ...(a.parent ? { parent: a.parent } : {}),
    ...(a.watcher ? { watcher: a.watcher } : {}),
    ...(a.logError ? { logError: a.logError } : {}),
  });
  return { agents: status.agents.map(pick), services: status.services.map(pick), ...(status.problems?.length ? { problems: status.problems } : {}) };
}

/** `server` in `status --json`: the running server, or the last one when it died without `down`. */
function serverJson(running: ServerIdentity | null, dead: DeadServer | null): unknown {
  if (running) return { running: true, pid: running.pid, startedAt: running.startedAt };
  if (!dead) return { running: false };
  const lastEventAt = dead.lastEventAt === null ? null : new Date(dead.lastEventAt).toISOString();
  return { running: false, pid: dead.pid, startedAt: dead.startedAt, lastEventAt, endedWithoutDown: true };
}

const status: CommandSpec = {
  name: 'status',
  aliases: ['st', 'ls'],
  summary: 'show every agent and service: kind, backend, model, watch, state, status, pid, restarts',
  description:
    'Works without a running server too: then every member of the config shows as stopped. When the last server ' +
    'died without `hangar down` (killed, crashed), it says so and since when, and exits 1 until the next `up`. MODEL is `default` when the backend ' +
    'takes a model and none is set, and — (null in --json) when the backend takes none (an exec bin without {model}, no model_flag).',
  args: [],
  flags: [JSON_FLAG],
  examples: ['hangar status', 'hangar status --json'],
  async run(ctx) {
    const client = await ctx.tryClient();
    const result = client ? await client.request('status') : offlineStatus(ctx.config());
    const dead = client ? null : findDeadServer(ctx.config());
    // its registry entry goes; server.pid stays, for the next server to record the unclean exit
    if (dead) forgetServer(ctx.io.env, dead.pid);
    if (ctx.json) ctx.printJson({ server: serverJson(client?.server ?? null, dead), ...(statusJson(result) as object) });
    else {
      const gone = dead ? `hangar server not running: the last one ${describeDeadServer(dead)} — \`hangar up\` carries on from its saved state` : '';
      ctx.out([gone, phaseLine(ctx.config()), renderStatus(result)].filter(Boolean).join('\n'));
    }
    return dead ? EXIT_FAILURE : EXIT_OK;
  },
};

export default status;
