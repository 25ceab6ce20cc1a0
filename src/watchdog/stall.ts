/**
 * The stall check of `watch = "heal+stall"` agents, as a pure decision.
 *
 * An agent idle for stall_idle (activity as activity-clock.ts sees it) is restarted, unless it
 * said it waits on purpose: a `WAITING-UNTIL: <time>` marker postpones the restart to that
 * time + stall_grace. A marker only ever extends the allowance: agents.py restarted at once
 * when the marker on screen was past its grace, even an agent that had woken, worked, and gone
 * quiet a moment ago with the old marker still on screen; here the deadline is the later of
 * (last activity + stall_idle) and (marker + stall_grace).
 *
 * Never a stall: an agent waiting for a person (needs-input), held by a usage limit (limited,
 * or a limit hold), or not running (stopped, exited, crashed). Those count as activity, so idle
 * time starts again when they end — as agents.py reset its idle clock.
 *
 * The driver calls decideStall on screen and status changes and at nextStallCheck(state); it
 * calls startStall(now) when the agent (re)starts.
 */
import type { AgentConfig, BackendConfig, WatchdogConfig } from '../config/types.js';
import { compileStatusPatterns } from '../fleet/status-patterns.js';
import type { SessionStatus } from '../protocol/messages.js';
import type { Decision, WatchdogAction } from './actions.js';
import {
  lastActivityAt,
  observeActivity,
  startActivityClock,
  touchActivityClock,
  type ActivityClock,
  type ActivityPatterns,
  type ScreenSample,
} from './activity-clock.js';
import { describeReset } from './reset-time.js';
import { parseWaitingUntil } from './waiting-until.js';

export interface StallSettings {
  /** The agent's name, for actions. */
  name: string;
  patterns: ActivityPatterns;
  /** backend stall_idle, in ms */
  stallIdleMs: number;
  /** [watchdog] stall_grace, in ms */
  stallGraceMs: number;
  /** backend log_grace, in ms (footer_ui only) */
  logGraceMs: number;
  /** The zone of WAITING-UNTIL times without an offset, and of times in messages. */
  timeZone: string;
}

export interface StallObservation extends ScreenSample {
  /** The session's committed status. */
  status: SessionStatus;
  /** Whether a usage-limit hold is on (limit-hold.ts isHeld). */
  limitHeld: boolean;
  /**
   * When the session's raw log was last written (hangar writes every output byte to it, so the
   * session's last output time will do); null when unknown. Counts for footer_ui only.
   */
  logTouchedAt: number | null;
}

export interface StallState {
  readonly clock: ActivityClock;
  /** The WAITING-UNTIL time already announced by a 'waiting' note (once per marker). */
  readonly waitingNoted: number | null;
  /** When a stall could be decided without a new observation; null while exempt. */
  readonly checkAt: number | null;
}

/** Statuses in which idleness is expected, not a stall. */
const EXEMPT: ReadonlySet<SessionStatus> = new Set(['limited', 'needs-input', 'stopped', 'exited', 'crashed']);

/** A fresh check for an agent that starts (or is taken over by the watchdog) at `now`. */
export function startStall(now: number, settings: Pick<StallSettings, 'stallIdleMs'>): StallState {
  return { clock: startActivityClock(now), waitingNoted: null, checkAt: now + settings.stallIdleMs };
}

export function nextStallCheck(state: StallState): number | null {
  return state.checkAt;
}

export function decideStall(state: StallState, obs: StallObservation, settings: StallSettings): Decision<StallState> {
  const { now } = obs;
  if (EXEMPT.has(obs.status) || obs.limitHeld) {
    return { state: { clock: touchActivityClock(state.clock, now), waitingNoted: state.waitingNoted, checkAt: null }, actions: [] };
  }

  const clock = observeActivity(state.clock, obs, settings.patterns);
  const lastActive = lastActivityAt(clock, settings.patterns, obs.logTouchedAt, settings.logGraceMs);
  const idleDeadline = lastActive + settings.stallIdleMs;
  const marker = parseWaitingUntil(obs.rows, {
    footerUi: settings.patterns.footerUi,
    footerRows: settings.patterns.footerRows,
    timeZone: settings.timeZone,
  });
  const markerDeadline = marker === null ? null : marker + settings.stallGraceMs;
  const markerRules = markerDeadline !== null && markerDeadline > idleDeadline;
  const deadline = markerRules ? markerDeadline : idleDeadline;

  if (now >= deadline) {
    const idle = `idle ${seconds(now - lastActive)}`;
    const reason = markerRules
      ? `${idle}, ${seconds(now - marker!)} past its WAITING-UNTIL ${describeReset(marker!, settings.timeZone, now)} — the self-wake did not fire`
      : `${idle} with no WAITING-UNTIL marker`;
    const actions: WatchdogAction[] = [
      { type: 'note', name: settings.name, kind: 'stall', level: 'warn', message: `${settings.name} stalled: ${reason}` },
      { type: 'restart', name: settings.name, reason: `stalled: ${reason}` },
    ];
    return { state: startStall(now, settings), actions };
  }

  const actions: WatchdogAction[] = [];
  let waitingNoted = state.waitingNoted;
  if (markerRules && marker !== state.waitingNoted) {
    waitingNoted = marker;
    const until = describeReset(marker!, settings.timeZone, now);
    const check = describeReset(markerDeadline!, settings.timeZone, now);
    actions.push({
      type: 'note',
      name: settings.name,
      kind: 'waiting',
      level: 'info',
      message: `${settings.name} waits on purpose until ${until} (WAITING-UNTIL); no stall restart before ${check}`,
    });
  }
  return { state: { clock, waitingNoted, checkAt: deadline }, actions };
}

function seconds(ms: number): string {
  return `${Math.max(0, Math.round(ms / 1000))}s`;
}

/** Settings from the config: backend stall_idle and log_grace, [watchdog] stall_grace (seconds → ms). */
export function stallSettingsFrom(agent: AgentConfig, backend: BackendConfig, watchdog: WatchdogConfig, timeZone: string): StallSettings {
  const patterns = compileStatusPatterns(backend);
  return {
    name: agent.name,
    patterns: { active: patterns.active, footerUi: patterns.footerUi, footerRows: patterns.footerRows },
    stallIdleMs: backend.stall_idle * 1000,
    stallGraceMs: watchdog.stall_grace * 1000,
    logGraceMs: backend.log_grace * 1000,
    timeZone,
  };
}
