import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';

const keys: CommandSpec = {
  name: 'keys',
  aliases: ['send-keys'],
  summary: "press keys in an agent, as tmux send-keys does: answer a question, interrupt, navigate",
  description:
    'Each word that is a key name (Enter, Escape, C-c, Up, F5, y …) is pressed as that key; any other ' +
    'word is typed as is. With -l every word is typed literally. Nothing is confirmed or retried: ' +
    'for messages, use send.',
  args: [
    { name: 'name', required: true, summary: 'the agent or service' },
    { name: 'keys', required: true, variadic: true, summary: 'key names or text' },
  ],
  flags: [{ name: 'literal', short: 'l', type: 'boolean', summary: 'type every word as text, even key names' }, JSON_FLAG],
  examples: ['hangar keys adversary y', 'hangar keys builder Escape', 'hangar keys shell "ls -la" Enter'],
  async run(ctx, parsed) {
    const client = await ctx.client();
    const result = await client.request('keys', {
      name: parsed.args.name as string,
      keys: parsed.args.keys as string[],
      literal: parsed.flags.literal === true,
    });
    if (ctx.json) ctx.printJson(result);
    return EXIT_OK;
  },
};

export default keys;
