/**
 * The `WAITING-UNTIL: <ISO time>` marker an agent prints to say "I am idle on purpose until
 * then" (a scheduled self-wake, a build it waits for), so the stall check leaves it alone.
 *
 * As agents.py reads it: the token after `WAITING-UNTIL:` parsed as Python's
 * datetime.fromisoformat would (Z or an offset; without one, local time; a date alone is its
 * midnight). A past time is returned as is — whether it is stale is the stall decision's call.
 * Where it looks:
 *  - a plain backend: anywhere on the screen; agents.py took the first marker, hangar the last
 *    (the newest, when an agent has waited more than once);
 *  - a footer_ui backend: agents.py took only the last non-empty line, which in a TUI with a
 *    footer is the footer itself, so the marker was never found. hangar looks at the lines of
 *    the bottom region (the footer_rows rows ending at the last non-empty one) that start with
 *    the marker: the agent's latest words, not a marker left in the transcript above.
 */
import { parseIsoMoment, zoneOf } from './zoned-time.js';

export interface WaitingUntilOptions {
  footerUi: boolean;
  /** Bottom rows searched on a footer_ui backend (the backend's footer_rows). */
  footerRows: number;
  /** The zone of a marker written without an offset (the machine's zone in production). */
  timeZone: string;
}

const MARKER_RE = /WAITING-UNTIL:\s*(\S+)/g;
/** Sentence punctuation after the time is not part of it: "WAITING-UNTIL: 2026-06-16T22:00Z." */
const TRAILING_PUNCTUATION_RE = /[.,;)\]]+$/;

/** The moment the newest WAITING-UNTIL marker on screen names, or null (none, or unreadable). */
export function parseWaitingUntil(rows: readonly string[], opts: WaitingUntilOptions): number | null {
  const lines = opts.footerUi ? bottomLines(rows, opts.footerRows).filter((line) => line.trimStart().startsWith('WAITING-UNTIL:')) : rows;
  const tokens = [...lines.join('\n').matchAll(MARKER_RE)].map((m) => m[1]!);
  const token = tokens.at(-1);
  if (token === undefined) return null;
  return parseIsoMoment(token.replace(TRAILING_PUNCTUATION_RE, ''), zoneOf(opts.timeZone));
}

/** The last `count` rows up to the last non-empty one. */
function bottomLines(rows: readonly string[], count: number): readonly string[] {
  let last = rows.length - 1;
  while (last >= 0 && rows[last]!.trim() === '') last--;
  return rows.slice(Math.max(0, last - Math.max(1, count) + 1), last + 1);
}
