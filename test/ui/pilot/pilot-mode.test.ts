import { describe, expect, it } from 'vitest';
import { RemoteError, type FleetClient } from '../../../src/client/fleet-client.js';
import type { SessionInfo } from '../../../src/protocol/messages.js';
import { Compositor } from '../../../src/ui/compositor/index.js';
import { createRouter } from '../../../src/ui/input/index.js';
import { DEFAULT_BINDINGS, type CommandsIn } from '../../../src/keymap/index.js';
import { pilotLayout } from '../../../src/ui/layout/index.js';
import { followScope } from '../../../src/ui/active-scope.js';
import { PilotMode } from '../../../src/ui/pilot/pilot-mode.js';
import { statusLines } from '../../../src/ui/pilot/pilot-state.js';
import { createViewStore, withMembers } from '../../../src/ui/view-store.js';
import { answerOf, branchedTimeline, straightTimeline } from './timeline-fixture.js';

const member = (name: string): SessionInfo => ({ name, kind: 'persistent', backend: 'demo', model: 'm', watch: 'none', state: 'RUNNING', status: 'idle', pid: 1, restarts: 0, session: name, enabled: true });

/** A request the test answers when it wants to (answers can come late, or in another order). */
interface Pending {
  verb: string;
  args: Record<string, unknown>;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** PilotMode over a real store, router and compositor; the server is a recording stand-in. */
function setup() {
  const store = createViewStore();
  store.setState((s) => withMembers(s, [member('builder'), member('other')]));
  const router = createRouter({ prefix: 'C-b', bindings: DEFAULT_BINDINGS, mouse: true });
  const compositor = new Compositor(160, 40);
  const pending: Pending[] = [];
  const client = {
    request: (verb: string, args: Record<string, unknown> = {}) => new Promise((resolve, reject) => pending.push({ verb, args, resolve, reject })),
  } as unknown as FleetClient;
  const notices: string[] = [];
  let now = 1_000_000;
  let layouts = 0;
  const layout = pilotLayout(2, 0, { x: 0, y: 0, cols: 160, rows: 39 });
  followScope(store, router);
  const mode: PilotMode = new PilotMode({
    store, client, compositor, bindings: DEFAULT_BINDINGS,
    relayout: () => {
      layouts++;
      mode.place(store.getState().pilot ? layout : null);
    },
    queueFrame: () => {},
    openOverlay: (overlay) => store.setState({ overlay }),
    notice: (m) => notices.push(m),
    now: () => now,
  });
  /** The oldest request not answered yet; it must be `verb`. */
  const next = (verb: string): Pending => {
    const p = pending.shift();
    if (!p) throw new Error(`no request pending (wanted ${verb})`);
    expect(p.verb).toBe(verb);
    return p;
  };
  const settle = () => new Promise((r) => setImmediate(r));
  const state = () => store.getState().pilot!;
  const press = (command: CommandsIn<'timeline'> | CommandsIn<'prompt'> | 'pilot-next-part') => mode.command(command);
  /** Open the view of builder and answer the pilot request with `tl`. */
  const opened = async (tl = answerOf(straightTimeline())) => {
    const opening = mode.open('builder');
    next('pilot').resolve(tl);
    await opening;
  };
  return { store, router, mode, pending, next, settle, state, press, opened, notices, layout, tick: (ms: number) => (now += ms), layouts: () => layouts };
}

describe('the pilot view: opening and leaving', () => {
  it('asks the server to pilot the agent, shows its timeline, and gives the prompt bar the keys', async () => {
    const t = setup();
    const opening = t.mode.open('builder');
    expect(t.state()).toMatchObject({ name: 'builder', part: 'prompt', timeline: null });
    expect(statusLines(t.state(), 0)).toEqual([{ kind: 'busy', text: '⟳ piloting builder…' }]);
    expect(t.router.mode).toBe('prompt');
    const asked = t.next('pilot');
    expect(asked.args).toEqual({ name: 'builder' });
    asked.resolve(answerOf(straightTimeline()));
    await opening;
    expect(t.state()).toMatchObject({ selected: 'T3', busy: null, note: 'builder is piloted: every turn ends in a checkpoint' });
    // Up recalls the turns taken before, even in a cockpit that never sent them
    expect(t.state().bar.history).toEqual(['write a.txt one', 'write b.txt two', 'write a.txt three']);
  });

  it('a server that refuses (a service, say) closes the view and says why', async () => {
    const t = setup();
    const opening = t.mode.open('builder');
    t.next('pilot').reject(new RemoteError('not_found', '"builder" is not an agent that can be piloted'));
    await opening;
    expect(t.store.getState().pilot).toBeNull();
    expect(t.router.mode).toBe('normal');
    expect(t.notices).toEqual(['pilot builder: "builder" is not an agent that can be piloted']);
  });

  it('q on the timeline leaves; the prompts sent are still there when it opens again', async () => {
    const t = setup();
    await t.opened(answerOf(straightTimeline()));
    t.mode.text('a new prompt');
    const sending = t.press('prompt-send');
    t.next('send').resolve({ confirmed: true, attempts: 1, status: 'working' });
    await sending;
    await t.press('prompt-next-part');
    await t.press('timeline-leave');
    expect(t.store.getState().pilot).toBeNull();
    expect(t.router.mode).toBe('normal');
    await t.opened(answerOf(straightTimeline()));
    expect(t.state().bar.history.at(-1)).toBe('a new prompt');
  });
});

describe('the pilot view: zoomed', () => {
  it('hides its panels and hands the keys to the pane; back from zoom, the part that had them has them again', async () => {
    const t = setup();
    await t.opened();
    expect(t.router.mode).toBe('prompt');
    t.store.setState({ zoomed: true }); // the cockpit zoomed the pane
    t.mode.place(null);
    expect(t.router.mode).toBe('normal');
    expect(t.mode.paneHasKeys()).toBe(true);
    expect(t.mode.cursor()).toBeUndefined();
    t.store.setState({ zoomed: false });
    t.mode.place(t.layout);
    expect(t.router.mode).toBe('prompt');
    expect(t.mode.paneHasKeys()).toBe(false);
  });
});

describe('the pilot view: the prompt bar', () => {
  it('Enter sends the text through the send request and empties the bar', async () => {
    const t = setup();
    await t.opened();
    t.mode.text('write c.txt four');
    await t.press('prompt-newline');
    t.mode.text('and more');
    const sending = t.press('prompt-send');
    expect(t.state()).toMatchObject({ sending: true, bar: { text: '' } });
    const sent = t.next('send');
    expect(sent.args).toEqual({ name: 'builder', text: 'write c.txt four\nand more' });
    sent.resolve({ confirmed: true, attempts: 1, status: 'working' });
    await sending;
    expect(t.state()).toMatchObject({ sending: false, error: null });
  });

  it('a prompt the agent did not take comes back into the bar with the reason', async () => {
    const t = setup();
    await t.opened();
    t.mode.text('hello');
    const sending = t.press('prompt-send');
    t.next('send').resolve({ confirmed: false, attempts: 10, status: 'needs-input' });
    await sending;
    expect(t.state()).toMatchObject({ sending: false, bar: { text: 'hello' }, error: 'builder did not take the prompt after 10 tries (it is needs-input)' });

    const again = t.press('prompt-send');
    t.next('send').reject(new RemoteError('conflict', '"builder" is not running'));
    await again;
    expect(t.state()).toMatchObject({ bar: { text: 'hello' }, error: '"builder" is not running' });
  });

  it('sends one prompt at a time: the next one waits in the bar', async () => {
    const t = setup();
    await t.opened();
    t.mode.text('first');
    const first = t.press('prompt-send');
    t.mode.text('second');
    await t.press('prompt-send');
    expect(t.pending.map((p) => p.args.text)).toEqual(['first']);
    expect(t.state()).toMatchObject({ bar: { text: 'second' }, error: 'wait: the last prompt is still on its way (this one stays in the bar)' });
    t.next('send').resolve({ confirmed: true, attempts: 1, status: 'working' });
    await first;
    expect(t.state()).toMatchObject({ sending: false, bar: { text: 'second' } });
  });

  it('sends nothing while a goto runs: the prompt stays', async () => {
    const t = setup();
    await t.opened();
    await t.press('prompt-next-part');
    await t.press('timeline-up');
    await t.press('timeline-goto');
    void t.mode.confirmations['timeline-goto']({ command: 'timeline-goto', name: 'builder', label: 'T2' });
    await t.press('timeline-prev-part');
    t.mode.text('too soon');
    await t.press('prompt-send');
    expect(t.pending.map((p) => p.verb)).toEqual(['goto']);
    expect(t.state()).toMatchObject({ bar: { text: 'too soon' } });
    expect(t.state().error).toMatch(/^wait: going to T2 is not done yet/);
  });

  it('puts the terminal cursor in the bar while it has the keys, hides it over the timeline, leaves it to the pane', async () => {
    const t = setup();
    await t.opened();
    t.mode.text('abc');
    const { prompt } = t.layout;
    expect(t.mode.cursor()).toEqual({ x: prompt.x + 1 + 2 + 3, y: prompt.y + 1, visible: true });
    await t.press('prompt-next-part');
    expect(t.mode.cursor()).toBeNull();
    await t.press('timeline-next-part');
    expect(t.mode.cursor()).toBeUndefined();
    expect(t.router.mode).toBe('normal');
    expect(t.mode.paneHasKeys()).toBe(true);
  });
});

describe('the pilot view: the timeline', () => {
  it('g asks first, then goes: busy meanwhile, the new timeline after, the selection on current', async () => {
    const t = setup();
    await t.opened();
    await t.press('prompt-next-part');
    expect(t.router.mode).toBe('timeline');
    await t.press('timeline-up');
    await t.press('timeline-up');
    await t.press('timeline-goto');
    expect(t.store.getState().overlay).toMatchObject({ kind: 'confirm', confirms: { command: 'timeline-goto', name: 'builder', label: 'T1' } });
    expect(t.pending).toEqual([]);
    const going = t.mode.confirmations['timeline-goto']({ command: 'timeline-goto', name: 'builder', label: 'T1' });
    const asked = t.next('goto');
    expect(asked.args).toEqual({ name: 'builder', to: 'T1' });
    t.tick(3000);
    expect(statusLines(t.state(), 1_003_000)).toEqual([{ kind: 'busy', text: '⟳ going to T1… 3s' }]);
    // the server says how far it got
    t.mode.event({ type: 'pilot', name: 'builder', current: 'T4', level: 'info', message: 'builder: the present saved as T4 before goto T1', at: 0 });
    expect(t.state().progress).toBe('builder: the present saved as T4 before goto T1');
    t.next('checkpoints').resolve(answerOf(straightTimeline()));
    const after = answerOf(branchedTimeline());
    asked.resolve({ name: 'builder', label: 'T1', saved: 'T4', strategy: 'resume', moved: true, timeline: after });
    await going;
    expect(t.state()).toMatchObject({ busy: null, selected: 'T5', note: 'at T1: files restored, conversation by resume (the present saved as T4)' });
  });

  it('shows the server\'s error inline, and is ready for the next thing', async () => {
    const t = setup();
    await t.opened();
    const undoing = t.press('timeline-undo');
    t.next('undo').reject(new RemoteError('conflict', 'builder is at root, before its first turn: there is nothing to undo'));
    await undoing;
    expect(t.state()).toMatchObject({ busy: null, error: 'builder is at root, before its first turn: there is nothing to undo' });
    expect(statusLines(t.state(), 0)).toEqual([{ kind: 'error', text: '✗ builder is at root, before its first turn: there is nothing to undo' }]);
  });

  it('b asks, then branches from the selected checkpoint', async () => {
    const t = setup();
    await t.opened();
    await t.press('prompt-next-part');
    await t.press('timeline-up');
    await t.press('timeline-branch');
    expect(t.store.getState().overlay).toMatchObject({ kind: 'confirm', confirms: { command: 'timeline-branch', name: 'builder', label: 'T2' } });
    expect((t.store.getState().overlay as { question: string }).question).toMatch(/A second agent, builder-T2, starts there/);
    const branching = t.mode.confirmations['timeline-branch']({ command: 'timeline-branch', name: 'builder', label: 'T2' });
    const asked = t.next('branch');
    expect(asked.args).toEqual({ name: 'builder', from: 'T2' });
    asked.resolve({ name: 'builder-T2', dir: '/w/work-builder-T2', branch: 'hangar/builder-T2' });
    await branching;
    expect(t.state().note).toBe('builder-T2 runs from T2 in /w/work-builder-T2 (branch hangar/builder-T2)');
  });

  it('d opens the selected checkpoint\'s diff as an overlay', async () => {
    const t = setup();
    await t.opened();
    const diffing = t.press('timeline-diff');
    const asked = t.next('diff');
    expect(asked.args).toEqual({ name: 'builder', from: 'T3' });
    asked.resolve({ from: 'T2', to: 'T3', text: 'diff --git a/a.txt b/a.txt\n-one\n+\tthree\n', truncated: false });
    await diffing;
    expect(t.store.getState().overlay).toEqual({ kind: 'diff', title: 'builder: what T3 changed (T2..T3)', lines: ['diff --git a/a.txt b/a.txt', '-one', '+   three'], offset: 0 });
  });

  it('a pilot event of this agent refreshes the timeline; an older answer arriving late is dropped', async () => {
    const t = setup();
    await t.opened();
    t.mode.event({ type: 'pilot', name: 'other', current: 'T1', level: 'info', message: 'other T1', at: 0 });
    expect(t.pending).toEqual([]);
    t.mode.event({ type: 'pilot', name: 'builder', current: 'T4', level: 'info', message: 'builder T4 — 1 files', at: 0 });
    t.mode.event({ type: 'pilot', name: 'builder', current: 'T5', level: 'info', message: 'builder T5 — 1 files', at: 0 });
    const [first, second] = [t.next('checkpoints'), t.next('checkpoints')];
    second.resolve(answerOf(branchedTimeline()));
    await t.settle();
    first.resolve(answerOf(straightTimeline()));
    await t.settle();
    expect(t.state().timeline!.current).toBe('T5');
    expect(t.state().note).toBe('builder T5 — 1 files');
  });

  it('a click on a row selects it and gives the timeline the keys; the wheel moves the selection', async () => {
    const t = setup();
    await t.opened();
    const { timeline } = t.layout;
    const click = (y: number, kind: 'press' | 'wheel-up' = 'press') => t.mode.mouse({ kind, button: 0, x: timeline.x + 3, y, shift: false, alt: false, ctrl: false });
    expect(click(timeline.y + 2)).toBe(true); // root is the first row under the border, T1 the second
    expect(t.state()).toMatchObject({ part: 'timeline', selected: 'T1' });
    expect(click(timeline.y + 2, 'wheel-up')).toBe(true);
    expect(t.state().selected).toBe('root');
    expect(t.mode.mouse({ kind: 'press', button: 0, x: timeline.x - 5, y: 3, shift: false, alt: false, ctrl: false })).toBe(false);
  });
});
