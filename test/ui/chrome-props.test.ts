import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src/protocol/messages.js';
import { DEFAULT_BINDINGS, boundKeys } from '../../src/keymap/index.js';
import { chromeProps } from '../../src/ui/chrome-props.js';
import { computeLayout, pilotLayout } from '../../src/ui/layout/index.js';
import { createViewStore, withMembers } from '../../src/ui/view-store.js';

const member = (name: string, status: SessionInfo['status'] = 'idle'): SessionInfo => ({ name, kind: 'persistent', backend: 'demo', model: 'm', watch: 'none', state: 'RUNNING', status, pid: 1, restarts: 0, session: name, enabled: true });

describe('chromeProps', () => {
  const store = createViewStore();
  store.setState((s) => withMembers(s, [member('builder'), member('other', 'working')]));
  const view = store.getState();
  const panes = view.members;
  const frames = pilotLayout(2, 0, { x: 0, y: 0, cols: 160, rows: 39 }).frames;
  const base = { view, panes, frames, cols: 160, rows: 40, prefix: 'C-b', bindings: DEFAULT_BINDINGS, prefixActive: false };

  it('outside the pilot view: the focused pane lit, the usual hints, the fleet summary', () => {
    const props = chromeProps({ ...base, pilot: null });
    expect(props.panes.map((p) => [p.info.name, p.focused])).toEqual([['builder', true], ['other', false]]);
    expect(props.hints).toMatch(/C-b \? help · .*C-b p pilot/);
    expect(props.summary).toBe('1 idle · 1 working');
  });

  it("the bar's summary ends with the fleet's cost: every agent whose cost is known, shown as a pane or not", () => {
    const costed = createViewStore();
    costed.setState((s) => withMembers(s, [{ ...member('builder'), cost_usd: 0.5, cost_source: 'priced' }, member('other', 'working'), { ...member('hidden'), cost_usd: 0.25, cost_source: 'stated' }]));
    const props = chromeProps({ ...base, view: costed.getState(), panes: costed.getState().members.slice(0, 2), pilot: null });
    expect(props.summary).toBe('1 idle · 1 working · $0.7500');
  });

  it('in the pilot view: the pane lit only while it has the keys, and the pilot view\'s hints', () => {
    const barHasKeys = chromeProps({ ...base, pilot: { paneHasKeys: false } });
    expect(barHasKeys.panes.every((p) => !p.focused)).toBe(true);
    expect(barHasKeys.hints).toBe('pilot view · C-b Tab keys to the next part · C-b p leave · C-b ? help');
    expect(chromeProps({ ...base, pilot: { paneHasKeys: true } }).panes[0]!.focused).toBe(true);
    expect(chromeProps({ ...base, prefixActive: true, pilot: { paneHasKeys: true } }).hints).toBe('C-b … (? lists the keys)');
  });

  it('the hints name the keys in effect ([ui.keys] rebinds help and the prefix)', () => {
    const bindings = boundKeys({ help: ['h'], 'focus-left': ['Left'], detach: ['D'] });
    const props = chromeProps({ ...base, prefix: 'C-a', bindings, pilot: null });
    expect(props.hints).toBe('C-a h help · C-a D detach · C-a s status · C-a z zoom · C-a p pilot · C-a q quit');
    expect(chromeProps({ ...base, prefix: 'C-a', bindings, prefixActive: true, pilot: null }).hints).toBe('C-a … (h lists the keys)');
    expect(chromeProps({ ...base, prefix: 'C-a', bindings, pilot: { paneHasKeys: false } }).hints).toBe('pilot view · C-a Tab keys to the next part · C-a p leave · C-a h help');
  });

  it('titles number each pane by its place in the fleet, the digit C-b N focuses — zoomed too', () => {
    const three = createViewStore();
    three.setState((s) => withMembers(s, [member('a'), member('b'), member('c')]));
    const members = three.getState().members;
    const area = { x: 0, y: 0, cols: 160, rows: 39 };
    const zoomed = chromeProps({ ...base, view: three.getState(), panes: members, frames: computeLayout('zoom', 3, 1, area), pilot: null });
    expect(zoomed.panes.map((p) => [p.info.name, p.position])).toEqual([['b', 2]]);
    const tiled = chromeProps({ ...base, view: three.getState(), panes: members, frames: computeLayout('tiled', 3, 0, area), pilot: null });
    expect(tiled.panes.map((p) => [p.info.name, p.position])).toEqual([['a', 1], ['b', 2], ['c', 3]]);
  });
});
