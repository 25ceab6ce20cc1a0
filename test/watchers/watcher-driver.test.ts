import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/base/manual-clock.js';
import { Emitter } from '../../src/base/emitter.js';
import type { AgentConfig, WatcherConfig } from '../../src/config/types.js';
import type { Fleet } from '../../src/fleet/fleet.js';
import type { FeedBatch, SessionFeed } from '../../src/pilot/session-feed.js';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { WatcherDriver } from '../../src/watchers/watcher-driver.js';
import { scratchDir } from '../helpers/scratch-dir.js';

const scratch = scratchDir('hangar-watcher-driver');

// The driver over a scripted feed and fleet, on a manual clock: how a system-role nudge finds
// the CLI's turn-end hook, or is typed when none takes it.
const base = { sessionId: 's', cwd: '/w', isSidechain: false, userType: 'external', timestamp: '2026-12-05T10:00:00.000Z' };
const turnRecords = (n: number) => [
  { ...base, type: 'user', uuid: `p${n}`, message: { role: 'user', content: `write f${n}.txt x` } },
  { ...base, type: 'assistant', uuid: `a${n}`, message: { id: `m${n}`, role: 'assistant', content: [{ type: 'tool_use', id: `t${n}`, name: 'Write', input: { file_path: `/w/f${n}.txt` } }], stop_reason: 'tool_use', usage: { input_tokens: 1, output_tokens: 1 } } },
  { ...base, type: 'assistant', uuid: `b${n}`, message: { id: `n${n}`, role: 'assistant', content: [{ type: 'text', text: 'done' }], stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: 1 } } },
];

function setUp(watchers: WatcherConfig[], bin = 'hangar-demo', stateDir = scratch.fresh()) {
  const clock = new ManualClock(0);
  const batches = new Emitter<[FeedBatch]>();
  const fleetEvents = new Emitter<[FleetEvent]>();
  const pending: unknown[] = [];
  const events: string[] = [];
  const notes: Array<[string, string | null]> = [];
  const delivered: string[] = [];
  const agent = { name: 'orch', backend: 'b', dir: '/w', watchers } as unknown as AgentConfig;
  const fleet = {
    currentConfig: { watchers: [], backends: { b: { name: 'b', bin } }, state_dir: stateDir },
    agents: () => [agent],
    runningConfig: () => agent,
    isRunning: () => true,
    session: () => ({ visibleRows: () => ['> '], input: () => undefined }),
    noteWatcher: (name: string, note: string | null) => notes.push([name, note]),
    watchdogEvent: (kind: string, _level: string, message: string) => events.push(`${kind}: ${message}`),
    log: (_l: string, message: string) => events.push(`log: ${message}`),
    onEvent: fleetEvents.event,
    down: async () => [],
  } as unknown as Fleet;
  const feed = {
    onRecords: batches.event,
    read: (name: string) => {
      const records = pending.splice(0);
      if (records.length > 0) batches.fire({ name, records, history: [], restarted: false });
    },
  } as unknown as SessionFeed;
  const driver = new WatcherDriver({ fleet, feed, clock, cost: () => null, deliver: (_n, text) => delivered.push(text), resumed: () => undefined });
  /** The CLI wrote records (the feed reads them at its next read). */
  const write = (records: unknown[]) => pending.push(...records);
  const writeTurn = (n: number) => write(turnRecords(n));
  const poll = async () => {
    feed.read('orch');
    await new Promise((r) => setImmediate(r));
  };
  return { clock, driver, events, notes, delivered, write, writeTurn, poll, stateDir };
}

const reminder = (role: 'user' | 'system'): WatcherConfig => ({ kind: 'delegation_reminder', threshold: 2, message_role: role });

