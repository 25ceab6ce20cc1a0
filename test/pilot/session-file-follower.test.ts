import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionFileFollower, TAIL_BYTES } from '../../src/pilot/session-file-follower.js';

const T0 = Date.UTC(2026, 11, 5, 12, 0);
const rec = (n: number, at = T0 + n * 1000) => `${JSON.stringify({ n, timestamp: new Date(at).toISOString() })}\n`;
/** rescans are at most every 2 s: each read is a little later */
let now = T0;
const later = () => (now += 5000);

describe('SessionFileFollower', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hangar-follower-'));
    file = join(dir, 'rollout-x-abc.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('returns what was appended since the last read, whole lines only, leaving out records before its session', () => {
    writeFileSync(file, rec(-100) + rec(1));
    const f = new SessionFileFollower(() => join(dir, 'rollout-*-abc.jsonl'), T0);
    expect(f.read(later()).records).toEqual([{ n: 1, timestamp: new Date(T0 + 1000).toISOString() }]);
    appendFileSync(file, rec(2) + '{"n":3');
    expect(f.read(later()).records.map((r) => (r as { n: number }).n)).toEqual([2]);
    appendFileSync(file, '}\n');
    expect(f.read(later()).records).toEqual([{ n: 3 }]);
    expect(f.read(later()).records).toEqual([]);
  });

  it('reads a file replaced under its name, or cut short, again from its start', () => {
    writeFileSync(file, rec(1) + rec(2));
    const f = new SessionFileFollower(() => file, T0);
    expect(f.read(later()).records).toHaveLength(2);
    writeFileSync(join(dir, 'new'), rec(7));
    renameSync(join(dir, 'new'), file);
    // the read says so: whoever gathered records from the old file drops them
    expect(f.read(later())).toEqual({ records: [expect.objectContaining({ n: 7 })], restarted: true });
    appendFileSync(file, rec(8) + rec(9));
    expect(f.read(later())).toMatchObject({ restarted: false, records: [{ n: 8 }, { n: 9 }] });
    truncateSync(file, 0);
    appendFileSync(file, rec(10));
    expect(f.read(later())).toEqual({ records: [expect.objectContaining({ n: 10 })], restarted: true });
  });

  it('reads a long file it first finds from its tail only (bounded), and waits for a file not there yet', () => {
    const f = new SessionFileFollower(() => file, T0);
    expect(f.read(later()).records).toEqual([]);
    const filler = `${JSON.stringify({ pad: 'x'.repeat(1000) })}\n`;
    writeFileSync(file, filler.repeat(Math.ceil((2 * TAIL_BYTES) / filler.length)) + rec(5));
    const got = f.read(later()).records;
    expect(got.length).toBeLessThan(Math.ceil(TAIL_BYTES / filler.length) + 2);
    expect(got.at(-1)).toMatchObject({ n: 5 });
  });

  it('follows no file while the pattern needs an id not known yet', () => {
    writeFileSync(file, rec(1));
    let id: string | null = null;
    const f = new SessionFileFollower(() => (id ? join(dir, `rollout-*-${id}.jsonl`) : null), T0);
    expect(f.read(later()).records).toEqual([]);
    id = 'abc';
    expect(f.read(later()).records).toHaveLength(1);
  });
});

describe('SessionFileFollower: matching the pattern on disk', () => {
  it('once a file is found, matches again only when the pattern changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hangar-follower-'));
    try {
      writeFileSync(join(dir, 'a.jsonl'), rec(1));
      let pattern = join(dir, '*.jsonl');
      let asked = 0;
      const f = new SessionFileFollower(() => (asked++, pattern), T0);
      expect(f.read(later()).records).toHaveLength(1);
      // a newer file under the same pattern is not looked for (no listing of folders at every look)
      writeFileSync(join(dir, 'b.jsonl'), rec(2));
      expect(f.read(later()).records).toEqual([]);
      pattern = join(dir, 'b.jsonl');
      expect(f.read(later()).records.map((r) => (r as { n: number }).n)).toEqual([2]);
      expect(asked).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps looking while the file it found holds nothing of this session: a fork's new file, written a moment after the start", () => {
    const dir = mkdtempSync(join(tmpdir(), 'hangar-follower-'));
    try {
      // the conversation before the restart: its records are all older than this session
      writeFileSync(join(dir, 'old.jsonl'), rec(-50) + rec(-40));
      const f = new SessionFileFollower(() => join(dir, '*.jsonl'), T0);
      expect(f.read(later()).records).toEqual([]);
      writeFileSync(join(dir, 'fork.jsonl'), rec(-40) + rec(3));
      const r = f.read(later());
      expect(r.records.map((x) => (x as { n: number }).n)).toEqual([3]);
      expect(r.restarted).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
