import { workerTree } from '../text/worker-tree.js';
import type { FleetClient } from '../client/fleet-client.js';
import type { CommandsIn } from '../keymap/index.js';
import { ignore, type CommandHandlers } from './command-table.js';
import type { Confirmations, ConfirmedCommand, OverlayState, ViewStore } from './view-store.js';

/** The prefix commands that open an overlay (the new-agent form is form-mode.ts). */
export type OverlayOpener = 'help' | 'status' | 'events' | 'palette' | 'quit' | 'stop';

/** What the overlays need from the cockpit around them. */
export interface OverlayHost {
  readonly store: ViewStore;
  readonly client: FleetClient;
  /** rows in the help overlay, to bound its scrolling */
  readonly helpRows: number;
  focus(name: string): void;
  notice(message: string): void;
  /** run a CLI verb line, as the palette does */
  runVerb(line: string): Promise<void>;
  end(how: 'quit'): void;
  /** yes to a confirmation: run the command it carries, whoever owns it */
  confirm(confirmed: ConfirmedCommand): Promise<void>;
  /** lines the open overlay shows at once, for paging (default 10) */
  overlayPage?(): number;
  /** rows the open diff or output overlay has in all, as drawn (long lines wrapped); default its line count */
  overlayRows?(): number;
}

/**
 * The overlays' interactions: opening and closing one, moving its selection, typing into the
 * palette's line, and what Enter (or `y`) does in each. Drawing stays with overlay-view.tsx;
 * the router's mode follows the view (active-scope.ts).
 */
export class OverlayMode {
  constructor(private readonly host: OverlayHost) {}

  /** Open `overlay` (null closes it). */
  open(overlay: OverlayState | null): void {
    this.host.store.setState({ overlay });
  }

  readonly prefixCommands: CommandHandlers<OverlayOpener> = {
    help: () => this.open({ kind: 'help', offset: 0 }),
    status: () => {
      const { members, focus } = this.host.store.getState();
      this.open({ kind: 'status', selected: Math.max(0, workerTree(members).findIndex((r) => r.member.name === focus)) });
    },
    events: () => this.open({ kind: 'events' }),
    palette: () => this.open({ kind: 'palette', input: '', selected: 0 }),
    quit: () => this.open({ kind: 'confirm', question: 'Stop the whole fleet and quit? (y/n)', confirms: { command: 'quit' } }),
    stop: () => {
      const { focus } = this.host.store.getState();
      if (focus) this.open({ kind: 'confirm', question: `Stop ${focus}? (y/n)`, confirms: { command: 'stop', name: focus } });
    },
  };

  /** The keys of a list, a scrolled text, the palette or a question (the form has its own: form-mode.ts). */
  readonly commands: CommandHandlers<CommandsIn<'overlay'>> = {
    'overlay-close': () => this.open(null),
    'overlay-up': () => this.moveSelection(-1),
    'overlay-down': () => this.moveSelection(1),
    'overlay-page-up': () => this.moveSelection(-this.page()),
    'overlay-page-down': () => this.moveSelection(this.page()),
    'overlay-top': () => this.moveSelection(-Infinity),
    'overlay-bottom': () => this.moveSelection(Infinity),
    'overlay-accept': () => this.accept(),
    'overlay-backspace': () => this.editInput((s) => s.slice(0, -1)),
    'overlay-next-field': ignore,
    'overlay-prev-field': ignore,
  };

  /** What a confirmation asking about the fleet runs on yes. */
  readonly confirmations: Confirmations<'quit' | 'stop'> = {
    stop: async ({ name }) => {
      void this.host.runVerb(`down ${name}`); // typing goes on meanwhile
    },
    quit: async () => {
      await this.host.client.request('down', { names: [] }).catch(() => undefined);
      this.host.end('quit');
    },
  };

  async command(command: CommandsIn<'overlay'>): Promise<void> {
    return this.commands[command]();
  }

  text(data: string): void {
    const overlay = this.host.store.getState().overlay;
    if (overlay?.kind === 'confirm') {
      if (/^[yY]/.test(data)) void this.accept();
      else if (/^[nN]/.test(data)) this.open(null);
      return;
    }
    this.editInput((s) => s + data.replace(/[\r\n]+/g, ' '));
  }

  private moveSelection(delta: number): void {
    const { overlay, members } = this.host.store.getState();
    if (overlay?.kind === 'status') {
      const selected = Math.min(Math.max(0, overlay.selected + delta), members.length - 1);
      this.open({ ...overlay, selected });
    } else if (overlay?.kind === 'help') {
      this.open({ ...overlay, offset: Math.min(Math.max(0, overlay.offset + delta), Math.max(0, this.host.helpRows - 1)) });
    } else if (overlay?.kind === 'diff' || overlay?.kind === 'output') {
      // the last page ends with the last line
      const last = Math.max(0, (this.host.overlayRows?.() ?? overlay.lines.length) - this.page());
      this.open({ ...overlay, offset: Math.min(Math.max(0, overlay.offset + delta), last) });
    }
  }

  /** Lines one page of the help, diff or output view scrolls. */
  private page(): number {
    return Math.max(1, this.host.overlayPage?.() ?? 10);
  }

  private editInput(edit: (input: string) => string): void {
    const overlay = this.host.store.getState().overlay;
    if (overlay?.kind === 'palette') this.open({ ...overlay, input: edit(overlay.input) });
  }

  private async accept(): Promise<void> {
    const { host } = this;
    const overlay = host.store.getState().overlay;
    if (!overlay) return;
    this.open(null);
    switch (overlay.kind) {
      case 'status': {
        // the rows as the table shows them: workers under their orchestrator
        const member = workerTree(host.store.getState().members)[overlay.selected]?.member;
        if (member) host.focus(member.name);
        return;
      }
      case 'palette':
        return host.runVerb(overlay.input);
      case 'confirm':
        return host.confirm(overlay.confirms);
      default:
        return;
    }
  }
}
