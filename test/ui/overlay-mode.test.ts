import { describe, expect, it } from 'vitest';
import { RemoteError, type FleetClient } from '../../src/client/fleet-client.js';
import type { SessionInfo } from '../../src/protocol/messages.js';
import { createRouter } from '../../src/ui/input/index.js';
import { DEFAULT_BINDINGS } from '../../src/keymap/index.js';
import { followScope } from '../../src/ui/active-scope.js';
import { FormMode } from '../../src/ui/form-mode.js';
import { OverlayMode } from '../../src/ui/overlay-mode.js';
import { openPilotState } from '../../src/ui/pilot/pilot-state.js';
import { createViewStore, withFocus, withMembers, type ConfirmedCommand } from '../../src/ui/view-store.js';

const member = (name: string): SessionInfo => ({ name, kind: 'persistent', backend: 'demo', model: 'm', watch: 'none', state: 'RUNNING', status: 'idle', pid: 1, restarts: 0, session: name, enabled: true });

/** OverlayMode and FormMode over a real store and router (following the view), and a recording stand-in for the server. */
function setup(answer: (args: Record<string, unknown>) => Promise<unknown>, pilotMode?: 'prompt' | 'timeline', drawnRows?: number) {
  const store = createViewStore();
  store.setState((s) => withMembers(s, [member('alpha'), member('beta')]));
  // the pilot view of alpha with `pilotMode` having the keys, under the overlay
  if (pilotMode) store.setState({ pilot: { ...openPilotState('alpha', []), part: pilotMode } });
  const router = createRouter({ prefix: 'C-b', bindings: DEFAULT_BINDINGS, mouse: true });
  followScope(store, router);
  const requests: Array<[string, Record<string, unknown> | undefined]> = [];
  const client = {
    request: (verb: string, args?: Record<string, unknown>) => {
      requests.push([verb, args]);
      return answer(args ?? {});
    },
  } as unknown as FleetClient;
  const focused: string[] = [];
  const notices: string[] = [];
  const confirmed: ConfirmedCommand[] = [];
  const verbs: string[] = [];
  const overlays = new OverlayMode({
    store, client, helpRows: 10,
    focus: (name) => focused.push(name), notice: (m) => notices.push(m),
    runVerb: async (line) => void verbs.push(line), end: () => {},
    confirm: async (c) => void confirmed.push(c),
    overlayPage: () => 4,
    ...(drawnRows !== undefined ? { overlayRows: () => drawnRows } : {}),
  });
  const forms = new FormMode({
    store, client, backends: ['demo', 'sh'], defaultBackend: 'demo',
    focus: (name) => focused.push(name), notice: (m) => notices.push(m),
  });
  const form = () => {
    const o = store.getState().overlay;
    if (o?.kind !== 'new-agent') throw new Error(`no form open (${o?.kind})`);
    return o.form;
  };
  return { store, router, overlays, forms, requests, focused, notices, form, confirmed, verbs };
}

describe('the new-agent form in the cockpit', () => {
  it('opens with text input, on the name, with the default backend', () => {
    const t = setup(async () => ({}));
    t.forms.open();
    expect(t.router.mode).toBe('overlay');
    expect(t.form()).toMatchObject({ field: 'name', values: { backend: 'demo' } });
  });

  it('Enter with a taken name sends nothing and says what is wrong beside the field', async () => {
    const t = setup(async () => ({}));
    t.forms.open();
    t.forms.text('beta');
    await t.forms.command('overlay-accept');
    expect(t.requests).toEqual([]);
    expect(t.form().errors).toEqual({ name: '"beta" is already taken' });
  });

  it('Tab, ↓ and typing fill the fields; Enter adds the agent, closes the form and focuses it', async () => {
    const t = setup(async () => ({}));
    t.forms.open();
    t.forms.text('gamma');
    await t.forms.command('overlay-next-field');
    await t.forms.command('overlay-down'); // demo → sh
    await t.forms.command('overlay-next-field');
    t.forms.text('go');
    await t.forms.command('overlay-accept');
    expect(t.requests).toEqual([['add', { name: 'gamma', backend: 'sh', prompt: 'go' }]]);
    expect(t.store.getState().overlay).toBeNull();
    expect(t.router.mode).toBe('normal');
    expect(t.focused).toEqual(['gamma']);
    expect(t.notices[0]).toMatch(/^added gamma: not in agents.toml/);
  });

  it('keeps the form open with the server\'s answer when it refuses', async () => {
    let refuse: (e: Error) => void = () => {};
    const t = setup(() => new Promise((_, reject) => (refuse = reject)));
    t.forms.open();
    t.forms.text('gamma');
    const sent = t.forms.command('overlay-accept');
    expect(t.form()).toMatchObject({ busy: true, status: 'starting gamma…' });
    await t.forms.command('overlay-accept'); // busy: not sent twice
    refuse(new RemoteError('bad_args', 'prompt_file "x" does not exist'));
    await sent;
    expect(t.requests).toHaveLength(1);
    expect(t.form()).toMatchObject({ busy: false, status: 'prompt_file "x" does not exist' });
    expect(t.focused).toEqual([]);
  });

  it('Esc cancels', async () => {
    const t = setup(async () => ({}));
    t.forms.open();
    await t.forms.command('overlay-close');
    expect(t.store.getState().overlay).toBeNull();
  });
});

