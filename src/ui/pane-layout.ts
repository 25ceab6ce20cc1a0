/**
 * The panes on screen: which members are shown, their frames, each pane's screen in the
 * compositor and its pty sized to it, the screen subscriptions that feed them, and what
 * reaches them from the person (typed bytes, the mouse). It follows the view (members,
 * layout, zoom, the pilot view) and the terminal's size.
 */
import type { FleetClient } from '../client/fleet-client.js';
import type { FleetEvent, SessionInfo } from '../protocol/messages.js';
import type { ResizeRedraws } from './attention.js';
import type { Compositor } from './compositor/index.js';
import { WHEEL_LINES } from './history-mode.js';
import { encodeSgrMouse, type MouseInput } from './input/index.js';
import { paneMouse } from './input/pane-mouse.js';
import { screenLayout, type PaneFrame } from './layout/index.js';
import { panePlacement } from './pane-placement.js';
import type { PaneScreen, PaneScreens } from './pane-screens.js';
import type { PilotMode } from './pilot/pilot-mode.js';
import type { ViewStore } from './view-store.js';

type ScreenUpdate = Parameters<PaneScreens['apply']>[0];

export interface PaneLayoutHost {
  readonly store: ViewStore;
  readonly compositor: Compositor;
  readonly screens: PaneScreens;
  readonly client: FleetClient;
  /** when each pane's pty last changed size (attention.ts) */
  readonly resizes: ResizeRedraws;
  size(): { cols: number; rows: number };
  pilot(): Pick<PilotMode, 'name' | 'forget' | 'place' | 'mouse' | 'paneHasKeys'>;
  focus(name: string): void;
  /** a pane's other events: its program's clipboard writes */
  paneEvent(e: FleetEvent): void;
  /** the wheel over a pane that does not take the mouse: its history */
  wheel(name: string, lines: number): Promise<void>;
  /** laid out: the chrome and the overlay are drawn again */
  laidOut(): void;
  queueFrame(urgent: boolean): void;
  /** the time in ms (performance.now by default; a fake in tests) */
  now?(): number;
}

/** Members shown as panes: everything that has (or had) a process, and the piloted agent (a goto restarts it). */
function shown(members: SessionInfo[], piloted: string | null): SessionInfo[] {
  return members.filter((m) => m.status !== 'stopped' || m.pid !== null || m.name === piloted);
}

/**
 * A focused pane's frames this soon after a key was typed into it are the key's answer (its
 * echo, a TUI redrawing its input box): drawn at once. Its other frames — an agent working in
 * the focused pane, redrawing its spinner — wait for the paced frame with the other panes'.
 */
export const ANSWER_WINDOW_MS = 1000;

export class PaneLayout {
  /** the members shown as panes, by pane index */
  panes: SessionInfo[] = [];
  frames: PaneFrame[] = [];
  /** screens this cockpit receives (each subscribed once; the server sends a full frame first) */
  private readonly subscribed = new Set<string>();
  /** the panes declared to the compositor: one no longer shown is taken out, or its cells stay on screen */
  private readonly placed = new Set<string>();
  /** the pane typed into last, and when */
  private typed: { name: string; at: number } | null = null;

  constructor(private readonly host: PaneLayoutHost) {}

  private now(): number {
    return this.host.now?.() ?? performance.now();
  }

