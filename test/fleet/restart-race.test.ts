import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Fleet } from '../../src/fleet/fleet.js';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { ManualClock } from '../../src/base/manual-clock.js';
import { Watchdog } from '../../src/watchdog/watchdog.js';

// Starts, stops and restarts of one member are serialised (one queue per member): two
// restarts asked at once — a person's and the watchdog's — run one after the other, so the
// second stops the child the first started (SIGTERM, its exit reported) instead of releasing
// it unseen with a SIGKILL while the first still believes it runs.
const SIGKILL = 9;

function fleetOf(bin: string): { fleet: Fleet; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-race-'));
  writeFileSync(
    join(dir, 'agents.toml'),
    `
[defaults]
session_prefix = "race-"
log_dir = "state"
dir = "work"

[backend.shell]
bin = "${bin}"
prompt_delivery = "exec"

[[agent]]
name = "racer"
backend = "shell"
watch = "heal"
`,
  );
  const { config } = loadConfig({ path: join(dir, 'agents.toml') });
  return { fleet: new Fleet(config, { stopGraceMs: 10_000 }), dir };
}

function collect(fleet: Fleet): FleetEvent[] {
  const events: FleetEvent[] = [];
  fleet.onEvent((e) => events.push(e));
  return events;
}

/** Resolves once the member's current session shows `text`. */
function shows(fleet: Fleet, name: string, text: string): Promise<void> {
  const session = fleet.session(name);
  return new Promise((resolve) => {
    const look = () => {
      if (!session.screenText().includes(text)) return;
      sub.dispose();
      resolve();
    };
    const sub = session.onScreen(look);
    look();
  });
}

/** Every child the fleet started but one (the live one) was reported gone, and none by SIGKILL. */
function expectEveryReplacedChildReported(events: FleetEvent[]): void {
  const started = events.filter((e) => e.type === 'started');
  const exits = events.filter((e): e is Extract<FleetEvent, { type: 'exit' }> => e.type === 'exit');
  expect(exits).toHaveLength(started.length - 1);
  expect(exits.filter((e) => e.signal === SIGKILL)).toEqual([]);
}

describe('a member is started, stopped and restarted one operation at a time', () => {
  let fleet: Fleet | undefined;
  let watchdog: Watchdog | undefined;
  let dir = '';
  afterEach(async () => {
    watchdog?.dispose();
    await fleet?.shutdown();
    fleet = undefined;
    watchdog = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('two restarts asked at once run in turn: the second stops the child the first started', async () => {
    ({ fleet, dir } = fleetOf('echo up; exec cat'));
    const events = collect(fleet);
    await fleet.up(['racer']);
    await shows(fleet, 'racer', 'up');
    await Promise.all([fleet.restart('racer'), fleet.restart('racer')]);
    expect(events.filter((e) => e.type === 'started')).toHaveLength(3);
    expectEveryReplacedChildReported(events);
    expect(fleet.info('racer')).toMatchObject({ restarts: 2, state: 'RUNNING' });
  });

  it("the watchdog's restart after a crash and a person's restart at the same moment do not kill each other's child", async () => {
    ({ fleet, dir } = fleetOf('echo up; read line; exit 3'));
    const events = collect(fleet);
    watchdog = new Watchdog({ fleet, clock: new ManualClock(1_000_000) });
    watchdog.start();
    await fleet.up(['racer']);
    await shows(fleet, 'racer', 'up');
    const f = fleet;
    // the person restarts it as it crashes, while the watchdog heals it (the first restart is at once)
    let person: Promise<void> | undefined;
    const crashed = new Promise<void>((resolve) => {
      const sub = f.onEvent((e) => {
        if (e.type !== 'exit') return;
        sub.dispose();
        person = f.restart('racer');
        resolve();
      });
    });
    fleet.session('racer').input('\r');
    await crashed;
    await person;
    expect(events.filter((e) => e.type === 'watchdog' && e.kind === 'restart')).not.toEqual([]);
    expect(events.filter((e) => e.type === 'started')).toHaveLength(3);
    expectEveryReplacedChildReported(events);
    expect(fleet.isRunning('racer')).toBe(true);
  });
});
