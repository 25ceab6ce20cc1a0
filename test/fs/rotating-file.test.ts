import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import fs, { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rotateFiles, RotatingFile } from '../../src/fs/rotating-file.js';

let dir: string;
const open: RotatingFile[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-rotating-'));
});
afterEach(() => {
  open.splice(0).forEach((f) => f.close());
  vi.restoreAllMocks();
  syncBuiltinESMExports();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, maxBytes: number, keep: number): { log: RotatingFile; path: string } {
  const path = join(dir, name);
  const log = new RotatingFile(path, { maxBytes, keep });
  open.push(log);
  return { log, path };
}

const sizes = () => Object.fromEntries(readdirSync(dir).sort().map((n) => [n, statSync(join(dir, n)).size]));
const concat = (paths: string[]) => Buffer.concat(paths.map((p) => readFileSync(p)));

describe('RotatingFile', () => {
  it('rotates by rename when a write would pass the cap, keeping `keep` files, the newest bytes in order', () => {
    const { log, path } = file('a.log', 1000, 2);
    const stream: Buffer[] = [];
    for (let i = 0; i < 60; i++) {
      const chunk = randomBytes(1 + ((i * 37) % 300));
      stream.push(chunk);
      log.write(chunk);
    }
    const all = Buffer.concat(stream); // ~9 KB through a 1000-byte cap
    expect(Object.keys(sizes())).toEqual(['a.log', 'a.log.1', 'a.log.2']);
    for (const size of Object.values(sizes())) expect(size).toBeLessThanOrEqual(1000);
    // NAME.2 NAME.1 NAME is the end of the stream, byte for byte
    const kept = concat([`${path}.2`, `${path}.1`, path]);
    expect(all.subarray(all.length - kept.length).equals(kept)).toBe(true);
    expect(kept.length).toBeGreaterThan(1000);
  });

  it('keeps a write whole in one file when it fits in one, and splits only a write longer than the cap', () => {
    const { log, path } = file('lines.log', 100, 1);
    log.write('x'.repeat(60) + '\n');
    log.write('y'.repeat(60) + '\n'); // does not fit beside the first: a new file
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('x'.repeat(60) + '\n');
    expect(readFileSync(path, 'utf8')).toBe('y'.repeat(60) + '\n');
    log.write('z'.repeat(250));
    expect(sizes()).toEqual({ 'lines.log': 50, 'lines.log.1': 100 });
  });

  it('with keep 0 keeps only the live file', () => {
    const { log } = file('zero.log', 100, 0);
    for (let i = 0; i < 10; i++) log.write('a'.repeat(40));
    expect(sizes()).toEqual({ 'zero.log': 80 });
  });

  it('continues an existing file, and rotates one already past the cap at the first write', () => {
    writeFileSync(join(dir, 'old.log'), 'x'.repeat(500));
    const { log, path } = file('old.log', 100, 1);
    log.write('new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(`${path}.1`).size).toBe(500);
    writeFileSync(join(dir, 'more.log'), 'ab');
    const more = file('more.log', 100, 1);
    more.log.write('cd');
    expect(readFileSync(more.path, 'utf8')).toBe('abcd');
  });

  it('refuses a symbolic link planted under its name, writes nothing through it, and says so', () => {
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, join(dir, 'planted.log'));
    const { log } = file('planted.log', 1000, 1);
    expect(log.error?.message).toMatch(/refused .*planted\.log: it is a symbolic link/);
    log.write('agent output\n');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(join(dir, 'planted.log')).isSymbolicLink()).toBe(true);
  });

  it('rotation moves planted links themselves, never what they point at', () => {
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, join(dir, 'b.log.1'));
    symlinkSync(victim, join(dir, 'b.log.2'));
    const { log } = file('b.log', 10, 1);
    log.write('0123456789');
    log.write('abc'); // b.log → b.log.1 (replacing the link), b.log.2 (past keep) deleted
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(existsSync(join(dir, 'b.log.2'))).toBe(false);
    expect(readFileSync(join(dir, 'b.log.1'), 'utf8')).toBe('0123456789');
  });

  it('refuses a FIFO planted under its name without hanging', () => {
    const fifo = join(dir, 'fifo.log');
    execFileSync('mkfifo', [fifo]); // node has no mkfifo of its own
    const { log } = file('fifo.log', 1000, 1);
    expect(log.error).toBeInstanceOf(Error);
    log.write('nothing');
  });

  it('a full disk loses the bytes, never throws, reports why until a write goes through again', () => {
    const { log, path } = file('full.log', 1000, 1);
    log.write('before\n');
    const spy = vi.spyOn(fs, 'writeSync').mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    syncBuiltinESMExports(); // the module's named import of writeSync sees the fake
    expect(() => log.write('lost\n')).not.toThrow();
    expect(log.error?.message).toMatch(/cannot write .*full\.log: ENOSPC: no space left on device/);
    expect((log.error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    spy.mockRestore();
    syncBuiltinESMExports();
    log.write('after\n');
    expect(log.error).toBeNull();
    expect(readFileSync(path, 'utf8')).toBe('before\nafter\n');
  });

  it('creates its folder', () => {
    const { log, path } = file('sub/dir/c.log', 1000, 1);
    log.write('x');
    expect(readFileSync(path, 'utf8')).toBe('x');
  });
});

describe('rotateFiles', () => {
  it('moves each file one place up, drops what passes keep (also what a larger keep left), skips gaps', () => {
    const path = join(dir, 'r.log');
    for (const [name, text] of [['r.log', '0'], ['r.log.1', '1'], ['r.log.3', '3'], ['r.log.4', '4'], ['r.log.5', '5']]) writeFileSync(join(dir, name!), text!);
    rotateFiles(path, 3);
    expect(Object.fromEntries(readdirSync(dir).sort().map((n) => [n, readFileSync(join(dir, n), 'utf8')]))).toEqual({
      'r.log.1': '0', 'r.log.2': '1', 'r.log.3': '3',
    });
  });
});

