/**
 * Checks that need the whole fleet: names unique across agents and services, every agent's
 * backend defined, loop agents with a role, prompt files present, a backend's rewind
 * strategy with what it needs, its session_file with known fields. A file needed by an
 * enabled agent is an error; one only a disabled agent needs is a warning, since agents.py
 * reads it at launch and a disabled agent may never launch (an on_complete task, say).
 * Reads the filesystem (existence only); creates nothing.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, KeyPath, Severity } from './diagnostics.js';
import { pathUnder } from '../fs/path-under.js';
import { keyOverrideProblems } from '../keymap/index.js';
import { nameProblem, prefixedSession } from './name-rule.js';
import { hookFlagConflict } from './hook-flags.js';
import { checkRewind } from './rewind-check.js';
import { mcpFlagsProblem } from './mcp-flags.js';
import { findModel, modelNames } from '../models/registry.js';
import { nearestKeys } from './nearest-key.js';
import { checkSessionFileTemplate } from './session-file-fields.js';
import { watcherProblems } from './watcher-check.js';
import type { AgentConfig, FleetConfig } from './types.js';
import type { Table } from './validate.js';

export interface CrossCheckInput {
  config: FleetConfig;
  clean: Table;
  /** line of a key path in the config, for "first defined at line N" */
  lineOf: (path: KeyPath) => number | undefined;
}

export function crossCheck({ config, clean, lineOf }: CrossCheckInput): Finding[] {
  const findings: Finding[] = [];
  const agentsClean = (Array.isArray(clean['agent']) ? clean['agent'] : []) as Table[];
  const defaults = config.defaults;
  /** where an agent's merged key was written: the agent, else [defaults] */
  const origin = (i: number, key: string): KeyPath =>
    agentsClean[i]?.[key] !== undefined || defaults[key] === undefined ? ['agent', i, key] : ['defaults', key];
  const error = (path: KeyPath, message: string, severity: Severity = 'error') => findings.push({ path, message, severity });

  checkNames(config, clean, lineOf, error);
  checkKeys(clean, config, error);
  checkWatchers(clean, error);
  const rawBackends = (config.raw['backend'] ?? {}) as Record<string, Table | undefined>;
  for (const backend of Object.values(config.backends)) {
    const written = rawBackends[backend.name]?.['rewind_resume'] !== undefined;
    for (const f of checkRewind(backend, written)) error(['backend', backend.name, f.key], f.message, f.severity);
    const sessionFile = backend.session_file === undefined ? undefined : checkSessionFileTemplate(backend.name, backend.session_file);
    if (sessionFile) error(['backend', backend.name, 'session_file'], sessionFile);
    const conflict = hookFlagConflict(backend);
    if (conflict) error(['backend', backend.name, 'flags'], `[backend.${backend.name}] flags: ${conflict}`);
    const mcp = backend.mcp_flags === undefined ? null : mcpFlagsProblem(backend.mcp_flags);
    if (mcp) error(['backend', backend.name, 'mcp_flags'], `[backend.${backend.name}] mcp_flags: ${mcp}`);
  }
  const backendNames = Object.keys(config.backends).sort();
  const modelsChecked = new Set<string>();
  config.agents.forEach((agent, i) => {
    if (!agent.name) return;
    const label = `[[agent]] ${JSON.stringify(agent.name)}`;
    const needed: Severity = agent.enabled ? 'error' : 'warning';
    if (!agent.backend) error(['agent', i], `${label}: no backend (set backend here or in [defaults])`);
    else if (!config.backends[agent.backend]) {
      const known = backendNames.length ? backendNames.join(', ') : 'none — add a [backend.NAME] table';
      error(origin(i, 'backend'), `${label}: backend "${agent.backend}" is not defined (known: ${known})`);
    }
    const runsOn = config.backends[agent.backend];
    if (agent.kind === 'orchestrator' && runsOn && (!runsOn.mcp_flags || runsOn.prompt_delivery !== 'arg')) {
      error(origin(i, 'kind'), `${label}: kind = "orchestrator" on backend "${agent.backend}", which ${runsOn.mcp_flags ? `starts with prompt_delivery = "${runsOn.prompt_delivery}" (mcp_flags needs "arg")` : 'has no mcp_flags'}: ` +
        "it gets the orchestrator prompt but not hangar's MCP tools (it can still run `hangar` verbs)", 'warning');
    }
    if (agent.kind === 'loop') checkLoopAgent(config, agent, i, label, needed, origin, error);
    else if (agent.prompt_file !== undefined && !existsSync(agent.prompt_file)) {
      const written = String(agentsClean[i]?.['prompt_file'] ?? defaults['prompt_file']);
      error(origin(i, 'prompt_file'), `${label}: prompt_file "${written}" does not exist (looked for ${agent.prompt_file})`, needed);
    }
    checkModels(config, agent, origin(i, 'model'), modelsChecked, error);
    const wakeFile = agent.wake?.prompt_file;
    if (wakeFile !== undefined && !existsSync(wakeFile)) {
      error(origin(i, 'wake'), `${label}: wake.prompt_file does not exist (looked for ${wakeFile}); wakes are skipped while it is missing`, 'warning');
    }
  });
  checkLoopReferences(config, error);
  return findings;
}

