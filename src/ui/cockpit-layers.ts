/**
 * The cockpit's layers (lazygit's contexts), built and wired together: panes, history, the
 * overlays, the new-agent form and the pilot view, each with its handler tables, joined here
 * into one table per place a key can come from. The coordinator (cockpit.ts) looks commands up.
 */
import type { FleetClient } from '../client/fleet-client.js';
import type { FleetConfig } from '../config/types.js';
import type { Binding, BindingRow, CockpitCommandName, CommandsIn } from '../keymap/index.js';
import type { SessionInfo } from '../protocol/messages.js';
import type { Layer } from './active-scope.js';
import type { CommandHandler, CommandHandlers } from './command-table.js';
import type { Compositor } from './compositor/index.js';
import { FormMode } from './form-mode.js';
import { HistoryMode } from './history-mode.js';
import type { PaneFrame } from './layout/index.js';
import { defaultBackend } from './new-agent-form.js';
import { OverlayMode } from './overlay-mode.js';
import { overlayPage, overlayRows } from './overlay-view.js';
import { paneCommands } from './pane-commands.js';
import { PilotMode } from './pilot/pilot-mode.js';
import type { TerminalIo } from './terminal-io.js';
import type { Confirmations, ConfirmedCommand, ViewStore } from './view-store.js';

/** What the layers need from the coordinator. */
export interface LayersHost {
  readonly store: ViewStore;
  readonly client: FleetClient;
  readonly config: FleetConfig;
  readonly terminal: TerminalIo;
  readonly compositor: Compositor;
  readonly bindings: readonly Binding[];
  readonly help: readonly BindingRow[];
  /** the members shown as panes, by pane index, and their frames */
  panes(): readonly SessionInfo[];
  frames(): readonly PaneFrame[];
  relayout(): void;
  queueFrame(): void;
  focus(name: string): void;
  notice(message: string): void;
  /** run a CLI verb line (the palette, C-b r, C-b x) */
  runVerb(line: string): Promise<void>;
  end(how: 'detach' | 'quit'): void;
}

export interface CockpitLayers {
  readonly history: HistoryMode;
  readonly overlays: OverlayMode;
  readonly form: FormMode;
  readonly pilot: PilotMode;
  /** every prefix command, each from the layer that owns it */
  readonly prefixCommands: CommandHandlers<CommandsIn<'pane'>>;
  /** the other commands, by the layer that has the keys (active-scope.ts) */
  readonly layerCommands: Readonly<Record<Layer, Partial<Record<CockpitCommandName, CommandHandler>>>>;
}

export function createLayers(host: LayersHost): CockpitLayers {
  const { store, client, config, terminal } = host;
  const backends = Object.keys(config.backends);
  const paneFrame = (name: string) => host.frames().find((f) => f.visible && host.panes()[f.index]?.name === name);
  const history = new HistoryMode({
    store,
    compositor: host.compositor,
    client,
    write: (data) => terminal.write(data),
    paneFrame,
    queueFrame: () => host.queueFrame(),
    focus: (name) => host.focus(name),
    notice: (message) => host.notice(message),
  });
  const form = new FormMode({
    store,
    client,
    backends,
    defaultBackend: defaultBackend(config.defaults, backends),
    focus: (name) => host.focus(name),
    notice: (message) => host.notice(message),
  });
  const overlays: OverlayMode = new OverlayMode({
    store,
    client,
    helpRows: host.help.length,
    focus: (name) => host.focus(name),
    notice: (message) => host.notice(message),
    runVerb: (line) => host.runVerb(line),
    end: (how) => host.end(how),
    // yes to a question: the command it carries, run by its owner
    confirm: (confirmed) => (confirmations[confirmed.command] as (c: ConfirmedCommand) => Promise<void>)(confirmed),
    overlayPage: () => {
      const overlay = store.getState().overlay;
      return overlay ? overlayPage(terminal.cols, terminal.rows, overlay) : 1;
    },
    overlayRows: () => {
      const overlay = store.getState().overlay;
      return overlay ? overlayRows(terminal.cols, terminal.rows, overlay) : 0;
    },
  });
  const pilot: PilotMode = new PilotMode({
    store,
    client,
    compositor: host.compositor,
    bindings: host.bindings,
    relayout: () => host.relayout(),
    queueFrame: () => host.queueFrame(),
    openOverlay: (overlay) => overlays.open(overlay),
    notice: (message) => host.notice(message),
    now: () => Date.now(),
  });
  const confirmations: Confirmations = { ...overlays.confirmations, ...pilot.confirmations };
  const panes = paneCommands({
    store,
    panes: () => host.panes(),
    frames: () => host.frames(),
    focus: (name) => host.focus(name),
    relayout: () => host.relayout(),
    detach: () => host.end('detach'),
    runVerb: (line) => host.runVerb(line),
    leavePilot: () => pilot.forget(),
    // history and overlays close, a zoom ends (the pilot view shows its panels), then the view opens or closes
    togglePilot: () => {
      if (history.state) history.leave();
      const view = store.getState();
      if (view.overlay) overlays.open(null);
      if (view.zoomed) store.setState({ zoomed: false });
      return pilot.toggle(view.focus);
    },
  });
  return {
    history,
    overlays,
    form,
    pilot,
    prefixCommands: { ...panes, ...history.prefixCommands, ...overlays.prefixCommands, ...form.prefixCommands, ...pilot.prefixCommands },
    layerCommands: {
      panes: {},
      overlay: overlays.commands,
      form: form.commands,
      history: history.commands,
      search: history.searchCommands,
      timeline: pilot.timelineCommands,
      prompt: pilot.promptCommands,
    },
  };
}
