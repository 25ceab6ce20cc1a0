import { CliFailure } from '../cli/context.js';
import { paletteVerbs } from '../cli/palette-verbs.js';
import { RUN_NAME_FLAG, type CommandSpec } from '../cli/command.js';

const attach: CommandSpec = {
  name: 'attach',
  aliases: ['a'],
  summary: 'open the cockpit on the running fleet (starting its server if needed)',
  description:
    'Every agent and service live in split panes. Keys go to the focused agent except the prefix ' +
    '(default C-b, [ui] prefix); C-b ? lists every binding, C-b d detaches (the fleet keeps running), ' +
    'C-b q stops the whole fleet, C-b p opens the pilot view of the focused agent. ' +
    'It opens in the view the fleet was left in (layout, zoom, focus, pilot view), which the server keeps. ' +
    '`hangar` with no verb does the same when ./agents.toml exists.',
  args: [],
  flags: [{ name: 'pilot', type: 'string', value: 'NAME', summary: 'open in the pilot view of this agent (piloting it from now on, as hangar pilot NAME)' }, RUN_NAME_FLAG],
  examples: ['hangar attach', 'hangar attach --config agents.example.toml', 'hangar attach --pilot builder', 'hangar attach --instance review'],
  async run(ctx, parsed) {
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      throw new CliFailure('the cockpit needs a terminal (stdin and stdout must be a tty); for scripts use status, peek, send --json');
    }
    const config = ctx.config();
    const client = await ctx.startClient();
    const pilot = typeof parsed.flags.pilot === 'string' ? parsed.flags.pilot : undefined;
    // a name that cannot be piloted fails here, before the terminal is taken over
    if (pilot !== undefined) await client.request('pilot', { name: pilot });
    // React and ink load only for the cockpit, not for every CLI verb
    const { runCockpit } = await import('../ui/run-cockpit.js');
    return runCockpit({ client, config, palette: paletteVerbs(ctx.commands, config), stdin: process.stdin, stdout: process.stdout, ...(pilot !== undefined ? { pilot } : {}) });
  },
};

export default attach;
