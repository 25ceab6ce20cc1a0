/**
 * Bytes into a child's pty on this thread, at once (issue 17: a key's way to the shell).
 *
 * node-pty 1.1 writes every chunk with fs.write, that is through libuv's thread pool: one more
 * thread hop for every key, and a wait whenever the pool's four threads are busy with any of
 * the process's asynchronous file work. Traced over 2,000 keys, "server.pty-write → server.pty-read" was the slowest hop of the
 * slowest 2 % of keys (p50 2.1 ms there, 0.2 ms for the rest), with the server idle meanwhile.
 *
 * The master is non-blocking (node-pty's own queue retries EAGAIN), so writeSync takes what the
 * kernel has room for and returns at once; what it does not take goes to node-pty's queue. While
 * that queue holds anything, every later write goes behind it too, so the bytes keep their order.
 *
 * node-pty's typings expose neither the master's `fd` nor `_writeStream._writeQueue`; without
 * them this is node-pty's own write.
 */
import { writeSync } from 'node:fs';
import type { IPty } from 'node-pty';

export type PtyWrite = (data: string | Buffer) => void;

interface NodePtyInternals {
  fd?: unknown;
  _writeStream?: { _writeQueue?: unknown };
}

export function directPtyWrite(child: IPty): PtyWrite {
  const internals = child as unknown as NodePtyInternals;
  const fd = internals.fd;
  const queue = internals._writeStream?._writeQueue;
  if (typeof fd !== 'number' || !Array.isArray(queue)) return (data) => child.write(data);
  return (data) => {
    if (queue.length > 0) return child.write(data); // behind what node-pty still holds
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    try {
      written = writeSync(fd, bytes);
    } catch {
      // EAGAIN (the pty's buffer is full) and everything else: node-pty's queue retries or reports it
    }
    if (written < bytes.length) child.write(bytes.subarray(written));
  };
}