describe('WatcherDriver', () => {
  it('a turn-end hook of an agent with no system-role watcher is answered at once, with nothing', async () => {
    const { driver } = setUp([reminder('user')]);
    expect(await driver.answerTurnEnd('orch')).toBeNull();
  });

  it("a system-role nudge answers the turn's Stop hook, which reads the turn's records itself; nothing is typed", async () => {
    const { driver, delivered, writeTurn, poll, events } = setUp([reminder('system')]);
    writeTurn(1);
    expect(await driver.answerTurnEnd('orch')).toBeNull(); // turn 1: one call, nothing to say
    writeTurn(2);
    expect(await driver.answerTurnEnd('orch')).toMatch(/^\[watcher: delegation_reminder\] You have made 2 tool calls/);
    await poll();
    expect(delivered).toEqual([]);
    expect(events.at(-1)).toBe('watcher-nudge: the nudge reached orch through its turn-end hook');
  });

  it('a system-role nudge no hook takes within 3 s is typed as role user', async () => {
    const { driver, delivered, writeTurn, poll, clock, events } = setUp([reminder('system')]);
    writeTurn(1);
    await driver.answerTurnEnd('orch'); // the CLI showed its hook channel
    writeTurn(2);
    await poll(); // the feed's own poll finds the turn first: the nudge waits for the hook
    expect(delivered).toEqual([]);
    clock.advance(2_999);
    expect(delivered).toEqual([]);
    clock.advance(1);
    expect(delivered).toHaveLength(1);
    expect(events.some((e) => e.includes('no turn-end hook took the nudge; typing it instead'))).toBe(true);
  });

  it('a CLI that never ran a turn-end hook (and is not Claude Code) gets a system-role nudge typed at once', async () => {
    const { delivered, writeTurn, poll, events } = setUp([reminder('system')]);
    writeTurn(1);
    writeTurn(2);
    await poll();
    expect(delivered).toHaveLength(1);
    expect(events.some((e) => e.includes('(user: its CLI has no hook channel)'))).toBe(true);
  });

  it("records that have not ended the turn by the Stop hook: the hook's word closes it after a moment, and the records' late end is not judged again", async () => {
    const { driver, write, poll, clock, delivered } = setUp([reminder('system')], 'claude');
    write(turnRecords(1));
    await poll();
    // turn 2 as Claude Code may have written it when its Stop hook runs: the end not there yet
    const [prompt, call, end] = turnRecords(2);
    write([prompt, call]);
    const flush = () => new Promise((r) => setImmediate(r));
    const answer = driver.answerTurnEnd('orch');
    let text: string | null | undefined;
    void answer.then((t) => (text = t));
    for (let i = 0; i < 20 && text === undefined; i++) {
      await flush();
      clock.advance(100);
    }
    expect(text).toMatch(/^\[watcher: delegation_reminder\] You have made 2 tool calls/);
    write([end]); // the records' own end, late
    await poll();
    expect(driver.list()[0]!.watchers[0]).toMatchObject({ turns: 2, fired: 1 });
    expect(delivered).toEqual([]);
  });

  it("a pause and the watchers' counts outlive the server: a new driver on the same state dir holds the agent until a person resumes it, and counts on", async () => {
    const pauser: WatcherConfig = { kind: 'pattern', regex: 'done', action: 'pause', message_role: 'user' };
    const first = setUp([pauser]);
    first.writeTurn(1);
    await first.poll();
    // judged on the driver's chain: a few turns of the event loop, no clock
    for (let i = 0; i < 100 && !first.driver.isPaused('orch'); i++) await new Promise((r) => setImmediate(r));
    expect(first.driver.isPaused('orch')).toBe(true);
    const file = join(first.stateDir, 'watchers.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ paused: { orch: expect.stringContaining('/done/') }, states: { orch: [{ kind: 'pattern', state: { turns: 1, fired: 1 } }] } });

    const second = setUp([pauser], 'hangar-demo', first.stateDir);
    expect(second.driver.isPaused('orch')).toBe(true);
    expect(second.notes).toContainEqual(['orch', expect.stringMatching(/^paused: \/done\//)]);
    expect(second.driver.list()[0]!.watchers[0]).toMatchObject({ turns: 1, fired: 1 });
    expect(second.driver.resume('orch')).toBe(true);
    second.writeTurn(2);
    await second.poll();
    for (let i = 0; i < 100 && !second.driver.isPaused('orch'); i++) await new Promise((r) => setImmediate(r));
    expect(second.driver.list()[0]!.watchers[0]).toMatchObject({ turns: 2, fired: 2 }); // counted on from the first server's 1
    expect(second.driver.resume('orch')).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).paused).toEqual({});
    expect(setUp([pauser], 'hangar-demo', first.stateDir).driver.isPaused('orch')).toBe(false);
  });

  it("Claude Code has a hook channel from the start (hangar passes it the Stop hook)", async () => {
    const { delivered, writeTurn, poll, events } = setUp([reminder('system')], 'claude');
    writeTurn(1);
    writeTurn(2);
    await poll();
    expect(delivered).toEqual([]);
    expect(events.some((e) => e.includes('(system, through its turn-end hook)'))).toBe(true);
  });
});
