import { CliFailure, type CommandContext } from '../cli/context.js';
import { paletteVerbs } from '../cli/palette-verbs.js';
import { modelText } from '../text/status-text.js';
import { overridesConcerning } from '../config/overrides.js';
import { shellQuote } from '../config/template.js';
import type { FleetEvent } from '../protocol/messages.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG, RUN_NAME_FLAG } from '../cli/command.js';
import { renderStatus, statusJson, type FleetStatus } from './status.js';

const up: CommandSpec = {
  name: 'up',
  aliases: ['start'],
  summary: 'start the fleet server if needed, then the enabled agents and services (or the named ones)',
  description:
    'With -d, return once everything is started. An agent whose program is not there (the shell says not found, ' +
    'exit 127/126) is crashed at once and named with the reason; up -d then exits 1. Without -d, open the cockpit (as hangar attach); ' +
    'when stdout is not a terminal, print a live status table instead, redrawn when a status ' +
    'changes, until Ctrl-C (the fleet keeps running). Agents already running are left alone, ' +
    'and so are the one-off overrides of them (--set, AGENT_MODEL_x, AGENT_BACKEND_x): up names ' +
    'those it did not apply and the restart that would.',
  args: [{ name: 'names', variadic: true, summary: 'agents or services to start (default: every enabled one)' }],
  flags: [{ name: 'detach', short: 'd', type: 'boolean', summary: 'return once started (no live view)' }, RUN_NAME_FLAG, JSON_FLAG],
  examples: ['hangar up -d', 'hangar up builder adversary', 'AGENT_MODEL_builder=opus hangar up builder', 'hangar up -d --instance review --name "second look"'],
  async run(ctx, parsed) {
    const config = ctx.config();
    const known = new Set([...config.agents, ...config.services].map((m) => m.name));
    const unknown = ((parsed.args.names as string[] | undefined) ?? []).filter((n) => !known.has(n));
    if (unknown.length) {
      // before any server is started for nothing
      throw new CliFailure(`no agent or service named ${unknown.map((n) => `"${n}"`).join(', ')} in ${ctx.configPath} (known: ${[...known].join(', ')})`);
    }
    const client = await ctx.startClient();
    const result = await client.request('up', {
      names: (parsed.args.names as string[] | undefined) ?? [],
      sets: ctx.sets,
      env: ctx.agentEnvOverrides,
    });
    const notApplied = unappliedOverrides(ctx, (parsed.args.names as string[] | undefined) ?? [], result);
    // the server waited until each agent ended or settled: a program that is not there has crashed
    const crashed = result.agents.filter((a) => result.started.includes(a.name) && a.status === 'crashed');
    const failed = crashed.length > 0 ? EXIT_FAILURE : EXIT_OK;
    if (ctx.json) {
      ctx.printJson({ started: result.started, notApplied: notApplied.map((n) => ({ name: n.name, overrides: overrideWords(n) })), ...(statusJson(result) as object) });
      return failed;
    }
    const running = result.started.filter((name) => !crashed.some((a) => a.name === name));
    const lines = crashed.map((a) => `${a.name} crashed as it started: ${a.detail ?? 'crashed'}`);
    if (running.length) lines.unshift(`started: ${running.join(', ')}`);
    else if (!crashed.length) lines.push('nothing to start: everything named is running');
    ctx.out(lines.join('\n'));
    for (const n of notApplied) {
      ctx.io.stderr.write(`${n.name} is already running (backend ${n.backend}, model ${modelText(n.model)}): ${overrideWords(n).join(' ')} not applied; to apply it: ${restartCommand(ctx, n)}\n`);
    }
    if (parsed.flags.detach) return failed;
    if (process.stdin.isTTY && process.stdout.isTTY) {
      const { runCockpit } = await import('../ui/run-cockpit.js');
      return runCockpit({ client, config, palette: paletteVerbs(ctx.commands, config), stdin: process.stdin, stdout: process.stdout });
    }
    return liveStatus(ctx, client);
  },
};

interface NotApplied {
  name: string;
  /** what the running process was started with */
  backend: string;
  /** null: the backend takes no model */
  model: string | null;
  /** this invocation's overrides of it, as given: `AGENT_MODEL_x=opus`, `agent.x.model=opus` */
  env: string[];
  sets: string[];
}

/**
 * The agents this up found running, so left alone, with the one-off overrides it carried for
 * them: those apply to a start, and the running process keeps what it was started with.
 */
function unappliedOverrides(ctx: CommandContext, names: string[], result: FleetStatus & { started: string[] }): NotApplied[] {
  const agents = ctx.config().agents;
  const targets = names.length ? names : agents.filter((a) => a.enabled).map((a) => a.name);
  return targets.flatMap((name) => {
    const index = agents.findIndex((a) => a.name === name);
    const running = result.agents.find((a) => a.name === name);
    if (index < 0 || !running || result.started.includes(name)) return [];
    const given = overridesConcerning({ name, index, backend: running.backend }, ctx.sets, ctx.agentEnvOverrides);
    return given.env.length + given.sets.length ? [{ name, backend: running.backend, model: running.model, ...given }] : [];
  });
}

/** As given on the command line: `AGENT_MODEL_x=opus --set agent.x.flags=-v`. */
function overrideWords(n: NotApplied): string[] {
  return [...n.env, ...n.sets.map((set) => `--set ${set}`)];
}

/** What applies them: `hangar restart NAME` with the same overrides (and --config). */
function restartCommand(ctx: CommandContext, n: NotApplied): string {
  const vars = n.env.map((v) => v.replace(/=([\s\S]*)$/, (_, value: string) => `=${shellQuote(value)}`));
  const config = typeof ctx.parsed.flags.config === 'string' ? ['--config', ctx.parsed.flags.config] : [];
  const words = ['hangar', 'restart', n.name, ...config, ...n.sets.flatMap((set) => ['--set', set])].map(shellQuote);
  return [...vars, ...words].join(' ');
}

/** The plain-text live view `up` shows when there is no terminal for the cockpit: redraw on every status event. */
async function liveStatus(ctx: Parameters<CommandSpec['run']>[0], client: Awaited<ReturnType<typeof ctx.client>>): Promise<number> {
  const draw = async () => {
    const status = await client.request('status');
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
