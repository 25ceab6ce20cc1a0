import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { ServerIdentity } from '../protocol/messages.js';
import { isServerIdentity } from '../protocol/validate.js';

/** The fleet's `server.pid` (fs/fleet-files.ts): who the server is and where it listens, for clients and `down`. */
export function writeLockfile(path: string, identity: ServerIdentity): void {
  const record: ServerIdentity = {
    pid: identity.pid,
    socket: identity.socket,
    version: identity.version,
    startedAt: identity.startedAt,
    config: identity.config,
  };
  writeFileAtomic(path, JSON.stringify(record, null, 2) + '\n', 0o600);
}

/** null when there is no lockfile; throws, naming the file, when it is not a server record. */
export function readLockfile(path: string): ServerIdentity | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${path}: not a hangar server lockfile (invalid JSON)`);
  }
  if (!isServerIdentity(data)) throw new Error(`${path}: not a hangar server lockfile (missing fields)`);
  return data;
}
