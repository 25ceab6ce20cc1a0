/**
 * The timeline as rows of text for `hangar checkpoints` and the pilot view: an indented tree,
 * a light `git log --graph`. A run of single children stays in one column; where a checkpoint
 * has several children (a goto, then a new turn), each child starts a branch drawn with ├─ / └─,
 * oldest first, so abandoned branches stay listed above the newer ones. `*` marks current.
 *
 *   root     (before the first turn)
 *   T1       add a readme           12s  1 file +3 −0
 *   ├─ T2    write tests             8s  2 files +40 −1
 *   │  T3    fix the failing test    5s  1 file +2 −2
 *   └─ T4 *  try another approach   20s  3 files +61 −0  4.1k tok $0.02
 */
import type { TimelineView, TreeRow } from '../protocol/pilot-view.js';
import { cutToWidth, displayWidth, padStartToWidth, padToWidth } from '../terminal/text-width.js';
import { ROOT, sortLabels, type Checkpoint, type FileChanges, type Timeline } from './timeline.js';

/** Columns the prompt summary may take. */
export const SUMMARY_WIDTH = 60;

export type { TreeRow };

/** The tree, one row per checkpoint, in display order. */
export function treeRows(tl: Timeline): TreeRow[] {
  const kids = new Map<string, string[]>();
  for (const cp of Object.values(tl.checkpoints)) {
    if (cp.parent !== null) kids.set(cp.parent, [...(kids.get(cp.parent) ?? []), cp.label]);
  }
  const rows: TreeRow[] = [];
  // Iterative, a chain in a loop: a thousand turns in a row must not exhaust the stack.
  // `lead` is drawn before a branch's first checkpoint, `indent` before the rest of its chain.
  const stack: { label: string; lead: string; indent: string }[] = [{ label: ROOT, lead: '', indent: '' }];
  while (stack.length > 0) {
    const branch = stack.pop()!;
    let label = branch.label;
    let lead = branch.lead;
    for (;;) {
      rows.push(row(tl, tl.checkpoints[label]!, lead));
      const next = sortLabels(kids.get(label) ?? []);
      if (next.length !== 1) {
        for (let i = next.length - 1; i >= 0; i--) {
          const last = i === next.length - 1;
          stack.push({ label: next[i]!, lead: branch.indent + (last ? '└─ ' : '├─ '), indent: branch.indent + (last ? '   ' : '│  ') });
        }
        break;
      }
      label = next[0]!;
      lead = branch.indent;
    }
  }
  return rows;
}

/** The tree as aligned lines of text. */
export function renderTree(tl: Timeline): string[] {
  const rows = treeRows(tl);
  const left = rows.map((r) => `${r.graph}${r.label}${r.current ? ' *' : ''}`);
  const leftWidth = Math.max(...left.map(displayWidth));
  const summaryWidth = Math.max(...rows.map((r) => displayWidth(r.summary)));
  const durationWidth = Math.max(...rows.map((r) => displayWidth(r.duration)));
  const filesWidth = Math.max(...rows.map((r) => displayWidth(r.files)));
  return rows.map((r, i) =>
    [padToWidth(left[i]!, leftWidth), padToWidth(r.summary, summaryWidth), padStartToWidth(r.duration, durationWidth), padToWidth(r.files, filesWidth), r.usage]
      .join('  ')
      .trimEnd(),
  );
}

function row(tl: Timeline, cp: Checkpoint, graph: string): TreeRow {
  return {
    label: cp.label,
    kind: cp.kind,
    current: cp.label === tl.current,
    graph,
    summary: summarize(cp),
    duration: cp.kind === 'root' ? '' : formatDuration(cp.endedAt - cp.startedAt),
    files: cp.kind === 'root' ? '' : formatFiles(cp.files),
    usage: formatUsage(cp.tokens, cp.cost),
  };
}

function summarize(cp: Checkpoint): string {
  if (cp.kind === 'root') return '(before the first turn)';
  const lines = cp.prompt.split(/\r?\n/).map((l) => l.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ').trim()).filter((l) => l !== '');
  const first = lines[0] ?? '';
  const text = cp.kind === 'present' ? (first ? `[present] ${first}` : '[present]') : cp.interrupted ? `[interrupted] ${first}` : first || '(empty prompt)';
  return cutToWidth(text, SUMMARY_WIDTH, lines.length > 1);
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
}

export function formatFiles(f: FileChanges): string {
  const n = f.added + f.removed + f.changed;
  if (n === 0 && f.insertions === 0 && f.deletions === 0) return 'no changes';
  return `${n} ${n === 1 ? 'file' : 'files'} +${f.insertions} −${f.deletions}`;
}

export function formatUsage(tokens: number | undefined, cost: number | undefined): string {
  const parts: string[] = [];
  if (tokens !== undefined) {
    parts.push(
      tokens < 1000 ? `${tokens} tok` : tokens < 1_000_000 ? `${(tokens / 1000).toFixed(1)}k tok` : `${(tokens / 1_000_000).toFixed(1)}M tok`,
    );
  }
  // cents would hide what a short turn costs: under a cent, to the hundredth of a cent
  if (cost !== undefined) parts.push(cost > 0 && cost < 0.0001 ? '<$0.0001' : cost > 0 && cost < 0.01 ? `$${cost.toFixed(4)}` : `$${cost.toFixed(2)}`);
  return parts.join(' ');
}

/** The timeline as the pilot's requests answer it: every checkpoint, the tree as rows and as text. */
export function timelineView(tl: Timeline): TimelineView {
  return { name: tl.agent, current: tl.current, checkpoints: Object.values(tl.checkpoints), rows: treeRows(tl), text: renderTree(tl) };
}
