/**
 * What a session is doing, decided from what its screen shows and how long it has been quiet.
 * Pure: the tracker (status-tracker.ts) supplies the observation and owns timing.
 *
 * Rules, first match wins:
 *  1. stopped (stopped on purpose) → 'stopped'; exited → 'exited'.
 *  2. `ask` matches in the prompt region → 'needs-input'.
 *  3. `active` matches → 'working'. For a footerUi backend (a TUI whose footer lingers after a
 *     turn) only the footer region counts, as agents.py's pane_active; otherwise the screen.
 *  4. `limit` matches anywhere on the screen → 'limited'.
 *  5. `idle` matches in the prompt region → 'idle'.
 *  6. Quiescence: no output yet, or output that has neither gone quiet once nor lasted
 *     startingMs since the first output → 'starting'; output within quietMs → 'working';
 *     quiet for quietMs → 'idle'.
 *
 * The prompt region and the footer region are both the bottom `footerRows` rows of the
 * content: ending at the lower of the last non-empty row and the cursor row (inline TUIs
 * leave blank rows under their footer; full-screen TUIs fill the screen). A hidden cursor does
 * not count: a TUI that draws its own may park the real one anywhere, below everything.
 * 'stalled' and 'crashed' are the watchdog's to decide; it overrides through the tracker.
 */
import type { SessionStatus } from '../protocol/messages.js';

/**
 * Output that has not paused since the child's first output is 'starting' for this long, then
 * 'working'. A start-up banner goes quiet within a second or two; a child that prints without
 * pause for longer (a spinner, a build, a test run) is busy, and without this would stay
 * 'starting' for as long as it prints, since only going quiet ended 'starting'.
 */
export const STARTING_OUTPUT_MS = 3000;

export interface StatusPatterns {
  /** The agent is busy (spinner, "esc to interrupt"). */
  active?: RegExp;
  /** The agent's idle prompt, e.g. its empty input box. */
  idle?: RegExp;
  /** A question or permission prompt that waits for a person. */
  ask?: RegExp;
  /** A usage-limit banner. */
  limit?: RegExp;
  /** An unrecoverable error; reported by screenShowsFatal for the watchdog, not a status here. */
  fatal?: RegExp;
  /** The backend is a TUI with a footer that lingers after a turn. */
  footerUi: boolean;
  /** How many bottom rows form the footer / prompt region. */
  footerRows: number;
}

export interface StatusObservation {
  /** The visible rows, plain text. */
  rows: readonly string[];
  /** Cursor row within the visible rows; null while the cursor is hidden. */
  cursorY: number | null;
  /** Milliseconds since the last output, or null when the child has printed nothing yet. */
  msSinceOutput: number | null;
  /** Milliseconds since the first output, or null when the child has printed nothing yet. */
  msSinceFirstOutput: number | null;
  /** Whether output has gone quiet at least once since start (ends 'starting'). */
  settled: boolean;
  exited: boolean;
  stopped: boolean;
}

/** The bottom `size` rows of the content (see the header comment). */
export function bottomRegion(rows: readonly string[], cursorY: number | null, size: number): string {
  let last = -1;
  for (let y = rows.length - 1; y >= 0; y--) {
    if (rows[y]!.trim() !== '') {
      last = y;
      break;
    }
  }
  const end = cursorY === null ? last : Math.max(last, Math.min(cursorY, rows.length - 1));
  const start = Math.max(0, end - Math.max(1, size) + 1);
  return rows.slice(start, end + 1).join('\n');
}

function matches(pattern: RegExp | undefined, text: string): boolean {
  if (!pattern) return false;
  pattern.lastIndex = 0; // a /g or /y pattern would otherwise remember its last match
  return pattern.test(text);
}

export function decideStatus(
  obs: StatusObservation,
  patterns: StatusPatterns,
  quietMs: number,
  startingMs = STARTING_OUTPUT_MS,
): SessionStatus {
  if (obs.stopped) return 'stopped';
  if (obs.exited) return 'exited';

  const screen = obs.rows.join('\n');
  const bottom = bottomRegion(obs.rows, obs.cursorY, patterns.footerRows);
  if (matches(patterns.ask, bottom)) return 'needs-input';
  if (showsActivity(obs.rows, obs.cursorY, patterns)) return 'working';
  if (matches(patterns.limit, screen)) return 'limited';
  if (matches(patterns.idle, bottom)) return 'idle';

  if (obs.msSinceOutput === null) return 'starting';
  if (obs.msSinceOutput < quietMs) return obs.settled || (obs.msSinceFirstOutput ?? 0) >= startingMs ? 'working' : 'starting';
  return 'idle';
}

/**
 * Whether the backend's `active` pattern shows (rule 3): the screen's own word that the agent
 * is busy, as opposed to 'working' inferred from output alone.
 */
export function showsActivity(rows: readonly string[], cursorY: number | null, patterns: StatusPatterns): boolean {
  if (!patterns.active) return false;
  const region = patterns.footerUi ? bottomRegion(rows, cursorY, patterns.footerRows) : rows.join('\n');
  return matches(patterns.active, region);
}

/** Whether the screen shows the backend's fatal error (for the watchdog to act on). */
export function screenShowsFatal(rows: readonly string[], patterns: StatusPatterns): boolean {
  return matches(patterns.fatal, rows.join('\n'));
}
