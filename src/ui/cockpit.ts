import { renderToString } from 'ink';
import type { FleetClient } from '../client/fleet-client.js';
import type { FleetConfig } from '../config/types.js';
import type { FleetEvent, SessionInfo } from '../protocol/messages.js';
import { ResizeRedraws, attentionReason } from './attention.js';
import { chromeProps } from './chrome-props.js';
import { ChromeCanvas } from './chrome-canvas.js';
import { Compositor } from './compositor/index.js';
import { parseAnsiFrame } from './grid/index.js';
import { HistoryMode, WHEEL_LINES } from './history-mode.js';
import { createRouter, encodeSgrMouse, type InputAction, type InputRouter, type MouseInput } from './input/index.js';
import { DEFAULT_BINDINGS, describeBindings, type BindingRow, type CockpitCommandName } from './keymap/index.js';
import { BadgeRedraw } from './badge-redraw.js';
import { FramePacer } from './frame-pacer.js';
import { focusNeighbor, screenLayout, type PaneFrame } from './layout/index.js';
import { paneMouse } from './input/pane-mouse.js';
import { defaultBackend } from './new-agent-form.js';
import { notification } from './notify.js';
import { clipboardPassage } from './clipboard.js';
import { OverlayMode } from './overlay-mode.js';
import { overlayElement, overlayPage, overlayRect, overlayRows } from './overlay-view.js';
import { PilotMode } from './pilot/pilot-mode.js';
import { panePlacement } from './pane-placement.js';
import { PaneScreens, type PaneScreen } from './pane-screens.js';
import { paletteAnswer, type PaletteVerbs } from './palette.js';
import type { TerminalIo } from './terminal-io.js';
import { earlierEventLines, eventLine, isLogged } from './event-log.js';
import { ViewReport, withKeptView } from './view-report.js';
import { createViewStore, MAX_EVENTS, withEarlierEvents, withEvent, withFocus, withMembers, withStatus, type ViewStore } from './view-store.js';

export interface CockpitOptions {
  client: FleetClient;
  config: FleetConfig;
  /** the command palette's verbs, given by whoever starts the cockpit */
  palette: PaletteVerbs;
  terminal: TerminalIo;
  /** how the cockpit ends: 'detach' leaves the fleet running, 'quit' stopped it */
  onEnd(how: 'detach' | 'quit' | 'server-gone'): void;
  /** open in the pilot view of this agent (`hangar attach --pilot NAME`) */
  pilot?: string;
}

/** Members shown as panes: everything that has (or had) a process, and the piloted agent (a goto restarts it). */
function shown(members: SessionInfo[], piloted: string | null): SessionInfo[] {
  return members.filter((m) => m.status !== 'stopped' || m.pid !== null || m.name === piloted);
}

/**
 * The cockpit: fleet events in, keys in, frames out. ink draws the chrome off-screen when it
 * changes; pane rows go from the server straight into the compositor; the compositor writes
 * only the cells that differ. Nothing redraws on a timer.
 */
export class Cockpit {
  readonly store: ViewStore = createViewStore();
  private readonly compositor: Compositor;
  private readonly screens: PaneScreens;
  private readonly router: InputRouter;
  private readonly help: BindingRow[];
  private frames: PaneFrame[] = [];
  private panes: SessionInfo[] = [];
  private readonly pacer = new FramePacer((paced) => this.flushFrame(paced));
  private readonly badges = new BadgeRedraw(() => this.drawChrome(false));
  private escapeTimer: NodeJS.Timeout | null = null;
  private inputQueue: Promise<void> = Promise.resolve();
  /** the props of the chrome last drawn */
  private chromeKey = '';
  private readonly canvas = new ChromeCanvas();
  /** screens this cockpit receives (each subscribed once; the server sends a full frame first) */
  private readonly subscribed = new Set<string>();
  private applicationCursor = false;
  private ended = false;
  private readonly history: HistoryMode;
  private readonly overlays: OverlayMode;
  private readonly pilot: PilotMode;
  /** when each pane's pty last changed size: the redraw that follows is no finished turn */
  private readonly resizes = new ResizeRedraws();
  /** the view the server keeps for the next attach */
  private readonly viewReport: ViewReport;

