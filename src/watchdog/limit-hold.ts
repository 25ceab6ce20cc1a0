/**
 * The usage-limit hold, as a pure state machine (agents.py's limit_tick, event-driven).
 *
 * `limit_re` on screen while the agent is not working → a hold: the agent shows `limited`
 * until the reset the banner names, and nothing restarts it (the driver asks isHeld). At
 * reset + limit_reset_slack the hold types the resume nudge and confirms it took: a few
 * seconds later, the agent working with the banner gone clears the hold; otherwise the next
 * probe is scheduled (at the banner's new reset, or limit_probe_fallback later). A reset more
 * than six hours away, or none readable, means probing every limit_probe_fallback. After three
 * failed probes a warning is noted once; the hold goes on probing, never restarting.
 *
 * The hold clears when the agent works again or its banner is gone. A banner that goes away
 * by itself at the reset (a status line, as the demo agent's) leaves an idle agent that was
 * interrupted mid-task, so the hold sends the resume nudge as it clears — agents.py only
 * cleared. A nudge still on screen below the last banner (typed, not yet answered) is not
 * typed again, nor is one typed over a question waiting for a person.
 *
 * Holds are saved (serializeHold/parseHold) so they survive a server restart. A restored hold
 * has not seen its banner on the new screen yet, so neither the banner's absence nor the new
 * process working clears it (a fresh start works on its kickoff until the limit refuses it);
 * it waits for its probe at the reset, never typed over work. A probe being confirmed when the
 * old server went was typed into the old process: restored, it is due again.
 *
 * The session file is a second banner (`transcript`): a limit recorded there (Claude's 429
 * record, a Codex window at 100 %) holds the agent with nothing on screen. Codex records its
 * reset to the second, so that hold wakes exactly at it; at that moment the record no longer
 * says limited, which is the banner going away: the hold clears and sends the resume nudge.
 *
 * The driver calls decideLimit on screen changes and at nextLimitCheck(hold), with the
 * screen as it is at that moment, and saves the state whenever decision.state !== hold.
 */
import type { AgentConfig, AgentKind, BackendConfig, WatchdogConfig } from '../config/types.js';
import { compileStatusPatterns } from '../fleet/status-patterns.js';
import { bottomRegion, showsActivity, type StatusPatterns } from '../session/status.js';
import type { Decision, WatchdogAction } from './actions.js';
import { describeReset, parseResetTime } from './reset-time.js';
import { parseJsonObject } from '../fs/json-object.js';

export interface LimitHold {
  /** When the hold began. */
  readonly since: number;
  /** The reset the banner names (for `limited until …`); null when unreadable. */
  readonly resetAt: number | null;
  /** When the next probe is due (waiting) or the nudge's effect is judged (confirming). */
  readonly nextAt: number;
  /** Resume nudges sent so far. */
  readonly probes: number;
  readonly phase: 'waiting' | 'confirming';
  /** When the last nudge was sent; null before the first. */
  readonly sentAt: number | null;
  /** Whether the banner has been seen on the current screen (not yet, for a restored hold). */
  readonly bannerSeen: boolean;
  /** The session file recorded the limit (status_source "session-file"), not only a banner. */
  readonly recorded?: boolean;
}

export interface LimitObservation {
  now: number;
  /** The visible rows, plain text. */
  rows: readonly string[];
  /** the shown cursor's row; null while hidden */
  cursorY: number | null;
  /** Whether the agent's process is running. */
  running: boolean;
  /** What its session file says (pilot/session-limits.ts); absent when the backend has none. */
  transcript?: TranscriptLimit | null;
}

/**
 * A usage limit read from the CLI's session file: a limit with or without a banner on screen.
 * `resetAt` is exact (Codex's `resets_at`): the hold waits until that very moment, no slack;
 * otherwise the reset is read from `text` (Claude's banner text) as from a banner.
 */
export interface TranscriptLimit {
  limited: boolean;
  resetAt: number | null;
  text: string | null;
  /** the usage window's percentage used, when the file says (Codex) */
  usedPercent?: number | null;
}

export interface LimitSettings {
  /** The agent's name, for actions. */
  name: string;
  /** Picks the nudge's wording. */
  kind: AgentKind;
  patterns: Pick<StatusPatterns, 'limit' | 'active' | 'ask' | 'footerUi' | 'footerRows'>;
  /** The zone of reset times a banner names without one, and of times in messages. */
  timeZone: string;
  /** [watchdog] limit_reset_slack, in ms */
  resetSlackMs: number;
  /** [watchdog] limit_probe_fallback, in ms */
  probeFallbackMs: number;
  /** How long after a nudge its effect is judged (agents.py slept 3 s). */
  confirmMs?: number;
  /** How long an agent that works while the banner stays on screen is watched before it counts as resumed. */
  confirmMaxMs?: number;
  /** When a probe is due but cannot be typed (nudge pending, a question up): look again this much later. */
  recheckMs?: number;
  /** A reset further away than this is not trusted: probe on the fallback interval. */
  maxResetAheadMs?: number;
  /** Failed probes before the warning. */
  warnAfterProbes?: number;
}

