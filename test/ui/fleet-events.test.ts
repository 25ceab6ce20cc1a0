import { describe, expect, it } from 'vitest';
import { ResizeRedraws } from '../../src/ui/attention.js';
import { fleetEventHandlers } from '../../src/ui/fleet-events.js';
import { createViewStore } from '../../src/ui/view-store.js';

// What a `usage` event (an agent's cost grew) does to the cockpit: the members are asked for
// again, so its pane title and the bar's total show the new cost; nothing goes to the event log.
describe('the cockpit and a usage event', () => {
  it('refreshes the members and logs nothing', () => {
    const store = createViewStore();
    let refreshed = 0;
    const handlers = fleetEventHandlers({
      store,
      ui: { prefix: 'C-b', mouse: false, notify: 'none', clipboard: 'off', keys: {} },
      resizes: new ResizeRedraws(),
      write: () => undefined,
      pilotEvent: () => undefined,
      refreshMembers: async () => void (refreshed += 1),
    });
    const before = store.getState().events;
    handlers.usage({ type: 'usage', name: 'builder', at: 1 });
    expect(refreshed).toBe(1);
    expect(store.getState().events).toBe(before);
  });
});
