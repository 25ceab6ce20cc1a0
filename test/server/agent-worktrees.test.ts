import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Fleet } from '../../src/fleet/fleet.js';
import { agentWorktrees } from '../../src/pilot/agent-worktree.js';
import { pruneWorktrees, removeWorktreeOf } from '../../src/server/agent-worktrees.js';
import { git } from '../pilot/git-fixture.js';

// removeWorktreeOf is what an orchestrator's `end … delete` calls (and prune): never while the
// agent runs in it, never with uncommitted work unless forced; the fleet forgets it, so the
// agent's next start makes a new one on the kept branch.
const CONFIG = `
[defaults]
session_prefix = "awt-"
log_dir = ".hangar"
backend = "cat"

[backend.cat]
bin = "exec cat"
prompt_delivery = "exec"

[[agent]]
name = "worker"
worktree = true
`;

describe('removing an agent worktree from the server', () => {
  let dir: string;
  let fleet: Fleet;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-awt-'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
    writeFileSync(join(dir, '.gitignore'), '.hangar/\n');
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'first');
    const { config } = loadConfig({ path: join(dir, 'agents.toml') });
    fleet = new Fleet(config!, { stopGraceMs: 300, worktrees: agentWorktrees(() => fleet.currentConfig, Date.now) });
  });

  afterEach(async () => {
    await fleet.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const tree = () => join(dir, '.hangar', 'worktrees', 'worker');

  it('refuses while the agent runs in it, keeps uncommitted work unless forced, and a new start makes it again', async () => {
    await fleet.up(['worker']);
    expect(fleet.info('worker')).toMatchObject({ branch: 'hangar/worker', worktree: tree() });
    expect(fleet.agents()[0]!.dir).toBe(tree());
    expect(await removeWorktreeOf(fleet, 'worker')).toMatchObject({ removed: false, reason: 'worker is running in it (stop it first: hangar down worker)' });

    await fleet.down(['worker']);
    writeFileSync(join(tree(), 'draft.md'), 'wip\n');
    expect(await removeWorktreeOf(fleet, 'worker')).toMatchObject({ removed: false, reason: expect.stringContaining('1 file with uncommitted work') });
    expect(readFileSync(join(tree(), 'draft.md'), 'utf8')).toBe('wip\n');
    // the agent is still in the fleet: a prune of everything gone from it leaves it alone
    expect(await pruneWorktrees(fleet, undefined, true)).toMatchObject({ removed: [], kept: [{ name: 'worker', reason: expect.stringContaining('still in the fleet') }] });

    expect(await removeWorktreeOf(fleet, 'worker', { force: true })).toMatchObject({ removed: true, branch: 'hangar/worker' });
    expect(existsSync(tree())).toBe(false);
    expect(fleet.info('worker').branch).toBeUndefined();
    expect(fleet.agents()[0]!.dir).toBe(dir);

    await fleet.up(['worker']);
    expect(fleet.info('worker')).toMatchObject({ branch: 'hangar/worker', worktree: tree() });
    expect(existsSync(join(tree(), 'draft.md'))).toBe(false);
  });
});
