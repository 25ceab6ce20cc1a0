import { createInterface } from 'node:readline';
import { CliFailure, type CommandContext } from '../cli/context.js';
import { processGone } from '../cli/process-gone.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { runningWorkersUnder } from '../text/worker-tree.js';

/** Whether a person is there to answer: stdin and stdout a terminal (not the cockpit palette's sink), and no --json. */
function canAsk(ctx: CommandContext): boolean {
  return !ctx.json && (ctx.io.stdin as { isTTY?: boolean }).isTTY === true && ctx.io.stdout.isTTY === true;
}

/** One line typed on the terminal (in its cooked mode the tty echoes and edits it). */
async function askYes(ctx: CommandContext, question: string): Promise<boolean> {
  ctx.io.stdout.write(`${question} [y/N] `);
  const rl = createInterface({ input: ctx.io.stdin, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

const down: CommandSpec = {
  name: 'down',
  aliases: ['stop'],
  summary: 'stop the named agents, or everything including the server',
  description:
    'Each child gets SIGTERM to its whole process group, then SIGKILL after a grace period: ' +
    'no process the fleet started survives. Without names the server stops too. ' +
    'Naming an orchestrator whose workers (the agents it delegated) still run asks, on a terminal, whether to stop them too; ' +
    '--with-workers (or --yes) stops them without asking. With --json or no terminal nothing is asked and they keep running ' +
    'unless one of those flags is given; the answer names them (workersLeft).',
  args: [{ name: 'names', variadic: true, summary: 'agents or services to stop (default: all, and the server)' }],
  flags: [
    { name: 'with-workers', short: 'w', type: 'boolean', summary: "stop the named orchestrators' workers too" },
    { name: 'yes', short: 'y', type: 'boolean', summary: 'yes to the question: the same as --with-workers' },
    JSON_FLAG,
  ],
  examples: ['hangar down', 'hangar down builder', 'hangar down lead --with-workers'],
  async run(ctx, parsed) {
    let names = (parsed.args.names as string[] | undefined) ?? [];
    const client = await ctx.tryClient();
    if (!client) {
      if (ctx.json) ctx.printJson({ stopped: [], server: 'not running' });
      else ctx.out('no hangar server is running: nothing to stop');
      return EXIT_OK;
    }
    let workersLeft: string[] = [];
    if (names.length > 0) {
      const workers = runningWorkersUnder((await client.request('status')).agents, names);
      const withWorkers =
        parsed.flags['with-workers'] === true ||
        parsed.flags.yes === true ||
        (workers.length > 0 && canAsk(ctx) && (await askYes(ctx, `${names.join(', ')}: its workers still run (${workers.join(', ')}). Stop them too?`)));
      if (withWorkers) names = [...names, ...workers];
      else workersLeft = workers;
    }
    const closed = new Promise<void>((resolve) => client.onClose(() => resolve()));
    const result = await client.request('down', { names });
    if (names.length === 0) {
      await closed; // the server closes its connections once every child is gone …
      if (!(await processGone(client.server.pid, 5000))) {
        // … and then exits
        throw new CliFailure(`the agents are stopped, but the server (pid ${client.server.pid}) has not exited after 5 s`);
      }
    }
    if (ctx.json) ctx.printJson({ ...result, server: names.length === 0 ? 'stopped' : result.server, ...(workersLeft.length ? { workersLeft } : {}) });
    else {
      ctx.out(result.stopped.length ? `stopped: ${result.stopped.join(', ')}` : 'nothing was running');
      if (workersLeft.length) ctx.out(`still running: ${workersLeft.join(', ')} (workers; hangar down ${names.join(' ')} --with-workers stops them too)`);
      if (names.length === 0) ctx.out('server stopped');
    }
    return EXIT_OK;
  },
};

export default down;
