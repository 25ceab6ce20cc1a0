/**
 * Where an agent's timeline lives between servers: `<state_dir>/pilot/<agent>/timeline.json`,
 * with each checkpoint's screen transcript beside it as `<label>.txt`. Every write goes to a
 * temp file and is renamed over the target (writeFileAtomic), so a crash leaves the old file or
 * the new one, never half of either. A file that is not a timeline is an error naming the file
 * and the field — never a crash, and never silently replaced (it may be the only record of work).
 */
import { readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.js';
import * as fleetFiles from '../fs/fleet-files.js';
import { pathUnder } from '../fs/path-under.js';
import { prepareRealDirectory } from '../fs/private-directory.js';
import { parseJsonObject } from '../fs/json-object.js';
import { labelNumber, ROOT, type Checkpoint, type CheckpointKind, type FileChanges, type Timeline, type TokenUsage } from './timeline.js';

export const TIMELINE_FILE_VERSION = 1;

export class TimelineFileError extends Error {
  override name = 'TimelineFileError';
}

/** `<state_dir>/pilot/<agent>`; the agent's name must be usable as one path component. */
export function pilotDir(stateDir: string, agent: string): string {
  if (agent === '' || agent === '.' || agent === '..' || /[/\\\x00]/.test(agent)) {
    throw new TimelineFileError(`agent name ${JSON.stringify(agent)} cannot name a folder under ${join(stateDir, 'pilot')}`);
  }
  return fleetFiles.pilotDir({ state_dir: stateDir }, agent);
}

/**
 * `pilotDir`, made when missing, as a real folder: state/pilot and state/pilot/<agent> are
 * hangar's own, so a symlink found there was planted and is not written through.
 */
function writablePilotDir(stateDir: string, agent: string): string {
  const dir = pilotDir(stateDir, agent);
  prepareRealDirectory(fleetFiles.pilotRoot({ state_dir: stateDir }));
  prepareRealDirectory(dir);
  return dir;
}

export function timelinePath(stateDir: string, agent: string): string {
  pilotDir(stateDir, agent); // the name check
  return fleetFiles.timelinePath({ state_dir: stateDir }, agent);
}

/** The saved timeline; null when the agent has none yet. Throws TimelineFileError for a bad file. */
export function loadTimeline(stateDir: string, agent: string): Timeline | null {
  const file = timelinePath(stateDir, agent);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new TimelineFileError(`${file}: cannot read: ${(err as Error).message}`);
  }
  return parseTimeline(text, file, agent);
}

export function saveTimeline(stateDir: string, tl: Timeline): void {
  writablePilotDir(stateDir, tl.agent);
  writeFileAtomic(timelinePath(stateDir, tl.agent), serializeTimeline(tl));
}

/** Save a checkpoint's screen transcript; returns its transcriptPath (relative to the pilot dir). */
export function saveTranscript(stateDir: string, agent: string, label: string, text: string): string {
  if (labelNumber(label) === null) throw new TimelineFileError(`transcript label ${JSON.stringify(label)} is not root or T<n>`);
  const name = `${label}.txt`;
  writeFileAtomic(pathUnder(writablePilotDir(stateDir, agent), name), text);
  return name;
}

/**
 * The turn running now (`turn.json` beside the timeline): written when a turn starts and
 * removed once it is a checkpoint, so a server that ended during a turn leaves it behind and
 * the next one records it (nothing a person asked for is lost).
 */
export interface RunningTurn {
  prompt: string;
  /** epoch ms */
  startedAt: number;
  /** the conversation it ran in, when known (after a goto, a fork of the parent's) */
  conversationId: string | null;
}

function runningTurnPath(stateDir: string, agent: string): string {
  pilotDir(stateDir, agent); // the name check
  return fleetFiles.runningTurnPath({ state_dir: stateDir }, agent);
}

export function saveRunningTurn(stateDir: string, agent: string, turn: RunningTurn): void {
  writablePilotDir(stateDir, agent);
  writeFileAtomic(runningTurnPath(stateDir, agent), `${JSON.stringify(turn)}\n`);
}

/**
 * The running turn is over: its file goes — only if it is still that turn's (`startedAt`), since
 * the next turn may have begun and written its own before this one's checkpoint was taken.
 * Without `startedAt`, whichever turn it holds.
 */
export function clearRunningTurn(stateDir: string, agent: string, startedAt?: number): void {
  if (startedAt !== undefined && loadRunningTurn(stateDir, agent)?.startedAt !== startedAt) return;
  rmSync(runningTurnPath(stateDir, agent), { force: true });
}

