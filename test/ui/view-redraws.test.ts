import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src/protocol/messages.js';
import { viewRedraws } from '../../src/ui/view-redraws.js';
import { openPilotState } from '../../src/ui/pilot/pilot-state.js';
import { createViewStore, withEvent, withFocus, withMembers, withStatus, type ViewState } from '../../src/ui/view-store.js';

const member = (name: string): SessionInfo => ({ name, kind: 'persistent', backend: 'demo', model: 'm', watch: 'none', state: 'RUNNING', status: 'idle', pid: 1, restarts: 0, session: name, enabled: true });
const store = createViewStore();
store.setState((s) => withMembers(s, [member('a'), member('b')]));
const base = store.getState();
const next = (change: Partial<ViewState>): ViewState => ({ ...base, ...change });

describe('viewRedraws: what a change of the view draws', () => {
  it('a key\'s effect on the chrome at once: focus, a notice, the prefix, the pilot view\'s part', () => {
    expect(viewRedraws(base, next(withFocus(base, 'b')))).toEqual({ chrome: 'now', overlay: false });
    expect(viewRedraws(base, next({ message: 'hi' })).chrome).toBe('now');
    expect(viewRedraws(base, next({ prefixActive: true })).chrome).toBe('now');
    const piloted = next({ pilot: openPilotState('a', []) });
    expect(viewRedraws(base, piloted).chrome).toBe('now');
    expect(viewRedraws(piloted, { ...piloted, pilot: { ...piloted.pilot!, part: 'pane' } }).chrome).toBe('now');
    // the pilot view's own panels are drawn by it: a note there is no chrome change
    expect(viewRedraws(piloted, { ...piloted, pilot: { ...piloted.pilot!, note: 'x' } }).chrome).toBeNull();
  });

  it('a status and its attention marker are badges: drawn later, with the others', () => {
    const changed = next(withStatus(base, 'b', 'idle', 'idle'));
    expect(changed.attention.has('b')).toBe(true);
    expect(viewRedraws(base, changed)).toEqual({ chrome: 'later', overlay: false });
  });

  it('the overlay when it changes, the event log while it shows, the status table while it shows', () => {
    expect(viewRedraws(base, next({ overlay: { kind: 'help', offset: 0 } }))).toEqual({ chrome: null, overlay: true });
    const events = next({ overlay: { kind: 'events' } });
    expect(viewRedraws(events, { ...events, ...withEvent(events, 'line') }).overlay).toBe(true);
    expect(viewRedraws(base, next(withEvent(base, 'line'))).overlay).toBe(false);
    const status = next({ overlay: { kind: 'status', selected: 0 } });
    expect(viewRedraws(status, { ...status, ...withStatus(status, 'a', 'working', null) }).overlay).toBe(true);
  });
});
