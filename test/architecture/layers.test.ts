import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layers of docs/ARCHITECTURE.md, checked on the import statements of src/: every folder
// has a rule, no two folders depend on each other (even through a type), and no two files do
// through imports that run (a static value import or an `import()`).
const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(path) ? [path] : [];
  });
}

/** One import of a file: what it names, and whether it runs (a value import) or only types. */
export interface Import {
  /** the file under src/ (relative to it) for an internal import; the package name otherwise */
  target: string;
  internal: boolean;
  typeOnly: boolean;
  dynamic: boolean;
}

/** A `./x.js` specifier as the source file it names (x.ts, x.tsx, or x/index.ts). */
function sourceFile(from: string, spec: string): string {
  const base = resolve(dirname(from), spec).replace(/\.js$/, '');
  const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((f) => existsSync(f));
  return relative(SRC, found ?? base);
}

/** Every import and re-export of a file's text (`from` is its path, to resolve relative specifiers). */
export function importsOf(from: string, text: string): Import[] {
  const statics = [...text.matchAll(/(?:^|\n)\s*(import|export)(\s+type)?\b([^'";]*?)\bfrom\s+['"]([^'"]+)['"]/g)].map((m) => ({ spec: m[4]!, typeOnly: m[2] !== undefined, dynamic: false }));
  const bare = [...text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)].map((m) => ({ spec: m[1]!, typeOnly: false, dynamic: false }));
  const dynamics = [...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => ({ spec: m[1]!, typeOnly: false, dynamic: true }));
  return [...statics, ...bare, ...dynamics].map(({ spec, typeOnly, dynamic }) => {
    const internal = spec.startsWith('.');
    return { target: internal ? sourceFile(from, spec) : spec, internal, typeOnly, dynamic };
  });
}

/** The folder under src/ a file belongs to (a file directly in src/ is its own). */
const folderOf = (file: string) => file.split('/')[0]!;

/** What each folder may import from src/ besides itself. Every folder under src/ has a rule. */
const ALLOWED: Record<string, string[]> = {
  // leaves: the lifecycle every owner uses; the wire; files and paths; terminals and text widths
  base: [],
  protocol: ['base'],
  // fleet-files.ts: DESIGN's "Files on disk", the one place their paths are made
  fs: ['base'],
  terminal: ['base'],
  // the cockpit's commands and key bindings as data: [ui.keys] in agents.toml names them
  keymap: ['base', 'terminal'],
  // fleet facts as a person reads them (a status, an event), for every client: CLI verbs and the cockpit
  text: ['base', 'protocol', 'terminal'],
  // the model registry: the built-in catalog (a package's data), the user's imported one, prices
  models: ['base', 'fs', 'protocol'],
  config: ['base', 'fs', 'terminal', 'keymap', 'models'],
  session: ['base', 'protocol', 'terminal', 'fs'],
  fleet: ['base', 'config', 'session', 'protocol', 'fs', 'terminal'],
  // pure decisions plus a thin driver over the fleet
  watchdog: ['base', 'fleet', 'config', 'session', 'protocol', 'fs', 'terminal'],
  // turns, checkpoints, goto: pure decisions plus effects at the edges, beside the watchdog
  pilot: ['base', 'fleet', 'config', 'models', 'session', 'protocol', 'fs', 'terminal'],
  // zwarm's guardrails over every agent's finished turns (its transcript): pure decisions plus a thin driver (fs: its pauses are kept)
  watchers: ['base', 'config', 'protocol', 'transcript', 'fleet', 'pilot', 'fs'],
  // transcript: `check` reads an agent's last reply from its session file's records
  server: ['base', 'watchdog', 'watchers', 'pilot', 'fleet', 'config', 'session', 'protocol', 'fs', 'terminal', 'transcript'],
  // fs: the socket's owner is checked before connecting (client/socket-owner.ts)
  client: ['base', 'protocol', 'fs'],
  // the cockpit: a client; the verbs of its palette are given to it (cli/palette-verbs.ts)
  ui: ['base', 'protocol', 'client', 'config', 'keymap', 'terminal', 'text', 'transcript'],
  // the CLI: clients of the server; ui for the cockpit they start and the palette's verbs they give it
  cli: ['base', 'protocol', 'client', 'config', 'fs', 'terminal', 'text', 'ui'],
  commands: ['base', 'protocol', 'client', 'config', 'models', 'fs', 'terminal', 'text', 'cli', 'ui', 'doctor', 'mcp', 'transcript'],
  // hangar mcp: the request table's verbs as MCP tools over a fleet request (the SDK only in stdio-server.ts);
  // transcript: the tool of that name reads the session file the verb names, as `hangar transcript` does
  mcp: ['protocol', 'transcript'],
  // hangar doctor: the machine's facts gathered (effects) and judged (pure checks); a client's part
  doctor: ['base', 'config', 'fs'],
  // an agent's conversation read from its CLI's session file: records normalised, rendered, followed
  transcript: [],
  // the demo agent: a program of its own
  demo: ['base', 'fs', 'terminal'],
  // regenerates the README's references and docs/keys.md from the tables
  docs: ['config', 'cli', 'commands', 'ui', 'keymap', 'fs', 'terminal'],
  // the benchmark drives hangar from outside: the CLI's launcher, a client, the fleet's files;
  // its in-process scenarios time the cockpit's compositor and the pilot's git snapshot
  bench: ['base', 'protocol', 'client', 'cli', 'fs', 'terminal', 'ui', 'pilot'],
  // the CLI's entry: finds the verb in the command table and runs it
  'cli.ts': ['base', 'cli', 'client', 'commands', 'config', 'fs'],
};

/**
 * Modules of a folder closed to the CLI that its verbs may still use: the server's files on
 * disk, read when no server runs (a server that died, the registry of running ones, the
 * registry of instances that `hangar instances` reads and closes as crashed), and the
 * watchdog's pure checks and phase files (status shows the phase, selftest tries the patterns).
 * Nothing here runs a fleet, a driver or a pty — `hangar phase next` asks the server.
 */
const CLIENT_MAY_USE: Record<string, string[]> = {
  server: ['server/previous-server.ts', 'server/server-registry.ts', 'server/instance-registry.ts'],
  watchdog: ['watchdog/phase-report.ts', 'watchdog/selftest.ts', 'watchdog/phase-done-selftest.ts', 'watchdog/actions.ts'],
  // doctor finds a backend's session folder by expanding session_file as the pilot does; hangar
  // transcript without a server finds an agent's session file as the server does
  pilot: ['pilot/session-file.ts', 'pilot/transcript-source.ts'],
};
const CLIENTS = ['cli', 'commands', 'cli.ts', 'doctor'];

/** Offending `file → target` lines of one folder's imports. */
function layerViolations(folder: string, files: ReadonlyMap<string, Import[]>): string[] {
  const allowed = new Set([folder, ...ALLOWED[folder]!]);
  return [...files].flatMap(([file, imports]) =>
    folderOf(file) !== folder
      ? []
      : imports
          .filter((i) => i.internal && !allowed.has(folderOf(i.target)))
          .filter((i) => !(CLIENTS.includes(folder) && CLIENT_MAY_USE[folderOf(i.target)]?.includes(i.target)))
          .map((i) => `${file} → ${i.target}`),
  );
}

/** Every cycle of a directed graph (one per strongly connected component of two or more nodes, or a self-loop), each as its nodes in order. */
export function findCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  // Tarjan's strongly connected components
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges.get(v)?.has(v)) cycles.push(cycleThrough(component, edges));
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** The shortest closed path through a strongly connected component, from its first node by name: a → b → … → a. */
function cycleThrough(component: string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  // breadth first from start until an edge leads back to it
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    for (const next of [...(edges.get(at) ?? [])].filter((n) => members.has(n)).sort()) {
      if (next === start) {
        const path = [at];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]!)!);
        return [...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, at);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

/** The graph of `files` with a node per file or per folder (`node`), over the imports `follows` takes. */
function graph(files: ReadonlyMap<string, Import[]>, node: (file: string) => string, follows: (i: Import) => boolean): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [file, imports] of files) {
    for (const i of imports) {
      if (!i.internal || !follows(i)) continue;
      const [from, to] = [node(file), node(i.target)];
      if (from === to) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  return edges;
}

const byFolder = (files: ReadonlyMap<string, Import[]>) => graph(files, folderOf, () => true);
const byFileThatRuns = (files: ReadonlyMap<string, Import[]>) => graph(files, (f) => f, (i) => !i.typeOnly);

const show = (cycles: string[][]) => cycles.map((c) => c.join(' → '));

describe('layers', () => {
  const files = new Map(sources(SRC).map((f) => [relative(SRC, f), importsOf(f, readFileSync(f, 'utf8'))] as const));
  const folders = [...new Set([...files.keys()].map(folderOf))];

  it('every folder under src/ has a rule', () => {
    expect(folders.filter((f) => !(f in ALLOWED))).toEqual([]);
    expect(Object.keys(ALLOWED).filter((f) => !folders.includes(f))).toEqual([]);
  });

  it.each(Object.keys(ALLOWED))('%s imports only what lies below it', (folder) => {
    expect(layerViolations(folder, files)).toEqual([]);
  });

  it('no two folders depend on each other, not even through a type', () => {
    expect(show(findCycles(byFolder(files)))).toEqual([]);
  });

  it('no two files depend on each other through imports that run (type-only imports aside)', () => {
    expect(show(findCycles(byFileThatRuns(files)))).toEqual([]);
  });

  it('no core folder imports ink or React', () => {
    const core = [...files].filter(([f]) => ['config', 'session', 'fleet', 'pilot', 'server', 'client', 'protocol', 'text', 'cli', 'commands'].includes(folderOf(f)));
    const ui = core.flatMap(([f, imports]) => imports.filter((i) => !i.internal && (i.target === 'ink' || i.target === 'react' || i.target.startsWith('ink-'))).map((i) => `${f} → ${i.target}`));
    expect(ui).toEqual([]);
  });
});

// The checker itself, on made-up sources: each way the tests above can fail.
describe('the layers checker', () => {
  const at = join(SRC, 'commands', 'made-up.ts');

  it('sees value, type-only, re-exported and dynamic imports, and resolves them to files', () => {
    const text = [
      "import { a } from '../cli/context.js';",
      "import type { B } from '../ui/palette.js';",
      "export { c } from './table.js';",
      "export type { D } from '../protocol/messages.js';",
      "import 'node:fs';",
      "const { runCockpit } = await import('../ui/run-cockpit.js');",
      "import {\n  x,\n  type Y,\n} from '../fs/fleet-files.js';",
    ].join('\n');
    expect(importsOf(at, text)).toEqual([
      { target: 'cli/context.ts', internal: true, typeOnly: false, dynamic: false },
      { target: 'ui/palette.ts', internal: true, typeOnly: true, dynamic: false },
      { target: 'commands/table.ts', internal: true, typeOnly: false, dynamic: false },
      { target: 'protocol/messages.ts', internal: true, typeOnly: true, dynamic: false },
      { target: 'fs/fleet-files.ts', internal: true, typeOnly: false, dynamic: false },
      { target: 'node:fs', internal: false, typeOnly: false, dynamic: false },
      { target: 'ui/run-cockpit.ts', internal: true, typeOnly: false, dynamic: true },
    ]);
  });

  it('finds an import a folder may not make, and lets a client read only the named server files', () => {
    const made = new Map<string, Import[]>([
      ['ui/palette.ts', importsOf(join(SRC, 'ui', 'palette.ts'), "import { COMMANDS } from '../commands/table.js';")],
      ['commands/phase.ts', importsOf(join(SRC, 'commands', 'phase.ts'), "import { PhaseController } from '../watchdog/phase-controller.js';\nimport { phaseReport } from '../watchdog/phase-report.js';")],
      ['cli/ensure-server.ts', importsOf(join(SRC, 'cli', 'ensure-server.ts'), "import { FleetServer } from '../server/fleet-server.js';")],
    ]);
    expect(layerViolations('ui', made)).toEqual(['ui/palette.ts → commands/table.ts']);
    expect(layerViolations('commands', made)).toEqual(['commands/phase.ts → watchdog/phase-controller.ts']);
    expect(layerViolations('cli', made)).toEqual(['cli/ensure-server.ts → server/fleet-server.ts']);
  });

  it('finds the cycle issue 12 found (through a dynamic import), between files and between folders, and none without it', () => {
    const chain: [string, string][] = [
      ['commands/table.ts', "import up from './up.js';"],
      ['commands/up.ts', "const { runCockpit } = await import('../ui/run-cockpit.js');"],
      ['ui/run-cockpit.ts', "import { Cockpit } from './cockpit.js';"],
      ['ui/cockpit.ts', "import { runPaletteLine } from './palette.js';"],
      ['ui/palette.ts', "import { COMMANDS } from '../commands/table.js';"],
    ];
    const made = new Map(chain.map(([f, text]) => [f, importsOf(join(SRC, f), text)] as const));
    const fileCycles = show(findCycles(byFileThatRuns(made)));
    expect(fileCycles).toEqual(['commands/table.ts → commands/up.ts → ui/run-cockpit.ts → ui/cockpit.ts → ui/palette.ts → commands/table.ts']);
    expect(show(findCycles(byFolder(made)))).toEqual(['commands → ui → commands']);

    // the palette given its verbs by type: no cycle between files; the folders still may not
    made.set('ui/palette.ts', importsOf(join(SRC, 'ui', 'palette.ts'), "import type { CommandSpec } from '../cli/command.js';"));
    expect(findCycles(byFileThatRuns(made))).toEqual([]);
    made.set('cli/command.ts', importsOf(join(SRC, 'cli', 'command.ts'), "import { up } from '../commands/table.js';"));
    expect(show(findCycles(byFolder(made)))).toEqual(['cli → commands → ui → cli']);
  });
});
