import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';

const screen: CommandSpec = {
  name: 'screen',
  summary: "print an agent's visible screen as plain text, as its emulator shows it now",
  args: [{ name: 'name', required: true, summary: 'the agent or service' }],
  flags: [JSON_FLAG],
  examples: ['hangar screen builder'],
  async run(ctx, parsed) {
    const client = await ctx.client();
    const result = await client.request('screen', { name: parsed.args.name as string });
    if (ctx.json) ctx.printJson(result);
    else ctx.out(result.text);
    return EXIT_OK;
  },
};

export default screen;
