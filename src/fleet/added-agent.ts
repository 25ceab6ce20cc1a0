import { homedir } from 'node:os';
import { crossCheck } from '../config/cross-check.js';
import { nameProblem } from '../config/name-rule.js';
import { resolveFleet } from '../config/resolve.js';
import type { AgentConfig, FleetConfig } from '../config/types.js';
import { validateDocument, type Table } from '../config/validate.js';
import { FleetError } from './fleet-error.js';

/** What `hangar add` and the cockpit's `C-b c` form give: the rest comes from [defaults]. */
export interface AddAgentSpec {
  name: string;
  /** a [backend.NAME]; default: [defaults] backend */
  backend?: string;
  /** the kickoff prompt; default: [defaults] prompt */
  prompt?: string;
  /** its working directory; default: [defaults] dir (the pilot's branches work in a worktree) */
  dir?: string;
  /** its model; default: [defaults] model */
  model?: string;
  /** the machine it runs on; default: [defaults] host, then its backend's ('' is this machine) */
  host?: string;
  /** none, heal or heal+stall; default: [defaults] watch */
  watch?: string;
  /** work in a git worktree of its own (README, Worktrees); default: [defaults] worktree */
  worktree?: boolean;
  /** the orchestrator that delegates it (an agent of the fleet): it is shown as that one's worker */
  parent?: string;
}

/**
 * The AgentConfig an agent added at run time gets, made exactly as the config loader would
 * make it had the agent been written as one more `[[agent]]` in agents.toml: the document is
 * validated, resolved ([defaults] merged under it, schema defaults, paths) and cross-checked
 * (backend defined, session unique, files present) by the loader's own code. Only problems
 * of the new entry count; `taken` are the names already in use (agents added earlier too).
 * Throws FleetError('bad_args') with a message that names the field.
 */
export function resolveAddedAgent(config: FleetConfig, spec: AddAgentSpec, taken: readonly string[], home = process.env['HOME'] ?? homedir()): AgentConfig {
  const name = spec.name.trim();
  if (!name) throw new FleetError('bad_args', 'name: must not be empty');
  // it becomes a session name and part of file names (config/name-rule.ts)
  const bad = nameProblem(name);
  if (bad) throw new FleetError('bad_args', `name: ${JSON.stringify(name)} cannot be used: ${bad}`);
  if (taken.includes(name)) throw new FleetError('bad_args', `name: "${name}" is already taken (in use: ${taken.join(', ')})`);
  if (spec.backend !== undefined && !spec.backend.trim()) throw new FleetError('bad_args', 'backend: must not be empty (leave it out for the [defaults] backend)');

  const entry: Table = { name };
  if (spec.backend !== undefined) entry['backend'] = spec.backend.trim();
  if (spec.prompt !== undefined && spec.prompt !== '') entry['prompt'] = spec.prompt;
  if (spec.dir !== undefined) entry['dir'] = spec.dir;
  if (spec.model !== undefined && spec.model !== '') entry['model'] = spec.model;
  if (spec.host !== undefined) entry['host'] = spec.host;
  if (spec.watch !== undefined) entry['watch'] = spec.watch;
  if (spec.worktree !== undefined) entry['worktree'] = spec.worktree;
  const raw = structuredClone(config.raw);
  const agents = Array.isArray(raw['agent']) ? (raw['agent'] as Table[]) : [];
  raw['agent'] = [...agents, entry];
  const index = agents.length;

  const { clean, findings } = validateDocument(raw);
  const resolved = resolveFleet({ clean, raw, path: config.path, displayPath: config.displayPath, home });
  findings.push(...crossCheck({ config: resolved, clean, lineOf: () => undefined }));
  const label = `[[agent]] ${JSON.stringify(name)}`;
  const errors = findings.filter((f) => f.severity === 'error' && ((f.path[0] === 'agent' && f.path[1] === index) || f.message.includes(label)));
  if (errors.length > 0) throw new FleetError('bad_args', errors.map((f) => f.message.replace(`${label}: `, '')).join('; '));
  return resolved.agents[index]!;
}
