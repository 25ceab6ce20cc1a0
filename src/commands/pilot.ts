import type { CommandSpec } from './command.js';
import { EXIT_OK, JSON_FLAG } from './command.js';
import { printTimeline, type TimelineView } from './pilot-view.js';

const pilot: CommandSpec = {
  name: 'pilot',
  summary: 'pilot an agent turn by turn: from now on every turn it takes is a checkpoint',
  description:
    "The first time, the agent's directory and conversation as they are now become the root checkpoint; after that every turn's end is a checkpoint (T1, T2, …) you can go back to (goto, undo) or branch from. Prints its timeline. To pilot it in the cockpit — a prompt bar, the timeline beside the pane, goto/undo/branch/diff on keys — use hangar attach --pilot NAME, or C-b p on its pane.",
  args: [{ name: 'name', required: true, summary: 'the agent' }],
  flags: [JSON_FLAG],
  examples: ['hangar pilot builder'],
  async run(ctx, parsed) {
    const client = await ctx.client();
    printTimeline(ctx, await client.request<TimelineView>('pilot', { name: parsed.args.name }));
    return EXIT_OK;
  },
};

export default pilot;
