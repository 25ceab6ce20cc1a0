/**
 * The resolved shape of an agents.toml. Keys keep their TOML spelling (snake_case) so the
 * config reference, the file and the code use one vocabulary. Paths are absolute once
 * resolved (against project_dir, which defaults to the config file's folder).
 */

import type { ModelRegistry } from '../models/registry.js';

export type PromptDelivery = 'arg' | 'ping' | 'exec';
export type AgentKind = 'persistent' | 'loop' | 'task' | 'orchestrator';
export type WatchMode = 'none' | 'heal' | 'heal+stall';
/** hangar: how the pilot brings an agent's conversation back to an earlier turn. */
export type RewindStrategy = 'resume' | 'replay' | 'recap' | 'none';

export interface BackendConfig {
  name: string;
  bin: string;
  flags: string;
  prompt_delivery: PromptDelivery;
  process_name?: string;
  submit_key: string;
  stall_idle: number;
  active_re?: string;
  /** hangar: the agent's idle prompt, e.g. its empty input box. */
  idle_re?: string;
  /** hangar: a question or permission prompt that waits for a person. */
  ask_re?: string;
  limit_re?: string;
  fatal_re?: string;
  /** hangar: the conversation id on screen, captured by the first group. */
  session_id_re?: string;
  /** hangar: the arguments that give a new conversation the id hangar chose ({new_id}). */
  session_id_flag?: string;
  footer_ui: boolean;
  /** hangar: how many bottom rows count as the footer of a footer_ui backend (default 10). */
  footer_rows: number;
  log_grace: number;
  supports_resume: boolean;
  resume_flag: string;
  /** hangar: how going back to a turn brings the conversation back (default 'none': files only). */
  rewind: RewindStrategy;
  /** hangar: with rewind = 'resume', the arguments that fork conversation {id} at turn {turn}. */
  rewind_resume?: string;
  /** hangar: the CLI's session transcript (JSONL): a path template with * and {id} {cwd} {cwd_slug} {home}. */
  session_file?: string;
  remote_control: boolean;
  remote_control_flag: string;
  model_flag: string;
  model_env: boolean;
  preamble: string;
  attach: string;
  server: string;
  connect_delay: number;
  /** hangar: seconds a hook's status holds on its own (session/hook-word.ts) */
  hook_silence: number;
  /** hangar: the machine its agents run on (ssh:// or k8s://, config/host.ts); unset: this one. */
  host?: string;
  /** hangar: the arguments that give an orchestrator hangar's MCP server (config/mcp-flags.ts); unset: the CLI takes none. */
  mcp_flags?: string;
}

export interface WakeConfig {
  interval: number;
  /** absolute */
  prompt_file?: string;
}

export type WatcherKind = 'progress' | 'budget' | 'delegation' | 'delegation_reminder' | 'scope' | 'pattern' | 'quality';
export type WatcherActionName = 'nudge' | 'pause' | 'abort';

/** hangar: one watcher ([[watcher]] or an agent's `watchers = […]`), as written; each kind reads its own settings. */
export interface WatcherConfig {
  kind: WatcherKind;
  action?: WatcherActionName;
  message_role: 'user' | 'system';
  message?: string;
  repeat?: number;
  idle_turns?: number;
  max_turns?: number;
  max_sessions?: number;
  max_cost_usd?: number;
  threshold?: number;
  lookback?: number;
  keywords?: string[];
  paths?: string[];
  regex?: string;
  on?: 'reply' | 'screen';
  command?: string;
  timeout?: number;
  tail?: number;
}

export interface AgentConfig {
  name: string;
  kind: AgentKind;
  backend: string;
  model: string;
  role?: string;
  prompt: string;
  /** absolute */
  prompt_file?: string;
  /** absolute working directory */
  dir: string;
  session: string;
  enabled: boolean;
  watch: WatchMode;
  resume: boolean;
  /** hangar: work in a git worktree of `dir` of its own, on branch hangar/<name> (README, Worktrees) */
  worktree?: boolean;
  wake?: WakeConfig;
  /** hangar: scrollback lines kept by the emulator (default from [defaults] or 10000). */
  scrollback: number;
  /** hangar: bytes the raw session log may grow to before it is rotated. */
  log_max: number;
  /** hangar: rotated session logs kept (<session>.log.1 …). */
  log_keep: number;
  /** hangar: the machine it runs on, over its backend's host; '' is this machine. */
  host?: string;
  /** hangar: USD it may spend before it is held (watchdog/budget.ts); unset: no budget. */
  budget_usd?: number;
  /** hangar: its own watchers, besides the fleet's ([[watcher]]) */
  watchers?: WatcherConfig[];
}