  constructor(private readonly opts: CockpitOptions) {
    const { terminal, config } = opts;
    this.compositor = new Compositor(terminal.cols, terminal.rows);
    this.viewReport = new ViewReport(this.store, opts.client);
    this.screens = new PaneScreens(this.compositor);
    this.router = createRouter({ prefix: config.ui.prefix, bindings: DEFAULT_BINDINGS, mouse: config.ui.mouse });
    this.help = describeBindings(DEFAULT_BINDINGS, config.ui.prefix);
    this.history = new HistoryMode({
      store: this.store,
      compositor: this.compositor,
      router: this.router,
      client: opts.client,
      write: (data) => terminal.write(data),
      paneFrame: (name) => this.frames.find((f) => f.visible && this.panes[f.index]?.name === name),
      queueFrame: () => this.queueFrame(),
      focus: (name) => this.focus(name),
      notice: (message) => this.notice(message),
      baseMode: () => this.pilot.inputMode(),
    });
    this.overlays = new OverlayMode({
      store: this.store,
      router: this.router,
      client: opts.client,
      helpRows: this.help.length,
      backends: Object.keys(config.backends),
      defaultBackend: defaultBackend(config.defaults, Object.keys(config.backends)),
      drawOverlay: () => this.drawOverlay(),
      focus: (name) => this.focus(name),
      notice: (message) => this.notice(message),
      runVerb: (line) => this.runVerb(line),
      end: (how) => this.end(how),
      baseMode: () => this.pilot.inputMode(),
      pilotConfirmed: (action, label) => this.pilot.confirmed(action, label),
      overlayPage: () => {
        const overlay = this.store.getState().overlay;
        return overlay ? overlayPage(terminal.cols, terminal.rows, overlay) : 1;
      },
      overlayRows: () => {
        const overlay = this.store.getState().overlay;
        return overlay ? overlayRows(terminal.cols, terminal.rows, overlay) : 0;
      },
    });
    this.pilot = new PilotMode({
      store: this.store,
      router: this.router,
      client: opts.client,
      compositor: this.compositor,
      bindings: DEFAULT_BINDINGS,
      relayout: () => this.relayout(),
      drawChrome: () => this.drawChrome(),
      queueFrame: () => this.queueFrame(),
      openOverlay: (overlay) => this.overlays.open(overlay),
      notice: (message) => this.notice(message),
      now: () => Date.now(),
    });
  }

  async start(): Promise<void> {
    const { client, terminal } = this.opts;
    client.onClose(() => this.end('server-gone'));
    terminal.onInput((chunk) => this.input(chunk));
    terminal.onResize(() => this.resize());
    const live = new Set<string>();
    client.subscribe({ events: true }, (e) => {
      if (e.type === 'screen') return;
      if (isLogged(e)) live.add(JSON.stringify(e));
      this.event(e);
    });
    // back in the view this fleet was left in (layout, zoom, focus, pilot view), laid out once
    const [kept] = await Promise.all([this.viewReport.read(), this.loadEarlierEvents(live)]);
    if (kept) this.store.setState(withKeptView(kept));
    await this.refreshMembers();
    if (this.opts.pilot) {
      this.focus(this.opts.pilot);
      await this.pilot.open(this.opts.pilot);
    } else if (kept?.pilot && this.panes.some((m) => m.name === kept.pilot)) {
      await this.pilot.open(kept.pilot);
    }
    this.viewReport.follow(kept);
  }

  private async loadEarlierEvents(live: Set<string>): Promise<void> {
    const earlier = await earlierEventLines(this.opts.client, live, MAX_EVENTS);
    this.store.setState((s) => withEarlierEvents(s, earlier));
  }

  private async refreshMembers(): Promise<void> {
    const status = await this.opts.client.request<{ agents: SessionInfo[]; services: SessionInfo[] }>('status');
    this.store.setState((s) => withMembers(s, [...status.agents, ...status.services]));
    this.relayout();
  }

