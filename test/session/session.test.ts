import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../src/protocol/messages.js';
import { SessionHarness, waitForExit, waitForScreen, waitForStatus, waitForText } from './session-helpers.js';

let harness = new SessionHarness();
afterEach(async () => {
  await harness.cleanup();
  harness = new SessionHarness();
});

describe('Session in a real pty', () => {
  it('output reaches the screen and the log file byte-exact', async () => {
    // -opost: the pty passes bytes through unchanged, so the log must equal what printf wrote.
    const session = harness.start(`stty -opost; printf 'hello \\033[31mred\\033[0m\\r\\nnon-utf8 \\377 é\\r\\n'`);
    await waitForExit(session);
    await waitForText(session, 'non-utf8');
    await session.logFlushed();
    const log = readFileSync(harness.dir + '/logs/s0.log');
    expect(log.equals(Buffer.concat([Buffer.from('hello \x1b[31mred\x1b[0m\r\nnon-utf8 ', 'latin1'), Buffer.from([0xff]), Buffer.from(' é\r\n', 'utf8')]))).toBe(true);
    expect(session.screenText()).toBe('hello red\nnon-utf8  é'); // xterm drops the invalid byte
    expect(session.snapshot().lines[0]!.text).toBe('hello \x1b[31mred\x1b[0m');
  });

  it('appends to an existing log instead of truncating it', async () => {
    const first = harness.start(`stty -opost; printf one`, { logPath: harness.dir + '/shared.log' });
    await waitForExit(first);
    await first.logFlushed();
    first.dispose();
    const second = harness.start(`stty -opost; printf two`, { logPath: harness.dir + '/shared.log' });
    await waitForExit(second);
    await second.logFlushed();
    expect(readFileSync(harness.dir + '/shared.log', 'utf8')).toBe('onetwo');
  });

  it('resize reaches the child (stty size inside changes)', async () => {
    const session = harness.start(`stty size; read _; stty size; read _`);
    await waitForText(session, '24 80');
    session.resize(100, 30);
    session.write('\r');
    await waitForText(session, '30 100');
    expect(session.snapshot()).toMatchObject({ cols: 100, rows: 30 });
  });

  it('reports the exit code and status exited', async () => {
    const session = harness.start(`echo bye; exit 3`);
    const exits: Array<[number | null, number | null]> = [];
    session.onExit((code, signal) => exits.push([code, signal]));
    await waitForExit(session);
    expect(exits).toEqual([[3, null]]);
    expect(session.exitCode).toBe(3);
    expect(session.status).toBe('exited');
    expect(session.running).toBe(false);
  });

  it('reports a signal death', async () => {
    const session = harness.start(`kill -9 $$`);
    await waitForExit(session);
    expect(session.exitSignal).toBe(9);
    expect(session.exitCode).toBeNull();
  });

  it('goes starting → idle when the child prints and waits, working while it prints', async () => {
    const session = harness.start(`echo ready; read _; for i in 1 2 3 4 5 6 7 8; do echo tick $i; sleep 0.05; done; read _`);
    const seen: SessionStatus[] = [];
    session.onStatus((status) => seen.push(status));
    expect(session.status).toBe('starting');
    await waitForStatus(session, 'idle');
    session.write('\r');
    await waitForStatus(session, 'working');
    await waitForText(session, 'tick 8');
    await waitForStatus(session, 'idle');
    expect(seen).toEqual(['idle', 'working', 'idle']);
  });

  it('a child that prints a spinner without pause goes starting → working, never idle', async () => {
    const spinner = `i=0; while :; do i=$((i+1)); printf '\\rbuilding %s' $i; sleep 0.05; done`;
    const session = harness.start(spinner, { timing: { quietMs: 150, debounceMs: 30, startingMs: 500 } });
    const seen: SessionStatus[] = [];
    session.onStatus((status) => seen.push(status));
    await waitForText(session, 'building');
    await waitForStatus(session, 'working', 15_000);
    expect(seen).toEqual(['working']);
    expect(session.screenText()).toMatch(/building \d+/);
  });

  it('keeps scrollback bounded', async () => {
    const session = harness.start(`i=1; while [ $i -le 300 ]; do echo line $i; i=$((i+1)); done`, { rows: 10, scrollback: 50 });
    await waitForExit(session);
    await waitForText(session, 'line 300');
    const tail = session.tail(1000);
    expect(tail.length).toBeLessThanOrEqual(60);
    expect(tail.length).toBeGreaterThanOrEqual(50);
    expect(tail[tail.length - 1]).toBe('line 300');
    expect(session.tail(2)).toEqual(['line 299', 'line 300']);
  });

  it('names the foreground process', async () => {
    const session = harness.start(`exec cat`);
    // The line discipline echoes 'x'; the second 'x' is cat's own output, so cat is running.
    session.write('x\r');
    await waitForScreen(session, () => session.screenText() === 'x\nx');
    expect(session.foregroundProcess()).toBe('cat');
  });

  it('rejects an unknown submit key at construction', () => {
    expect(() => harness.create('true', { submitKey: 'Return2' })).toThrow(/unknown key/);
  });
});

describe('Session log errors', () => {
  it('a log that cannot be written is reported, and the session runs on', async () => {
    const { mkdirSync } = await import('node:fs');
    // A directory where the log file should be: opening it for append fails.
    mkdirSync(harness.dir + '/logs/s0.log', { recursive: true });
    const session = harness.start(`echo still here; read _`);
    await waitForText(session, 'still here');
    await session.logFlushed(); // settles once the failed open has been reported
    await new Promise<void>((resolve) => setImmediate(resolve)); // the 'error' event follows
    expect(session.logError).toBeInstanceOf(Error);
    expect(session.running).toBe(true);
    session.write('\r');
    await waitForExit(session);
    expect(session.exitCode).toBe(0);
  });

  it('a symbolic link planted as its log is refused, never written through, and the session runs on', async () => {
    const { mkdirSync, readFileSync, symlinkSync, writeFileSync } = await import('node:fs');
    mkdirSync(harness.dir + '/logs', { recursive: true });
    writeFileSync(harness.dir + '/victim', 'untouched\n');
    symlinkSync(harness.dir + '/victim', harness.dir + '/logs/planted.log');
    const session = harness.start(`echo output goes on; read _`, { logPath: harness.dir + '/logs/planted.log' });
    await waitForText(session, 'output goes on');
    await session.logFlushed();
    expect(session.logError?.message).toMatch(/refused .*planted\.log: it is a symbolic link/);
    expect(readFileSync(harness.dir + '/victim', 'utf8')).toBe('untouched\n');
    session.write('\r');
    await waitForExit(session);
    expect(session.exitCode).toBe(0);
  });
});
