/**
 * Every run of a fleet on this machine, one file each under
 * `${XDG_STATE_HOME:-~/.local/state}/hangar/instances/` (fs/fleet-files.ts), kept after the run
 * ends: the run's server writes its own record (atomically) as it starts, goes and ends; a
 * reader that finds a `running` record whose server is gone (killed -9, the machine rebooted)
 * closes it as `crashed` there and then, so no record says `running` for ever.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { instanceRecordPath, instanceRegistryDir } from '../fs/fleet-files.js';
import { isInstanceRecord, type InstanceRecord } from '../protocol/instance-record.js';
import { processRuns } from '../session/process-group.js';

/** Write the run's record whole (readers see the old one or the new one). */
export function writeInstance(env: NodeJS.ProcessEnv, record: InstanceRecord): void {
  writeFileAtomic(instanceRecordPath(env, record.id), `${JSON.stringify(record, null, 2)}\n`, 0o600);
}

/**
 * Every run recorded, oldest first. A running one whose server process is gone is closed as
 * crashed (ended: now, the moment it was noticed) and written so; `now` is an ISO time.
 */
export function listInstances(env: NodeJS.ProcessEnv, now: string): InstanceRecord[] {
  const dir = instanceRegistryDir(env);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
  } catch {
    return [];
  }
  const out: InstanceRecord[] = [];
  for (const f of files) {
    let record = readRecord(join(dir, f));
    if (record?.status === 'running' && !processRuns(record.pid)) {
      // read again now that the server is known gone: its last write (a clean end) may have come
      // between the first read and the look at its process, and nothing can follow that one
      record = readRecord(join(dir, f));
      if (record?.status === 'running') {
        record = { ...record, status: 'crashed', ended: now };
        try {
          writeInstance(env, record);
        } catch {
          // shown as crashed all the same; the next reader tries again
        }
      }
    }
    if (record) out.push(record);
  }
  return out.sort((a, b) => (a.started < b.started ? -1 : a.started > b.started ? 1 : 0));
}

/** A record, or null for a file that is not one (left as it is). */
function readRecord(path: string): InstanceRecord | null {
  try {
    const record: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isInstanceRecord(record) ? record : null;
  } catch {
    return null;
  }
}
