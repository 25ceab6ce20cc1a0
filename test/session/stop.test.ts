import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { liveGroupMembers } from '../../src/session/process-group.js';
import { SessionHarness, waitForText } from './session-helpers.js';

let harness = new SessionHarness();
afterEach(async () => {
  await harness.cleanup();
  harness = new SessionHarness();
});

/** Members of a process group as `ps` sees them: [pid, state] pairs. */
function psGroup(pgid: number): Array<[number, string]> {
  const out = execFileSync('ps', ['-eo', 'pid=,pgid=,stat='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => Number(fields[1]) === pgid)
    .map((fields) => [Number(fields[0]), fields[2] ?? ''] as [number, string]);
}

/**
 * The group is gone: kill(-pgid, 0) says ESRCH — or, where pid 1 does not reap orphans (this
 * container's init), only unreaped zombies remain, which run nothing.
 */
function expectGroupGone(pgid: number): void {
  let exists = true;
  try {
    process.kill(-pgid, 0);
  } catch (err) {
    expect((err as NodeJS.ErrnoException).code).toBe('ESRCH');
    exists = false;
  }
  if (exists) expect(psGroup(pgid).every(([, stat]) => stat.startsWith('Z'))).toBe(true);
  expect(liveGroupMembers(pgid)).toEqual([]);
}

describe('stop', () => {
  it('SIGTERMs the whole process group and reports stopped, not exited', async () => {
    const session = harness.start(`sleep 300 & sleep 300 & echo ready; wait`);
    await waitForText(session, 'ready');
    const pgid = session.pid!;
    expect(psGroup(pgid).filter(([, stat]) => !stat.startsWith('Z')).length).toBeGreaterThanOrEqual(3);
    await session.stop(5000);
    expect(session.exitSignal).toBe(15); // SIGTERM sufficed: no SIGKILL after the grace
    expectGroupGone(pgid);
    expect(session.status).toBe('stopped');
    expect(session.running).toBe(false);
  });

  it('SIGKILLs the group after the grace period when SIGTERM is ignored', async () => {
    // Ignored signals are inherited: neither the shell nor its sleeps die of SIGTERM.
    const session = harness.start(`trap '' TERM; sleep 300 & sleep 300 & echo ready; wait`);
    await waitForText(session, 'ready');
    const pgid = session.pid!;
    // that the SIGKILL waits out the grace period is held on a manual clock (process-group-stop.test.ts)
    await session.stop(300);
    expectGroupGone(pgid);
    expect(session.exitSignal).toBe(9);
    expect(session.status).toBe('stopped');
  });

  it('reaches what a job-control shell moved to process groups of its own', async () => {
    // set -m: each job gets a group of its own (as in an interactive bash); it stays in the session
    const session = harness.start(`set -m; sleep 300 & echo "job $!"; wait`);
    await waitForText(session, 'job ');
    const job = Number(/job (\d+)/.exec(session.screenText())![1]);
    expect(psGroup(session.pid!).some(([pid]) => pid === job)).toBe(false); // not in the child's group
    expect(liveGroupMembers(session.pid!)).toContain(job);
    await session.stop(2000);
    expect(liveGroupMembers(session.pid!)).toEqual([]);
    expect(psGroup(job).every(([, stat]) => stat.startsWith('Z'))).toBe(true); // gone, or a zombie nobody reaps
  });

  it('a second stop while stopping waits for the same end', async () => {
    const session = harness.start(`sleep 300 & echo ready; wait`);
    await waitForText(session, 'ready');
    const [a, b] = [session.stop(2000), session.stop(2000)];
    expect(a).toBe(b);
    await a;
    expectGroupGone(session.pid!);
  });

  it('dispose kills the group of a running child', async () => {
    const session = harness.start(`sleep 300 & echo ready; wait`);
    await waitForText(session, 'ready');
    const pgid = session.pid!;
    session.dispose();
    // SIGKILL is delivered at once, but death has no event to await for non-children.
    const deadline = Date.now() + 3000;
    while (liveGroupMembers(pgid).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expectGroupGone(pgid);
  });
});
