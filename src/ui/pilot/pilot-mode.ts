/**
 * The pilot view's effects around its pure state (pilot-state.ts): the server's pilot requests
 * (pilot, checkpoints, goto, undo, branch, diff, send), the keys of the timeline and the
 * prompt bar, and which part has the keys. Drawing is pilot-panels.ts.
 */
import type { FleetClient } from '../../client/fleet-client.js';
import type { FleetEvent } from '../../protocol/messages.js';
import type { Result } from '../../protocol/requests.js';
import type { Compositor, CursorPlacement } from '../compositor/index.js';
import type { MouseInput } from '../input/index.js';
import type { Binding, CommandsIn } from '../../keymap/index.js';
import type { CommandHandlers } from '../command-table.js';
import type { Confirmations, OverlayState, ViewStore } from '../view-store.js';
import { diffLines } from './diff-lines.js';
import { PilotPanels, type PilotRects } from './pilot-panels.js';
import { nextPart, openPilotState, withBusy, withDone, withTimeline, type PilotPart, type PilotViewState } from './pilot-state.js';
import { editBar, restorePrompt, submitBar, type BarEdit } from './prompt-bar.js';
import { moveSelection } from './timeline-view.js';

export type { PilotRects } from './pilot-panels.js';

/** What the pilot view needs from the cockpit around it. */
export interface PilotHost {
  readonly store: ViewStore;
  readonly client: FleetClient;
  readonly compositor: Compositor;
  readonly bindings: readonly Binding[];
  /** the pilot view opened or closed: lay the screen out again */
  relayout(): void;
  queueFrame(): void;
  openOverlay(overlay: OverlayState | null): void;
  notice(message: string): void;
  now(): number;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class PilotMode {
  private readonly panels: PilotPanels;
  /** answers to older `checkpoints` requests are dropped */
  private refreshes = 0;
  private ticker: NodeJS.Timeout | null = null;
  /** prompts sent per agent, kept while the cockpit runs (leaving and reopening keeps them) */
  private readonly histories = new Map<string, readonly string[]>();

  constructor(private readonly host: PilotHost) {
    this.panels = new PilotPanels(host);
  }

  get state(): PilotViewState | null {
    return this.host.store.getState().pilot;
  }

  /** The piloted agent, or null outside the pilot view. */
  get name(): string | null {
    return this.state?.name ?? null;
  }

  /** The agent's pane has the keys (its border is the focused one). */
  paneHasKeys(): boolean {
    return !this.panels.shown || (this.state?.part ?? 'pane') === 'pane';
  }

  /** C-b p: the pilot view of `name`; on the agent already piloted here, leave. */
  async toggle(name: string | null): Promise<void> {
    if (this.state && (name === null || name === this.state.name)) return this.leave();
    if (name !== null) await this.open(name);
  }

  /** Open the pilot view of `name`, asking the server to pilot it (the first time: root is now). */
  async open(name: string): Promise<void> {
    const before = this.state; // another agent's view: its prompts are kept for later
    if (before) this.histories.set(before.name, before.bar.history);
    this.set(openPilotState(name, this.histories.get(name) ?? []));
    this.host.relayout();
    try {
      const answer = await this.host.client.request('pilot', { name });
      this.update((s) => withDone(withTimeline(s, answer), { note: `${name} is piloted: every turn ends in a checkpoint` }), name);
    } catch (err) {
      if (this.state?.name !== name) return;
      this.leave();
      this.host.notice(`pilot ${name}: ${messageOf(err)}`);
    }
  }

  leave(): void {
    if (!this.state) return;
    this.forget();
    this.host.relayout();
  }

  /** Drop the view without laying out again (the cockpit is about to: the agent is gone, another layout). */
  forget(): void {
    const state = this.state;
    if (!state) return;
    this.histories.set(state.name, state.bar.history);
    this.host.store.setState({ pilot: null });
    this.stopTicker();
    this.place(null);
  }

  /** The layout placed the panels (null: not shown, e.g. while zoomed). */
  place(rects: PilotRects | null): void {
    this.panels.place(rects, this.state);
  }

  /** A pane was focused (a click, the prefix's focus keys): the keys go to it. */
  paneFocused(): void {
    if (this.state && this.state.part !== 'pane') this.setPart('pane');
  }

  /** Where the terminal cursor goes: in the bar when it has the keys, hidden over the timeline; undefined: the pane's. */
  cursor(): CursorPlacement | null | undefined {
    const state = this.state;
    const view = this.host.store.getState();
    if (!state || !this.panels.shown || view.overlay || view.history || state.part === 'pane') return undefined;
    return state.part === 'timeline' ? null : this.panels.barCursor(state);
  }

  /** A click in the timeline (selects that row) or the bar gives it the keys; the wheel over the timeline moves the selection. */
  mouse(event: MouseInput): boolean {
    const state = this.state;
    const hit = state ? this.panels.hit(state, event.x, event.y) : null;
    if (!hit) return false;
    if (hit.part === 'timeline' && (event.kind === 'wheel-up' || event.kind === 'wheel-down')) this.select(event.kind === 'wheel-up' ? -1 : 1);
    else if (event.kind === 'press') {
      if (hit.part === 'timeline' && hit.label !== null) this.update((s) => ({ ...s, selected: hit.label }));
      this.setPart(hit.part);
    }
    return true;
  }

  /** Text typed or pasted into the prompt bar. */
  text(data: string): void {
    if (this.state?.part === 'prompt') this.edit({ type: 'insert', text: data });
  }

  readonly prefixCommands: CommandHandlers<'pilot-next-part'> = {
    'pilot-next-part': () => this.step((s) => this.setPart(nextPart(s.part, 1))),
  };

  /** The timeline's keys, while it has them. */
  readonly timelineCommands: CommandHandlers<CommandsIn<'timeline'>> = {
    'timeline-up': () => this.select(-1),
    'timeline-down': () => this.select(1),
    'timeline-next-part': () => this.step((s) => this.setPart(nextPart(s.part, 1))),
    'timeline-prev-part': () => this.step((s) => this.setPart(nextPart(s.part, -1))),
    'timeline-leave': () => this.leave(),
    'timeline-goto': () =>
      this.ask(({ name }, label) => ({
        confirms: { command: 'timeline-goto', name, label },
        question: `Go to ${label}? ${name}'s files and conversation go back to ${label}; the present is saved first. (y/n)`,
      })),
    'timeline-branch': () =>
      this.ask(({ name }, label) => ({
        confirms: { command: 'timeline-branch', name, label },
        question: `Branch from ${label}? A second agent, ${name}-${label}, starts there in a new worktree, beside ${name}. (y/n)`,
      })),
    'timeline-undo': () => this.step(() => this.undo()),
    'timeline-diff': () => this.step((s) => (s.selected ? this.diff(s.selected) : undefined)),
  };

  /** The prompt bar's keys, while it has them (typed text comes through text()). */
  readonly promptCommands: CommandHandlers<CommandsIn<'prompt'>> = {
    'prompt-send': () => this.step(() => this.send()),
    'prompt-newline': () => this.edit({ type: 'newline' }),
    'prompt-up': () => this.edit({ type: 'up' }),
    'prompt-down': () => this.edit({ type: 'down' }),
    'prompt-left': () => this.edit({ type: 'left' }),
    'prompt-right': () => this.edit({ type: 'right' }),
    'prompt-home': () => this.edit({ type: 'home' }),
    'prompt-end': () => this.edit({ type: 'end' }),
    'prompt-backspace': () => this.edit({ type: 'backspace' }),
    'prompt-delete': () => this.edit({ type: 'delete' }),
    'prompt-kill-line': () => this.edit({ type: 'kill-line' }),
    'prompt-next-part': () => this.step((s) => this.setPart(nextPart(s.part, 1))),
    'prompt-prev-part': () => this.step((s) => this.setPart(nextPart(s.part, -1))),
    'prompt-leave': () => this.step(() => this.setPart('timeline')),
  };

  /** What the view's questions run on yes (the confirmation carries the agent and the checkpoint). */
  readonly confirmations: Confirmations<'timeline-goto' | 'timeline-branch'> = {
    'timeline-goto': ({ name, label }) => (name === this.name ? this.goto(label) : Promise.resolve()),
    'timeline-branch': ({ name, label }) => (name === this.name ? this.branch(label) : Promise.resolve()),
  };

  /** One of the view's keys, by name (the cockpit looks them up in the tables above). */
  async command(command: CommandsIn<'timeline'> | CommandsIn<'prompt'> | 'pilot-next-part'): Promise<void> {
    const tables = [this.prefixCommands, this.timelineCommands, this.promptCommands] as Record<string, () => void | Promise<void>>[];
    return tables.find((t) => Object.hasOwn(t, command))?.[command]?.();
  }

  /** Run `step` on the view's state; nothing outside the pilot view. */
  private step(step: (state: PilotViewState) => Promise<void> | void): Promise<void> | void {
    const state = this.state;
    return state ? step(state) : undefined;
  }

  /** A question about the selected checkpoint, unless none is selected or work is under way. */
  private ask(question: (state: PilotViewState, label: string) => { confirms: Extract<OverlayState, { kind: 'confirm' }>['confirms']; question: string }): void {
    const state = this.state;
    const label = state?.selected;
    if (!state || !label || this.refuseWhileBusy()) return;
    this.host.openOverlay({ kind: 'confirm', ...question(state, label) });
  }

  /** A fleet event: a pilot event of this agent refreshes the timeline (and, mid-goto, says how far it got). */
  event(e: FleetEvent): void {
    const state = this.state;
    if (e.type !== 'pilot' || !state || e.name !== state.name) return;
    // mid-goto: how far it got; otherwise what just happened (a checkpoint, a goto from the CLI)
    if (state.busy) this.update((s) => ({ ...s, progress: e.message }));
    else if (e.level === 'warn') this.update((s) => ({ ...s, error: e.message, note: null }));
    else this.update((s) => ({ ...s, error: null, note: e.message }));
    void this.refresh();
  }

  dispose(): void {
    this.stopTicker();
  }

  private async refresh(): Promise<void> {
    const name = this.name;
    if (!name) return;
    const ticket = ++this.refreshes;
    try {
      const answer = await this.host.client.request('checkpoints', { name });
      if (ticket === this.refreshes) this.update((s) => withTimeline(s, answer), name);
    } catch (err) {
      if (ticket === this.refreshes) this.update((s) => ({ ...s, error: messageOf(err) }), name);
    }
  }

  private async send(): Promise<void> {
    const state = this.state!;
    const { prompt, bar } = submitBar(state.bar);
    if (prompt === null) return;
    if (state.busy) {
      this.update((s) => ({ ...s, error: `wait: ${s.busy!.text.replace(/…$/, '')} is not done yet (the prompt stays in the bar)` }));
      return;
    }
    if (state.sending) {
      // two pastes at once would mix in the agent's input box
      this.update((s) => ({ ...s, error: 'wait: the last prompt is still on its way (this one stays in the bar)' }));
      return;
    }
    const { name } = state;
    this.update((s) => ({ ...s, bar, sending: true, error: null, note: null }));
    const failed = (why: string) => this.update((s) => ({ ...s, sending: false, bar: restorePrompt(s.bar, prompt), error: why }), name);
    try {
      const sent = await this.host.client.request('send', { name, text: prompt });
      if (!sent.confirmed) return failed(`${name} did not take the prompt after ${sent.attempts} tries (it is ${sent.status})`);
      this.update((s) => ({ ...s, sending: false, note: `sent: the turn becomes a checkpoint when ${name} is done` }), name);
    } catch (err) {
      failed(messageOf(err));
    }
  }

  private refuseWhileBusy(): boolean {
    const busy = this.state?.busy;
    if (busy) this.update((s) => ({ ...s, progress: `one thing at a time: ${busy.text.replace(/…$/, '')} is still running` }));
    return busy !== null && busy !== undefined;
  }

  private goto(label: string): Promise<void> {
    return this.rewind(`going to ${label}…`, (name) => this.host.client.request('goto', { name, to: label }));
  }

  private undo(): Promise<void> {
    if (this.refuseWhileBusy()) return Promise.resolve();
    return this.rewind('undoing the last turn…', (name) => this.host.client.request('undo', { name }));
  }

  private async rewind(text: string, move: (name: string) => Promise<Result<'goto' | 'undo'>>): Promise<void> {
    const name = this.name!;
    this.work(text);
    try {
      const r = await move(name);
      const note = r.moved
        ? `at ${r.label}: files restored, conversation by ${r.strategy}${r.saved ? ` (the present saved as ${r.saved})` : ''}`
        : `already at ${r.label}: nothing to do`;
      this.update((s) => withDone(withTimeline({ ...s, selected: null }, r.timeline), { note }), name);
    } catch (err) {
      this.update((s) => withDone(s, { error: messageOf(err) }), name);
    }
    this.stopTickerWhenIdle();
  }

  private async branch(label: string): Promise<void> {
    const name = this.name!;
    this.work(`branching from ${label}…`);
    try {
      const r = await this.host.client.request('branch', { name, from: label });
      this.update((s) => withDone(s, { note: `${r.name} runs from ${label} in ${r.dir}${r.branch ? ` (branch ${r.branch})` : ''}` }), name);
    } catch (err) {
      this.update((s) => withDone(s, { error: messageOf(err) }), name);
    }
    this.stopTickerWhenIdle();
  }

  private async diff(label: string): Promise<void> {
    const name = this.name!;
    try {
      const r = await this.host.client.request('diff', { name, from: label });
      if (this.name !== name) return;
      const title = `${name}: what ${r.to} changed (${r.from}..${r.to})`;
      this.host.openOverlay({ kind: 'diff', title, lines: diffLines(r.text, r.truncated), offset: 0 });
    } catch (err) {
      this.update((s) => ({ ...s, error: messageOf(err) }), name);
    }
  }

  /** Work begins: the panel counts the seconds while it runs (goto by replay can take minutes). */
  private work(text: string): void {
    this.update((s) => withBusy(s, text, this.host.now()));
    if (!this.ticker) {
      this.ticker = setInterval(() => {
        if (this.state) this.panels.drawTimeline(this.state);
      }, 1000);
      this.ticker.unref();
    }
  }

  private stopTickerWhenIdle(): void {
    if (!this.state?.busy) this.stopTicker();
  }

  private stopTicker(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }

  private edit(edit: BarEdit): void {
    this.update((s) => ({ ...s, bar: editBar(s.bar, edit) }));
  }

  private select(delta: number): void {
    this.update((s) => (s.timeline ? { ...s, selected: moveSelection(s.timeline, s.selected, delta) } : s));
  }

  /** The keys move to `part`: the router and the chrome follow the view (active-scope.ts, the cockpit's redraws). */
  private setPart(part: PilotPart): void {
    this.update((s) => ({ ...s, part }));
    this.host.queueFrame(); // the cursor moves
  }

  private set(state: PilotViewState): void {
    this.host.store.setState({ pilot: state });
    this.panels.draw(state);
  }

  /** Change the view's state — only while it still shows `name`, when given (answers come late). */
  private update(change: (s: PilotViewState) => PilotViewState, name?: string): void {
    const state = this.state;
    if (!state || (name !== undefined && state.name !== name)) return;
    this.set(change(state));
  }
}
