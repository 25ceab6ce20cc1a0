/**
 * Turns a validated document into the resolved FleetConfig with agents.py's semantics:
 * [defaults] merge under each agent (`{**defaults, **agent}`), session = session_prefix +
 * name unless given, every relative path resolves against project_dir (itself relative to
 * the config file's folder), schema defaults fill the rest. Pure: touches no file.
 */

import { dirname } from 'node:path';
import { resolveConfigPath } from './paths.js';
import { instanceLogDir, stateDirOf } from '../fs/fleet-files.js';
import { DEFAULT_INSTANCE } from './instance-name.js';
import { prefixedSession } from './name-rule.js';
import { defaultOf, sectionSpec, type SectionId } from './schema.js';
import type { ModelFacts } from '../models/model-entry.js';
import { backendOfModel, fleetRegistry } from './model-layers.js';
import type {
  AgentConfig, BackendConfig, FleetConfig, HandoffConfig, LoopConfig, ModelConfig, ModelTierConfig, OnCompleteConfig, PhaseConfig,
  PriceConfig, ServiceConfig, UiConfig, WakeConfig, WatchdogConfig, WatcherConfig,
} from './types.js';
import type { Table } from './validate.js';

export interface ResolveInput {
  /** validated document: only known, well-typed keys */
  clean: Table;
  /** the document after overrides, unknown keys kept */
  raw: Table;
  /** absolute */
  path: string;
  displayPath: string;
  home: string;
  /** the user's model catalog (`<state_dir>/models.json`, read by the loader); none when left out */
  importedModels?: readonly ModelFacts[];
  /** the copy of the fleet (`--instance`, config/instance-name.ts); the default one when left out */
  instance?: string;
}

/** Keys of [defaults] that merge into agents (everything an agent takes but its identity). */
const AGENT_IDENTITY = new Set(['name', 'session']);
const MERGED_AGENT_KEYS: readonly string[] = sectionSpec('agent')
  .keys.map((k) => k.key)
  .filter((k) => !AGENT_IDENTITY.has(k));

export function resolveFleet(input: ResolveInput): FleetConfig {
  const { clean, home } = input;
  const defaults = table(clean['defaults']);
  const project_dir = resolveConfigPath(dirname(input.path), str(defaults['project_dir']) ?? '.', home);
  const at = (p: string) => resolveConfigPath(project_dir, p, home);
  const session_prefix = str(defaults['session_prefix']) ?? '';
  const instance = input.instance ?? DEFAULT_INSTANCE;
  // a second copy keeps its own socket, logs and state under the first one's log_dir
  const configLogDir = at(str(defaults['log_dir']) ?? '.');
  const log_dir = instance === DEFAULT_INSTANCE ? configLogDir : instanceLogDir(configLogDir, instance);
  const prices = Object.fromEntries(Object.entries(table(clean['price'])).map(([model, p]) => [model, resolvePrice(table(p))]));
  const models = Object.fromEntries(Object.entries(table(clean['model'])).map(([id, m]) => [id, resolveModel(table(m))]));
  const registry = fleetRegistry(models, prices, input.importedModels ?? []);
  return {
    path: input.path,
    displayPath: input.displayPath,
    instance,
    project_dir,
    log_dir,
    state_dir: stateDirOf(log_dir),
    session_prefix,
    log_max: (defaults['log_max'] as number | undefined) ?? defaultOf<number>('agent', 'log_max'),
    log_keep: (defaults['log_keep'] as number | undefined) ?? defaultOf<number>('agent', 'log_keep'),
    defaults,
    backends: Object.fromEntries(
      Object.entries(table(clean['backend'])).map(([name, b]) => [name, resolveBackend(name, table(b))]),
    ),
    // an agent with a model and no backend runs on the backend the registry names for the model
    agents: tables(clean['agent'])
      .map((a) => resolveAgent(mergeAgentDefaults(defaults, a), session_prefix, at))
      .map((a) => (a.backend ? a : { ...a, backend: backendOfModel(registry, a.model) })),
    services: tables(clean['service']).map((s) => resolveService(s, defaults, session_prefix, at)),
    watchdog: withDefaults<WatchdogConfig>('watchdog', table(clean['watchdog'])),
    loop: resolveLoop(table(clean['loop']), at, log_dir, home),
    ui: resolveUi(table(clean['ui'])),
    watchers: tables(clean['watcher']).map(resolveWatcher),
    prices,
    models,
    registry,
    raw: input.raw,
  };
}

/** `{**defaults, **agent}` restricted to keys an agent takes. */
function mergeAgentDefaults(defaults: Table, agent: Table): Table {
  const merged: Table = {};
  for (const k of MERGED_AGENT_KEYS) if (defaults[k] !== undefined) merged[k] = defaults[k];
  return { ...merged, ...agent };
}

function resolveAgent(m: Table, prefix: string, at: (p: string) => string): AgentConfig {
  const name = str(m['name']) ?? '';
  const wake = m['wake'] === undefined ? undefined : resolveWake(table(m['wake']), at);
  const promptFile = str(m['prompt_file']);
  const watchers = m['watchers'] === undefined ? undefined : tables(m['watchers']).map(resolveWatcher);
  return {
    ...withDefaults<Omit<AgentConfig, 'name' | 'session' | 'dir' | 'prompt_file' | 'wake' | 'watchers'>>('agent', m, ['wake', 'prompt_file', 'dir', 'watchers']),
    name,
    backend: str(m['backend']) ?? '',
    session: str(m['session']) ?? prefixedSession(prefix, name),
    dir: at(str(m['dir']) ?? '.'),
    ...(promptFile !== undefined ? { prompt_file: at(promptFile) } : {}),
    ...(wake ? { wake } : {}),
    ...(watchers ? { watchers } : {}),
  };
}

