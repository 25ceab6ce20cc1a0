/**
 * Every verb the server answers, declared once: its arguments as a schema (data — the server
 * validates against it at its edge, request-args.ts, and the MCP tools will be generated from
 * it) and its result type. `FleetClient.request(verb, args)` takes `Args<V>` and returns
 * `Result<V>`; the server's handler table is `RequestHandlers`, a mapped type over `Verb`.
 * Names: one per meaning — `scrollback` is a pane's rows, `history` a piloted agent's turns
 * (what `hangar history` shows).
 */
import type { FleetView, FleetViewAnswer } from './fleet-view.js';
import type { CostSource, FleetEvent, SessionInfo, SessionStatus, UsageCounts } from './messages.js';
import type { PhaseReport } from './phase-view.js';
import type { CheckpointSummary, FileChanges, GotoAnswer, TimelineView } from './pilot-view.js';

/** The wire types an argument can have; request-args.ts checks each, the MCP tools map each to JSON Schema. */
export type FieldType = 'string' | 'number' | 'integer' | 'boolean' | 'string-list' | 'string-map' | 'fleet-view';

export interface FieldSpec {
  readonly type: FieldType;
  /** one line, for `--help`-like listings and MCP tool descriptions */
  readonly description: string;
  readonly required?: true;
  /** a string that may not be '' / a list that may not be empty */
  readonly nonEmpty?: true;
  /** the only values a string may take */
  readonly oneOf?: readonly string[];
  /** bounds of a number (inclusive) */
  readonly min?: number;
  readonly max?: number;
}

export interface VerbSpec {
  /** one line: what the verb does */
  readonly summary: string;
  readonly args: { readonly [field: string]: FieldSpec };
}

/** The statuses `wait` can wait for. */
export const WAITABLE_STATUSES = ['starting', 'working', 'idle', 'needs-input', 'limited', 'stalled', 'exited', 'crashed', 'stopped'] as const satisfies readonly SessionStatus[];

export const PHASE_ACTIONS = ['show', 'next', 'set'] as const;
/** What `end` says of an agent's work. */
export const VERDICTS = ['completed', 'failed'] as const;
export type Verdict = (typeof VERDICTS)[number];
/** What `hangar costs` adds up by. */
export const COSTS_BY = ['agent', 'model', 'day'] as const;
export type CostsBy = (typeof COSTS_BY)[number];
const PHASE_MOVES = ['next', 'set'] as const;

const name = { type: 'string', required: true, nonEmpty: true, description: 'the agent (or service)' } as const;
const agent = { type: 'string', required: true, nonEmpty: true, description: 'the piloted agent' } as const;
const timeoutMs = { type: 'number', min: 0, description: 'how long to wait at most, in ms (default 600000)' } as const;
/** A CLI invocation's own --set and AGENT_MODEL_x / AGENT_BACKEND_x: they apply to that request only. */
const overrides = {
  sets: { type: 'string-list', description: 'config overrides KEY=VALUE for this request only (--set)' },
  env: { type: 'string-map', description: 'AGENT_MODEL_x / AGENT_BACKEND_x overrides for this request only' },
} as const;

