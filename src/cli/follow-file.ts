/**
 * Reading a log that hangar rotates (fs/rotating-file.ts: NAME.n … NAME.1, then the live NAME)
 * as one stream of text: what is kept now, and — following, as `tail -F` does — what is
 * appended afterwards, across rotations.
 */
import { closeSync, fstatSync, openSync, readSync, statSync, watch, type Stats } from 'node:fs';
import { basename, dirname } from 'node:path';
import { preparePrivateDirectory } from '../fs/private-directory.js';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 64 * 1024;

/** Where a reader of a log stopped: the live file it read (its inode; null when there was none) and how far. */
export interface LogPosition {
  ino: number | null;
  offset: number;
}

/**
 * Print the log's kept bytes — all of them, or only the last `lastBytes` — oldest first,
 * decoded as one UTF-8 stream. Returns where following begins.
 */
export function readLog(path: string, out: (text: string) => void, lastBytes?: number): LogPosition {
  // every file opened (the live one first) before any is read: a rotation meanwhile renames
  // them, but what each descriptor holds stays what it was
  const files = openLogFiles(path);
  try {
    const live = files.at(-1)?.live ? files.at(-1)!.stat : null;
    const total = files.reduce((sum, f) => sum + f.stat.size, 0);
    let skip = lastBytes === undefined ? 0 : Math.max(0, total - lastBytes);
    const decoder = new StringDecoder('utf8');
    for (const file of files) {
      if (skip >= file.stat.size) {
        skip -= file.stat.size;
        continue;
      }
      readFdRange(file.fd, skip, file.stat.size, (bytes) => out(decoder.write(bytes)));
      skip = 0;
    }
    const rest = decoder.end();
    if (rest) out(rest);
    return { ino: live?.ino ?? null, offset: live?.size ?? 0 };
  } finally {
    for (const f of files) closeSync(f.fd);
  }
}

interface OpenLogFile {
  fd: number;
  stat: Stats;
  live: boolean;
}

/** NAME.n … NAME.1 NAME as open descriptors, oldest first; NAME is opened first. */
function openLogFiles(path: string): OpenLogFile[] {
  const liveFd = openOrNull(path);
  const live = liveFd === null ? null : { fd: liveFd, stat: fstatSync(liveFd), live: true };
  return [...openRotated(path, live?.stat ?? null, null), ...(live ? [live] : [])];
}

/**
 * The rotated files NAME.1, NAME.2, … as open descriptors, oldest first: those newer than
 * `since` (all when it is null or has been deleted), without `live` — a rotation right after
 * the live file was opened makes it NAME.1, and it is read as the live file.
 */
function openRotated(path: string, live: Stats | null, since: Stats | null): OpenLogFile[] {
  const files: OpenLogFile[] = [];
  for (let n = 1; ; n++) {
    const fd = openOrNull(`${path}.${n}`);
    if (fd === null) break;
    const stat = fstatSync(fd);
    if (since && sameFile(stat, since)) {
      closeSync(fd);
      break;
    }
    if (live && sameFile(stat, live)) closeSync(fd);
    else files.push({ fd, stat, live: false });
  }
  return files.reverse();
}

/**
 * Follow a log from where `readLog` stopped: whatever is appended is handed to `out`, in
 * order. When the file is rotated away (renamed; a new one appears under its name) the rest of
 * the old one is printed, then the new one from its start; a file truncated in place is read
 * again from its start. Works before the file exists. Resolves on SIGINT or when `stop` aborts.
 */
export function followFile(path: string, from: LogPosition, out: (text: string) => void, stop?: AbortSignal): Promise<void> {
  const dir = dirname(path);
  preparePrivateDirectory(dir); // log_dir: made if missing, refused when not the user's own
  const decoder = new StringDecoder('utf8');
  const emit = (bytes: Buffer) => {
    const text = decoder.write(bytes);
    if (text) out(text);
  };
  let fd: number | null = openOrNull(path);
  let position = 0;
  if (fd !== null && fstatSync(fd).ino === from.ino) position = from.offset;
  else if (from.ino !== null) {
    // rotated since it was read: the rest of that file is NAME.1 now (unless kept nowhere)
    const older = openOrNull(`${path}.1`);
    if (older !== null) {
      if (fstatSync(older).ino === from.ino) readFdFrom(older, from.offset, emit);
      closeSync(older);
    }
  }

  /** Read what the open file has past `position`; a file shorter than that was truncated. */
  const drainOpen = () => {
    if (fd === null || ended) return;
    if (fstatSync(fd).size < position) position = 0;
    position = readFdFrom(fd, position, emit);
  };
  let ended = false;
  let busy = false;
  const catchUp = () => {
    busy = true;
    try {
      while (!ended) {
        drainOpen();
        const current = statOrNull(path);
        if (fd !== null && current && sameFile(fstatSync(fd), current)) return;
        if (fd !== null) {
          // renamed away: its writer closed it before the rename, so what it holds now is all of it
          drainOpen();
          const gone = fstatSync(fd);
          closeSync(fd);
          // then every file rotated since it, oldest first — more than one when this reader fell
          // behind by two rotations or more between two looks — and the live one from its start
          fd = openOrNull(path);
          position = 0;
          for (const older of openRotated(path, fd === null ? null : fstatSync(fd), gone)) {
            readFdFrom(older.fd, 0, emit);
            closeSync(older.fd);
          }
          if (fd === null) return; // between the rename and the new file: the next event brings it
          continue;
        }
        if (!current) return; // between the rename and the new file: the next event brings it
        fd = openOrNull(path);
        position = 0;
        if (fd === null) return;
      }
    } finally {
      busy = false;
      if (ended) closeFd();
    }
  };
  const closeFd = () => {
    if (fd !== null) closeSync(fd);
    fd = null;
  };

  return new Promise((resolve) => {
    const watcher = watch(dir, (_event, file) => {
      if (!ended && (!file || file.toString() === basename(path))) catchUp();
    });
    const end = () => {
      if (ended) return;
      ended = true;
      watcher.close();
      process.off('SIGINT', end);
      stop?.removeEventListener('abort', end);
      if (!busy) closeFd(); // else catchUp closes it when it returns
      resolve();
    };
    process.once('SIGINT', end);
    stop?.addEventListener('abort', end);
    catchUp(); // anything written between the caller's read and the watch
  });
}

/** Read bytes [from, to) of an open file. */
function readFdRange(fd: number, from: number, to: number, out: (bytes: Buffer) => void): void {
  const buf = Buffer.alloc(CHUNK_BYTES);
  for (let at = from; at < to; ) {
    const n = readSync(fd, buf, 0, Math.min(CHUNK_BYTES, to - at), at);
    if (n === 0) break;
    out(Buffer.from(buf.subarray(0, n)));
    at += n;
  }
}

/** Read an open file from `position` to its end; returns the new position. */
function readFdFrom(fd: number, position: number, out: (bytes: Buffer) => void): number {
  const buf = Buffer.alloc(CHUNK_BYTES);
  for (;;) {
    const n = readSync(fd, buf, 0, CHUNK_BYTES, position);
    if (n === 0) return position;
    out(Buffer.from(buf.subarray(0, n)));
    position += n;
  }
}

function openOrNull(path: string): number | null {
  try {
    return openSync(path, 'r');
  } catch {
    return null;
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev;
}
