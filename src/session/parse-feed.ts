/**
 * Hands a session's output to its emulator in pieces that each parse in about SLICE_MS.
 *
 * The server parses every session on one thread, and xterm parses a queued chunk whole, then
 * yields only after WRITE_TIMEOUT_MS (12 ms) of chunks. For plain output that is fine (64 KiB
 * parse in ~1.5 ms), but some output is costly per byte: the alternate screen toggled in a
 * loop refills a whole screen each time (~0.1 ms per 18-byte toggle, so 4 KiB is ~25 ms of
 * parsing). A keystroke's echo in another pane then waited behind one or two such slices
 * (p99 ~25 ms beside a hostile pane, docs/PERFORMANCE.md (j)). Here output whose estimated
 * cost is past SLICE_MS is cut into pieces of about SLICE_MS each, and a piece is handed over
 * only after the one before has been parsed, in a later macrotask (`later`): the pty reads of
 * the other sessions — an echo among them — run in between. Output estimated cheaper than
 * that goes through whole and at once, as before, so a flood keeps its speed.
 *
 * While the session is held (another session's echo goes first) or paced (past its CPU share),
 * no piece is handed over (setOpen): its output read already waits here, as the unread waits
 * in the kernel.
 *
 * The estimate is the session's recent parsing cost per byte (noteParse, from the timed
 * parses of parse-time.ts), decayed per parse; a parse counts as at least MIN_COUNTED_BYTES,
 * so the fixed cost of a one-byte echo does not look like a costly byte.
 */

/** How long one piece of costly output should take to parse (ms). */
export const SLICE_MS = 2;
/** No piece is cut smaller than this (the cost of a turn of the event loop per piece). */
export const MIN_PIECE_BYTES = 64;
/** A parse of fewer bytes counts as this many in the cost estimate. */
export const MIN_COUNTED_BYTES = 256;
/** How much of the estimate one parse keeps (the rest is that parse). */
const DECAY = 0.7;

export type Chunk = string | Uint8Array;

export interface ParseFeedTarget {
  /** Hand `chunk` to the emulator; `parsed` is called once it has been parsed. */
  write(chunk: Chunk, parsed: () => void): void;
  /** The same, parsed at once (not on the emulator's next timer: ≥ 1 ms in node, a piece's cost again). */
  writeNow(chunk: Chunk, parsed: () => void): void;
  /** Run `fn` in a later macrotask (setImmediate: after the pending I/O callbacks). */
  later(fn: () => void): void;
}

export class ParseFeed {
  private readonly pending: Chunk[] = [];
  /** a piece is with the emulator and the next waits for it */
  private inFlight = false;
  private costMs = 0;
  private costBytes = 0;
  private disposed = false;
  private open = true;
  /** Pieces of costly output handed over so far (0 while all output is cheap). */
  piecesHanded = 0;

  /** `parsed(bytes)` is told as each chunk or piece handed over has been parsed. */
  constructor(
    private readonly target: ParseFeedTarget,
    private readonly parsed: (bytes: number) => void,
  ) {}

  /** Parsing of `bytes` (code units) just took `ms`. */
  noteParse(ms: number, bytes: number): void {
    this.costMs = this.costMs * DECAY + ms;
    this.costBytes = this.costBytes * DECAY + Math.max(bytes, MIN_COUNTED_BYTES);
  }

  /** Estimated parse time of `bytes` of this session's output (ms). */
  estimateMs(bytes: number): number {
    return this.costBytes === 0 ? 0 : (this.costMs / this.costBytes) * bytes;
  }

  /** How many bytes parse in about SLICE_MS, by the estimate. */
  pieceBytes(): number {
    const perByte = this.costBytes === 0 ? 0 : this.costMs / this.costBytes;
    return perByte === 0 ? Infinity : Math.max(MIN_PIECE_BYTES, Math.floor(SLICE_MS / perByte));
  }

  /** Whether output waits here for its turn (pieces of costly output). */
  get isSlicing(): boolean {
    return this.inFlight || this.pending.length > 0;
  }

  push(chunk: Chunk): void {
    if (this.disposed) return;
    if (!this.isSlicing && this.estimateMs(chunk.length) <= SLICE_MS) {
      this.target.write(chunk, () => this.parsed(chunk.length));
      return;
    }
    this.pending.push(chunk);
    if (!this.inFlight) this.next();
  }

  /** Pieces may be handed over (true) or wait (false: the session is held or paced). */
  setOpen(open: boolean): void {
    if (this.open === open) return;
    this.open = open;
    if (!open || this.inFlight || this.disposed || this.pending.length === 0) return;
    // reopened with pieces waiting: on, in a later macrotask as between pieces
    this.inFlight = true;
    this.target.later(() => {
      this.inFlight = false;
      if (!this.disposed) this.next(true);
    });
  }

  /** Drops what waits (the session is going away). */
  dispose(): void {
    this.disposed = true;
    this.pending.length = 0;
  }

  private next(now = false): void {
    if (!this.open) return; // setOpen(true) goes on
    const piece = this.takePiece();
    if (piece === null) return;
    this.inFlight = true;
    this.piecesHanded++;
    (now ? this.target.writeNow : this.target.write).call(this.target, piece, () => {
      this.parsed(piece.length);
      // the next piece in a later macrotask: handing it over now would put it in the
      // emulator's queue, parsed in this same slice
      this.target.later(() => {
        this.inFlight = false;
        if (!this.disposed) this.next(true);
      });
    });
  }

  /** The front of the queue, cut to pieceBytes (a chunk the estimate now finds cheap goes whole). */
  private takePiece(): Chunk | null {
    const head = this.pending[0];
    if (head === undefined) return null;
    const size = this.pieceBytes();
    if (head.length <= size) {
      this.pending.shift();
      return head;
    }
    this.pending[0] = cut(head, size);
    return cut(head, 0, size);
  }
}

/** Part of a chunk; bytes are not copied. */
function cut(chunk: Chunk, start: number, end?: number): Chunk {
  return typeof chunk === 'string' ? chunk.slice(start, end) : chunk.subarray(start, end);
}
