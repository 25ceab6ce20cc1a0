/**
 * The raw log of one session: every byte of the child's output, appended in order.
 *
 * A flood reaches the server as thousands of small pty chunks; one file write per chunk cost
 * the server more time than parsing them. Chunks are gathered and written at most every
 * FLUSH_EVERY_MS (or as soon as a batch is large), with a synchronous write: a TUI redrawing
 * its spinner twelve times a second costs a few writes a second, not one per frame. The batch
 * is in the page cache microseconds after its write, and whatever is still pending when the
 * log is closed — or when the process exits, even right after the output — is written before
 * it goes. Only a kill -9 of the server can lose the last FLUSH_EVERY_MS of output, and
 * the ptys it held close with it.
 *
 * The file is capped and rotated (fs/rotating-file.ts: `<session>.log` → `.log.1` …): a
 * rotation is a few renames and an open between two batches, so the pty is never held up.
 */
import { RotatingFile, type LogCap } from '../fs/rotating-file.js';
import type { Disposable } from '../base/disposable.js';
import { systemClock, type Clock, type TimerHandle } from '../base/clock.js';

/** A batch this large is written at once rather than when its time comes. */
export const MAX_BATCH_BYTES = 256 * 1024;
/** Output is written this long after the first chunk of a batch at the latest. */
export const FLUSH_EVERY_MS = 250;

/** Logs with unwritten bytes, written out if the process exits before their turn ends. */
const unflushed = new Set<RawLog>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const log of [...unflushed]) log.flush();
  });
}

export class RawLog implements Disposable {
  private readonly file: RotatingFile;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private timer: TimerHandle | null = null;
  private disposed = false;

  /** Opens (creating its directory) `path` for appending, capped by `cap`. */
  constructor(
    path: string,
    cap: LogCap,
    private readonly clock: Clock = systemClock,
  ) {
    this.file = new RotatingFile(path, cap);
    installExitHook();
  }

  /**
   * Why the log is not being written (a symlink refused, a full disk); null while it is. The
   * session goes on either way, and a write that goes through again clears it.
   */
  get error(): Error | null {
    return this.file.error;
  }

  append(chunk: Buffer | Uint8Array | string): void {
    if (this.disposed || chunk.length === 0) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    unflushed.add(this);
    if (this.pendingBytes >= MAX_BATCH_BYTES) this.flush();
    else this.timer ??= this.clock.setTimeout(() => this.flush(), FLUSH_EVERY_MS);
  }

  /** Write everything appended so far, now. */
  flush(): void {
    unflushed.delete(this);
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    // a full disk or a refused file must not take the server down: the file keeps the error, the screen goes on
    this.file.write(batch);
  }

  /** Writes what is pending and closes the file. */
  dispose(): void {
    this.flush();
    this.disposed = true;
    this.file.close();
  }
}
