import xtermHeadless from '@xterm/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { EMULATOR_SCROLLBACK, Scrollback } from '../../src/session/scrollback.js';
import { rowToAnsi } from '../../src/session/row-ansi.js';
import { readUsedCells } from '../../src/session/xterm-cells.js';
import { useModernWidths } from '../../src/terminal/unicode-widths.js';

const { Terminal } = xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

const open: Array<{ dispose(): void }> = [];
afterEach(() => open.splice(0).forEach((d) => d.dispose()));

function terminal(cols: number, rows: number, scrollback: number): HeadlessTerminal {
  const t = new Terminal({ cols, rows, scrollback, allowProposedApi: true });
  useModernWidths(t);
  open.push(t);
  return t;
}

/** An emulator with the compact history, as Screen makes it. */
function withHistory(capacity: number, cols = 40, rows = 5): { term: HeadlessTerminal; history: Scrollback } {
  const term = terminal(cols, rows, Math.min(capacity, EMULATOR_SCROLLBACK));
  const history = new Scrollback(term, capacity);
  open.push(history);
  return { term, history };
}

const write = (t: HeadlessTerminal, data: string) => new Promise<void>((resolve) => t.write(data, resolve));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const lines = (from: number, to: number, f: (i: number) => string = String) => range(from, to).map(f);

describe('Scrollback', () => {
  it('holds far more history than the emulator keeps, every line intact', async () => {
    const { term, history } = withHistory(10_000);
    await write(term, lines(1, 5000).join('\r\n') + '\r\n');
    expect(term.buffer.normal.length).toBeLessThanOrEqual(EMULATOR_SCROLLBACK + 5); // the emulator stays small
    expect(history.length).toBe(5001); // 5000 lines and the empty row of the cursor
    expect(history.screenTop()).toBe(5001 - 5);
    expect(range(0, 4999).map((y) => history.plain(y))).toEqual(lines(1, 5000));
  });

  it('keeps up with one huge write (the lines move out while it is parsed)', async () => {
    const { term, history } = withHistory(100_000);
    await write(term, lines(1, 50_000).join('\r\n'));
    expect(history.plain(0)).toBe('1');
    expect(history.plain(25_000)).toBe('25001');
    expect(history.plain(49_999)).toBe('50000');
  });

  it('is bounded by its capacity, oldest lines first to go', async () => {
    const { term, history } = withHistory(1000);
    await write(term, lines(1, 3000).join('\r\n'));
    expect(history.length).toBe(1000 + 5);
    expect(history.plain(0)).toBe('1996');
    expect(history.plain(1004)).toBe('3000');
  });

  it('gives back every style, colour and wide character as the emulator had them', async () => {
    const styled = (i: number) =>
      `\x1b[1;31mred ${i}\x1b[0m \x1b[38;5;208m256\x1b[48;2;1;2;3m rgb\x1b[0m \x1b[4;7mul\x1b[0m 漢字 🙂 \x1b[44m   \x1b[0m`;
    const { term, history } = withHistory(1000);
    const reference = terminal(40, 5, 1000);
    const text = lines(1, 800, styled).join('\r\n');
    await write(term, text);
    await write(reference, text);
    const buffer = reference.buffer.active;
    for (const y of [0, 1, 400, 799]) {
      expect(history.ansi(y, 40)).toBe(rowToAnsi(buffer.getLine(y)!, 40));
    }
    expect(history.plain(3)).toBe('red 4 256 rgb ul 漢字 🙂');
  });

  it('keeps lines the cells cannot say (combined characters) as text', async () => {
    const { term, history } = withHistory(2000);
    await write(term, lines(1, 1000, (i) => `e\u0301 ${i}`).join('\r\n'));
    expect(history.plain(0)).toBe('e\u0301 1');
    expect(history.ansi(10, 40)).toBe('e\u0301 11');
  });

  it('shows the alternate screen alone while a program uses it, the history again after', async () => {
    const { term, history } = withHistory(5000);
    await write(term, lines(1, 1000).join('\r\n'));
    await write(term, '\x1b[?1049h\x1b[Hfull screen');
    expect(history.length).toBe(5);
    expect(history.plain(0)).toBe('full screen');
    await write(term, '\x1b[?1049l');
    expect(history.plain(0)).toBe('1');
    expect(history.length).toBe(1000);
  });

  it('clears with the emulator on ED 3 (clear scrollback)', async () => {
    const { term, history } = withHistory(5000);
    await write(term, lines(1, 1000).join('\r\n'));
    await write(term, '\x1b[3J');
    expect(history.length).toBe(5);
    expect(history.plain(4)).toBe('1000');
  });
});

describe('readUsedCells', () => {
  it('hands over nothing when the emulator does not look as expected (the caller reads publicly)', () => {
    const fake = { length: 1, getLine: () => undefined } as unknown as Parameters<typeof readUsedCells>[0];
    const sink = { cells: () => expect.fail('no cells'), other: () => expect.fail('no lines') };
    expect(readUsedCells(fake, 0, 1, sink)).toBe(false);
  });

  it('drops trailing default blanks, keeps blanks with a colour, and passes on combined characters', async () => {
    const term = terminal(20, 5, 10);
    await write(term, 'ab  \r\n\x1b[41m  \x1b[0m\r\ne\u0301\r\n');
    const got: Array<number | string> = [];
    readUsedCells(term.buffer.normal, 0, 3, { cells: (_d, words) => got.push(words), other: (y) => got.push(`other ${y}`) });
    expect(got).toEqual([6, 6, 'other 2']);
  });
});
