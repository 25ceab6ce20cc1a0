/**
 * The pauses watchers put on agents, kept between servers: `<state_dir>/watcher-pauses.json`,
 * `{version, paused: {NAME: reason}}`. A pause is a hold until a person resumes the agent, so a
 * server that restarts must not lift it. Written atomically on every change; a file that does
 * not parse holds no pause (never a crash).
 */
import { readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { parseJsonObject } from '../fs/json-object.js';

const FILE_VERSION = 1;

/** The pauses the file holds; none when it is missing or not a pause file. */
export function readWatcherPauses(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return new Map();
  }
  const paused = parseJsonObject(text)?.['paused'];
  if (typeof paused !== 'object' || paused === null || Array.isArray(paused)) return new Map();
  return new Map(Object.entries(paused).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Keep these pauses (the file goes when there are none). */
export function saveWatcherPauses(path: string, paused: ReadonlyMap<string, string>): void {
  if (paused.size === 0) {
    rmSync(path, { force: true });
    return;
  }
  writeFileAtomic(path, `${JSON.stringify({ version: FILE_VERSION, paused: Object.fromEntries(paused) })}\n`, 0o600);
}
