import { describe, expect, it } from 'vitest';
import { usageLimitBanner } from '../../src/demo/reset-time.js';
import { describeReset, parseResetTime } from '../../src/watchdog/reset-time.js';

// Sunday 14 June 2026, 20:00 in Berlin (CEST, UTC+2) = 18:00Z = 14:00 in New York.
const NOW = Date.UTC(2026, 5, 14, 18, 0);
const BERLIN = { timeZone: 'Europe/Berlin' };
const parse = (text: string, now = NOW, opts: Parameters<typeof parseResetTime>[2] = BERLIN) => parseResetTime(text, now, opts);
/** A UTC instant, months 1-12. */
const utc = (year: number, month: number, day: number, hour: number, minute = 0) => Date.UTC(year, month - 1, day, hour, minute);

describe('parseResetTime: the formats agents.py reads', () => {
  it('reads "resets 10pm", "resets at 9:30 am", "resets 10:42pm" in the local zone', () => {
    expect(parse('resets 10pm')).toBe(utc(2026, 6, 14, 20));
    expect(parse('resets at 9:30 am')).toBe(utc(2026, 6, 15, 7, 30)); // 09:30 has passed: tomorrow
    expect(parse("You've hit your usage limit · resets 10:42pm")).toBe(utc(2026, 6, 14, 20, 42));
  });

  it('reads 12am as midnight and 12pm as noon, any case, "reset" or "resets"', () => {
    expect(parse('RESETS 12AM')).toBe(utc(2026, 6, 14, 22)); // 00:00 Monday in Berlin
    expect(parse('Your limit will reset at 12pm')).toBe(utc(2026, 6, 15, 10));
  });

  it('reads a bare hour at the end of a sentence as agents.py does, not one followed by a word', () => {
    expect(parse('limit reached, resets 22')).toBe(utc(2026, 6, 14, 20));
    expect(parse('resets 22.')).toBe(utc(2026, 6, 14, 20));
    expect(parse('the cache resets 10 counters')).toBeNull();
  });

  it("round-trips the demo agent's banner in the machine's own zone", () => {
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const reset = NOW + 20 * 60_000;
    const banner = usageLimitBanner(new Date(reset));
    expect(parseResetTime(banner, NOW, { timeZone: local })).toBe(Math.floor(reset / 60_000) * 60_000);
  });
});