export const REQUESTS = {
  up: {
    summary: 'start members (all when names is empty) after reading agents.toml again',
    args: { names: { type: 'string-list', description: 'the members to start; none: all enabled' }, ...overrides },
  },
  add: {
    summary: 'add an agent that is not in agents.toml, from a backend and [defaults], and start it',
    args: {
      name: { type: 'string', required: true, nonEmpty: true, description: 'the new agent' },
      backend: { type: 'string', description: 'its backend (default: [defaults])' },
      prompt: { type: 'string', description: 'its kickoff prompt' },
      dir: { type: 'string', nonEmpty: true, description: 'its working directory (default: [defaults] dir; relative to the project)' },
      model: { type: 'string', nonEmpty: true, description: 'its model (default: [defaults] model)' },
      watch: { type: 'string', nonEmpty: true, description: 'none, heal or heal+stall (default: [defaults] watch)' },
      wait: { type: 'boolean', description: 'follow its first turn (the kickoff prompt) until it ends and return its reply' },
      timeoutMs,
      worktree: { type: 'boolean', description: 'work in a git worktree of its dir of its own, on branch hangar/<name> (default: [defaults] worktree)' },
      parent: { type: 'string', nonEmpty: true, description: 'the orchestrator agent that delegates it: it is shown as that one\'s worker (hangar mcp sets it from HANGAR_AGENT)' },
      ...overrides,
    },
  },
  down: {
    summary: 'stop members; with no names, everything and the server',
    args: { names: { type: 'string-list', description: 'the members to stop; none: all, and the server ends' } },
  },
  status: { summary: 'every agent and service with its status', args: {} },
  events: {
    summary: "the fleet's latest events from events.jsonl (no screens)",
    args: {
      lines: { type: 'integer', min: 0, max: 10_000, description: 'how many (default 200)' },
      types: { type: 'string-list', description: 'only events of these types' },
    },
  },
  view: { summary: 'the fleet view (layout, zoom, focus, pilot) as the last cockpit left it', args: {} },
  'set-view': {
    summary: "keep a cockpit's view for the next one to attach",
    args: { view: { type: 'fleet-view', required: true, description: '{layout, zoomed, focus, pilot}' } },
  },
  restart: { summary: 'stop and start one member, after reading agents.toml again', args: { name, ...overrides } },
  screen: { summary: "a member's screen as plain text", args: { name } },
  peek: {
    summary: "a member's status and its last lines (scrollback included)",
    args: { name, lines: { type: 'number', min: 0, description: 'how many lines (default 20)' } },
  },
  scrollback: {
    summary: "rows of a pane's scrollback + screen, with SGR escapes (the cockpit's history mode)",
    args: {
      name,
      start: { type: 'number', min: 0, description: 'the first row (default: count rows before the end)' },
      count: { type: 'number', min: 0, description: 'how many rows (default 100, at most 2000)' },
    },
  },
  find: {
    summary: "the next row of a pane's scrollback + screen holding a text",
    args: {
      name,
      query: { type: 'string', description: 'the text to find' },
      from: { type: 'number', min: 0, description: 'the row to start at (default 0)' },
      backwards: { type: 'boolean', description: 'search towards older rows' },
    },
  },
  logpath: { summary: "the path of a member's raw log", args: { name } },
  send: {
    summary: 'type a message into an agent and submit it; with wait, follow the turn and return the reply',
    args: {
      name,
      text: { type: 'string', required: true, description: 'the message' },
      wait: { type: 'boolean', description: 'follow the turn until the agent waits again' },
      timeoutMs,
    },
  },
  keys: {
    summary: 'type key names (Enter, C-c, Up, …) or literal text into an agent',
    args: {
      name,
      keys: { type: 'string-list', required: true, nonEmpty: true, description: 'key names, or text with literal' },
      literal: { type: 'boolean', description: 'type the strings as they are' },
    },
  },
  wait: {
    summary: 'wait until a member shows a status',
    args: { name, for: { type: 'string', required: true, oneOf: WAITABLE_STATUSES, description: 'the status to wait for' }, timeoutMs },
  },
  phase: {
    summary: "show the loop's phases, or move to the next one or to a given one",
    args: {
      action: { type: 'string', oneOf: PHASE_ACTIONS, description: 'show (default), next or set' },
      phase: { type: 'string', nonEmpty: true, description: 'for set: the phase, by index (0-based) or id' },
      ...overrides,
    },
  },
  'phase-index': {
    summary: 'move the phase index only (nothing stops or starts): `hangar phase next|set` when no server was running',
    args: {
      action: { type: 'string', required: true, oneOf: PHASE_MOVES, description: 'next or set' },
      phase: { type: 'string', nonEmpty: true, description: 'for set: the phase, by index (0-based) or id' },
      ...overrides,
    },
  },
  pilot: { summary: 'begin piloting an agent (a checkpoint per turn) and return its timeline', args: { name: agent } },
  checkpoints: { summary: "a piloted agent's timeline", args: { name: agent } },
  goto: {
    summary: 'bring a piloted agent (files and conversation) back to a checkpoint',
    args: { name: agent, to: { type: 'string', required: true, nonEmpty: true, description: 'the checkpoint label' } },
  },
  undo: { summary: 'go back to the checkpoint before the current one', args: { name: agent } },
  branch: {
    summary: 'a new agent from a checkpoint, in its own worktree, piloted from there',
    args: {
      name: agent,
      from: { type: 'string', required: true, nonEmpty: true, description: 'the checkpoint label' },
      as: { type: 'string', description: "the new agent's name (default: <name>-<label>)" },
    },
  },
  diff: {
    summary: "what changed between two checkpoints, or in one turn; with no label, a worktree agent's work against its base branch",
    args: {
      name: { type: 'string', required: true, nonEmpty: true, description: 'the agent (piloted, or with a worktree)' },
      from: { type: 'string', nonEmpty: true, description: "a checkpoint label; none: the agent's worktree against where it meets its base branch" },
      to: { type: 'string', description: 'a second label; none: what `from` changed' },
    },
  },
  worktrees: { summary: 'the git worktrees of agents with worktree = true: branch, base, uncommitted work, ahead/behind, running', args: {} },
  'prune-worktrees': {
    summary: 'remove the worktrees of agents no longer in the fleet, or one named; never with uncommitted work unless forced (branches are kept)',
    args: {
      name: { type: 'string', nonEmpty: true, description: "the agent whose worktree goes (it must not be running); none: every agent's that is no longer in the fleet" },
      force: { type: 'boolean', description: 'remove it even with uncommitted work (lost)' },
    },
  },
  hook: {
    summary: "an agent CLI's hook ran (`hangar hook`): what it says about the agent's status, turn and conversation",
    args: {
      name: { type: 'string', required: true, nonEmpty: true, description: 'the agent whose CLI ran the hook ($HANGAR_AGENT)' },
      event: { type: 'string', required: true, nonEmpty: true, description: "the hook's event: SessionStart, Stop, agent-turn-complete, …" },
      detail: { type: 'string', description: "a Notification's kind, a SessionStart's source, a SessionEnd's reason" },
      conversationId: { type: 'string', description: 'the conversation the hook fired in' },
      transcriptPath: { type: 'string', description: "the conversation's transcript file" },
    },
  },
  history: { summary: "a piloted agent's turns up to its current checkpoint: prompt, reply, files", args: { name: agent } },
  transcript: {
    summary: "where an agent's conversation is recorded: its CLI's session file, for `hangar transcript` and the cockpit's C-b t",
    args: { name: { type: 'string', required: true, nonEmpty: true, description: 'the agent' } },
  },
  check: {
    summary: "one agent's state in full: status, needs_attention, last reply, tokens, cost, runtime, files changed since it started",
    args: { name: { type: 'string', required: true, nonEmpty: true, description: 'the agent' } },
  },
  end: {
    summary: 'end an agent with a verdict: stop it, record the verdict (events, state/verdicts.jsonl); with delete, take it out of the fleet',
    args: {
      name: { type: 'string', required: true, nonEmpty: true, description: 'the agent' },
      verdict: { type: 'string', required: true, oneOf: VERDICTS, description: 'completed or failed' },
      reason: { type: 'string', description: 'why, in a line' },
      delete: { type: 'boolean', description: 'also remove the agent from the running fleet (one added at run time)' },
    },
  },
  ask: {
    summary: 'an agent asks a person a question: it shows as needs-input with the question until someone answers (hangar send, or typing into its pane)',
    args: {
      name: { type: 'string', required: true, nonEmpty: true, description: 'the agent that asks' },
      question: { type: 'string', required: true, nonEmpty: true, description: 'the question' },
      timeoutMs,
    },
  },
  watchers: {
    summary: "each agent's watchers: their settings, turns judged, times fired and last action, and whether one paused it",
    args: {
      resume: { type: 'string', nonEmpty: true, description: "lift a watcher's pause of this agent (a person's go-ahead)" },
    },
  },
  costs: {
    summary: "the fleet's tokens and cost from its usage ledger, per agent, model or day",
    args: {
      by: { type: 'string', oneOf: COSTS_BY, description: 'agent (default), model or day (local)' },
      since: { type: 'number', min: 0, description: 'only what was spent from this time on (epoch ms)' },
    },
  },
  budget: {
    summary: "what each agent and the fleet spent of its budget_usd; raise: add USD to the agent's budget (the fleet's without a name) and lift its hold",
    args: {
      name: { type: 'string', nonEmpty: true, description: 'the agent; none: every agent and the fleet' },
      raise: { type: 'number', min: 0.01, description: "USD added to the agent's budget (the fleet's without a name); kept across restarts until budget_usd is edited" },
    },
  },
} as const satisfies Record<string, VerbSpec>;

