import { chmodSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname } from 'node:path';
import { ServerAlreadyRunning } from './server-already-running.js';

/**
 * The socket file's life on disk: a private directory, a path the kernel accepts, and
 * telling a stale socket (its server is gone) from a live one.
 */

/** sun_path holds 108 bytes on Linux and 104 on macOS, each including the final NUL. */
export const MAX_SOCKET_PATH_BYTES = process.platform === 'linux' ? 107 : 103;

export function checkSocketPathLength(socketPath: string): void {
  const bytes = Buffer.byteLength(socketPath);
  if (bytes > MAX_SOCKET_PATH_BYTES) {
    throw new Error(
      `socket path is ${bytes} bytes, over the OS limit of ${MAX_SOCKET_PATH_BYTES}: ${socketPath} ` +
        `(choose a shorter log_dir)`,
    );
  }
}

/** The socket lives in hangar's log_dir, beside agents' logs: keep that directory private. */
export function preparePrivateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask and does nothing for a directory that exists.
  chmodSync(dir, 0o700);
}

/** Resolves true when something accepts connections on `socketPath`. */
export function probeSocket(socketPath: string): Promise<boolean> {
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
export async function removeStaleSocket(socketPath: string): Promise<void> {
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

/** Prepares the directory and path; call before listening. */
export async function prepareSocketPath(socketPath: string): Promise<void> {
  checkSocketPathLength(socketPath);
  preparePrivateDirectory(dirname(socketPath));
  await removeStaleSocket(socketPath);
}
