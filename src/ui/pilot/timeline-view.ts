/**
 * The timeline panel's model, pure: what the server answers for a timeline (the `pilot`,
 * `checkpoints`, `goto` and `undo` requests, server/request-table.ts), the selection, and
 * each row cut to the panel's width.
 */
import type { TimelineView, TreeRow } from '../../protocol/pilot-view.js';
import { cutToWidth, displayWidth, padStartToWidth, padToWidth } from '../../terminal/text-width.js';

/** The labels from root to current: the rest are turns left behind by a goto (still reachable). */
export function pathToCurrent(tl: TimelineView): Set<string> {
  const parents = new Map(tl.checkpoints.map((c) => [c.label, c.parent]));
  const path = new Set<string>();
  for (let label: string | null | undefined = tl.current; label && !path.has(label); label = parents.get(label)) path.add(label);
  return path;
}

/** j/k: the row `delta` away from the selected one, kept inside the tree. */
export function moveSelection(tl: TimelineView, selected: string | null, delta: number): string | null {
  if (tl.rows.length === 0) return null;
  const at = tl.rows.findIndex((r) => r.label === selected);
  const from = at < 0 ? tl.rows.findIndex((r) => r.current) : at;
  return tl.rows[Math.min(tl.rows.length - 1, Math.max(0, from + delta))]!.label;
}

/**
 * The selection after a new answer: it follows current when it was on current (or on
 * nothing), so a finished turn or a goto selects where the agent now is; otherwise it stays.
 */
export function followSelection(before: TimelineView | null, selected: string | null, after: TimelineView): string {
  const wasCurrent = selected === null || before === null || selected === before.current;
  if (!wasCurrent && after.rows.some((r) => r.label === selected)) return selected;
  return after.current;
}

/** Prompts of every turn ever taken, oldest first: the prompt bar's history after a reattach. */
export function turnPrompts(tl: TimelineView): string[] {
  return tl.checkpoints
    .filter((c) => c.kind === 'turn' && c.prompt.trim() !== '')
    .sort((a, b) => a.endedAt - b.endedAt)
    .map((c) => c.prompt);
}

/** One row of the panel, cut to its width; the parts of every row start in the same columns. */
export interface TimelineLine {
  label: string;
  /** '● ' on current, '  ' elsewhere */
  mark: string;
  graph: string;
  /** spaces after the label, so every summary starts in one column */
  pad: string;
  /** the prompt summary, cut and padded to its column */
  summary: string;
  /** the fact columns that fit in every row (duration, files, tokens/cost), each padded to its width; '' for none */
  facts: string;
  current: boolean;
  selected: boolean;
  /** on the path from root to current (else: a branch left behind) */
  onPath: boolean;
  kind: TreeRow['kind'];
}

/** The columns after the summary: cells of one kind, padded to the widest (the duration to the right). */
interface FactColumn {
  cell(r: TreeRow): string;
  width: number;
  right?: boolean;
}

/**
 * The rows for a panel `width` columns wide, in columns (measured in terminal columns): mark,
 * graph and label always; then the fact columns that fit — the same ones for every row, so a
 * row without tokens lines up with one that has them (usage goes first when room is short,
 * then duration); the prompt summary takes what is left, and is cut with … .
 */
export function timelineLines(tl: TimelineView, selected: string | null, width: number): TimelineLine[] {
  const onPath = pathToCurrent(tl);
  const widest = (cell: (r: TreeRow) => string) => Math.max(0, ...tl.rows.map((r) => displayWidth(cell(r))));
  const column = (cell: (r: TreeRow) => string, right = false): FactColumn => ({ cell, width: widest(cell), right });
  const duration = column((r) => r.duration, true);
  const files = column((r) => r.files);
  const usage = column((r) => r.usage);
  const head = (r: TreeRow) => `${r.current ? '● ' : '  '}${r.graph}${r.label}`;
  const headWidth = widest(head);
  // leave the summary at least a few columns when there is anything to say
  const summaryWanted = Math.min(8, widest((r) => r.summary));
  const choices = [[duration, files, usage], [duration, files], [files], []].map((set) => set.filter((c) => c.width > 0));
  const factsWidth = (set: FactColumn[]) => set.reduce((sum, c) => sum + c.width, 0) + Math.max(0, set.length - 1);
  const fits = (set: FactColumn[]) => set.length === 0 || headWidth + 1 + summaryWanted + 1 + factsWidth(set) <= width;
  const shown = choices.find(fits) ?? [];
  const summaryRoom = Math.max(0, width - headWidth - 1 - (shown.length > 0 ? factsWidth(shown) + 1 : 0));
  return tl.rows.map((r) => {
    const cells = shown.map((c) => (c.right ? padStartToWidth(c.cell(r), c.width) : padToWidth(c.cell(r), c.width))).join(' ');
    // a row with no facts at all (root) lends their columns to its summary
    const facts = cells.trim() === '' ? '' : cells;
    const room = facts === '' ? width - headWidth - 1 : summaryRoom;
    const summary = cutToWidth(r.summary, room);
    return {
      label: r.label,
      mark: r.current ? '● ' : '  ',
      graph: r.graph,
      pad: ' '.repeat(headWidth - displayWidth(head(r))),
      summary: padToWidth(summary, room),
      facts,
      current: r.current,
      selected: r.label === selected,
      onPath: onPath.has(r.label),
      kind: r.kind,
    };
  });
}

/** The first row to show so that the selected one is in view (`height` rows). */
export function scrollTop(count: number, selectedIndex: number, height: number): number {
  if (count <= height) return 0;
  if (selectedIndex < 0) return count - height;
  return Math.min(count - height, Math.max(0, selectedIndex - Math.floor(height / 2)));
}