describe('the pilot view\'s overlays', () => {
  it('y on its question hands the answer to the pilot view; the keys go back to the part that had them', async () => {
    const t = setup(async () => ({}), 'timeline');
    t.overlays.open({ kind: 'confirm', question: 'Go to T1? (y/n)', confirms: { command: 'timeline-goto', name: 'alpha', label: 'T1' } });
    expect(t.router.mode).toBe('overlay');
    t.overlays.text('y');
    await Promise.resolve();
    expect(t.confirmed).toEqual([{ command: 'timeline-goto', name: 'alpha', label: 'T1' }]);
    expect(t.store.getState().overlay).toBeNull();
    expect(t.router.mode).toBe('timeline');
  });

  it('n or Esc says no', async () => {
    const t = setup(async () => ({}), 'timeline');
    t.overlays.open({ kind: 'confirm', question: 'Branch from T2? (y/n)', confirms: { command: 'timeline-branch', name: 'alpha', label: 'T2' } });
    t.overlays.text('n');
    expect(t.confirmed).toEqual([]);
    expect(t.router.mode).toBe('timeline');
  });

  it('the diff scrolls by line, by page and to either end, never past its last page', async () => {
    const t = setup(async () => ({}));
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i}`);
    t.overlays.open({ kind: 'diff', title: 'd', lines, offset: 0 });
    const offset = () => (t.store.getState().overlay as { offset: number }).offset;
    await t.overlays.command('overlay-down');
    expect(offset()).toBe(1);
    await t.overlays.command('overlay-page-down');
    expect(offset()).toBe(5);
    await t.overlays.command('overlay-page-down');
    expect(offset()).toBe(6); // 10 lines, 4 a page: the last page starts at 6
    await t.overlays.command('overlay-top');
    expect(offset()).toBe(0);
    await t.overlays.command('overlay-up');
    expect(offset()).toBe(0);
    await t.overlays.command('overlay-bottom');
    expect(offset()).toBe(6);
    await t.overlays.command('overlay-close');
    expect(t.router.mode).toBe('normal');
  });

  it("a verb's output scrolls by the rows it is drawn in (long lines wrapped), never past its last page; q closes it", async () => {
    const t = setup(async () => ({}), undefined, 12);
    t.overlays.open({ kind: 'output', title: ': peek alpha', lines: ['one line'], offset: 0, failed: false });
    const offset = () => (t.store.getState().overlay as { offset: number }).offset;
    await t.overlays.command('overlay-bottom');
    expect(offset()).toBe(8); // 12 rows as drawn, 4 a page
    await t.overlays.command('overlay-up');
    expect(offset()).toBe(7);
    await t.overlays.command('overlay-page-up');
    expect(offset()).toBe(3);
    await t.overlays.command('overlay-top');
    expect(offset()).toBe(0);
    await t.overlays.command('overlay-close');
    expect(t.store.getState().overlay).toBeNull();
    expect(t.router.mode).toBe('normal');
  });

  it('the prefix commands that open an overlay open it; the others are not its business', async () => {
    const t = setup(async () => ({}));
    expect(Object.keys(t.overlays.prefixCommands).sort()).toEqual(['events', 'help', 'palette', 'quit', 'status', 'stop']);
    await t.overlays.prefixCommands.status();
    expect(t.store.getState().overlay).toEqual({ kind: 'status', selected: 0 });
    await t.overlays.prefixCommands.quit();
    expect(t.store.getState().overlay).toMatchObject({ kind: 'confirm', confirms: { command: 'quit' } });
  });

  it("the status table's rows are a tree: it opens on the focused agent's row and Enter focuses the row chosen", async () => {
    const t = setup(async () => ({}));
    t.store.setState((s) => withMembers(s, [member('lead'), member('plain'), { ...member('w1'), parent: 'lead' }]));
    t.store.setState((s) => withFocus(s, 'w1'));
    await t.overlays.prefixCommands.status();
    expect(t.store.getState().overlay).toEqual({ kind: 'status', selected: 1 }); // lead, ↳ w1, plain
    await t.overlays.command('overlay-down');
    await t.overlays.command('overlay-accept');
    expect(t.focused).toEqual(['plain']);
  });

  it('a confirmation carries the command it asks about: y stops the agent named in the question, wherever the focus went since', async () => {
    const t = setup(async () => ({}));
    await t.overlays.prefixCommands.stop();
    expect(t.store.getState().overlay).toMatchObject({ question: 'Stop alpha? (y/n)', confirms: { command: 'stop', name: 'alpha' } });
    t.store.setState((s) => withFocus(s, 'beta')); // a click on another pane meanwhile
    t.overlays.text('y');
    await Promise.resolve();
    expect(t.confirmed).toEqual([{ command: 'stop', name: 'alpha' }]);
    await t.overlays.confirmations.stop({ command: 'stop', name: 'alpha' });
    expect(t.verbs).toEqual(['down alpha']);
  });
});
