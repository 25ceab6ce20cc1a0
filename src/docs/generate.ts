/**
 * `npm run docs`: regenerate the README's CLI and config references from the command table
 * and the config schema, and docs/keys.md from the key bindings. `--check` exits 1 when the README is stale instead of writing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fillGeneratedSections, generatedSections, keysDoc } from './readme-sections.js';

const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
const keys = fileURLToPath(new URL('../../docs/keys.md', import.meta.url));
const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};
const outputs: Array<[path: string, name: string, current: string, next: string]> = [
  [readme, 'README.md', read(readme), fillGeneratedSections(read(readme), generatedSections())],
  [keys, 'docs/keys.md', read(keys), keysDoc()],
];
let stale = false;
for (const [path, name, current, next] of outputs) {
  if (next === current) continue;
  if (process.argv.includes('--check')) {
    console.error(`${name} is stale: run \`npm run docs\``);
    stale = true;
  } else {
    writeFileSync(path, next);
    console.log(`${name} updated`);
  }
}
if (stale) process.exit(1);
