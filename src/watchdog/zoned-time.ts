/**
 * Wall-clock time in a named time zone, for the parsers that read times off an agent's screen
 * (reset-time.ts, waiting-until.ts). Node's ICU (full-icu since Node 13) supplies the IANA
 * database through Intl; nothing here reads the machine's TZ, so callers pass the zone.
 *
 * Calendar arithmetic is done on wall dates and converted to an epoch last, so "tomorrow at
 * 22:00" across a DST change is 23 or 25 hours away, never a wrong hour.
 */

/** An IANA zone (DST-aware) or a fixed offset east of UTC. */
export type Zone = { readonly iana: string } | { readonly offsetMinutes: number };

export interface CalendarDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export interface WallTime extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Abbreviations mapped to their fixed offsets: the ones en-US Intl itself prints (the agent
 * CLIs are Node programs formatting with it) plus a few without a rival meaning. IST (India,
 * Ireland, Israel) and BST (British, Bangladesh) are left out on purpose: ambiguous.
 */
const ABBREVIATIONS: Record<string, number> = {
  UTC: 0, UT: 0, GMT: 0, Z: 0, WET: 0,
  EST: -5 * 60, EDT: -4 * 60, CST: -6 * 60, CDT: -5 * 60,
  MST: -7 * 60, MDT: -6 * 60, PST: -8 * 60, PDT: -7 * 60,
  AKST: -9 * 60, AKDT: -8 * 60, HST: -10 * 60,
  WEST: 60, CET: 60, CEST: 2 * 60, EET: 2 * 60, EEST: 3 * 60, MSK: 3 * 60,
  JST: 9 * 60, KST: 9 * 60,
  AWST: 8 * 60, ACST: 9 * 60 + 30, ACDT: 10 * 60 + 30, AEST: 10 * 60, AEDT: 11 * 60,
  NZST: 12 * 60, NZDT: 13 * 60,
};

/** Generic (DST-following) North American names: "3pm PT" means Pacific time, whatever the season. */
const GENERIC_ZONES: Record<string, string> = {
  ET: 'America/New_York',
  CT: 'America/Chicago',
  MT: 'America/Denver',
  PT: 'America/Los_Angeles',
};

/** "UTC+2", "GMT-05:00", "UTC+5:30", "+0530", "-08". */
const OFFSET_RE = /^(?:(?:UTC|GMT)\s*)?([+\-−])(\d{1,2})(?::?(\d{2}))?$/i;

/**
 * The zone a banner names: an IANA name ("Europe/Berlin", "UTC"), a known abbreviation
 * ("PST"), a generic North American name ("PT") or an offset ("UTC+2"). null when unknown.
 */
export function zoneFromName(name: string): Zone | null {
  const text = name.trim();
  if (!text) return null;
  const upper = text.toUpperCase();
  if (upper in ABBREVIATIONS) return { offsetMinutes: ABBREVIATIONS[upper]! };
  if (upper in GENERIC_ZONES) return { iana: GENERIC_ZONES[upper]! };
  const offset = OFFSET_RE.exec(text);
  if (offset) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? 0);
    if (hours > 14 || minutes > 59) return null;
    const sign = offset[1] === '+' ? 1 : -1;
    return { offsetMinutes: sign * (hours * 60 + minutes) };
  }
  // Only names shaped like IANA ones: ICU also accepts legacy three-letter IDs ("EST" as a
  // fixed zone, "PST" as DST-aware Los Angeles), which would contradict the table above.
  if (!text.includes('/')) return null;
  const iana = canonicalIana(text);
  return iana ? { iana } : null;
}

/**
 * The machine's own zone, by this name: looked up only when a time is really read or shown.
 * Asking Intl for it loads ICU's zone data — ~8 MB of the server's memory — and most fleets
 * never meet a reset time.
 */
export const LOCAL_ZONE = 'local';

let machineZone: string | undefined;

/** A zone for a name the caller trusts (the local zone option); throws on an unknown one. */
export function zoneOf(name: string): Zone {
  if (name === LOCAL_ZONE) name = machineZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  const iana = canonicalIana(name);
  if (iana) return { iana };
  const other = zoneFromName(name);
  if (!other) throw new RangeError(`unknown time zone: ${name}`);
  return other;
}

/** Names already looked up: building an Intl.DateTimeFormat costs far more than the parse around it. */
const canonicalNames = new Map<string, string | null>();

function canonicalIana(name: string): string | null {
  let canonical = canonicalNames.get(name);
  if (canonical === undefined) {
    try {
      canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      canonical = null;
    }
    if (canonicalNames.size < 1_000) canonicalNames.set(name, canonical); // names come off screens: bounded
  }
  return canonical;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(iana: string): Intl.DateTimeFormat {
  let format = formatters.get(iana);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(iana, format);
  }
  return format;
}

/** Minutes east of UTC that `zone` is at the instant `epoch`. */
export function offsetAt(zone: Zone, epoch: number): number {
  if ('offsetMinutes' in zone) return zone.offsetMinutes;
  const wall = ianaWallTime(zone.iana, epoch);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((asUtc - Math.floor(epoch / 1000) * 1000) / MINUTE);
}

function ianaWallTime(iana: string, epoch: number): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(iana).formatToParts(epoch)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** The wall clock in `zone` at `epoch`. */
export function wallTimeAt(epoch: number, zone: Zone): WallTime {
  const shifted = new Date(epoch + offsetAt(zone, epoch) * MINUTE);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** Whether the fields name a real calendar date (no 31 June, no 29 February 2025). */
export function isValidDate(date: CalendarDate): boolean {
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31) return false;
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return check.getUTCMonth() === date.month - 1 && check.getUTCDate() === date.day;
}

/**
 * The instant the wall clock in `zone` shows `wall`. A time skipped by a spring-forward
 * change moves forward by the gap; a time that occurs twice (fall back) is its first
 * occurrence — the "compatible" choice of Temporal and of most calendars.
 */
export function epochOfWallTime(wall: WallTime, zone: Zone): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  if ('offsetMinutes' in zone) return asUtc - zone.offsetMinutes * MINUTE;
  // At most one transition lies within a day of any wall time.
  const before = offsetAt(zone, asUtc - DAY);
  const after = offsetAt(zone, asUtc + DAY);
  const candidates = [asUtc - before * MINUTE, asUtc - after * MINUTE].filter(
    (epoch) => asUtc - offsetAt(zone, epoch) * MINUTE === epoch,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return asUtc - before * MINUTE; // in the gap
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?\s*(?:([Zz])|([+\-−])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * An ISO 8601 moment in the extended forms Python's datetime.fromisoformat reads: a date, an
 * optional time (hours, minutes, seconds, fraction) and an optional offset (Z, ±HH, ±HHMM,
 * ±HH:MM). Without an offset the wall time is read in `zone`. null for anything else.
 */
export function parseIsoMoment(text: string, zone: Zone): number | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  if (!isValidDate(date) || hour > 23 || minute > 59 || second > 59) return null;
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const wall = { ...date, hour, minute, second };
  if (m[8]) return epochOfWallTime(wall, { offsetMinutes: 0 }) + millis;
  if (m[9]) {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11] ?? 0);
    if (offsetHours > 23 || offsetMinutes > 59) return null;
    const sign = m[9] === '+' ? 1 : -1;
    return epochOfWallTime(wall, { offsetMinutes: sign * (offsetHours * 60 + offsetMinutes) }) + millis;
  }
  return epochOfWallTime(wall, zone) + millis;
}
