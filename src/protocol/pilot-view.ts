/**
 * A piloted agent's timeline as the server answers the pilot's requests (pilot, checkpoints,
 * goto, undo): what the CLI prints and the cockpit's pilot view draws. The pilot's own
 * Checkpoint (pilot/timeline.ts) has these fields and more; clients read only these.
 */

export type CheckpointKind = 'root' | 'turn' | 'present';

/** One checkpoint, the fields a client reads. */
export interface CheckpointSummary {
  label: string;
  parent: string | null;
  kind: CheckpointKind;
  prompt: string;
  startedAt: number;
  endedAt: number;
  files: { added: number; removed: number; changed: number; insertions: number; deletions: number };
  /** tokens the turn used (all kinds), by kind, and its cost in USD: when the backend's session file tells */
  tokens?: number;
  usage?: { input: number; output: number; cacheRead: number; cacheWrite: number };
  cost?: number;
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

export interface TimelineView {
  name: string;
  current: string;
  checkpoints: CheckpointSummary[];
  /** the tree, one row per checkpoint, in display order */
  rows: TreeRow[];
  /** the same rows as aligned text (`hangar checkpoints`) */
  text: string[];
}
