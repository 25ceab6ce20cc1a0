/**
 * Every message that crosses the hangar socket. This folder is a leaf: it imports nothing
 * from server, client, fleet or UI code. Append-only: add new kinds, never change old ones
 * without bumping PROTOCOL_VERSION.
 */

export const PROTOCOL_VERSION = 2;

/** Statuses an agent or service can be in (see docs/ARCHITECTURE.md, "Status"). */
export type SessionStatus =
  | 'starting'
  | 'working'
  | 'idle'
  | 'needs-input'
  | 'limited'
  | 'stalled'
  | 'exited'
  | 'crashed'
  | 'stopped';

/** The usage window's percentage is shown (pane title) and noted (a `usage` event) above this. */
export const USAGE_SHOWN_AT = 80;

/** A budget's percentage spent is noted (a `budget` event) and shown (pane title) from this on. */
export const BUDGET_SHOWN_AT = 80;

/** The whole percentage of a budget spent, as events and badges say it ($4.10 of $5.00 is 82 %, whatever float dust says); a budget of 0 is spent. */
export function budgetPercent(spent: number, budget: number): number {
  return budget > 0 ? Math.floor((100 * spent) / budget + 1e-9) : 100;
}

/** Why hangar types nothing into an agent while it keeps running: its own budget_usd is spent, or the fleet's. */
export type BudgetHold = 'budget' | 'fleet-budget';

/** Tokens, as `status --json` and `hangar costs --json` name them. */
export interface UsageCounts {
  input: number;
  output: number;
  cache_read: number;
  cache_write: number;
}

/** Where a cost comes from: the session file stated it, hangar priced its tokens, or nobody can say. */
export type CostSource = 'stated' | 'priced' | 'unknown';

/** One agent or service as `status` reports it. */
export interface SessionInfo {
  name: string;
  /** 'service' for services */
  kind: string;
  backend: string;
  /** the model it runs with ('default': the CLI's own); null when its backend takes no model (shown —); '-' for services */
  model: string | null;
  watch: string;
  /** RUNNING | stopped, as the reference's status table says it (+ " (disabled)") */
  state: string;
  status: SessionStatus;
  /** where the status came from: the CLI's hook, its session file, or the screen rules (what hangar reads first) */
  status_source?: 'hook' | 'session-file' | 'screen';
  pid: number | null;
  restarts: number;
  session: string;
  exitCode?: number | null;
  enabled: boolean;
  /** the watchdog's word on it: "restart budget spent: …", "limited until 22:42 (…)" */
  detail?: string;
  /** a usage-limit hold's end (epoch ms), for "limited until HH:MM" */
  until?: number;
  /** the usage window's percentage used, as its session file last said (Codex's rate_limits) */
  usedPercent?: number;
  /** a watcher's last action on it: "paused: budget: …", "nudged: delegation_reminder", "aborted: …" */
  watcher?: string;
  /** the tokens its session files recorded, over what the fleet's usage ledger keeps (agents only) */
  usage?: UsageCounts;
  /** what they cost in USD, when every part of it is known */
  cost_usd?: number;
  /** stated by the session file, priced by hangar, or unknown (agents only) */
  cost_source?: CostSource;
  /** its budget in USD (budget_usd plus raises) and what it spent of it; absent: it has none */
  budget?: { budget_usd: number; spent_usd: number };
  /** hangar types nothing into it (wakes, nudges, pings wait): its budget is spent, or the fleet's */
  held?: BudgetHold;
  /** added at run time (`hangar add`, the cockpit's C-b c), not in agents.toml: gone after `down` */
  addedAtRunTime?: boolean;
  /** the branch of its own git worktree (`worktree = true`: hangar/<name>), shown in its pane's title */
  branch?: string;
  /** that worktree's folder (<log_dir>/worktrees/<name>) */
  worktree?: string;
  /** the orchestrator that delegated it (an agent added at run time with a parent): it is that one's worker */
  parent?: string;
  /** why its raw log is not being written (a full disk, a refused symlink); absent while it is */
  logError?: string;
}

