import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventFollower } from '../helpers/event-follower.js';
import { runHangar } from '../helpers/run-hangar.js';

// The watchdog in the real server process: a hung agent, one that waits on purpose, and one
// out of quota; watched through `hangar events -f --json`.
const STALL_CONFIG = `
[defaults]
session_prefix = "ws-"
log_dir = "state"
dir = "work"
backend = "demo"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"
limit_re = "hit your usage limit"
stall_idle = 5

[[agent]]
name = "hanger"
watch = "heal+stall"

# told to wait by its kickoff, so it says why before stall_idle can pass: a \`hangar send\`
# after \`up\` came too late on a loaded machine, and the waiter was (rightly) restarted first
[[agent]]
name = "waiter"
watch = "heal+stall"
prompt = "/wait 30"

[[agent]]
name = "limited"
watch = "heal"

[watchdog]
stall_grace = 60
limit_reset_slack = 0
limit_probe_fallback = 2
`;

describe('the watchdog: stalls and usage limits with demo agents', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let follower: EventFollower;
  const hangar = (...args: string[]) => runHangar(args, { cwd: dir, env });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-ws-'));
    writeFileSync(join(dir, 'agents.toml'), STALL_CONFIG);
    env = { DEMO_THINK_MS: '100', DEMO_STATE_DIR: join(dir, 'demo-state'), XDG_STATE_HOME: join(dir, 'xdg') };
    follower = new EventFollower(dir, env);
    expect((await hangar('up', '-d')).code).toBe(0);
  });

  afterAll(async () => {
    follower.stop();
    await hangar('down');
    rmSync(dir, { recursive: true, force: true });
  });

  it('/hang past stall_idle is restarted; /wait 30 (WAITING-UNTIL) is not taken for a stall', async () => {
    const waiting = await follower.next((e) => e.type === 'watchdog' && e.kind === 'waiting' && e.name === 'waiter');
    expect((waiting as { message: string }).message).toMatch(/waiter waits on purpose until .* \(WAITING-UNTIL\); no stall restart before/);
    expect((await hangar('wait', 'hanger', '--for', 'idle', '--timeout', '15')).code).toBe(0);
    const sent = Date.now();
    await hangar('send', 'hanger', '/hang');
    const stall = await follower.next((e) => e.type === 'watchdog' && e.kind === 'stall' && e.name === 'hanger' && e.at > sent, 15_000);
    expect((stall as { message: string }).message).toMatch(/hanger stalled: idle \d+s with no WAITING-UNTIL marker/);
    await follower.next((e) => e.type === 'started' && e.name === 'hanger' && e.at > sent);
    // the hanger has been idle longer than stall_idle; the waiter (quiet since its marker,
    // which came before \`sent\`) has too, but it said why
    expect(follower.events.filter((e) => e.type === 'watchdog' && e.name === 'waiter' && (e.kind === 'stall' || e.kind === 'restart'))).toEqual([]);
  });

  it('/limit: held with no restart, limited until the reset, and resumed after it', async () => {
    expect((await hangar('wait', 'limited', '--for', 'idle', '--timeout', '15')).code).toBe(0);
    const sent = Date.now();
    await hangar('send', 'limited', '/limit 6');
    const hold = await follower.next((e) => e.type === 'watchdog' && e.kind === 'limit-hold' && e.name === 'limited');
    expect((hold as { message: string }).message).toMatch(/usage limit on limited: .*\(no restarts\)/);
    const info = JSON.parse((await hangar('status', '--json')).stdout).agents.find((a: { name: string }) => a.name === 'limited');
    expect(info.status).toBe('limited');
    expect(Date.parse(info.until)).toBeGreaterThan(sent - 60_000);
    const clear = await follower.next((e) => e.type === 'watchdog' && e.kind === 'limit-clear' && e.name === 'limited', 30_000);
    // lifted because the agent's own limit ended (its banner went, or a probe found it working), not on a timer
    expect((clear as { message: string }).message).toMatch(/^limit lifted on limited: (the banner is gone|probe #\d+ resumed it)$/);
    expect(follower.events.filter((e) => e.type === 'started' && e.name === 'limited' && e.at > sent)).toEqual([]);
    // the resume nudge reached it and it answered
    const screen = await hangar('screen', 'limited');
    expect(screen.stdout).toContain('watchdog probe: if the quota window has reset, RESUME now');
    expect((await hangar('wait', 'limited', '--for', 'idle', '--timeout', '15')).code).toBe(0);
  });
});
