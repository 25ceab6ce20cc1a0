/**
 * The verdicts agents were ended with (`end`): one JSON line each in `<state_dir>/verdicts.jsonl`
 * (fs/fleet-files.ts `verdictsPath`), appended and never rewritten, so a run's outcome outlives
 * its server (instances read it). A line is written in one append (O_APPEND: whole or not at
 * all); a line that is not a verdict is passed over when read.
 */
import { closeSync, constants, openSync, readFileSync, writeSync } from 'node:fs';
import { verdictsPath, type StateDir } from '../fs/fleet-files.js';
import { VERDICTS, type VerdictRecord } from '../protocol/requests.js';

export function appendVerdict(fleet: StateDir, record: VerdictRecord): void {
  // never through a link: the state dir is the fleet's own
  const fd = openSync(verdictsPath(fleet), constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
  } finally {
    closeSync(fd);
  }
}

function isVerdict(x: unknown): x is VerdictRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.name === 'string' && (VERDICTS as readonly unknown[]).includes(r.verdict) && typeof r.reason === 'string' && typeof r.at === 'number' && typeof r.deleted === 'boolean';
}

/** Every verdict recorded, oldest first; none when the file is not there. */
export function readVerdicts(fleet: StateDir): VerdictRecord[] {
  let text: string;
  try {
    text = readFileSync(verdictsPath(fleet), 'utf8');
  } catch {
    return [];
  }
  const out: VerdictRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r: unknown = JSON.parse(line);
      if (isVerdict(r)) out.push(r);
    } catch {
      // a torn or foreign line: the others still count
    }
  }
  return out;
}