type Tunables = 'confirmMs' | 'confirmMaxMs' | 'recheckMs' | 'maxResetAheadMs' | 'warnAfterProbes';
type Resolved = LimitSettings & Required<Pick<LimitSettings, Tunables>>;

const LIMIT_DEFAULTS: Readonly<Required<Pick<LimitSettings, Tunables>>> = {
  confirmMs: 3_000,
  confirmMaxMs: 30_000,
  recheckMs: 30_000,
  maxResetAheadMs: 6 * 3_600_000,
  warnAfterProbes: 3,
};

/** Both nudges start with this; agents.py looked for its first 28 characters on screen. */
const NUDGE_MARK = 'watchdog probe: if the quota';
/** Rows at the bottom where a nudge still counts as pending (agents.py: the last 8 lines). */
const NUDGE_ROWS = 8;

/**
 * The resume nudge (agents.py's _limit_nudge_msg). Loop agents are told to re-read their
 * phase files; everyone else (agents.py gave task agents the loop text) to carry on.
 */
export function limitNudge(kind: AgentKind): string {
  if (kind === 'loop') {
    return (
      'watchdog probe: if the quota window has reset, RESUME your loop now — pull latest, ' +
      're-read your phase STATUS/REVIEW files, and continue; re-arm your loop pacing.'
    );
  }
  return 'watchdog probe: if the quota window has reset, RESUME now — re-check status and continue from where you stopped.';
}

export function isHeld(hold: LimitHold | null): boolean {
  return hold !== null;
}

/** When the driver must call decideLimit again without a new observation; null: no hold. */
export function nextLimitCheck(hold: LimitHold | null): number | null {
  return hold === null ? null : hold.nextAt;
}

/** The status mark a hold shows (also for the driver to re-apply a restored hold). */
export function limitMark(name: string, hold: LimitHold, timeZone: string): WatchdogAction {
  const detail =
    hold.resetAt === null ? 'reset time unknown; probing' : `resets ${describeReset(hold.resetAt, timeZone, hold.since)}`;
  return { type: 'mark', name, status: 'limited', detail, ...(hold.resetAt === null ? {} : { until: hold.resetAt }), ...(hold.recorded ? { source: 'session-file' as const } : {}) };
}

function matches(pattern: RegExp | undefined, text: string): boolean {
  if (!pattern) return false;
  pattern.lastIndex = 0;
  return pattern.test(text);
}

export function decideLimit(hold: LimitHold | null, obs: LimitObservation, settings: LimitSettings): Decision<LimitHold | null> {
  const { now } = obs;
  const s = resolve(settings);
  if (!obs.running) return hold === null ? unchanged(null) : clear(settings, 'its process exited');

  const screen = obs.rows.join('\n');
  const recorded = obs.transcript?.limited === true;
  const limitShown = recorded || matches(s.patterns.limit, screen);
  const working = showsActivity(obs.rows, obs.cursorY, s.patterns);

  if (hold === null) {
    if (!limitShown || working) return unchanged(null);
    return startHold(readReset(screen, obs, s), now, s);
  }
  const seen: LimitHold = limitShown && !hold.bannerSeen ? { ...hold, bannerSeen: true } : hold;

  if (seen.phase === 'confirming') {
    if (working && !limitShown) return clear(settings, `probe #${seen.probes} resumed it`);
    if (now < seen.nextAt) return unchanged(seen);
    if (!limitShown) {
      const why = working ? `probe #${seen.probes} resumed it` : seen.bannerSeen ? 'the banner is gone' : `no banner after probe #${seen.probes}`;
      return clear(settings, why);
    }
    if (working) {
      // Working under a banner still on screen: our own nudge being sent, or real work.
      const giveUpAt = (seen.sentAt ?? now) + s.confirmMaxMs;
      if (now >= giveUpAt) return clear(settings, 'it works again');
      return unchanged({ ...seen, nextAt: Math.min(now + s.confirmMs, giveUpAt) });
    }
    return failedProbe(seen, readReset(screen, obs, s), now, s);
  }

  // A restored hold (banner not seen on this screen) is not ended by work: a fresh start works
  // on its kickoff before the limit can refuse it. Its probe at the reset says.
  if (working && seen.bannerSeen) return clear(settings, 'it works again');
  if (!limitShown && seen.bannerSeen) return bannerGone(seen, obs, s);
  if (now < seen.nextAt) return unchanged(seen);

  const bottom = bottomRegion(obs.rows, obs.cursorY, NUDGE_ROWS);
  // a limit only the session file records leaves no banner after a refused nudge: the record is the refusal
  const refusedOffScreen = recorded && !matches(s.patterns.limit, screen);
  if (working || (!refusedOffScreen && nudgePending(bottom, s.patterns.limit)) || asking(obs, s)) {
    return unchanged({ ...seen, nextAt: now + s.recheckMs });
  }
  return probe(seen, now, s);
}

