/**
 * `npm run docs`: regenerate the README's CLI and config references from the command table
 * and the config schema. `--check` exits 1 when the README is stale instead of writing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fillGeneratedSections, generatedSections } from './readme-sections.js';

const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
const current = readFileSync(readme, 'utf8');
const next = fillGeneratedSections(current, generatedSections());
if (process.argv.includes('--check')) {
  if (next !== current) {
    console.error('README.md is stale: run `npm run docs`');
    process.exit(1);
  }
} else if (next !== current) {
  writeFileSync(readme, next);
  console.log('README.md updated');
}
