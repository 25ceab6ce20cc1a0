/**
 * The moment a usage-limit banner says the limit resets, read off the screen.
 *
 * An anchor word ("resets", "reset", "try again", "available again") followed by one of:
 *  - a relative time: "in 2h 5m", "in 45 minutes", "in 1 day and 3 hours";
 *  - a time: "10pm", "at 9:30 am", "10:42pm", "22:00", "3:45 PM", "noon", bare "10" as
 *    agents.py reads it (only at the end of a sentence, so "resets 10 counters" is no time);
 *  - a day before the time: "Jun 16, 10pm", "June 16 at 10:00", "Jul 9th, 2026 1:47 AM",
 *    "16 Jun 22:00", "2026-06-16 22:00", "Mon 12:00am", "tomorrow at 3pm"; or after it:
 *    "10pm on Jun 16"; or an ISO moment "2026-06-16T22:00Z";
 *  - then optionally a zone: "(Europe/Berlin)", "(UTC)", "PST", "UTC+2" (see zoned-time.ts).
 * The last anchor on screen that reads as a time wins, as in agents.py: the newest banner.
 *
 * Without a date, a time already past today means tomorrow (a weekday: next week) — except a
 * time passed only moments ago (`recentPastMs`), which is the reset that just happened: banners
 * print minutes, so "resets 10:42pm" seen at 10:42:30 is not a day away. A date without a
 * year is the occurrence nearest to now.
 */
import {
  LOCAL_ZONE,
  addDays,
  epochOfWallTime,
  isValidDate,
  parseIsoMoment,
  wallTimeAt,
  weekdayOf,
  zoneFromName,
  zoneOf,
  type CalendarDate,
  type Zone,
} from './zoned-time.js';

export interface ResetTimeOptions {
  /** The zone of times the banner names without one (the machine's zone in production). */
  timeZone?: string;
  /** How long ago a named time may be and still mean "just now" rather than tomorrow. */
  recentPastMs?: number;
}

const DEFAULT_RECENT_PAST_MS = 5 * 60_000;

const ANCHOR_RE = /\b(?:resets?|try\s+again|available\s+again)\b/gi;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Index of a month or weekday name, full or cut short to at least three letters ("Sept", "Thurs"). */
function nameIndex(names: readonly string[], word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return -1;
  return names.findIndex((name) => name.startsWith(w));
}


/**
 * The reset moment (epoch ms) the newest banner in `text` names, or null when none reads as
 * one. `now` is the moment the screen was read. Throws RangeError for an unknown
 * `opts.timeZone` (a caller's mistake, unlike a screen's garbage).
 */
export function parseResetTime(text: string, now: number, opts: ResetTimeOptions = {}): number | null {
  const local = zoneOf(opts.timeZone ?? LOCAL_ZONE);
  const recentPastMs = opts.recentPastMs ?? DEFAULT_RECENT_PAST_MS;
  const anchors = [...text.matchAll(ANCHOR_RE)].map((m) => m.index + m[0].length);
  for (let i = anchors.length - 1; i >= 0; i--) {
    const moment = momentAfter(text, anchors[i]!, now, local, recentPastMs);
    if (moment !== null) return moment;
  }
  return null;
}

/** A sticky match at `pos`, or null. */
function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

const LEAD_RE = /\s*:?\s*/y;
const RELATIVE_RE = /in\s+/iy;
const DURATION_PART_RE = /(?:,?\s*(?:and\s+)?)?(?:(\d+(?:\.\d+)?)\s*|(an?)\s+)(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])/iy;
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };
const CONNECTOR_RE = /(?:at|on)\s+/iy;
const ISO_MOMENT_RE = /(\d{4}-\d{2}-\d{2}T\d{2}(?::\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)(?![\w:])/iy;
const DAY_WORD_RE = /(today|tomorrow)\b\s*,?\s*/iy;
const WEEKDAY_RE = /([a-z]{3,9})\.?(?![a-z])\s*,?\s*/iy;
const MONTH_DAY_RE = /([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(\d{4})(?!\d))?/iy;
const DAY_MONTH_RE = /(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?(?![a-z])(?:,?\s+(\d{4})(?!\d))?/iy;
const ISO_DATE_RE = /(\d{4})-(\d{2})-(\d{2})(?!\d)/y;
const DATE_TIME_SEP_RE = /\s*,?\s*(?:at\s+)?/iy;
const TIME_DATE_SEP_RE = /\s*,?\s*(?:on\s+)?/iy;
const AMPM_TIME_RE = /(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])\.?\s?m\.?(?![a-z])/iy;
const CLOCK_TIME_RE = /(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])/y;
const BARE_HOUR_RE = /(\d{1,2})(?!\d)/y;
const NAMED_TIME_RE = /(noon|midnight)\b/iy;
/** What may follow a bare hour for it to count as a time: the end of a sentence or a zone. */
const SENTENCE_END_RE = /\s*(?:$|[.,;!)\]]|\n)/y;
const PAREN_ZONE_RE = /\s*\(([^()\n]{1,48})\)/y;
const WORD_ZONE_RE = /\s*([A-Za-z][\w+\-−:/]*|[+\-−]\d{2}:?\d{2})/y;

interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

interface ParsedTime {
  time: TimeOfDay;
  end: number;
}

function momentAfter(text: string, anchorEnd: number, now: number, local: Zone, recentPastMs: number): number | null {
  let pos = anchorEnd + at(LEAD_RE, text, anchorEnd)![0].length;

  const relative = at(RELATIVE_RE, text, pos);
  if (relative) {
    const ms = durationAt(text, pos + relative[0].length);
    return ms === null ? null : now + ms;
  }

  const connector = at(CONNECTOR_RE, text, pos);
  if (connector) pos += connector[0].length;

  const iso = at(ISO_MOMENT_RE, text, pos);
  if (iso) return parseIsoMoment(iso[1]!, local);

  // A day (word, weekday or date), then a time; or a time, then a date.
  let dayWord: 'today' | 'tomorrow' | null = null;
  let weekday: number | null = null;
  let date: { month: number; day: number; year: number | null } | null = null;

  const word = at(DAY_WORD_RE, text, pos);
  if (word) {
    dayWord = word[1]!.toLowerCase() as 'today' | 'tomorrow';
    pos += word[0].length;
  } else {
    const wd = at(WEEKDAY_RE, text, pos);
    if (wd && nameIndex(WEEKDAYS, wd[1]!) >= 0) {
      weekday = nameIndex(WEEKDAYS, wd[1]!);
      pos += wd[0].length;
    }
  }
  const dateFirst = dayWord === null ? dateAt(text, pos) : null;
  if (dateFirst) {
    date = dateFirst.date;
    pos = dateFirst.end;
  }

  let time: TimeOfDay | null = null;
  const hasDay = dayWord !== null || weekday !== null || date !== null;
  const timePos = hasDay ? pos + at(DATE_TIME_SEP_RE, text, pos)![0].length : pos;
  const parsedTime = timeAt(text, timePos);
  if (parsedTime) {
    time = parsedTime.time;
    pos = parsedTime.end;
    if (!hasDay) {
      const sep = at(TIME_DATE_SEP_RE, text, pos)!;
      const dateAfter = dateAt(text, pos + sep[0].length);
      if (dateAfter) {
        date = dateAfter.date;
        pos = dateAfter.end;
      }
    }
  }
  if (time === null && date === null && weekday === null && dayWord !== 'tomorrow') return null;

  const named = zoneAt(text, pos);
  const zone = named ?? local;
  const clock = time ?? { hour: 0, minute: 0, second: 0 };
  const today = wallTimeAt(now, zone);
  const epochOn = (day: CalendarDate) => epochOfWallTime({ ...day, ...clock }, zone);

  if (date) {
    const { month, day, year } = date;
    if (year !== null) return isValidDate({ year, month, day }) ? epochOn({ year, month, day }) : null;
    const candidates = [today.year - 1, today.year, today.year + 1]
      .filter((y) => isValidDate({ year: y, month, day }))
      .map((y) => epochOn({ year: y, month, day }));
    if (candidates.length === 0) return null;
    return candidates.reduce((best, c) => (Math.abs(c - now) < Math.abs(best - now) ? c : best));
  }
  if (dayWord === 'tomorrow') return epochOn(addDays(today, 1));
  if (weekday !== null) {
    const ahead = (weekday - weekdayOf(today) + 7) % 7;
    const first = epochOn(addDays(today, ahead));
    return first >= now - recentPastMs ? first : epochOn(addDays(today, ahead + 7));
  }
  const todayAt = epochOn(today);
  if (dayWord === 'today' || todayAt >= now - recentPastMs) return todayAt;
  return epochOn(addDays(today, 1));
}

