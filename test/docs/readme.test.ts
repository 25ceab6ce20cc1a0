import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/table.js';
import { fillGeneratedSections, generatedSections, keysDoc } from '../../src/docs/readme-sections.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('holds the CLI and config references exactly as generated (run `npm run docs`)', () => {
    expect(fillGeneratedSections(readme, generatedSections())).toBe(readme);
  });

  it('documents every verb of the command table', () => {
    for (const c of COMMANDS) expect(readme).toContain(`### \`hangar ${c.name}\``);
  });

  it('gives the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });
});

describe('docs/keys.md', () => {
  it('is exactly what the bindings table generates (run `npm run docs`)', () => {
    expect(readFileSync(new URL('../../docs/keys.md', import.meta.url), 'utf8')).toBe(keysDoc());
  });
});
