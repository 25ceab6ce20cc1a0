import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { UsageError } from '../cli/parse-args.js';
import { VERDICTS, type Verdict } from '../protocol/requests.js';

const isVerdict = (s: string): s is Verdict => (VERDICTS as readonly string[]).includes(s);

const end: CommandSpec = {
  name: 'end',
  summary: 'end an agent with a verdict (completed or failed): stop it and record the verdict; --delete takes it out of the fleet',
  description:
    'The verdict is appended to state/verdicts.jsonl under the fleet\'s log_dir ({name, verdict, reason, at, deleted}, one JSON object a line, never rewritten) and recorded as an event (hangar events --types orchestration). ' +
    'The agent is stopped (it stays in hangar status as stopped). --delete also removes it from the running fleet — only an agent added at run time (hangar add, an orchestrator\'s delegate); one of agents.toml is refused before anything is done.',
  args: [
    { name: 'name', required: true, summary: 'the agent' },
    { name: 'verdict', required: true, summary: 'completed or failed' },
    { name: 'reason', variadic: true, summary: 'why, in a few words' },
  ],
  flags: [{ name: 'delete', type: 'boolean', summary: 'also take it out of the fleet (added at run time only)' }, JSON_FLAG],
  examples: ['hangar end fixer completed tests pass', 'hangar end scratch failed "went in circles" --delete'],
  async run(ctx, parsed) {
    const verdict = parsed.args.verdict as string;
    if (!isVerdict(verdict)) throw new UsageError(`end: the verdict must be one of ${VERDICTS.join(', ')}`, 'end');
    const client = await ctx.client();
    const reason = ((parsed.args.reason as string[] | undefined) ?? []).join(' ');
    const result = await client.request('end', {
      name: parsed.args.name as string,
      verdict,
      ...(reason ? { reason } : {}),
      ...(parsed.flags.delete === true ? { delete: true } : {}),
    });
    if (ctx.json) ctx.printJson(result);
    else ctx.out(`${result.name} ended: ${result.verdict}${result.reason ? ` — ${result.reason}` : ''}${result.deleted ? ' (removed from the fleet)' : result.stopped ? ' (stopped)' : ''}`);
    return EXIT_OK;
  },
};

export default end;
