import type { CommandSpec } from '../cli/command.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { modelText } from '../text/status-text.js';
import { statusJson } from './status.js';

const add: CommandSpec = {
  name: 'add',
  summary: 'start a new agent that is not in agents.toml (a backend and a prompt; the rest from [defaults])',
  description:
    'The agent is made as one more [[agent]] in agents.toml would be ([defaults] merged under it, the same ' +
    'checks), started at once, and shown in every attached cockpit. It is NOT written to agents.toml: ' +
    'status marks it "added at run time", and it is gone after hangar down (a server that dies leaves it to the next one, ' +
    'which starts it again unless it was stopped: state/added-agents.json). To keep it, add it to ' +
    'agents.toml. The cockpit\'s C-b c does the same. With --wait it follows the agent\'s first turn (its kickoff) ' +
    'until it ends and prints its reply (--json: with the turn\'s tokens and cost when its session file records them).',
  args: [{ name: 'name', required: true, summary: 'the new agent\'s name (unique among agents and services)' }],
  flags: [
    { name: 'backend', short: 'b', type: 'string', value: 'NAME', summary: 'a [backend.NAME] of agents.toml (default: [defaults] backend)' },
    { name: 'prompt', short: 'p', type: 'string', value: 'TEXT', summary: 'its kickoff prompt (default: [defaults] prompt)' },
    { name: 'dir', short: 'd', type: 'string', value: 'DIR', summary: 'its working directory (default: [defaults] dir; relative to the project)' },
    { name: 'model', short: 'm', type: 'string', value: 'MODEL', summary: 'its model (default: [defaults] model)' },
    { name: 'watch', short: 'w', type: 'string', value: 'MODE', summary: 'none, heal or heal+stall (default: [defaults] watch)' },
    { name: 'wait', type: 'boolean', summary: 'follow its first turn (the kickoff prompt) and print its reply, as send --wait does' },
    { name: 'timeout', short: 't', type: 'number', value: 'S', summary: 'with --wait: give up after S seconds (default 600), exit 1' },
    { name: 'worktree', type: 'boolean', summary: 'work in a git worktree of its dir of its own, on branch hangar/NAME (README, Worktrees)' },
    JSON_FLAG,
  ],
  examples: ['hangar add reviewer --backend claude --prompt "review the last commit"', 'hangar add fixer --worktree -p "fix the flaky test"', 'hangar add fixer -b codex -m gpt-5-codex -d services/api -w heal', 'hangar add scratch --json'],
  async run(ctx, parsed) {
    const client = await ctx.startClient();
    const info = await client.request('add', {
      name: parsed.args.name as string,
      ...(typeof parsed.flags.backend === 'string' ? { backend: parsed.flags.backend } : {}),
      ...(typeof parsed.flags.prompt === 'string' ? { prompt: parsed.flags.prompt } : {}),
      ...(typeof parsed.flags.dir === 'string' ? { dir: parsed.flags.dir } : {}),
      ...(typeof parsed.flags.model === 'string' ? { model: parsed.flags.model } : {}),
      ...(typeof parsed.flags.watch === 'string' ? { watch: parsed.flags.watch } : {}),
      ...(parsed.flags.worktree === true ? { worktree: true } : {}),
      ...(parsed.flags.wait === true ? { wait: true, timeoutMs: (typeof parsed.flags.timeout === 'number' ? parsed.flags.timeout : 600) * 1000 } : {}),
      sets: ctx.sets,
      env: ctx.agentEnvOverrides,
    });
    const { reply, timedOut, usage, cost_usd, ...agent } = info;
    const turn = { ...(reply !== undefined ? { reply, timedOut } : {}), ...(usage ? { usage } : {}), ...(cost_usd !== undefined ? { cost_usd } : {}) };
    if (ctx.json) ctx.printJson({ ...(statusJson({ agents: [agent], services: [] }) as { agents: object[] }).agents[0], ...turn });
    else {
      ctx.out(`added ${info.name} (${info.backend}/${modelText(info.model)}, pid ${info.pid ?? '-'}${info.branch ? `, on ${info.branch} in ${info.worktree}` : ''}): not in agents.toml, gone after hangar down`);
      if (reply !== undefined) ctx.out(reply);
      if (timedOut) ctx.io.stderr.write(`hangar: ${info.name} was still ${info.status} after its first turn's timeout\n`);
    }
    return timedOut ? EXIT_FAILURE : EXIT_OK;
  },
};

export default add;