/** One row of a screen, with SGR escapes for its colours and attributes. */
export interface ScreenRow {
  y: number;
  text: string;
}

/** Terminal modes the child set, which a client mirrors on the real terminal. */
export interface ScreenModes {
  /** DECCKM: arrows send SS3 (`\x1bOA`) instead of CSI */
  applicationCursor: boolean;
  bracketedPaste: boolean;
  /** which mouse events the child asked to receive */
  mouse: 'none' | 'x10' | 'vt200' | 'drag' | 'any';
  sendFocus: boolean;
}

export interface ScreenUpdate {
  name: string;
  cols: number;
  rows: number;
  /** true when `lines` holds every row (first frame, resize) */
  full: boolean;
  lines: ScreenRow[];
  cursor: { x: number; y: number; visible: boolean };
  /** added in the same protocol version as an optional field: absent from old servers */
  modes?: ScreenModes;
}

export const ORCHESTRATION_KINDS = ['verdict', 'removed', 'ask', 'answer'] as const;
export type OrchestrationKind = (typeof ORCHESTRATION_KINDS)[number];

export type FleetEvent =
  | { type: 'status'; name: string; status: SessionStatus; prev: SessionStatus; at: number }
  | { type: 'started'; name: string; pid: number; at: number }
  | { type: 'exit'; name: string; code: number | null; signal: number | null; at: number }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; name?: string; at: number }
  /** something the watchdog decided or did; `kind` is one word (restart, limit-hold, wake, …) */
  | { type: 'watchdog'; kind: string; level: 'info' | 'warn'; message: string; name?: string; at: number }
  /** a piloted agent's timeline changed (a checkpoint, a goto, a branch); `current` is where it is now */
  | { type: 'pilot'; name: string; current: string; level: 'info' | 'warn'; message: string; at: number }
  | { type: 'screen'; update: ScreenUpdate }
  /** a child's clipboard write (OSC 52), sent like its screen, to those showing it, when [ui] clipboard is on */
  | { type: 'clipboard'; name: string; selection: string; base64: string; at: number }
  /**
   * orchestration (`end`, `ask`): an agent ended with a verdict, taken out of the fleet, a
   * question it asks a person, the answer it got
   */
  | { type: 'orchestration'; kind: OrchestrationKind; name: string; level: 'info' | 'warn'; message: string; at: number }
  /** an agent's usage and cost grew (its session file recorded a spend): not history, not in events.jsonl */
  | { type: 'usage'; name: string; at: number };

/** Stable error codes carried by error responses and `error` messages. */
export type ErrorCode =
  | 'bad_frame'
  | 'frame_too_large'
  | 'bad_message'
  | 'version_mismatch'
  | 'not_hello'
  | 'unknown_verb'
  | 'bad_args'
  | 'not_found'
  | 'conflict'
  | 'timeout'
  | 'config'
  | 'internal'
  /** the server already serves its most connections (ProtocolServer maxConnections) */
  | 'too_many_connections'
  /** one connection asked more than MAX_REQUESTS_IN_FLIGHT things at once (server-connection.ts) */
  | 'too_many_requests';

export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

export type ClientMessage =
  | { t: 'hello'; version: number; client: string }
  | { t: 'request'; id: number; verb: string; args: Record<string, unknown> }
  | { t: 'subscribe'; events: boolean; screens: string[] }
  | { t: 'input'; name: string; data: string }
  | { t: 'resize'; name: string; cols: number; rows: number };

export interface ServerIdentity {
  pid: number;
  socket: string;
  version: string;
  startedAt: string;
  config: string;
}

export type ServerMessage =
  | { t: 'welcome'; version: number; server: ServerIdentity }
  | { t: 'response'; id: number; ok: true; result: unknown }
  | { t: 'response'; id: number; ok: false; error: ProtocolError }
  | { t: 'event'; event: FleetEvent }
  | { t: 'error'; error: ProtocolError };