  private event(e: FleetEvent): void {
    switch (e.type) {
      case 'screen': {
        if (!this.subscribed.has(e.update.name)) return;
        this.resizes.note(e.update.name, e.update.cols, e.update.rows, Date.now());
        // the focused pane is where the user types: its echo is drawn at once, alone; the
        // other panes' rows wait for the next paced frame
        const focused = e.update.name === this.focusedName();
        // a pane that leaves its pty alone holds the screen at the screen's size: placed before its rows
        const frame = this.frameOf(e.update.name);
        if (frame && (!frame.visible || frame.glance)) this.place(e.update.name, frame, e.update);
        this.screens.apply(e.update, !focused);
        this.queueFrame(focused);
        return;
      }
      case 'status': {
        const { members, focus } = this.store.getState();
        const kind = members.find((m) => m.name === e.name)?.kind ?? '';
        const reason = attentionReason({ kind, prev: e.prev, status: e.status, resizeRedraw: this.resizes.statusChange(e.name, e.status, Date.now()) });
        this.store.setState((s) => withStatus(s, e.name, e.status, reason));
        // [ui] notify: a bell or a desktop notification on the outer terminal, beside the marker
        this.opts.terminal.write(notification(this.opts.config.ui.notify, e.name, reason, e.name === focus));
        this.badges.request(); // drawn with the others, not while typing
        return;
      }
      case 'clipboard':
        // [ui] clipboard: only the focused pane's program may write the person's clipboard
        this.opts.terminal.write(clipboardPassage(this.opts.config.ui.clipboard, e.name, this.focusedName(), e.selection, e.base64));
        return;
      case 'started':
      case 'exit':
      case 'log':
      case 'watchdog':
      case 'pilot':
        const line = eventLine(e);
        if (line !== null) this.store.setState((s) => withEvent(s, line));
        this.pilot.event(e);
        // a start, an exit or a watchdog verdict (crashed, limited until …) changes the titles
        if (e.type !== 'log') void this.refreshMembers();
        if (this.store.getState().overlay?.kind === 'events') this.drawOverlay();
        return;
    }
  }

  /** Panes, their frames, pty sizes and subscriptions follow the members and the terminal. */
  private relayout(): void {
    const view = this.store.getState();
    const { cols, rows } = this.opts.terminal;
    this.compositor.resize(cols, rows);
    this.panes = shown(view.members, this.pilot.name);
    const piloted = this.panes.findIndex((m) => m.name === this.pilot.name);
    if (this.pilot.name !== null && piloted < 0) this.pilot.forget(); // the agent is gone
    const focus = Math.max(0, this.panes.findIndex((m) => m.name === view.focus));
    const area = { x: 0, y: 0, cols, rows: rows - 1 };
    const layout = screenLayout({ layout: view.layout, zoomed: view.zoomed, count: this.panes.length, focus, piloted, area });
    this.frames = layout.frames;
    this.pilot.place(layout.pilot);
    for (const frame of this.frames) {
      const member = this.panes[frame.index]!;
      this.place(member.name, frame, this.screens.get(member.name));
      if (!this.subscribed.has(member.name)) {
        // the server answers a subscription with a full frame, then sends changed rows
        this.subscribed.add(member.name);
        this.opts.client.subscribe({ screens: [member.name] }, (e) => this.event(e));
      }
    }
    this.drawChrome();
    this.drawOverlay();
  }

  /** A pane's screen into the compositor, and its pty sized to it unless it leaves the pty alone (pane-placement.ts). */
  private place(name: string, frame: PaneFrame, screen: Pick<PaneScreen, 'cols' | 'rows' | 'cursor'> | undefined): void {
    const placed = panePlacement(frame, screen);
    this.compositor.setPane(name, placed.rect, placed.cols, placed.rows, placed.top);
    if (placed.pty) this.opts.client.resize(name, placed.pty.cols, placed.pty.rows);
  }

  private frameOf(name: string): PaneFrame | undefined {
    return this.frames.find((f) => this.panes[f.index]?.name === name);
  }

  private resize(): void {
    this.chromeKey = '';
    this.compositor.invalidate();
    this.relayout();
  }

  private focusedName(): string | null {
    return this.store.getState().focus;
  }

  /** `urgent`: a key changed the chrome; a badge change (not urgent) waits for a frame slot. */
  private drawChrome(urgent = true): void {
    this.badges.cancel(); // this draw shows the badges as they are
    const view = this.store.getState();
    const { cols, rows } = this.opts.terminal;
    const props = chromeProps({
      view,
      panes: this.panes,
      frames: this.frames,
      cols,
      rows,
      prefix: this.opts.config.ui.prefix,
      prefixActive: this.router.prefixActive,
      pilot: this.pilot.name !== null ? { paneHasKeys: this.pilot.paneHasKeys() } : null,
    });
    // an ink render costs ~10 ms: skip it when the chrome would come out the same (status
    // events repeat, members refresh) — what matters under a flood is the panes' rows
    const key = JSON.stringify(props);
    if (key === this.chromeKey) return;
    this.chromeKey = key;
    this.compositor.setBase(this.canvas.draw(props));
    this.queueFrame(urgent);
  }

