import type { CommandContext } from '../cli/context.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';
import type { GotoAnswer } from '../protocol/pilot-view.js';
import { printTimeline } from './pilot-view.js';

export function printGoto(ctx: CommandContext, r: GotoAnswer): void {
  if (ctx.json) return ctx.printJson(r);
  if (!r.moved) ctx.out(`${r.name} is already at ${r.label}, unchanged`);
  else ctx.out(`${r.name} is back at ${r.label} (files restored; conversation: ${r.strategy})${r.saved ? ` — the present was saved as ${r.saved}` : ''}`);
  printTimeline(ctx, r.timeline);
}

const goto: CommandSpec = {
  name: 'goto',
  summary: "go back to a checkpoint: its files restored exactly, the conversation by the backend's rewind",
  description:
    "The present is checkpointed first when it differs (nothing is ever lost), so you can always come back. A turn taken after going back starts a new branch; the turns left behind stay in the tree.",
  args: [
    { name: 'name', required: true, summary: 'the agent' },
    { name: 'label', required: true, summary: 'the checkpoint: root, T1, T2, …' },
  ],
  flags: [JSON_FLAG],
  examples: ['hangar goto builder T1', 'hangar goto builder root'],
  async run(ctx, parsed) {
    const client = await ctx.client();
    printGoto(ctx, await client.request('goto', { name: parsed.args.name as string, to: parsed.args.label as string }));
    return EXIT_OK;
  },
};

export default goto;
