import { describe, expect, it } from 'vitest';
import type { FleetEvent } from '../../src/protocol/messages.js';
import { wantsEvent } from '../../src/protocol/subscription.js';
import { parseServerMessage } from '../../src/protocol/validate.js';

describe('who hears an event', () => {
  const clipboard: FleetEvent = { type: 'clipboard', name: 'alpha', selection: 'c', base64: 'aGk=', at: 1 };

  it('a clipboard write goes to the connections showing that screen, not to event listeners', () => {
    expect(wantsEvent({ events: false, screens: ['alpha'] }, clipboard)).toBe(true);
    expect(wantsEvent({ events: true, screens: ['beta'] }, clipboard)).toBe(false);
  });

  it('a clipboard event is valid on the wire', () => {
    expect(parseServerMessage({ t: 'event', event: clipboard })).toEqual({ t: 'event', event: clipboard });
  });
});
