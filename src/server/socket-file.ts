import { lstatSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname } from 'node:path';
import { preparePrivateDirectory } from '../fs/private-directory.js';
import { ServerAlreadyRunning } from './server-already-running.js';

/**
 * The socket file's life on disk: a private directory, a path the kernel accepts, and
 * telling a stale socket (its server is gone) from a live one.
 */

/** sun_path holds 108 bytes on Linux and 104 on macOS, each including the final NUL. */
const MAX_SOCKET_PATH_BYTES = process.platform === 'linux' ? 107 : 103;

function checkSocketPathLength(socketPath: string): void {
  const bytes = Buffer.byteLength(socketPath);
  if (bytes > MAX_SOCKET_PATH_BYTES) {
    throw new Error(
      `socket path is ${bytes} bytes, over the OS limit of ${MAX_SOCKET_PATH_BYTES}: ${socketPath} ` +
        `(choose a shorter log_dir)`,
    );
  }
}

/** Resolves true when something accepts connections on `socketPath`. */
function probeSocket(socketPath: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createConnection(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', (err: NodeJS.ErrnoException) => {
      probe.destroy();
      if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT') resolve(false);
      else reject(err);
    });
  });
}

/**
 * Clears the way to listen on `socketPath`: removes a socket nobody answers on, throws
 * ServerAlreadyRunning when one does, and refuses to delete anything that is not a socket.
 */
async function removeStaleSocket(socketPath: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(socketPath).isSocket();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (!isSocket) throw new Error(`${socketPath} exists and is not a socket; refusing to replace it`);
  if (await probeSocket(socketPath)) throw new ServerAlreadyRunning(socketPath);
  rmSync(socketPath, { force: true });
}

/**
 * Prepares the directory and path; call before listening. The directory must be the user's
 * own and is made 0700 (Node cannot ask a peer for its uid, SO_PEERCRED: so the directory is
 * what keeps every other user but root from connecting).
 */
export async function prepareSocketPath(socketPath: string): Promise<void> {
  checkSocketPathLength(socketPath);
  preparePrivateDirectory(dirname(socketPath));
  await removeStaleSocket(socketPath);
}