describe('parseResetTime: more than agents.py', () => {
  it('reads 24-hour times', () => {
    expect(parse('resets 22:00')).toBe(utc(2026, 6, 14, 20));
    expect(parse('resets at 09:05')).toBe(utc(2026, 6, 15, 7, 5));
    expect(parse('resets 21:30:15')).toBe(utc(2026, 6, 14, 19, 30) + 15_000);
  });

  it('reads noon and midnight', () => {
    expect(parse('resets at midnight')).toBe(utc(2026, 6, 14, 22));
    expect(parse('resets noon')).toBe(utc(2026, 6, 15, 10));
  });

  it('reads dates before the time', () => {
    expect(parse("You've hit your weekly limit · resets Jun 16, 10pm")).toBe(utc(2026, 6, 16, 20));
    expect(parse('resets June 16 at 10:00')).toBe(utc(2026, 6, 16, 8));
    expect(parse('resets 16 Jun 22:00')).toBe(utc(2026, 6, 16, 20));
    expect(parse('resets 2026-06-16 22:00')).toBe(utc(2026, 6, 16, 20));
    expect(parse('resets Sept. 3rd 9am')).toBe(utc(2026, 9, 3, 7));
  });

  it("reads Codex's dates with a year", () => {
    expect(parse("You've hit your usage limit. Upgrade to Pro or try again at Jul 9th, 2026 1:47 AM.")).toBe(utc(2026, 7, 8, 23, 47));
    expect(parse('or try again at Aug 10, 2026, 11:12 AM.')).toBe(utc(2026, 8, 10, 9, 12));
  });

  it('reads a date after the time', () => {
    expect(parse('resets 10pm on Jun 20')).toBe(utc(2026, 6, 20, 20));
  });

  it('reads a date alone as its midnight', () => {
    expect(parse('resets Jun 16')).toBe(utc(2026, 6, 15, 22));
  });

  it('takes a date without a year in the nearest year', () => {
    expect(parse('resets Jun 13, 10pm')).toBe(utc(2026, 6, 13, 20)); // yesterday, not next June
    const dec30 = utc(2026, 12, 30, 12);
    expect(parse('resets Jan 2, 9am', dec30)).toBe(utc(2027, 1, 2, 8));
  });

  it('reads weekdays, today and tomorrow', () => {
    expect(parse('resets Mon 12:00am')).toBe(utc(2026, 6, 14, 22)); // tonight's midnight starts Monday
    expect(parse('resets Sunday 9pm')).toBe(utc(2026, 6, 14, 19)); // today
    expect(parse('resets Sun 7pm')).toBe(utc(2026, 6, 21, 17)); // passed today: next week
    expect(parse('resets Wednesday at 8:15')).toBe(utc(2026, 6, 17, 6, 15));
    expect(parse('resets tomorrow at 3pm')).toBe(utc(2026, 6, 15, 13));
    expect(parse('resets today at 11pm')).toBe(utc(2026, 6, 14, 21));
  });

  it('reads an ISO moment', () => {
    expect(parse('resets 2026-06-16T22:00:00Z')).toBe(utc(2026, 6, 16, 22));
  });

  it('reads relative times', () => {
    expect(parse('resets in 2h 5m')).toBe(NOW + (2 * 60 + 5) * 60_000);
    expect(parse('resets in 45 minutes')).toBe(NOW + 45 * 60_000);
    expect(parse('try again in 3 hours')).toBe(NOW + 3 * 3_600_000);
    expect(parse("You've hit your session limit · resets in 1d 5h")).toBe(NOW + 29 * 3_600_000);
    expect(parse('Try again in 4 days 19 hours 26 minutes.')).toBe(NOW + ((4 * 24 + 19) * 60 + 26) * 60_000);
    expect(parse('try again in 1 hour and 30 minutes')).toBe(NOW + 90 * 60_000);
    expect(parse('try again in an hour')).toBe(NOW + 3_600_000);
    expect(parse('resets in 90s')).toBe(NOW + 90_000);
  });

  it('needs the anchor word: a duration elsewhere on screen is no reset', () => {
    expect(parse('Ran 48 tests in 2m 5s')).toBeNull();
  });
});

describe('parseResetTime: time zones', () => {
  it('reads an IANA zone in parentheses', () => {
    // 10pm in Berlin, while the local zone is New York
    expect(parse('resets 10pm (Europe/Berlin)', NOW, { timeZone: 'America/New_York' })).toBe(utc(2026, 6, 14, 20));
    expect(parse('Claude usage limit reached. Your limit will reset at 3pm (America/New_York).')).toBe(utc(2026, 6, 14, 19));
    expect(parse('resets 5pm (Australia/Brisbane)')).toBe(utc(2026, 6, 15, 7)); // 17:00+10 today has passed
  });

  it('reads UTC, abbreviations and offsets', () => {
    expect(parse('resets 10pm (UTC)')).toBe(utc(2026, 6, 14, 22));
    expect(parse('try again at 3:45 PM UTC.')).toBe(utc(2026, 6, 14, 15, 45) + 24 * 3_600_000);
    expect(parse('resets 3pm PST')).toBe(utc(2026, 6, 14, 23));
    expect(parse('resets 3pm PDT')).toBe(utc(2026, 6, 14, 22));
    expect(parse('resets 3pm UTC+2')).toBe(utc(2026, 6, 15, 13));
  });

  it('lets a generic zone follow DST', () => {
    const january = utc(2026, 1, 14, 18);
    expect(parse('resets 3pm PT', january)).toBe(utc(2026, 1, 14, 23)); // PST, -8
    expect(parse('resets 3pm PT')).toBe(utc(2026, 6, 14, 22)); // PDT, -7
  });

  it('falls back to the local zone when the named one is unknown', () => {
    expect(parse('resets 10pm (Mars/Olympus)')).toBe(utc(2026, 6, 14, 20));
  });

  it('decides "today or tomorrow" by the calendar of the named zone', () => {
    // 18:00Z is already Monday 03:00 in Tokyo: 2am there has passed, so Tuesday 2am.
    expect(parse('resets 2am (Asia/Tokyo)')).toBe(utc(2026, 6, 15, 17));
  });

  it('ignores a zone after a relative time', () => {
    expect(parse('resets in 2h (UTC)')).toBe(NOW + 2 * 3_600_000);
  });
});

