import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventFollower } from '../helpers/event-follower.js';
import { runHangar } from '../helpers/run-hangar.js';

// The watchdog in the real server process, with demo agents crashing, hanging and hitting
// usage limits on command; watched through `hangar events -f --json` as a script would.
const CONFIG = `
[defaults]
session_prefix = "wd-"
log_dir = "state"
dir = "work"
backend = "demo"
watch = "heal"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"
limit_re = "hit your usage limit"

[[agent]]
name = "crasher"

[[agent]]
name = "looper"

[watchdog]
max_restarts = 2
restart_window = 600
`;

describe('the watchdog with demo agents', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let follower: EventFollower;
  const hangar = (...args: string[]) => runHangar(args, { cwd: dir, env });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-wd-'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
    env = { DEMO_THINK_MS: '100', DEMO_STATE_DIR: join(dir, 'demo-state'), XDG_STATE_HOME: join(dir, 'xdg') };
    follower = new EventFollower(dir, env);
    expect((await hangar('up', '-d')).code).toBe(0);
    for (const name of ['crasher', 'looper']) expect((await hangar('wait', name, '--for', 'idle', '--timeout', '15')).code).toBe(0);
  });

  afterAll(async () => {
    follower.stop();
    await hangar('down');
    rmSync(dir, { recursive: true, force: true });
  });

  // how soon is the decision's (heal.test.ts, on a fake clock); a wall-clock bound here failed under load
  it('/crash: the agent is restarted', async () => {
    const sent = Date.now();
    await hangar('send', 'crasher', '/crash');
    await follower.next((e) => e.type === 'started' && e.name === 'crasher' && e.at >= sent);
    const restart = await follower.next((e) => e.type === 'watchdog' && e.kind === 'restart' && e.name === 'crasher');
    expect(restart).toMatchObject({ message: 'restarting crasher: process exited (code 1)' });
    expect((await hangar('wait', 'crasher', '--for', 'idle', '--timeout', '15')).code).toBe(0);
    const info = JSON.parse((await hangar('status', '--json')).stdout).agents.find((a: { name: string }) => a.name === 'crasher');
    expect(info).toMatchObject({ status: 'idle', restarts: 1 });
  });

  it('crashing past the restart budget leaves it crashed, with the reason, and not started again', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await hangar('wait', 'looper', '--for', 'idle', '--timeout', '15')).code).toBe(0);
      await hangar('send', 'looper', '/crash 7');
      if (i < 2) await follower.next((e) => e.type === 'started' && e.name === 'looper' && follower.events.filter((x) => x.type === 'started' && x.name === 'looper').length === i + 2);
    }
    await follower.next((e) => e.type === 'watchdog' && e.kind === 'give-up' && e.name === 'looper');
    const status = JSON.parse((await hangar('status', '--json')).stdout);
    const looper = status.agents.find((a: { name: string }) => a.name === 'looper');
    expect(looper).toMatchObject({ status: 'crashed', restarts: 2, pid: null });
    expect(looper.detail).toMatch(/exited \(code 7\); restarted 2 times in 10 min — restart budget spent/);
    expect((await hangar('status')).stdout).toMatch(/^  looper: process exited \(code 7\); restarted 2 times/m);
    const text = await hangar('events', 'looper', '--watchdog');
    expect(text.stdout).toMatch(/watchdog give-up \(warn\): looper: process exited \(code 7\)/);
  });
});

