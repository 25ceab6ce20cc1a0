import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { loadConversation } from '../../src/demo/conversation-store.js';
import { turnUsage } from '../../src/demo/session-log.js';
import { Fleet } from '../../src/fleet/fleet.js';
import { BACKEND_POLL_MS, runTurn, type TurnResult } from '../../src/fleet/turn.js';
import { ManualClock } from '../../src/base/manual-clock.js';
import { waitForStatus } from '../../src/fleet/wait-for-status.js';
import { systemClock } from '../../src/base/clock.js';
import { Pilot } from '../../src/pilot/pilot.js';
import { checkpointed } from '../helpers/pilot-fleet.js';

// The demo agent keeps a session file in Claude Code's record format: the pilot reads each
// turn's tokens off it, prices them by [price.NAME], and ends the turn on its end_turn record.
// The pilot's quiet period is longer than the test waits for a checkpoint, so only the file can end a turn.
const QUIET_MS = 60_000;

function setup(thinkMs = 50) {
  const dir = mkdtempSync(join(tmpdir(), 'hangar-sessfile-turns-'));
  const demoState = join(dir, 'demo-state');
  writeFileSync(
    join(dir, 'agents.toml'),
    `[defaults]
session_prefix = "sf-"
log_dir = "state"
dir = "work"
model = "demo-1"

[backend.demo]
bin = "hangar-demo"
active_re = "esc to interrupt"
session_id_re = "session: ([0-9a-f-]{8,})"
session_file = "../demo-state/{id}.jsonl"

[price."demo-1"]
input_per_million = 3.0
output_per_million = 15.0
cache_read_per_million = 0.3

[[agent]]
name = "a"
backend = "demo"
`,
  );
  const { config } = loadConfig({ path: join(dir, 'agents.toml'), env: {} });
  const fleet = new Fleet(config, { env: { ...process.env, DEMO_THINK_MS: String(thinkMs), DEMO_STATE_DIR: demoState }, stopGraceMs: 500 });
  const pilot = new Pilot({ fleet, clock: systemClock, turn: { quietMs: QUIET_MS, startGraceMs: QUIET_MS, submitGraceMs: 1000 } });
  return { dir, demoState, config, fleet, pilot };
}


describe("the pilot and the demo's session file", () => {
  let env: ReturnType<typeof setup> | undefined;
  afterEach(async () => {
    env?.pilot.dispose();
    await env?.fleet.shutdown();
    if (env) rmSync(env.dir, { recursive: true, force: true });
  });

  it("send --wait hears the same end_turn record: its turn ends at the backend's word, not after the quiet period", async () => {
    env = setup(1000); // long enough to be seen working
    const { fleet, pilot } = env;
    await fleet.up();
    await waitForStatus(fleet.statusOf('a'), (s) => s === 'idle', 15_000);
    const backIdle = new Promise<void>((resolve) => {
      const sub = fleet.onEvent((e) => {
        if (e.type !== 'status' || e.name !== 'a' || e.prev !== 'working' || e.status !== 'idle') return;
        sub.dispose();
        resolve();
      });
    });
    // the turn's quiet period and the reads of the file run on this clock; it starts at the wall
    // clock's time because the file's records are stamped with it
    const clock = new ManualClock(Date.now());
    const startedAt = clock.now();
    let result: TurnResult | undefined;
    const turn = runTurn(fleet.session('a'), 'write b.txt two', {
      wait: true,
      timeoutMs: 10 * QUIET_MS,
      clock,
      turn: { quietMs: QUIET_MS, startGraceMs: QUIET_MS, submitGraceMs: 1000 },
      backend: (at) => pilot.turnSessionFile('a', at),
    }).then((r) => (result = r));
    await backIdle;
    await new Promise((resolve) => setImmediate(resolve));
    expect(result).toBeUndefined(); // send --wait returned at the first idle before
    for (let reads = 0; reads < 40 && result === undefined; reads++) {
      clock.advance(BACKEND_POLL_MS);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await turn;
    expect(result).toMatchObject({ confirmed: true, timedOut: false, status: 'idle' });
    expect(clock.now() - startedAt).toBeLessThan(QUIET_MS);
  });

  it('each turn ends on its end_turn record, with the tokens the records give and their price', async () => {
    env = setup();
    const { fleet, pilot, config, demoState } = env;
    await fleet.up();
    await waitForStatus(fleet.statusOf('a'), (s) => s === 'idle', 15_000);
    await pilot.enable('a');
    for (const [prompt, label] of [['write a.txt one', 'T1'], ['tell me a long story about the sea', 'T2']] as const) {
      const done = checkpointed(fleet, label);
      await runTurn(fleet.session('a'), prompt, { wait: true, timeoutMs: 15_000 });
      await done;
      expect(pilot.get('a').sessionPoll.value).toBeUndefined(); // the file is read only while a turn runs
    }
    const id = readFileSync(join(config.state_dir, 'a.id'), 'utf8').trim();
    const loaded = loadConversation(demoState, id);
    if (!loaded.ok) throw new Error(loaded.error);
    const { checkpoints } = pilot.get('a').timeline;
    loaded.conversation.turns.forEach((_, i) => {
      const u = turnUsage(loaded.conversation, i);
      const cp = checkpoints[`T${i + 1}`]!;
      expect(cp.usage).toEqual({ input: u.input_tokens, output: u.output_tokens, cacheRead: u.cache_read_input_tokens, cacheWrite: u.cache_creation_input_tokens });
      expect(cp.tokens).toBe(u.input_tokens + u.output_tokens + u.cache_read_input_tokens + u.cache_creation_input_tokens);
      // cache writes are priced as input: no cache_write_per_million
      const cost = (3 * (u.input_tokens + u.cache_creation_input_tokens) + 15 * u.output_tokens + 0.3 * u.cache_read_input_tokens) / 1_000_000;
      expect(cp.cost).toBeCloseTo(cost, 12);
    });
    expect(loaded.conversation.turns.length).toBe(2);
    expect(checkpoints['T2']!.usage!.cacheRead).toBeGreaterThan(0); // turn 2 re-read turn 1
  }, 60_000);
});
