import { relative } from 'node:path';
import type { CommandSpec } from '../cli/command.js';
import type { CommandContext } from '../cli/context.js';
import { EXIT_FAILURE, EXIT_OK, JSON_FLAG } from '../cli/command.js';
import { stopFleet } from '../cli/ensure-server.js';
import { UsageError } from '../cli/parse-args.js';
import { renderTextTable } from '../cli/text-table.js';
import type { FleetClient } from '../client/fleet-client.js';
import type { WorktreeView } from '../protocol/requests.js';

/** The server's answer, from a server started for it when none runs (and stopped again: nothing is left running). */
async function ask<T>(ctx: CommandContext, call: (client: FleetClient) => Promise<T>): Promise<T> {
  const running = await ctx.tryClient();
  if (running) return call(running);
  const { client, started } = await ctx.startServer();
  try {
    return await call(client);
  } finally {
    if (started) await stopFleet(client);
  }
}

function aheadBehind(w: WorktreeView): string {
  if (w.ahead === null || w.behind === null) return '?';
  return `+${w.ahead} −${w.behind}`;
}

function row(w: WorktreeView, projectDir: string): string[] {
  const rel = relative(projectDir, w.path);
  const where = rel && !rel.startsWith('..') ? rel : w.path;
  const state = !w.present ? 'gone' : w.uncommitted > 0 ? `${w.uncommitted} uncommitted` : 'clean';
  const agent = w.running ? 'running' : w.inFleet ? 'stopped' : 'not in fleet';
  const branch = w.head && w.head !== w.branch ? `${w.branch} (on ${w.head})` : w.branch;
  return [w.name, branch, w.base ?? '(detached)', state, aheadBehind(w), agent, where];
}

const worktrees: CommandSpec = {
  name: 'worktrees',
  summary: 'list the git worktrees of agents with worktree = true, or prune those of agents no longer in the fleet',
  description:
    'Each agent with worktree = true works in a git worktree of its dir of its own, on branch hangar/<name>, under ' +
    '<log_dir>/worktrees/. The list shows its branch, the branch it was made from (its base), uncommitted files, ' +
    'commits ahead of and behind the base, and whether the agent runs. `prune` removes the worktrees of agents ' +
    'no longer in the fleet, or the one of NAME (not while it runs); a worktree with uncommitted work is kept ' +
    'unless --force. Branches are always kept: their commits are never lost.',
  args: [
    { name: 'action', summary: 'prune (default: list)' },
    { name: 'name', summary: 'for prune: the agent whose worktree goes (default: every agent no longer in the fleet)' },
  ],
  flags: [{ name: 'force', short: 'f', type: 'boolean', summary: 'prune: remove a worktree even with uncommitted work (it is lost)' }, JSON_FLAG],
  examples: ['hangar worktrees', 'hangar worktrees --json', 'hangar worktrees prune', 'hangar worktrees prune fixer --force'],
  async run(ctx, parsed) {
    const action = parsed.args.action as string | undefined;
    const name = parsed.args.name as string | undefined;
    if (action !== undefined && action !== 'prune') throw new UsageError(`worktrees: unknown action "${action}" (prune, or nothing to list them)`, 'worktrees');
    if (action === undefined && parsed.flags.force) throw new UsageError('worktrees: --force goes with prune', 'worktrees');
    if (action === undefined) {
      const r = await ask(ctx, (c) => c.request('worktrees', {}));
      if (ctx.json) ctx.printJson(r);
      else {
        const projectDir = ctx.config().project_dir;
        ctx.out(r.worktrees.length === 0 ? 'no agent worktrees (set worktree = true on an agent, or hangar add --worktree)' : renderTextTable(['AGENT', 'BRANCH', 'BASE', 'FILES', 'AHEAD/BEHIND', 'AGENT IS', 'PATH'], r.worktrees.map((w) => row(w, projectDir))));
        for (const file of r.unreadable) ctx.io.stderr.write(`hangar: worktree record ${file} holds no worktree (left as it is)\n`);
      }
      return EXIT_OK;
    }
    const r = await ask(ctx, (c) => c.request('prune-worktrees', { ...(name !== undefined ? { name } : {}), force: parsed.flags.force === true }));
    if (ctx.json) ctx.printJson(r);
    else {
      const lines = [
        ...r.removed.map((w) => `removed ${w.name}'s worktree ${w.path}: ${w.note}`),
        ...r.kept.map((w) => `kept ${w.name}'s worktree ${w.path}: ${w.reason}`),
      ];
      ctx.out(lines.length ? lines.join('\n') : 'no agent worktrees to prune');
    }
    // asked for one by name and it stayed: that is a failure a script should see
    return name !== undefined && r.kept.length > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};

export default worktrees;
