import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { printGoto } from './goto.js';

const undo: CommandSpec = {
  name: 'undo',
  summary: 'go back one turn (goto the parent of the current checkpoint)',
  args: [{ name: 'name', required: true, summary: 'the agent' }],
  flags: [JSON_FLAG],
  examples: ['hangar undo builder'],
  async run(ctx, parsed) {
    const client = await ctx.client();
    printGoto(ctx, await client.request('undo', { name: parsed.args.name as string }));
    return EXIT_OK;
  },
};

export default undo;
