/**
 * The timeline panel's model, pure: what the server answers for a timeline (the `pilot`,
 * `checkpoints`, `goto` and `undo` requests, server/pilot-requests.ts), the selection, and
 * each row cut to the panel's width.
 */
import type { TimelineView, TreeRow } from '../../protocol/pilot-view.js';
import { cutToWidth, displayWidth } from '../../terminal/text-width.js';

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

/** One row of the panel, cut to its width. */
export interface TimelineLine {
  label: string;
  /** '● ' on current, '  ' elsewhere */
  mark: string;
  graph: string;
  summary: string;
  /** duration, files, tokens/cost: what fits */
  facts: string;
  current: boolean;
  selected: boolean;
  /** on the path from root to current (else: a branch left behind) */
  onPath: boolean;
  kind: TreeRow['kind'];
}



/**
 * The rows for a panel `width` columns wide: mark, graph and label always; then the facts
 * that fit (duration, files, usage — usage goes first when room is short, then duration);
 * the prompt summary takes what is left, and is cut with … .
 */
export function timelineLines(tl: TimelineView, selected: string | null, width: number): TimelineLine[] {
  const onPath = pathToCurrent(tl);
  return tl.rows.map((r) => {
    const mark = r.current ? '● ' : '  ';
    const head = `${mark}${r.graph}${r.label} `;
    const options = [
      [r.duration, r.files, r.usage],
      [r.duration, r.files],
      [r.files],
      [],
    ].map((parts) => parts.filter(Boolean).join(' '));
    const room = width - displayWidth(head);
    // leave the summary at least a few columns when there is anything to say
    const facts = options.find((f) => f === '' || displayWidth(f) + 1 + Math.min(8, displayWidth(r.summary)) <= room) ?? '';
    const summaryRoom = room - (facts ? displayWidth(facts) + 1 : 0);
    const summary = cutToWidth(r.summary, summaryRoom);
    return {
      label: r.label,
      mark,
      graph: r.graph,
      summary: summary + ' '.repeat(Math.max(0, summaryRoom - displayWidth(summary))),
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
