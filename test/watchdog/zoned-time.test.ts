import { describe, expect, it } from 'vitest';
import { addDays, epochOfWallTime, isValidDate, LOCAL_ZONE, offsetAt, parseIsoMoment, wallTimeAt, zoneFromName, zoneOf } from '../../src/watchdog/zoned-time.js';

const berlin = zoneOf('Europe/Berlin');
const wall = (year: number, month: number, day: number, hour: number, minute = 0, second = 0) => ({ year, month, day, hour, minute, second });

describe('zoneFromName', () => {
  it('reads IANA names (canonicalised, any case) through Intl', () => {
    expect(zoneFromName('Europe/Berlin')).toEqual({ iana: 'Europe/Berlin' });
    expect(zoneFromName('america/new_york')).toEqual({ iana: 'America/New_York' });
    expect(zoneFromName('Australia/Brisbane')).toEqual({ iana: 'Australia/Brisbane' });
  });

  it('maps abbreviations to fixed offsets and generic names to DST-following zones', () => {
    expect(zoneFromName('UTC')).toEqual({ offsetMinutes: 0 });
    expect(zoneFromName('GMT')).toEqual({ offsetMinutes: 0 });
    expect(zoneFromName('PST')).toEqual({ offsetMinutes: -480 });
    expect(zoneFromName('pdt')).toEqual({ offsetMinutes: -420 });
    expect(zoneFromName('CEST')).toEqual({ offsetMinutes: 120 });
    expect(zoneFromName('PT')).toEqual({ iana: 'America/Los_Angeles' });
  });

  it('reads offsets', () => {
    expect(zoneFromName('UTC+2')).toEqual({ offsetMinutes: 120 });
    expect(zoneFromName('GMT-05:00')).toEqual({ offsetMinutes: -300 });
    expect(zoneFromName('UTC+5:30')).toEqual({ offsetMinutes: 330 });
    expect(zoneFromName('+0530')).toEqual({ offsetMinutes: 330 });
  });

  it('refuses ambiguous abbreviations, unknown names and ICU legacy ids', () => {
    expect(zoneFromName('IST')).toBeNull();
    expect(zoneFromName('BST')).toBeNull();
    expect(zoneFromName('Mars/Olympus')).toBeNull();
    expect(zoneFromName('minutes')).toBeNull();
    expect(zoneFromName('UTC+25')).toBeNull();
    expect(zoneFromName('')).toBeNull();
  });

  it('zoneOf throws on an unknown local zone', () => {
    expect(() => zoneOf('Nowhere/Atall')).toThrow(/unknown time zone: Nowhere\/Atall/);
  });
});

describe('wall time ↔ epoch', () => {
  it('follows DST: Berlin is +1 in winter, +2 in summer', () => {
    expect(offsetAt(berlin, Date.UTC(2026, 0, 15))).toBe(60);
    expect(offsetAt(berlin, Date.UTC(2026, 6, 15))).toBe(120);
    expect(wallTimeAt(Date.UTC(2026, 5, 14, 18, 0), berlin)).toEqual(wall(2026, 6, 14, 20, 0));
  });

  it('converts ordinary wall times both ways', () => {
    expect(epochOfWallTime(wall(2026, 6, 14, 20, 0), berlin)).toBe(Date.UTC(2026, 5, 14, 18, 0));
    expect(epochOfWallTime(wall(2026, 1, 14, 20, 0), berlin)).toBe(Date.UTC(2026, 0, 14, 19, 0));
    expect(epochOfWallTime(wall(2026, 1, 14, 20, 0), { offsetMinutes: -480 })).toBe(Date.UTC(2026, 0, 15, 4, 0));
  });

  it('moves a time skipped by spring-forward ahead by the gap', () => {
    // 29 Mar 2026, Berlin: 02:00 CET → 03:00 CEST; 02:30 does not exist.
    expect(epochOfWallTime(wall(2026, 3, 29, 2, 30), berlin)).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('takes the first of a time that occurs twice at fall-back', () => {
    // 25 Oct 2026, Berlin: 03:00 CEST → 02:00 CET; 02:30 happens at 00:30Z and at 01:30Z.
    expect(epochOfWallTime(wall(2026, 10, 25, 2, 30), berlin)).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it('does calendar arithmetic on dates', () => {
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(isValidDate({ year: 2026, month: 2, day: 29 })).toBe(false);
    expect(isValidDate({ year: 2026, month: 6, day: 31 })).toBe(false);
    expect(isValidDate({ year: 2028, month: 2, day: 29 })).toBe(true);
  });
});

describe('parseIsoMoment', () => {
  it('reads the forms Python fromisoformat reads', () => {
    const at = Date.UTC(2026, 5, 16, 22, 0);
    expect(parseIsoMoment('2026-06-16T22:00:00Z', berlin)).toBe(at);
    expect(parseIsoMoment('2026-06-16T22:00:00.000Z', berlin)).toBe(at);
    expect(parseIsoMoment('2026-06-16T22:00:00.250Z', berlin)).toBe(at + 250);
    expect(parseIsoMoment('2026-06-16T22:00Z', berlin)).toBe(at);
    expect(parseIsoMoment('2026-06-17T00:00:00+02:00', berlin)).toBe(at);
    expect(parseIsoMoment('2026-06-17T00:00+0200', berlin)).toBe(at);
    expect(parseIsoMoment('2026-06-16T17:00-05', berlin)).toBe(at);
  });

  it('reads a time without offset, or a date alone, in the given zone', () => {
    expect(parseIsoMoment('2026-06-17T00:00:00', berlin)).toBe(Date.UTC(2026, 5, 16, 22, 0));
    expect(parseIsoMoment('2026-06-17', berlin)).toBe(Date.UTC(2026, 5, 16, 22, 0));
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'soon', '2026-13-01', '2026-02-30T10:00Z', '2026-06-16T25:00Z', '2026-06-16T22:00+25:00', '16/06/2026', '2026-06-16T22:00Zjunk']) {
      expect(parseIsoMoment(bad, berlin), bad).toBeNull();
    }
  });
});

describe('the local zone', () => {
  it("is the machine's own, looked up when first used", () => {
    expect(zoneOf(LOCAL_ZONE)).toEqual(zoneOf(Intl.DateTimeFormat().resolvedOptions().timeZone));
    const t = Date.UTC(2026, 0, 15, 12);
    expect(offsetAt(zoneOf(LOCAL_ZONE), t) + new Date(t).getTimezoneOffset()).toBe(0);
  });
});
