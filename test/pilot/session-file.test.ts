import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cwdSlug, matches, MAX_READ, newestMatch, readRecords, sessionFilePattern } from '../../src/pilot/session-file.js';
import { TurnSessionFile } from '../../src/pilot/turn-session-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-sessfile-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (r: unknown) => JSON.stringify(r) + '\n';
const at = (ms: number) => new Date(ms).toISOString();
const end = (id: string, output: number, time: number) => ({
  type: 'assistant',
  timestamp: at(time),
  message: { id, stop_reason: 'end_turn', usage: { input_tokens: 1, output_tokens: output } },
});

describe('the session file template', () => {
  it("fills {id} {cwd} {cwd_slug} {home}, expands ~, and resolves against the agent's directory", () => {
    const fields = { id: 'abc', cwd: '/work/my.proj_x', home: '/home/me' };
    expect(cwdSlug('/work/my.proj_x')).toBe('-work-my-proj-x');
    expect(sessionFilePattern('~/.claude/projects/{cwd_slug}/{id}.jsonl', fields)).toBe('/home/me/.claude/projects/-work-my-proj-x/abc.jsonl');
    expect(sessionFilePattern('../state/{id}.jsonl', fields)).toBe('/work/state/abc.jsonl');
    expect(sessionFilePattern('{home}/log/*.jsonl', fields)).toBe('/home/me/log/*.jsonl');
    expect(sessionFilePattern('{cwd}/s.jsonl', fields)).toBe('/work/my.proj_x/s.jsonl');
    // Gemini CLI's project folder: the SHA-256 of the directory (sha256 of "/work/my.proj_x", computed apart)
    expect(sessionFilePattern('~/.gemini/tmp/{cwd_sha256}/chats/session-*.jsonl', fields)).toBe(
      `/home/me/.gemini/tmp/${createHash('sha256').update('/work/my.proj_x').digest('hex')}/chats/session-*.jsonl`,
    );
  });

  it('needs the id when it uses one: none yet, no pattern', () => {
    expect(sessionFilePattern('/s/{id}.jsonl', { id: null, cwd: '/w', home: '/h' })).toBeNull();
    expect(sessionFilePattern('/s/*.jsonl', { id: null, cwd: '/w', home: '/h' })).toBe('/s/*.jsonl');
  });
});

describe('matching and reading', () => {
  it('* matches within one path segment, at any depth; the newest match is the one written last', () => {
    for (const [sub, name, mtime] of [['2026/01/02', 'rollout-a.jsonl', 1000], ['2026/01/03', 'rollout-b.jsonl', 3000], ['2026/01/03', 'other.txt', 5000]] as const) {
      mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, sub, name), 'x\n');
      utimesSync(join(dir, sub, name), mtime, mtime);
    }
    const pattern = join(dir, '*/*/*/rollout-*.jsonl');
    expect(matches(pattern).sort()).toEqual([join(dir, '2026/01/02/rollout-a.jsonl'), join(dir, '2026/01/03/rollout-b.jsonl')]);
    expect(newestMatch(pattern)?.path).toBe(join(dir, '2026/01/03/rollout-b.jsonl'));
    expect(newestMatch(join(dir, 'nothing/*.jsonl'))).toBeNull();
  });

  it('reads whole lines from an offset; a line being written waits; garbage is skipped; a shrunk file starts over', () => {
    const file = join(dir, 's.jsonl');
    writeFileSync(file, line({ n: 1 }) + 'not json\n' + line({ n: 2 }) + '{"n": 3');
    const first = readRecords(file, 0);
    expect(first.records).toEqual([{ n: 1 }, { n: 2 }]);
    appendFileSync(file, '}\n');
    const second = readRecords(file, first.next);
    expect(second.records).toEqual([{ n: 3 }]);
    writeFileSync(file, line({ n: 9 }));
    expect(readRecords(file, second.next).records).toEqual([{ n: 9 }]);
    expect(readRecords(join(dir, 'missing'), 5)).toEqual({ records: [], next: 5 });
  });
});

