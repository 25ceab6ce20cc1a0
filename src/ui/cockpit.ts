import type { FleetClient } from '../client/fleet-client.js';
import type { FleetConfig } from '../config/types.js';
import { boundKeys, describeBindings, findCockpitCommand, type Binding, type BindingRow, type CockpitCommandName, type CommandsIn } from '../keymap/index.js';
import type { FleetEvent } from '../protocol/messages.js';
import { activeScope, followScope } from './active-scope.js';
import { ResizeRedraws } from './attention.js';
import { chromeProps } from './chrome-props.js';
import { createLayers, type CockpitLayers } from './cockpit-layers.js';
import { CockpitOutput } from './cockpit-output.js';
import { Compositor } from './compositor/index.js';
import { earlierEventLines, isLogged } from './event-log.js';
import { fleetEventHandlers, type FleetEventHandlers } from './fleet-events.js';
import { createRouter, type InputAction, type InputRouter } from './input/index.js';
import { InputPump } from './input-pump.js';
import { paletteAnswer, type PaletteVerbs } from './palette.js';
import { PaneLayout } from './pane-layout.js';
import { PaneScreens } from './pane-screens.js';
import type { TerminalIo } from './terminal-io.js';
import { ViewReport, withKeptView } from './view-report.js';
import { viewRedraws } from './view-redraws.js';
import { createViewStore, MAX_EVENTS, withEarlierEvents, withFocus, withMembers, type ViewState, type ViewStore } from './view-store.js';

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

/**
 * The cockpit, a coordinator: fleet events in, keys in, frames out. Keys become commands
 * (the router, over the bindings in effect), each looked up in the table of the layer that
 * owns it (cockpit-layers.ts); the layers change the view store; the store decides the
 * router's mode (active-scope.ts) and what is redrawn (view-redraws.ts, cockpit-output.ts).
 * Pane rows go from the server straight into the compositor. Nothing redraws on a timer.
 */
export class Cockpit {
  readonly store: ViewStore = createViewStore();
  private readonly compositor: Compositor;
  private readonly screens: PaneScreens;
  private readonly router: InputRouter;
  /** the bindings in effect: the defaults with [ui.keys] applied */
  private readonly bindings: readonly Binding[];
  private readonly help: BindingRow[];
  private readonly output: CockpitOutput;
  private readonly layers: CockpitLayers;
  private readonly pump: InputPump;
  private readonly layout: PaneLayout;
  private ended = false;
  /** when each pane's pty last changed size: the redraw that follows is no finished turn */
  private readonly resizes = new ResizeRedraws();
  /** the view the server keeps for the next attach */
  private readonly viewReport: ViewReport;
  private readonly events: FleetEventHandlers;

