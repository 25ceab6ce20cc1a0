/**
 * An agent's timeline: every checkpoint it ever took, as a tree, and `current` — the checkpoint
 * its working directory and conversation are at. Pure: each operation returns a new timeline.
 *
 * - `root` is the state before the first turn. Every other label is `T<n>`, n one more than the
 *   highest ever given (a 'present' checkpoint takes a number too), so labels are never reused
 *   and T1…T(next−1) all exist.
 * - A turn is recorded as a child of `current` and becomes current. After a goto, current is an
 *   older checkpoint, so the new turn starts a branch; the turns left behind stay in the tree
 *   (zwarm's CheckpointManager truncated them).
 * - `depth` counts the turns from root: the conversation at a checkpoint holds turns 1..depth
 *   along its path. A 'present' checkpoint (the state goto saved before moving away) is not a
 *   turn: it has its parent's depth, and replay skips it.
 *
 * A goto, as the controller performs it:
 *   1. plan = gotoPlan(tl, target) — an unknown label stops here.
 *   2. snapshot the working directory (label nextLabel(tl)); differs = its tree is not the tree
 *      of current's snapshot. plan.alreadyThere && !differs → nothing to do.
 *   3. ({ timeline: tl } = recordPresent(tl, present, differs)) — nothing is ever lost.
 *   4. restore plan.snapshot; restart the conversation (plan.prompts / plan.depth / plan.conversationId).
 *   5. tl = moveCurrent(tl, plan.target.label).
 */

export const ROOT = 'root';

import type { CheckpointKind, CheckpointSummary, FileChanges, TokenUsage } from '../protocol/pilot-view.js';

export type { CheckpointKind, FileChanges, TokenUsage };

/** A checkpoint as the pilot keeps it: what clients read, and how to go back to it. */
export interface Checkpoint extends CheckpointSummary {
  /** the git commit of the working directory */
  snapshot: string;
  /** the ref that keeps `snapshot` alive: refs/hangar/<agent>/<label> */
  ref: string;
  /** the screen transcript; relative paths are relative to the agent's pilot dir; null: none */
  transcriptPath: string | null;
  /** byte offset into the session's raw log at the checkpoint */
  logOffset: number;
  /** the backend's conversation id, when known */
  conversationId: string | null;
  /** turns from root along the path */
  depth: number;
  /** the agent's reply, as read off the screen (bounded by the caller), for recap */
  reply?: string;
  /**
   * how many turns the backend's conversation holds here, counting those before the pilot
   * began (an arg kickoff is a turn to the agent): the {turn} of a `resume` rewind
   */
  conversationTurns?: number;
}

/** The changes of a checkpoint that changed no file: root's, the present's before a goto. */
export const NO_FILES: FileChanges = { added: 0, removed: 0, changed: 0, insertions: 0, deletions: 0 };

/** What the caller knows about a checkpoint; the timeline adds label, parent, kind and depth. */
export type CheckpointRecord = Omit<Checkpoint, 'label' | 'parent' | 'kind' | 'depth'>;

export interface Timeline {
  readonly agent: string;
  /**
   * The directory the snapshots were taken of (absolute). A timeline is only followed and
   * restored in the directory it was made in; timelines written before hangar kept it have none.
   */
  readonly dir?: string;
  /** by label, root included */
  readonly checkpoints: Readonly<Record<string, Checkpoint>>;
  readonly current: string;
  /** the number of the next label (T<nextNumber>) */
  readonly nextNumber: number;
}

/** A mistake in how the timeline is used (an unknown label): a bug in the caller. */
export class TimelineError extends Error {
  override name = 'TimelineError';
}

const TURN_LABEL = /^T([1-9][0-9]*)$/;

/** The n of T<n>; 0 for root; null for anything else. */
export function labelNumber(label: string): number | null {
  if (label === ROOT) return 0;
  const m = TURN_LABEL.exec(label);
  return m ? Number(m[1]) : null;
}

export function createTimeline(agent: string, root: Omit<CheckpointRecord, 'prompt'>, dir?: string): Timeline {
  const checkpoint: Checkpoint = { ...root, label: ROOT, parent: null, kind: 'root', prompt: '', depth: 0 };
  return { agent, ...(dir !== undefined ? { dir } : {}), checkpoints: { [ROOT]: checkpoint }, current: ROOT, nextNumber: 1 };
}

/** The label the next recorded checkpoint gets (the caller names its ref and transcript with it). */
export function nextLabel(tl: Timeline): string {
  return `T${tl.nextNumber}`;
}

export function getCheckpoint(tl: Timeline, label: string): Checkpoint {
  const cp = Object.hasOwn(tl.checkpoints, label) ? tl.checkpoints[label] : undefined;
  if (!cp) throw new TimelineError(`no checkpoint ${label} in ${tl.agent}'s timeline (${describeLabels(tl)})`);
  return cp;
}

/** A label as a person typed it ("t3", " T3 ", "ROOT") → the label, or null when there is none such. */
export function findLabel(tl: Timeline, text: string): string | null {
  const t = text.trim();
  const label = t.toLowerCase() === ROOT ? ROOT : t.toUpperCase();
  return Object.hasOwn(tl.checkpoints, label) ? label : null;
}

/** A turn ended: a child of current, which becomes current. */
export function recordTurn(tl: Timeline, turn: CheckpointRecord): { timeline: Timeline; label: string } {
  const parent = getCheckpoint(tl, tl.current);
  return add(tl, { ...turn, kind: 'turn', depth: parent.depth + 1 });
}

