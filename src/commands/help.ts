import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK } from '../cli/command.js';
import { findCommand } from '../cli/parse-args.js';
import { renderOverview, renderVerbHelp } from '../cli/help.js';

const help: CommandSpec = {
  name: 'help',
  summary: 'list the verbs, or explain one',
  args: [{ name: 'verb', summary: 'the verb to explain' }],
  flags: [],
  examples: ['hangar help', 'hangar help send'],
  async run(ctx, parsed) {
    // the table this verb was found in (the table imports this verb, so it is given, not imported)
    const verb = parsed.args.verb as string | undefined;
    ctx.out(verb ? renderVerbHelp(findCommand(ctx.commands, verb)) : renderOverview(ctx.commands));
    return EXIT_OK;
  },
};

export default help;
