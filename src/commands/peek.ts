import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';

const peek: CommandSpec = {
  name: 'peek',
  summary: 'status and the last N lines (scrollback included) of an agent',
  args: [{ name: 'name', required: true, summary: 'the agent or service' }],
  flags: [{ name: 'lines', short: 'n', type: 'number', value: 'N', summary: 'how many lines (default 20)' }, JSON_FLAG],
  examples: ['hangar peek builder', 'hangar peek builder -n 5 --json'],
  async run(ctx, parsed) {
    const client = await ctx.client();
    const lines = typeof parsed.flags.lines === 'number' ? parsed.flags.lines : 20;
    const result = await client.request('peek', { name: parsed.args.name as string, lines });
    if (ctx.json) {
      ctx.printJson({ name: result.name, status: result.status, pid: result.pid, restarts: result.restarts, lines: result.lines });
      return EXIT_OK;
    }
    ctx.out(`${result.name}: ${result.status}${result.pid ? ` (pid ${result.pid})` : ''}`);
    ctx.out(result.lines.join('\n'));
    return EXIT_OK;
  },
};

export default peek;
