/**
 * When an agent last did something, for the stall check. Pure: the driver hands it what it
 * sees (screen samples, the session's last output time, the raw log's mtime); it answers
 * lastActivityAt.
 *
 * What counts as activity, by backend (as agents.py's pane_active, with hangar's own view of
 * the pty added):
 *  - plain backend: any output, a change anywhere on the screen, or `active_re` on screen;
 *  - footer_ui backend (a TUI whose transcript keeps words like "thinking" on screen and whose
 *    footer lingers after a turn): only the bottom `footerRows` rows — a change there (a
 *    spinner turning) or `active_re` there; and, as agents.py's fallback, a session log
 *    written within `log_grace`, which keeps the agent active until log mtime + log_grace.
 */
import { bottomRegion, showsActivity, type StatusPatterns } from '../session/status.js';

export interface ActivityClock {
  /** The last moment the agent was seen doing something (screen and output only). */
  readonly at: number;
  /** The watched region at the last sample, to see it change; null before the first. */
  readonly region: string | null;
}

export type ActivityPatterns = Pick<StatusPatterns, 'active' | 'footerUi' | 'footerRows'>;

export interface ScreenSample {
  now: number;
  rows: readonly string[];
  /** the shown cursor's row; null while hidden */
  cursorY: number | null;
  /** When the session last printed anything (null: nothing yet). Ignored for footer_ui. */
  lastOutputAt: number | null;
}

/** A clock that counts `now` (the agent's start, or the watchdog taking it over) as activity. */
export function startActivityClock(now: number): ActivityClock {
  return { at: now, region: null };
}

/** Count `now` as activity: the agent is not expected to be busy (waiting for a person, limited). */
export function touchActivityClock(clock: ActivityClock, now: number): ActivityClock {
  return { at: Math.max(clock.at, now), region: clock.region };
}

export function observeActivity(clock: ActivityClock, sample: ScreenSample, patterns: ActivityPatterns): ActivityClock {
  const region = watchedRegion(sample, patterns);
  let at = clock.at;
  if (clock.region !== null && region !== clock.region) at = Math.max(at, sample.now);
  if (showsActivity(sample.rows, sample.cursorY, patterns)) at = Math.max(at, sample.now);
  if (!patterns.footerUi && sample.lastOutputAt !== null) at = Math.max(at, sample.lastOutputAt);
  return at === clock.at && region === clock.region ? clock : { at, region };
}

/**
 * The last activity, with a footer_ui backend's log fallback: a log written at `logTouchedAt`
 * counts as activity until logTouchedAt + logGraceMs.
 */
export function lastActivityAt(clock: ActivityClock, patterns: ActivityPatterns, logTouchedAt: number | null, logGraceMs: number): number {
  if (!patterns.footerUi || logTouchedAt === null) return clock.at;
  return Math.max(clock.at, logTouchedAt + logGraceMs);
}

/** The text whose changes count: the footer of a footer_ui backend, else the whole screen. */
function watchedRegion(sample: ScreenSample, patterns: ActivityPatterns): string {
  const text = patterns.footerUi ? bottomRegion(sample.rows, sample.cursorY, patterns.footerRows) : sample.rows.join('\n');
  // Trailing blanks and blank rows come and go with the cursor, not with the agent.
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n+$/, '');
}
