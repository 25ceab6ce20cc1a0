import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askSynchronizedOutput, SYNC_QUERY, syncAnswer } from '../../src/doctor/terminal-query.js';

describe('asking the terminal for DEC 2026', () => {
  it("reads DECRQM's answer, and DA1 arriving first as no support", () => {
    expect(syncAnswer('\x1b[?2026;2$y\x1b[?62;22c')).toBe('supported'); // known, reset
    expect(syncAnswer('\x1b[?2026;1$y')).toBe('supported');
    expect(syncAnswer('\x1b[?2026;4$y')).toBe('supported');
    expect(syncAnswer('\x1b[?2026;0$y\x1b[?1;2c')).toBe('unsupported'); // not recognized
    expect(syncAnswer('\x1b[?1;2c')).toBe('unsupported'); // DECRQM ignored
    expect(syncAnswer('\x1b[?2026;')).toBeNull(); // half an answer: keep reading
    expect(syncAnswer('')).toBeNull();
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