function resolve(s: LimitSettings): Resolved {
  return {
    ...s,
    confirmMs: s.confirmMs ?? LIMIT_DEFAULTS.confirmMs,
    confirmMaxMs: s.confirmMaxMs ?? LIMIT_DEFAULTS.confirmMaxMs,
    recheckMs: s.recheckMs ?? LIMIT_DEFAULTS.recheckMs,
    maxResetAheadMs: s.maxResetAheadMs ?? LIMIT_DEFAULTS.maxResetAheadMs,
    warnAfterProbes: s.warnAfterProbes ?? LIMIT_DEFAULTS.warnAfterProbes,
  };
}

function unchanged(state: LimitHold | null): Decision<LimitHold | null> {
  return { state, actions: [] };
}

/** When the limit resets: the session file's exact time, else read from its text and the screen. */
interface Reset {
  at: number | null;
  /** from a record's exact time: no slack is added */
  exact: boolean;
  /** the session file recorded the limit itself */
  recorded: boolean;
  /** where it was read, for the note */
  source: 'banner' | 'session file';
}

function readReset(screen: string, obs: LimitObservation, s: Resolved): Reset {
  const t = obs.transcript?.limited ? obs.transcript : null;
  const recorded = t?.limited === true;
  if (t?.resetAt != null) return { at: t.resetAt, exact: true, source: 'session file', recorded };
  const text = t?.text ? `${t.text}\n${screen}` : screen;
  return { at: parseResetTime(text, obs.now, { timeZone: s.timeZone }), exact: false, source: t ? 'session file' : 'banner', recorded };
}

function startHold(reset: Reset, now: number, s: Resolved): Decision<LimitHold | null> {
  const resetAt = reset.at;
  const slack = reset.exact ? 0 : s.resetSlackMs;
  const trusted = resetAt !== null && resetAt - now <= s.maxResetAheadMs;
  const nextAt = trusted ? Math.max(now, resetAt + slack) : now + s.probeFallbackMs;
  const hold: LimitHold = { since: now, resetAt, nextAt, probes: 0, phase: 'waiting', sentAt: null, bannerSeen: true, ...(reset.recorded ? { recorded: true } : {}) };
  const when = (t: number) => describeReset(t, s.timeZone, now);
  const plan =
    resetAt === null
      ? `reset time unreadable; probing every ${minutes(s.probeFallbackMs)}`
      : trusted
        ? `${reset.source} says reset ${when(resetAt)}; resume nudge at ${when(nextAt)}`
        : `${reset.source} says reset ${when(resetAt)}, more than ${minutes(s.maxResetAheadMs)} away; probing every ${minutes(s.probeFallbackMs)}`;
  return {
    state: hold,
    actions: [
      limitMark(s.name, hold, s.timeZone),
      { type: 'note', name: s.name, kind: 'limit-hold', level: 'info', message: `usage limit on ${s.name}: ${plan} (no restarts)` },
    ],
  };
}

function probe(hold: LimitHold, now: number, s: Resolved): Decision<LimitHold | null> {
  const probes = hold.probes + 1;
  return {
    state: { ...hold, probes, phase: 'confirming', sentAt: now, nextAt: now + s.confirmMs },
    actions: [
      { type: 'note', name: s.name, kind: 'limit-probe', level: 'info', message: `limit probe #${probes} on ${s.name}: nudging it to resume` },
      { type: 'send', name: s.name, text: limitNudge(s.kind), reason: `usage-limit probe #${probes}` },
    ],
  };
}

