import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/manual-clock.js';
import { loadConfig } from '../../src/config/load.js';
import type { TranscriptLimit } from '../../src/watchdog/limit-hold.js';
import { limitNudge } from '../../src/watchdog/limit-hold.js';
import { PROMPT_GRACE_MS, Watchdog, type WatchdogOptions } from '../../src/watchdog/watchdog.js';
import { ScriptedFleet } from '../helpers/scripted-fleet.js';

// The watchdog's driver over its narrow fleet port (fleet-port.ts), with scripted sessions
// and a manual clock: no pty, no waiting. The same behaviours over real ptys stay in
// watchdog.test.ts and the e2e tests.
const HEADER = `
[defaults]
session_prefix = "wdd-"
log_dir = "state"
dir = "work"

[backend.b]
bin = "true"
prompt_delivery = "exec"
idle_re = "^> "
stall_idle = 60
`;

/** Lets the port's queued starts and stops (a microtask each) and their events happen. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Watchdog driver over a fleet port', () => {
  let dir = '';
  let watchdog: Watchdog | undefined;
  afterEach(() => {
    watchdog?.dispose();
    watchdog = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function setUp(toml: string, start = 1_000_000, opts: Pick<WatchdogOptions, 'sessionLimit' | 'held'> = {}): { fleet: ScriptedFleet; clock: ManualClock } {
    dir = mkdtempSync(join(tmpdir(), 'hangar-wdd-'));
    writeFileSync(join(dir, 'agents.toml'), `${HEADER}${toml}`);
    writeFileSync(join(dir, 'wake.md'), 'time to\n  check in\n');
    const { config } = loadConfig({ path: join(dir, 'agents.toml') });
    const clock = new ManualClock(start);
    const fleet = new ScriptedFleet(config, clock);
    watchdog = new Watchdog({ fleet, clock, timeZone: 'UTC', ...opts });
    watchdog.start();
    return { fleet, clock };
  }

  it('heals a crash loop with backoff until the restart budget is spent, then marks it crashed', async () => {
    const { fleet, clock } = setUp(`
[[agent]]
name = "flaky"
backend = "b"
watch = "heal"

[watchdog]
max_restarts = 3
restart_window = 600
`);
    await fleet.up(['flaky']);
    fleet.crash('flaky', 3);
    await settle();
    expect(fleet.starts('flaky')).toBe(2); // the first restart is at once
    for (const backoff of [1000, 2000]) {
      fleet.crash('flaky', 3);
      await settle();
      const before = fleet.starts('flaky');
      clock.advance(backoff - 1);
      await settle();
      expect(fleet.starts('flaky')).toBe(before);
      clock.advance(1);
      await settle();
      expect(fleet.starts('flaky')).toBe(before + 1);
    }
    fleet.crash('flaky', 3);
    await settle();
    expect(fleet.log.find((e) => e.type === 'watchdog' && e.kind === 'give-up')).toMatchObject({ level: 'warn', name: 'flaky' });
    expect(fleet.noteOf('flaky')).toMatchObject({ status: 'crashed' });
    expect(fleet.noteOf('flaky')?.detail).toMatch(/restarted 3 times in 10 min — restart budget spent/);
    clock.advance(3_600_000);
    await settle();
    expect(fleet.starts('flaky')).toBe(4);
  });

  it('leaves a stop on purpose alone', async () => {
    const { fleet } = setUp(`
[[agent]]
name = "cat"
backend = "b"
watch = "heal"
`);
    await fleet.up(['cat']);
    await fleet.down(['cat']);
    await settle();
    expect(fleet.starts('cat')).toBe(1);
    expect(fleet.log.filter((e) => e.type === 'watchdog' && e.kind === 'restart')).toEqual([]);
  });

  it('delivers a wake only into an idle agent, deferring while it works', async () => {
    const { fleet, clock } = setUp(`
[[agent]]
name = "sup"
backend = "b"
wake = { interval = 60, prompt_file = "wake.md" }
`, 0);
    await fleet.up(['sup']);
    await settle();
    clock.advance(59_999);
    expect(fleet.session('sup').typed).toEqual([]);
    fleet.setStatus('sup', 'working');
    clock.advance(1);
    expect(fleet.log.find((e) => e.type === 'watchdog' && e.kind === 'wake-defer')).toBeTruthy();
    expect(fleet.session('sup').typed).toEqual([]);
    fleet.setStatus('sup', 'idle');
    expect(fleet.session('sup').typed).toEqual(['time to check in']);
  });

  /** Reset of the session file's limit: not on a light tick (every 30 s), so the reset's own look is what ends the hold. */
  const RESET_AT = 95_000;

  /**
   * An agent with a wake every 60 s, held from 30 s by a limit its session file records (as
   * SessionLimitsFollower reports a Codex window at 100 %, until RESET_AT), then at 60 s with
   * its wake due while held.
   */
  async function heldWithWakeDue(): Promise<{ fleet: ScriptedFleet; clock: ManualClock }> {
    let limited = false;
    const sessionLimit = (_: string, now: number): TranscriptLimit =>
      limited && now < RESET_AT ? { limited: true, resetAt: RESET_AT, text: null } : { limited: false, resetAt: null, text: null };
    const { fleet, clock } = setUp(`
[[agent]]
name = "sup"
backend = "b"
watch = "heal"
wake = { interval = 60, prompt_file = "wake.md" }
`, 0, { sessionLimit });
    await fleet.up(['sup']);
    await settle();
    clock.advance(30_000);
    limited = true;
    fleet.setStatus('sup', 'working'); // any look: the screen shows no banner (the scripted fleet keeps its status idle-like)
    fleet.setStatus('sup', 'idle');
    expect(fleet.noteOf('sup')).toMatchObject({ status: 'limited' });
    clock.advance(30_000); // the wake is due: the agent is idle on screen, but held
    return { fleet, clock };
  }

  it('types no wake into an agent its session file says is limited: deferred, and delivered after the hold ends at its exact reset', async () => {
    const { fleet, clock } = await heldWithWakeDue();
    const events = () => fleet.log.flatMap((e) => (e.type === 'watchdog' && e.name === 'sup' ? [e] : []));
    expect(events().find((e) => e.kind === 'wake-defer')?.message).toMatch(/it is limited/);
    expect(fleet.session('sup').typed).toEqual([]);
    clock.advance(RESET_AT - 60_000 - 1);
    expect(fleet.session('sup').typed).toEqual([]);
    clock.advance(1); // exactly resets_at: the hold ends and nudges it to resume; the wake waits for that turn
    expect(fleet.noteOf('sup')).toBeNull();
    expect(fleet.session('sup').typed).toEqual([limitNudge('persistent')]);
    fleet.setStatus('sup', 'working');
    fleet.setStatus('sup', 'idle');
    expect(fleet.session('sup').typed).toEqual([limitNudge('persistent'), 'time to check in']);
    expect(events().find((e) => e.kind === 'wake')?.message).toMatch(/^deferred wake .* → sup: time to check in/);
  });

  it("never types a prompt on top of its own: the hold's end types the nudge alone, and the deferred wake waits for the nudge's turn", async () => {
    const { fleet, clock } = await heldWithWakeDue();
    // the reset: the mark comes off (a status event, at once, as the real fleet sends it, in the
    // middle of the look that ends the hold) — that look types the nudge, and only the nudge
    clock.advance(RESET_AT - 60_000);
    expect(fleet.session('sup').typed).toEqual([limitNudge('persistent')]);
    // the agent has not shown the nudge's work yet: a look now types nothing more
    clock.advance(PROMPT_GRACE_MS - 1);
    expect(fleet.session('sup').typed).toEqual([limitNudge('persistent')]);
    fleet.setStatus('sup', 'working');
    clock.advance(10_000);
    expect(fleet.session('sup').typed).toEqual([limitNudge('persistent')]);
    fleet.setStatus('sup', 'idle'); // the nudge's turn is over: now the wake
    expect(fleet.session('sup').typed).toEqual([limitNudge('persistent'), 'time to check in']);
  });

  it("a watcher's nudge (deliver) waits for an idle agent, and nothing — nudge or wake — is typed while a hold (a watcher's pause) stands", async () => {
    let paused = false;
    const { fleet, clock } = setUp(`
[[agent]]
name = "orch"
backend = "b"
wake = { interval = 60, prompt_file = "wake.md" }
`, 0, { held: () => paused });
    await fleet.up(['orch']);
    await settle();
    fleet.setStatus('orch', 'working');
    watchdog!.deliver('orch', 'delegate it', 'watcher delegation_reminder', 'watcher');
    expect(fleet.session('orch').typed).toEqual([]); // never typed over work in progress
    paused = true;
    fleet.setStatus('orch', 'idle');
    clock.advance(60_000); // the wake is due too
    expect(fleet.session('orch').typed).toEqual([]);
    paused = false;
    watchdog!.look('orch'); // the person's resume
    expect(fleet.session('orch').typed).toEqual(['delegate it']);
    const typedEvent = fleet.log.find((e) => e.type === 'watchdog' && e.kind === 'watcher' && e.message.includes('→ orch: delegate it'));
    expect(typedEvent).toBeDefined();
    fleet.setStatus('orch', 'working');
    fleet.setStatus('orch', 'idle'); // the nudge's turn is over: now the wake that waited
    expect(fleet.session('orch').typed).toEqual(['delegate it', 'time to check in']);
  });

  it('a prompt the agent shows no work for ends its turn after PROMPT_GRACE_MS: what waited goes then', async () => {
    const { fleet, clock } = setUp(`
[[agent]]
name = "sup"
backend = "b"
wake = { interval = 1, prompt_file = "wake.md" }
`, 0);
    await fleet.up(['sup']);
    await settle();
    clock.advance(1_000);
    expect(fleet.session('sup').typed).toEqual(['time to check in']);
    clock.advance(1_000); // due again, but the last wake's turn is still open (no work seen yet)
    expect(fleet.session('sup').typed).toHaveLength(1);
    clock.advance(PROMPT_GRACE_MS - 1_000);
    expect(fleet.session('sup').typed).toEqual(['time to check in', 'time to check in']);
  });

  it("passes the session file's usage percentage to status, with an event once it is past 80 %", async () => {
    let usedPercent = 42;
    const sessionLimit = (): TranscriptLimit => ({ limited: false, resetAt: null, text: null, usedPercent });
    const { fleet } = setUp(`
[[agent]]
name = "cx"
backend = "b"
watch = "heal"
`, 0, { sessionLimit });
    await fleet.up(['cx']);
    await settle();
    expect(fleet.usage.get('cx')).toBe(42);
    usedPercent = 86;
    fleet.setStatus('cx', 'working');
    expect(fleet.usage.get('cx')).toBe(86);
    expect(fleet.log.filter((e) => e.type === 'watchdog' && e.kind === 'usage')).toEqual([expect.objectContaining({ name: 'cx', message: 'cx: 86 % of its usage window used' })]);
  });

  it('restarts a heal+stall agent idle past stall_idle, counted against the restart budget', async () => {
    const { fleet, clock } = setUp(`
[[agent]]
name = "slow"
backend = "b"
watch = "heal+stall"
`);
    await fleet.up(['slow']);
    await settle();
    fleet.session('slow').show(['> ']);
    clock.advance(1000); // the screen settles and is looked at
    clock.advance(60_000);
    await settle();
    expect(fleet.log.find((e) => e.type === 'watchdog' && e.kind === 'stall')).toMatchObject({ name: 'slow', level: 'warn' });
    expect(fleet.starts('slow')).toBe(2);
    expect(fleet.info('slow').restarts).toBe(1);
  });
});
