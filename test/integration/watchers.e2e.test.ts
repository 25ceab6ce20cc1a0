import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../src/protocol/messages.js';
import type { Result } from '../../src/protocol/requests.js';
import { TestFleet } from '../helpers/test-fleet.js';

// Watchers over demo agents in a real fleet (real server, ptys, session files, hooks). The demo's
// file commands are tool calls in its session file (Write, Bash); `--settings` gives it Claude
// Code's Stop hook channel, through which `hangar hook` answers a system-role nudge.
const STOP_HOOK = JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'hangar hook', timeout: 10 }] }] } });

const CONFIG = `
[defaults]
session_prefix = "wt-"
log_dir = "state"
dir = "work"

[backend.demo]
bin = "hangar-demo"
flags = "--state-dir ../demo-state --think 300"
active_re = "esc to interrupt"
session_id_flag = "--session-id {new_id}"
session_file = "../demo-state/{id}.jsonl"

[backend.demo-hooks]
bin = "hangar-demo"
flags = """--state-dir ../demo-state --think 300 --settings '${STOP_HOOK}'"""
active_re = "esc to interrupt"
session_id_flag = "--session-id {new_id}"
session_file = "../demo-state/{id}.jsonl"

[price."demo-1"]
input_per_million = 3
output_per_million = 15
cache_read_per_million = 0.3
cache_write_per_million = 3.75

[[agent]]
name = "orch"
backend = "demo"
watchers = [{ kind = "delegation_reminder", threshold = 3 }]

[[agent]]
name = "orchsys"
backend = "demo-hooks"
watchers = [{ kind = "delegation_reminder", threshold = 3, message_role = "system" }]

[[agent]]
name = "worker"
backend = "demo"
watchers = [{ kind = "budget", max_cost_usd = 0.0003 }]

[[agent]]
name = "pat"
backend = "demo"
watchers = [
  { kind = "pattern", regex = "giving up", action = "pause" },
  { kind = "scope", keywords = ["rewrite"], message = "stay on task" },
]

[[agent]]
name = "qa"
backend = "demo"
watchers = [{ kind = "quality", command = "test -f done.txt || { echo 'done.txt is missing'; exit 3; }" }]
`;

interface TranscriptLine {
  type: string;
  text?: string;
}

