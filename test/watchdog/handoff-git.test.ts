import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { FleetConfig } from '../../src/config/types.js';
import type { WatchdogAction } from '../../src/watchdog/actions.js';
import { DEFAULT_GIT_LIMITS } from '../../src/watchdog/handoff-git.js';
import { HandoffMonitor } from '../../src/watchdog/handoff-monitor.js';
import { handoffStatePath } from '../../src/watchdog/handoff-state-file.js';
import { pidGone } from '../helpers/run-hangar.js';

// Real repositories: a bare origin, the project's clone the watchdog watches, and the other
// loop's clone that pushes claims, reviews and inbox files.
const CLAIM = 'watchdog ping: the other loop pushed a gate CLAIM commit. Pull and verify the claimed gate now.';
const REVIEW = 'watchdog ping: the other loop pushed a verdict/finding commit. Pull the review file and act.';
const inbox = (path: string) =>
  `watchdog ping: the other loop pushed ${path} — pull, read it, act, then delete the file (commit + push) to mark it consumed.`;

const CONFIG = `
[defaults]
session_prefix = "t-"
log_dir = ".hangar"
backend = "demo"

[backend.demo]
bin = "hangar-demo"

[[agent]]
name = "builder"
kind = "loop"
role = "builder"

[[agent]]
name = "adversary"
kind = "loop"
role = "adversary"

[loop.handoff]
repo = "repo"
inboxes = ["adv-inbox.md", "builder-inbox.md"]
`;

