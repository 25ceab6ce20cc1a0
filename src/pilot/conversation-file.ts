/**
 * A conversation measured from the CLI's own session file: which file is the conversation's
 * (found by its id, or — for a conversation whose id the CLI chose — as the newest file the
 * session_file template matches since the session started, its id read from the file's name),
 * and how many turns it holds (the prompts recorded in it, session-records' isConversationTurn),
 * counted on from where the last count stopped.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseJsonObject } from '../fs/json-object.js';
import { matches, newestMatch, readRecords, sessionFilePattern, type SessionFileFields } from './session-file.js';
import { isConversationTurn } from './session-records.js';

/** A file written this long before the session started is not its conversation's. */
const FILE_SLACK_MS = 2000;
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** Stands for the id while the template is expanded; no path holds it. */
const ID_SLOT = '\u0001';

/**
 * The conversation a session started at `since` (epoch ms) runs, found as the newest file the
 * template matches written since then, with the id read off its name: the template's `{id}`
 * part. A pattern may match other sessions' files too (Codex keeps every session of the machine
 * under one tree): the ids in `taken` (other agents' conversations) are passed over, and so is a
 * file whose records say it was made in another directory than `fields.cwd`, and a file that is
 * as it was when the session started (`before`, from `conversationFilesNow`): the conversation
 * the session ran before it — a goto's fork starts a moment after the file it came from was last
 * written, within any slack a clock comparison needs. null when the template has no `{id}` or no
 * such file exists yet (Claude Code creates its file at the first prompt).
 */
export function newestConversation(
  template: string,
  fields: Omit<SessionFileFields, 'id'>,
  since: number,
  taken: ReadonlySet<string> = new Set(),
  before: ConversationFilesBefore = new Map(),
): { id: string; path: string } | null {
  const found = idFiles(template, fields);
  if (!found) return null;
  let best: { id: string; path: string; mtimeMs: number } | null = null;
  for (const { id, path } of found) {
    if (taken.has(id)) continue;
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st?.isFile() || st.mtimeMs < since - FILE_SLACK_MS) continue;
    if (before.get(path) === fileStamp(st)) continue;
    if (best && st.mtimeMs <= best.mtimeMs) continue;
    const madeIn = recordedCwd(path);
    if (madeIn !== null && resolve(madeIn) !== resolve(fields.cwd)) continue;
    best = { id, path, mtimeMs: st.mtimeMs };
  }
  return best && { id: best.id, path: best.path };
}

/** The files a template's `{id}` matched when a session started, each with its stamp then (`fileStamp`). */
export type ConversationFilesBefore = ReadonlyMap<string, string>;

/**
 * Every file the template matches now (its `{id}` any name), with its stamp: taken as a session
 * starts, so its own conversation can be told from the files that were there already. Empty
 * when the template has no `{id}`.
 */
export function conversationFilesNow(template: string, fields: Omit<SessionFileFields, 'id'>): ConversationFilesBefore {
  const now = new Map<string, string>();
  for (const { path } of idFiles(template, fields) ?? []) {
    const st = statSync(path, { throwIfNoEntry: false });
    if (st?.isFile()) now.set(path, fileStamp(st));
  }
  return now;
}

/** A file as it stands: changed by any write (its time, however coarse, or its size). */
function fileStamp(st: { mtimeMs: number; size: number }): string {
  return `${st.mtimeMs}:${st.size}`;
}

/** The files the template matches with `{id}` as any name, each with the id read off it; null without `{id}`. */
function idFiles(template: string, fields: Omit<SessionFileFields, 'id'>): { id: string; path: string }[] | null {
  if (!template.includes('{id}')) return null;
  const expanded = sessionFilePattern(template, { ...fields, id: ID_SLOT });
  if (expanded === null) return null;
  const glob = expanded.split(ID_SLOT).join('*');
  const parts = expanded.split(ID_SLOT).map((part) => part.split('*').map(escapeRegExp).join('[^/]*'));
  // a UUID where one fits (Codex's rollout-<time>-<uuid>: the time has dashes too), else any name
  const shapes = [UUID, '[^/]+?'].map((id) => new RegExp(`^${parts.join(`(${id})`)}$`));
  const found: { id: string; path: string }[] = [];
  for (const path of matches(glob)) {
    const id = shapes.map((re) => re.exec(path)?.[1]).find(Boolean);
    if (id) found.push({ id, path });
  }
  return found;
}

/** How much of a file's start is read for the directory its session ran in. */
const HEAD_BYTES = 64 * 1024;

/**
 * The working directory a session file's first records name — Claude Code's `cwd` on each
 * record, Codex's `session_meta` payload — or null when its start names none.
 */
function recordedCwd(path: string): string | null {
  let head: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      head = buf.subarray(0, readSync(fd, buf, 0, HEAD_BYTES, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  for (const line of head.split('\n').slice(0, -1)) {
    const r = parseJsonObject(line);
    const payload = r && typeof r.payload === 'object' && r.payload !== null ? (r.payload as Record<string, unknown>) : null;
    const cwd = r?.cwd ?? payload?.cwd;
    if (typeof cwd === 'string' && cwd !== '') return cwd;
  }
  return null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The session file of conversation `id`: the template expanded with it (the newest match of a
 * `*` pattern). A template without `{id}` matches many conversations' files: only a file whose
 * name holds the id is taken for this one's.
 */
export function conversationFile(template: string, fields: SessionFileFields): string | null {
  if (!fields.id) return null;
  const pattern = sessionFilePattern(template, fields);
  const found = pattern === null ? null : newestMatch(pattern);
  if (!found) return null;
  return template.includes('{id}') || found.path.includes(fields.id) ? found.path : null;
}

/** Counts the turns in one session file at a time, reading on from where it stopped. */
export class ConversationTurnCounter {
  private path: string | null = null;
  private ino: number | null = null;
  private offset = 0;
  private turns = 0;

  /** How many turns the conversation in `path` holds now; null when the file is not there. */
  count(path: string): number | null {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st?.isFile()) return null;
    if (path !== this.path || st.ino !== this.ino || st.size < this.offset) {
      // another file, or this one replaced or cut short: counted again from its start
      this.path = path;
      this.ino = st.ino;
      this.offset = 0;
      this.turns = 0;
    }
    for (;;) {
      const { records, next } = readRecords(path, this.offset);
      for (const r of records) if (isConversationTurn(r)) this.turns++;
      if (next === this.offset || next >= st.size) {
        this.offset = next;
        return this.turns;
      }
      this.offset = next;
    }
  }
}