describe('parseResetTime: which banner, which day', () => {
  it('takes the last reset on screen', () => {
    expect(parse('resets 9pm\n...\nresets 11pm')).toBe(utc(2026, 6, 14, 21));
  });

  it('skips a later "reset" that names no time', () => {
    expect(parse('limit reached · resets 11pm\nLimits reset every 5h and every week.')).toBe(utc(2026, 6, 14, 21));
  });

  it('rolls a time already past today over to tomorrow', () => {
    expect(parse('resets 7pm')).toBe(utc(2026, 6, 15, 17));
    expect(parse('resets 19:50')).toBe(utc(2026, 6, 15, 17, 50));
  });

  it('keeps a time passed only moments ago today: the reset just happened', () => {
    expect(parse('resets 19:58')).toBe(utc(2026, 6, 14, 17, 58));
    expect(parse('resets 19:58', NOW, { ...BERLIN, recentPastMs: 0 })).toBe(utc(2026, 6, 15, 17, 58));
  });

  it('rolls over by calendar day across spring-forward (22 h later: 23 wall hours, one of them skipped)', () => {
    const sat2300 = utc(2026, 3, 28, 22); // Saturday 23:00 CET
    expect(parse('resets 10pm', sat2300)).toBe(utc(2026, 3, 29, 20)); // Sunday 22:00 CEST
    expect(parse('resets 10pm', sat2300)! - sat2300).toBe(22 * 3_600_000);
  });

  it('rolls over by calendar day across fall-back (the wall hour stays right)', () => {
    const sat2300 = utc(2026, 10, 24, 21); // Saturday 23:00 CEST
    expect(parse('resets 10pm', sat2300)).toBe(utc(2026, 10, 25, 21)); // Sunday 22:00 CET
    expect(parse('resets 1:30am', sat2300)).toBe(utc(2026, 10, 24, 23, 30)); // CEST still
  });

  it('rolls over across a US DST change in a US zone', () => {
    const sat2200 = utc(2026, 3, 8, 3); // Saturday 7 March 22:00 EST
    expect(parse('resets 9pm', sat2200, { timeZone: 'America/New_York' })).toBe(utc(2026, 3, 9, 1)); // Sunday 21:00 EDT
  });
});

describe('parseResetTime: garbage', () => {
  it.each([
    '',
    'garbage',
    'You have hit your usage limit.',
    'resets',
    'resets soon',
    'try again later',
    'resets every 5h',
    'resets 25:00',
    'resets 13pm',
    'resets 0am',
    'resets 10:75',
    'resets Feb 30, 10pm',
    'resets 2026-02-30 10:00',
    'resets Jun 16, 2026 at 10pm'.replace('Jun', 'Jux'),
    'presets 10pm',
    'resets in soon',
  ])('%j → null', (text) => {
    expect(parse(text)).toBeNull();
  });
});

describe('describeReset', () => {
  it('gives HH:MM in the zone, with the date when it is another day', () => {
    expect(describeReset(utc(2026, 6, 14, 20, 5), 'Europe/Berlin')).toBe('22:05');
    expect(describeReset(utc(2026, 6, 14, 20, 5), 'Europe/Berlin', NOW)).toBe('22:05');
    expect(describeReset(utc(2026, 6, 16, 20), 'Europe/Berlin', NOW)).toBe('Jun 16 22:00');
    expect(describeReset(utc(2026, 6, 14, 20), 'UTC')).toBe('20:00');
  });
});
