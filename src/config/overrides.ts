/**
 * Per-invocation overrides applied to the parsed document before validation, so an override
 * is checked exactly like the file: `--set a.b=value` for any key, and agents.py's
 * `AGENT_MODEL_<name>` / `AGENT_BACKEND_<name>` environment variables. Entries of arrays of
 * tables are addressed by name (`agent.builder.model=x`, `loop.phases.p2.plan=y`) or index.
 * Each overridden key remembers where it came from so diagnostics can point there.
 */

import { parse } from 'smol-toml';
import { isTable } from './check-value.js';
import type { Diagnostic } from './diagnostics.js';
import { keyPathString } from './toml-locate.js';
import { sectionSpec, type SectionSpec } from './schema.js';
import type { Table } from './validate.js';

/** keyPathString → the override that set it, e.g. `--set watchdog.max_restarts=3` */
export type OverrideOrigins = Map<string, string>;

/** Environment variables that override one agent's model or backend for one invocation. */
export const AGENT_OVERRIDE_VARIABLE = /^AGENT_(MODEL|BACKEND)_/;

/** The environment without one-off agent overrides (what a long-lived server should keep). */
export function withoutAgentOverrides(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !AGENT_OVERRIDE_VARIABLE.test(k)));
}

/**
 * The one-off overrides of an invocation that concern one agent's launch, as they were given:
 * its non-empty AGENT_MODEL_/AGENT_BACKEND_ variables (`AGENT_MODEL_x=opus`), then each
 * `--set` of its entry (by name or index), of [defaults] or of its backend (`agent.x.model=opus`).
 * What an `up` that found the agent running left unapplied.
 */
export function overridesConcerning(
  agent: { name: string; index: number; backend: string },
  sets: readonly string[],
  env: Record<string, string | undefined>,
): { env: string[]; sets: string[] } {
  const vars = [`AGENT_BACKEND_${agent.name}`, `AGENT_MODEL_${agent.name}`].filter((v) => env[v]).map((v) => `${v}=${env[v]}`);
  const concerns = (arg: string) => {
    const [section, entry] = splitKey(arg.slice(0, Math.max(0, arg.indexOf('='))).trim()) ?? [];
    if (section === 'defaults') return true;
    if (section === 'backend') return entry === agent.backend;
    return section === 'agent' && (entry === agent.name || entry === String(agent.index));
  };
  return { env: vars, sets: sets.filter(concerns) };
}

export function applyEnvOverrides(raw: Table, env: Record<string, string | undefined>, origins: OverrideOrigins): void {
  const agents = raw['agent'];
  if (!Array.isArray(agents)) return;
  agents.forEach((agent: unknown, i) => {
    if (!isTable(agent) || typeof agent['name'] !== 'string') return;
    for (const [key, variable] of [['model', `AGENT_MODEL_${agent['name']}`], ['backend', `AGENT_BACKEND_${agent['name']}`]] as const) {
      const value = env[variable];
      if (!value) continue;
      agent[key] = value;
      origins.set(keyPathString(['agent', i, key]), `env ${variable}`);
    }
  });
}

/** Applies every `--set`; returns one error per argument that could not be applied. */
export function applySets(raw: Table, sets: readonly string[], origins: OverrideOrigins): Diagnostic[] {
  const errors: Diagnostic[] = [];
  for (const arg of sets) {
    const problem = applySet(raw, arg, origins);
    if (problem) errors.push({ file: `--set ${arg}`, message: problem, severity: 'error' });
  }
  return errors;
}

/** A TOML value when the text is one (`30`, `true`, `"x"`, `["a"]`), else the text itself. */
export function parseSetValue(text: string): unknown {
  try {
    const doc = parse(`v = ${text}`);
    const keys = Object.keys(doc);
    if (keys.length === 1 && keys[0] === 'v') return doc['v'];
  } catch {
    // not a TOML value: a plain string
  }
  return text;
}

const ENTRY_NOUN: Record<string, string> = { agent: 'agent', service: 'service', phases: 'phase' };

function applySet(raw: Table, arg: string, origins: OverrideOrigins): string | undefined {
  const eq = arg.indexOf('=');
  if (eq < 1) return 'expected KEY=VALUE, e.g. --set defaults.model=opus';
  const segments = splitKey(arg.slice(0, eq).trim());
  if (!segments) return `bad key "${arg.slice(0, eq)}"`;
  let node: unknown = raw;
  // the schema alongside, to know which missing keys are arrays of tables
  let spec: SectionSpec | undefined = sectionSpec('root');
  let namedSection: SectionSpec | undefined;
  const path: (string | number)[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string;
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      const index = findEntry(node, seg);
      const parentKey = String(path[path.length - 1]);
      if (index < 0) {
        const names = node.map(entryName).filter((n): n is string => n !== undefined);
        const noun = ENTRY_NOUN[parentKey] ?? `${parentKey} entry`;
        return `no ${noun} named "${seg}"${names.length ? ` (known: ${names.join(', ')})` : ''}`;
      }
      if (last) return `"${keyPathString([...path, index])}" is a whole entry; name a key in it`;
      path.push(index);
      node = node[index];
      continue;
    }
    if (!isTable(node)) return `"${keyPathString(path)}" is not a table`;
    path.push(seg);
    if (last) {
      node[seg] = parseSetValue(arg.slice(eq + 1));
      origins.set(keyPathString(path), `--set ${arg}`);
      return undefined;
    }
    const type = namedSection ? undefined : spec?.keys.find((k) => k.key === seg)?.type;
    if (node[seg] === undefined) node[seg] = type?.kind === 'tables' ? [] : {};
    node = node[seg];
    if (namedSection) {
      spec = namedSection;
      namedSection = undefined;
    } else if (type && (type.kind === 'table' || type.kind === 'tables')) {
      spec = sectionSpec(type.section);
    } else if (type?.kind === 'named-tables') {
      namedSection = sectionSpec(type.section);
      spec = undefined;
    } else {
      spec = undefined;
    }
  }
  return undefined;
}

function entryName(entry: unknown): string | undefined {
  if (!isTable(entry)) return undefined;
  const n = entry['name'] ?? entry['id'];
  return typeof n === 'string' ? n : undefined;
}

function findEntry(entries: unknown[], seg: string): number {
  const byName = entries.findIndex((e) => entryName(e) === seg);
  if (byName >= 0) return byName;
  return /^\d+$/.test(seg) && Number(seg) < entries.length ? Number(seg) : -1;
}

/** `a.b."c.d"` → ['a', 'b', 'c.d']; undefined when a segment is empty. */
function splitKey(key: string): string[] | undefined {
  const out: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^.]+?))\s*(?:\.|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < key.length && (m = re.exec(key))) {
    const seg = m[1] !== undefined ? (JSON.parse(`"${m[1]}"`) as string) : (m[2] ?? m[3] ?? '');
    if (!seg) return undefined;
    out.push(seg);
  }
  return out.length && re.lastIndex >= key.length ? out : undefined;
}