/** "2h 5m", "45 minutes", "1 day and 3 hours" → milliseconds. */
function durationAt(text: string, pos: number): number | null {
  let total = 0;
  let parts = 0;
  for (let m = at(DURATION_PART_RE, text, pos); m; m = at(DURATION_PART_RE, text, pos)) {
    const amount = m[1] === undefined ? 1 : Number(m[1]); // "a minute", "an hour"
    total += amount * UNIT_MS[m[3]!.toLowerCase()[0]!]!;
    parts += 1;
    pos += m[0].length;
  }
  return parts > 0 ? Math.round(total) : null;
}

function dateAt(text: string, pos: number): { date: { month: number; day: number; year: number | null }; end: number } | null {
  const iso = at(ISO_DATE_RE, text, pos);
  if (iso) return { date: { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }, end: pos + iso[0].length };
  const md = at(MONTH_DAY_RE, text, pos);
  if (md && nameIndex(MONTHS, md[1]!) >= 0) {
    return { date: { month: nameIndex(MONTHS, md[1]!) + 1, day: Number(md[2]), year: md[3] ? Number(md[3]) : null }, end: pos + md[0].length };
  }
  const dm = at(DAY_MONTH_RE, text, pos);
  if (dm && nameIndex(MONTHS, dm[2]!) >= 0) {
    return { date: { month: nameIndex(MONTHS, dm[2]!) + 1, day: Number(dm[1]), year: dm[3] ? Number(dm[3]) : null }, end: pos + dm[0].length };
  }
  return null;
}

function timeAt(text: string, pos: number): ParsedTime | null {
  const ampm = at(AMPM_TIME_RE, text, pos);
  if (ampm) {
    const hour12 = Number(ampm[1]);
    const time = clock(hour12, ampm[2], ampm[3]);
    if (!time || hour12 < 1 || hour12 > 12) return null;
    const pm = ampm[4]!.toLowerCase() === 'p';
    time.hour = (hour12 % 12) + (pm ? 12 : 0);
    return { time, end: pos + ampm[0].length };
  }
  const named = at(NAMED_TIME_RE, text, pos);
  if (named) {
    return { time: { hour: named[1]!.toLowerCase() === 'noon' ? 12 : 0, minute: 0, second: 0 }, end: pos + named[0].length };
  }
  const hm = at(CLOCK_TIME_RE, text, pos);
  if (hm) {
    const time = clock(Number(hm[1]), hm[2], hm[3]);
    return time ? { time, end: pos + hm[0].length } : null;
  }
  const bare = at(BARE_HOUR_RE, text, pos);
  if (bare) {
    const end = pos + bare[0].length;
    const time = clock(Number(bare[1]), undefined, undefined);
    if (time && (at(SENTENCE_END_RE, text, end) || zoneAt(text, end))) return { time, end };
  }
  return null;
}

function clock(hour: number, minute: string | undefined, second: string | undefined): TimeOfDay | null {
  const time = { hour, minute: Number(minute ?? 0), second: Number(second ?? 0) };
  return time.hour > 23 || time.minute > 59 || time.second > 59 ? null : time;
}

/** A zone named right after the time: "(Europe/Berlin)", "UTC", "PST", "GMT+2". */
function zoneAt(text: string, pos: number): Zone | null {
  const paren = at(PAREN_ZONE_RE, text, pos);
  if (paren) return zoneFromName(paren[1]!);
  const word = at(WORD_ZONE_RE, text, pos);
  return word ? zoneFromName(word[1]!.replace(/[.,;:!]+$/, '')) : null;
}

/**
 * "22:00" for the cockpit's `limited until HH:MM` badge, in `timeZone`; with `now`, a reset on
 * another day gets its date: "Jun 16 22:00".
 */
export function describeReset(epoch: number, timeZone: string, now?: number): string {
  const zone = zoneOf(timeZone);
  const wall = wallTimeAt(epoch, zone);
  const hhmm = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
  if (now === undefined) return hhmm;
  const today = wallTimeAt(now, zone);
  if (today.year === wall.year && today.month === wall.month && today.day === wall.day) return hhmm;
  const month = MONTHS[wall.month - 1]!.slice(0, 1).toUpperCase() + MONTHS[wall.month - 1]!.slice(1, 3);
  return `${month} ${wall.day} ${hhmm}`;
}
