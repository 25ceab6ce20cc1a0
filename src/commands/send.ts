import { CliFailure, type CommandContext } from '../cli/context.js';
import type { CommandSpec } from '../cli/command.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG } from '../cli/command.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}

async function messageText(ctx: CommandContext, words: string[]): Promise<string> {
  if (words.length === 1 && words[0] === '-') return (await readAll(ctx.io.stdin)).replace(/\n+$/, '');
  return words.join(' ');
}

const send: CommandSpec = {
  name: 'send',
  summary: 'type a message into an agent and submit it; returns once the agent accepted it',
  description:
    'The text is pasted (bracketed paste when the agent enabled it), then the backend\'s submit key is ' +
    'pressed and retried until the text has left the input area. With --wait, follow the turn as the pilot ' +
    'does until it ends — the agent idle through a quiet period (a pause between tool calls does not end it) or ' +
    'its session file says the turn is over; or it asks a question, is limited or exits — and print its reply.',
  args: [{ name: 'name', required: true, summary: 'the agent' }, { name: 'text', required: true, variadic: true, summary: 'the message, or - to read it from stdin' }],
  flags: [
    { name: 'wait', short: 'w', type: 'boolean', summary: 'wait for the turn to end and print the reply' },
    { name: 'timeout', short: 't', type: 'number', value: 'S', summary: 'with --wait: give up after S seconds (default 600), exit 1' },
    JSON_FLAG,
  ],
  examples: ['hangar send builder "write notes.txt hello" --wait', 'git diff | hangar send reviewer -'],
  async run(ctx, parsed) {
    const text = await messageText(ctx, parsed.args.text as string[]);
    const client = await ctx.client();
    const timeout = typeof parsed.flags.timeout === 'number' ? parsed.flags.timeout : 600;
    const result = await client.request('send', {
      name: parsed.args.name as string,
      text,
      wait: parsed.flags.wait === true,
      timeoutMs: timeout * 1000,
    });
    if (ctx.json) ctx.printJson(result);
    else if (!result.confirmed) throw new CliFailure(`${result.name} did not accept the message after ${result.attempts} tries (status: ${result.status})`);
    else if (result.answered) ctx.out(`answered ${result.name}'s question`);
    else if (result.reply !== undefined) ctx.out(result.reply);
    else ctx.out(`sent to ${result.name}`);
    if (!result.confirmed || result.timedOut) {
      if (result.timedOut && !ctx.json) ctx.io.stderr.write(`hangar: ${result.name} was still ${result.status} after ${timeout}s\n`);
      return EXIT_FAILURE;
    }
    return EXIT_OK;
  },
};

export default send;
