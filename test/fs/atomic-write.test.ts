import { lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/fs/atomic-write.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hangar-atomic-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('writeFileAtomic and planted symlinks', () => {
  it('replaces a symlink planted at the target itself, leaving the file it named alone', () => {
    const dir = tempDir();
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious\n');
    const state = join(dir, 'restarts-a.json');
    symlinkSync(victim, state);
    writeFileAtomic(state, '{"n":1}\n');
    expect(lstatSync(state).isSymbolicLink()).toBe(false);
    expect(readFileSync(state, 'utf8')).toBe('{"n":1}\n');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('never writes through a symlink planted under the temp file\'s name: the write fails, the link stays', () => {
    const dir = tempDir();
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious\n');
    const now = 1_700_000_000_000;
    vi.spyOn(Date, 'now').mockReturnValue(now);
    // the temp names this process could choose (a counter tells calls apart; main's had none)
    const planted = [`.x.json.${process.pid}.${now}.tmp`, ...Array.from({ length: 20 }, (_, i) => `.x.json.${process.pid}.${now}.${i}.tmp`)];
    for (const name of planted) symlinkSync(victim, join(dir, name));
    expect(() => writeFileAtomic(join(dir, 'x.json'), 'new\n')).toThrow(/EEXIST/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    for (const name of planted) expect(readlinkSync(join(dir, name))).toBe(victim);
    expect(readdirSync(dir)).not.toContain('x.json');
  });

  it('writes, and a second write in the same millisecond does too', () => {
    const dir = tempDir();
    vi.spyOn(Date, 'now').mockReturnValue(1);
    writeFileAtomic(join(dir, 'a'), 'one');
    writeFileAtomic(join(dir, 'a'), 'two');
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a']);
  });
});
