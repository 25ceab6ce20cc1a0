import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';

const branch: CommandSpec = {
  name: 'branch',
  summary: 'start a second agent from a checkpoint, in a new git worktree on branch hangar/<agent>-<label>',
  description:
    "Same backend and rewind strategy; its conversation is put back as it was at the checkpoint. It runs beside the original (a new pane in the cockpit), piloted from there. A directory that is not a git repository gets a plain copy instead of a worktree.",
  args: [
    { name: 'name', required: true, summary: 'the agent' },
    { name: 'label', required: true, summary: 'the checkpoint to start from' },
  ],
  flags: [{ name: 'as', type: 'string', value: 'NAME', summary: 'the new agent\'s name (default: <agent>-<label>)' }, JSON_FLAG],
  examples: ['hangar branch builder T2', 'hangar branch builder T2 --as builder-alt'],
  async run(ctx, parsed) {
    const client = await ctx.client();
    const r = await client.request('branch', {
      name: parsed.args.name as string,
      from: parsed.args.label as string,
      as: parsed.flags.as as string | undefined,
    });
    if (ctx.json) ctx.printJson(r);
    else ctx.out(`${r.name} started from ${r.from} ${r.label} in ${r.dir}${r.branch ? ` (branch ${r.branch})` : ' (a copy: not a git repository)'}`);
    return EXIT_OK;
  },
};

export default branch;
