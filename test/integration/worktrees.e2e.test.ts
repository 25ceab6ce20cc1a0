import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src/protocol/messages.js';
import type { Result } from '../../src/protocol/requests.js';
import { titleRow } from '../helpers/cockpit-e2e.js';
import { TestFleet } from '../helpers/test-fleet.js';

// worktree = true end to end: a demo agent in a git repository works in its own worktree on
// hangar/builder, kept across a restart and a new server, shown in status and its pane's
// title, diffed against main, listed and pruned through the real CLI.
const CONFIG = `
[defaults]
session_prefix = "wtr-"
log_dir = "state"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"

[[agent]]
name = "builder"
worktree = true

[[agent]]
name = "stray"
worktree = true
dir = "nowhere"
enabled = false
`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('agent worktrees through the CLI', () => {
  const fleet = new TestFleet('wtr', CONFIG, { DEMO_THINK_MS: '100' });
  const hangar = (...args: string[]) => fleet.run(...args);
  const tree = () => join(fleet.dir, 'state', 'worktrees', 'builder');
  const builder = async () => (JSON.parse((await fleet.hangar('status', '--json')) as string) as { agents: SessionInfo[] }).agents.find((a) => a.name === 'builder')!;
  const listed = async () => JSON.parse(await fleet.hangar('worktrees', '--json')) as Result<'worktrees'>;
  let outside: string;

  beforeAll(async () => {
    git(fleet.dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(fleet.dir, '.gitignore'), 'state/\ndemo-state/\nxdg/\n');
    writeFileSync(join(fleet.dir, 'README.md'), 'the project\n');
    git(fleet.dir, 'add', '-A');
    git(fleet.dir, 'commit', '-q', '-m', 'first');
    outside = mkdtempSync(join(tmpdir(), 'hangar-wtr-plain-'));
    await fleet.up(['builder']);
  });
  afterAll(async () => {
    await fleet.stop();
    rmSync(outside, { recursive: true, force: true });
  });

  it('starts the agent in its own worktree on hangar/builder, shown in status and in its pane title', async () => {
    expect(await builder()).toMatchObject({ branch: 'hangar/builder', worktree: tree(), state: 'RUNNING' });
    expect(git(tree(), 'symbolic-ref', '--short', 'HEAD').trim()).toBe('hangar/builder');
    await fleet.hangar('send', 'builder', 'write notes.txt hello', '--wait');
    expect(readFileSync(join(tree(), 'notes.txt'), 'utf8')).toBe('hello\n');
    expect(existsSync(join(fleet.dir, 'notes.txt'))).toBe(false);

    const term = fleet.cockpit(140, 30);
    const screen = await term.waitForScreen((s) => titleRow(s, 'builder') >= 0 && s.includes('hangar/builder'), 20_000);
    expect(screen.split('\n')[titleRow(screen, 'builder')]).toContain('· hangar/builder');
    await fleet.closeCockpits();
  });

  it('keeps the worktree as it was across a restart and a new server: the file written survives', async () => {
    const head = git(tree(), 'rev-parse', 'HEAD');
    await fleet.hangar('restart', 'builder');
    await fleet.idle('builder');
    expect(readFileSync(join(tree(), 'notes.txt'), 'utf8')).toBe('hello\n');

    expect((await hangar('down')).code).toBe(0);
    expect((await hangar('up', '-d')).code).toBe(0);
    await fleet.idle('builder');
    expect(await builder()).toMatchObject({ branch: 'hangar/builder', worktree: tree(), state: 'RUNNING' });
    expect(readFileSync(join(tree(), 'notes.txt'), 'utf8')).toBe('hello\n');
    expect(git(tree(), 'rev-parse', 'HEAD')).toBe(head);
  });

  it('diffs its work against where it meets main, with hangar diff and no label', async () => {
    git(fleet.dir, 'commit', '-q', '--allow-empty', '-m', 'main moves on');
    const r = await hangar('diff', 'builder', '--json');
    expect(r.code).toBe(0);
    const diff = JSON.parse(r.stdout) as Result<'diff'>;
    expect(diff.from).toMatch(/^main \(merge-base [0-9a-f]{12}\)$/);
    expect(diff.to).toBe('working tree');
    expect(diff.files.map((f) => [f.path, f.status])).toEqual([['notes.txt', 'added']]);
    expect((await hangar('diff', 'builder')).stdout).toContain('+hello');
    const piloted = await hangar('diff', 'nobody');
    expect(piloted.code).not.toBe(0);
  });

  it('lists it with its branch, base, uncommitted files, ahead/behind and whether the agent runs', async () => {
    expect((await listed()).worktrees).toEqual([
      { name: 'builder', path: tree(), branch: 'hangar/builder', head: 'hangar/builder', base: 'main', present: true, uncommitted: 1, ahead: 0, behind: 1, inFleet: true, running: true },
    ]);
    expect(await fleet.hangar('worktrees')).toMatch(/builder\s+hangar\/builder\s+main\s+1 uncommitted\s+\+0 −1\s+running\s+state\/worktrees\/builder/);
  });

  it('gives an agent added with --worktree its own; one whose dir is in no git repository is refused and not added', async () => {
    const added = JSON.parse(await fleet.hangar('add', 'helper', '--worktree', '--json')) as SessionInfo;
    expect(added).toMatchObject({ name: 'helper', branch: 'hangar/helper', worktree: join(fleet.dir, 'state', 'worktrees', 'helper') });
    expect(git(join(fleet.dir, 'state', 'worktrees', 'helper'), 'symbolic-ref', '--short', 'HEAD').trim()).toBe('hangar/helper');

    const refused = await hangar('add', 'loose', '--worktree', '--dir', outside);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`loose: worktree = true, but its dir ${outside} is not in a git repository`);
    expect((JSON.parse(await fleet.hangar('status', '--json')) as { agents: SessionInfo[] }).agents.map((a) => a.name)).toEqual(['builder', 'stray', 'helper']);
  });

  it('shows an agent whose worktree cannot be made as crashed as it started, with the reason; up -d exits 1', async () => {
    const r = await hangar('up', '-d', 'stray');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`stray crashed as it started: stray: worktree = true, but its dir ${join(fleet.dir, 'nowhere')} does not exist (it must be a directory in a git repository)`);
    expect((await fleet.hangar('status')).split('\n').find((l) => l.includes('stray'))).toContain('crashed');
  });

  it('prunes nothing that runs, is still in the fleet or holds uncommitted work — until --force — and keeps the branch', async () => {
    const all = await hangar('worktrees', 'prune');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("kept builder's worktree");
    expect(all.stdout).toContain('builder is still in the fleet (name it to remove its worktree: hangar worktrees prune builder)');

    const running = await hangar('worktrees', 'prune', 'builder');
    expect(running.code).toBe(1);
    expect(running.stdout).toContain('builder is running in it (stop it first: hangar down builder)');

    await fleet.hangar('down', 'builder');
    const dirty = await hangar('worktrees', 'prune', 'builder');
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toContain('1 file with uncommitted work (commit them on hangar/builder, or prune with --force to lose them)');
    expect(readFileSync(join(tree(), 'notes.txt'), 'utf8')).toBe('hello\n');

    const forced = await hangar('worktrees', 'prune', 'builder', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`removed builder's worktree ${tree()}: branch hangar/builder kept`);
    expect(existsSync(tree())).toBe(false);
    expect(git(fleet.dir, 'branch', '--list', 'hangar/builder')).toContain('hangar/builder');
    expect((await listed()).worktrees.map((w) => w.name)).toEqual(['helper']);
  });

  it("end … --delete removes a worker's clean worktree and keeps one holding uncommitted work, its branch kept either way", async () => {
    const ended = JSON.parse(await fleet.hangar('end', 'helper', 'completed', 'nothing to do', '--delete', '--json')) as Result<'end'>;
    expect(ended).toMatchObject({ name: 'helper', verdict: 'completed', deleted: true, worktree: { branch: 'hangar/helper', removed: true } });
    expect(existsSync(join(fleet.dir, 'state', 'worktrees', 'helper'))).toBe(false);
    expect(git(fleet.dir, 'branch', '--list', 'hangar/helper')).toContain('hangar/helper');

    const second = JSON.parse(await fleet.hangar('add', 'second', '--worktree', '--json')) as SessionInfo;
    writeFileSync(join(second.worktree!, 'draft.txt'), 'not committed\n');
    const kept = JSON.parse(await fleet.hangar('end', 'second', 'failed', '--delete', '--json')) as Result<'end'>;
    expect(kept.worktree).toMatchObject({ branch: 'hangar/second', removed: false, reason: expect.stringContaining('1 file with uncommitted work') });
    expect(readFileSync(join(second.worktree!, 'draft.txt'), 'utf8')).toBe('not committed\n');
    expect((JSON.parse(await fleet.hangar('status', '--json')) as { agents: SessionInfo[] }).agents.map((a) => a.name)).not.toContain('second');
    expect((await listed()).worktrees.map((w) => w.name)).toEqual(['second']);
  });
});
