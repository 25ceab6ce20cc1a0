import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Fleet } from '../../src/fleet/fleet.js';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { ManualClock } from '../../src/base/manual-clock.js';
import { serializeHold } from '../../src/watchdog/limit-hold.js';
import { inboxPing, REVIEW_PING } from '../../src/watchdog/handoff.js';
import { Watchdog } from '../../src/watchdog/watchdog.js';
import { demoConversationPrompts } from '../helpers/pilot-fleet.js';

// The driver over a real Fleet of real ptys; only the watchdog's own clock is manual, so
// backoff and wake schedules are stepped through without waiting.
function fleetOf(toml: string): { fleet: Fleet; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-wd-'));
  writeFileSync(join(dir, 'agents.toml'), toml);
  writeFileSync(join(dir, 'wake.md'), 'time to\n  check in\n');
  mkdirSync(join(dir, 'prompts'));
  for (const role of ['builder', 'adversary']) writeFileSync(join(dir, 'prompts', `${role}.md`), `you are the ${role}`);
  const { config } = loadConfig({ path: join(dir, 'agents.toml') });
  return { fleet: new Fleet(config, { stopGraceMs: 300 }), dir };
}

const HEADER = `
[defaults]
session_prefix = "wd-"
log_dir = "state"
dir = "work"
`;

function collect(fleet: Fleet): FleetEvent[] {
  const events: FleetEvent[] = [];
  fleet.onEvent((e) => events.push(e));
  return events;
}

