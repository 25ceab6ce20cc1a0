import { relative } from 'node:path';
import { UsageError } from '../cli/parse-args.js';
import { renderTextTable } from '../cli/text-table.js';
import type { FleetConfig } from '../config/types.js';
import { stopFleet } from '../cli/ensure-server.js';
import { RemoteError, type FleetClient } from '../client/fleet-client.js';
import { PHASE_ACTIONS, type Result } from '../protocol/requests.js';
import { phaseReport, type PhaseReport } from '../watchdog/phase-report.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG } from '../cli/command.js';

type PhaseResult = Result<'phase'>;

const isAction = (s: string): s is (typeof PHASE_ACTIONS)[number] => (PHASE_ACTIONS as readonly string[]).includes(s);

/** A path as short as it can be said: relative to the project when inside it. */
function shortPath(config: FleetConfig, path: string): string {
  const rel = relative(config.project_dir, path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function renderPhaseReport(report: PhaseReport, config: FleetConfig): string {
  if (report.current === null) return 'no [loop] phases are configured';
  const current = report.phases[report.current]!;
  const head = report.complete
    ? `phase sequence complete (last phase ${current.id} [${report.current + 1}/${report.phases.length}])`
    : `phase ${current.id} [${report.current + 1}/${report.phases.length}]`;
  const lines = [
    `${head} · auto_advance ${report.autoAdvance ? 'on' : 'off'} · done marker ${JSON.stringify(report.doneMarker)} · loop agents: ${report.loopAgents.join(', ') || 'none'}`,
    renderTextTable(
      ['', 'N', 'PHASE', 'STATE', 'STATUS FILE', 'WHY'],
      report.phases.map((p) => [p.current ? '▶' : '', String(p.index), p.id, p.done ? 'DONE' : p.current ? 'in progress' : p.index < (report.current ?? 0) ? 'not DONE' : 'to do', shortPath(config, p.statusPath), p.detail]),
    ),
  ];
  if (report.onComplete) {
    const { run, triggerFile, armed } = report.onComplete;
    lines.push(`  on_complete: ${run ? `starts ${run}` : 'nothing to run'} if ${shortPath(config, triggerFile)} exists (${armed ? 'it does' : 'it does not'})`);
  }
  return lines.join('\n');
}

/** Ask a server started for this to move the phase index, then stop it; a bad target is a usage error, as without a server. */
async function moveIndexOnce(client: FleetClient, args: { action: 'next' | 'set'; phase?: string; sets: string[]; env: Record<string, string> }): Promise<PhaseResult> {
  try {
    return await client.request('phase-index', args);
  } catch (err) {
    if (err instanceof RemoteError && err.code === 'bad_args') throw new UsageError(`phase: ${err.message}`, 'phase');
    throw err;
  } finally {
    await stopFleet(client);
  }
}

const phase: CommandSpec = {
  name: 'phase',
  summary: "show the loop's phases, or move to the next one or phase N (restarting the loop agents)",
  description:
    'show (the default) lists every phase with its status file and whether it is DONE (the done_marker line ' +
    'with a real body under it, not a placeholder). next and set N stop the loop agents, move the phase index ' +
    'and start them again with that phase\'s kickoff and models; N is 0-based, as `show` lists it, or a phase id. ' +
    'Without a running server only the phase index moves; `up` starts the loop agents on it.',
  args: [
    { name: 'action', summary: 'show (default), next or set' },
    { name: 'n', summary: 'for set: the phase, by index (0-based) or id' },
  ],
  flags: [JSON_FLAG],
  examples: ['hangar phase', 'hangar phase next', 'hangar phase set 2', 'hangar phase set p3 --json'],
  async run(ctx, parsed) {
    const action = (parsed.args.action as string | undefined) ?? 'show';
    if (!isAction(action)) throw new UsageError(`phase: unknown action "${action}" (show, next or set N)`, 'phase');
    const n = parsed.args.n as string | undefined;
    if (action === 'set' && n === undefined) throw new UsageError('phase: set needs N, the phase to move to (an index or a phase id)', 'phase');
    if (action !== 'set' && n !== undefined) throw new UsageError(`phase: unexpected argument "${n}"`, 'phase');
    const config = ctx.config();
    let client = await ctx.tryClient();
    const args = { phase: n, sets: ctx.sets, env: ctx.agentEnvOverrides };
    let result: PhaseResult;
    if (client) {
      result = await client.request('phase', { action, ...args });
    } else if (action === 'show') {
      result = { report: phaseReport(config), actions: [], failures: [] };
    } else {
      // the server moves the phase: started for this, it moves the index only (nothing runs to
      // restart; `up` starts the loop agents on it) and is stopped again
      const started = await ctx.startServer();
      if (started.started) {
        result = await moveIndexOnce(started.client, { action, ...args });
      } else {
        client = started.client; // another server won the race: an ordinary move on it
        result = await client.request('phase', { action, ...args });
      }
    }
    if (ctx.json) ctx.printJson(action === 'show' ? result.report : result);
    else {
      if (action !== 'show') {
        const cur = result.report.current!;
        const started = result.actions.filter((a) => a.type === 'start').map((a) => (a as { name: string }).name);
        ctx.out(
          `phase now ${result.report.phases[cur]!.id} [${cur + 1}/${result.report.phases.length}]` +
            (client ? (started.length ? `: restarted ${started.join(', ')}` : ': no loop agents to restart') : ' (no server running: the loop agents start on it with `hangar up`)'),
        );
      }
      ctx.out(renderPhaseReport(result.report, config));
    }
    for (const failure of result.failures) ctx.io.stderr.write(`hangar: ${failure}\n`);
    return result.failures.length ? EXIT_FAILURE : EXIT_OK;
  },
};

export default phase;
