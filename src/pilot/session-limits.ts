/**
 * What a CLI's session transcript says about its usage limit. Pure: records in, the latest
 * word out. Two shapes are understood, recognised by their fields:
 *
 * - Claude Code writes a synthetic `assistant` record in the model's place when the API
 *   refuses: `isApiErrorMessage: true`, and for the usage limit `apiErrorStatus: 429` and/or
 *   `error: "rate_limit"`, its text the banner ("You've hit your session limit · resets
 *   9:50pm (Asia/Saigon)"). An error of another kind (529 overloaded, 401) is no limit. The
 *   limit lasts until a real assistant record (the model answered again).
 * - Codex's `event_msg` `token_count` carries `rate_limits.primary/secondary`, each with
 *   `used_percent`, `window_minutes` and `resets_at` (epoch seconds) — older rollouts say
 *   `resets_in_seconds` instead, counted from the record's own timestamp. A window at 100 % is
 *   a limit until it resets; the highest percentage is what the cockpit shows.
 */
import { recordTime } from './session-records.js';

/** The transcript's latest word on the limit, as folded so far. */
export interface SessionLimitState {
  /** Claude's limit record: its text (the banner, with the reset time when it names one) */
  claude: { text: string } | null;
  /** Codex's latest rate-limit windows */
  codex: { usedPercent: number; resetAt: number | null } | null;
}

/** What the watchdog is told at one moment (limit-hold.ts reads the same fields). */
export interface SessionLimit {
  limited: boolean;
  /** epoch ms the limit ends, when the record says exactly (Codex) */
  resetAt: number | null;
  /** the record's text, where the reset time may be read (Claude) */
  text: string | null;
  /** the highest window's percentage used (Codex); null when unknown */
  usedPercent: number | null;
}

export const NO_SESSION_LIMIT: SessionLimitState = { claude: null, codex: null };

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Claude's refusal for the usage limit (other API errors are not limits). */
function claudeLimitText(r: Rec): string | null {
  if (r['isApiErrorMessage'] !== true) return null;
  if (r['apiErrorStatus'] !== 429 && r['error'] !== 'rate_limit') return null;
  const message = isRec(r['message']) ? r['message'] : {};
  const content = message['content'];
  const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((c) => (isRec(c) && typeof c['text'] === 'string' ? c['text'] : '')).join(' ') : '';
  return text.trim() || 'usage limit (API error 429)';
}

/** When a Codex window resets (epoch ms): `resets_at`, else `resets_in_seconds` after the record was written. */
function windowReset(w: Rec, recordAt: number | null): number | null {
  const at = finite(w['resets_at']);
  if (at !== null) return at * 1000;
  const inSeconds = finite(w['resets_in_seconds']);
  return inSeconds !== null && recordAt !== null ? recordAt + inSeconds * 1000 : null;
}

/** Codex's windows: the highest percentage, and when the windows at 100 % reset (the last of them). */
function codexWindows(rateLimits: Rec, recordAt: number | null): SessionLimitState['codex'] {
  let used: number | null = null;
  let resetAt: number | null = null;
  for (const key of ['primary', 'secondary']) {
    const w = rateLimits[key];
    if (!isRec(w)) continue;
    const pct = finite(w['used_percent']);
    if (pct === null) continue;
    used = Math.max(used ?? 0, pct);
    const resets = windowReset(w, recordAt);
    if (pct >= 100 && resets !== null) resetAt = Math.max(resetAt ?? 0, resets);
  }
  return used === null ? null : { usedPercent: used, resetAt };
}

/** Fold records (in the order written) into the state. */
export function foldSessionLimit(state: SessionLimitState, records: readonly unknown[]): SessionLimitState {
  let { claude, codex } = state;
  for (const r of records) {
    if (!isRec(r)) continue;
    if (r['type'] === 'assistant' && r['isSidechain'] !== true) {
      const text = claudeLimitText(r);
      if (text !== null) claude = { text };
      // a real answer means the API takes requests again; another error says nothing of the limit
      else if (r['isApiErrorMessage'] !== true) claude = null;
    } else if (r['type'] === 'event_msg' && isRec(r['payload']) && r['payload']['type'] === 'token_count' && isRec(r['payload']['rate_limits'])) {
      codex = codexWindows(r['payload']['rate_limits'], recordTime(r)) ?? codex;
    }
  }
  return claude === state.claude && codex === state.codex ? state : { claude, codex };
}

/** The limit at `now`: a Codex window at 100 % lasts until its reset, Claude's until an answer. */
export function sessionLimitAt(state: SessionLimitState, now: number): SessionLimit {
  const codexLimited = state.codex !== null && state.codex.usedPercent >= 100 && (state.codex.resetAt === null || now < state.codex.resetAt);
  return {
    limited: state.claude !== null || codexLimited,
    resetAt: codexLimited ? (state.codex?.resetAt ?? null) : null,
    text: state.claude?.text ?? null,
    usedPercent: state.codex?.usedPercent ?? null,
  };
}