describe("one turn's reading of the session file", () => {
  const prompt = (time: number) => ({ type: 'user', timestamp: at(time), message: { content: 'go' } });
  /** a clock for how often the pattern is matched again: `later()` moves it past the rescan interval */
  const clock = () => {
    let t = 0;
    return { now: () => t, later: () => (t += 10_000) };
  };
  /** A file an earlier turn wrote and finished a minute before `now`, its mtime as old. */
  const writeOld = (path: string, now: number) => {
    writeFileSync(path, line(end('m0', 100, now - 60_000)));
    utimesSync(path, (now - 60_000) / 1000, (now - 60_000) / 1000);
  };

  it('counts only what is stamped from the turn on: the file before it is history', () => {
    const file = join(dir, 'conv.jsonl');
    const now = Date.now();
    writeFileSync(file, line(prompt(now - 60_000)) + line(end('old', 500, now - 60_000)));
    const turn = new TurnSessionFile(() => file, now);
    expect(turn.read()).toMatchObject({ sawUsage: false, ended: false });
    appendFileSync(file, line(prompt(now + 10)));
    expect(turn.read().ended).toBe(false);
    appendFileSync(file, line(end('new', 7, now + 20)));
    expect(turn.read()).toMatchObject({ ended: true, usage: { input: 1, output: 7 } });
  });

  it('a prompt recorded just before the turn was seen to start (typed into the pane) counts', () => {
    const file = join(dir, 'conv.jsonl');
    const now = Date.now();
    writeFileSync(file, line(prompt(now + 5)));
    const turn = new TurnSessionFile(() => file, now);
    appendFileSync(file, line(end('m1', 3, now + 50)));
    expect(turn.read()).toMatchObject({ ended: true, usage: { output: 3 } });
  });

  it('a new file during the turn (a fork) is read from its start, without the history it copied', () => {
    const now = Date.now();
    writeOld(join(dir, 'a.jsonl'), now);
    let id = 'a';
    const c = clock();
    const turn = new TurnSessionFile(() => join(dir, `${id}.jsonl`), now, c.now);
    id = 'b'; // the agent restarted on a fork: the id on screen changed
    writeFileSync(join(dir, 'b.jsonl'), line(prompt(now - 60_000)) + line(end('m0', 100, now - 60_000)) + line(prompt(now + 40)) + line(end('m1', 9, now + 50)));
    expect(turn.read().sawUsage).toBe(false); // not matched again yet
    c.later();
    expect(turn.read()).toMatchObject({ ended: true, usage: { output: 9 } });
  });

  it("a turn's last read looks for the file again: a file that appeared during a short turn is read", () => {
    const now = Date.now();
    const c = clock();
    const turn = new TurnSessionFile(() => join(dir, '*.jsonl'), now, c.now);
    expect(turn.read().sawUsage).toBe(false);
    // the CLI made its file at the first prompt, and the turn ends before the next rescan is due
    writeFileSync(join(dir, 'new.jsonl'), line(prompt(now + 1)) + line(end('m1', 6, now + 5)));
    expect(turn.read().sawUsage).toBe(false);
    expect(turn.read(true)).toMatchObject({ ended: true, usage: { output: 6 } });
  });

  it('a glob: the newest file written since the turn began, then that file alone', () => {
    const now = Date.now();
    writeOld(join(dir, 'stale.jsonl'), now);
    const c = clock();
    const turn = new TurnSessionFile(() => join(dir, '*.jsonl'), now, c.now);
    expect(turn.read().sawUsage).toBe(false);
    writeFileSync(join(dir, 'fresh.jsonl'), line(prompt(now + 1)) + line(end('m1', 4, now + 5)));
    c.later();
    expect(turn.read()).toMatchObject({ ended: true, usage: { output: 4 } });
    // a subagent's file, newer still, does not take over
    writeFileSync(join(dir, 'zz-agent.jsonl'), line(prompt(now + 6)) + line(end('s1', 1000, now + 7)));
    c.later();
    expect(turn.read()).toMatchObject({ usage: { output: 4 } });
  });
});

describe('reading past what does not fit', () => {
  it('a line longer than MAX_READ is passed over, and the records after it are read', () => {
    const file = join(dir, 'big.jsonl');
    const huge = JSON.stringify({ type: 'user', toolUseResult: 'x'.repeat(MAX_READ + 100) });
    writeFileSync(file, line({ n: 1 }) + huge + '\n' + line({ n: 2 }));
    let offset = 0;
    const seen: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const r = readRecords(file, offset);
      seen.push(...r.records);
      offset = r.next;
    }
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(offset).toBe(statSync(file).size);
  });

  it('an offset inside a line skips to the next line; a line cut by the buffer is read whole next time', () => {
    const file = join(dir, 'mid.jsonl');
    writeFileSync(file, line({ n: 1 }) + line({ n: 2 }));
    expect(readRecords(file, 3).records).toEqual([{ n: 2 }]);
    const long = JSON.stringify({ n: 3, pad: 'y'.repeat(MAX_READ - 21) }); // MAX_READ - 5 bytes: fits alone, not after line 1
    writeFileSync(file, line({ n: 1 }) + long + '\n');
    const first = readRecords(file, 0);
    expect(first.records).toEqual([{ n: 1 }]); // the long line does not fit after it
    expect(readRecords(file, first.next).records).toMatchObject([{ n: 3 }]);
  });
});

describe('a session file replaced under its name', () => {
  it("is read again from its start, the turn's records counted once", () => {
    const file = join(dir, 'conv.jsonl');
    const now = Date.now();
    const prompt = { type: 'user', timestamp: at(now + 1), message: { content: 'go' } };
    writeFileSync(file, '');
    const turn = new TurnSessionFile(() => file, now);
    appendFileSync(file, line(prompt) + line(end('m1', 5, now + 2)));
    expect(turn.read()).toMatchObject({ usage: { output: 5 } });
    const replacement = join(dir, 'conv.tmp');
    // the CLI rewrote its transcript: m1 as it ended up, then m2
    writeFileSync(replacement, line(prompt) + line(end('m1', 50, now + 2)) + line(end('m2', 6, now + 3)));
    renameSync(replacement, file);
    expect(turn.read()).toMatchObject({ usage: { output: 56 } });
  });
});
