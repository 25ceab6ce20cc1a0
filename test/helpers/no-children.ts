/**
 * Setup file of the `unit` project: a unit test starts no process. Every way to start one
 * (node:child_process, node-pty) throws, naming the rule, so a test that needs a real child
 * fails at once in `unit` instead of slowing it down; it belongs in `pty` or `e2e`
 * (test/projects.ts).
 */
import childProcess from 'node:child_process';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { vi } from 'vitest';

const STARTERS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

function refuse(what: string): () => never {
  return () => {
    throw new Error(`${what}: a unit test starts no process; list this file under pty or e2e in test/projects.ts`);
  };
}

for (const name of STARTERS) (childProcess as unknown as Record<string, unknown>)[name] = refuse(`child_process.${name}`);
// named imports (`import { spawn } from 'node:child_process'`) see the replacements too
syncBuiltinESMExports();

// src imports node-pty's CommonJS exports object (`import pty from 'node-pty'`): the same object as here
const nodePty = createRequire(import.meta.url)('node-pty') as Record<string, unknown>;
nodePty.spawn = refuse('node-pty spawn');
nodePty.fork = refuse('node-pty fork');

// unit files share a worker (isolate: false: no process per file) but not their modules' state:
// every file imports src afresh (external packages stay loaded, which is the time saved)
vi.resetModules();
