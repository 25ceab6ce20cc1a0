/**
 * A fast path for floods of plain lines (`seq`, logs, build output): when a chunk of output
 * is printable ASCII lines ending in CR LF (plain-lines.ts) and the emulator is in a plain
 * state (xterm-internals.ts), the effect of parsing it is known — each line fills cells in
 * the default style from column 0, then scrolls — so it is applied directly: the lines that
 * scroll off go to the history store as cells (no parse, no scan for where they end), only
 * the lines the emulator keeps are written into its buffer, and the scrolling itself is
 * xterm's own line feed. The result is the same as parsing the chunk and then harvesting the
 * history (which any read does): the equivalence test (test/session/plain-flood.test.ts)
 * holds it to that, row for row.
 *
 * It sits in xterm's write queue, in place of the input handler's parse: every chunk is seen
 * in order at the moment it would be parsed, after everything written before it, and xterm
 * still calls each write's callback and fires onWriteParsed as before.
 */
import type { Disposable } from '../base/disposable.js';
import { WORDS_PER_CELL } from './line-store.js';
import { lineStart, plainLines, type PlainLines } from './plain-lines.js';
import type { Scrollback } from './scrollback.js';
import { plainState, type Parse, type RawBuffer, type XtermInternals } from './xterm-internals.js';

/** The content word of a width-1 cell holding code point `c`. */
const WIDTH_ONE = 1 << 22;
const SPACE = 0x20;

export class PlainFlood implements Disposable {
  private readonly parse: Parse;
  private cells = new Uint32Array(0);
  /** Complete lines that took the fast path (for tests and the bench). */
  linesFast = 0;

  constructor(
    private readonly x: XtermInternals,
    private readonly history: Scrollback,
    private readonly size: () => { cols: number; rows: number },
  ) {
    const ih = x.inputHandler;
    this.parse = ih.parse;
    ih.parse = (data, promiseResult) => this.write(data, promiseResult);
  }

  dispose(): void {
    this.x.inputHandler.parse = this.parse;
  }

  private original(data: string | Uint8Array, promiseResult?: boolean): void | Promise<boolean> {
    return this.parse.call(this.x.inputHandler, data, promiseResult);
  }

  private write(data: string | Uint8Array, promiseResult?: boolean): void | Promise<boolean> {
    // a chunk resumed after an async handler is the parser's to finish
    if (this.x.inputHandler._parseStack.paused) return this.original(data, promiseResult);
    const { cols, rows } = this.size();
    const plain = plainLines(data, cols);
    if (!plain) return this.original(data, promiseResult);
    // the head is text, CR and LF only: their handlers are xterm's own, synchronous
    const head = this.original(slice(data, 0, plain.headEnd));
    if (head) return head; // cannot happen (see above); never lose the rest silently
    const buffer = this.x.buffer();
    const count = plain.ends.length;
    if (buffer.y + count < rows || !plainState(this.x, cols, rows, this.history.markers)) {
      return this.original(slice(data, plain.headEnd, data.length));
    }
    this.apply(data, plain, buffer, rows);
    if (plain.restStart < data.length) return this.original(slice(data, plain.restStart, data.length));
  }

  /** The chunk's complete lines, from column 0 of row `buffer.y`, scrolling at least once. */
  private apply(data: string | Uint8Array, plain: PlainLines, buffer: RawBuffer, rows: number): void {
    const count = plain.ends.length;
    const c = buffer.y;
    const scrolls = c + count - (rows - 1);
    // the emulator keeps the last maxLength lines: earlier ones would only be trimmed again
    const firstWritten = Math.max(0, count - (buffer.lines.maxLength - 1));
    this.history.absorbFlood(
      c,
      scrolls,
      (from, to, push) => {
        for (let i = from; i < to; i++) push(this.lineCells(data, plain, i), this.usedWords(data, plain, i));
      },
      () => {
        const lineFeed = this.x.inputHandler;
        for (let i = firstWritten; i < count; i++) {
          const row = buffer.lines.get(buffer.ybase + buffer.y)!;
          writeCells(row._data, data, lineStart(plain, i), plain.ends[i]!);
          lineFeed.lineFeed();
        }
      },
    );
    this.x.inputHandler._parser.precedingJoinState = 0; // as after the parser's CR and LF
    this.linesFast += count;
  }

  /** Line `i` as cells (in a scratch array valid until the next call). */
  private lineCells(data: string | Uint8Array, plain: PlainLines, i: number): Uint32Array {
    const start = lineStart(plain, i);
    const end = plain.ends[i]!;
    const needed = (end - start) * WORDS_PER_CELL;
    if (this.cells.length < needed) this.cells = new Uint32Array(Math.max(needed, 256 * WORDS_PER_CELL));
    writeCells(this.cells, data, start, end);
    return this.cells;
  }

  /** Words of line `i` the store keeps: up to its last character that is not a space (blank in the default style). */
  private usedWords(data: string | Uint8Array, plain: PlainLines, i: number): number {
    const start = lineStart(plain, i);
    let end = plain.ends[i]!;
    if (typeof data === 'string') while (end > start && data.charCodeAt(end - 1) === SPACE) end--;
    else while (end > start && data[end - 1] === SPACE) end--;
    return (end - start) * WORDS_PER_CELL;
  }
}

/** Characters `start`..`end`-1 of `data` as width-1 cells in the default style, from cell 0 of `cells`. */
function writeCells(cells: Uint32Array, data: string | Uint8Array, start: number, end: number): void {
  let at = 0;
  if (typeof data === 'string') {
    for (let i = start; i < end; i++, at += WORDS_PER_CELL) {
      cells[at] = data.charCodeAt(i) | WIDTH_ONE;
      cells[at + 1] = 0;
      cells[at + 2] = 0;
    }
  } else {
    for (let i = start; i < end; i++, at += WORDS_PER_CELL) {
      cells[at] = data[i]! | WIDTH_ONE;
      cells[at + 1] = 0;
      cells[at + 2] = 0;
    }
  }
}

function slice(data: string | Uint8Array, from: number, to: number): string | Uint8Array {
  return typeof data === 'string' ? data.substring(from, to) : data.subarray(from, to);
}