function until(fleet: Fleet, match: (e: FleetEvent) => boolean, timeoutMs = 5000): Promise<FleetEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('event did not come')), timeoutMs);
    const sub = fleet.onEvent((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

/** One watched agent whose program exits 3 a moment after it starts, and a budget of `maxRestarts` in 10 min. */
function flakyConfig(maxRestarts: number): string {
  return `${HEADER}
[backend.flaky]
bin = "echo up; sleep 0.1; exit 3"
prompt_delivery = "exec"

[[agent]]
name = "flaky"
backend = "flaky"
watch = "heal"

[watchdog]
max_restarts = ${maxRestarts}
restart_window = 600
`;
}

describe('Watchdog driver', () => {
  let fleet: Fleet | undefined;
  let watchdog: Watchdog | undefined;
  let dir = '';
  afterEach(async () => {
    watchdog?.dispose();
    await fleet?.shutdown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('heals a crash loop until the restart budget is spent, then shows crashed with the reason', async () => {
    ({ fleet, dir } = fleetOf(flakyConfig(3)));
    const clock = new ManualClock(1_000_000);
    const events = collect(fleet);
    watchdog = new Watchdog({ fleet, clock });
    watchdog.start();
    const starts = () => events.filter((e) => e.type === 'started').length;
    await fleet.up();
    // the first restart is at once, with no time passing
    await until(fleet, (e) => e.type === 'started' && starts() === 2);
    // the second waits out 1 s of backoff, the third 2 s
    for (const backoff of [1000, 2000]) {
      await until(fleet, (e) => e.type === 'watchdog' && e.kind === 'restart' && /backoff/.test(e.message));
      const before = starts();
      clock.advance(backoff - 1);
      expect(starts()).toBe(before);
      clock.advance(1);
      await until(fleet, (e) => e.type === 'started');
    }
    const gaveUp = await until(fleet, (e) => e.type === 'watchdog' && e.kind === 'give-up');
    expect(gaveUp).toMatchObject({ level: 'warn', name: 'flaky' });
    expect(fleet.info('flaky')).toMatchObject({ status: 'crashed', restarts: 3 });
    expect(fleet.info('flaky').detail).toMatch(/restarted 3 times in 10 min — restart budget spent/);
    clock.advance(3_600_000);
    expect(starts()).toBe(4);
  });

  it('carries the restart count and budget an earlier server saved, and saves them on every start', async () => {
    ({ fleet, dir } = fleetOf(flakyConfig(5)));
    const now = 10_000_000;
    const saved = join(fleet.currentConfig.state_dir, 'restarts-wd-flaky.json');
    mkdirSync(fleet.currentConfig.state_dir, { recursive: true });
    // 3 of 5 spent (one more, older than the window, no longer counts), 4 restarts in all
    writeFileSync(saved, JSON.stringify({ version: 1, count: 4, recent: [now - 700_000, now - 30_000, now - 20_000, now - 10_000], spent: false }));
    const clock = new ManualClock(now);
    const events = collect(fleet);
    watchdog = new Watchdog({ fleet, clock });
    watchdog.start();
    expect(fleet.info('flaky').restarts).toBe(4);
    const starts = () => events.filter((e) => e.type === 'started').length;
    await fleet.up(); // the first start after the server's: the budget stands
    // the 4th restart waits out 4 s of backoff, the 5th 8 s
    for (const backoff of [4000, 8000]) {
      await until(fleet, (e) => e.type === 'watchdog' && e.kind === 'restart' && /backoff/.test(e.message));
      const before = starts();
      clock.advance(backoff - 1);
      expect(starts()).toBe(before);
      clock.advance(1);
      await until(fleet, (e) => e.type === 'started');
      expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({ count: fleet.info('flaky').restarts, spent: false });
    }
    const gaveUp = await until(fleet, (e) => e.type === 'watchdog' && e.kind === 'give-up');
    expect((gaveUp as { message: string }).message).toMatch(/restarted 5 times in 10 min/);
    expect(fleet.info('flaky')).toMatchObject({ status: 'crashed', restarts: 6 });
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual({ version: 1, count: 6, recent: [now - 30_000, now - 20_000, now - 10_000, now + 4000, now + 12_000], spent: true });
  });

  it('an agent whose program is not there (exit 127/126 as it starts) is crashed at once, not restarted', async () => {
    ({ fleet, dir } = fleetOf(`${HEADER}
[backend.missing]
bin = "hangar-no-such-agent-cli"

[backend.noexec]
bin = "./agent.sh"

[[agent]]
name = "ghost"
backend = "missing"
watch = "heal"

[[agent]]
name = "locked"
backend = "noexec"
watch = "none"
`));
    mkdirSync(join(dir, 'work'), { recursive: true });
    writeFileSync(join(dir, 'work', 'agent.sh'), '#!/bin/sh\necho hi\n', { mode: 0o644 });
    const events = collect(fleet);
    watchdog = new Watchdog({ fleet, clock: new ManualClock(0) });
    watchdog.start();
    await fleet.up();
    await Promise.all(['ghost', 'locked'].map((name) => until(fleet!, (e) => e.type === 'status' && e.name === name && e.status === 'crashed')));
    expect(fleet.info('ghost')).toMatchObject({ status: 'crashed', restarts: 0, pid: null, detail: 'command not found: hangar-no-such-agent-cli' });
    expect(fleet.info('locked')).toMatchObject({ status: 'crashed', restarts: 0, detail: 'command not executable: ./agent.sh' });
    expect(events.filter((e) => e.type === 'watchdog' && e.kind === 'launch-failed').map((e) => (e as { message: string }).message)).toEqual(
      expect.arrayContaining([
        'ghost: command not found: hangar-no-such-agent-cli (exit 127 as it started); not restarted',
        'locked: command not executable: ./agent.sh (exit 126 as it started); not restarted',
      ]),
    );
    expect(events.filter((e) => e.type === 'started')).toHaveLength(2);
    expect(events.some((e) => e.type === 'watchdog' && e.kind === 'restart')).toBe(false);
  });

  it('leaves a stop on purpose alone', async () => {
    ({ fleet, dir } = fleetOf(`${HEADER}
[backend.cat]
bin = "echo ready; exec cat"
prompt_delivery = "exec"

[[agent]]
name = "cat"
backend = "cat"
watch = "heal"
`));
    const events = collect(fleet);
    watchdog = new Watchdog({ fleet, clock: new ManualClock(0) });
    watchdog.start();
    await fleet.up();
    await fleet.down(['cat']);
    expect(fleet.info('cat').status).toBe('stopped');
    expect(events.filter((e) => e.type === 'watchdog' && e.kind === 'restart')).toEqual([]);
  });

  it('delivers a wake only into an idle agent, deferring while it works', async () => {
    ({ fleet, dir } = fleetOf(`${HEADER}
[backend.cat]
bin = "echo ready; exec cat"
prompt_delivery = "exec"

[[agent]]
name = "sup"
backend = "cat"
wake = { interval = 60, prompt_file = "wake.md" }
`));
    const clock = new ManualClock(0);
    const events = collect(fleet);
    watchdog = new Watchdog({ fleet, clock });
    watchdog.start();
    await fleet.up();
    await until(fleet, (e) => e.type === 'status' && e.name === 'sup' && e.status === 'idle');
    clock.advance(59_999);
    expect(events.some((e) => e.type === 'watchdog' && e.kind === 'wake')).toBe(false);
    fleet.session('sup').setStatusOverride('working'); // busy, as far as the watchdog can tell
    clock.advance(1);
    expect(events.find((e) => e.type === 'watchdog' && e.kind === 'wake-defer')).toBeTruthy();
    fleet.session('sup').setStatusOverride(null); // back to the screen's word: idle → delivered
    const wake = await until(fleet, (e) => e.type === 'watchdog' && e.kind === 'wake');
    expect(wake).toMatchObject({ name: 'sup' });
    await new Promise<void>((resolve) => {
      const sub = fleet!.session('sup').onScreen(() => {
        if (fleet!.session('sup').screenText().includes('time to check in')) {
          sub.dispose();
          resolve();
        }
      });
      if (fleet!.session('sup').screenText().includes('time to check in')) resolve();
    });
  });

  it('types a handoff ping into its target once the target is idle', async () => {
    ({ fleet, dir } = fleetOf(`${HEADER}
[backend.cat]
bin = "echo ready; exec cat"
prompt_delivery = "exec"

[[agent]]
name = "builder"
kind = "loop"
role = "builder"
backend = "cat"

[[agent]]
name = "adversary"
kind = "loop"
role = "adversary"
backend = "cat"

[loop.handoff]
repo = "repo"
`));
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    git(dir, 'init', '--quiet', '--bare', '-b', 'main', 'origin.git');
    git(dir, 'clone', '--quiet', 'origin.git', 'other');
    git(join(dir, 'other'), 'commit', '--quiet', '--allow-empty', '-m', 'start');
    git(join(dir, 'other'), 'push', '--quiet', 'origin', 'HEAD:main');
    git(dir, 'clone', '--quiet', 'origin.git', 'repo');

    const events = collect(fleet);
    watchdog = new Watchdog({ fleet, clock: new ManualClock(0) });
    watchdog.start();
    await fleet.up();
    await until(fleet, (e) => e.type === 'status' && e.name === 'adversary' && e.status === 'idle');
    await watchdog.checkHandoff(); // the first look takes a baseline
    git(join(dir, 'other'), 'commit', '--quiet', '--allow-empty', '-m', 'claim: gate 1 passes');
    git(join(dir, 'other'), 'push', '--quiet', 'origin', 'HEAD:main');

    fleet.session('adversary').setStatusOverride('working');
    await watchdog.checkHandoff();
    const waits = events.find((e) => e.type === 'watchdog' && e.kind === 'handoff-ping');
    expect(waits).toMatchObject({ name: 'adversary', message: expect.stringMatching(/waits until it is idle/) });
    expect(fleet.session('adversary').screenText()).not.toContain('watchdog ping');
    // another push while it still works: held too, and typed with the first as one message
    git(join(dir, 'other'), 'commit', '--quiet', '--allow-empty', '-m', 'claim: gate 2 passes');
    git(join(dir, 'other'), 'push', '--quiet', 'origin', 'HEAD:main');
    await watchdog.checkHandoff();
    expect(events.filter((e) => e.type === 'watchdog' && e.kind === 'handoff-ping' && /waits until it is idle/.test(e.message))).toHaveLength(2);

    fleet.session('adversary').setStatusOverride(null);
    await new Promise<void>((resolve) => {
      const shown = () => fleet!.session('adversary').screenText().includes('2 watchdog pings: (1) watchdog ping: the other loop pushed a gate CLAIM commit');
      if (shown()) return resolve();
      const sub = fleet!.session('adversary').onScreen(() => shown() && (sub.dispose(), resolve()));
    });
    expect(fleet.session('builder').screenText()).not.toContain('watchdog ping');
  });

  it('a review ping and an inbox ping from one push reach an idle demo agent as one message, each ping marked, not glued', async () => {
    ({ fleet, dir } = fleetOf(`${HEADER}
[backend.demo]
bin = "hangar-demo"
flags = "--state-dir demo-state --think 100"
active_re = "esc to interrupt"
session_id_re = "session: ([0-9a-f-]{8,})"

[backend.cat]
bin = "echo ready; exec cat"
prompt_delivery = "exec"

[[agent]]
name = "builder"
kind = "loop"
role = "builder"
backend = "demo"

[[agent]]
name = "adversary"
kind = "loop"
role = "adversary"
backend = "cat"

[loop.handoff]
repo = "repo"
inboxes = ["adv-inbox.md", "builder-inbox.md"]
`));
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    git(dir, 'init', '--quiet', '--bare', '-b', 'main', 'origin.git');
    git(dir, 'clone', '--quiet', 'origin.git', 'other');
    git(join(dir, 'other'), 'commit', '--quiet', '--allow-empty', '-m', 'start');
    git(join(dir, 'other'), 'push', '--quiet', 'origin', 'HEAD:main');
    git(dir, 'clone', '--quiet', 'origin.git', 'repo');

    watchdog = new Watchdog({ fleet, clock: new ManualClock(0) });
    watchdog.start();
    const builderIdle = until(fleet, (e) => e.type === 'status' && e.name === 'builder' && e.status === 'idle', 15_000);
    await fleet.up();
    await builderIdle; // its kickoff turn is over
    await watchdog.checkHandoff(); // the first look takes a baseline
    // one push: a review commit that also leaves the builder's inbox
    mkdirSync(join(dir, 'other', 'machine-docs'));
    writeFileSync(join(dir, 'other', 'machine-docs', 'builder-inbox.md'), 'finding 1: the gate test is flaky\n');
    git(join(dir, 'other'), 'add', '.');
    git(join(dir, 'other'), 'commit', '--quiet', '-m', 'review: gate 1 fails');
    git(join(dir, 'other'), 'push', '--quiet', 'origin', 'HEAD:main');

    const builder = fleet.session('builder');
    // the demo answers its kickoff (the role prompt) first; the second answer is the ping's
    const answered = new Promise<void>((resolve) => {
      const done = () => (builder.screenText().match(/You said:/g) ?? []).length >= 2;
      if (done()) return resolve();
      const sub = builder.onScreen(() => done() && (sub.dispose(), resolve()));
    });
    await watchdog.checkHandoff();
    await answered; // the demo saves the turn before it draws the reply
    const prompts = demoConversationPrompts(fleet.currentConfig.state_dir, 'builder', join(fleet.currentConfig.agents[0]!.dir, 'demo-state'));
    expect(prompts).toEqual(['you are the builder', `2 watchdog pings: (1) ${REVIEW_PING} (2) ${inboxPing('machine-docs/builder-inbox.md')}`]);
  });

  it('restores a usage-limit hold saved by an earlier server: limited until its reset, no restarts', async () => {
    ({ fleet, dir } = fleetOf(`${HEADER}
[backend.cat]
bin = "echo ready; exec cat"
prompt_delivery = "exec"

[[agent]]
name = "held"
backend = "cat"
watch = "heal"
`));
    const now = Date.UTC(2026, 10, 21, 12, 0);
    const resetAt = now + 3_600_000;
    mkdirSync(fleet.currentConfig.state_dir, { recursive: true });
    writeFileSync(
      join(fleet.currentConfig.state_dir, 'limited-wd-held.json'),
      serializeHold({ since: now - 60_000, resetAt, nextAt: resetAt + 45_000, probes: 0, phase: 'waiting', sentAt: null, bannerSeen: true }),
    );
    watchdog = new Watchdog({ fleet, clock: new ManualClock(now), timeZone: 'UTC' });
    watchdog.start();
    await fleet.up();
    expect(fleet.info('held')).toMatchObject({ status: 'limited', until: resetAt });
    expect(fleet.info('held').detail).toMatch(/resets 13:00/);
  });

  it('judges a running agent by the backend it was started with, not one a later config names (AGENT_BACKEND_x on an up that started nothing)', async () => {
    ({ fleet, dir } = fleetOf(`${HEADER}
[backend.cat]
bin = "echo ready; exec cat"
prompt_delivery = "exec"
process_name = "cat"

[backend.sleeper]
bin = "exec sleep 30"
prompt_delivery = "exec"
process_name = "sleep"

[[agent]]
name = "worker"
backend = "cat"
watch = "heal"
`));
    const events = collect(fleet);
    watchdog = new Watchdog({ fleet, clock: new ManualClock(0), screenSettleMs: 0 });
    watchdog.start();
    await fleet.up();
    await until(fleet, (e) => e.type === 'status' && e.name === 'worker' && e.status === 'idle');
    await new Promise<void>((resolve) => {
      const look = () => (fleet!.session('worker').foregroundProcess() === 'cat' ? resolve() : setTimeout(look, 10));
      look();
    });
    // what the up request does with its one-off override: the fleet takes the config it made
    fleet.reconfigure(loadConfig({ path: join(dir, 'agents.toml'), env: { AGENT_BACKEND_worker: 'sleeper' } }).config);
    fleet.session('worker').setStatusOverride('working'); // a status change: the watchdog looks at once
    expect(events.filter((e) => e.type === 'watchdog' && e.kind === 'restart')).toEqual([]);
    expect(fleet.info('worker')).toMatchObject({ backend: 'cat', restarts: 0 });
  });

  it("restarts a session running another backend's program, or showing its fatal error", async () => {
    ({ fleet, dir } = fleetOf(`${HEADER}
[backend.sleeper]
bin = "exec sleep 30"
prompt_delivery = "exec"
process_name = "sleep"

[backend.catter]
bin = "exec sleep 30"
prompt_delivery = "exec"
process_name = "cat"

[backend.broken]
bin = "echo 'FATAL: session state corrupt'; exec cat"
prompt_delivery = "exec"
fatal_re = "FATAL: session state"

[[agent]]
name = "wrong"
backend = "catter"
watch = "heal"

[[agent]]
name = "fatal"
backend = "broken"
watch = "heal"

[watchdog]
max_restarts = 1
`));
    const events = collect(fleet);
    const clock = new ManualClock(0);
    watchdog = new Watchdog({ fleet, clock, screenSettleMs: 0 });
    watchdog.start();
    await fleet.up();
    const crashed = ['wrong', 'fatal'].map((name) => until(fleet!, (e) => e.type === 'status' && e.name === name && e.status === 'crashed', 10_000));
    // a silent program shows no status change: the light tick is what looks at it again
    // a silent program shows no status change: the light tick is what looks at it again. There
    // is no event for a child's exec, so look every 10 ms until the pty runs sleep, then tick.
    const wrongCrashed = () => fleet!.info('wrong').status === 'crashed';
    for (let ticks = 0; !wrongCrashed() && ticks < 3; ticks++) {
      await new Promise<void>((resolve) => {
        const look = () => (wrongCrashed() || (fleet!.isRunning('wrong') && fleet!.session('wrong').foregroundProcess() === 'sleep') ? resolve() : setTimeout(look, 10));
        look();
      });
      clock.advance(30_000);
    }
    await Promise.all(crashed);
    // given up on live sessions: stopped, and crashed with the reason
    for (const name of ['wrong', 'fatal']) expect(fleet.info(name)).toMatchObject({ status: 'crashed', pid: null, detail: expect.stringMatching(/restart budget spent/) });
    const restarts = events.filter((e) => e.type === 'watchdog' && e.kind === 'restart').map((e) => (e as { message: string }).message);
    expect(restarts).toContain('restarting wrong: running sleep, expected cat');
    expect(restarts).toContain("restarting fatal: screen shows the backend's fatal error (fatal_re)");
  });
});
