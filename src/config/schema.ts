/**
 * The one table of every agents.toml section and key. Validation, unknown-key suggestions,
 * the resolver's defaults and the generated config reference all read it; a key that is not
 * here does not exist. `origin` says whether agents.py already understood the key (so an
 * agents.py config means the same thing here) or hangar added it.
 */

import { bindableCommands, PREFIX_KEY } from '../keymap/index.js';
import { NAME_MAX_LENGTH } from './name-rule.js';

export type Origin = 'agents.py' | 'hangar';

export type ValueType =
  | { kind: 'string' }
  | { kind: 'integer'; min?: number; max?: number }
  /** Any finite number, integer or float, at least `min`. */
  | { kind: 'number'; min?: number }
  | { kind: 'boolean' }
  | { kind: 'string[]' }
  /** A JS regular expression source; a leading Python-style `(?i)` is accepted and stripped. */
  | { kind: 'regex' }
  /** A tmux-style key name: Enter, C-m, C-j, Tab, Escape, M-x, F5, a single character… */
  | { kind: 'key' }
  /** A key name or an array of them: the keys of a cockpit command ([ui.keys]). */
  | { kind: 'keys' }
  /** Where an agent runs: "" (this machine), `ssh://[user@]box[:port]` or `k8s://[context/]namespace/pod[/container]` (config/host.ts). */
  | { kind: 'host' }
  /** A string path; `~` expands, relative paths resolve against the key's documented base. */
  | { kind: 'path' }
  | { kind: 'enum'; values: readonly string[] }
  /** A table of string values, e.g. `models = { builder = "opus" }`. */
  | { kind: 'string-map' }
  /** A sub-table written inline or as its own header. */
  | { kind: 'table'; section: SectionId }
  /** `[[x]]` entries. */
  | { kind: 'tables'; section: SectionId }
  /** `[x.NAME]` tables, one per free-chosen name. */
  | { kind: 'named-tables'; section: SectionId };

export interface KeySpec {
  key: string;
  type: ValueType;
  default?: unknown;
  required?: boolean;
  /** shown when a required key is missing, e.g. `session_prefix = "myproj-"` */
  example?: string;
  doc: string;
  origin: Origin;
}

export type SectionId =
  | 'root'
  | 'defaults'
  | 'backend'
  | 'agent'
  | 'agent.wake'
  | 'service'
  | 'watchdog'
  | 'loop'
  | 'loop.phases'
  | 'loop.handoff'
  | 'loop.on_complete'
  | 'ui'
  | 'ui.keys'
  | 'price'
  | 'model'
  | 'model.tiers'
  | 'watcher';

export interface SectionSpec {
  id: SectionId;
  /** how the section is written, e.g. `[[agent]]` or `[backend.NAME]` */
  header: string;
  doc: string;
  /** the key that names an entry in messages (`[[agent]] "builder"`) */
  identity?: string;
  /** a table written inside its parent's entry (wake): messages name the parent and a dotted key */
  inline?: boolean;
  /** an unknown key is an error, not a warning: a misspelt command would bind nothing */
  closed?: boolean;
  keys: KeySpec[];
}

/** config/host.ts in words */
const HOST_DOC = `"ssh://[user@]box[:port]" (the command runs there through \`ssh -tt\`) or "k8s://[context/]namespace/pod[/container]" (through \`kubectl exec -it\`; three parts are namespace/pod/container, so a context without a container ends in "/"); dir is the directory there`;

/** config/name-rule.ts in words: names become file names under log_dir */
const NAME_RULE_DOC = `letters, digits, ".", "_" and "-" only, at most ${NAME_MAX_LENGTH} characters, not "." or "..", not starting with "-"`;

const str = { kind: 'string' } as const;
const bool = { kind: 'boolean' } as const;
const path = { kind: 'path' } as const;
const regex = { kind: 'regex' } as const;
const int = (min?: number, max?: number): ValueType => ({ kind: 'integer', min, max });
const oneOf = (...values: string[]): ValueType => ({ kind: 'enum', values });

const PROMPT_DELIVERIES = ['arg', 'ping', 'exec'] as const;
const AGENT_KINDS = ['persistent', 'loop', 'task', 'orchestrator'] as const;
const WATCH_MODES = ['none', 'heal', 'heal+stall'] as const;
const NOTIFY_MODES = ['none', 'bell', 'osc9'] as const;
const CLIPBOARD_MODES = ['off', 'on'] as const;
const REWIND_STRATEGIES = ['resume', 'replay', 'recap', 'none'] as const;
/** zwarm's watchers (README, Watchers); watchers/decide-watcher.ts decides each */
const WATCHER_KINDS = ['progress', 'budget', 'delegation', 'delegation_reminder', 'scope', 'pattern', 'quality'] as const;
const WATCHER_ACTIONS = ['nudge', 'pause', 'abort'] as const;
const MESSAGE_ROLES = ['user', 'system'] as const;
const SCROLLBACK_MIN = 100;
const SCROLLBACK_MAX = 1_000_000;
/** The smallest log cap: a rotation per few pty reads would cost more than the log is worth. */
const LOG_MAX_MIN = 64 * 1024;
const DEFAULT_LOG_MAX = 50 * 1024 * 1024;
const DEFAULT_LOG_KEEP = 2;
const LOG_KEEP_MAX = 100;

