/**
 * The raw log of one session: every byte of the child's output, appended in order.
 *
 * A flood reaches the server as thousands of small pty chunks; one file write per chunk cost
 * the server more time than parsing them. Chunks are gathered and written once per turn of the
 * event loop (or as soon as a batch is large), with a synchronous write: the batch is in the
 * page cache microseconds later, and whatever is still pending when the log is closed — or when
 * the process exits right after the output — is written before it goes, never dropped.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Disposable } from './disposable.js';

/** A batch this large is written at once rather than at the end of the turn. */
export const MAX_BATCH_BYTES = 256 * 1024;

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
  private fd: number | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private scheduled = false;
  /** The first error opening or writing the file; the log stops there, the session goes on. */
  error: Error | null = null;

  /** Opens (creating its directory) `path` for appending. */
  constructor(path: string) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, 'a');
    } catch (err) {
      this.error = err as Error;
    }
    installExitHook();
  }

  append(chunk: Buffer | Uint8Array | string): void {
    if (this.fd === null || chunk.length === 0) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    unflushed.add(this);
    if (this.pendingBytes >= MAX_BATCH_BYTES) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /** Write everything appended so far, now. */
  flush(): void {
    unflushed.delete(this);
    if (this.pending.length === 0) return;
    const batch = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    if (this.fd === null) return;
    try {
      for (let at = 0; at < batch.length; ) at += writeSync(this.fd, batch, at, batch.length - at);
    } catch (err) {
      // a full disk or a removed log dir must not take the server down; the screen goes on
      this.error ??= err as Error;
      this.close();
    }
  }

  /** Writes what is pending and closes the file. */
  dispose(): void {
    this.flush();
    this.close();
  }

  private close(): void {
    unflushed.delete(this);
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      closeSync(fd);
    } catch {
      // already gone: nothing left to lose
    }
  }
}
