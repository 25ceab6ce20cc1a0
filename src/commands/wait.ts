import type { CommandSpec } from '../cli/command.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { UsageError } from '../cli/parse-args.js';

const TARGETS = ['idle', 'working', 'exited', 'needs-input', 'limited', 'stopped', 'starting'] as const;

const isTarget = (s: string): s is (typeof TARGETS)[number] => (TARGETS as readonly string[]).includes(s);

const wait: CommandSpec = {
  name: 'wait',
  summary: 'wait until an agent reaches a status; exit 1 on timeout',
  args: [{ name: 'name', required: true, summary: 'the agent or service' }],
  flags: [
    { name: 'for', type: 'string', value: 'STATUS', summary: `the status to wait for: ${TARGETS.join(' | ')} (default idle)` },
    { name: 'timeout', short: 't', type: 'number', value: 'S', summary: 'give up after S seconds (default 600)' },
    JSON_FLAG,
  ],
  examples: ['hangar wait builder --for idle --timeout 120'],
  async run(ctx, parsed) {
    const target = typeof parsed.flags.for === 'string' ? parsed.flags.for : 'idle';
    if (!isTarget(target)) throw new UsageError(`wait: --for must be one of ${TARGETS.join(', ')}`, 'wait');
    const client = await ctx.client();
    const timeout = typeof parsed.flags.timeout === 'number' ? parsed.flags.timeout : 600;
    const result = await client.request('wait', {
      name: parsed.args.name as string,
      for: target,
      timeoutMs: timeout * 1000,
    });
    if (ctx.json) ctx.printJson(result);
    else if (result.timedOut) ctx.io.stderr.write(`hangar: timed out after ${timeout}s: ${result.name} is ${result.status}, not ${target}\n`);
    else ctx.out(`${result.name} is ${result.status}`);
    return result.timedOut ? EXIT_FAILURE : EXIT_OK;
  },
};

export default wait;
