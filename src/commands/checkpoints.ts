import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { printTimeline } from './pilot-view.js';

const checkpoints: CommandSpec = {
  name: 'checkpoints',
  aliases: ['cps'],
  summary: "a piloted agent's checkpoints as a tree, the current one marked",
  args: [{ name: 'name', required: true, summary: 'the agent' }],
  flags: [JSON_FLAG],
  examples: ['hangar checkpoints builder', 'hangar checkpoints builder --json'],
  async run(ctx, parsed) {
    const client = await ctx.client();
    printTimeline(ctx, await client.request('checkpoints', { name: parsed.args.name as string }));
    return EXIT_OK;
  },
};

export default checkpoints;