  constructor(private readonly opts: CockpitOptions) {
    const { terminal, config, client } = opts;
    this.compositor = new Compositor(terminal.cols, terminal.rows);
    this.viewReport = new ViewReport(this.store, client);
    this.screens = new PaneScreens(this.compositor);
    this.bindings = boundKeys(config.ui.keys);
    this.router = createRouter({ prefix: config.ui.prefix, bindings: this.bindings, mouse: config.ui.mouse });
    this.help = describeBindings(this.bindings, config.ui.prefix);
    this.pump = new InputPump(this.router, (actions) => this.handle(actions), (err) => this.notice(`error: ${err instanceof Error ? err.message : String(err)}`));
    this.layout = new PaneLayout({
      store: this.store,
      compositor: this.compositor,
      screens: this.screens,
      client,
      resizes: this.resizes,
      size: () => ({ cols: terminal.cols, rows: terminal.rows }),
      pilot: () => this.layers.pilot,
      laidOut: () => {
        this.output.drawChrome();
        this.output.drawOverlay();
      },
      queueFrame: (urgent) => this.output.queueFrame(urgent),
      focus: (name) => this.focus(name),
      wheel: (name, lines) => this.layers.history.wheel(name, lines),
      paneEvent: (e) => this.event(e),
    });
    this.output = new CockpitOutput({
      store: this.store,
      compositor: this.compositor,
      screens: this.screens,
      terminal,
      help: this.help,
      palette: opts.palette,
      chrome: () => this.chrome(),
      frameOf: (name) => this.layout.frameOf(name),
      ownCursor: () => this.layers.pilot.cursor(),
    });
    this.layers = createLayers({
      store: this.store,
      client,
      config,
      terminal,
      compositor: this.compositor,
      bindings: this.bindings,
      help: this.help,
      panes: () => this.layout.panes,
      frames: () => this.layout.frames,
      relayout: () => this.layout.relayout(),
      queueFrame: () => this.output.queueFrame(),
      focus: (name) => this.focus(name),
      notice: (message) => this.notice(message),
      runVerb: (line) => this.runVerb(line),
      end: (how) => this.end(how),
    });
    this.events = fleetEventHandlers({
      store: this.store,
      ui: config.ui,
      resizes: this.resizes,
      write: (data) => terminal.write(data),
      pilotEvent: (e) => this.layers.pilot.event(e),
      refreshMembers: () => this.refreshMembers(),
    });
    // the store drives the router's mode and the redraws: nothing else sets or draws them
    followScope(this.store, this.router);
    this.store.subscribe((view, prev) => this.redraw(view, prev));
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
      await this.layers.pilot.open(this.opts.pilot);
    } else if (kept?.pilot && this.layout.panes.some((m) => m.name === kept.pilot)) {
      await this.layers.pilot.open(kept.pilot);
    }
    this.viewReport.follow(kept);
  }

  private async loadEarlierEvents(live: Set<string>): Promise<void> {
    const earlier = await earlierEventLines(this.opts.client, live, MAX_EVENTS);
    this.store.setState((s) => withEarlierEvents(s, earlier));
  }

  private async refreshMembers(): Promise<void> {
    const status = await this.opts.client.request('status');
    this.store.setState((s) => withMembers(s, [...status.agents, ...status.services]));
    this.layout.relayout();
  }

  private event(e: FleetEvent): void {
    (this.events[e.type] as (e: FleetEvent) => void)(e);
  }

  private resize(): void {
    this.output.invalidate();
    this.layout.relayout();
  }

  /** A change of the view, drawn: a key's effect at once, badges with the others, not while typing. */
  private redraw(view: ViewState, prev: ViewState): void {
    const { chrome, overlay } = viewRedraws(prev, view);
    if (chrome === 'now') this.output.drawChrome();
    else if (chrome === 'later') this.output.requestBadges();
    if (overlay) this.output.drawOverlay();
  }

  private chrome() {
    const { pilot } = this.layers;
    const { cols, rows } = this.opts.terminal;
    return chromeProps({
      view: this.store.getState(),
      panes: this.layout.panes,
      frames: this.layout.frames,
      cols,
      rows,
      prefix: this.opts.config.ui.prefix,
      bindings: this.bindings,
      prefixActive: this.router.prefixActive,
      pilot: pilot.name !== null ? { paneHasKeys: pilot.paneHasKeys() } : null,
    });
  }

  private input(chunk: string): void {
    this.output.noteInput();
    this.pump.input(chunk);
  }

  private async handle(actions: InputAction[]): Promise<void> {
    for (const action of actions) {
      if (action.type === 'forward') this.layout.forward(action.data);
      else if (action.type === 'command') await this.command(action.command, action.arg);
      else if (action.type === 'mouse') await this.layout.mouse(action.event);
      else this.text(action.data);
    }
    if (this.store.getState().prefixActive !== this.router.prefixActive) this.store.setState({ prefixActive: this.router.prefixActive });
  }

  /** A command from its table: a prefix command from its owner, any other from the layer that has the keys. */
  private async command(command: CockpitCommandName, arg?: number): Promise<void> {
    const { history, prefixCommands, layerCommands } = this.layers;
    if (history.opening) await history.opening; // keys typed right after C-b [ wait for it
    if (this.store.getState().message !== undefined) this.store.setState({ message: undefined });
    if (findCockpitCommand(command)?.scope === 'pane') return prefixCommands[command as CommandsIn<'pane'>](arg);
    // a key of a layer that no longer has the keys (it closed meanwhile) does nothing
    return layerCommands[activeScope(this.store.getState()).layer][command]?.(arg);
  }

  /** Typed or pasted text, for the layer that takes it. */
  private text(data: string): void {
    const layer = activeScope(this.store.getState()).layer;
    if (layer === 'search') this.layers.history.type(data);
    else if (layer === 'form') this.layers.form.text(data);
    else if (layer === 'overlay') this.layers.overlays.text(data);
    else this.layers.pilot.text(data);
  }

  private focus(name: string): void {
    this.store.setState((s) => withFocus(s, name));
    this.layers.pilot.paneFocused();
    if (this.store.getState().zoomed) this.layout.relayout();
  }

  private notice(message: string): void {
    this.store.setState({ message });
  }

  /** Run a CLI verb line (the palette, C-b r, C-b x): a short answer in the bar, a longer one whole in an overlay. */
  private async runVerb(line: string): Promise<void> {
    this.notice(`running: ${line}`);
    const result = await this.opts.palette.run(line);
    const answer = paletteAnswer(line, result, Math.floor(this.opts.terminal.cols / 2));
    // an overlay opened meanwhile (a form being filled in) is not replaced: the bar says the last line
    if ('notice' in answer) return this.notice(answer.notice);
    if (this.store.getState().overlay) return this.notice(answer.overlay.lines.at(-1) ?? '');
    this.store.setState({ message: undefined, overlay: answer.overlay });
  }

  private end(how: 'detach' | 'quit' | 'server-gone'): void {
    if (this.ended) return;
    this.ended = true;
    this.output.stop();
    this.pump.dispose();
    this.layers.pilot.dispose();
    this.viewReport.dispose();
    this.opts.onEnd(how);
  }
}
