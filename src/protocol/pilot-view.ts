/**
 * A piloted agent's timeline as the server answers the pilot's requests (pilot, checkpoints,
 * goto, undo): what the CLI prints and the cockpit's pilot view draws. The pilot's own
 * Checkpoint (pilot/timeline.ts) has these fields and more; clients read only these.
 */

export type CheckpointKind = 'root' | 'turn' | 'present';

/** Files changed since the parent checkpoint (the `numstat` of the two snapshots). */
export interface FileChanges {
  added: number;
  removed: number;
  changed: number;
  insertions: number;
  deletions: number;
}

/** Tokens by kind, as a CLI's session records count them. */
export interface TokenUsage {
  /** input tokens not read from a cache */
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** One checkpoint, the fields a client reads. */
export interface CheckpointSummary {
  /** 'root' or T<n> */
  label: string;
  /** null for root only */
  parent: string | null;
  kind: CheckpointKind;
  /** the turn's prompt (several prompts sent during one turn, joined); '' for root */
  prompt: string;
  /** epoch ms */
  startedAt: number;
  endedAt: number;
  files: FileChanges;
  /** tokens the turn used, all kinds (usage has them by kind), when the session file tells */
  tokens?: number;
  usage?: TokenUsage;
  /** USD, when the session file states it or [price.NAME] prices the tokens */
  cost?: number;
  /** the server ended during this turn: recorded by the next server, as the directory was then */
  interrupted?: true;
}

/** One row of the timeline drawn as a tree (pilot/timeline-render.ts treeRows). */
export interface TreeRow {
  label: string;
  kind: CheckpointKind;
  current: boolean;
  /** the graph drawn before the label: '', '├─ ', '│  └─ ', … */
  graph: string;
  /** the prompt's first line, cut to the summary width */
  summary: string;
  /** '' for root */
  duration: string;
  /** '2 files +40 −1'; '' for root */
  files: string;
  /** tokens and cost when known, else '' */
  usage: string;
}

/** What a goto or an undo did. */
export interface GotoResult {
  name: string;
  label: string;
  /** the checkpoint of the present taken before moving, if the present differed */
  saved: string | null;
  /** the backend's rewind strategy that brought the conversation back */
  strategy: string;
  moved: boolean;
}

/** The goto and undo requests' answer: what was done, and the timeline after it. */
export interface GotoAnswer extends GotoResult {
  timeline: TimelineView;
}

export interface TimelineView {
  name: string;
  current: string;
  checkpoints: CheckpointSummary[];
  /** the tree, one row per checkpoint, in display order */
  rows: TreeRow[];
  /** the same rows as aligned text (`hangar checkpoints`) */
  text: string[];
}