type Report = (path: KeyPath, message: string, severity?: Severity) => void;

function checkNames(config: FleetConfig, clean: Table, lineOf: CrossCheckInput['lineOf'], error: Report): void {
  const seen = new Map<string, { path: KeyPath; label: string; kind: string }>();
  const sessions = new Map<string, string>();
  const written = (kind: string, i: number) => ((Array.isArray(clean[kind]) ? clean[kind] : []) as Table[])[i]?.['session'] !== undefined;
  const entries = [
    ...config.agents.map((a, i) => ({ kind: 'agent', header: '[[agent]]', name: a.name, session: a.session, index: i })),
    ...config.services.map((s, i) => ({ kind: 'service', header: '[[service]]', name: s.name, session: s.session, index: i })),
  ];
  for (const e of entries) {
    if (!e.name) continue;
    const path: KeyPath = [e.kind, e.index, 'name'];
    const label = `${e.header} ${JSON.stringify(e.name)}`;
    const bad = nameProblem(e.name);
    if (bad) {
      error(path, `${label}: name cannot be used: ${bad}`);
      continue;
    }
    const badSession = nameProblem(e.session);
    if (badSession) {
      const own = written(e.kind, e.index);
      error(own ? [e.kind, e.index, 'session'] : ['defaults', 'session_prefix'],
        `${label}: session ${JSON.stringify(e.session)}${own ? '' : ' (session_prefix + name)'} cannot be used: ${badSession}`);
      continue;
    }
    const first = seen.get(e.name);
    if (first) {
      const line = lineOf(first.path);
      const at = line !== undefined ? ` (line ${line})` : '';
      error(path, first.kind === e.kind
        ? `${label}: duplicate ${e.kind} name, first defined${line !== undefined ? ` at line ${line}` : ' above'}`
        : `${label}: name is already used by ${first.label}${at}`);
      continue;
    }
    seen.set(e.name, { path, label, kind: e.kind });
    const other = sessions.get(e.session);
    if (other) error([e.kind, e.index], `${label}: session "${e.session}" is also used by ${other}`);
    else sessions.set(e.session, label);
  }
}

/**
 * Each model an agent may run with (its own, its role's in each phase) is one the registry knows,
 * else a warning: the CLI gets the name unchanged and its tokens have no price. Only for a
 * backend the registry names models for (claude, codex, gemini): of another CLI's models (a
 * backend of your own, opencode's provider/model names) it knows nothing to compare with.
 */
function checkModels(config: FleetConfig, agent: AgentConfig, path: KeyPath, checked: Set<string>, error: Report): void {
  if (!config.registry.entries.some((e) => e.backend === agent.backend)) return;
  const phaseModels = agent.role ? config.loop.phases.map((p) => p.models[agent.role!] ?? '') : [];
  const names = [...new Set([agent.model, ...phaseModels].filter((m) => m !== ''))];
  for (const name of names.filter((n) => !findModel(config.registry, n))) {
    // a model written once in [defaults] is reported once, not once per agent
    const once = `${path.join('.')}=${name}`;
    if (checked.has(once)) continue;
    checked.add(once);
    const near = nearestKeys(name, modelNames(config.registry), 3);
    const hint = near.length ? ` (nearest: ${near.join(', ')})` : '';
    error(path, `model "${name}" is not in the model registry${hint}: the CLI gets it unchanged and its tokens have no price (hangar models lists the registry; [model.NAME] or hangar models --import adds it)`, 'warning');
  }
}

