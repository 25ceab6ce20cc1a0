import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Fleet } from '../../src/fleet/fleet.js';
import { runTurn } from '../../src/fleet/turn.js';
import { waitForStatus } from '../../src/fleet/wait-for-status.js';
import { Pilot } from '../../src/pilot/pilot.js';
import { goto } from '../../src/pilot/rewind.js';
import { loadRunningTurn } from '../../src/pilot/timeline-store.js';
import { systemClock } from '../../src/base/clock.js';
import { checkpointed } from '../helpers/pilot-fleet.js';

// The pilot's view of the conversation with the real demo agent in a pty, in process: how many
// turns it holds when no session file tells, which id is kept for resume, and what a goto does
// to the turn it leaves behind.
function setup(backend: string, turn = { quietMs: 300, startGraceMs: 2000, submitGraceMs: 1000 }) {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-pconv-'));
  writeFileSync(
    join(dir, 'agents.toml'),
    `[defaults]\nsession_prefix = "pcv-"\nlog_dir = "state"\ndir = "work"\n\n[backend.demo]\nbin = "hangar-demo"\nactive_re = "esc to interrupt"\n${backend}\n\n[[agent]]\nname = "a"\nbackend = "demo"\n`,
  );
  const { config } = loadConfig({ path: join(dir, 'agents.toml'), env: {} });
  const fleet = new Fleet(config, { env: { ...process.env, DEMO_THINK_MS: '50', DEMO_STATE_DIR: join(dir, 'demo-state') }, stopGraceMs: 500 });
  const pilot = new Pilot({ fleet, clock: systemClock, turn });
  return { dir, fleet, pilot, stateDir: config.state_dir };
}

describe('the conversation as the pilot counts it', () => {
  let env: ReturnType<typeof setup> | undefined;
  afterEach(async () => {
    env?.pilot.dispose();
    await env?.fleet.shutdown();
    if (env) rmSync(env.dir, { recursive: true, force: true });
    env = undefined;
  });

  it('a turn ended by the next prompt holds its own prompts, not that one', async () => {
    // no session file: counted. A long quiet period: each next prompt ends the turn before it.
    env = setup('session_id_re = "session: ([0-9a-f-]{8,})"', { quietMs: 60_000, startGraceMs: 60_000, submitGraceMs: 1000 });
    const { fleet, pilot } = env;
    await fleet.up();
    await waitForStatus(fleet.statusOf('a'), (s) => s === 'idle', 15_000);
    await pilot.enable('a');
    const send = (prompt: string) => runTurn(fleet.session('a'), prompt, { wait: true, timeoutMs: 15_000 });
    const t1 = checkpointed(fleet, 'T1');
    const t2 = checkpointed(fleet, 'T2');
    await send('write a.txt one');
    await send('write b.txt two'); // ends T1
    await t1;
    await send('write c.txt three'); // ends T2
    await t2;
    const tl = pilot.get('a').timeline;
    expect([tl.checkpoints['root']!.conversationTurns, tl.checkpoints['T1']!.conversationTurns, tl.checkpoints['T2']!.conversationTurns]).toEqual([0, 1, 2]);
  }, 60_000);

  it('an id hangar chose is kept for resume once the conversation exists, not when the CLI starts', async () => {
    env = setup('session_id_flag = "--session-id {new_id}"');
    const { fleet, stateDir } = env;
    await fleet.up();
    await waitForStatus(fleet.statusOf('a'), (s) => s === 'idle', 15_000);
    const id = fleet.conversation('a')!.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(existsSync(join(stateDir, 'a.id'))).toBe(false); // no prompt taken: no conversation to resume yet
    await runTurn(fleet.session('a'), 'write a.txt one', { wait: true, timeoutMs: 15_000 });
    expect(readFileSync(join(stateDir, 'a.id'), 'utf8').trim()).toBe(id);
  }, 60_000);

  it('a goto leaves the running turn behind: no later server records it as interrupted', async () => {
    env = setup('session_id_re = "session: ([0-9a-f-]{8,})"', { quietMs: 60_000, startGraceMs: 60_000, submitGraceMs: 1000 });
    const { fleet, pilot, stateDir } = env;
    await fleet.up();
    await waitForStatus(fleet.statusOf('a'), (s) => s === 'idle', 15_000);
    await pilot.enable('a');
    await runTurn(fleet.session('a'), 'write a.txt one', { wait: true, timeoutMs: 15_000 });
    // the turn runs on (a minute's quiet period): its file says so
    expect(loadRunningTurn(stateDir, 'a')).toMatchObject({ prompt: 'write a.txt one' });
    await goto(pilot, 'a', 'root');
    expect(loadRunningTurn(stateDir, 'a')).toBeNull();
  }, 60_000);
});