  private drawOverlay(): void {
    const view = this.store.getState();
    const { cols, rows } = this.opts.terminal;
    if (!view.overlay) {
      this.compositor.setOverlay('overlay', { x: 0, y: 0, width: 0, height: 0 }, null);
    } else {
      this.compositor.setOverlay('overlay', { x: 0, y: 0, width: 0, height: 0 }, null); // set again below: drawn above the pilot view's panels
      const rect = overlayRect(cols, rows, view.overlay);
      const text = renderToString(overlayElement(view, view.overlay, rect, this.help, this.opts.palette), { columns: rect.width });
      this.compositor.setOverlay('overlay', rect, parseAnsiFrame(text, rect.width, rect.height));
    }
    this.queueFrame();
  }

  /** Coalesce changes into frames: urgent ones (echo, keys) at once, the rest paced (frame-pacer.ts). */
  private queueFrame(urgent = true): void {
    if (this.ended) return;
    this.pacer.request(urgent);
  }

  private flushFrame(paced: boolean): void {
    const view = this.store.getState();
    const name = view.focus;
    // held-back rows go out in paced frames; the focused pane's (focus just moved to it) at once
    if (paced) this.screens.applyHeld();
    else if (name) this.screens.applyHeld(name);
    const frame = name ? this.frameOf(name) : undefined;
    const screen = name ? this.screens.get(name) : undefined;
    let out = '';
    const appCursor = screen?.modes.applicationCursor ?? false;
    if (appCursor !== this.applicationCursor) {
      // mirror DECCKM so arrows reach the focused agent in the form it asked for
      this.applicationCursor = appCursor;
      out += appCursor ? '\x1b[?1h' : '\x1b[?1l';
    }
    const own = this.pilot.cursor(); // the prompt bar's cursor, or none over the timeline
    if (own !== undefined) {
      this.compositor.setCursor(own);
    } else if (frame?.visible && screen && !view.overlay && !view.history) {
      const { interior } = frame;
      const x = screen.cursor.x;
      const y = screen.cursor.y - panePlacement(frame, screen).top;
      // a screen larger than its pane (a glance, a smaller cockpit beside this one) may hold it out of sight
      const inside = x < interior.width && y >= 0 && y < interior.height;
      this.compositor.setCursor({ x: interior.x + x, y: interior.y + y, visible: screen.cursor.visible && inside });
    } else {
      this.compositor.setCursor(null);
    }
    out += this.compositor.frame();
    this.opts.terminal.write(out);
  }

  /** Input is handled in order, one chunk after the other (see route). */
  private input(chunk: string): void {
    this.badges.noteInput();
    this.inputQueue = this.inputQueue.then(() => this.route(chunk)).catch((err: unknown) => this.notice(`error: ${err instanceof Error ? err.message : String(err)}`));
  }

  /**
   * The router stops after each command; the command runs (and sets the mode: an overlay,
   * history, a search line) before the keys typed after it in the same chunk are read.
   */
  private async route(chunk: string): Promise<void> {
    if (this.escapeTimer) clearTimeout(this.escapeTimer);
    this.escapeTimer = null;
    let actions = this.router.feed(chunk);
    for (;;) {
      await this.handle(actions);
      if (!this.router.stopped) break;
      actions = this.router.resume();
    }
    const wait = this.router.pendingMs();
    if (wait !== null) this.escapeTimer = setTimeout(() => void this.handle(this.router.flush()), wait);
  }

  private async handle(actions: InputAction[]): Promise<void> {
    const hadPrefix = this.router.prefixActive;
    for (const action of actions) {
      if (action.type === 'forward') this.forward(action.data);
      else if (action.type === 'command') await this.command(action.command, action.arg);
      else if (action.type === 'mouse') this.mouse(action.event);
      else if (this.history.type(action.data)) continue;
      else if (this.store.getState().overlay) this.overlays.text(action.data);
      else this.pilot.text(action.data);
    }
    if (hadPrefix !== this.router.prefixActive) this.drawChrome();
  }

  private forward(data: string): void {
    const name = this.focusedName();
    if (!name) return;
    const screen = this.screens.get(name);
    // a child that did not ask for bracketed paste gets the pasted text without the markers
    const bytes = screen?.modes.bracketedPaste === false ? data.replaceAll('\x1b[200~', '').replaceAll('\x1b[201~', '') : data;
    this.opts.client.input(name, bytes);
  }

