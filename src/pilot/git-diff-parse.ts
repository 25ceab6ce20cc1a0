/**
 * Reading `git diff-tree -z --raw --numstat` output, and the summary the timeline shows
 * ("files changed, +/−"). Pure.
 *
 * Paths are read byte for byte as latin1 strings (one char per byte, lossless) so a name
 * that is not UTF-8 still reaches the file system and git unchanged; `displayPath` turns one
 * into readable text.
 */

export type RawStatus = 'A' | 'D' | 'M' | 'T' | 'R' | 'C' | 'U' | 'X';

/** One line of `--raw`: modes and blobs before and after, and the path (two for a rename or copy). */
export interface RawChange {
  status: RawStatus;
  oldMode: string;
  newMode: string;
  oldSha: string;
  newSha: string;
  path: string;
  /** the path before a rename or copy */
  oldPath?: string;
}

export interface NumstatEntry {
  path: string;
  oldPath?: string;
  /** null for a binary file (git prints '-') */
  insertions: number | null;
  deletions: number | null;
}

export type FileStatus = 'added' | 'deleted' | 'modified' | 'renamed' | 'copied' | 'type-changed';

export interface FileChange {
  path: string;
  oldPath?: string;
  status: FileStatus;
  insertions: number;
  deletions: number;
  binary: boolean;
}

/** The counts a checkpoint keeps (`files` in the pilot's vocabulary). */
export interface DiffTotals {
  added: number;
  removed: number;
  /** modified, renamed, copied or changed type (a file that became a symlink) */
  changed: number;
  insertions: number;
  deletions: number;
}

/** The mode of a submodule or embedded repository: recorded as a commit, never its files. */
const GITLINK_MODE = '160000';

const STATUS_NAME: Record<string, FileStatus> = { A: 'added', D: 'deleted', M: 'modified', R: 'renamed', C: 'copied', T: 'type-changed' };

/** A path as read (latin1, one char per byte) → readable text (UTF-8). */
export function displayPath(path: string): string {
  return Buffer.from(path, 'latin1').toString('utf8');
}

/** A path as read → the bytes the file system knows it by. */
export function fsPath(path: string): Buffer {
  return Buffer.from(path, 'latin1');
}

function malformed(what: string, token: string | undefined): Error {
  return new Error(`pilot: unexpected git diff output (${what}): ${JSON.stringify((token ?? '<end>').slice(0, 80))}`);
}

/** Parse `--raw` and/or `--numstat` records of a `-z` diff, in the order git prints them. */
export function parseDiffZ(output: Buffer | string): { raw: RawChange[]; numstat: NumstatEntry[] } {
  const text = typeof output === 'string' ? output : output.toString('latin1');
  const tokens = text.split('\0');
  if (tokens[tokens.length - 1] === '') tokens.pop();
  const raw: RawChange[] = [];
  const numstat: NumstatEntry[] = [];
  let i = 0;
  const next = (what: string): string => {
    const token = tokens[i++];
    if (token === undefined) throw malformed(what, token);
    return token;
  };
  while (i < tokens.length) {
    const head = next('record');
    if (head.startsWith(':')) {
      const m = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([ADMTRCUX])(\d*)$/.exec(head);
      if (!m) throw malformed('raw line', head);
      const status = m[5] as RawStatus;
      const change: RawChange = { status, oldMode: m[1]!, newMode: m[2]!, oldSha: m[3]!, newSha: m[4]!, path: '' };
      if (status === 'R' || status === 'C') {
        change.oldPath = next('rename source');
        change.path = next('rename target');
      } else change.path = next('path');
      raw.push(change);
      continue;
    }
    const m = /^(\d+|-)\t(\d+|-)\t([\s\S]*)$/.exec(head);
    if (!m) throw malformed('numstat line', head);
    const count = (s: string) => (s === '-' ? null : Number(s));
    const entry: NumstatEntry = { path: m[3]!, insertions: count(m[1]!), deletions: count(m[2]!) };
    if (entry.path === '') {
      entry.oldPath = next('rename source');
      entry.path = next('rename target');
    }
    numstat.push(entry);
  }
  return { raw, numstat };
}

/** The raw and numstat records of one diff joined per file, paths readable. */
export function fileChanges(raw: RawChange[], numstat: NumstatEntry[]): FileChange[] {
  const counts = new Map(numstat.map((n) => [`${n.oldPath ?? ''}\0${n.path}`, n]));
  return raw.map((r) => {
    const n = counts.get(`${r.oldPath ?? ''}\0${r.path}`);
    const binary = n !== undefined && n.insertions === null;
    const change: FileChange = {
      path: displayPath(r.path),
      status: STATUS_NAME[r.status] ?? 'modified',
      insertions: n?.insertions ?? 0,
      deletions: n?.deletions ?? 0,
      binary,
    };
    if (r.oldPath !== undefined) change.oldPath = displayPath(r.oldPath);
    return change;
  });
}

/** Files added, removed and changed, and the lines inserted and deleted. */
export function totalsOf(files: FileChange[]): DiffTotals {
  const totals: DiffTotals = { added: 0, removed: 0, changed: 0, insertions: 0, deletions: 0 };
  for (const f of files) {
    if (f.status === 'added') totals.added++;
    else if (f.status === 'deleted') totals.removed++;
    else totals.changed++;
    totals.insertions += f.insertions;
    totals.deletions += f.deletions;
  }
  return totals;
}

/** What a restore does to the directory, from the raw diff present → target. */
export interface RestorePlan {
  /** files and symlinks present now and absent from the target */
  remove: string[];
  /** paths whose target content, mode or type differs from the present (or that are new) */
  write: string[];
}

/**
 * Turn the raw diff (no rename detection) from the present's tree to the target's into
 * removals and writes. Submodules and embedded repositories (gitlinks) are left alone: a
 * snapshot records their commit, not their files.
 */
export function planRestore(changes: RawChange[]): RestorePlan {
  const remove: string[] = [];
  const write: string[] = [];
  for (const c of changes) {
    if (c.status === 'R' || c.status === 'C') throw new Error('pilot: a restore diff must be read without rename detection');
    const wasLink = c.status !== 'A' && c.oldMode === GITLINK_MODE;
    const isLink = c.status !== 'D' && c.newMode === GITLINK_MODE;
    if (c.status === 'D') {
      if (!wasLink) remove.push(c.path);
    } else if (isLink) {
      // the target had an embedded repository here: a file in its place goes, no directory is made
      if (c.status === 'T' && !wasLink) remove.push(c.path);
    } else if (!wasLink) write.push(c.path);
    // (an embedded repository where the target has a file stays: its files are not ours to delete)
  }
  return { remove, write };
}
