import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { registryDir, registryEntryPath } from '../fs/fleet-files.js';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { processRuns } from '../session/process-group.js';
import type { ServerIdentity } from '../protocol/messages.js';
import { isServerIdentity } from '../protocol/validate.js';
import { DEFAULT_INSTANCE } from '../config/instance-name.js';

/**
 * The running fleet servers of this user, one file each under
 * `${XDG_STATE_HOME:-~/.local/state}/hangar/servers/`, so a verb run without --config in a
 * folder whose fleet was started with `--config other.toml` still finds that fleet, and a verb
 * run without --instance finds which copies of its config run.
 */

/** A running server's entry: who it is, and which copy of its config's fleet it runs (`--instance`). */
export interface RegisteredServer extends ServerIdentity {
  instance: string;
}

export function registerServer(env: NodeJS.ProcessEnv, identity: RegisteredServer): () => void {
  const dir = registryDir(env);
  const file = registryEntryPath(env, identity.pid);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileAtomic(file, JSON.stringify(identity), 0o600);
  } catch {
    // a convenience only: without it, verbs need --config
  }
  return () => rmSync(file, { force: true });
}


/** Remove the entry of a server that died without cleaning up. */
export function forgetServer(env: NodeJS.ProcessEnv, pid: number): void {
  rmSync(registryEntryPath(env, pid), { force: true });
}

/** Live servers, pruning the entries of servers that died without cleaning up. */
export function runningServers(env: NodeJS.ProcessEnv): RegisteredServer[] {
  const { live, dead } = readRegistry(env);
  for (const file of dead) rmSync(file, { force: true });
  return live;
}

/**
 * Live servers, read only: the entry of a server that died stays for `status`, which reports
 * that server and removes it (a verb finding out which copy it reaches changes nothing).
 */
export function liveServers(env: NodeJS.ProcessEnv): RegisteredServer[] {
  return readRegistry(env).live;
}

/** The entries of live servers, and the files of dead ones. */
function readRegistry(env: NodeJS.ProcessEnv): { live: RegisteredServer[]; dead: string[] } {
  const dir = registryDir(env);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return { live: [], dead: [] };
  }
  const live: RegisteredServer[] = [];
  const dead: string[] = [];
  for (const f of files) {
    try {
      const identity: unknown = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      // an entry written before instances were: the default copy
      const instance = (identity as { instance?: unknown } | null)?.instance;
      if (isServerIdentity(identity) && processRuns(identity.pid)) live.push({ ...identity, instance: typeof instance === 'string' ? instance : DEFAULT_INSTANCE });
      else dead.push(join(dir, f));
    } catch {
      // being written or garbage: leave it
    }
  }
  return { live, dead };
}
