/**
 * The agents added at run time (`hangar add`, an orchestrator's `delegate`, the pilot's
 * branches), kept in `<state_dir>/added-agents.json` as the specs they were added with and
 * whether they were stopped on purpose — so a server that dies (kill -9, a crash) leaves them to
 * the next one, which adds them again and starts those that were running. `hangar down` of the
 * whole fleet forgets them: "gone after hangar down" is what a person asked for. Written whole,
 * atomically; a file that does not parse holds none (never a crash), an entry of a wrong shape
 * is passed over.
 */
import { readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { parseJsonObject } from '../fs/json-object.js';
import type { AddAgentSpec } from './added-agent.js';

export interface SavedAgent {
  spec: AddAgentSpec;
  /** stopped on purpose (`down NAME`, `end`): the next server adds it but does not start it */
  stopped: boolean;
}

const FILE_VERSION = 1;
const TEXT_FIELDS = ['backend', 'prompt', 'dir', 'model', 'host', 'watch', 'parent'] as const;

function specOf(v: unknown): AddAgentSpec | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (typeof r['name'] !== 'string' || r['name'] === '') return null;
  const spec: AddAgentSpec = { name: r['name'] };
  for (const key of TEXT_FIELDS) {
    const value = r[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') return null;
    spec[key] = value;
  }
  if (r['worktree'] !== undefined) {
    if (typeof r['worktree'] !== 'boolean') return null;
    spec.worktree = r['worktree'];
  }
  return spec;
}

/** The agents the file holds, in the order they were added; none when it is missing or not this file. */
export function readAddedAgents(path: string): SavedAgent[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const agents = parseJsonObject(text)?.['agents'];
  if (!Array.isArray(agents)) return [];
  return agents.flatMap((a: unknown) => {
    const spec = specOf((a as Record<string, unknown> | null)?.['spec']);
    const stopped = (a as Record<string, unknown> | null)?.['stopped'];
    return spec && typeof stopped === 'boolean' ? [{ spec, stopped }] : [];
  });
}

/** Keep these agents (the file goes when there are none). */
export function saveAddedAgents(path: string, agents: readonly SavedAgent[]): void {
  if (agents.length === 0) {
    rmSync(path, { force: true });
    return;
  }
  writeFileAtomic(path, `${JSON.stringify({ version: FILE_VERSION, agents }, null, 2)}\n`, 0o600);
}
