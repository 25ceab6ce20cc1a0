import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Fleet } from '../../src/fleet/fleet.js';
import { runTurn } from '../../src/fleet/turn.js';
import { waitForStatus } from '../../src/fleet/wait-for-status.js';
import { systemClock } from '../../src/base/clock.js';
import { Pilot } from '../../src/pilot/pilot.js';
import { branch, goto } from '../../src/pilot/rewind.js';
import { RECAP_BEGIN } from '../../src/pilot/recap.js';
import { checkpointed, demoConversationPrompts } from '../helpers/pilot-fleet.js';

// Every rewind strategy with the real demo agent in a real pty: two turns that write files,
// then goto T1 — the files as at T1, and the conversation holding exactly turn 1 (by the
// strategy's means), read from the demo's own conversation file.
function setup(rewind: string) {
  const dir = mkdtempSync(join(tmpdir(), `hangar-rw-${rewind}-`));
  const demoState = join(dir, 'demo-state');
  writeFileSync(
    join(dir, 'agents.toml'),
    `[defaults]
session_prefix = "rw-"
log_dir = "state"
dir = "work"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"
session_id_re = "session: ([0-9a-f-]{8,})"
rewind = "${rewind}"
${rewind === 'resume' ? 'rewind_resume = "--resume {id} --at-turn {turn}"' : ''}

[[agent]]
name = "a"
backend = "demo"
`,
  );
  const { config } = loadConfig({ path: join(dir, 'agents.toml'), env: {} });
  const fleet = new Fleet(config, { env: { ...process.env, DEMO_THINK_MS: '50', DEMO_STATE_DIR: demoState }, stopGraceMs: 500 });
  const pilot = new Pilot({ fleet, clock: systemClock, turn: { quietMs: 300, startGraceMs: 2000, submitGraceMs: 1000 } });
  const prompts = () => demoConversationPrompts(config.state_dir, 'a', demoState);
  const file = (name: string) => (existsSync(join(dir, 'work', name)) ? readFileSync(join(dir, 'work', name), 'utf8') : null);
  return { dir, fleet, pilot, prompts, file };
}


describe('rewind strategies with the demo agent', () => {
  let env: ReturnType<typeof setup> | undefined;
  afterEach(async () => {
    env?.pilot.dispose();
    await env?.fleet.shutdown();
    if (env) rmSync(env.dir, { recursive: true, force: true });
  });

  async function twoTurnsThenGotoT1(rewind: string) {
    env = setup(rewind);
    const { fleet, pilot } = env;
    await fleet.up();
    await waitForStatus(fleet.statusOf('a'), (s) => s === 'idle', 15_000);
    await pilot.enable('a');
    for (const [prompt, label] of [['write a.txt one', 'T1'], ['write b.txt two', 'T2']] as const) {
      const done = checkpointed(fleet, label);
      await runTurn(fleet.session('a'), prompt, { wait: true, timeoutMs: 15_000 });
      await done;
    }
    expect(env.prompts()).toEqual(['write a.txt one', 'write b.txt two']);
    const result = await goto(pilot, 'a', 'T1');
    await waitForStatus(fleet.statusOf('a'), (s) => s === 'idle', 15_000);
    expect([env.file('a.txt'), env.file('b.txt')]).toEqual(['one\n', null]);
    return result;
  }

  it('resume: a new conversation forked at turn 1', async () => {
    expect(await twoTurnsThenGotoT1('resume')).toMatchObject({ strategy: 'resume', moved: true });
    expect(env!.prompts()).toEqual(['write a.txt one']);
  }, 60_000);

  it('replay: a fresh conversation with turn 1 sent again — and the replayed turn is no new checkpoint', async () => {
    await twoTurnsThenGotoT1('replay');
    expect(env!.prompts()).toEqual(['write a.txt one']);
    expect(Object.keys(env!.pilot.get('a').timeline.checkpoints).sort()).toEqual(['T1', 'T2', 'root']);
  }, 60_000);

  it('recap: a fresh conversation whose kickoff recaps turn 1 only', async () => {
    await twoTurnsThenGotoT1('recap');
    const [kickoff, ...rest] = env!.prompts();
    expect(rest).toEqual([]);
    expect(kickoff).toContain(RECAP_BEGIN);
    expect(kickoff).toContain('write a.txt one');
    expect(kickoff).not.toContain('write b.txt two');
  }, 60_000);

  it('none: files only, the conversation goes on', async () => {
    await twoTurnsThenGotoT1('none');
    expect(env!.prompts()).toEqual(['write a.txt one', 'write b.txt two']);
  }, 60_000);

  it('a timeline outlives its pilot: a new one (a new server) carries on from it', async () => {
    env = setup('none');
    const { fleet, pilot } = env;
    await fleet.up();
    await waitForStatus(fleet.statusOf('a'), (s) => s === 'idle', 15_000);
    await pilot.enable('a');
    let done = checkpointed(fleet, 'T1');
    await runTurn(fleet.session('a'), 'write a.txt one', { wait: true, timeoutMs: 15_000 });
    await done;
    pilot.dispose();
    const next = new Pilot({ fleet, clock: systemClock, turn: { quietMs: 300, startGraceMs: 2000, submitGraceMs: 1000 } });
    env.pilot = next;
    next.resumeAll();
    expect(next.get('a').timeline.current).toBe('T1');
    done = checkpointed(fleet, 'T2');
    await runTurn(fleet.session('a'), 'write b.txt two', { wait: true, timeoutMs: 15_000 });
    await done;
    expect(next.get('a').timeline.checkpoints['T2']).toMatchObject({ parent: 'T1', prompt: 'write b.txt two' });
  }, 60_000);

  it('branch in a git repository: a worktree on hangar/<agent>-<label> beside it, a second agent running there', async () => {
    env = setup('resume');
    const { fleet, pilot, dir } = env;
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: join(dir, 'work'), encoding: 'utf8' });
    mkdirSync(join(dir, 'work'), { recursive: true });
    git('init', '--quiet', '-b', 'main');
    writeFileSync(join(dir, 'work', 'README'), 'a project\n');
    git('add', 'README');
    git('commit', '--quiet', '-m', 'start');
    await fleet.up();
    await waitForStatus(fleet.statusOf('a'), (s) => s === 'idle', 15_000);
    await pilot.enable('a');
    const done = checkpointed(fleet, 'T1');
    await runTurn(fleet.session('a'), 'write a.txt one', { wait: true, timeoutMs: 15_000 });
    await done;

    // a name outside the name rule is refused before any worktree is made
    await expect(branch(pilot, 'a', 'T1', '../escape')).rejects.toThrow('--as "../escape" cannot be used: it holds "/"');
    expect(existsSync(join(dir, 'escape'))).toBe(false);
    expect(git('worktree', 'list').trim().split('\n')).toHaveLength(1);

    const result = await branch(pilot, 'a', 'T1', 'b');
    const tree = join(dir, 'work-b');
    expect(result).toMatchObject({ name: 'b', from: 'a', label: 'T1', branch: 'hangar/a-T1', dir: tree });
    expect(readFileSync(join(tree, 'a.txt'), 'utf8')).toBe('one\n');
    expect(git('worktree', 'list')).toContain(tree);
    expect(git('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main'); // the user's checkout untouched
    await waitForStatus(fleet.statusOf('b'), (s) => s === 'idle', 15_000);
    expect(fleet.isRunning('a') && fleet.isRunning('b')).toBe(true);
    expect(fleet.agents().find((x) => x.name === 'b')?.dir).toBe(tree);
    rmSync(tree, { recursive: true, force: true });
  }, 60_000);
});