/** The cap of a log file; [defaults]' values also cap server.log and events.jsonl. */
function logSettings(what: string): KeySpec[] {
  return [
    { key: 'log_max', type: int(LOG_MAX_MIN), default: DEFAULT_LOG_MAX, origin: 'hangar',
      doc: `bytes ${what} may grow to (a plain number of bytes, default 50 MiB); a write that would pass it renames the file to NAME.1 (NAME.1 to NAME.2, …) and starts a new one` },
    { key: 'log_keep', type: int(0, LOG_KEEP_MAX), default: DEFAULT_LOG_KEEP, origin: 'hangar',
      doc: 'rotated files kept (NAME.1 … NAME.N); the oldest beyond them is deleted, so a log takes at most log_max × (log_keep + 1) bytes' },
  ];
}

/** Keys an agent may take, minus its identity: each may also be set in [defaults]. */
const AGENT_SETTINGS: KeySpec[] = [
  { key: 'kind', type: oneOf(...AGENT_KINDS), default: 'persistent', origin: 'agents.py',
    doc: 'persistent: long-lived; loop: a builder/adversary phase agent; task: one-shot; orchestrator: drives the fleet — started with hangar\'s MCP tools (its backend\'s mcp_flags) and prompts/orchestrator.md before its kickoff; the agents it delegates are its workers (README, Orchestrator agents)' },
  { key: 'backend', type: str, origin: 'agents.py',
    doc: 'a built-in backend (claude, codex, gemini, opencode, aider: `hangar backends` lists them) or the name of a [backend.NAME] table; required here or in [defaults]' },
  { key: 'model', type: str, default: '', origin: 'agents.py',
    doc: 'model passed through the backend\'s model_flag/model_env; a phase\'s models[role] wins' },
  { key: 'role', type: str, origin: 'agents.py',
    doc: 'loop agents: the role whose prompt is roles_dir/<role>.md and whose phase model applies' },
  { key: 'prompt', type: str, default: '', origin: 'agents.py',
    doc: 'kickoff prompt text when there is no prompt_file' },
  { key: 'prompt_file', type: path, origin: 'agents.py',
    doc: 'kickoff prompt file, relative to project_dir; must exist' },
  { key: 'dir', type: path, default: '.', origin: 'agents.py',
    doc: 'working directory, relative to project_dir' },
  { key: 'enabled', type: bool, default: true, origin: 'agents.py',
    doc: 'started by a bare `up`' },
  { key: 'watch', type: oneOf(...WATCH_MODES), default: 'none', origin: 'agents.py',
    doc: 'heal: restart on exit/fatal output; heal+stall: also restart when stalled' },
  { key: 'resume', type: bool, default: false, origin: 'agents.py',
    doc: 'resume the backend conversation on restart (needs supports_resume)' },
  { key: 'worktree', type: bool, default: false, origin: 'hangar',
    doc: 'work in a git worktree of dir of its own, on branch hangar/<name>, made at its first start under <log_dir>/worktrees/<name> and kept across restarts (never reset); dir must be in a git repository. `hangar worktrees` lists them, `hangar worktrees prune` removes them. See README, Worktrees' },
  { key: 'wake', type: { kind: 'table', section: 'agent.wake' }, origin: 'agents.py',
    doc: 'scheduled nudge: `wake = { interval = 3600, prompt_file = "prompts/wake.md" }`' },
  { key: 'scrollback', type: int(SCROLLBACK_MIN, SCROLLBACK_MAX), default: 10000, origin: 'hangar',
    doc: 'scrollback lines kept by the emulator' },
  { key: 'host', type: { kind: 'host' }, origin: 'hangar',
    doc: `the machine the agent runs on: ${HOST_DOC}; overrides its backend's host, and "" runs it on this machine. See README, Agents on other machines` },
  { key: 'watchers', type: { kind: 'tables', section: 'watcher' }, origin: 'hangar',
    doc: 'this agent\'s own watchers, besides the fleet-wide [[watcher]] ones: `watchers = [{ kind = "budget", max_cost_usd = 2.0 }]` (README, Watchers)' },
  ...logSettings('the raw session log <log_dir>/<session>.log'),
  { key: 'budget_usd', type: { kind: 'number', min: 0 }, origin: 'hangar',
    doc: 'USD the agent may spend (its cost in `hangar status`, from the usage ledger; tokens hangar cannot price count as nothing): at 80 % a `budget` event and a `$ 80%` badge, at 100 % it is held — hangar types nothing into it (wakes, nudges and handoff pings wait) until `hangar budget NAME --raise X` or a higher budget_usd here; unset: no budget' },
];

