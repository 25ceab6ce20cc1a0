import { describe, expect, it } from 'vitest';
import { activeScope, followScope } from '../../src/ui/active-scope.js';
import { openHistory } from '../../src/ui/history-view.js';
import { createRouter } from '../../src/ui/input/index.js';
import { DEFAULT_BINDINGS } from '../../src/keymap/index.js';
import { openForm } from '../../src/ui/new-agent-form.js';
import { openPilotState, type PilotPart } from '../../src/ui/pilot/pilot-state.js';
import { createViewStore, type ViewState } from '../../src/ui/view-store.js';

const base = createViewStore().getState();
const view = (change: Partial<ViewState>): ViewState => ({ ...base, ...change });
const history = openHistory('a', 100, 90, 10);
const pilot = (part: PilotPart) => ({ ...openPilotState('a', []), part });

describe('activeScope: which layer has the keys, from the view alone', () => {
  it.each<[string, Partial<ViewState>, ReturnType<typeof activeScope>]>([
    ['nothing open: the panes', {}, { layer: 'panes', mode: 'normal', textInput: false }],
    ['a list overlay', { overlay: { kind: 'status', selected: 0 } }, { layer: 'overlay', mode: 'overlay', textInput: false }],
    ['the palette takes text', { overlay: { kind: 'palette', input: '', selected: 0 } }, { layer: 'overlay', mode: 'overlay', textInput: true }],
    ['the new-agent form', { overlay: { kind: 'new-agent', form: openForm(['demo'], 'demo') } }, { layer: 'form', mode: 'overlay', textInput: true }],
    ['history mode', { history }, { layer: 'history', mode: 'history', textInput: false }],
    ["history's search line takes text", { history: { ...history, typing: '' } }, { layer: 'search', mode: 'overlay', textInput: true }],
    ['an overlay over history mode has the keys', { history, overlay: { kind: 'help', offset: 0 } }, { layer: 'overlay', mode: 'overlay', textInput: false }],
    ["the pilot view's prompt bar", { pilot: pilot('prompt') }, { layer: 'prompt', mode: 'prompt', textInput: false }],
    ["the pilot view's timeline", { pilot: pilot('timeline') }, { layer: 'timeline', mode: 'timeline', textInput: false }],
    ["the pilot view's pane: keys to the agent", { pilot: pilot('pane') }, { layer: 'panes', mode: 'normal', textInput: false }],
    ['the pilot view zoomed: its panels hidden, keys to the pane', { pilot: pilot('prompt'), zoomed: true }, { layer: 'panes', mode: 'normal', textInput: false }],
    ['a question over the pilot view', { pilot: pilot('timeline'), overlay: { kind: 'confirm', question: '?', confirms: { command: 'quit' } } }, { layer: 'overlay', mode: 'overlay', textInput: false }],
    ['history over the pilot view', { pilot: pilot('prompt'), history }, { layer: 'history', mode: 'history', textInput: false }],
  ])('%s', (_what, change, scope) => {
    expect(activeScope(view(change))).toEqual(scope);
  });

  it('the router follows the store, and a pressed prefix survives a change that keeps the mode', () => {
    const store = createViewStore();
    const router = createRouter({ prefix: 'C-b', bindings: DEFAULT_BINDINGS, mouse: false });
    followScope(store, router);
    store.setState({ pilot: pilot('timeline') });
    expect(router.mode).toBe('timeline');
    router.feed('\x02'); // C-b
    store.setState({ pilot: { ...pilot('timeline'), note: 'a checkpoint' } }); // an event, not a key
    expect(router.prefixActive).toBe(true);
    store.setState({ overlay: { kind: 'events' } });
    expect(router.mode).toBe('overlay');
    store.setState({ overlay: null });
    expect(router.mode).toBe('timeline');
  });
});
