import type { CommandSpec } from '../cli/command.js';
import { EXIT_OK, JSON_FLAG } from '../cli/command.js';
import type { AgentCheck } from '../protocol/requests.js';
import { costText } from '../text/status-text.js';

/** 1h02m, 3m05s, 42s. */
function runtimeText(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function checkLines(c: AgentCheck): string[] {
  const lines = [`${c.name}: ${c.status}${c.detail ? ` (${c.detail})` : ''}${c.needs_attention ? ' — needs attention' : ''}`];
  if (c.runtime_ms !== null) lines.push(`running for ${runtimeText(c.runtime_ms)}`);
  const u = c.usage;
  if (u) lines.push(`tokens: ${u.input} in, ${u.output} out, ${u.cache_read} cache read, ${u.cache_write} cache write${c.cost_usd !== undefined ? ` · ${costText(c.cost_usd)}` : ''}`);
  if (c.verdict) lines.push(`ended: ${c.verdict.verdict}${c.verdict.reason ? ` — ${c.verdict.reason}` : ''}`);
  if (c.files === null) lines.push('files: not in a git repository');
  else {
    lines.push(`files changed since ${c.files.base.slice(0, 10)}: ${c.files.files.length}${c.files.truncated ? '+' : ''}`);
    for (const f of c.files.files) lines.push(`  ${f.status.padEnd(10)} ${f.path}${f.insertions !== null ? ` +${f.insertions} −${f.deletions}` : ''}`);
  }
  lines.push(c.last_reply === null ? 'last reply: none recorded' : `last reply:\n${c.last_reply}`);
  return lines;
}

const check: CommandSpec = {
  name: 'check',
  summary: "one agent in full: status, needs attention?, last reply, tokens, cost, runtime, files changed since it started",
  description:
    "What an orchestrator (or a person) reads before deciding on a worker. needs_attention: it waits on someone — idle, needs-input, stalled, exited or crashed. " +
    'The last reply is the assistant\'s text of its newest turn, from its session file (none for a backend without one). ' +
    "Files: when its dir is in a git repository, what differs from the commit HEAD was at when it started — tracked files with line counts, untracked ones the ignore rules let through (at most 200); none outside git. " +
    'A verdict it was ended with since it started is shown too.',
  args: [{ name: 'name', required: true, summary: 'the agent' }],
  flags: [JSON_FLAG],
  examples: ['hangar check builder', 'hangar check builder --json'],
  async run(ctx, parsed) {
    const client = await ctx.client();
    const result = await client.request('check', { name: parsed.args.name as string });
    if (ctx.json) ctx.printJson(result);
    else ctx.out(checkLines(result).join('\n'));
    return EXIT_OK;
  },
};

export default check;
