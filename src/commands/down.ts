import { CliFailure } from '../cli/context.js';
import { processGone } from '../cli/process-gone.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';

const down: CommandSpec = {
  name: 'down',
  aliases: ['stop'],
  summary: 'stop the named agents, or everything including the server',
  description:
    'Each child gets SIGTERM to its whole process group, then SIGKILL after a grace period: ' +
    'no process the fleet started survives. Without names the server stops too.',
  args: [{ name: 'names', variadic: true, summary: 'agents or services to stop (default: all, and the server)' }],
  flags: [JSON_FLAG],
  examples: ['hangar down', 'hangar down builder'],
  async run(ctx, parsed) {
    const names = (parsed.args.names as string[] | undefined) ?? [];
    const client = await ctx.tryClient();
    if (!client) {
      if (ctx.json) ctx.printJson({ stopped: [], server: 'not running' });
      else ctx.out('no hangar server is running: nothing to stop');
      return EXIT_OK;
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
    if (ctx.json) ctx.printJson({ ...result, server: names.length === 0 ? 'stopped' : result.server });
    else {
      ctx.out(result.stopped.length ? `stopped: ${result.stopped.join(', ')}` : 'nothing was running');
      if (names.length === 0) ctx.out('server stopped');
    }
    return EXIT_OK;
  },
};

export default down;
