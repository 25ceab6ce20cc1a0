/**
 * Where hangar's own files are (package.json, bin/, prompts/, dist/), found from wherever this
 * code runs: dist/<folder>/ as tsc writes it, a chunk of the bundle in dist/chunks/
 * (scripts/bundle.mjs), or src/ under vitest. A path relative to import.meta.url would be
 * right in only one of those places.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Manifest {
  name: string;
  version: string;
}

function findRoot(from: string): { root: string; manifest: Manifest } {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
      if (manifest.name === 'hangar') return { root: dir, manifest };
    }
    if (dirname(dir) === dir) throw new Error(`no package.json of hangar's in ${from} or above`);
  }
}

const found = findRoot(dirname(fileURLToPath(import.meta.url)));

/** hangar's own folder: where its package.json is. */
const PACKAGE_ROOT: string = found.root;

/** hangar's version, from its package.json. */
export const HANGAR_VERSION: string = found.manifest.version;

/** A path inside hangar's own folder. */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
