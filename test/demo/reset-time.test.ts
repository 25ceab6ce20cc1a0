import { describe, expect, it } from 'vitest';
import { formatResetTime, usageLimitBanner } from '../../src/demo/reset-time.js';

// Dates are built from local fields, so the expectations hold in any time zone.
const at = (hours: number, minutes: number): Date => new Date(2025, 0, 15, hours, minutes, 30);

describe('formatResetTime', () => {
  it.each([
    [at(22, 42), '10:42pm'],
    [at(9, 5), '9:05am'],
    [at(0, 0), '12:00am'],
    [at(12, 0), '12:00pm'],
    [at(11, 59), '11:59am'],
    [at(13, 7), '1:07pm'],
  ])('formats %s as %s', (date, text) => {
    expect(formatResetTime(date)).toBe(text);
  });

  it('builds the banner agents print', () => {
    expect(usageLimitBanner(at(22, 42))).toBe("You've hit your usage limit · resets 10:42pm");
  });
});
