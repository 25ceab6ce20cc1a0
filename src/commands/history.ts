import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';

const history: CommandSpec = {
  name: 'history',
  summary: "a piloted agent's turns up to its current checkpoint: prompt, reply, files",
  args: [{ name: 'name', required: true, summary: 'the agent' }],
  flags: [JSON_FLAG],
  examples: ['hangar history builder'],
  async run(ctx, parsed) {
    const client = await ctx.client();
    const r = await client.request('history', { name: parsed.args.name as string });
    if (ctx.json) return (ctx.printJson(r), EXIT_OK);
    if (r.turns.length === 0) ctx.out(`${r.name} is at ${r.current}: no turns yet`);
    for (const t of r.turns) {
      ctx.out(`${t.label}  ❯ ${t.prompt}  (+${t.files.insertions} −${t.files.deletions})`);
      if (t.reply) ctx.out(t.reply.split('\n').map((l) => `    ${l}`).join('\n'));
    }
    return EXIT_OK;
  },
};

export default history;
