/**
 * The pilot view's state and its pure steps: which part has the keys, the timeline as the
 * server last sent it, the selection, work in progress, and the prompt bar.
 */
import type { InputMode } from '../input/index.js';
import { emptyBar, type PromptBar } from './prompt-bar.js';
import type { TimelineView } from '../../protocol/pilot-view.js';
import { followSelection, turnPrompts } from './timeline-view.js';

/** A line under the tree: work in progress, a server's error, or what the last action did. */
export interface PanelStatus {
  kind: 'busy' | 'error' | 'note';
  text: string;
}

/** The part of the pilot view that has the keys. */
export type PilotPart = 'prompt' | 'timeline' | 'pane';

/** Tab's order. */
const PART_ORDER: readonly PilotPart[] = ['prompt', 'timeline', 'pane'];

export interface PilotViewState {
  /** the piloted agent */
  name: string;
  part: PilotPart;
  /** null until the server answered */
  timeline: TimelineView | null;
  /** the selected checkpoint's label */
  selected: string | null;
  /** work in progress (a goto replaying turns can take minutes) */
  busy: { text: string; since: number } | null;
  /** the server's latest word about this agent while busy (its pilot events) */
  progress: string | null;
  /** what went wrong last, from the server */
  error: string | null;
  /** what the last action did */
  note: string | null;
  bar: PromptBar;
  /** a prompt is on its way */
  sending: boolean;
}

export function openPilotState(name: string, history: readonly string[]): PilotViewState {
  return { name, part: 'prompt', timeline: null, selected: null, busy: { text: `piloting ${name}…`, since: 0 }, progress: null, error: null, note: null, bar: emptyBar(history), sending: false };
}

/** Tab / Shift-Tab: the next or previous part, round. */
export function nextPart(part: PilotPart, delta: 1 | -1): PilotPart {
  const at = PART_ORDER.indexOf(part);
  return PART_ORDER[(at + delta + PART_ORDER.length) % PART_ORDER.length]!;
}

/** The router's mode while `part` has the keys (the pane: keys go to the agent). */
export function partMode(part: PilotPart): InputMode {
  return part === 'pane' ? 'normal' : part;
}

/**
 * A timeline from the server: the selection follows current when it was there, and a prompt
 * bar with no history yet gets the prompts of every turn taken (a cockpit attached later
 * recalls them with Up too).
 */
export function withTimeline(state: PilotViewState, answer: TimelineView): PilotViewState {
  const selected = followSelection(state.timeline, state.selected, answer);
  const bar = state.bar.history.length === 0 ? { ...state.bar, history: turnPrompts(answer) } : state.bar;
  return { ...state, timeline: answer, selected, bar };
}

/** Work begins: earlier errors and notes go. */
export function withBusy(state: PilotViewState, text: string, now: number): PilotViewState {
  return { ...state, busy: { text, since: now }, progress: null, error: null, note: null };
}

/** Work ended, well (a note) or not (an error). */
export function withDone(state: PilotViewState, outcome: { note: string } | { error: string }): PilotViewState {
  return { ...state, busy: null, progress: null, error: 'error' in outcome ? outcome.error : null, note: 'note' in outcome ? outcome.note : null };
}

/** The lines under the tree: work in progress with its time and latest word, else an error or a note. */
export function statusLines(state: PilotViewState, now: number): PanelStatus[] {
  if (state.busy) {
    const seconds = state.busy.since > 0 ? ` ${Math.max(0, Math.floor((now - state.busy.since) / 1000))}s` : '';
    const lines: PanelStatus[] = [{ kind: 'busy', text: `⟳ ${state.busy.text}${seconds}` }];
    if (state.progress) lines.push({ kind: 'busy', text: `  ${state.progress}` });
    return lines;
  }
  if (state.error) return [{ kind: 'error', text: `✗ ${state.error}` }];
  if (state.note) return [{ kind: 'note', text: state.note }];
  return [];
}
