import { afterEach, describe, expect, it } from 'vitest';
import { WatchedPty } from '../../src/terminal/watched-pty.js';

let pty: WatchedPty | undefined;
afterEach(async () => {
  await pty?.close();
  pty = undefined;
});

describe('the watching terminal', () => {
  it("times what it shows by the arrival of the chunk that showed it, not by the emulator's later parse", async () => {
    let readings = 0;
    pty = new WatchedPty({
      file: '/bin/sh',
      args: ['-c', 'stty -echo; printf first; read -r go; printf second; read -r go'],
      cwd: '/',
      env: { PATH: process.env.PATH ?? '' },
      cols: 40,
      rows: 5,
      now: () => ++readings,
    });
    // what the clock said when each chunk was handed to the emulator (it parses later, on a timer)
    const handedAt: number[] = [];
    const term = pty.term;
    const write = term.write.bind(term);
    term.write = ((data: string, done?: () => void) => {
      handedAt.push(readings);
      write(data, done);
    }) as typeof term.write;
    let firstAt = 0;
    await pty.waitFor('the first word', (screen) => screen.includes('first') && ((firstAt = pty!.chunkArrivedAt), true), 10_000);
    expect(handedAt).toContain(firstAt);
    pty.write('\n');
    let secondAt = 0;
    await pty.waitFor('the second word', (screen) => screen.includes('second') && ((secondAt = pty!.chunkArrivedAt), true), 10_000);
    expect(secondAt).toBeGreaterThan(firstAt);
    expect(handedAt).toContain(secondAt);
    expect(readings).toBe(handedAt.length); // one reading per chunk, none at the parse
  });
});
