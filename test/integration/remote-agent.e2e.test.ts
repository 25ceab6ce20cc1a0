import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pilotDir, stateDirOf } from '../../src/fs/fleet-files.js';
import { TestFleet } from '../helpers/test-fleet.js';

/** test/fixtures/remote: stand-in `ssh` and `kubectl` that run the command here, in a bare environment */
const STAND_INS = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/remote');

/**
 * Whether a process of group pgid still runs. Zombies do not count: the remote side's processes
 * outlive their parent by an instant and wait, as orphans, for pid 1 — which reaps late here.
 */
function groupRuns(pgid: number): boolean {
  return execFileSync('ps', ['-eo', 'pgid=,stat='], { encoding: 'utf8' })
    .split('\n')
    .some((line) => {
      const [group, stat] = line.trim().split(/\s+/);
      return group === String(pgid) && stat !== undefined && !stat.startsWith('Z');
    });
}

const CONFIG = `
[defaults]
session_prefix = "rh-"
log_dir = "state"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
flags = "--think 100"
active_re = "esc to interrupt"
ask_re = "\\\\[y/n\\\\]"

[backend.fardemo]
bin = "hangar-demo"
flags = "--think 100"
active_re = "esc to interrupt"
host = "ssh://me@box"

[[agent]]
name = "here"
backend = "fardemo"
host = ""
prompt = "write here.txt kicked"

[[agent]]
name = "viassh"
host = "ssh://me@box:2222"
prompt = "write ssh.txt kicked"

[[agent]]
name = "viapod"
host = "k8s://agents/worker-0/cli"
prompt = "write pod.txt kicked"
`;

// Agents whose host is another machine, started by the real server through the stand-ins
// (which parse the options hangar gives them, refuse anything else, and run the command here
// with nothing of hangar's environment): the real pty, the real demo agent, its status and keys.
describe('agents on other machines (stand-in ssh and kubectl)', () => {
  // the "remote" login's home: the stand-ins pass only PATH and HOME, so the demo keeps its conversations here
  const home = mkdtempSync(join(tmpdir(), 'hangar-remote-home-'));
  const log = join(home, 'remote.log');
  const fleet = new TestFleet('remote', CONFIG, { PATH: `${STAND_INS}:${process.env.PATH ?? ''}`, HOME: home, HANGAR_TEST_REMOTE_LOG: log });

  /** a branch's worktree goes beside the fleet's folder, not in it: the fleet's cleanup leaves it */
  const besides: string[] = [];

  beforeAll(() => fleet.up(['viassh', 'viapod', 'here']));
  afterAll(async () => {
    await fleet.stop();
    rmSync(home, { recursive: true, force: true });
    for (const dir of besides) rmSync(dir, { recursive: true, force: true });
    // the kickoffs written "over there", which is this machine's /tmp here
    for (const f of readdirSync('/tmp')) if (/^hangar-kickoff-rh-/.test(f)) rmSync(join('/tmp', f), { force: true });
  });

  it('each starts through its transport, in its directory over there, on the kickoff written over there', () => {
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean).sort()).toEqual([
      'kubectl context=default namespace=agents pod=worker-0 container=cli',
      expect.stringMatching(/^ssh dest=me@box port=2222 forward=\/tmp\/hangar-rh-viassh-[0-9a-f-]+\.sock:.*\/state\/hangar\.sock$/),
    ]);
    // the kickoff turn wrote its file in the agent's directory: the prompt went over, not a path on this disk
    expect(readFileSync(join(fleet.dir, 'ssh.txt'), 'utf8')).toBe('kicked\n');
    expect(readFileSync(join(fleet.dir, 'pod.txt'), 'utf8')).toBe('kicked\n');
  });

  it.each(['viassh', 'viapod'])('%s: a prompt is answered, a question makes it needs-input, and keys answer it', async (name) => {
    expect((await fleet.hangar('send', name, 'write again.txt x', '--wait')).trim()).toBe('● Wrote again.txt (2 bytes)');
    const asked = JSON.parse(await fleet.hangar('send', name, '/ask proceed?', '--wait', '--json'));
    expect(asked).toMatchObject({ status: 'needs-input', timedOut: false });
    await fleet.hangar('keys', name, 'y');
    await fleet.idle(name);
    expect(await fleet.hangar('screen', name)).toMatch(/answered yes/i);
  });

  it('the pilot refuses an agent on another machine, saying why (its checkpoints are snapshots of a directory here)', async () => {
    const r = await fleet.run('pilot', 'viapod', '--tree');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/viapod runs on k8s:\/\/agents\/worker-0\/cli: checkpoints are snapshots of the agent's directory on this machine, so only agents that run here can be piloted/);
    expect(existsSync(pilotDir({ state_dir: stateDirOf(join(fleet.dir, 'state')) }, 'viapod'))).toBe(false);
  });

  it('host = "" runs an agent here though its backend\'s host is remote; its branch runs here too, in the worktree', async () => {
    const remote = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(remote()).toHaveLength(2); // viassh and viapod only
    expect(readFileSync(join(fleet.dir, 'here.txt'), 'utf8')).toBe('kicked\n');
    await fleet.hangar('pilot', 'here', '--tree');
    await fleet.turn('here', 'write t1.txt one', 'T1');
    const branched = JSON.parse(await fleet.hangar('branch', 'here', 'T1', '--as', 'here-b', '--json'));
    besides.push(branched.dir);
    await fleet.idle('here-b');
    expect(remote()).toHaveLength(2);
    expect(readFileSync(join(branched.dir, 't1.txt'), 'utf8')).toBe('one\n');
  });

  it('stopping the agent ends ssh and everything it ran (its process group)', async () => {
    const before = JSON.parse(await fleet.hangar('status', '--json'));
    const pid = before.agents.find((a: { name: string }) => a.name === 'viassh').pid as number;
    expect(groupRuns(pid)).toBe(true);
    await fleet.hangar('down', 'viassh');
    const status = JSON.parse(await fleet.hangar('status', '--json'));
    expect(status.agents.find((a: { name: string }) => a.name === 'viassh')).toMatchObject({ status: 'stopped', pid: null });
    expect(groupRuns(pid)).toBe(false);
  });
});
