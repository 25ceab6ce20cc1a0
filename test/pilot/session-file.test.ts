import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cwdSlug, matches, MAX_READ, newestMatch, readRecords, sessionFilePattern } from '../../src/pilot/session-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-sessfile-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const line = (r: unknown) => JSON.stringify(r) + '\n';

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