export interface ServiceConfig {
  name: string;
  command: string;
  /** absolute */
  dir: string;
  session: string;
  enabled: boolean;
  scrollback: number;
  log_max: number;
  log_keep: number;
}

export interface WatchdogConfig {
  signal_interval: number;
  heavy_interval: number;
  stall_grace: number;
  limit_probe_fallback: number;
  limit_reset_slack: number;
  /** hangar: restart budget — at most max_restarts within restart_window seconds. */
  max_restarts: number;
  restart_window: number;
  /** hangar: USD the whole fleet may spend before every agent is held; unset: no fleet budget. */
  budget_usd?: number;
}

export interface PhaseConfig {
  id: string;
  plan: string;
  status: string;
  models: Record<string, string>;
}

export interface HandoffConfig {
  repo?: string;
  state_subdir: string;
  claim_pattern: string;
  review_pattern: string;
  claim_pings: string;
  review_pings: string;
  inboxes: string[];
}

export interface OnCompleteConfig {
  run?: string;
  trigger_file: string;
}

export interface LoopConfig {
  phases: PhaseConfig[];
  handoff?: HandoffConfig;
  kickoff_template?: string;
  roles_dir: string;
  done_marker: string;
  auto_advance: boolean;
  resume_phase: boolean;
  on_complete?: OnCompleteConfig;
  state_file: string;
}

/** hangar: a model's price in USD per million tokens (cache prices default to input's). */
export interface PriceConfig {
  input_per_million: number;
  output_per_million: number;
  cache_read_per_million?: number;
  cache_write_per_million?: number;
}

/** hangar: a long-context price of a [model.NAME] ([[model.NAME.tiers]]). */
export interface ModelTierConfig {
  above: number;
  input_per_million: number;
  output_per_million: number;
  cache_read_per_million?: number;
  cache_write_per_million?: number;
}

/** hangar: a [model.NAME] table as written: every key may be left out. */
export interface ModelConfig {
  aliases?: string[];
  backend?: string;
  context?: number;
  input_per_million?: number;
  output_per_million?: number;
  cache_read_per_million?: number;
  cache_write_per_million?: number;
  tiers?: ModelTierConfig[];
}

export interface UiConfig {
  prefix: string;
  mouse: boolean;
  notify: 'none' | 'bell' | 'osc9';
  /** OSC 52 from the focused pane's program reaches the real terminal (README, Clipboard) */
  clipboard: 'off' | 'on';
  /** [ui.keys]: command → the keys that replace its default ones (the prefix is `prefix` above) */
  keys: Record<string, string[]>;
}

export interface FleetConfig {
  /** absolute path of the config file */
  path: string;
  /** the path as the user gave it, for messages */
  displayPath: string;
  /** which copy of the fleet this is (`--instance`; `default` unless given): log_dir is its own */
  instance: string;
  project_dir: string;
  log_dir: string;
  state_dir: string;
  session_prefix: string;
  /** hangar: [defaults]' log_max and log_keep, the cap of server.log and events.jsonl */
  log_max: number;
  log_keep: number;
  /** the validated [defaults] table, as written */
  defaults: Record<string, unknown>;
  backends: Record<string, BackendConfig>;
  agents: AgentConfig[];
  services: ServiceConfig[];
  watchdog: WatchdogConfig;
  loop: LoopConfig;
  ui: UiConfig;
  /** hangar: [[watcher]], over every agent */
  watchers: WatcherConfig[];
  /** hangar: by model name */
  prices: Record<string, PriceConfig>;
  /** hangar: [model.NAME] by model id, as written */
  models: Record<string, ModelConfig>;
  /** hangar: the model registry — built-in < the user catalog < [model.NAME] and [price.NAME] (models/registry.ts) */
  registry: ModelRegistry;
  /** the whole parsed document after --set and env overrides; unknown keys kept */
  raw: Record<string, unknown>;
}
