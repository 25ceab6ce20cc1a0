import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// hangar reads @xterm/headless's internals (src/session/xterm-internals.ts: the plain-flood
// fast path, parse timing) and drives node-pty's: an update is a change to review, never a
// side effect of `npm install`. Exact versions in package.json, the same in the lockfile and
// installed.
const PINNED = ['@xterm/headless', 'node-pty'];
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, any>;

describe('packages whose internals hangar reads', () => {
  const pkg = json(root('package.json'));
  const lock = json(root('package-lock.json'));
  const require = createRequire(import.meta.url);

  it.each(PINNED)('%s is pinned to one exact version, locked and installed as such', (name) => {
    const wanted = pkg.dependencies[name] as string;
    expect(wanted, 'an exact version, no range').toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages[''].dependencies[name]).toBe(wanted);
    expect(lock.packages[`node_modules/${name}`].version).toBe(wanted);
    expect(json(require.resolve(`${name}/package.json`)).version).toBe(wanted);
  });
});