let root: string;
let project: string;
let other: string;
let config: FleetConfig;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Other Loop', '-c', 'user.email=other@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The other loop commits (files to write, or null to delete) and pushes. Returns the new head. */
function push(subject: string, files: Record<string, string | null> = {}, ...pushFlags: string[]): string {
  for (const [path, content] of Object.entries(files)) {
    const full = join(other, path);
    if (content === null) rmSync(full);
    else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
  git(other, 'add', '--all');
  git(other, 'commit', '--quiet', '--allow-empty', '-m', subject);
  git(other, 'push', '--quiet', ...pushFlags, 'origin', 'HEAD:main');
  return git(other, 'rev-parse', 'HEAD').trim();
}

const sends = (actions: WatchdogAction[]) => actions.map((a) => (a.type === 'send' ? [a.name, a.text] : [a.type, 'message' in a ? a.message : '']));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hangar-handoff-'));
  project = join(root, 'project');
  other = join(root, 'other');
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', 'origin.git');
  git(root, 'clone', '--quiet', 'origin.git', other);
  git(other, 'checkout', '--quiet', '-b', 'main');
  push('initial');
  mkdirSync(join(project, 'prompts'), { recursive: true });
  writeFileSync(join(project, 'prompts/builder.md'), 'build');
  writeFileSync(join(project, 'prompts/adversary.md'), 'review');
  writeFileSync(join(project, 'agents.toml'), CONFIG);
  git(project, 'clone', '--quiet', join(root, 'origin.git'), 'repo');
  config = loadConfig({ path: join(project, 'agents.toml') }).config;
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('handoff pings from a real repository with an origin', () => {
  it('pings the reviewer on a claim, the builder on a review, each inbox\'s reader on a change — and nothing twice', async () => {
    const monitor = new HandoffMonitor(handoffStatePath(config));
    expect(await monitor.check(config)).toEqual([]); // baseline

    push('claim: gate 1 passes');
    expect(sends(await monitor.check(config))).toEqual([['adversary', CLAIM]]);
    expect(await monitor.check(config)).toEqual([]);

    push('review: gate 1 holds');
    expect(sends(await monitor.check(config))).toEqual([['builder', REVIEW]]);

    push('docs: ask the adversary', { 'machine-docs/adv-inbox.md': 'please try the empty input\n' });
    expect(sends(await monitor.check(config))).toEqual([['adversary', inbox('machine-docs/adv-inbox.md')]]);
    expect(await monitor.check(config)).toEqual([]);

    push('docs: unrelated', { 'notes.md': 'x' });
    expect(await monitor.check(config)).toEqual([]); // inbox unchanged, no matching subject

    push('review: findings', { 'builder-inbox.md': 'two bugs\n' }); // at the root: found there too
    expect(sends(await monitor.check(config))).toEqual([['builder', REVIEW], ['builder', inbox('builder-inbox.md')]]);

    push('docs: more for the adversary', { 'machine-docs/adv-inbox.md': 'and the huge input\n' });
    expect(sends(await monitor.check(config))).toEqual([['adversary', inbox('machine-docs/adv-inbox.md')]]);

    push('chore: consumed', { 'machine-docs/adv-inbox.md': null });
    expect(await monitor.check(config)).toEqual([]);
    push('docs: same request again', { 'machine-docs/adv-inbox.md': 'and the huge input\n' });
    expect(sends(await monitor.check(config))).toEqual([['adversary', inbox('machine-docs/adv-inbox.md')]]);
    expect(await monitor.check(config)).toEqual([]);
  });

  it('reads what was pushed, not the watched clone\'s working tree', async () => {
    const monitor = new HandoffMonitor(handoffStatePath(config));
    await monitor.check(config);
    mkdirSync(join(config.loop.handoff!.repo!, 'machine-docs'));
    writeFileSync(join(config.loop.handoff!.repo!, 'machine-docs/adv-inbox.md'), 'not pushed');
    git(config.loop.handoff!.repo!, 'commit', '--quiet', '--allow-empty', '-m', 'claim: local only');
    expect(await monitor.check(config)).toEqual([]);
  });

  it('after a restart, pings once what was pushed while it was down, and re-pings nothing', async () => {
    const first = new HandoffMonitor(handoffStatePath(config));
    await first.check(config);
    push('claim: before the restart', { 'machine-docs/adv-inbox.md': 'look\n' });
    expect(sends(await first.check(config))).toEqual([['adversary', CLAIM], ['adversary', inbox('machine-docs/adv-inbox.md')]]);

    const head = push('review: while down');
    const saved = JSON.parse(readFileSync(handoffStatePath(config), 'utf8')) as { sha: string };
    expect(saved.sha).not.toBe(head);

    const second = new HandoffMonitor(handoffStatePath(config));
    expect(sends(await second.check(config))).toEqual([['builder', REVIEW]]);
    expect(await second.check(config)).toEqual([]);
    expect(JSON.parse(readFileSync(handoffStatePath(config), 'utf8'))).toMatchObject({ sha: head });
  });

  it('follows a force-push: a rewound main pings nothing, the rewritten commits ping as new', async () => {
    const monitor = new HandoffMonitor(handoffStatePath(config));
    const base = git(other, 'rev-parse', 'HEAD').trim();
    await monitor.check(config);
    push('claim: first try');
    expect(sends(await monitor.check(config))).toEqual([['adversary', CLAIM]]);

    git(other, 'reset', '--quiet', '--hard', base);
    git(other, 'push', '--quiet', '--force', 'origin', 'HEAD:main');
    expect(await monitor.check(config)).toEqual([]);

    push('feat: other work');
    push('claim: second try');
    expect(sends(await monitor.check(config))).toEqual([['adversary', CLAIM]]);
  });

  it('takes a new baseline after reset() (a phase moved on) and pings the inboxes still there', async () => {
    const monitor = new HandoffMonitor(handoffStatePath(config));
    await monitor.check(config);
    push('claim: x', { 'machine-docs/adv-inbox.md': 'pending\n' });
    expect(await monitor.check(config)).toHaveLength(2);
    push('claim: y');
    expect(monitor.reset()).toEqual([]);
    expect(sends(await monitor.check(config))).toEqual([['adversary', inbox('machine-docs/adv-inbox.md')]]);
  });

  it('does nothing, and touches no file, without an enabled loop agent', async () => {
    const off: FleetConfig = { ...config, agents: config.agents.map((a) => ({ ...a, enabled: false })) };
    const monitor = new HandoffMonitor(handoffStatePath(off));
    push('claim: x');
    expect(await monitor.check(off)).toEqual([]);
    expect(existsSync(handoffStatePath(off))).toBe(false);
  });
});

describe('handoff checks that go wrong are reported, never thrown', () => {
  it('a saved commit the repository does not know: a warning, a new baseline, no ping', async () => {
    mkdirSync(config.state_dir, { recursive: true });
    writeFileSync(handoffStatePath(config), JSON.stringify({ sha: 'f'.repeat(40), inboxes: {} }));
    const monitor = new HandoffMonitor(handoffStatePath(config));
    push('claim: x');
    const actions = await monitor.check(config);
    expect(actions).toEqual([expect.objectContaining({ type: 'note', level: 'warn', message: expect.stringContaining('no longer contains fffffff') })]);
    push('claim: y');
    expect(sends(await monitor.check(config))).toEqual([['adversary', CLAIM]]);
  });

  it('a malformed state file: reported, and the watch starts afresh', async () => {
    mkdirSync(config.state_dir, { recursive: true });
    writeFileSync(handoffStatePath(config), '{"sha": 3');
    const monitor = new HandoffMonitor(handoffStatePath(config));
    const actions = await monitor.check(config);
    expect(actions).toEqual([expect.objectContaining({ type: 'note', level: 'warn', message: expect.stringContaining('is not a handoff state file') })]);
  });

  it('an unreachable origin: one warning (not one per check), pings from what was fetched before, and a note when it works again', async () => {
    const repo = config.loop.handoff!.repo!;
    const monitor = new HandoffMonitor(handoffStatePath(config));
    await monitor.check(config);
    push('claim: fetched later');
    git(repo, 'remote', 'set-url', 'origin', join(root, 'gone.git'));

    const failed = await monitor.check(config);
    expect(failed).toEqual([expect.objectContaining({ type: 'note', level: 'warn', message: expect.stringMatching(/^handoff: git fetch: .*gone\.git/) })]);
    expect(await monitor.check(config)).toEqual([]);

    git(repo, 'remote', 'set-url', 'origin', join(root, 'origin.git'));
    const back = await monitor.check(config);
    expect(back[0]).toMatchObject({ type: 'note', level: 'info', message: expect.stringContaining('checks work again') });
    expect(sends(back.slice(1))).toEqual([['adversary', CLAIM]]);
  });

  it('a fetch that hangs is cut off at its time limit, with everything git started', async () => {
    const repo = config.loop.handoff!.repo!;
    const pidFile = join(root, 'helper.pid');
    const helper = join(root, 'hang.sh');
    writeFileSync(helper, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 30\n`, { mode: 0o755 });
    git(repo, 'config', 'protocol.ext.allow', 'always');
    git(repo, 'remote', 'set-url', 'origin', `ext::${helper}`);
    const monitor = new HandoffMonitor(handoffStatePath(config), { ...DEFAULT_GIT_LIMITS, fetchTimeoutMs: 300 });
    // answered at once: waiting for the helper to let go of git's pipes would outlast the test
    const actions = await monitor.check(config);
    expect(actions).toEqual([expect.objectContaining({ level: 'warn', message: expect.stringContaining('git fetch: no answer within 0.3 s') })]);
    // the transport helper git started ran in git's process group and went with it (once the
    // signal lands: it need not have yet when check() answers), unless the limit came before git started it
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
    if (pid > 0) await pidGone(pid);
  });

  it('an inbox larger than the output cap: reported, not pinged, and the claim still goes through', async () => {
    const monitor = new HandoffMonitor(handoffStatePath(config), { ...DEFAULT_GIT_LIMITS, maxBytes: 200 });
    await monitor.check(config);
    push('claim: big', { 'machine-docs/adv-inbox.md': 'x'.repeat(1000) });
    const actions = await monitor.check(config);
    expect(sends(actions)).toEqual([
      ['note', 'handoff: reading machine-docs/adv-inbox.md: git cat-file: output over 200 bytes'],
      ['adversary', CLAIM],
    ]);
  });

  it('a repository without origin/main, or no repository at all', async () => {
    const repo = config.loop.handoff!.repo!;
    rmSync(repo, { recursive: true });
    mkdirSync(repo);
    git(repo, 'init', '--quiet');
    const monitor = new HandoffMonitor(handoffStatePath(config));
    const actions = await monitor.check(config);
    expect(actions.map((a) => (a.type === 'note' ? a.message : a.type))).toEqual([
      expect.stringMatching(/^handoff: git fetch: .*origin/),
      `handoff: ${repo} has no origin/main`,
    ]);

    rmSync(repo, { recursive: true });
    const missing = await new HandoffMonitor(join(root, 'state2.json')).check(config);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((a) => a.type === 'note' && a.level === 'warn')).toBe(true);
  });
});