/** A watcher as written (its kind's defaults are the decisions' own: watchers/), integers as numbers. */
function resolveWatcher(w: Table): WatcherConfig {
  return withDefaults<WatcherConfig>('watcher', numbers(w));
}

function resolveWake(w: Table, at: (p: string) => string): WakeConfig {
  const pf = str(w['prompt_file']);
  return {
    interval: (w['interval'] as number | undefined) ?? defaultOf<number>('agent.wake', 'interval'),
    ...(pf !== undefined ? { prompt_file: at(pf) } : {}),
  };
}

/** agents.py merges [defaults] into services too; of those keys only scrollback and the log caps mean anything for a service. */
function resolveService(s: Table, defaults: Table, prefix: string, at: (p: string) => string): ServiceConfig {
  const name = str(s['name']) ?? '';
  const merged = (key: string) => (s[key] as number | undefined) ?? (defaults[key] as number | undefined) ?? defaultOf<number>('service', key);
  return {
    name,
    command: str(s['command']) ?? '',
    dir: at(str(s['dir']) ?? '.'),
    session: str(s['session']) ?? prefixedSession(prefix, name),
    enabled: (s['enabled'] as boolean | undefined) ?? defaultOf<boolean>('service', 'enabled'),
    scrollback: merged('scrollback'),
    log_max: merged('log_max'),
    log_keep: merged('log_keep'),
  };
}

function resolveBackend(name: string, b: Table): BackendConfig {
  return { ...withDefaults<Omit<BackendConfig, 'name'>>('backend', b), name };
}

function resolvePrice(p: Table): PriceConfig {
  const number = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v as number | undefined));
  const price: PriceConfig = { input_per_million: number(p['input_per_million']) ?? 0, output_per_million: number(p['output_per_million']) ?? 0 };
  const read = number(p['cache_read_per_million']);
  const write = number(p['cache_write_per_million']);
  return { ...price, ...(read !== undefined ? { cache_read_per_million: read } : {}), ...(write !== undefined ? { cache_write_per_million: write } : {}) };
}

function resolveModel(m: Table): ModelConfig {
  const out: Table = {};
  for (const [key, value] of Object.entries(m)) {
    if (key === 'tiers') out[key] = tables(value).map((t) => numbers(t) as unknown as ModelTierConfig);
    else out[key] = typeof value === 'bigint' ? Number(value) : value;
  }
  return out as ModelConfig;
}

/** A table's integers as numbers (TOML may give bigints). */
function numbers(t: Table): Table {
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]));
}

function resolveLoop(l: Table, at: (p: string) => string, logDir: string, home: string): LoopConfig {
  const base = withDefaults<LoopConfig>('loop', l, ['phases', 'handoff', 'on_complete', 'kickoff_template', 'roles_dir']);
  const kickoff = str(l['kickoff_template']);
  const loop: LoopConfig = {
    ...base,
    phases: tables(l['phases']).map((p) => withDefaults<PhaseConfig>('loop.phases', p)),
    roles_dir: at(str(l['roles_dir']) ?? defaultOf<string>('loop', 'roles_dir')),
    ...(kickoff !== undefined ? { kickoff_template: at(kickoff) } : {}),
  };
  if (l['handoff'] !== undefined) {
    const h = table(l['handoff']);
    const repo = str(h['repo']);
    loop.handoff = { ...withDefaults<HandoffConfig>('loop.handoff', h, ['repo']), ...(repo !== undefined ? { repo: at(repo) } : {}) };
  }
  if (l['on_complete'] !== undefined) {
    const oc = withDefaults<OnCompleteConfig>('loop.on_complete', table(l['on_complete']));
    loop.on_complete = { ...oc, trigger_file: resolveConfigPath(logDir, oc.trigger_file, home) };
  }
  return loop;
}

/** The section's schema defaults under the given values; `skip` keys are resolved by the caller. */
/** [ui] with [ui.keys]: each command's keys as a list; the prefix from either place. */
function resolveUi(ui: Table): UiConfig {
  const { prefix, ...commands } = table(ui['keys']);
  const keys = Object.fromEntries(Object.entries(commands).map(([command, k]) => [command, typeof k === 'string' ? [k] : (k as string[])]));
  return { ...withDefaults<UiConfig>('ui', ui), keys, prefix: str(prefix) ?? str(ui['prefix']) ?? defaultOf<string>('ui', 'prefix') };
}

function withDefaults<T>(section: SectionId, values: Table, skip: readonly string[] = []): T {
  const out: Table = {};
  for (const k of sectionSpec(section).keys) {
    if (skip.includes(k.key)) continue;
    const v = values[k.key] ?? k.default;
    if (v !== undefined) out[k.key] = v;
  }
  return out as T;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function table(v: unknown): Table {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Table) : {};
}

function tables(v: unknown): Table[] {
  return Array.isArray(v) ? (v as Table[]) : [];
}
