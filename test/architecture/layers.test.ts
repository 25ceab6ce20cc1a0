import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layers of docs/ARCHITECTURE.md, checked on the import statements of src/.
const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(path) ? [path] : [];
  });
}

/** Every import of a file: the folder under src/ it points at, or the package name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return specs.map((s) => (s.startsWith('.') ? relative(SRC, resolve(dirname(file), s)).split('/')[0]! : s));
}

const folderOf = (file: string) => relative(SRC, file).split('/')[0]!;

/** What each folder may import from src/ besides itself. */
const ALLOWED: Record<string, string[]> = {
  // clock, disposable, emitter: the lifecycle every owner uses
  base: [],
  protocol: ['base'],
  fs: ['base'],
  terminal: ['base'],
  // the cockpit's commands and key bindings as data: [ui.keys] in agents.toml names them
  keymap: ['base', 'terminal'],
  config: ['base', 'fs', 'terminal', 'keymap'],
  session: ['base', 'protocol', 'terminal', 'fs'],
  demo: ['base', 'fs'],
  fleet: ['base', 'config', 'session', 'protocol', 'fs', 'terminal'],
  // pure decisions plus a thin driver over the fleet
  watchdog: ['base', 'fleet', 'config', 'session', 'protocol', 'fs', 'terminal'],
  // turns, checkpoints, goto: pure decisions plus effects at the edges, beside the watchdog
  pilot: ['base', 'fleet', 'config', 'session', 'protocol', 'fs', 'terminal'],
  server: ['base', 'watchdog', 'pilot', 'fleet', 'config', 'session', 'protocol', 'fs', 'terminal'],
  // fs: the socket's owner is checked before connecting (client/socket-owner.ts)
  client: ['base', 'protocol', 'fs'],
  // the cockpit: a client; its palette runs the CLI's command table
  ui: ['base', 'protocol', 'client', 'config', 'keymap', 'terminal', 'commands', 'cli'],
};

/** Top-level entries of src/: an import naming one of them is internal. */
const LOCAL = new Set(readdirSync(SRC).map((n) => n.replace(/\.tsx?$/, '.js')));

describe('layers', () => {
  const files = sources(SRC);

  it.each(Object.keys(ALLOWED))('%s/ imports only what lies below it', (folder) => {
    const offending = files
      .filter((f) => folderOf(f) === folder)
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => LOCAL.has(i) && i !== folder && !ALLOWED[folder]!.includes(i))
          .map((i) => `${relative(SRC, f)} → ${i}`),
      );
    expect(offending).toEqual([]);
  });

  it('the checker sees internal imports (so the test above can fail)', () => {
    const fleetImports = files.filter((f) => folderOf(f) === 'fleet').flatMap(importsOf);
    expect(fleetImports).toContain('session');
    expect(fleetImports).toContain('config');
  });

  it('no core folder imports ink or React', () => {
    const core = files.filter((f) => ['config', 'session', 'fleet', 'pilot', 'server', 'client', 'protocol'].includes(folderOf(f)));
    const ui = core.flatMap((f) => importsOf(f).filter((i) => i === 'ink' || i === 'react' || i.startsWith('ink-')).map((i) => `${relative(SRC, f)} → ${i}`));
    expect(ui).toEqual([]);
  });
});
