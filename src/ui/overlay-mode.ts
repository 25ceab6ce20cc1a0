import type { FleetClient } from '../client/fleet-client.js';
import type { InputRouter } from './input/index.js';
import type { CockpitCommandName } from './keymap/index.js';
import type { OverlayState, ViewStore } from './view-store.js';

/** What the overlays need from the cockpit around them. */
export interface OverlayHost {
  readonly store: ViewStore;
  readonly router: InputRouter;
  readonly client: FleetClient;
  /** rows in the help overlay, to bound its scrolling */
  readonly helpRows: number;
  drawOverlay(): void;
  focus(name: string): void;
  /** run a CLI verb line, as the palette does */
  runVerb(line: string): Promise<void>;
  end(how: 'quit'): void;
}

/**
 * The overlays' interactions: opening and closing one, moving its selection, typing into its
 * input line, and what Enter (or `y`) does in each. Drawing stays with overlay-view.tsx.
 */
export class OverlayMode {
  constructor(private readonly host: OverlayHost) {}

  /** Open `overlay` (null closes it); the router follows: overlay keys, typed text for input lines. */
  open(overlay: OverlayState | null): void {
    this.host.store.setState({ overlay });
    const textInput = overlay?.kind === 'palette' || overlay?.kind === 'new-agent';
    this.host.router.setMode(overlay ? 'overlay' : 'normal', { textInput });
    this.host.drawOverlay();
  }

  async command(command: CockpitCommandName): Promise<void> {
    switch (command) {
      case 'overlay-close':
        return this.open(null);
      case 'overlay-up':
      case 'overlay-down':
        return this.moveSelection(command === 'overlay-up' ? -1 : 1);
      case 'overlay-accept':
        return this.accept();
      case 'overlay-backspace':
        return this.editInput((s) => s.slice(0, -1));
      default:
        return;
    }
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
    }
  }

  private editInput(edit: (input: string) => string): void {
    const overlay = this.host.store.getState().overlay;
    if (overlay?.kind === 'palette' || overlay?.kind === 'new-agent') this.open({ ...overlay, input: edit(overlay.input) });
  }

  private async accept(): Promise<void> {
    const { host } = this;
    const overlay = host.store.getState().overlay;
    if (!overlay) return;
    this.open(null);
    switch (overlay.kind) {
      case 'status': {
        const member = host.store.getState().members[overlay.selected];
        if (member) host.focus(member.name);
        return;
      }
      case 'palette':
        return host.runVerb(overlay.input);
      case 'new-agent':
        return host.runVerb(`up -d ${overlay.input}`);
      case 'confirm':
        if (overlay.action === 'stop') {
          const name = host.store.getState().focus;
          if (name) void host.runVerb(`down ${name}`);
          return;
        }
        await host.client.request('down', { names: [] }).catch(() => undefined);
        return host.end('quit');
      default:
        return;
    }
  }
}
