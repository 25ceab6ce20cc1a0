import { CliFailure } from '../cli/context.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG } from '../cli/command.js';

const ask: CommandSpec = {
  name: 'ask',
  summary: 'an agent asks a person a question and waits for the answer (what the MCP tool ask_human does)',
  description:
    'The agent shows needs-input with the question as its detail (hangar status, its pane\'s title) and an event "asks" is recorded. ' +
    'It is answered by the first of: hangar send NAME "answer" (the text is not typed into the agent), or a line typed into the agent\'s pane in the cockpit and ended with Enter (those keys do not reach its CLI: Backspace and Ctrl-U edit the line, other keys are ignored). ' +
    'Prints the answer; exit 1 when the timeout passes first. NAME defaults to $HANGAR_AGENT, so an agent of the fleet can run `hangar ask - "question"`.',
  args: [
    { name: 'name', required: true, summary: 'the agent that asks (- for $HANGAR_AGENT)' },
    { name: 'question', required: true, variadic: true, summary: 'the question' },
  ],
  flags: [{ name: 'timeout', short: 't', type: 'number', value: 'S', summary: 'give up after S seconds (default 600)' }, JSON_FLAG],
  examples: ['hangar ask orch "Postgres or SQLite?"', 'hangar ask - "May I delete the old migrations?" --timeout 300'],
  async run(ctx, parsed) {
    const given = parsed.args.name as string;
    const name = given === '-' ? ctx.io.env.HANGAR_AGENT : given;
    if (!name) throw new CliFailure('ask -: HANGAR_AGENT is not set (name the agent that asks)');
    const timeout = typeof parsed.flags.timeout === 'number' ? parsed.flags.timeout : 600;
    const client = await ctx.client();
    const result = await client.request('ask', { name, question: (parsed.args.question as string[]).join(' '), timeoutMs: timeout * 1000 });
    if (ctx.json) ctx.printJson(result);
    else if (result.answer !== null) ctx.out(result.answer);
    else ctx.io.stderr.write(`hangar: no answer within ${timeout}s\n`);
    return result.answer === null ? EXIT_FAILURE : EXIT_OK;
  },
};

export default ask;
