import { describe, expect, it } from 'vitest';
import { performActions, type ActionHost } from '../../src/watchdog/perform-actions.js';
import type { FleetPort } from '../../src/watchdog/fleet-port.js';

/** A host whose agent `sup` runs; what the fleet is told is kept. */
function host(held: boolean): { host: ActionHost; events: string[]; inbox: string[]; delivered: number } {
  const events: string[] = [];
  const inbox: string[] = [];
  const state = { host: undefined as unknown as ActionHost, events, inbox, delivered: 0 };
  const fleet = {
    names: () => ['sup'],
    isRunning: () => true,
    watchdogEvent: (_kind: string, _level: string, message: string) => void events.push(message),
  } as unknown as FleetPort;
  state.host = {
    fleet,
    fail: () => {},
    restarting: () => {},
    hold: (_name, ping) => void inbox.push(ping.text),
    pingsDeliverable: () => !held,
    holdOf: () => (held ? 'its usage-limit hold' : null),
    deliverPings: () => void state.delivered++,
  };
  return state;
}

describe('performActions: handoff pings to a limited agent', () => {
  it('holds the ping and says it waits for the usage-limit hold to end', () => {
    const h = host(true);
    performActions(h.host, [{ type: 'send', name: 'sup', text: 'review ready', reason: 'review commit' }], 'handoff-ping');
    expect(h.inbox).toEqual(['review ready']);
    expect(h.events).toEqual(['review commit → sup waits until its usage-limit hold ends']);
  });

  it('an idle agent with no hold gets it (through the inbox) with no wait noted', () => {
    const h = host(false);
    performActions(h.host, [{ type: 'send', name: 'sup', text: 'review ready', reason: 'review commit' }], 'handoff-ping');
    expect(h.events).toEqual([]);
    expect(h.delivered).toBe(1);
  });
});
