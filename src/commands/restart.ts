import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';

const restart: CommandSpec = {
  name: 'restart',
  summary: 'stop an agent or service and start it again (counts as a restart)',
  args: [{ name: 'name', required: true, summary: 'the agent or service' }],
  flags: [JSON_FLAG],
  examples: ['hangar restart builder'],
  async run(ctx, parsed) {
    const client = await ctx.client();
    const info = await client.request('restart', { name: parsed.args.name as string, sets: ctx.sets, env: ctx.agentEnvOverrides });
    if (ctx.json) ctx.printJson(info);
    else ctx.out(`restarted ${info.name} (pid ${info.pid ?? '-'}, restarts ${info.restarts})`);
    return EXIT_OK;
  },
};

export default restart;
