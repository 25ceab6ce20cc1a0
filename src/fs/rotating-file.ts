/**
 * A log file with a cap, as logrotate would keep it but without a daemon: appended
 * synchronously, and when a write would take it past `maxBytes` it is renamed away
 * (NAME → NAME.1 → NAME.2 …, the oldest beyond `keep` deleted) and a new NAME begins. So the
 * files of one log never hold more than maxBytes × (keep + 1) bytes, and reading NAME.keep …
 * NAME.1 NAME in that order gives the newest part of what was written, byte for byte.
 *
 * A write goes whole into one file when it fits in a file at all (an event line, a server
 * message stays whole); only a write longer than maxBytes is split.
 *
 * The file is opened with O_NOFOLLOW: a symbolic link planted under its name is refused, never
 * written through (rename and unlink act on a link itself, so rotation is safe too). A write
 * that fails — a full disk — loses those bytes, never throws, and is reported in `error` until
 * a later write goes through.
 */
import { closeSync, constants, fstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LogCap {
  /** bytes one file may hold */
  maxBytes: number;
  /** rotated files kept beside the live one */
  keep: number;
}

// O_NONBLOCK: a FIFO planted under the log's name must not hang the server in open()
const OPEN_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export class RotatingFile {
  private fd: number | null = null;
  /** bytes in the live file */
  private size = 0;
  private closed = false;
  /** Why the last write (or open, or rotation) failed; null once a write goes through. */
  error: Error | null = null;

  constructor(
    readonly path: string,
    private readonly cap: LogCap,
  ) {
    this.open();
  }

  /** Append `data`; rotates first when it does not fit. Never throws. */
  write(data: Buffer | string): void {
    if (this.closed || data.length === 0) return;
    let bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    while (bytes.length > 0) {
      if (this.fd === null && !this.open()) return;
      if (this.size > 0 && this.size + bytes.length > this.cap.maxBytes) {
        if (!this.rotate()) return;
        continue;
      }
      const piece = bytes.length > this.cap.maxBytes ? bytes.subarray(0, this.cap.maxBytes) : bytes;
      if (!this.writeAll(piece)) return;
      bytes = bytes.subarray(piece.length);
    }
    this.error = null;
  }

  close(): void {
    this.closed = true;
    this.closeFd();
  }

  private writeAll(piece: Buffer): boolean {
    try {
      for (let at = 0; at < piece.length; ) {
        const n = writeSync(this.fd!, piece, at, piece.length - at);
        at += n;
        this.size += n;
      }
      return true;
    } catch (err) {
      this.error = described(err, `cannot write ${this.path}`);
      return false;
    }
  }

  private open(): boolean {
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const { fd, size } = openLogForAppend(this.path);
      this.fd = fd;
      this.size = size;
      return true;
    } catch (err) {
      this.error = err as Error;
      return false;
    }
  }

  private rotate(): boolean {
    this.closeFd();
    try {
      rotateFiles(this.path, this.cap.keep);
    } catch (err) {
      // appending to the full file would pass the cap: these bytes are lost, the next write tries again
      this.error = described(err, `cannot rotate ${this.path}`);
      return false;
    }
    return this.open();
  }

  private closeFd(): void {
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

/**
 * Open a log file for appending, as every hangar log is opened (the rotating writer, and the
 * server's stdout/stderr that the CLI hands it): never through a symbolic link, never a FIFO
 * or a device — it would be written into, or hang the open. Throws an error naming the file.
 */
export function openLogForAppend(path: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS, 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw described(err, `refused ${path}: it is a symbolic link, and hangar never writes through one`);
    if (code === 'ENXIO') throw described(err, `refused ${path}: it is not a regular file (a FIFO)`);
    throw described(err, `cannot open ${path}`);
  }
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    throw Object.assign(new Error(`refused ${path}: it is not a regular file`), { code: 'EFTYPE' });
  }
  return { fd, size: stat.size };
}

/**
 * Move a log's files one place up — NAME.(keep-1) → NAME.keep, …, NAME → NAME.1 — so NAME is
 * free for a new file; what would pass `keep` is deleted (with keep 0, NAME itself), and so
 * are files past it that a larger `keep` once left. Missing files are skipped.
 */
export function rotateFiles(path: string, keep: number): void {
  for (let n = keep + 1; removeIfThere(`${path}.${n}`); n++);
  for (let n = keep - 1; n >= 1; n--) renameIfThere(`${path}.${n}`, `${path}.${n + 1}`);
  if (keep > 0) renameIfThere(path, `${path}.1`);
  else removeIfThere(path);
}

function renameIfThere(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function removeIfThere(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return false;
  }
}

/** The error with what was being done and the file named first; its `code` is kept. */
function described(err: unknown, doing: string): Error {
  const e = err as NodeJS.ErrnoException;
  return Object.assign(new Error(`${doing}: ${e.message ?? String(err)}`), { code: e.code });
}
