import type { FleetClient } from '../client/fleet-client.js';
import type { CommandsIn } from '../keymap/index.js';
import type { CommandHandlers } from './command-table.js';
import { addRequest, backspace, cycleBackend, firstError, formErrors, moveField, openForm, typeText, type NewAgentForm } from './new-agent-form.js';
import type { ViewStore } from './view-store.js';

/** What the new-agent form needs from the cockpit around it. */
export interface FormHost {
  readonly store: ViewStore;
  readonly client: FleetClient;
  /** the backends of agents.toml, and the one a new agent gets by default */
  readonly backends: readonly string[];
  readonly defaultBackend: string;
  focus(name: string): void;
  notice(message: string): void;
}

/**
 * The new-agent form's keys (C-b c): fields, backends, editing; Enter checks it and asks the
 * server to add the agent. The form's state is pure (new-agent-form.ts); it shows as an overlay.
 */
export class FormMode {
  constructor(private readonly host: FormHost) {}

  readonly prefixCommands: CommandHandlers<'new-agent'> = {
    'new-agent': () => this.open(),
  };

  readonly commands: CommandHandlers<CommandsIn<'overlay'>> = {
    'overlay-next-field': () => this.change((form) => moveField(form, 1)),
    'overlay-prev-field': () => this.change((form) => moveField(form, -1)),
    'overlay-up': () => this.change((form) => cycleBackend(form, -1)),
    'overlay-down': () => this.change((form) => cycleBackend(form, 1)),
    'overlay-backspace': () => this.change(backspace),
    'overlay-close': () => this.close(),
    'overlay-accept': () => {
      const form = this.current();
      return form ? this.submit(form) : undefined;
    },
    // a form does not scroll
    'overlay-page-up': () => undefined,
    'overlay-page-down': () => undefined,
    'overlay-top': () => undefined,
    'overlay-bottom': () => undefined,
  };

  open(): void {
    this.set(openForm(this.host.backends, this.host.defaultBackend));
  }

  async command(command: CommandsIn<'overlay'>): Promise<void> {
    return this.commands[command]();
  }

  text(data: string): void {
    this.change((form) => typeText(form, data));
  }

  private async submit(form: NewAgentForm): Promise<void> {
    if (form.busy) return;
    const errors = formErrors(form, this.host.store.getState().members.map((m) => m.name));
    const wrong = firstError(errors);
    if (wrong) return this.set({ ...form, errors, field: wrong });
    const request = addRequest(form);
    const sent: NewAgentForm = { ...form, errors: {}, busy: true, status: `starting ${request.name}…` };
    this.set(sent);
    try {
      await this.host.client.request('add', request);
    } catch (err) {
      // still open and still this form: say why, and let the user fix it
      if (this.current() === sent) this.set({ ...sent, busy: false, status: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (this.current() === sent) this.close();
    // the server's 'started' event brings the new pane; focus it already
    this.host.focus(request.name);
    this.host.notice(`added ${request.name}: not in agents.toml, gone after hangar down`);
  }

  private current(): NewAgentForm | undefined {
    const overlay = this.host.store.getState().overlay;
    return overlay?.kind === 'new-agent' ? overlay.form : undefined;
  }

  private change(step: (form: NewAgentForm) => NewAgentForm): void {
    const form = this.current();
    if (form) this.set(step(form));
  }

  private set(form: NewAgentForm): void {
    this.host.store.setState({ overlay: { kind: 'new-agent', form } });
  }

  private close(): void {
    this.host.store.setState({ overlay: null });
  }
}