/** What an agent key means in [defaults]; the log caps also cap the server's own logs. */
function defaultsDoc(key: string): string {
  if (key === 'log_max' || key === 'log_keep') {
    return `default for [[agent]] and [[service]] ${key} (${key === 'log_max' ? '50 MiB' : '2'}), and the ${key} of server.log and events.jsonl`;
  }
  return `default for [[agent]] ${key}`;
}

const SECTIONS: SectionSpec[] = [
  {
    id: 'root', header: '(top level)', doc: 'The sections of agents.toml.',
    keys: [
      { key: 'defaults', type: { kind: 'table', section: 'defaults' }, required: true, origin: 'agents.py', doc: 'fleet-wide settings and agent defaults' },
      { key: 'backend', type: { kind: 'named-tables', section: 'backend' }, default: {}, origin: 'agents.py', doc: 'agent CLIs, by name' },
      { key: 'agent', type: { kind: 'tables', section: 'agent' }, default: [], origin: 'agents.py', doc: 'the agents' },
      { key: 'service', type: { kind: 'tables', section: 'service' }, default: [], origin: 'agents.py', doc: 'plain long-running commands' },
      { key: 'watchdog', type: { kind: 'table', section: 'watchdog' }, default: {}, origin: 'agents.py', doc: 'supervision timing' },
      { key: 'loop', type: { kind: 'table', section: 'loop' }, default: {}, origin: 'agents.py', doc: 'builder/adversary phase loop' },
      { key: 'ui', type: { kind: 'table', section: 'ui' }, default: {}, origin: 'hangar', doc: 'cockpit settings' },
      { key: 'price', type: { kind: 'named-tables', section: 'price' }, default: {}, origin: 'hangar', doc: 'what a model costs, by model name, over the model registry\'s prices: the tokens of every agent (status, hangar costs) and of each piloted turn are priced with it' },
      { key: 'model', type: { kind: 'named-tables', section: 'model' }, default: {}, origin: 'hangar', doc: 'the model registry\'s entries, by model id: overrides or adds aliases, backend, context and prices (`hangar models`)' },
      { key: 'watcher', type: { kind: 'tables', section: 'watcher' }, default: [], origin: 'hangar', doc: 'watchers over every agent\'s finished turns (README, Watchers)' },
    ],
  },
  {
    id: 'defaults', header: '[defaults]',
    doc: 'Fleet-wide settings. Every agent key except name and session may be set here too: defaults merge under each [[agent]] (`{**defaults, **agent}`).',
    keys: [
      { key: 'session_prefix', type: str, required: true, example: 'session_prefix = "myproj-"', origin: 'agents.py',
        doc: 'prefix of every session name (`session_prefix + name`), e.g. "myproj-"; characters outside the name rule become `_`, as tmux does' },
      { key: 'log_dir', type: path, required: true, example: 'log_dir = ".hangar"', origin: 'agents.py',
        doc: 'logs, socket and state (`<log_dir>/state`), relative to project_dir' },
      { key: 'project_dir', type: path, default: '.', origin: 'agents.py',
        doc: 'project root, relative to the config file\'s folder; every other relative path resolves against it' },
      ...AGENT_SETTINGS.map((k) => ({ ...k, default: undefined, doc: defaultsDoc(k.key) })),
    ],
  },
  {
    id: 'backend', header: '[backend.NAME]', doc: 'An agent CLI. claude, codex, gemini, opencode and aider are built in (README, Agent CLIs): a block with one of those names changes only the keys it sets. Patterns are matched case-insensitively against the screen.',
    keys: [
      { key: 'bin', type: str, required: true, example: 'bin = "claude"', origin: 'agents.py', doc: 'command line; for prompt_delivery = "exec" a template with {kickoff} {session} {model}' },
      { key: 'flags', type: str, default: '', origin: 'agents.py', doc: 'extra arguments appended in arg mode' },
      { key: 'prompt_delivery', type: oneOf(...PROMPT_DELIVERIES), default: 'arg', origin: 'agents.py',
        doc: 'arg: prompt as the last argument; ping: launch, wait connect_delay, type it in; exec: run bin as a template' },
      { key: 'process_name', type: str, origin: 'agents.py', doc: 'process a healthy session runs; enables backend-mismatch healing' },
      { key: 'submit_key', type: { kind: 'key' }, default: 'Enter', origin: 'agents.py', doc: 'key that submits typed input (tmux key name)' },
      { key: 'stall_idle', type: int(1), default: 300, origin: 'agents.py', doc: 'seconds idle before a heal+stall agent counts as stalled' },
      { key: 'active_re', type: regex, origin: 'agents.py', doc: 'screen text that means the agent is working' },
      { key: 'idle_re', type: regex, origin: 'hangar', doc: 'the agent\'s idle prompt, e.g. its empty input box' },
      { key: 'ask_re', type: regex, origin: 'hangar', doc: 'a question or permission prompt waiting for a person' },
      { key: 'limit_re', type: regex, origin: 'agents.py', doc: 'a usage-limit banner' },
      { key: 'fatal_re', type: regex, origin: 'agents.py', doc: 'output that means the session is broken; heal restarts it' },
      { key: 'session_id_re', type: regex, origin: 'hangar', doc: "the conversation id on screen, in the first group (e.g. \"session: (\\S+)\"); hangar saves it to state/<name>.id, so resume = true resumes it" },
      { key: 'session_id_flag', type: str, origin: 'hangar',
        doc: 'arguments after bin that give a new conversation the id hangar chose, {new_id} (a random UUID), e.g. "--session-id {new_id}" (Claude Code, the demo): ' +
          'added on every start that begins a conversation (a fresh start, a replay or recap, a rewind by resume, which forks) but not on a plain resume (resume_flag continues {id}); ' +
          'with it hangar knows each conversation\'s id from the start instead of reading it off the screen (session_id_re) or the newest session_file; must contain {new_id}; prompt_delivery = "arg" only' },
      { key: 'session_file', type: str, origin: 'hangar',
        doc: 'where the CLI keeps the session transcript (JSONL), a path with * wildcards and the fields {id} (the conversation id), {cwd} (the agent\'s directory), ' +
          '{cwd_slug} ({cwd} with every character but letters and digits turned into -, as Claude Code names its project folders), {cwd_sha256} (the SHA-256 of {cwd} in hex, as Gemini CLI names its project folders) and {home}; relative to the agent\'s directory; ' +
          'the server follows the newest match from each start of the agent (records stamped since it started). They give the agent\'s tokens and cost (status, hangar costs), its status (below a hook\'s word), usage limits, and each turn\'s tokens, and end a turn as soon as they say it ended (where the CLI records that), ' +
          'e.g. "~/.claude/projects/{cwd_slug}/*-*-*-*-*.jsonl" for Claude Code; unset: turns end when the screen goes quiet, with no tokens' },
      { key: 'footer_ui', type: bool, default: false, origin: 'agents.py', doc: 'TUI with a lingering footer: only the bottom footer_rows count for active_re' },
      { key: 'footer_rows', type: int(1), default: 10, origin: 'hangar', doc: 'rows at the bottom that form a footer_ui backend\'s footer' },
      { key: 'log_grace', type: int(0), default: 180, origin: 'agents.py', doc: 'footer_ui: seconds a recently written log still counts as active' },
      { key: 'supports_resume', type: bool, default: false, origin: 'agents.py', doc: 'the CLI can resume a conversation by id' },
      { key: 'resume_flag', type: str, default: "--resume '{id}'", origin: 'agents.py', doc: 'template for resuming, {id} = conversation id; a flag that forks the conversation names the fork with {new_id} (Claude Code: "--resume {id} --fork-session --session-id {new_id}")' },
      { key: 'rewind', type: oneOf(...REWIND_STRATEGIES), default: 'none', origin: 'hangar',
        doc: 'pilot: how going back to turn n brings the conversation back. resume: restart the CLI with rewind_resume; ' +
          'replay: fresh start, then re-send the prompts of turns 1..n, each after the last is answered (the agent does that work again: time, tokens, perhaps other answers); ' +
          'recap: fresh start whose kickoff summarises the prompts and replies of turns 1..n; none: files only, the conversation goes on as it is. ' +
          'The default is none because it is the one strategy that is safe for any CLI: set resume where the CLI can resume at a turn, replay or recap where it cannot' },
      { key: 'rewind_resume', type: str, origin: 'hangar',
        doc: 'pilot, rewind = "resume": arguments after bin (in place of resume_flag, and without the kickoff) that start the CLI on a new conversation holding the first {turn} turns of conversation {id}, ' +
          'leaving {id} as it was, e.g. "--resume {id} --at-turn {turn}"; must contain {id} and {turn}; prompt_delivery = "arg" only' },
      { key: 'remote_control', type: bool, default: false, origin: 'agents.py', doc: 'pass remote_control_flag' },
      { key: 'remote_control_flag', type: str, default: "--remote-control '{session}'", origin: 'agents.py', doc: 'template, {session} = session name' },
      { key: 'model_flag', type: str, default: "--model '{model}'", origin: 'agents.py', doc: 'template, {model} = resolved model' },
      { key: 'model_env', type: bool, default: false, origin: 'agents.py', doc: 'ping mode: pass the model as OPENCODE_CONFIG_CONTENT instead' },
      { key: 'preamble', type: str, default: '', origin: 'agents.py', doc: 'ping mode: shell command run before attach' },
      { key: 'attach', type: str, default: '{bin}', origin: 'agents.py', doc: 'ping mode: launch template with {bin} {server} {dir}' },
      { key: 'server', type: str, default: '', origin: 'agents.py', doc: 'ping mode: value of {server} in attach' },
      { key: 'host', type: { kind: 'host' }, origin: 'hangar',
        doc: `the machine this CLI's agents run on (an agent's own host wins): ${HOST_DOC}; unset: this machine` },
      { key: 'connect_delay', type: int(0), default: 12, origin: 'agents.py', doc: 'ping mode: at most this many seconds to wait for the TUI to be ready (its first idle) before typing the boot message' },
      { key: 'mcp_flags', type: str, origin: 'hangar',
        doc: 'arguments after bin that give an agent of kind = "orchestrator" hangar\'s MCP server (`hangar mcp` for this fleet, with HANGAR_AGENT set) for that run, from the fields {mcp_config} (Claude Code\'s --mcp-config JSON), ' +
          '{mcp_command}, {mcp_args} and {mcp_env} (TOML, for Codex\'s -c mcp_servers.hangar.*); built in for claude and codex, e.g. "--mcp-config={mcp_config}" for the demo; unset: the CLI gets no tools (it can still run `hangar` verbs); prompt_delivery = "arg" only' },
      { key: 'hook_silence', type: int(1), default: 30, origin: 'hangar',
        doc: "seconds a status from the CLI's hook (claude, codex) holds on its own: a 'working' no hook followed up goes back to the screen rules after this" },
    ],
  },
  {
    id: 'agent', header: '[[agent]]', identity: 'name', doc: 'One agent. Unset keys come from [defaults], then from the defaults below.',
    keys: [
      { key: 'name', type: str, required: true, origin: 'agents.py', doc: `unique among agents and services; ${NAME_RULE_DOC}` },
      { key: 'session', type: str, origin: 'agents.py', doc: 'session name (the same rule as names); default session_prefix + name' },
      ...AGENT_SETTINGS,
    ],
  },
  {
    id: 'agent.wake', header: 'wake = { … }', inline: true, doc: 'An agent\'s wake schedule: when idle, send the prompt file every interval.',
    keys: [
      { key: 'interval', type: int(1), default: 3600, origin: 'agents.py', doc: 'seconds between wakes' },
      { key: 'prompt_file', type: path, origin: 'agents.py', doc: 'text sent (whitespace collapsed), relative to project_dir; skipped while missing' },
    ],
  },
  {
    id: 'service', header: '[[service]]', identity: 'name', doc: 'A plain command kept running beside the agents (not watched).',
    keys: [
      { key: 'name', type: str, required: true, origin: 'agents.py', doc: `unique among agents and services; ${NAME_RULE_DOC}` },
      { key: 'command', type: str, required: true, origin: 'agents.py', doc: 'shell command line' },
      { key: 'dir', type: path, default: '.', origin: 'agents.py', doc: 'working directory, relative to project_dir' },
      { key: 'session', type: str, origin: 'hangar', doc: 'session name (the same rule as names); default session_prefix + name' },
      { key: 'enabled', type: bool, default: true, origin: 'hangar', doc: 'started by a bare `up` (agents.py always started services)' },
      { key: 'scrollback', type: int(SCROLLBACK_MIN, SCROLLBACK_MAX), default: 10000, origin: 'hangar', doc: 'scrollback lines; default from [defaults]' },
      ...logSettings('the raw session log <log_dir>/<session>.log').map((k) => ({ ...k, doc: `${k.doc}; default from [defaults]` })),
    ],
  },
  {
    id: 'watchdog', header: '[watchdog]', doc: 'Supervision timing, in seconds.',
    keys: [
      { key: 'signal_interval', type: int(1), default: 30, origin: 'agents.py', doc: 'light checks: limits, stalls, handoff, wake' },
      { key: 'heavy_interval', type: int(1), default: 300, origin: 'agents.py', doc: 'heavy checks: healing, phase advance' },
      { key: 'stall_grace', type: int(0), default: 180, origin: 'agents.py', doc: 'slack past a WAITING-UNTIL marker before it counts as a stall' },
      { key: 'limit_probe_fallback', type: int(1), default: 300, origin: 'agents.py', doc: 'retry interval when a limit banner has no parseable reset time' },
      { key: 'limit_reset_slack', type: int(0), default: 45, origin: 'agents.py', doc: 'wait this long past a parsed reset time' },
      { key: 'max_restarts', type: int(0), default: 5, origin: 'hangar', doc: 'restart budget: at most this many restarts per restart_window' },
      { key: 'restart_window', type: int(1), default: 600, origin: 'hangar', doc: 'seconds the restart budget is counted over' },
      { key: 'budget_usd', type: { kind: 'number', min: 0 }, origin: 'hangar', doc: 'USD the whole fleet may spend (every agent\'s cost in the usage ledger added up): at 80 % a `budget` event, at 100 % every agent is held as by its own budget_usd, until `hangar budget --raise X` or a higher value here; unset: no fleet budget' },
    ],
  },
  {
    id: 'loop', header: '[loop]', doc: 'The builder/adversary loop: phases, kickoff, handoff pings.',
    keys: [
      { key: 'phases', type: { kind: 'tables', section: 'loop.phases' }, default: [], origin: 'agents.py', doc: 'the phase sequence, as [[loop.phases]]' },
      { key: 'handoff', type: { kind: 'table', section: 'loop.handoff' }, origin: 'agents.py', doc: 'commit-subject and inbox pings between the loop pair' },
      { key: 'kickoff_template', type: path, origin: 'agents.py', doc: 'file prepended to a loop agent\'s role prompt; slots {phase_id} {plan} {status} {role}' },
      { key: 'roles_dir', type: path, default: 'prompts', origin: 'agents.py', doc: 'folder of <role>.md role prompts, relative to project_dir' },
      { key: 'done_marker', type: str, default: '## DONE', origin: 'agents.py', doc: 'line prefix in a phase status file that marks it done, with real text (not a placeholder) under it' },
      { key: 'auto_advance', type: bool, default: true, origin: 'agents.py', doc: 'when the current phase is done: stop the loop agents, move the phase index, start them on the next phase' },
      { key: 'resume_phase', type: bool, default: true, origin: 'agents.py', doc: 'true: a server that starts continues at the saved phase; false: every server start begins the sequence at phase 0' },
      { key: 'on_complete', type: { kind: 'table', section: 'loop.on_complete' }, origin: 'agents.py', doc: 'what to do when the last phase is done (the loop agents are stopped and <log_dir>/SEQUENCE-COMPLETE written either way)' },
      { key: 'state_file', type: str, default: 'phase-idx', origin: 'agents.py', doc: 'file in <log_dir>/state holding the current phase index' },
    ],
  },
  {
    id: 'loop.phases', header: '[[loop.phases]]', identity: 'id', doc: 'One phase.',
    keys: [
      { key: 'id', type: str, required: true, origin: 'agents.py', doc: 'phase name, {phase_id}' },
      { key: 'plan', type: str, default: '', origin: 'agents.py', doc: 'plan file or text, {plan}' },
      { key: 'status', type: str, required: true, origin: 'agents.py', doc: 'status file (in handoff repo/state_subdir) that receives the done_marker, {status}' },
      { key: 'models', type: { kind: 'string-map' }, default: {}, origin: 'agents.py', doc: 'per-role model for this phase: `models = { builder = "opus" }`' },
    ],
  },
  {
    id: 'loop.handoff', header: '[loop.handoff]', doc: 'Pings between the loop pair when the other side pushes.',
    keys: [
      { key: 'repo', type: path, origin: 'agents.py', doc: 'git repository watched, relative to project_dir; default project_dir' },
      { key: 'state_subdir', type: str, default: 'machine-docs', origin: 'agents.py', doc: 'folder in the repo holding status and inbox files' },
      { key: 'claim_pattern', type: regex, default: '^claim', origin: 'agents.py', doc: 'commit subject (multiline, case-insensitive) that pings claim_pings' },
      { key: 'review_pattern', type: regex, default: '^review', origin: 'agents.py', doc: 'commit subject that pings review_pings' },
      { key: 'claim_pings', type: str, default: 'adversary', origin: 'agents.py', doc: 'agent pinged on a claim' },
      { key: 'review_pings', type: str, default: 'builder', origin: 'agents.py', doc: 'agent pinged on a review' },
      { key: 'inboxes', type: { kind: 'string[]' }, default: [], origin: 'agents.py', doc: '[claim-side inbox, review-side inbox] file names in state_subdir' },
    ],
  },
  {
    id: 'loop.on_complete', header: '[loop.on_complete]', doc: 'After the last phase is done.',
    keys: [
      { key: 'run', type: str, origin: 'agents.py', doc: 'name of an agent (usually a disabled task) to start when the trigger file exists' },
      { key: 'trigger_file', type: path, default: '.run-on-complete', origin: 'agents.py', doc: 'arms on_complete: run starts when this file exists at completion, or once it appears after; then it is removed. Relative to log_dir' },
    ],
  },
  {
    id: 'price', header: '[price.NAME]',
    doc: 'What a model costs, in US dollars per million tokens, for every agent\'s cost (status, the cockpit, hangar costs) and each piloted turn\'s, when the session file does not state it: the model registry\'s top layer (`hangar models`), over the built-in and imported catalogs, like the prices of a [model.NAME]. NAME is a model id or alias; a dated name the session file records finds it (e.g. [price."claude-sonnet-4-5"] prices claude-sonnet-4-5-20250929).',
    keys: [
      { key: 'input_per_million', type: { kind: 'number', min: 0 }, required: true, example: 'input_per_million = 3.0', origin: 'hangar', doc: 'input tokens' },
      { key: 'output_per_million', type: { kind: 'number', min: 0 }, required: true, example: 'output_per_million = 15.0', origin: 'hangar', doc: 'output tokens' },
      { key: 'cache_read_per_million', type: { kind: 'number', min: 0 }, origin: 'hangar', doc: 'input tokens read from the prompt cache; default: input_per_million' },
      { key: 'cache_write_per_million', type: { kind: 'number', min: 0 }, origin: 'hangar', doc: 'input tokens written to the prompt cache; default: input_per_million' },
    ],
  },
  {
    id: 'model', header: '[model.NAME]',
    doc: 'An entry of the model registry (`hangar models`; README, Models), by canonical id: the id the CLI\'s model flag gets. Over the built-in catalog and the imported one (`hangar models --import`): an entry that exists changes only the keys written here, any other NAME adds a model. [price.NAME] is the same as prices written here.',
    keys: [
      { key: 'aliases', type: { kind: 'string[]' }, origin: 'hangar', doc: 'short names for it (e.g. ["sonnet"]); an alias given here leaves any other model' },
      { key: 'backend', type: str, origin: 'hangar', doc: 'the backend that runs it: an agent with this model and no backend gets this one' },
      { key: 'context', type: int(1), origin: 'hangar', doc: 'context window, tokens' },
      { key: 'input_per_million', type: { kind: 'number', min: 0 }, origin: 'hangar', doc: 'USD per million input tokens' },
      { key: 'output_per_million', type: { kind: 'number', min: 0 }, origin: 'hangar', doc: 'USD per million output tokens' },
      { key: 'cache_read_per_million', type: { kind: 'number', min: 0 }, origin: 'hangar', doc: 'USD per million input tokens read from the prompt cache; unset everywhere: the input price' },
      { key: 'cache_write_per_million', type: { kind: 'number', min: 0 }, origin: 'hangar', doc: 'USD per million input tokens written to the prompt cache; unset everywhere: the input price' },
      { key: 'tiers', type: { kind: 'tables', section: 'model.tiers' }, origin: 'hangar', doc: 'long-context prices, as [[model.NAME.tiers]]; replace the catalog\'s tiers' },
    ],
  },
  {
    id: 'model.tiers', header: '[[model.NAME.tiers]]',
    doc: 'A long-context price: a request whose prompt (input, cache read and cache write tokens) is over `above` tokens is priced at these rates, every token of it.',
    keys: [
      { key: 'above', type: int(0), required: true, example: 'above = 200000', origin: 'hangar', doc: 'prompt tokens the request is over' },
      { key: 'input_per_million', type: { kind: 'number', min: 0 }, required: true, example: 'input_per_million = 6.0', origin: 'hangar', doc: 'input tokens' },
      { key: 'output_per_million', type: { kind: 'number', min: 0 }, required: true, example: 'output_per_million = 22.5', origin: 'hangar', doc: 'output tokens' },
      { key: 'cache_read_per_million', type: { kind: 'number', min: 0 }, origin: 'hangar', doc: 'cache reads; default: the model\'s base cache read price' },
      { key: 'cache_write_per_million', type: { kind: 'number', min: 0 }, origin: 'hangar', doc: 'cache writes; default: the model\'s base cache write price' },
    ],
  },
  {
    id: 'watcher', header: '[[watcher]]', identity: 'kind',
    doc: 'A watcher (zwarm\'s guardrails): after each finished turn of an agent it decides continue, nudge, pause or abort (README, Watchers). ' +
      '[[watcher]] tables watch every agent; an agent\'s `watchers = [{ … }]` watch it alone. Each kind takes only its own settings (listed with them); a setting of another kind is an error.',
    keys: [
      { key: 'kind', type: oneOf(...WATCHER_KINDS), required: true, example: 'kind = "delegation_reminder"', origin: 'hangar',
        doc: 'progress: the same tool call or error again and again, or turns with no file change and no delegation; budget: turns, delegated sessions or cost past a cap; ' +
          'delegation: an agent editing files itself; delegation_reminder: many tool calls in a row that delegate nothing; scope: work outside paths or on keywords; ' +
          'pattern: a regex over the reply or the screen; quality: a command run after each turn fails' },
      { key: 'action', type: oneOf(...WATCHER_ACTIONS), origin: 'hangar',
        doc: 'what it does when it fires: nudge (a message to the agent), pause (hold: nothing typed into it until `hangar watchers --resume NAME`), abort (interrupt and stop it); default: abort for budget, nudge for the others' },
      { key: 'message_role', type: oneOf(...MESSAGE_ROLES), default: 'user', origin: 'hangar',
        doc: 'how a nudge reaches the agent: user types it as a prompt once the agent is idle; system answers the CLI\'s turn-end hook where the CLI has one (Claude Code\'s Stop hook: it goes on with the message), else as user' },
      { key: 'message', type: str, origin: 'hangar', doc: 'the nudge\'s text in place of the watcher\'s own' },
      { key: 'repeat', type: int(2), origin: 'hangar', doc: 'progress: the same tool call (tool and argument) or the same error this many times in a row (default 3)' },
      { key: 'idle_turns', type: int(1), origin: 'hangar', doc: 'progress: this many turns in a row with no file changed and nothing delegated (default 5)' },
      { key: 'max_turns', type: int(1), origin: 'hangar', doc: 'budget: the turn that reaches this many turns (zwarm\'s max_steps)' },
      { key: 'max_sessions', type: int(0), origin: 'hangar', doc: 'budget: more workers delegated than this (calls of hangar\'s MCP delegate tool)' },
      { key: 'max_cost_usd', type: { kind: 'number', min: 0 }, origin: 'hangar', doc: 'budget: the agent\'s cost (status, hangar costs) reaches this many US dollars' },
      { key: 'threshold', type: int(1), origin: 'hangar', doc: 'delegation_reminder: tool calls in a row that delegate nothing (default 10)' },
      { key: 'lookback', type: int(1), origin: 'hangar', doc: 'delegation_reminder: how many of the last tool calls are looked at (default 30)' },
      { key: 'keywords', type: { kind: 'string[]' }, origin: 'hangar', doc: 'scope: words that mark work out of scope (zwarm\'s avoid_keywords), found in its reply or a tool call, case-insensitively' },
      { key: 'paths', type: { kind: 'string[]' }, origin: 'hangar', doc: 'scope: globs (relative to the agent\'s dir; * within a folder, ** across) the files it edits must match' },
      { key: 'regex', type: regex, origin: 'hangar', doc: 'pattern: the regular expression (case-insensitive)' },
      { key: 'on', type: oneOf('reply', 'screen'), origin: 'hangar', doc: 'pattern: what the regex is matched against: the turn\'s reply (default) or the screen at its end' },
      { key: 'command', type: str, origin: 'hangar', doc: 'quality: a shell command run in the agent\'s dir after each turn (e.g. "npm test"); a non-zero exit nudges with its output\'s tail' },
      { key: 'timeout', type: int(1), origin: 'hangar', doc: 'quality: seconds the command may run before it is killed (and counted as failed; default 120)' },
      { key: 'tail', type: int(1), origin: 'hangar', doc: 'quality: lines of its output the nudge quotes (default 20)' },
    ],
  },
  {
    id: 'ui', header: '[ui]', doc: 'The cockpit.',
    keys: [
      { key: 'prefix', type: str, default: 'C-b', origin: 'hangar', doc: 'prefix key' },
      { key: 'mouse', type: bool, default: true, origin: 'hangar', doc: 'mouse focus, scroll and selection' },
      { key: 'notify', type: oneOf(...NOTIFY_MODES), default: 'none', origin: 'hangar', doc: 'how an unfocused agent finishing a turn or asking a question is announced: none, bell (BEL) or osc9 (desktop notification)' },
      { key: 'clipboard', type: oneOf(...CLIPBOARD_MODES), default: 'off', origin: 'hangar', doc: 'on: a clipboard write (OSC 52) from the focused pane\'s program is passed to your terminal; off: dropped (see README, Clipboard)' },
      { key: 'keys', type: { kind: 'table', section: 'ui.keys' }, default: {}, origin: 'hangar', doc: 'key bindings: `[ui.keys]`' },
    ],
  },
  {
    id: 'ui.keys', header: '[ui.keys]', closed: true,
    doc: 'The cockpit\'s key bindings (docs/keys.md). A command\'s keys replace its default keys, e.g. `"new-agent" = "n"` or `"history-line-up" = ["k", "C-p"]`; commands after the prefix are typed after it. A key bound twice in one place is an error; `?` shows the keys in effect.',
    keys: [
      { key: 'prefix', type: { kind: 'key' }, origin: 'hangar', doc: 'the prefix key (the same as [ui] prefix; set one of them)' },
      ...bindableCommands().map((c): KeySpec => ({
        key: c.name, type: { kind: 'keys' }, origin: 'hangar',
        default: c.keys.map((k) => (k === PREFIX_KEY ? 'the prefix' : k)),
        doc: c.name === 'focus-index' ? 'focus the pane at a position: the first key focuses pane 1, the second pane 2 … (at most 9)' : c.summary,
      })),
    ],
  },
];

export const SCHEMA: ReadonlyMap<SectionId, SectionSpec> = new Map(SECTIONS.map((s) => [s.id, s]));

export function sectionSpec(id: SectionId): SectionSpec {
  const spec = SCHEMA.get(id);
  if (!spec) throw new Error(`no schema section ${id}`);
  return spec;
}

function keySpec(section: SectionId, key: string): KeySpec | undefined {
  return sectionSpec(section).keys.find((k) => k.key === key);
}

/** The schema default of a key, for resolvers: throws on a typo in the key name. */
export function defaultOf<T>(section: SectionId, key: string): T {
  const spec = keySpec(section, key);
  if (!spec) throw new Error(`no schema key ${section}.${key}`);
  return spec.default as T;
}
