import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { EventFollower } from '../helpers/event-follower.js';
import { killServer, pidGone, runHangar } from '../helpers/run-hangar.js';

// The server killed (kill -9) in the middle of the watchdog's work, then `up -d`: a crash loop
// keeps its spent restarts and a usage-limit hold stands, as if the server had never gone.
const CONFIG = `
[defaults]
session_prefix = "sr-"
log_dir = "state"
dir = "work"
backend = "demo"
watch = "heal"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"
limit_re = "hit your usage limit"

[[agent]]
name = "looper"

[[agent]]
name = "held"
prompt = "good morning"

[watchdog]
max_restarts = 5
restart_window = 600
limit_reset_slack = 0
limit_probe_fallback = 20
`;

interface AgentJson {
  name: string;
  status: string;
  pid: number | null;
  restarts: number;
  until?: string;
  detail?: string;
}

describe('kill -9 of the server mid-work, then up -d', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let follower: EventFollower;
  const hangar = (...args: string[]) => runHangar(args, { cwd: dir, env });
  const agent = async (name: string): Promise<AgentJson> => (JSON.parse((await hangar('status', '--json')).stdout) as { agents: AgentJson[] }).agents.find((a) => a.name === name)!;
  const starts = (name: string, after: number) => follower.events.filter((e) => e.type === 'started' && e.name === name && e.at >= after).length;
  const watchdog = (kind: string, name: string, after: number) => (e: FleetEvent) => e.type === 'watchdog' && e.kind === kind && e.name === name && e.at >= after;

  /** kill -9 the server; its ptys close with it, so the agents go too. */
  async function killFleet(): Promise<number> {
    const pids = (JSON.parse((await hangar('status', '--json')).stdout) as { agents: AgentJson[] }).agents.map((a) => a.pid).filter((p): p is number => p !== null);
    await killServer(join(dir, 'state'));
    for (const pid of pids) await pidGone(pid);
    return Date.now();
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-sr-'));
    writeFileSync(join(dir, 'agents.toml'), CONFIG);
    // long enough a think for the watchdog to see a fresh start working on its kickoff
    env = { DEMO_THINK_MS: '1500', DEMO_STATE_DIR: join(dir, 'demo-state'), XDG_STATE_HOME: join(dir, 'xdg') };
    follower = new EventFollower(dir, env);
    expect((await hangar('up', '-d')).code).toBe(0);
  });

  afterAll(async () => {
    follower.stop();
    await hangar('down');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a crash loop with 3 of 5 restarts spent carries on: 2 more restarts, then crashed', async () => {
    const from = Date.now();
    for (let i = 1; i <= 3; i++) {
      expect((await hangar('wait', 'looper', '--for', 'idle', '--timeout', '20')).code).toBe(0);
      await hangar('send', 'looper', '/crash 7');
      await follower.next((e) => e.type === 'started' && e.name === 'looper' && starts('looper', from) === i, 20_000);
    }
    expect(await agent('looper')).toMatchObject({ restarts: 3 });

    await killFleet();
    expect((await hangar('up', '-d')).code).toBe(0);
    expect(await agent('looper')).toMatchObject({ restarts: 3 });

    const again = Date.now();
    for (let i = 1; i <= 3; i++) {
      expect((await hangar('wait', 'looper', '--for', 'idle', '--timeout', '20')).code).toBe(0);
      await hangar('send', 'looper', '/crash 7');
      if (i < 3) await follower.next((e) => e.type === 'started' && e.name === 'looper' && starts('looper', again) === i, 20_000);
    }
    const gaveUp = await follower.next(watchdog('give-up', 'looper', again), 20_000);
    expect((gaveUp as { message: string }).message).toMatch(/process exited \(code 7\); restarted 5 times in 10 min — restart budget spent/);
    expect(await agent('looper')).toMatchObject({ status: 'crashed', restarts: 5, pid: null });
    expect(starts('looper', again)).toBe(2);
  }, 90_000);

  it("a usage-limit hold stands: the fresh start's kickoff does not end it, its probe does", async () => {
    expect((await hangar('wait', 'held', '--for', 'idle', '--timeout', '20')).code).toBe(0);
    const sent = Date.now();
    await hangar('send', 'held', '/limit 25200'); // seven hours: past the six trusted, so probed every 20 s
    const hold = await follower.next(watchdog('limit-hold', 'held', sent));
    expect((hold as { message: string }).message).toMatch(/probing every 20s/);
    const before = await agent('held');
    expect(before).toMatchObject({ status: 'limited' });

    const killedAt = await killFleet();
    expect((await hangar('up', '-d')).code).toBe(0);
    expect(await agent('held')).toMatchObject({ status: 'limited', until: before.until });

    // the new process answers its kickoff under the hold; the hold ends at its probe
    const clear = await follower.next(watchdog('limit-clear', 'held', killedAt), 60_000);
    expect((clear as { message: string }).message).toMatch(/limit lifted on held: (probe #1 resumed it|no banner after probe #1)/);
    expect(clear.type === 'watchdog' && clear.at).toBeGreaterThanOrEqual(hold.type === 'watchdog' ? hold.at + 20_000 : Infinity);
    expect(follower.events.some(watchdog('limit-probe', 'held', killedAt))).toBe(true);
    const screen = (await hangar('screen', 'held')).stdout;
    expect(screen.indexOf('You said: "good morning"')).toBeGreaterThanOrEqual(0);
    expect(screen.indexOf('You said: "good morning"')).toBeLessThan(screen.indexOf('watchdog probe: if the quota'));
  }, 90_000);
});
