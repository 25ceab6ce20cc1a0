import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askSynchronizedOutput, SYNC_QUERY, syncAnswer } from '../../src/doctor/terminal-query.js';

describe('asking the terminal for DEC 2026', () => {
  it("reads DECRQM's answer once DA1's has come, and DA1 alone as no support", () => {
    expect(syncAnswer('\x1b[?2026;2$y\x1b[?62;22c')).toBe('supported'); // known, reset
    expect(syncAnswer('\x1b[?2026;1$y\x1b[?1;2c')).toBe('supported');
    expect(syncAnswer('\x1b[?2026;4$y\x1b[?1;2c')).toBe('supported');
    expect(syncAnswer('\x1b[?2026;0$y\x1b[?1;2c')).toBe('unsupported'); // not recognized
    expect(syncAnswer('\x1b[?1;2c')).toBe('unsupported'); // DECRQM ignored
    // DA1's answer still to come: keep reading, so it is not left for the shell after doctor exits
    expect(syncAnswer('\x1b[?2026;2$y')).toBeNull();
    expect(syncAnswer('\x1b[?2026;')).toBeNull();
    expect(syncAnswer('')).toBeNull();
    // no more is coming
    expect(syncAnswer('\x1b[?2026;2$y', true)).toBe('supported');
    expect(syncAnswer('', true)).toBe('unknown');
  });

  it('writes the query, resolves on the answer however it is split, and puts the input back as it was', async () => {
    const stdin = Object.assign(new PassThrough(), { isRaw: false, raw: [] as boolean[], setRawMode(r: boolean) { this.raw.push(r); } });
    const stdout = new PassThrough();
    const written: string[] = [];
    stdout.on('data', (d: Buffer) => {
      written.push(d.toString());
      // the terminal answers once it has read the query, in two pieces
      stdin.write('\x1b[?20');
      stdin.write('26;2$y\x1b[?62c');
    });
    await expect(askSynchronizedOutput(stdin, stdout)).resolves.toBe('supported');
    expect(written.join('')).toBe(SYNC_QUERY);
    expect(stdin.raw).toEqual([true, false]);
    expect(stdin.listenerCount('data')).toBe(0);
  });
});
