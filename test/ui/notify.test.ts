import { describe, expect, it } from 'vitest';
import { notification, notificationText, sanitizeNotification } from '../../src/ui/notify.js';

describe('[ui] notify', () => {
  it('bell writes BEL; osc9 a desktop notification saying who and why', () => {
    expect(notification('bell', 'builder', 'idle', false)).toBe('\x07');
    expect(notification('osc9', 'builder', 'idle', false)).toBe('\x1b]9;hangar: builder is idle\x07');
    expect(notification('osc9', 'adversary', 'needs-input', false)).toBe('\x1b]9;hangar: adversary needs input\x07');
  });

  it('writes nothing for none, for a change that calls no one, or for the focused agent', () => {
    expect(notification('none', 'builder', 'idle', false)).toBe('');
    expect(notification('bell', 'builder', null, false)).toBe('');
    expect(notification('bell', 'builder', 'idle', true)).toBe('');
    expect(notification('osc9', 'builder', 'needs-input', true)).toBe('');
  });

  it('keeps control characters out of the OSC string, so a name cannot end it early', () => {
    expect(sanitizeNotification('a\x07b\x1b]0;evil\x1b\\c\x9cd\r\n')).toBe('ab]0;evil\\cd');
    const osc = notification('osc9', 'x\x07\x1b[2Jy', 'idle', false);
    expect(osc).toBe('\x1b]9;hangar: x[2Jy is idle\x07');
    expect(osc.slice('\x1b]9;'.length, -1)).not.toMatch(/[\x00-\x1f\x7f-\x9f]/);
  });

  it('bounds the text', () => {
    expect([...sanitizeNotification(notificationText('n'.repeat(500), 'idle'))]).toHaveLength(200);
  });
});
