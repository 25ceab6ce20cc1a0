import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';

const diff: CommandSpec = {
  name: 'diff',
  summary: "what changed in a piloted agent's files between two checkpoints (or in one turn); with no label, a worktree agent's work against its base branch",
  description:
    'With labels: the pilot\'s checkpoints. With none: for an agent with worktree = true, its worktree as it is now ' +
    '(committed or not, untracked files included) against the commit where it meets the branch it was made from — ' +
    'what merging its branch would bring, plus the work not yet committed.',
  args: [
    { name: 'name', required: true, summary: 'the agent' },
    { name: 'from', summary: "a checkpoint; alone: what that turn changed; none: the agent's worktree against its base branch" },
    { name: 'to', summary: 'a later (or any other) checkpoint' },
  ],
  flags: [{ name: 'stat', type: 'boolean', summary: 'only the files and their +/− counts' }, JSON_FLAG],
  examples: ['hangar diff builder T2', 'hangar diff builder T1 T3 --stat', 'hangar diff fixer'],
  async run(ctx, parsed) {
    const client = await ctx.client();
    const r = await client.request('diff', {
      name: parsed.args.name as string,
      ...(parsed.args.from !== undefined ? { from: parsed.args.from as string } : {}),
      to: parsed.args.to as string | undefined,
    });
    if (ctx.json) ctx.printJson(r);
    else if (parsed.flags.stat) ctx.out([`${r.from}..${r.to}`, ...r.files.map((f) => `  ${f.status.padEnd(8)} +${f.insertions} −${f.deletions}  ${f.path}`)].join('\n'));
    else ctx.out(`${r.text}${r.truncated ? '\n… (diff cut; see --stat)' : ''}`);
    return EXIT_OK;
  },
};

export default diff;