/**
 * The present, saved by goto before it moves away — only when it `differs` from current (the
 * caller compared the snapshots); otherwise nothing is recorded and label is null. The present
 * becomes current until the goto moves on (moveCurrent).
 */
export function recordPresent(
  tl: Timeline,
  present: CheckpointRecord,
  differs: boolean,
): { timeline: Timeline; label: string | null } {
  if (!differs) return { timeline: tl, label: null };
  const parent = getCheckpoint(tl, tl.current);
  return add(tl, { ...present, kind: 'present', depth: parent.depth });
}

function add(tl: Timeline, cp: CheckpointRecord & Pick<Checkpoint, 'kind' | 'depth'>): { timeline: Timeline; label: string } {
  const label = nextLabel(tl);
  const checkpoint: Checkpoint = { ...cp, label, parent: tl.current };
  return {
    timeline: { ...tl, checkpoints: { ...tl.checkpoints, [label]: checkpoint }, current: label, nextNumber: tl.nextNumber + 1 },
    label,
  };
}

/** The working directory and conversation are now at `label` (after a goto restored it). */
export function moveCurrent(tl: Timeline, label: string): Timeline {
  getCheckpoint(tl, label);
  return label === tl.current ? tl : { ...tl, current: label };
}

/** Update what became known about a checkpoint later (tokens, the conversation id after a restart). */
export function annotate(
  tl: Timeline,
  label: string,
  fields: Partial<Pick<Checkpoint, 'tokens' | 'usage' | 'cost' | 'conversationId' | 'reply' | 'transcriptPath'>>,
): Timeline {
  const cp = getCheckpoint(tl, label);
  return { ...tl, checkpoints: { ...tl.checkpoints, [label]: { ...cp, ...fields } } };
}

/** The checkpoints from root to `label`, both included. */
export function pathTo(tl: Timeline, label: string): Checkpoint[] {
  const path: Checkpoint[] = [];
  const seen = new Set<string>();
  for (let cp: Checkpoint | null = getCheckpoint(tl, label); cp; cp = cp.parent === null ? null : getCheckpoint(tl, cp.parent)) {
    if (seen.has(cp.label)) throw new TimelineError(`${tl.agent}'s timeline has a cycle at ${cp.label}`);
    seen.add(cp.label);
    path.push(cp);
  }
  return path.reverse();
}

/** The children of `label`, oldest first. */
export function children(tl: Timeline, label: string): string[] {
  getCheckpoint(tl, label);
  return sortLabels(Object.values(tl.checkpoints).filter((cp) => cp.parent === label).map((cp) => cp.label));
}

/** The tips of every branch (checkpoints with no children), oldest first. */
export function branches(tl: Timeline): string[] {
  const parents = new Set(Object.values(tl.checkpoints).map((cp) => cp.parent));
  return sortLabels(Object.keys(tl.checkpoints).filter((label) => !parents.has(label)));
}

/** Whether `ancestor` lies on the path from root to `label` (a checkpoint is its own ancestor, as in git). */
export function isAncestor(tl: Timeline, ancestor: string, label: string): boolean {
  getCheckpoint(tl, ancestor);
  return pathTo(tl, label).some((cp) => cp.label === ancestor);
}

export type GotoPlan =
  | {
      ok: true;
      target: Checkpoint;
      /** target is current: only a present that differs needs restoring */
      alreadyThere: boolean;
      /** the commit to restore */
      snapshot: string;
      /** root → target, both included */
      path: Checkpoint[];
      /** the turns along the path, in order: turn i of the restored conversation is turns[i-1] */
      turns: Checkpoint[];
      /** their prompts, for the replay strategy */
      prompts: string[];
      /** turns in the restored conversation (= turns.length), for resume's {turn} */
      depth: number;
      /** the target's own conversation id, for resume's {id}; null: resume cannot be used */
      conversationId: string | null;
    }
  | { ok: false; error: string };

/** What a goto to `target` (as typed: "t3" works) must do. */
export function gotoPlan(tl: Timeline, target: string): GotoPlan {
  const label = findLabel(tl, target);
  if (label === null) return { ok: false, error: `no checkpoint ${JSON.stringify(target.trim())} in ${tl.agent}'s timeline (${describeLabels(tl)})` };
  const cp = getCheckpoint(tl, label);
  const path = pathTo(tl, label);
  const turns = path.filter((p) => p.kind === 'turn');
  return {
    ok: true,
    target: cp,
    alreadyThere: label === tl.current,
    snapshot: cp.snapshot,
    path,
    turns,
    prompts: turns.map((t) => t.prompt),
    depth: cp.depth,
    conversationId: cp.conversationId,
  };
}

/** Undo = goto the parent of current; at root there is nothing to go back to. */
export function undoTarget(tl: Timeline): { ok: true; label: string } | { ok: false; error: string } {
  const cp = getCheckpoint(tl, tl.current);
  if (cp.parent === null) return { ok: false, error: `${tl.agent} is at root, before its first turn: there is nothing to undo` };
  return { ok: true, label: cp.parent };
}

/** Labels by number (root first, T2 before T10). */
export function sortLabels(labels: string[]): string[] {
  return [...labels].sort((a, b) => (labelNumber(a) ?? Infinity) - (labelNumber(b) ?? Infinity));
}

function describeLabels(tl: Timeline): string {
  const turns = sortLabels(Object.keys(tl.checkpoints)).filter((l) => l !== ROOT);
  if (turns.length === 0) return 'it has only root';
  const contiguous = turns.every((l, i) => labelNumber(l) === i + 1);
  if (turns.length <= 2 || !contiguous) return `it has root, ${turns.join(', ')}`;
  return `it has root and T1…${turns[turns.length - 1]}`;
}
