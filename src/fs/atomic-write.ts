import { closeSync, constants, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The temp file is made new (O_EXCL) and never opened through a symlink (O_NOFOLLOW): a link
 * planted in the state directory under the temp name fails the write instead of sending it
 * elsewhere. The rename that follows replaces a symlink at `path` itself (rename(2) acts on
 * the directory entry, never on what a link names), so the target is never followed either.
 */
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Tells apart temp files of one process within a millisecond (O_EXCL refuses a name twice). */
let tmpCounter = 0;

/**
 * Write a file so that readers see the old content or the new one, never half of it:
 * write a sibling temp file, fsync it, rename it over the target.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.${tmpCounter++}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, CREATE_NEW, mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    // EEXIST: the name was there already (perhaps a planted link) and is not ours to remove
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') rmSync(tmp, { force: true });
    throw err;
  }
}
