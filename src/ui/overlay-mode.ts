import type { FleetClient } from '../client/fleet-client.js';
import type { InputMode, InputRouter } from './input/index.js';
import type { CockpitCommandName } from '../keymap/index.js';
import { addRequest, backspace, cycleBackend, firstError, formErrors, moveField, openForm, typeText, type NewAgentForm } from './new-agent-form.js';
import type { OverlayState, ViewStore } from './view-store.js';

/** What the overlays need from the cockpit around them. */
export interface OverlayHost {
  readonly store: ViewStore;
  readonly router: InputRouter;
  readonly client: FleetClient;
  /** rows in the help overlay, to bound its scrolling */
  readonly helpRows: number;
  /** the backends of agents.toml, and the one a new agent gets by default */
  readonly backends: readonly string[];
  readonly defaultBackend: string;
  drawOverlay(): void;
  focus(name: string): void;
  notice(message: string): void;
  /** run a CLI verb line, as the palette does */
  runVerb(line: string): Promise<void>;
  end(how: 'quit'): void;
  /** the mode keys return to when the overlay closes (the pilot view's part); default normal */
  baseMode?(): InputMode;
  /** the pilot view asked, the user said yes */
  pilotConfirmed?(action: 'pilot-goto' | 'pilot-branch', label: string): Promise<void>;
  /** lines the open overlay shows at once, for paging (default 10) */
  overlayPage?(): number;
  /** rows the open diff or output overlay has in all, as drawn (long lines wrapped); default its line count */
  overlayRows?(): number;
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
    this.host.router.setMode(overlay ? 'overlay' : (this.host.baseMode?.() ?? 'normal'), { textInput });
    this.host.drawOverlay();
  }

  /** The prefix commands that open an overlay (help, status, …) open it; false for any other command. */
  openFor(command: CockpitCommandName): boolean {
    const { members, focus } = this.host.store.getState();
    switch (command) {
      case 'help':
        this.open({ kind: 'help', offset: 0 });
        return true;
      case 'status':
        this.open({ kind: 'status', selected: Math.max(0, members.findIndex((m) => m.name === focus)) });
        return true;
      case 'events':
        this.open({ kind: 'events' });
        return true;
      case 'palette':
        this.open({ kind: 'palette', input: '', selected: 0 });
        return true;
      case 'new-agent':
        this.openNewAgentForm();
        return true;
      case 'quit':
        this.open({ kind: 'confirm', question: 'Stop the whole fleet and quit? (y/n)', action: 'quit' });
        return true;
      case 'stop':
        if (focus) this.open({ kind: 'confirm', question: `Stop ${focus}? (y/n)`, action: 'stop' });
        return true;
      default:
        return false;
    }
  }

  openNewAgentForm(): void {
    this.open({ kind: 'new-agent', form: openForm(this.host.backends, this.host.defaultBackend) });
  }

  async command(command: CockpitCommandName): Promise<void> {
    const overlay = this.host.store.getState().overlay;
    if (overlay?.kind === 'new-agent') return this.formCommand(overlay.form, command);
    switch (command) {
      case 'overlay-close':
        return this.open(null);
      case 'overlay-up':
      case 'overlay-down':
        return this.moveSelection(command === 'overlay-up' ? -1 : 1);
      case 'overlay-page-up':
      case 'overlay-page-down':
        return this.moveSelection((command === 'overlay-page-up' ? -1 : 1) * this.page());
      case 'overlay-top':
      case 'overlay-bottom':
        return this.moveSelection(command === 'overlay-top' ? -Infinity : Infinity);
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
    if (overlay?.kind === 'new-agent') return this.setForm(typeText(overlay.form, data));
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
        const member = host.store.getState().members[overlay.selected];
        if (member) host.focus(member.name);
        return;
      }
      case 'palette':
        return host.runVerb(overlay.input);
      case 'confirm':
        if (overlay.action === 'pilot-goto' || overlay.action === 'pilot-branch') return host.pilotConfirmed?.(overlay.action, overlay.label);
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

  /** The form's keys: fields, backends, editing; Enter checks it and asks the server to add the agent. */
  private async formCommand(form: NewAgentForm, command: CockpitCommandName): Promise<void> {
    switch (command) {
      case 'overlay-next-field':
      case 'overlay-prev-field':
        return this.setForm(moveField(form, command === 'overlay-next-field' ? 1 : -1));
      case 'overlay-up':
      case 'overlay-down':
        return this.setForm(cycleBackend(form, command === 'overlay-up' ? -1 : 1));
      case 'overlay-backspace':
        return this.setForm(backspace(form));
      case 'overlay-close':
        return this.open(null);
      case 'overlay-accept':
        return this.submit(form);
      default:
        return;
    }
  }

  private async submit(form: NewAgentForm): Promise<void> {
    if (form.busy) return;
    const errors = formErrors(form, this.host.store.getState().members.map((m) => m.name));
    const wrong = firstError(errors);
    if (wrong) return this.setForm({ ...form, errors, field: wrong });
    const request = addRequest(form);
    const sent: NewAgentForm = { ...form, errors: {}, busy: true, status: `starting ${request.name}…` };
    this.setForm(sent);
    try {
      await this.host.client.request('add', request);
    } catch (err) {
      // still open and still this form: say why, and let the user fix it
      if (this.currentForm() === sent) this.setForm({ ...sent, busy: false, status: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (this.currentForm() === sent) this.open(null);
    // the server's 'started' event brings the new pane; focus it already
    this.host.focus(request.name);
    this.host.notice(`added ${request.name}: not in agents.toml, gone after hangar down`);
  }

  private currentForm(): NewAgentForm | undefined {
    const overlay = this.host.store.getState().overlay;
    return overlay?.kind === 'new-agent' ? overlay.form : undefined;
  }

  private setForm(form: NewAgentForm): void {
    this.open({ kind: 'new-agent', form });
  }
}
