import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src/protocol/messages.js';
import { createViewStore, MAX_EVENTS, withEvent, withFocus, withMembers, withStatus } from '../../src/ui/view-store.js';

const m = (name: string): SessionInfo => ({ name, kind: 'persistent', backend: 'b', model: 'm', watch: 'none', state: 'RUNNING', status: 'working', pid: 1, restarts: 0, session: name, enabled: true });

describe('view store', () => {
  it('focuses the first member at start and keeps focus across updates', () => {
    const store = createViewStore();
    store.setState((s) => withMembers(s, [m('a'), m('b')]));
    expect(store.getState().focus).toBe('a');
    store.setState((s) => withFocus(s, 'b'));
    store.setState((s) => withMembers(s, [m('a'), m('b'), m('c')]));
    expect(store.getState().focus).toBe('b');
    store.setState((s) => withMembers(s, [m('c')]));
    expect(store.getState().focus).toBe('c');
  });

  it('marks a member that finishes a turn or asks while unfocused; focusing clears it', () => {
    const store = createViewStore();
    store.setState((s) => withMembers(s, [m('a'), m('b'), m('c')]));
    store.setState((s) => withStatus(s, 'b', 'idle', 'idle'));
    store.setState((s) => withStatus(s, 'c', 'needs-input', 'needs-input'));
    store.setState((s) => withStatus(s, 'a', 'idle', 'idle')); // focused: no marker
    expect([...store.getState().attention].sort()).toEqual(['b', 'c']);
    expect(store.getState().members.find((x) => x.name === 'b')!.status).toBe('idle');
    store.setState((s) => withFocus(s, 'b'));
    expect([...store.getState().attention]).toEqual(['c']);
  });

  it('marks nobody for a change that calls no one (attention.ts decides which do)', () => {
    const store = createViewStore();
    store.setState((s) => withMembers(s, [m('a'), m('b')]));
    store.setState((s) => withStatus(s, 'b', 'working', null));
    expect(store.getState().attention.size).toBe(0);
    expect(store.getState().members.find((x) => x.name === 'b')!.status).toBe('working');
  });

  it('keeps the event log bounded', () => {
    const store = createViewStore();
    for (let i = 0; i < MAX_EVENTS + 10; i++) store.setState((s) => withEvent(s, `e${i}`));
    expect(store.getState().events).toHaveLength(MAX_EVENTS);
    expect(store.getState().events.at(-1)).toBe(`e${MAX_EVENTS + 9}`);
  });
});
