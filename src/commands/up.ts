import { CliFailure } from '../cli/context.js';
import type { FleetEvent } from '../protocol/messages.js';
import type { CommandSpec } from './command.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG } from './command.js';
import { renderStatus, statusJson, type FleetStatus } from './status.js';

const up: CommandSpec = {
  name: 'up',
  aliases: ['start'],
  summary: 'start the fleet server if needed, then the enabled agents and services (or the named ones)',
  description:
    'With -d, return once everything is started. An agent whose program is not there (exit 127/126 in its ' +
    'first second) is crashed at once and named with the reason; up -d then exits 1. Without -d, open the cockpit (as hangar attach); ' +
    'when stdout is not a terminal, print a live status table instead, redrawn when a status ' +
    'changes, until Ctrl-C (the fleet keeps running). Agents already running are left alone.',
  args: [{ name: 'names', variadic: true, summary: 'agents or services to start (default: every enabled one)' }],
  flags: [{ name: 'detach', short: 'd', type: 'boolean', summary: 'return once started (no live view)' }, JSON_FLAG],
  examples: ['hangar up -d', 'hangar up builder adversary', 'AGENT_MODEL_builder=opus hangar up builder'],
  async run(ctx, parsed) {
    const config = ctx.config();
    const known = new Set([...config.agents, ...config.services].map((m) => m.name));
    const unknown = ((parsed.args.names as string[] | undefined) ?? []).filter((n) => !known.has(n));
    if (unknown.length) {
      // before any server is started for nothing
      throw new CliFailure(`no agent or service named ${unknown.map((n) => `"${n}"`).join(', ')} in ${ctx.configPath} (known: ${[...known].join(', ')})`);
    }
    const client = await ctx.startClient();
    const result = await client.request<FleetStatus & { started: string[] }>('up', {
      names: parsed.args.names ?? [],
      sets: ctx.sets,
      env: ctx.agentEnvOverrides,
    });
    // the server waited out each agent's first second: a program that is not there has crashed
    const crashed = result.agents.filter((a) => result.started.includes(a.name) && a.status === 'crashed');
    const failed = crashed.length > 0 ? EXIT_FAILURE : EXIT_OK;
    if (ctx.json) {
      ctx.printJson({ started: result.started, ...(statusJson(result) as object) });
      return failed;
    }
    const running = result.started.filter((name) => !crashed.some((a) => a.name === name));
    const lines = crashed.map((a) => `${a.name} crashed as it started: ${a.detail ?? 'crashed'}`);
    if (running.length) lines.unshift(`started: ${running.join(', ')}`);
    else if (!crashed.length) lines.push('nothing to start: everything named is running');
    ctx.out(lines.join('\n'));
    if (parsed.flags.detach) return failed;
    if (process.stdin.isTTY && process.stdout.isTTY) {
      const { runCockpit } = await import('../ui/run-cockpit.js');
      return runCockpit({ client, config, stdin: process.stdin, stdout: process.stdout });
    }
    return liveStatus(ctx, client);
  },
};

/** The plain-text live view `up` shows when there is no terminal for the cockpit: redraw on every status event. */
async function liveStatus(ctx: Parameters<CommandSpec['run']>[0], client: Awaited<ReturnType<typeof ctx.client>>): Promise<number> {
  const draw = async () => {
    const status = await client.request<FleetStatus>('status');
    ctx.io.stdout.write(`\x1b[H\x1b[2J${renderStatus(status)}\n\n  live status — Ctrl-C leaves; the fleet keeps running\n`);
  };
  return new Promise<number>((resolve) => {
    const leave = () => resolve(EXIT_OK);
    process.once('SIGINT', leave); // before the first draw: the table says Ctrl-C works
    void draw();
    let pending = false;
    client.subscribe({ events: true }, (event: FleetEvent) => {
      if (event.type === 'screen' || event.type === 'log' || pending) return;
      pending = true;
      setImmediate(() => {
        pending = false;
        void draw();
      });
    });
    client.onClose(() => {
      ctx.out('the fleet server has stopped');
      process.off('SIGINT', leave);
      resolve(EXIT_OK);
    });
  });
}

export default up;
