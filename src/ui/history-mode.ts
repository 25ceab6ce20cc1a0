import type { FleetClient } from '../client/fleet-client.js';
import type { Compositor } from './compositor/index.js';
import { CellRow, parseAnsiLine } from './grid/index.js';
import { historyGrid, moveCursor, openHistory, osc52Copy, selection, viewRows, type HistoryState } from './history-view.js';
import type { InputMode, InputRouter } from './input/index.js';
import type { CockpitCommandName } from '../keymap/index.js';
import type { PaneFrame } from './layout/index.js';
import type { ViewStore } from './view-store.js';

/** What history mode needs from the cockpit around it. */
export interface HistoryHost {
  readonly store: ViewStore;
  readonly compositor: Compositor;
  readonly router: InputRouter;
  readonly client: FleetClient;
  /** write to the real terminal (OSC 52) */
  write(data: string): void;
  /** the visible frame of a pane, for the view's size and place */
  paneFrame(name: string): PaneFrame | undefined;
  queueFrame(): void;
  focus(name: string): void;
  notice(message: string): void;
  /** the mode keys return to on leaving (the pilot view's part); default normal */
  baseMode?(): InputMode;
}

/** How far one wheel notch scrolls history. */
export const WHEEL_LINES = 3;

/**
 * History mode (prefix `[`, or the wheel) over one pane: the effects around the pure
 * history-view. It fetches only the rows in view from the server's `history` request, searches
 * with `find`, copies through OSC 52, and draws the view as the compositor's 'history' overlay.
 */
export class HistoryMode {
  /** rows of the agent in history mode, by absolute buffer row, as fetched */
  private rows = new Map<number, CellRow>();
  /** history mode is being entered (its first rows are on their way) */
  private openingPromise: Promise<void> | null = null;

  constructor(private readonly host: HistoryHost) {}

  /** Set while entering: keys typed right after C-b [ wait for it. */
  get opening(): Promise<void> | null {
    return this.openingPromise;
  }

  get state(): HistoryState | null {
    return this.host.store.getState().history;
  }

  enter(name: string): Promise<void> {
    const frame = this.host.paneFrame(name);
    if (!frame) return Promise.resolve();
    this.host.router.setMode('history'); // now: the next keys of this chunk are history keys
    this.openingPromise = (async () => {
      const probe = await this.host.client.request<{ total: number; screenTop: number }>('history', { name, start: 0, count: 0 });
      this.rows.clear();
      await this.show(openHistory(name, probe.total, probe.screenTop, frame.interior.height));
    })().finally(() => {
      this.openingPromise = null;
    });
    return this.openingPromise;
  }

  /** Draw history `state` over its pane, fetching the rows in view that are not here yet. */
  async show(state: HistoryState): Promise<void> {
    this.host.store.setState({ history: state });
    const frame = this.host.paneFrame(state.name);
    if (!frame) return this.leave();
    const { interior } = frame;
    const count = viewRows(interior.height);
    let missing = false;
    for (let y = state.top; y < state.top + count && y < state.total; y++) missing ||= !this.rows.has(y);
    if (missing) {
      const got = await this.host.client.request<{ start: number; rows: string[]; total: number; screenTop: number }>('history', { name: state.name, start: state.top, count });
      got.rows.forEach((text, i) => this.rows.set(got.start + i, parseAnsiLine(text, interior.width)));
    }
    if (this.host.store.getState().history !== state) return; // a newer move overtook this one
    this.host.compositor.setOverlay('history', interior, historyGrid(state, this.rows, interior.width, interior.height));
    this.host.queueFrame();
  }

  leave(): void {
    this.host.store.setState({ history: null });
    this.rows.clear();
    this.host.compositor.setOverlay('history', { x: 0, y: 0, width: 0, height: 0 }, null);
    this.host.router.setMode(this.host.store.getState().overlay ? 'overlay' : (this.host.baseMode?.() ?? 'normal'));
    this.host.queueFrame();
  }

  /** The wheel over a pane that does not take the mouse: enter history going up, leave it at the bottom. */
  async wheel(name: string, delta: number): Promise<void> {
    let state = this.state;
    if (!state || state.name !== name) {
      if (delta > 0) return; // already at the bottom
      if (name !== this.host.store.getState().focus) this.host.focus(name);
      await this.enter(name);
      state = this.state;
      if (!state) return;
    }
    const height = this.host.paneFrame(name)?.interior.height ?? 2;
    if (delta > 0 && state.cursor + delta >= state.total - 1 && state.mark === null) return this.leave();
    return this.show(moveCursor(state, state.cursor + delta, height));
  }

  /** Text typed into the search line; false when no search is being typed. */
  type(data: string): boolean {
    const state = this.state;
    if (state?.typing == null) return false;
    void this.show({ ...state, typing: state.typing + data.replace(/[\r\n]+/g, ' ') });
    return true;
  }

  async command(command: CockpitCommandName): Promise<void> {
    const { host } = this;
    const state = this.state!;
    const height = host.paneFrame(state.name)?.interior.height ?? 2;
    const page = viewRows(height);
    const move = (cursor: number) => this.show(moveCursor(state, cursor, height));
    // a new search looks at the cursor's own line first (from = cursor); n and N move past it
    const find = async (query: string, backwards: boolean, from: number) => {
      const found = from < 0 ? { row: null } : await host.client.request<{ row: number | null }>('find', { name: state.name, query, from, backwards });
      if (found.row === null) return this.show({ ...state, typing: null, query, note: `no match for "${query}"` });
      return this.show({ ...moveCursor({ ...state, typing: null, query }, found.row, height) });
    };
    switch (command) {
      case 'history-line-up':
        return move(state.cursor - 1);
      case 'history-line-down':
        return move(state.cursor + 1);
      case 'history-page-up':
        return move(state.cursor - page);
      case 'history-page-down':
        return move(state.cursor + page);
      case 'history-top':
        return move(0);
      case 'history-bottom':
        return move(state.total - 1);
      case 'history-select':
        return this.show({ ...state, mark: state.mark === null ? state.cursor : null });
      case 'history-copy': {
        const [from, to] = selection(state) ?? [state.cursor, state.cursor];
        const got = await host.client.request<{ rows: string[] }>('history', { name: state.name, start: from, count: to - from + 1 });
        const text = got.rows.map((r) => r.replace(/\x1b\[[0-9;:]*m/g, '').trimEnd()).join('\n');
        host.write(osc52Copy(text));
        // history mode stays (unlike tmux's copy-mode): a q typed next leaves it, and never reaches the agent
        const note = `copied ${to - from + 1} line${to === from ? '' : 's'} (OSC 52)`;
        host.notice(note); // the bottom bar has room for it when the pane is narrow
        return this.show({ ...state, mark: null, note });
      }
      case 'history-search':
        host.router.setMode('overlay', { textInput: true });
        return this.show({ ...state, typing: '' });
      case 'history-next-match':
        return state.query ? find(state.query, true, state.cursor - 1) : undefined;
      case 'history-prev-match':
        return state.query ? find(state.query, false, state.cursor + 1) : undefined;
      case 'history-exit':
        return this.leave();
      // while typing a search (overlay mode with a text line)
      case 'overlay-accept':
        host.router.setMode('history');
        // from the bottom, where history starts, the way to look is up: towards older lines
        return state.typing ? find(state.typing, true, state.cursor) : this.show({ ...state, typing: null });
      case 'overlay-close':
        host.router.setMode('history');
        return this.show({ ...state, typing: null });
      case 'overlay-backspace':
        return this.show({ ...state, typing: (state.typing ?? '').slice(0, -1) });
      default:
        return;
    }
  }
}