function checkLoopAgent(
  config: FleetConfig, agent: AgentConfig, i: number, label: string, needed: Severity,
  origin: (i: number, key: string) => KeyPath, error: Report,
): void {
  if (!agent.role) {
    error(['agent', i], `${label}: a loop agent needs a role (its prompt is roles_dir/<role>.md)`, needed === 'error' ? 'error' : 'warning');
    return;
  }
  const rolePrompt = join(config.loop.roles_dir, `${agent.role}.md`);
  if (!existsSync(rolePrompt)) {
    error(origin(i, 'role'), `${label}: role prompt for "${agent.role}" does not exist (looked for ${rolePrompt})`, needed);
  }
}

function checkLoopReferences(config: FleetConfig, error: Report): void {
  const { loop } = config;
  try {
    pathUnder(config.state_dir, loop.state_file);
  } catch {
    error(['loop', 'state_file'], `[loop] state_file ${JSON.stringify(loop.state_file)} must name a file inside <log_dir>/state (${config.state_dir})`);
  }
  const loopAgents = config.agents.filter((a) => a.kind === 'loop');
  if (loop.kickoff_template !== undefined && !existsSync(loop.kickoff_template)) {
    const severity: Severity = loopAgents.some((a) => a.enabled) ? 'error' : 'warning';
    error(['loop', 'kickoff_template'], `[loop] kickoff_template does not exist (looked for ${loop.kickoff_template})`, severity);
  }
  const names = new Set(config.agents.map((a) => a.name));
  const run = loop.on_complete?.run;
  if (run !== undefined && !names.has(run)) {
    error(['loop', 'on_complete', 'run'], `[loop.on_complete] run: no agent named "${run}"; nothing will be started`, 'warning');
  }
  if (loop.handoff && loopAgents.length > 0) {
    for (const key of ['claim_pings', 'review_pings'] as const) {
      const target = loop.handoff[key];
      if (!names.has(target)) {
        error(['loop', 'handoff', key], `[loop.handoff] ${key}: no agent named "${target}"; its pings go to session ${prefixedSession(config.session_prefix, target)}`, 'warning');
      }
    }
  }
}

/** [ui.keys]: the prefix set in one place, every key bound once where it applies. */
function checkKeys(clean: Table, config: FleetConfig, error: (path: KeyPath, message: string) => void): void {
  const ui = (clean['ui'] ?? {}) as Table;
  const keys = (ui['keys'] ?? {}) as Table;
  if (ui['prefix'] !== undefined && keys['prefix'] !== undefined) {
    error(['ui', 'keys', 'prefix'], '[ui.keys] prefix: the prefix is also set by [ui] prefix; set it in one place');
  }
  for (const p of keyOverrideProblems(config.ui.keys, config.ui.prefix)) {
    error(['ui', 'keys', p.command], `[ui.keys] ${JSON.stringify(p.command)}: ${p.message}`);
  }
}

/** Every [[watcher]] and agent's `watchers` entry: only its kind's settings, and what its kind needs. */
function checkWatchers(clean: Table, error: (path: KeyPath, message: string) => void): void {
  const list = (v: unknown) => (Array.isArray(v) ? (v as Table[]) : []);
  const check = (w: Table, path: KeyPath, label: string) => {
    for (const p of watcherProblems(w)) error(p.key === null ? path : [...path, p.key], `${label}: ${p.message}`);
  };
  list(clean['watcher']).forEach((w, i) => check(w, ['watcher', i], `[[watcher]] #${i + 1}`));
  list(clean['agent']).forEach((a, i) => {
    const name = typeof a['name'] === 'string' ? JSON.stringify(a['name']) : `#${i + 1}`;
    list(a['watchers']).forEach((w, j) => check(w, ['agent', i, 'watchers', j], `[[agent]] ${name} watchers[${j}]`));
  });
}