describe('watchers over demo agents', () => {
  const fleet = new TestFleet('watchers', CONFIG);
  type WatchdogEvent = Extract<FleetEvent, { type: 'watchdog' }>;
  const watcherEvent = (name: string, kind: string, text = '') => (e: FleetEvent): e is WatchdogEvent => e.type === 'watchdog' && e.name === name && e.kind === kind && e.message.includes(text);
  const watched = async (name: string, kind: string, text = '') => (await fleet.event(watcherEvent(name, kind, text))) as WatchdogEvent;
  /** The agent's next turn (working → idle) from now on. */
  const nextTurnEnd = (name: string) => fleet.nextEvent((e) => e.type === 'status' && e.name === name && e.prev === 'working' && e.status === 'idle');
  /** The prompts of an agent's conversation, from `hangar transcript --json`. */
  const prompts = async (name: string) =>
    (await fleet.hangar('transcript', name, '--json'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as TranscriptLine)
      .filter((e) => e.type === 'prompt')
      .map((e) => e.text ?? '');
  const send = (name: string, prompt: string) => fleet.hangar('send', name, prompt, '--wait');
  const info = async (name: string) => (JSON.parse(await fleet.hangar('status', '--json')) as Result<'status'>).agents.find((a) => a.name === name)!;

  beforeAll(async () => {
    await fleet.up(['orch', 'orchsys', 'worker', 'pat', 'qa']);
  });
  afterAll(() => fleet.stop());

  it('delegation_reminder, role user: after 3 tool calls that delegate nothing, the nudge is typed into the idle agent', async () => {
    await send('orch', 'write a.txt one');
    await send('orch', 'append a.txt two');
    await send('orch', 'rm a.txt');
    const decided = await watched('orch', 'watcher-nudge', 'delegation_reminder → nudge orch (user)');
    expect(decided.message).toContain('3 tool calls in a row without delegating');
    await watched('orch', 'watcher', '→ orch: [watcher: delegation_reminder]');
    await nextTurnEnd('orch')();
    expect((await prompts('orch')).at(-1)).toMatch(/^\[watcher: delegation_reminder\] You have made 3 tool calls in a row without delegating/);
    expect((await info('orch')).watcher).toBe('nudged: delegation_reminder');
    const listed = JSON.parse(await fleet.hangar('watchers', '--json')) as Result<'watchers'>;
    expect(listed.agents.find((a) => a.name === 'orch')).toMatchObject({
      paused: null,
      watchers: [{ kind: 'delegation_reminder', from: 'agent', role: 'user', fired: 1, last: { action: 'nudge', turn: 3 } }],
    });
  });

  it('delegation_reminder, role system: the nudge answers the Stop hook and the agent goes on with it; nothing is typed', async () => {
    await send('orchsys', 'write b.txt one');
    await send('orchsys', 'append b.txt two');
    const through = fleet.event(watcherEvent('orchsys', 'watcher-nudge', 'reached orchsys through its turn-end hook'));
    await send('orchsys', 'rm b.txt');
    await through;
    // the demo submits the hook's reason as its next prompt (Claude Code goes on with it)
    await nextTurnEnd('orchsys')();
    const all = await prompts('orchsys');
    expect(all).toHaveLength(4);
    expect(all[3]).toMatch(/^\[watcher: delegation_reminder\] You have made 3 tool calls/);
    expect(fleet.events.filter(watcherEvent('orchsys', 'watcher'))).toEqual([]); // never typed
  });

  it('budget: the worker is stopped at the turn its cost reaches its cap, with the reason', async () => {
    await send('worker', 'hello');
    expect((await info('worker')).status).toBe('idle'); // ~$0.00017: under the cap
    await send('worker', 'hello');
    const abort = await watched('worker', 'watcher-abort');
    expect(abort.message).toMatch(/budget → abort worker: budget: cost \$0\.000\d+ reached its cap of \$0\.0003/);
    await fleet.hangar('wait', 'worker', '--for', 'stopped', '--timeout', '30');
    const worker = await info('worker');
    expect(worker.cost_usd).toBeGreaterThanOrEqual(0.0003);
    expect(worker.watcher).toMatch(/^aborted: budget: cost/);
    // a person starts it again: the title's note of the aborted session goes
    await fleet.hangar('up', '-d', 'worker');
    expect((await info('worker')).watcher).toBeUndefined();
  });

  it('pattern pauses the agent: a nudge that comes meanwhile waits for the resume, then is typed', async () => {
    await send('pat', 'I am giving up');
    await watched('pat', 'watcher-pause', 'pattern → pause pat: /giving up/ in the reply');
    expect((await info('pat')).watcher).toMatch(/^paused: /);
    expect(await fleet.hangar('watchers')).toMatch(/^ *AGENT +WATCHER +FROM +ROLE +SETTINGS +TURNS +FIRED +LAST[\s\S]*pat is paused: \/giving up\/ in the reply/m);
    // a person may still type; the scope watcher's nudge on that turn is held
    await send('pat', 'should I rewrite it?');
    await watched('pat', 'watcher', 'waits until it is idle and its hold ends');
    expect((await prompts('pat')).length).toBe(2);
    const resumed = JSON.parse(await fleet.hangar('watchers', '--resume', 'pat', '--json')) as Result<'watchers'>;
    expect(resumed).toMatchObject({ resumed: 'pat' });
    expect(resumed.agents.find((a) => a.name === 'pat')!.paused).toBeNull();
    await watched('pat', 'watcher', '→ pat: [watcher: scope] stay on task');
    await nextTurnEnd('pat')();
    expect((await prompts('pat')).at(-1)).toBe('[watcher: scope] stay on task');
    expect((await fleet.run('watchers', '--resume', 'pat')).code).not.toBe(0); // not paused any more
  });

  it("quality: a failing command after the turn nudges with its output's tail", async () => {
    const decided = watched('qa', 'watcher-nudge', 'quality → nudge qa (user)');
    await send('qa', 'write notes.txt hello');
    await decided;
    // the next run passes: the nudge's own turn is not nudged again
    writeFileSync(join(fleet.dir, 'work', 'done.txt'), 'ok\n');
    await watched('qa', 'watcher', '→ qa: [watcher: quality]');
    await nextTurnEnd('qa')();
    const last = (await prompts('qa')).at(-1)!;
    expect(last).toContain('exited 3 after your turn');
    expect(last).toContain('done.txt is missing');
    expect(existsSync(join(fleet.dir, 'work', 'notes.txt'))).toBe(true);
    expect(readFileSync(join(fleet.dir, 'state', 'events.jsonl'), 'utf8')).toContain('watcher-nudge');
  });
});
