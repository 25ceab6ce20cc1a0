/**
 * Keeps a child's last output from being lost when it exits.
 *
 * Measured here (Linux 6.18, node-pty 1.1): when a child writes a burst and exits at once,
 * the pty master often reports end-of-file before the burst has been read: node-pty alone,
 * without hangar, lost the tail of a 3000-line burst in about 1 of 4 runs (300 lines: ~1 in
 * 40), everything after some line.
 * For an agent that is its final message or the error that explains a crash.
 *
 * Holding our own descriptor to the pty's slave side means the master never sees the last
 * slave close, so it keeps reading until node-pty, having seen the child exit, destroys the
 * socket (after its 200 ms drain window). Exit is reported that much later; no output is cut.
 * node-pty does not expose the slave's path in its typings, so this reads its `_pty` field
 * and does nothing when that is absent.
 */
import { closeSync, constants, openSync } from 'node:fs';
import type { IPty } from 'node-pty';
import { toDisposable, type Disposable } from '../base/disposable.js';

export function holdPtySlaveOpen(child: IPty): Disposable {
  const slavePath = (child as unknown as { _pty?: unknown })._pty;
  if (typeof slavePath !== 'string' || !slavePath.startsWith('/dev/')) return toDisposable(() => {});
  let fd: number;
  try {
    // O_NOCTTY: this process must not acquire the child's terminal as its own.
    fd = openSync(slavePath, constants.O_RDWR | constants.O_NOCTTY);
  } catch {
    return toDisposable(() => {});
  }
  return toDisposable(() => closeSync(fd));
}