export type Verb = keyof typeof REQUESTS;

export const VERBS = Object.keys(REQUESTS) as Verb[];

export function isVerb(x: string): x is Verb {
  return Object.hasOwn(REQUESTS, x);
}

// ---------------------------------------------------------------- argument types, from the schema

type FieldValue<F extends FieldSpec> = F extends { oneOf: readonly (infer E)[] }
  ? E
  : {
      string: string;
      number: number;
      integer: number;
      boolean: boolean;
      'string-list': string[];
      'string-map': Record<string, string>;
      'fleet-view': FleetView;
    }[F['type']];

type Fields = { readonly [field: string]: FieldSpec };
type RequiredKeys<S extends Fields> = { [K in keyof S]: S[K] extends { required: true } ? K : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** What a schema's fields accept: required ones must be there, the others may be. */
export type ArgsOf<S extends Fields> = Simplify<
  { [K in RequiredKeys<S>]: FieldValue<S[K]> } & { [K in Exclude<keyof S, RequiredKeys<S>>]?: FieldValue<S[K]> }
>;

export type Args<V extends Verb> = ArgsOf<(typeof REQUESTS)[V]['args']>;

// ---------------------------------------------------------------- results

export interface FleetStatus {
  agents: SessionInfo[];
  services: SessionInfo[];
  /** the fleet's own logs (events.jsonl, server.log) that are not being written, and why */
  problems?: string[];
}

/** A watchdog action a phase move took, as much of it as a client reads (watchdog/actions.ts has the whole). */
export interface PhaseAction {
  type: string;
  name?: string;
  reason?: string;
  /** a note's text */
  message?: string;
}

/** One file of a diff. */
export interface FileDiff {
  path: string;
  oldPath?: string;
  /** added, deleted, modified, renamed, … */
  status: string;
  insertions: number;
  deletions: number;
  binary: boolean;
}

/** A turn on the path to the current checkpoint, with the reply read off the screen. */
export interface TurnRecord extends CheckpointSummary {
  reply?: string;
}

/** Tokens and cost added up (`hangar costs`): one agent's, model's or day's, or the whole. */
export interface CostsTotal {
  usage: UsageCounts;
  /** USD; null when some part of it is unknown */
  cost_usd: number | null;
  cost_source: CostSource;
  /** how many spends (API responses) were added */
  entries: number;
}

/** An agent's git worktree (`worktree = true`) as `hangar worktrees` shows it. */
export interface WorktreeView {
  name: string;
  /** the worktree's top (<log_dir>/worktrees/<name>) */
  path: string;
  /** the branch made for it */
  branch: string;
  /** the branch checked out there now (the agent may have switched); null: detached, or the folder is gone */
  head: string | null;
  /** the branch it was made from: its diff and ahead/behind are against it; null: it was made from a detached HEAD */
  base: string | null;
  /** the folder is there */
  present: boolean;
  /** files with uncommitted work, untracked ones included */
  uncommitted: number;
  /** commits ahead of and behind its base; null when git cannot say */
  ahead: number | null;
  behind: number | null;
  /** the agent is in the fleet (agents.toml, or added at run time) */
  inFleet: boolean;
  running: boolean;
}

/** What a prune did with each worktree it looked at. */
export interface PruneWorktreesResult {
  /** removed, each with a note on its branch (kept) */
  removed: Array<{ name: string; path: string; branch: string; note: string }>;
  /** left as they are, and why */
  kept: Array<{ name: string; path: string; branch: string; reason: string }>;
}

/** Every verb's result. `Result<V>` fails to compile when a verb has none. */
/**
 * Where an agent's conversation is recorded (`transcript`): its backend's session_file for the
 * conversation it runs now. The client reads the file itself (the same machine's disk).
 */
export interface TranscriptSource {
  name: string;
  backend: string;
  /** the conversation the agent runs; null while unknown */
  conversationId: string | null;
  /** the session file, when it is there; null: not (yet) written, no id known, or no session_file */
  path: string | null;
  /** why there is no path, in words a person acts on; absent when there is one */
  reason?: string;
}

/** One budget (`budget`): an agent's (name) or the fleet's (name null). */
export interface BudgetLine {
  name: string | null;
  /** USD it may spend (budget_usd plus raises); null: no budget */
  budget_usd: number | null;
  /** USD spent, from the usage ledger (a cost hangar cannot price counts as nothing) */
  spent_usd: number;
  /** its budget is spent: hangar types nothing into it (into any agent, for the fleet's) */
  held: boolean;
}

/** What one turn spent, when its session file recorded it (`send` with wait, `add` with wait). */
export interface TurnSpend {
  /** the turn's tokens; absent when its records carry none */
  usage?: UsageCounts;
  /** USD: stated by the records or priced by the model registry; absent when unknown */
  cost_usd?: number;
}

/** A file changed in an agent's git work tree since it started (`check`). */
export interface ChangedFile {
  path: string;
  /** added, modified, deleted, renamed, type-changed, untracked */
  status: string;
  /** lines; null for a binary file or an untracked one (not counted) */
  insertions: number | null;
  deletions: number | null;
}

/** What changed in an agent's dir since it started, by git: against the commit HEAD was at then. */
export interface FilesChanged {
  /** the repository's work tree */
  repo: string;
  /** the commit the changes are counted from (HEAD when the agent started) */
  base: string;
  files: ChangedFile[];
  /** more files changed than are listed */
  truncated: boolean;
}

/** One agent in full (`check`): what an orchestrator reads before deciding on a worker. */
export interface AgentCheck {
  name: string;
  status: SessionStatus;
  /** it waits on someone: its turn is over, it asks something, or it stalled, exited or crashed */
  needs_attention: boolean;
  /** the watchdog's word, or the question it asks */
  detail?: string;
  /** when its session started (epoch ms); null: never started */
  started_at: number | null;
  /** ms since then (while it runs) */
  runtime_ms: number | null;
  /** the assistant's text of its newest turn, from its session file; null: none recorded */
  last_reply: string | null;
  /** its tokens and cost over the usage ledger, as `status` gives them */
  usage?: UsageCounts;
  cost_usd?: number;
  cost_source?: CostSource;
  /** its dir's changes by git since it started; null: its dir is not in a git repository (or never started) */
  files: FilesChanged | null;
  /** the verdict it was ended with, if any */
  verdict?: VerdictRecord;
}

/** One line of state/verdicts.jsonl: an agent ended with a verdict (`end`). */
export interface VerdictRecord {
  name: string;
  verdict: Verdict;
  reason: string;
  /** epoch ms */
  at: number;
  /** it was also taken out of the fleet */
  deleted: boolean;
}

/** One agent's watchers as `hangar watchers` shows them. */
export interface WatcherListing {
  name: string;
  /** why a watcher paused it (a hold until a person resumes it); null: not paused */
  paused: string | null;
  watchers: Array<{
    kind: string;
    /** a fleet-wide [[watcher]], or one of the agent's own */
    from: 'fleet' | 'agent';
    role: 'user' | 'system';
    /** its settings as configured */
    settings: Record<string, unknown>;
    /** turns it judged, and how many times it fired */
    turns: number;
    fired: number;
    /** its last action (not continue): which, why, on which turn, when (epoch ms) */
    last: { action: 'nudge' | 'pause' | 'abort'; reason: string; turn: number; at: number } | null;
  }>;
}

export interface Results {
  up: FleetStatus & { started: string[] };
  add: SessionInfo & { reply?: string; timedOut?: boolean } & TurnSpend;
  down: { stopped: string[]; server: 'stopping' | 'running' };
  status: FleetStatus;
  events: { events: FleetEvent[] };
  view: FleetViewAnswer;
  'set-view': FleetViewAnswer;
  restart: SessionInfo;
  screen: { name: string; text: string };
  peek: SessionInfo & { lines: string[] };
  scrollback: { name: string; start: number; rows: string[]; total: number; screenTop: number };
  find: { name: string; row: number | null };
  logpath: { name: string; path: string };
  send: {
    name: string;
    confirmed: boolean;
    attempts: number;
    status: SessionStatus;
    reply?: string;
    timedOut?: boolean;
    /** the agent was asking a person something (`ask`): the text answered it and was not typed into its CLI */
    answered?: true;
  } & TurnSpend;
  keys: { name: string; sent: number };
  wait: { name: string; status: SessionStatus; timedOut: boolean };
  phase: { report: PhaseReport; actions: PhaseAction[]; failures: string[] };
  'phase-index': { report: PhaseReport; actions: PhaseAction[]; failures: string[] };
  pilot: TimelineView;
  checkpoints: TimelineView;
  goto: GotoAnswer;
  undo: GotoAnswer;
  branch: { name: string; from: string; label: string; dir: string; branch: string | null };
  diff: { name: string; from: string; to: string; text: string; truncated: boolean; files: FileDiff[]; totals: FileChanges };
  history: { name: string; current: string; turns: TurnRecord[] };
  /** continueWith: a watcher's system-role nudge, for the CLI's turn-end hook to answer with */
  hook: { name: string; heard: boolean; continueWith?: string };
  watchers: { agents: WatcherListing[]; resumed?: string };
  transcript: TranscriptSource;
  check: AgentCheck;
  /** worktree: with delete, what became of the agent's own worktree (removed, or kept with uncommitted work) */
  end: VerdictRecord & { stopped: boolean; worktree?: { path: string; branch: string; removed: boolean; reason?: string } };
  ask: { name: string; question: string; answer: string | null; timedOut: boolean };
  costs: { by: CostsBy; since: number | null; rows: Array<{ key: string } & CostsTotal>; total: CostsTotal };
  budget: { agents: BudgetLine[]; fleet: BudgetLine };
  worktrees: { worktrees: WorktreeView[]; /** record files in the state dir that hold no worktree */ unreadable: string[] };
  'prune-worktrees': PruneWorktreesResult;
}

export type Result<V extends Verb> = Results[V];