  /** Panes, their frames, pty sizes and subscriptions follow the members and the terminal. */
  relayout(): void {
    const { store, compositor, screens, client } = this.host;
    const pilot = this.host.pilot();
    const view = store.getState();
    const { cols, rows } = this.host.size();
    compositor.resize(cols, rows);
    this.panes = shown(view.members, pilot.name);
    const piloted = this.panes.findIndex((m) => m.name === pilot.name);
    if (pilot.name !== null && piloted < 0) pilot.forget(); // the agent is gone
    const focus = Math.max(0, this.panes.findIndex((m) => m.name === view.focus));
    const area = { x: 0, y: 0, cols, rows: rows - 1 };
    const layout = screenLayout({ layout: view.layout, zoomed: view.zoomed, count: this.panes.length, focus, piloted, area });
    this.frames = layout.frames;
    pilot.place(layout.pilot);
    const showing = new Set(this.frames.map((f) => this.panes[f.index]!.name));
    for (const name of this.placed) {
      if (showing.has(name)) continue;
      compositor.removePane(name);
      this.placed.delete(name);
    }
    for (const frame of this.frames) {
      const member = this.panes[frame.index]!;
      this.place(member.name, frame, screens.get(member.name));
      if (!this.subscribed.has(member.name)) {
        // the server answers a subscription with a full frame, then sends changed rows
        this.subscribed.add(member.name);
        client.subscribe({ screens: [member.name] }, (e) => (e.type === 'screen' ? this.screen(e.update) : this.host.paneEvent(e)));
      }
    }
    this.host.laidOut();
  }

  frameOf(name: string): PaneFrame | undefined {
    return this.frames.find((f) => this.panes[f.index]?.name === name);
  }

  /** Bytes typed for the focused agent. */
  forward(data: string): void {
    const name = this.host.store.getState().focus;
    if (!name) return;
    const screen = this.host.screens.get(name);
    // a child that did not ask for bracketed paste gets the pasted text without the markers
    const bytes = screen?.modes.bracketedPaste === false ? data.replaceAll('\x1b[200~', '').replaceAll('\x1b[201~', '') : data;
    this.typed = { name, at: this.now() };
    this.host.client.input(name, bytes);
  }

  async mouse(event: MouseInput): Promise<void> {
    const { store, screens, client } = this.host;
    const pilot = this.host.pilot();
    const view = store.getState();
    if (!view.overlay && pilot.mouse(event)) return;
    const { panes, frames } = this;
    const action = paneMouse(
      event,
      frames,
      (i) => screens.get(panes[i]!.name)?.modes.mouse ?? 'none',
      // in the pilot view a click on the piloted pane gives it the keys (from the prompt bar or the timeline)
      (i) => panes[i]!.name === view.focus && pilot.paneHasKeys(),
      WHEEL_LINES,
    );
    if (action.type === 'none') return;
    const name = panes[action.index]!.name;
    if (action.type === 'focus') this.host.focus(name);
    else if (action.type === 'scroll') await this.host.wheel(name, action.lines);
    else {
      // in a glance, the interior's first row is not the screen's
      const frame = frames.find((f) => f.index === action.index)!;
      this.typed = { name, at: this.now() };
      client.input(name, encodeSgrMouse(event, action.x, action.y + panePlacement(frame, screens.get(name)).top));
    }
  }

  /** Rows of a pane's screen from the server. */
  private screen(update: ScreenUpdate): void {
    const { store, screens } = this.host;
    this.host.resizes.note(update.name, update.cols, update.rows, Date.now());
    // the focused pane is where the user types: its answer to a key is drawn at once, alone;
    // everything else waits for the next paced frame
    const answering = update.name === store.getState().focus && this.typed?.name === update.name && this.now() - this.typed.at < ANSWER_WINDOW_MS;
    // a pane that leaves its pty alone holds the screen at the screen's size: placed before its rows
    const frame = this.frameOf(update.name);
    if (frame && (!frame.visible || frame.glance)) this.place(update.name, frame, update);
    screens.apply(update, !answering);
    this.host.queueFrame(answering);
  }

  /** A pane's screen into the compositor, and its pty sized to it unless it leaves the pty alone (pane-placement.ts). */
  private place(name: string, frame: PaneFrame, screen: Pick<PaneScreen, 'cols' | 'rows' | 'cursor'> | undefined): void {
    const placed = panePlacement(frame, screen);
    this.host.compositor.setPane(name, placed.rect, placed.cols, placed.rows, placed.top);
    this.placed.add(name);
    if (placed.pty) this.host.client.resize(name, placed.pty.cols, placed.pty.rows);
  }
}
