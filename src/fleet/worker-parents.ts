import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { prepareRealDirectory } from '../fs/private-directory.js';

/**
 * Which orchestrator delegated each worker (`add` with a parent: `hangar mcp`'s delegate), as
 * `{worker: orchestrator}` in `<state_dir>/workers.json` (fs/fleet-files.ts), so the tree that
 * `status`, the titles and `down ORCH` show outlives a server restart. Written whole, atomically;
 * a file that holds no such map is read as none (the workers are then shown flat, not lost).
 */
export class WorkerParents {
  private readonly parents: Map<string, string>;

  constructor(
    private readonly path: string,
    private readonly stateDir: string,
  ) {
    this.parents = readParents(path);
  }

  of(worker: string): string | undefined {
    return this.parents.get(worker);
  }

  /** Record a new agent's parent (none: it has none, whatever an earlier agent of that name had). */
  set(worker: string, parent: string | undefined): void {
    if (parent === undefined ? !this.parents.has(worker) : this.parents.get(worker) === parent) return;
    if (parent === undefined) this.parents.delete(worker);
    else this.parents.set(worker, parent);
    prepareRealDirectory(this.stateDir);
    writeFileAtomic(this.path, JSON.stringify(Object.fromEntries(this.parents), null, 2) + '\n');
  }
}

function readParents(path: string): Map<string, string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return new Map();
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return new Map();
  return new Map(Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
