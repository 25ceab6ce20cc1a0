import attach from './attach.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { printTimeline } from './pilot-view.js';

const pilot: CommandSpec = {
  name: 'pilot',
  summary: 'pilot an agent turn by turn: the cockpit\'s pilot view, every turn a checkpoint',
  description:
    "The first time, the agent's directory and conversation as they are now become the root checkpoint; after that every turn's end is a checkpoint (T1, T2, …) you can go back to (goto, undo) or branch from. In a terminal it opens the cockpit in the pilot view (as hangar attach --pilot NAME): a prompt bar, the timeline beside the pane, goto/undo/branch/diff on keys. With --tree or --json, or when not in a terminal, it prints the timeline instead.",
  args: [{ name: 'name', required: true, summary: 'the agent' }],
  flags: [{ name: 'tree', type: 'boolean', summary: 'print the timeline instead of opening the cockpit' }, JSON_FLAG],
  examples: ['hangar pilot builder', 'hangar pilot builder --tree'],
  async run(ctx, parsed) {
    const name = parsed.args.name as string;
    if (!ctx.json && parsed.flags.tree !== true && process.stdin.isTTY && process.stdout.isTTY) {
      return attach.run(ctx, { args: {}, flags: { ...parsed.flags, pilot: name } });
    }
    const client = await ctx.client();
    printTimeline(ctx, await client.request('pilot', { name }));
    return EXIT_OK;
  },
};

export default pilot;
