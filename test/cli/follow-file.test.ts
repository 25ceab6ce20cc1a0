import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followFile, readLog, type LogPosition } from '../../src/cli/follow-file.js';
import { RotatingFile } from '../../src/fs/rotating-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-follow-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `line ${from + i}\n`).join('');
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Follow `path` from `offset` until the text ends with `last`; resolves with everything printed. */
function followUntil(path: string, offset: LogPosition, last: string): { done: Promise<string>; started: Promise<void> } {
  const stop = new AbortController();
  let text = '';
  let resolveDone!: (t: string) => void;
  const done = new Promise<string>((r) => (resolveDone = r));
  const following = followFile(path, offset, (t) => {
    text += t;
    if (text.endsWith(last)) stop.abort();
  }, stop.signal);
  void following.then(() => resolveDone(text));
  return { done, started: tick().then(() => undefined) };
}

describe('readLog', () => {
  it('reads the rotated files and the live one as one stream, or only its last bytes', () => {
    const path = join(dir, 'a.log');
    writeFileSync(`${path}.2`, 'one ');
    writeFileSync(`${path}.1`, 'two ');
    writeFileSync(path, 'three');
    let all = '';
    expect(readLog(path, (t) => (all += t)).offset).toBe(5);
    expect(all).toBe('one two three');
    let tail = '';
    readLog(path, (t) => (tail += t), 7);
    expect(tail).toBe('o three');
  });

  it('keeps a character whole when a file boundary splits it', () => {
    const path = join(dir, 'u.log');
    const bytes = Buffer.from('né', 'utf8'); // é is two bytes
    writeFileSync(`${path}.1`, bytes.subarray(0, 2));
    writeFileSync(path, bytes.subarray(2));
    let all = '';
    readLog(path, (t) => (all += t));
    expect(all).toBe('né');
  });

  it('a rotation while it reads changes nothing it prints: every file is opened before the first is read', () => {
    const path = join(dir, 'busy.log');
    const log = new RotatingFile(path, { maxBytes: 6, keep: 1 });
    log.write('one\n');
    log.write('two\n'); // one is NAME.1 now
    let all = '';
    let rotated = false;
    const at = readLog(path, (t) => {
      all += t;
      if (!rotated) {
        rotated = true;
        log.write('three\n'); // while it reads: two becomes NAME.1, one is deleted
      }
    });
    log.close();
    expect(all).toBe('one\ntwo\n');
    expect(at.offset).toBe(4);
  });

  it('is empty for a log not yet written', () => {
    let all = '';
    expect(readLog(join(dir, 'none.log'), (t) => (all += t))).toEqual({ ino: null, offset: 0 });
    expect(all).toBe('');
  });
});

describe('followFile across rotations', () => {
  it('prints the rest of a file renamed away, then the new one from its start: nothing lost, nothing twice', async () => {
    const path = join(dir, 'r.log');
    const log = new RotatingFile(path, { maxBytes: 4096, keep: 1 });
    log.write(lines(0, 10));
    const offset = readLog(path, () => {});
    const { done, started } = followUntil(path, offset, 'line 2009\n');
    await started;
    // written in bursts between turns of the event loop, rotating every ~450 lines
    for (let i = 10; i < 2010; i += 50) {
      log.write(lines(i, i + 50));
      await tick();
    }
    log.close();
    expect(await done).toBe(lines(10, 2010));
  });

  it('follows through rotations that drop every old file (log_keep 0)', async () => {
    const path = join(dir, 'k.log');
    const log = new RotatingFile(path, { maxBytes: 2048, keep: 0 });
    const { done, started } = followUntil(path, { ino: null, offset: 0 }, 'line 599\n');
    await started;
    for (let i = 0; i < 600; i += 20) {
      log.write(lines(i, i + 20));
      await tick();
    }
    log.close();
    expect(await done).toBe(lines(0, 600));
  });

  it('a rotation between reading the log and following it loses nothing', async () => {
    const path = join(dir, 'between.log');
    const log = new RotatingFile(path, { maxBytes: 100, keep: 1 });
    log.write(lines(0, 5));
    let read = '';
    const at = readLog(path, (t) => (read += t));
    log.write(lines(5, 10)); // the rest of the file that was read…
    log.write(lines(10, 20)); // …and a rotation: it is NAME.1 now
    const { done, started } = followUntil(path, at, 'line 24\n');
    await started;
    log.write(lines(20, 25));
    log.close();
    expect(read + (await done)).toBe(lines(0, 25));
  });

  it('a follower two rotations behind (a busy machine) reads the file between from NAME.1: nothing lost', async () => {
    const path = join(dir, 'behind.log');
    const log = new RotatingFile(path, { maxBytes: 100, keep: 1 });
    log.write(lines(0, 10));
    let text = '';
    const stop = new AbortController();
    const following = followFile(path, { ino: null, offset: 0 }, (t) => {
      text += t;
      if (text.endsWith('line 34\n')) stop.abort();
    }, stop.signal);
    await tick();
    expect(text).toBe(lines(0, 10)); // it holds the first file open
    // two rotations before it looks again: the first file is deleted, the second is NAME.1
    log.write(lines(10, 20));
    log.write(lines(20, 30));
    await tick();
    log.write(lines(30, 35));
    log.close();
    await following;
    expect(text).toBe(lines(0, 35));
  });

  it('starts before the file exists and reads a file truncated in place from its start', async () => {
    const path = join(dir, 'later.log');
    const { done, started } = followUntil(path, { ino: null, offset: 0 }, 'end\n');
    await started;
    writeFileSync(path, 'first\n');
    await tick();
    writeFileSync(path, 'end\n'); // truncated, shorter
    expect(await done).toMatch(/end\n$/);
  });
});
