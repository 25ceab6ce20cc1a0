import xtermHeadless from '@xterm/headless';
import { afterEach, describe, expect, it } from 'vitest';
import { lastUsedCell, readUsedCells } from '../../src/session/xterm-cells.js';
import { useModernWidths } from '../../src/terminal/unicode-widths.js';

const { Terminal } = xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

const open: HeadlessTerminal[] = [];
afterEach(() => open.splice(0).forEach((t) => t.dispose()));

function terminal(cols: number): HeadlessTerminal {
  const t = new Terminal({ cols, rows: 12, scrollback: 0, allowProposedApi: true });
  useModernWidths(t);
  open.push(t);
  return t;
}

const write = (t: HeadlessTerminal, data: string) => new Promise<void>((resolve) => t.write(data, resolve));

/** The scan lastUsedCell replaces: back from the end over every blank cell in JS. */
function scanBack(data: Uint32Array, words: number): number {
  let at = words - 3;
  for (; at >= 0; at -= 3) if ((data[at]! & 0x3fffff) > 32 || (data[at + 1]! | data[at + 2]!) !== 0) break;
  return at;
}

/** The words of each of the first `count` rows, as readUsedCells sees them (end of used cells). */
function usedWords(t: HeadlessTerminal, count: number): number[] {
  const got: number[] = [];
  readUsedCells(t.buffer.normal, 0, count, { cells: (_d, words) => got.push(words), other: () => got.push(-1) });
  return got;
}

describe('lastUsedCell', () => {
  it('finds the last used cell past gaps, written spaces, coloured blanks and wide characters', async () => {
    const t = terminal(80);
    const rows = [
      '123456', // the flood's case: text, then cells never written
      'a\x1b[10Cb', // a gap of unwritten cells before more text
      'ab   ', // written spaces in the default style are blanks
      'ab\x1b[44m   \x1b[0m', // blanks with a background are used
      'ab\x1b[70C\x1b[1m \x1b[0m', // a bold space near the end is used
      '日本', // wide characters: their first cells are not "never written" (a second half counts as blank, as before)
      '', // an empty row
      '\x1b[79Cz', // the last column only
    ];
    await write(t, rows.join('\r\n'));
    expect(usedWords(t, rows.length)).toEqual([6, 12, 2, 5, 73, 3, 0, 80].map((cells) => cells * 3));
  });

  it('agrees with the full backward scan on every row of a varied screen', async () => {
    const t = terminal(120);
    const lines = Array.from({ length: 12 }, (_, i) => `${'x'.repeat(i * 7)}\x1b[${i}C${i % 3 === 0 ? '\x1b[42m \x1b[0m' : 'y'}${' '.repeat(i)}`);
    await write(t, lines.join('\r\n'));
    const raw = (t.buffer.normal as unknown as { _buffer: { lines: { get(y: number): { _data: Uint32Array } } } })._buffer.lines;
    for (let y = 0; y < 12; y++) {
      const data = raw.get(y)._data;
      expect(lastUsedCell(data, data.length), `row ${y}`).toBe(scanBack(data, data.length));
    }
  });

  it('does not walk the never-written tail of a wide line cell by cell (it reads a few cells, not the line)', () => {
    // a 1000-column line holding six characters: the scan reads ~1000 cells, lastUsedCell a few
    // (the rest is one memcmp): counted as element reads, so the machine's load cannot decide it
    const cols = 1000;
    const line = new Uint32Array(cols * 3);
    for (let c = 0; c < cols; c++) line[c * 3] = 1 << 22;
    for (let c = 0; c < 6; c++) line[c * 3] = (1 << 22) | (48 + c);
    const reads = (scan: (d: Uint32Array, words: number) => number): number => {
      let count = 0;
      const counted = new Proxy(line, {
        get(target, prop) {
          if (typeof prop === 'string' && /^\d+$/.test(prop)) count++;
          const value = Reflect.get(target, prop) as unknown;
          // the array's own methods and getters work on the array itself
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
      expect(scan(counted, line.length)).toBe(15);
      return count;
    };
    expect(reads(scanBack)).toBeGreaterThan(cols);
    expect(reads(lastUsedCell)).toBeLessThan(cols / 20);
  });
});
