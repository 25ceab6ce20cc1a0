import type { FleetClient } from '../client/fleet-client.js';
import { wrapToWidth } from '../terminal/text-width.js';
import { readTranscriptInSteps } from '../transcript/transcript-file.js';
import { transcriptLines } from '../transcript/transcript-text.js';
import type { Compositor } from './compositor/index.js';
import { CellRow, parseAnsiLine } from './grid/index.js';
import { historyGrid, moveCursor, openHistory, osc52Copy, selection, viewRows, type HistoryState } from './history-view.js';
import type { CommandsIn } from '../keymap/index.js';
import { ignore, type CommandHandlers } from './command-table.js';
import type { PaneFrame } from './layout/index.js';
import type { ViewStore } from './view-store.js';

/** What history mode needs from the cockpit around it. */
export interface HistoryHost {
  readonly store: ViewStore;
  readonly compositor: Compositor;
  readonly client: FleetClient;
  /** write to the real terminal (OSC 52) */
  write(data: string): void;
  /** the visible frame of a pane, for the view's size and place */
  paneFrame(name: string): PaneFrame | undefined;
  queueFrame(): void;
  focus(name: string): void;
  notice(message: string): void;
}

/** How far one wheel notch scrolls history. */
export const WHEEL_LINES = 3;

/** Where history mode's rows come from: the server's copy of a pane, or lines the cockpit holds. */
interface RowSource {
  /** rows from `start` on (the answer says where they start: the server may have dropped older ones) */
  rows(start: number, count: number): Promise<{ start: number; rows: string[] }>;
  /** the row of the first match of `query` from `from` on (backwards: upwards), or null */
  find(query: string, from: number, backwards: boolean): Promise<number | null>;
}

/** A pane's scrollback and screen, from the server's `scrollback` and `find`. */
function paneRows(client: FleetClient, name: string): RowSource {
  return {
    rows: (start, count) => client.request('scrollback', { name, start, count }),
    find: async (query, from, backwards) => (await client.request('find', { name, query, from, backwards })).row,
  };
}

/** Lines held here (a transcript), searched as the server searches a pane: case apart. */
function heldRows(lines: readonly string[]): RowSource {
  return {
    rows: async (start, count) => ({ start, rows: lines.slice(start, start + count) }),
    find: async (query, from, backwards) => {
      const needle = query.toLowerCase();
      for (let y = from; needle && y >= 0 && y < lines.length; y += backwards ? -1 : 1) if (lines[y]!.toLowerCase().includes(needle)) return y;
      return null;
    },
  };
}

/**
 * History mode (prefix `[`, or the wheel) over one pane: the effects around the pure
 * history-view. It fetches only the rows in view from the server's `history` request, searches
 * with `find`, copies through OSC 52, and draws the view as the compositor's 'history' overlay.
 * Prefix `t` opens the agent's transcript (its CLI's session file, as `hangar transcript`
 * renders it, wrapped to the pane) in the same view with the same keys.
 */