function failedProbe(hold: LimitHold, reset: Reset, now: number, s: Resolved): Decision<LimitHold | null> {
  const resetAt = reset.at;
  const slack = reset.exact ? 0 : s.resetSlackMs;
  const trusted = resetAt !== null && resetAt - now <= s.maxResetAheadMs && resetAt + slack > now;
  const next: LimitHold = {
    ...hold,
    phase: 'waiting',
    resetAt,
    nextAt: trusted ? resetAt + slack : now + s.probeFallbackMs,
  };
  const actions: WatchdogAction[] = [];
  if (resetAt !== hold.resetAt) actions.push(limitMark(s.name, next, s.timeZone));
  if (hold.probes === s.warnAfterProbes) {
    actions.push({
      type: 'note',
      name: s.name,
      kind: 'limit-warn',
      level: 'warn',
      message: `${s.name} still limited after ${hold.probes} probes; probing on, never restarting`,
    });
  }
  return { state: next, actions };
}

/** The banner went away while the agent is idle: the limit lifted under it. */
function bannerGone(hold: LimitHold, obs: LimitObservation, s: Resolved): Decision<LimitHold | null> {
  const lifted = hold.resetAt === null || obs.now >= hold.resetAt;
  const cleared = clear(s, 'the banner is gone');
  if (!lifted || asking(obs, s)) return cleared;
  const send: WatchdogAction = { type: 'send', name: s.name, text: limitNudge(s.kind), reason: 'usage limit lifted: resume' };
  return { state: null, actions: [...cleared.actions, send] };
}

function clear(settings: LimitSettings, why: string): Decision<LimitHold | null> {
  return {
    state: null,
    actions: [
      { type: 'mark', name: settings.name, status: null },
      { type: 'note', name: settings.name, kind: 'limit-clear', level: 'info', message: `limit lifted on ${settings.name}: ${why}` },
    ],
  };
}

/** A nudge at the bottom with no banner after it: typed or being answered, not refused yet. */
function nudgePending(bottom: string, limit: RegExp | undefined): boolean {
  const at = bottom.lastIndexOf(NUDGE_MARK);
  return at >= 0 && !matches(limit, bottom.slice(at + NUDGE_MARK.length));
}

/** A question waits for a person: typing a nudge would answer it. */
function asking(obs: LimitObservation, s: Resolved): boolean {
  return matches(s.patterns.ask, bottomRegion(obs.rows, obs.cursorY, s.patterns.footerRows));
}

function minutes(ms: number): string {
  const m = ms / 60_000;
  return m >= 60 && m % 60 === 0 ? `${m / 60}h` : Number.isInteger(m) ? `${m}m` : `${Math.round(ms / 1000)}s`;
}

// ── persistence: state/limited-<session>.json ─────────────────────────────────────────────

const FILE_VERSION = 1;

/** The hold as the driver stores it (write it with writeFileAtomic). */
export function serializeHold(hold: LimitHold): string {
  const { since, resetAt, nextAt, probes, phase, sentAt, recorded } = hold;
  return `${JSON.stringify({ version: FILE_VERSION, since, resetAt, nextAt, probes, phase, sentAt, ...(recorded ? { recorded } : {}) })}\n`;
}

/** A stored hold, or null when the text is not one (never throws). */
export function parseHold(text: string): LimitHold | null {
  const v = parseJsonObject(text);
  if (!v) return null;
  const time = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  if (v.version !== FILE_VERSION) return null;
  if (!time(v.since) || !time(v.nextAt)) return null;
  if (v.resetAt !== null && !time(v.resetAt)) return null;
  if (v.sentAt !== null && !time(v.sentAt)) return null;
  if (typeof v.probes !== 'number' || !Number.isInteger(v.probes) || v.probes < 0) return null;
  if (v.phase !== 'waiting' && v.phase !== 'confirming') return null;
  if (v.phase === 'confirming' && v.sentAt === null) return null;
  return {
    since: v.since,
    resetAt: v.resetAt,
    nextAt: v.nextAt,
    probes: v.probes,
    // a nudge being confirmed went to the old process: the new one has not had it
    phase: 'waiting',
    sentAt: v.sentAt,
    bannerSeen: false, // the screen that showed it is gone with the old server
    ...(v.recorded === true ? { recorded: true } : {}),
  };
}

/** Settings from the config: [watchdog] limit_reset_slack and limit_probe_fallback (seconds → ms). */
export function limitSettingsFrom(agent: AgentConfig, backend: BackendConfig, watchdog: WatchdogConfig, timeZone: string): LimitSettings {
  const patterns = compileStatusPatterns(backend);
  return {
    name: agent.name,
    kind: agent.kind,
    patterns: { limit: patterns.limit, active: patterns.active, ask: patterns.ask, footerUi: patterns.footerUi, footerRows: patterns.footerRows },
    timeZone,
    resetSlackMs: watchdog.limit_reset_slack * 1000,
    probeFallbackMs: watchdog.limit_probe_fallback * 1000,
  };
}
