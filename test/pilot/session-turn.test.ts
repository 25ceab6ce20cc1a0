import { appendFileSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/base/clock.js';
import type { Fleet } from '../../src/fleet/fleet.js';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { SessionFeed, type FeedBatch } from '../../src/pilot/session-feed.js';
import { SessionTurn } from '../../src/pilot/session-turn.js';

// One turn's records, gathered from the agent's one follower (the feed): the pilot's and `send
// --wait`'s reading of a turn. The fleet is a stand-in holding one running agent "a" whose
// backend's session_file is `pattern` (changed by the test: an id learnt, a fork).

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-turnrec-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (r: unknown) => JSON.stringify(r) + '\n';
const at = (ms: number) => new Date(ms).toISOString();
const prompt = (time: number) => ({ type: 'user', timestamp: at(time), message: { content: 'go' } });
const end = (id: string, output: number, time: number) => ({
  type: 'assistant',
  timestamp: at(time),
  message: { id, stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: output } },
});

/** A feed over a stand-in fleet of one running agent; `later()` moves its clock past the rescan interval. */
function feedFor(template: () => string, historySince: () => number | null = () => null, id: () => string | null = () => null) {
  let t = Date.now();
  const clock: Clock = { now: () => t, setTimeout: () => 0, clearTimeout: () => undefined };
  const agent = { name: 'a', backend: 'b', dir };
  const fleet = {
    names: () => ['a'],
    isRunning: () => true,
    agents: () => [agent],
    runningConfig: () => undefined,
    get currentConfig() {
      return { backends: { b: { session_file: template() } } };
    },
    onEvent: (_: (e: FleetEvent) => void) => ({ dispose: () => undefined }),
  } as unknown as Fleet;
  const feed = new SessionFeed(fleet, clock, id, historySince);
  return { feed, later: () => (t += 10_000) };
}

describe("one turn's records from the agent's one follower", () => {
  /** A file an earlier turn wrote and finished a minute before `now`, its mtime as old. */
  const writeOld = (path: string, now: number) => {
    writeFileSync(path, line(end('m0', 100, now - 60_000)));
    utimesSync(path, (now - 60_000) / 1000, (now - 60_000) / 1000);
  };

  it('counts only what is stamped from the turn on: the file before it is history', () => {
    const file = join(dir, 'conv.jsonl');
    const now = Date.now();
    writeFileSync(file, line(prompt(now - 60_000)) + line(end('old', 500, now - 60_000)));
    const { feed } = feedFor(() => file);
    const turn = new SessionTurn(feed, 'a', now);
    expect(turn.read()).toMatchObject({ sawUsage: false, ended: false });
    appendFileSync(file, line(prompt(now + 10)));
    expect(turn.read().ended).toBe(false);
    appendFileSync(file, line(end('new', 7, now + 20)));
    expect(turn.read()).toMatchObject({ ended: true, usage: { input: 1, output: 7 } });
  });

  it('a prompt recorded just before the turn was seen to start (typed into the pane), and already read, counts', () => {
    const file = join(dir, 'conv.jsonl');
    const { feed } = feedFor(() => file);
    const now = Date.now();
    writeFileSync(file, line(prompt(now + 5)));
    feed.read('a'); // the feed's own poll read it before the turn began
    const turn = new SessionTurn(feed, 'a', now + 100);
    appendFileSync(file, line(end('m1', 3, now + 150)));
    expect(turn.read()).toMatchObject({ ended: true, usage: { output: 3 } });
  });

  it('the file of a new conversation id (a fork) is read from its start, without the history it copied', () => {
    const now = Date.now();
    writeOld(join(dir, 'a.jsonl'), now);
    let id = 'a';
    const { feed, later } = feedFor(() => join(dir, '{id}.jsonl'), undefined, () => id);
    const turn = new SessionTurn(feed, 'a', now);
    id = 'b'; // the id on screen changed
    writeFileSync(join(dir, 'b.jsonl'), line(prompt(now - 60_000)) + line(end('m0', 100, now - 60_000)) + line(prompt(now + 40)) + line(end('m1', 9, now + 50)));
    later();
    expect(turn.read()).toMatchObject({ ended: true, usage: { output: 9 } });
  });

  it("a turn's last read looks for the file again: a file that appeared during a short turn is read", () => {
    const now = Date.now();
    const { feed } = feedFor(() => join(dir, '*.jsonl'));
    const turn = new SessionTurn(feed, 'a', now);
    expect(turn.read().sawUsage).toBe(false);
    // the CLI made its file at the first prompt, and the turn ends before the next rescan is due
    writeFileSync(join(dir, 'new.jsonl'), line(prompt(now + 1)) + line(end('m1', 6, now + 5)));
    expect(turn.read().sawUsage).toBe(false);
    expect(turn.read(true)).toMatchObject({ ended: true, usage: { output: 6 } });
  });

  it('a glob: the first file found is followed; a subagent\'s newer file does not take over', () => {
    const now = Date.now();
    const { feed, later } = feedFor(() => join(dir, '*.jsonl'));
    const turn = new SessionTurn(feed, 'a', now);
    writeFileSync(join(dir, 'fresh.jsonl'), line(prompt(now + 1)) + line(end('m1', 4, now + 5)));
    later();
    expect(turn.read()).toMatchObject({ ended: true, usage: { output: 4 } });
    writeFileSync(join(dir, 'zz-agent.jsonl'), line(prompt(now + 6)) + line(end('s1', 1000, now + 7)));
    later();
    expect(turn.read()).toMatchObject({ usage: { output: 4 } });
  });

  it("a file replaced under its name is read again from its start, the turn's records counted once", () => {
    const file = join(dir, 'conv.jsonl');
    const now = Date.now();
    writeFileSync(file, '');
    const { feed } = feedFor(() => file);
    const turn = new SessionTurn(feed, 'a', now);
    appendFileSync(file, line(prompt(now + 1)) + line({ type: 'system', subtype: 'note', timestamp: at(now + 1) }) + line(end('m1', 5, now + 2)));
    expect(turn.read()).toMatchObject({ usage: { output: 5 } });
    const replacement = join(dir, 'conv.tmp');
    // the CLI rewrote its transcript: m1 as it ended up, then m2
    writeFileSync(replacement, line(prompt(now + 1)) + line(end('m1', 50, now + 2)) + line(end('m2', 6, now + 3)));
    renameSync(replacement, file);
    expect(turn.read()).toMatchObject({ usage: { output: 56 } });
  });

  it('history (records before the session began) reaches only listeners that read it, from historySince on', () => {
    const file = join(dir, 'conv.jsonl');
    const now = Date.now();
    writeFileSync(file, line(end('ancient', 1, now - 3_600_000)) + line(end('missed', 2, now - 60_000)) + line(end('now', 3, now + 10)));
    const { feed } = feedFor(() => file, () => now - 120_000);
    const batches: FeedBatch[] = [];
    feed.onRecords((b) => batches.push(b));
    feed.read('a');
    expect(batches).toHaveLength(1);
    expect(batches[0]!.history).toMatchObject([{ message: { id: 'missed' } }]);
    expect(batches[0]!.records).toMatchObject([{ message: { id: 'now' } }]);
  });
});
