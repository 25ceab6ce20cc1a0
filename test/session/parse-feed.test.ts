import { describe, expect, it } from 'vitest';
import { MIN_COUNTED_BYTES, MIN_PIECE_BYTES, ParseFeed, SLICE_MS, type Chunk } from '../../src/session/parse-feed.js';

/** An emulator that parses on demand, and a macrotask queue run by hand. */
function harness() {
  const written: { chunk: Chunk; parsed: () => void }[] = [];
  const later: (() => void)[] = [];
  const parsedBytes: number[] = [];
  const write = (chunk: Chunk, parsed: () => void) => written.push({ chunk, parsed });
  const feed = new ParseFeed({ write, writeNow: write, later: (fn) => later.push(fn) }, (b) => parsedBytes.push(b));
  /** Parse everything handed over so far, as xterm would: `msPerByte` each. */
  const parseAll = (msPerByte: number) => {
    while (written.length > 0) {
      const w = written.shift()!;
      feed.noteParse(w.chunk.length * msPerByte, w.chunk.length);
      w.parsed();
    }
  };
  const runLater = () => later.splice(0).forEach((fn) => fn());
  return { feed, written, later, parsedBytes, parseAll, runLater };
}

const bytes = (n: number, fill = 0x41) => new Uint8Array(n).fill(fill);

describe('ParseFeed', () => {
  it('cheap output goes to the emulator whole and at once, chunk after chunk (a flood keeps its speed)', () => {
    const h = harness();
    h.feed.push(bytes(1000));
    h.parseAll(0.000023); // plain text: ~23 ns a byte
    h.feed.push(bytes(65536));
    h.feed.push(bytes(65536));
    expect(h.written.map((w) => w.chunk.length)).toEqual([65536, 65536]);
    expect(h.feed.isSlicing).toBe(false);
    h.parseAll(0.000023);
    expect(h.parsedBytes).toEqual([1000, 65536, 65536]);
  });

  it('costly output is cut into pieces of about SLICE_MS, one handed over per later macrotask', () => {
    const h = harness();
    const costly = 0.005; // ms a byte: the alternate screen toggled in a loop
    h.feed.push(bytes(1000));
    h.parseAll(costly); // learned: 1000 bytes took 5 ms
    const data = new Uint8Array(4096).map((_, i) => i % 251);
    h.feed.push(data);
    const piece = Math.floor(SLICE_MS / costly);
    expect(h.feed.pieceBytes()).toBe(piece);
    expect(h.written.map((w) => w.chunk.length)).toEqual([piece]);
    // more output while it waits queues behind it, in order
    h.feed.push(bytes(10, 0x7a));
    const seen: number[] = [];
    let rounds = 0;
    while (h.written.length > 0 || h.later.length > 0) {
      expect(h.written.length).toBeLessThanOrEqual(1); // never two pieces in the emulator's queue
      for (const w of h.written) seen.push(...(w.chunk as Uint8Array));
      h.parseAll(costly);
      expect(h.written).toEqual([]); // the next piece waits for a later macrotask
      h.runLater();
      rounds++;
    }
    expect(rounds).toBeGreaterThan(4096 / piece);
    expect(seen).toEqual([...data, ...bytes(10, 0x7a)]);
    expect(h.parsedBytes.slice(1).reduce((a, b) => a + b, 0)).toBe(4106);
    expect(h.feed.isSlicing).toBe(false);
  });

  it('a one-byte echo does not make the next flood look costly', () => {
    const h = harness();
    for (let i = 0; i < 20; i++) {
      h.feed.push(bytes(1));
      h.parseAll(0.02); // the fixed cost of a parse: 20 µs for one byte
    }
    // counted as MIN_COUNTED_BYTES each: ~80 ns a byte, so 64 KiB is ~5 ms: cut in few pieces, not thousands
    expect(h.feed.pieceBytes()).toBe(Math.floor(SLICE_MS / (0.02 / MIN_COUNTED_BYTES)));
    expect(h.feed.pieceBytes()).toBeGreaterThan(16 * 1024);
  });

  it('strings are cut by code units; pieces are never smaller than MIN_PIECE_BYTES', () => {
    const h = harness();
    h.feed.push('x'.repeat(300));
    h.parseAll(1); // absurdly costly: 1 ms a unit
    expect(h.feed.pieceBytes()).toBe(MIN_PIECE_BYTES);
    h.feed.push('abcdefghij'.repeat(20));
    let text = '';
    while (h.written.length > 0 || h.later.length > 0) {
      for (const w of h.written) {
        expect(w.chunk.length).toBeLessThanOrEqual(MIN_PIECE_BYTES);
        text += w.chunk as string;
      }
      h.parseAll(1);
      h.runLater();
    }
    expect(text).toBe('abcdefghij'.repeat(20));
  });

  it('once the output is cheap again its pieces grow, and it soon goes through whole', () => {
    const h = harness();
    h.feed.push(bytes(1000));
    h.parseAll(0.005);
    const sizes: number[] = [];
    // a flood of plain text after the costly part: 64 KiB chunks at ~23 ns a byte
    for (let i = 0; i < 32; i++) {
      h.feed.push(bytes(65536));
      while (h.written.length > 0 || h.later.length > 0) {
        sizes.push(...h.written.map((w) => w.chunk.length));
        h.parseAll(0.000023);
        h.runLater();
      }
    }
    expect(sizes[0]).toBe(Math.floor(SLICE_MS / 0.005)); // cut small at first
    expect(sizes.slice(-10)).toEqual(Array(10).fill(65536)); // and whole again soon
    expect(sizes.length).toBeLessThan(32 + 40);
  });

  it('after dispose nothing more is handed over', () => {
    const h = harness();
    h.feed.push(bytes(1000));
    h.parseAll(0.005);
    h.feed.push(bytes(4000));
    h.feed.dispose();
    h.parseAll(0.005);
    h.runLater();
    h.feed.push(bytes(10));
    expect(h.written).toEqual([]);
  });

  it('while closed (the session held or paced) no piece is handed over; reopened, the rest follows in order', () => {
    const h = harness();
    h.feed.push(bytes(1000));
    h.parseAll(0.005);
    const data = new Uint8Array(2000).map((_, i) => i % 251);
    h.feed.push(data);
    const seen: number[] = [];
    const drainOne = () => {
      for (const w of h.written) seen.push(...(w.chunk as Uint8Array));
      h.parseAll(0.005);
      h.runLater();
    };
    h.feed.setOpen(false);
    drainOne(); // the piece with the emulator already finishes; no next one follows it
    expect(h.written).toEqual([]);
    expect(h.later).toEqual([]);
    h.feed.push(bytes(10, 0x7a)); // output read meanwhile waits behind
    expect(h.written).toEqual([]);
    expect(h.later).toEqual([]);
    h.feed.setOpen(true);
    expect(h.written).toEqual([]); // not at once: in a later macrotask, as between pieces
    while (h.written.length > 0 || h.later.length > 0) drainOne();
    expect(seen).toEqual([...data, ...bytes(10, 0x7a)]);
  });

  it('closed with nothing waiting, cheap output still goes through (only pieces wait)', () => {
    const h = harness();
    h.feed.setOpen(false);
    h.feed.push(bytes(100));
    expect(h.written.map((w) => w.chunk.length)).toEqual([100]);
  });
});
