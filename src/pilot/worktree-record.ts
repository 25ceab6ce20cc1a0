/**
 * What hangar keeps of each agent worktree it made (`worktree = true`): the repository it
 * belongs to, the branch it was made from, where the agent works in it. Git cannot tell these
 * later (a worktree does not remember its base), and the fleet needs the agent's directory
 * before any git runs (a new server's pilot compares it with its timeline's). One JSON file
 * per agent, `<state_dir>/worktrees/<name>.json`, written atomically; read back field by
 * field, never throwing.
 */

import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { worktreeRecordPath, worktreeRecordsDir, type StateDir } from '../fs/fleet-files.js';
import { parseJsonObject } from '../fs/json-object.js';
import { prepareRealDirectory } from '../fs/private-directory.js';

export interface WorktreeRecord {
  /** the agent */
  name: string;
  /** the agent's dir as agents.toml gives it: in the user's own checkout */
  source: string;
  /** the top of the user's checkout that holds `source` */
  repo: string;
  /** the worktree's top: <log_dir>/worktrees/<name> */
  path: string;
  /** where the agent works: `path`, or the same subdirectory of it as `source` is of `repo` */
  dir: string;
  /** the branch made for it: hangar/<name> */
  branch: string;
  /** the branch `source` had checked out when the worktree was made (diffs and ahead/behind are against it); null: a detached HEAD */
  base: string | null;
  /** the commit it was made from (what `base` is taken as once that branch is gone) */
  baseCommit: string;
  /** epoch ms */
  createdAt: number;
}

const STRING_FIELDS = ['name', 'source', 'repo', 'path', 'dir', 'branch', 'baseCommit'] as const;

/** A record from a file's text, or null when the file does not hold one. */
function parseRecord(text: string): WorktreeRecord | null {
  const o = parseJsonObject(text);
  if (!o) return null;
  if (STRING_FIELDS.some((k) => typeof o[k] !== 'string' || o[k] === '')) return null;
  if (o['base'] !== null && typeof o['base'] !== 'string') return null;
  if (typeof o['createdAt'] !== 'number') return null;
  return o as unknown as WorktreeRecord;
}

/** The record of `name`'s worktree, or null when hangar made none (or its file is unreadable). */
export function readWorktreeRecord(fleet: StateDir, name: string): WorktreeRecord | null {
  let text: string;
  try {
    text = readFileSync(worktreeRecordPath(fleet, name), 'utf8');
  } catch {
    return null;
  }
  const record = parseRecord(text);
  return record && record.name === name ? record : null;
}

export function saveWorktreeRecord(fleet: StateDir, record: WorktreeRecord): void {
  // hangar's own folders: a symlink planted there is refused, not followed
  prepareRealDirectory(fleet.state_dir);
  prepareRealDirectory(worktreeRecordsDir(fleet));
  writeFileAtomic(worktreeRecordPath(fleet, record.name), `${JSON.stringify(record, null, 2)}\n`, 0o600);
}

export function deleteWorktreeRecord(fleet: StateDir, name: string): void {
  rmSync(worktreeRecordPath(fleet, name), { force: true });
}

/** Every agent worktree hangar made for this fleet, by name; `unreadable`: record files that hold none. */
export function listWorktreeRecords(fleet: StateDir): { records: WorktreeRecord[]; unreadable: string[] } {
  let files: string[];
  try {
    files = readdirSync(worktreeRecordsDir(fleet)).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
  } catch {
    return { records: [], unreadable: [] };
  }
  const records: WorktreeRecord[] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    const record = readWorktreeRecord(fleet, file.slice(0, -'.json'.length));
    if (record) records.push(record);
    else unreadable.push(file);
  }
  return { records, unreadable };
}
