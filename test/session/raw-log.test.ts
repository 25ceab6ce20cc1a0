import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FLUSH_EVERY_MS, MAX_BATCH_BYTES, RawLog } from '../../src/session/raw-log.js';
import { ManualClock } from '../../src/base/manual-clock.js';
import { scratchDir } from '../helpers/scratch-dir.js';

const dir = scratchDir('hangar-raw-log').path();
const logs: RawLog[] = [];
afterEach(() => logs.splice(0).forEach((l) => l.dispose()));

const CAP = { maxBytes: 50 * 1024 * 1024, keep: 2 };

function open(name: string, cap = CAP, clock = new ManualClock(0)): { log: RawLog; path: string; read: () => string; clock: ManualClock } {
  const path = join(dir, name);
  const log = new RawLog(path, cap, clock);
  logs.push(log);
  return { log, path, read: () => readFileSync(path, 'utf8'), clock };
}

describe('RawLog', () => {
  it('writes the chunks of FLUSH_EVERY_MS together, in order (a redrawing TUI: a few writes a second, not one a frame)', () => {
    const { log, read, clock } = open('batched.log');
    log.append(Buffer.from('one '));
    clock.advance(80);
    log.append('two ');
    clock.advance(80);
    log.append(new Uint8Array([0x74, 0x68, 0x72, 0x65, 0x65]));
    expect(read()).toBe(''); // not one write per chunk
    clock.advance(FLUSH_EVERY_MS - 161);
    expect(read()).toBe('');
    clock.advance(1);
    expect(read()).toBe('one two three');
    log.append(' four');
    clock.advance(FLUSH_EVERY_MS);
    expect(read()).toBe('one two three four');
  });

  it('writes a large batch at once', () => {
    const { log, read } = open('large.log');
    log.append(Buffer.alloc(MAX_BATCH_BYTES, 'x'));
    expect(read().length).toBe(MAX_BATCH_BYTES);
  });

  it('writes what is pending when disposed', () => {
    const { log, read } = open('disposed.log');
    log.append('last words');
    log.dispose();
    expect(read()).toBe('last words');
    log.append('after the end'); // ignored, not thrown
  });

  it('loses nothing when the process exits right after the output', () => {
    const path = join(dir, 'exit.log');
    // a node process of its own, on the built module (npm test builds first)
    const script = `
      const { pathToFileURL } = require('node:url');
      import(pathToFileURL(process.argv[1]).href).then(({ RawLog }) => {
        const log = new RawLog(process.argv[2], { maxBytes: 1 << 20, keep: 1 });
        for (let i = 0; i < 1000; i++) log.append('line ' + i + '\\n');
        process.exit(0);
      });`;
    execFileSync(process.execPath, ['-e', script, distModule(), path]);
    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('line 999\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(1001);
  });

  it('rotates at its cap between batches: every file under it, the newest output kept in order', () => {
    const { log, path, clock } = open('rotating.log', { maxBytes: 64 * 1024, keep: 1 });
    let all = '';
    for (let turnNo = 0; turnNo < 40; turnNo++) {
      for (let i = 0; i < 20; i++) {
        const line = `turn ${turnNo} chunk ${i} ${'x'.repeat(200)}\n`;
        all += line;
        log.append(line);
      }
      clock.advance(FLUSH_EVERY_MS);
    }
    const kept = readFileSync(`${path}.1`, 'utf8') + readFileSync(path, 'utf8');
    expect(statSync(path).size).toBeLessThanOrEqual(64 * 1024);
    expect(statSync(`${path}.1`).size).toBeLessThanOrEqual(64 * 1024);
    expect(existsSync(`${path}.2`)).toBe(false);
    expect(all.endsWith(kept)).toBe(true);
    expect(kept.length).toBeGreaterThan(64 * 1024);
  });

  it('refuses a symbolic link planted as its file and writes nothing through it', () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me\n');
    symlinkSync(victim, join(dir, 'linked.log'));
    const { log } = open('linked.log');
    expect(log.error?.message).toMatch(/symbolic link/);
    log.append('agent output');
    log.flush();
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
  });

  it('reports a file it cannot open, and takes appends quietly', () => {
    const { log } = open('.'); // a directory
    expect(log.error).toBeInstanceOf(Error);
    log.append('nowhere');
    log.flush();
  });
});

function distModule(): string {
  return fileURLToPath(new URL('../../dist/session/raw-log.js', import.meta.url));
}
