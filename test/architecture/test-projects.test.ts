import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from 'node-pty';
import { describe, expect, it } from 'vitest';
import { E2E_TESTS, PTY_TESTS, SOAK_TESTS } from '../projects.js';

// test/projects.ts against what each test file does: a file that starts processes is not in
// `unit`, a file that opens the cockpit is in `e2e`, a file in `pty` starts something.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [relative(ROOT, path)];
  });
}

const TESTS = files(join(ROOT, 'test')).filter((f) => /\.test\.tsx?$/.test(f));
const isFault = (f: string) => f.startsWith('test/faults/');
/** the `real` project's (opt-in, the installed CLIs): by folder, like faults */
const isReal = (f: string) => f.startsWith('test/real-clis/');
// unit and soak: both pure, both under no-children.ts
const UNIT = TESTS.filter((f) => !isFault(f) && !isReal(f) && !PTY_TESTS.includes(f) && !E2E_TESTS.includes(f));
/** This file imports the starters only to see them refuse (the last test). */
const SELF = relative(ROOT, fileURLToPath(import.meta.url));

/** The specifiers a file imports at run time (`import type` is erased, so it is left out). */
function valueImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const statics = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/g)];
  const dynamics = [...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return [...statics, ...dynamics].map((m) => m[1]!);
}

function resolveLocal(from: string, spec: string): string | undefined {
  const base = resolve(ROOT, dirname(from), spec);
  const found = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base].find((p) => existsSync(p) && statSync(p).isFile());
  return found && relative(ROOT, found);
}

/** The local files a file imports, following those that `follow` accepts. */
function reachedLocal(file: string, follow: (local: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const stack = [file];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const spec of valueImports(current)) {
      const local = spec.startsWith('.') ? resolveLocal(current, spec) : undefined;
      if (local && follow(local) && !seen.has(local)) {
        seen.add(local);
        stack.push(local);
      }
    }
  }
  return seen;
}

/** Packages a file reaches through its own imports, following local files that `follow` accepts. */
function reachedPackages(file: string, follow: (local: string) => boolean): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const stack = [file];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const spec of valueImports(current)) {
      if (!spec.startsWith('.')) packages.add(spec.replace(/^node:/, ''));
      else {
        const local = resolveLocal(current, spec);
        if (local && follow(local)) stack.push(local);
      }
    }
  }
  return packages;
}

/** What starts a process: ptys, and node's child processes. */
const STARTERS = ['node-pty', 'child_process'];
const inTest = (f: string) => f.startsWith('test/');

/** Opens the real cockpit in a pty: TestFleet's cockpit(), or `hangar up`/`attach` in a PtyScreen. */
const opensCockpit = (f: string) => /\.cockpit\(|new PtyScreen\(\{[^}]*HANGAR_BIN/.test(readFileSync(join(ROOT, f), 'utf8'));

describe('test projects (test/projects.ts)', () => {
  it('name existing test files, each in one project, none of test/faults/ or test/real-clis/', () => {
    const listed = [...PTY_TESTS, ...E2E_TESTS, ...SOAK_TESTS];
    expect(listed.filter((f) => !TESTS.includes(f))).toEqual([]);
    expect(listed.filter((f, i) => listed.indexOf(f) !== i)).toEqual([]);
    expect(listed.filter(isFault)).toEqual([]);
    expect(listed.filter(isReal)).toEqual([]);
  });

  it('keep from unit every file whose test code (helpers such as TestFleet included) imports node-pty, child_process or a module of src/ that does', () => {
    // test code, and the src/ modules it imports directly (Session, git-run …), not theirs in turn
    const startsProcesses = (f: string) => {
      const packages = reachedPackages(f, inTest);
      const direct = [f, ...[...reachedLocal(f, inTest)]].flatMap((t) => valueImports(t).map((s) => (s.startsWith('.') ? resolveLocal(t, s) : undefined)));
      for (const src of direct) if (src?.startsWith('src/')) for (const spec of valueImports(src)) packages.add(spec.replace(/^node:/, ''));
      return STARTERS.some((p) => packages.has(p));
    };
    const starting = UNIT.filter((f) => f !== SELF && startsProcesses(f));
    expect(starting, 'these start processes: list them under PTY_TESTS or E2E_TESTS').toEqual([]);
  });

  it('put in e2e exactly the files that open the cockpit in a pty', () => {
    expect(TESTS.filter((f) => !isFault(f) && opensCockpit(f) && !E2E_TESTS.includes(f))).toEqual([]);
    expect(E2E_TESTS.filter((f) => !opensCockpit(f))).toEqual([]);
  });

  it('put in pty only files that can start a process (through src/ too); the rest are unit tests', () => {
    const pure = PTY_TESTS.filter((f) => !STARTERS.some((p) => reachedPackages(f, () => true).has(p)));
    expect(pure).toEqual([]);
  });

  it('make unit tests unable to start a process (test/helpers/no-children.ts, the unit project\'s setup)', () => {
    expect(() => spawnSync('true')).toThrow(/a unit test starts no process/);
    expect(() => pty.spawn('true', [], {})).toThrow(/a unit test starts no process/);
  });
});