/** The turn a server left running; null when there is none (or the file is not one: it is dropped). */
export function loadRunningTurn(stateDir: string, agent: string): RunningTurn | null {
  let text: string;
  try {
    text = readFileSync(runningTurnPath(stateDir, agent), 'utf8');
  } catch {
    return null; // none, or unreadable: there is nothing to record
  }
  const v = parseJsonObject(text);
  if (!v || typeof v.prompt !== 'string' || typeof v.startedAt !== 'number' || !Number.isFinite(v.startedAt)) return null;
  return { prompt: v.prompt, startedAt: v.startedAt, conversationId: typeof v.conversationId === 'string' && v.conversationId ? v.conversationId : null };
}

/** The absolute path of a checkpoint's transcript, or null when it has none. */
export function transcriptFile(stateDir: string, agent: string, cp: Checkpoint): string | null {
  if (cp.transcriptPath === null) return null;
  return isAbsolute(cp.transcriptPath) ? cp.transcriptPath : pathUnder(pilotDir(stateDir, agent), cp.transcriptPath);
}

/** A checkpoint's transcript, or null when it has none or the file is gone. */
export function readTranscript(stateDir: string, agent: string, cp: Checkpoint): string | null {
  const file = transcriptFile(stateDir, agent, cp);
  if (file === null) return null;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

export function serializeTimeline(tl: Timeline): string {
  const { agent, dir, current, nextNumber, checkpoints } = tl;
  return `${JSON.stringify({ version: TIMELINE_FILE_VERSION, agent, dir, current, nextNumber, checkpoints }, null, 2)}\n`;
}

/** The timeline in `text` (read from `file`, for messages). Throws TimelineFileError naming the field. */
export function parseTimeline(text: string, file: string, agent: string): Timeline {
  const fail = (field: string, problem: string): never => {
    throw new TimelineFileError(`${file}: ${field ? `${field}: ` : ''}${problem}`);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return fail('', `not valid JSON (${(err as Error).message}); the file is left as it is — move it away to start a new timeline`);
  }
  const top = object(value, '', fail);
  if (top.version !== TIMELINE_FILE_VERSION) {
    const newer = typeof top.version === 'number' && top.version > TIMELINE_FILE_VERSION;
    fail('version', newer ? `${top.version} is from a newer hangar (this one reads ${TIMELINE_FILE_VERSION})` : `expected ${TIMELINE_FILE_VERSION}, got ${show(top.version)}`);
  }
  if (top.agent !== agent) fail('agent', `expected ${JSON.stringify(agent)}, got ${show(top.agent)}`);
  const nextNumber = integer(top.nextNumber, 'nextNumber', fail, 1);
  const raw = object(top.checkpoints, 'checkpoints', fail);

  const checkpoints: Record<string, Checkpoint> = {};
  for (const [key, entry] of Object.entries(raw)) {
    checkpoints[key] = checkpoint(key, entry, nextNumber, fail);
  }
  if (!checkpoints[ROOT]) fail('checkpoints', 'no root checkpoint');
  for (const cp of Object.values(checkpoints)) checkTreeLinks(cp, checkpoints, fail);
  if (typeof top.current !== 'string' || !Object.hasOwn(checkpoints, top.current)) {
    fail('current', `expected the label of a checkpoint, got ${show(top.current)}`);
  }
  const dir = top.dir === undefined ? undefined : string(top.dir, 'dir', fail, true);
  return { agent, ...(dir !== undefined ? { dir } : {}), checkpoints, current: top.current as string, nextNumber };
}

type Fail = (field: string, problem: string) => never;

const KINDS: readonly CheckpointKind[] = ['root', 'turn', 'present'];
const FILE_FIELDS: readonly (keyof FileChanges)[] = ['added', 'removed', 'changed', 'insertions', 'deletions'];
const USAGE_FIELDS: readonly (keyof TokenUsage)[] = ['input', 'output', 'cacheRead', 'cacheWrite'];

function checkpoint(key: string, entry: unknown, nextNumber: number, fail: Fail): Checkpoint {
  const at = `checkpoints.${key}`;
  const n = labelNumber(key);
  if (n === null) fail(at, 'a label must be root or T<n>');
  if (n! >= nextNumber) fail(at, `T${n} is not below nextNumber ${nextNumber} (labels are never reused)`);
  const v = object(entry, at, fail);
  if (v.label !== key) fail(`${at}.label`, `expected ${JSON.stringify(key)}, got ${show(v.label)}`);
  const kind = v.kind as CheckpointKind;
  if (!KINDS.includes(kind)) fail(`${at}.kind`, `expected one of ${KINDS.join(', ')}, got ${show(v.kind)}`);
  if ((kind === 'root') !== (key === ROOT)) fail(`${at}.kind`, key === ROOT ? 'root must have kind "root"' : `only root has kind "root"`);
  const files = object(v.files, `${at}.files`, fail);
  const cp: Checkpoint = {
    label: key,
    parent: nullable(v.parent, `${at}.parent`, fail),
    kind,
    prompt: string(v.prompt, `${at}.prompt`, fail),
    startedAt: time(v.startedAt, `${at}.startedAt`, fail),
    endedAt: time(v.endedAt, `${at}.endedAt`, fail),
    snapshot: string(v.snapshot, `${at}.snapshot`, fail, true),
    ref: string(v.ref, `${at}.ref`, fail, true),
    transcriptPath: nullable(v.transcriptPath, `${at}.transcriptPath`, fail),
    logOffset: integer(v.logOffset, `${at}.logOffset`, fail, 0),
    conversationId: nullable(v.conversationId, `${at}.conversationId`, fail),
    depth: integer(v.depth, `${at}.depth`, fail, 0),
    files: Object.fromEntries(FILE_FIELDS.map((f) => [f, integer(files[f], `${at}.files.${f}`, fail, 0)])) as unknown as FileChanges,
  };
  if (v.tokens !== undefined) cp.tokens = time(v.tokens, `${at}.tokens`, fail);
  if (v.cost !== undefined) cp.cost = time(v.cost, `${at}.cost`, fail);
  if (v.usage !== undefined) {
    const usage = object(v.usage, `${at}.usage`, fail);
    cp.usage = Object.fromEntries(USAGE_FIELDS.map((f) => [f, integer(usage[f], `${at}.usage.${f}`, fail, 0)])) as unknown as TokenUsage;
  }
  if (v.reply !== undefined) cp.reply = string(v.reply, `${at}.reply`, fail);
  if (v.conversationTurns !== undefined) cp.conversationTurns = integer(v.conversationTurns, `${at}.conversationTurns`, fail, 0);
  if (v.interrupted !== undefined) {
    if (v.interrupted !== true) fail(`${at}.interrupted`, `expected true, got ${show(v.interrupted)}`);
    cp.interrupted = true;
  }
  return cp;
}

/** Parent exists, depth follows from it, and the chain reaches root (no cycles). */
function checkTreeLinks(cp: Checkpoint, all: Record<string, Checkpoint>, fail: Fail): void {
  const at = `checkpoints.${cp.label}`;
  if (cp.label === ROOT) {
    if (cp.parent !== null) fail(`${at}.parent`, 'root has no parent (null)');
    if (cp.depth !== 0) fail(`${at}.depth`, 'root has depth 0');
    return;
  }
  const parent = cp.parent === null ? undefined : Object.hasOwn(all, cp.parent) ? all[cp.parent] : undefined;
  if (!parent) return fail(`${at}.parent`, `expected the label of a checkpoint, got ${show(cp.parent)}`);
  const depth = parent.depth + (cp.kind === 'turn' ? 1 : 0);
  if (cp.depth !== depth) fail(`${at}.depth`, `expected ${depth} (parent ${parent.label} has ${parent.depth}), got ${cp.depth}`);
  let steps = 0;
  for (let p: Checkpoint | undefined = parent; p && p.parent !== null; p = all[p.parent]) {
    if (++steps > Object.keys(all).length) fail(`${at}.parent`, 'the parents form a cycle and never reach root');
  }
}

function object(v: unknown, field: string, fail: Fail): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(field, `expected an object, got ${show(v)}`);
  return v as Record<string, unknown>;
}

function string(v: unknown, field: string, fail: Fail, nonEmpty = false): string {
  if (typeof v !== 'string' || (nonEmpty && v === '')) fail(field, `expected a${nonEmpty ? ' non-empty' : ''} string, got ${show(v)}`);
  return v as string;
}

function nullable(v: unknown, field: string, fail: Fail): string | null {
  if (v !== null && (typeof v !== 'string' || v === '')) fail(field, `expected a non-empty string or null, got ${show(v)}`);
  return v as string | null;
}

function time(v: unknown, field: string, fail: Fail): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(field, `expected a number ≥ 0, got ${show(v)}`);
  return v as number;
}

function integer(v: unknown, field: string, fail: Fail, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(field, `expected an integer ≥ ${min}, got ${show(v)}`);
  return v as number;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