export class HistoryMode {
  /** rows of the agent in history mode, by absolute buffer row, as fetched */
  private rows = new Map<number, CellRow>();
  /** history mode is being entered (its first rows are on their way) */
  private openingPromise: Promise<void> | null = null;
  private source: RowSource | null = null;

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
    return this.track(async () => {
      const probe = await this.host.client.request('scrollback', { name, start: 0, count: 0 });
      this.rows.clear();
      this.source = paneRows(this.host.client, name);
      await this.show(openHistory(name, probe.total, probe.screenTop, frame.interior.height));
    });
  }

  /**
   * The agent's transcript over its pane, the newest line at the bottom: read once from the
   * session file the server names; no file yet (or no session_file) is said as a notice.
   */
  enterTranscript(name: string): Promise<void> {
    const frame = this.host.paneFrame(name);
    if (!frame) return Promise.resolve();
    return this.track(async () => {
      const source = await this.host.client.request('transcript', { name }).catch((err: Error) => ({ path: null, reason: err.message }));
      if (!source.path) return this.host.notice(`${name}: ${source.reason ?? 'no transcript'}`);
      const { width, height } = frame.interior;
      const lines = transcriptLines(await readTranscriptInSteps(source.path)).flatMap((line) => wrapToWidth(line, width));
      if (lines.length === 0) return this.host.notice(`${name}: the transcript is empty so far`);
      this.rows.clear();
      this.source = heldRows(lines);
      await this.show({ ...openHistory(name, lines.length, Math.max(0, lines.length - viewRows(height)), height), of: 'transcript' });
    });
  }

  private track(open: () => Promise<void>): Promise<void> {
    this.openingPromise = open().finally(() => {
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
    if (missing && this.source) {
      const got = await this.source.rows(state.top, count);
      got.rows.forEach((text, i) => this.rows.set(got.start + i, parseAnsiLine(text, interior.width)));
    }
    if (this.host.store.getState().history !== state) return; // a newer move overtook this one
    this.host.compositor.setOverlay('history', interior, historyGrid(state, this.rows, interior.width, interior.height));
    this.host.queueFrame();
  }

  leave(): void {
    this.host.store.setState({ history: null });
    this.rows.clear();
    this.source = null;
    this.host.compositor.setOverlay('history', { x: 0, y: 0, width: 0, height: 0 }, null);
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

  readonly prefixCommands: CommandHandlers<'history' | 'transcript'> = {
    history: () => {
      const { focus } = this.host.store.getState();
      return focus ? this.enter(focus) : undefined;
    },
    transcript: () => {
      const { focus } = this.host.store.getState();
      return focus ? this.enterTranscript(focus) : undefined;
    },
  };

  /** History mode's keys: move, search, select, copy, leave. */
  readonly commands: CommandHandlers<CommandsIn<'history'>> = {
    'history-line-up': () => this.moveBy((s) => s.cursor - 1),
    'history-line-down': () => this.moveBy((s) => s.cursor + 1),
    'history-page-up': () => this.moveBy((s, page) => s.cursor - page),
    'history-page-down': () => this.moveBy((s, page) => s.cursor + page),
    'history-top': () => this.moveBy(() => 0),
    'history-bottom': () => this.moveBy((s) => s.total - 1),
    'history-select': () => this.step((s) => this.show({ ...s, mark: s.mark === null ? s.cursor : null })),
    'history-copy': () => this.step((s) => this.copy(s)),
    // the search line takes the next keys (active-scope.ts: history with typing)
    'history-search': () => this.step((s) => this.show({ ...s, typing: '' })),
    'history-next-match': () => this.step((s) => (s.query ? this.find(s, s.query, true, s.cursor - 1) : undefined)),
    'history-prev-match': () => this.step((s) => (s.query ? this.find(s, s.query, false, s.cursor + 1) : undefined)),
    'history-exit': () => this.step(() => this.leave()),
  };

  /** The search line's keys, while a search is typed (the overlay keys: Enter, Escape, Backspace). */
  readonly searchCommands: CommandHandlers<CommandsIn<'overlay'>> = {
    // from the bottom, where history starts, the way to look is up: towards older lines
    'overlay-accept': () => this.step((s) => (s.typing ? this.find(s, s.typing, true, s.cursor) : this.show({ ...s, typing: null }))),
    'overlay-close': () => this.step((s) => this.show({ ...s, typing: null })),
    'overlay-backspace': () => this.step((s) => this.show({ ...s, typing: (s.typing ?? '').slice(0, -1) })),
    'overlay-up': ignore,
    'overlay-down': ignore,
    'overlay-next-field': ignore,
    'overlay-prev-field': ignore,
    'overlay-page-up': ignore,
    'overlay-page-down': ignore,
    'overlay-top': ignore,
    'overlay-bottom': ignore,
  };

  /** A history key, or a key of the search line while one is typed. */
  async command(command: CommandsIn<'history'> | CommandsIn<'overlay'>): Promise<void> {
    return Object.hasOwn(this.commands, command) ? this.commands[command as CommandsIn<'history'>]() : this.searchCommands[command as CommandsIn<'overlay'>]();
  }

  /** Run `step` on the current history state; nothing outside history mode. */
  private step(step: (state: HistoryState) => Promise<void> | void): Promise<void> | void {
    const state = this.state;
    return state ? step(state) : undefined;
  }

  private moveBy(to: (state: HistoryState, page: number) => number): Promise<void> | void {
    return this.step((state) => {
      const height = this.height(state);
      return this.show(moveCursor(state, to(state, viewRows(height)), height));
    });
  }

  private height(state: HistoryState): number {
    return this.host.paneFrame(state.name)?.interior.height ?? 2;
  }

  /** A new search looks at the cursor's own line first (from = cursor); n and N move past it. */
  private async find(state: HistoryState, query: string, backwards: boolean, from: number): Promise<void> {
    const found = { row: from < 0 || !this.source ? null : await this.source.find(query, from, backwards) };
    if (found.row === null) return this.show({ ...state, typing: null, query, note: `no match for "${query}"` });
    return this.show({ ...moveCursor({ ...state, typing: null, query }, found.row, this.height(state)) });
  }

  private async copy(state: HistoryState): Promise<void> {
    const { host } = this;
    const [from, to] = selection(state) ?? [state.cursor, state.cursor];
    const rows = this.source ? (await this.source.rows(from, to - from + 1)).rows : [];
    const text = rows.map((r) => r.replace(/\x1b\[[0-9;:]*m/g, '').trimEnd()).join('\n');
    host.write(osc52Copy(text));
    // history mode stays (unlike tmux's copy-mode): a q typed next leaves it, and never reaches the agent
    const note = `copied ${to - from + 1} line${to === from ? '' : 's'} (OSC 52)`;
    host.notice(note); // the bottom bar has room for it when the pane is narrow
    return this.show({ ...state, mark: null, note });
  }
}