  private mouse(event: MouseInput): void {
    if (!this.store.getState().overlay && this.pilot.mouse(event)) return;
    const focused = this.focusedName();
    const action = paneMouse(
      event,
      this.frames,
      (i) => this.screens.get(this.panes[i]!.name)?.modes.mouse ?? 'none',
      // in the pilot view a click on the piloted pane gives it the keys (from the prompt bar or the timeline)
      (i) => this.panes[i]!.name === focused && this.pilot.paneHasKeys(),
      WHEEL_LINES,
    );
    if (action.type === 'none') return;
    const name = this.panes[action.index]!.name;
    if (action.type === 'focus') this.focus(name);
    else if (action.type === 'scroll') void this.history.wheel(name, action.lines);
    else {
      // in a glance, the interior's first row is not the screen's
      const frame = this.frames.find((f) => f.index === action.index)!;
      const screen = this.screens.get(name);
      this.opts.client.input(name, encodeSgrMouse(event, action.x, action.y + panePlacement(frame, screen).top));
    }
  }

  private focus(name: string): void {
    this.store.setState((s) => withFocus(s, name));
    this.pilot.paneFocused();
    if (this.store.getState().zoomed) this.relayout();
    else this.drawChrome();
  }

  private notice(message: string): void {
    this.store.setState({ message });
    this.drawChrome();
  }

  private async command(command: CockpitCommandName, arg?: number): Promise<void> {
    if (this.history.opening) await this.history.opening; // keys typed right after C-b [ wait for it
    if (this.history.state && (command.startsWith('history-') || command.startsWith('overlay-'))) {
      return this.history.command(command);
    }
    const view = this.store.getState();
    const focusIndex = this.panes.findIndex((m) => m.name === view.focus);
    const directions = { 'focus-left': 'left', 'focus-right': 'right', 'focus-up': 'up', 'focus-down': 'down' } as const;
    if (view.message !== undefined) this.store.setState({ message: undefined });
    switch (command) {
      case 'focus-left':
      case 'focus-right':
      case 'focus-up':
      case 'focus-down': {
        const next = focusNeighbor(this.frames, focusIndex, directions[command]);
        if (this.panes[next]) this.focus(this.panes[next].name);
        return;
      }
      case 'focus-index':
        if (arg !== undefined && this.panes[arg - 1]) this.focus(this.panes[arg - 1]!.name);
        return;
      case 'zoom':
        this.store.setState({ zoomed: !view.zoomed });
        return this.relayout();
      case 'next-layout':
        this.pilot.forget(); // the pilot view is a layout of its own: the next one leaves it
        this.store.setState({ layout: view.layout === 'tiled' ? 'main-stack' : 'tiled', zoomed: false });
        return this.relayout();
      case 'pilot':
        if (this.history.state) this.history.leave();
        if (view.overlay) this.overlays.open(null);
        if (view.zoomed) this.store.setState({ zoomed: false }); // the pilot view shows its panels
        return this.pilot.toggle(view.focus);
      case 'detach':
        return this.end('detach');
      case 'restart':
        if (view.focus) void this.runVerb(`restart ${view.focus}`); // typing goes on meanwhile
        return;
      case 'history':
        if (view.focus) await this.history.enter(view.focus);
        return;
      default:
        if (this.overlays.openFor(command)) return; // help, status, events, palette, new-agent, quit, stop
        // overlay keys arrive only with an overlay open, history keys only in history mode
        if (command.startsWith('overlay-')) return this.overlays.command(command);
        return this.pilot.command(command); // the pilot view's keys (timeline-, prompt-, pilot-next-part)
    }
  }

  /** Run a CLI verb line (the palette, C-b r, C-b x): a short answer in the bar, a longer one whole in an overlay. */
  private async runVerb(line: string): Promise<void> {
    this.notice(`running: ${line}`);
    const result = await this.opts.palette.run(line);
    const answer = paletteAnswer(line, result, Math.floor(this.opts.terminal.cols / 2));
    // an overlay opened meanwhile (a form being filled in) is not replaced: the bar says the last line
    if ('notice' in answer) return this.notice(answer.notice);
    if (this.store.getState().overlay) return this.notice(answer.overlay.lines.at(-1) ?? '');
    this.store.setState({ message: undefined });
    this.drawChrome();
    this.overlays.open(answer.overlay);
  }

  private end(how: 'detach' | 'quit' | 'server-gone'): void {
    if (this.ended) return;
    this.ended = true;
    this.pacer.stop();
    this.badges.cancel();
    if (this.escapeTimer) clearTimeout(this.escapeTimer);
    this.pilot.dispose();
    this.viewReport.dispose();
    this.opts.onEnd(how);
  }
}

