/**
 * What the watchers remember, kept between servers: `<state_dir>/watchers.json` —
 * `{version, paused: {NAME: reason}, states: {NAME: [{kind, state}, …]}}`. A pause is a hold
 * until a person resumes the agent, and a watcher's counts (turns, workers delegated, streaks)
 * are what its next decision stands on: a server that restarts must lose neither. Each state is
 * kept with its watcher's kind and position, and taken back only where the agent's watchers
 * still have that kind there. Written atomically; a file that does not parse, or an entry of a
 * wrong shape, is none (never a crash).
 */
import { readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { parseJsonObject } from '../fs/json-object.js';
import type { WatcherState } from './watcher-state.js';

export interface KeptState {
  kind: string;
  state: WatcherState;
}

export interface WatchersMemory {
  paused: Map<string, string>;
  states: Map<string, Array<KeptState | null>>;
}

const FILE_VERSION = 1;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const textOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

function lastOf(v: unknown): WatcherState['last'] | undefined {
  if (v === null) return null;
  if (!isObject(v) || !count(v['turn']) || typeof v['at'] !== 'number' || !isObject(v['action'])) return undefined;
  const { type, reason, text } = v['action'];
  if (typeof reason !== 'string') return undefined;
  if (type === 'nudge' && typeof text === 'string') return { action: { type, reason, text }, turn: v['turn'], at: v['at'] };
  if (type === 'pause' || type === 'abort') return { action: { type, reason }, turn: v['turn'], at: v['at'] };
  return undefined;
}

function stateOf(v: unknown): WatcherState | null {
  if (!isObject(v)) return null;
  const { turns, sessions, lastCall, sameCalls, lastError, sameErrors, quietTurns, calls, fired } = v;
  const last = lastOf(v['last']);
  if (!count(turns) || !count(sessions) || !count(sameCalls) || !count(sameErrors) || !count(quietTurns) || !count(fired)) return null;
  if (!textOrNull(lastCall) || !textOrNull(lastError) || last === undefined) return null;
  if (!Array.isArray(calls) || !calls.every((c) => typeof c === 'boolean')) return null;
  return { turns, sessions, lastCall, sameCalls, lastError, sameErrors, quietTurns, calls, fired, last };
}

export function readWatchersMemory(path: string): WatchersMemory {
  const memory: WatchersMemory = { paused: new Map(), states: new Map() };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return memory;
  }
  const file = parseJsonObject(text);
  const paused = file?.['paused'];
  if (isObject(paused)) for (const [name, reason] of Object.entries(paused)) if (typeof reason === 'string') memory.paused.set(name, reason);
  const states = file?.['states'];
  if (isObject(states)) {
    for (const [name, list] of Object.entries(states)) {
      if (!Array.isArray(list)) continue;
      memory.states.set(
        name,
        list.map((k: unknown) => {
          const state = isObject(k) && typeof k['kind'] === 'string' ? stateOf(k['state']) : null;
          return state ? { kind: (k as { kind: string }).kind, state } : null;
        }),
      );
    }
  }
  return memory;
}

/** Keep this memory (the file goes when it holds nothing). */
export function saveWatchersMemory(path: string, memory: WatchersMemory): void {
  if (memory.paused.size === 0 && memory.states.size === 0) {
    rmSync(path, { force: true });
    return;
  }
  const states = Object.fromEntries([...memory.states].map(([name, list]) => [name, list]));
  writeFileAtomic(path, `${JSON.stringify({ version: FILE_VERSION, paused: Object.fromEntries(memory.paused), states })}\n`, 0o600);
}
