import { describe, expect, it } from 'vitest';
import { LineStore } from '../../src/session/line-store.js';

const cells = (...words: number[]) => Uint32Array.from(words);
const wordsOf = (store: LineStore, i: number) => {
  const line = store.at(i);
  return 'cells' in line ? [...line.cells] : line.ansi;
};

describe('LineStore', () => {
  it('keeps lines in order, as cells or as text, with their wrap flag', () => {
    const store = new LineStore(10);
    store.pushCells(cells(1, 2, 3), false);
    store.pushAnsi('\x1b[1mbold\x1b[0m', true);
    store.pushCells(cells(), false);
    expect(store.length).toBe(3);
    expect(wordsOf(store, 0)).toEqual([1, 2, 3]);
    expect(store.at(1)).toEqual({ ansi: '\x1b[1mbold\x1b[0m', wrapped: true });
    expect(wordsOf(store, 2)).toEqual([]);
    expect(() => store.at(3)).toThrow(RangeError);
  });

  it('holds at most capacity lines, dropping the oldest', () => {
    const store = new LineStore(3);
    for (let i = 0; i < 10; i++) {
      if (i % 2) store.pushAnsi(`t${i}`, false);
      else store.pushCells(cells(i, i, i), false);
    }
    expect(store.length).toBe(3);
    expect([0, 1, 2].map((i) => wordsOf(store, i))).toEqual(['t7', [8, 8, 8], 't9']);
  });

  it('frees the blocks of dropped lines: a long flood costs what the last lines cost', () => {
    const store = new LineStore(1000);
    const line = new Uint32Array(3 * 7); // "1234567"
    for (let i = 0; i < 1_000_000; i++) {
      line[0] = i;
      store.pushCells(line, false);
    }
    expect(store.length).toBe(1000);
    expect((store.at(999) as { cells: Uint32Array }).cells[0]).toBe(999_999);
    expect((store.at(0) as { cells: Uint32Array }).cells[0]).toBe(999_000);
    // 1000 lines × 84 bytes, plus at most a block of slack on each side
    expect(store.blockBytes()).toBeLessThanOrEqual(1000 * 84 + 2 * 64 * 1024);
  });

  it("writes new lines into a freed block's memory instead of a fresh block, and reads them back right", () => {
    const store = new LineStore(100);
    const line = new Uint32Array(3 * 7);
    const bufferOf = (i: number) => (store.at(i) as { cells: Uint32Array }).cells.buffer;
    line[0] = 0;
    store.pushCells(line, false);
    const first = bufferOf(0);
    const seen = new Set<ArrayBufferLike>([first]);
    let reused = false;
    for (let i = 1; i < 5000 && !reused; i++) {
      line[0] = i;
      store.pushCells(line, false);
      const buffer = bufferOf(store.length - 1);
      reused = buffer === first && i > 1000; // the first block, freed long ago, holds new lines
      seen.add(buffer);
    }
    expect(reused).toBe(true);
    expect(seen.size).toBeLessThanOrEqual(3);
    const last = (store.at(store.length - 1) as { cells: Uint32Array }).cells[0]!;
    expect([...Array(store.length).keys()].map((i) => (store.at(i) as { cells: Uint32Array }).cells[0])).toEqual(
      [...Array(store.length).keys()].map((i) => last - store.length + 1 + i),
    );
  });

  it('stores a line longer than a block', () => {
    const store = new LineStore(2);
    const long = new Uint32Array(3 * 10_000).map((_, i) => i);
    store.pushCells(cells(7), false);
    store.pushCells(long, false);
    expect(wordsOf(store, 0)).toEqual([7]);
    expect((store.at(1) as { cells: Uint32Array }).cells).toEqual(long);
  });

  it('clears, and keeps nothing at capacity 0', () => {
    const store = new LineStore(5);
    store.pushCells(cells(1), false);
    store.clear();
    expect(store.length).toBe(0);
    store.pushCells(cells(2), false);
    expect(wordsOf(store, 0)).toEqual([2]);
    const none = new LineStore(0);
    none.pushCells(cells(1), false);
    none.pushAnsi('x', false);
    expect(none.length).toBe(0);
  });

  it('stores an empty line as the first line of all (or the first after clear)', () => {
    const store = new LineStore(10);
    store.pushCells(new Uint32Array(0), false);
    store.clear();
    store.pushCells(new Uint32Array(0), true);
    expect(store.length).toBe(1);
    expect(store.at(0)).toEqual({ cells: new Uint32Array(0), wrapped: true });
  });
});
