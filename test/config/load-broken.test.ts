import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/diagnostics.js';
import { loadConfig } from '../../src/config/load.js';

/**
 * Each broken/NAME.toml has NAME.expected: the exact first line of the error report.
 * Paths under the fixture folder are shown relative to it, so the files hold no machine paths.
 */
const brokenDir = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/configs/broken');
const cases = readdirSync(brokenDir)
  .filter((f) => f.endsWith('.toml'))
  .map((f) => f.slice(0, -'.toml'.length))
  .sort();

function firstErrorLine(name: string): string {
  try {
    loadConfig({ path: join(brokenDir, `${name}.toml`), env: {} });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    expect(err.diagnostics[0]?.severity).toBe('error');
    return (err.message.split('\n')[0] ?? '').split(`${brokenDir}/`).join('');
  }
  throw new Error(`${name}.toml loaded without an error`);
}

describe('broken configs', () => {
  it('the corpus is there', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('%s', (name) => {
    const expected = readFileSync(join(brokenDir, `${name}.expected`), 'utf8').trimEnd();
    expect(firstErrorLine(name)).toBe(expected);
  });
});

describe('error reports', () => {
  it('collect every error, in source order, warnings after', () => {
    const path = join(brokenDir, '../many-errors/agents.toml');
    let err: unknown;
    try {
      loadConfig({ path, env: {} });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const lines = (err as ConfigError).message.split('\n').map((l) => l.split(`${dirname(path)}/`).join(''));
    expect(lines).toEqual([
      `agents.toml:1: [defaults]: missing required key "log_dir" (e.g. log_dir = ".hangar")`,
      `agents.toml:6: [backend.demo]: key "stall_idle" must be an integer >= 1, got string "5m"`,
      `agents.toml:7: [backend.demo] fatal_re: invalid regular expression: Unterminated group in "("`,
      `agents.toml:11: [[agent]] "a": key "enabled" must be a boolean, got integer 1`,
      `agents.toml:12: [[agent]] "a": backend "nope" is not defined (known: aider, claude, codex, demo, gemini, opencode)`,
      `agents.toml:16: [[agent]] "a": duplicate agent name, first defined at line 10`,
      `agents.toml:13: warning: unknown key "promt" in [[agent]] "a" — did you mean "prompt"?`,
    ]);
    const d = (err as ConfigError).diagnostics.find((x) => x.message.includes('stall_idle'));
    expect(d).toMatchObject({ file: path, line: 6, col: 1, key: 'backend.demo.stall_idle', severity: 'error' });
  });

  it('a missing file is a clear ConfigError', () => {
    expect(() => loadConfig({ path: 'no/such/agents.toml', env: {} })).toThrow(
      /^no\/such\/agents\.toml: no such file \(looked for \/.*no\/such\/agents\.toml\)$/,
    );
  });

  it('a file only a disabled agent needs is a warning, not an error', () => {
    const path = join(brokenDir, '../disabled-missing-prompt/agents.toml');
    const { warnings } = loadConfig({ path, env: {} });
    expect(warnings.map((w) => w.message)).toEqual([
      `[[agent]] "later": prompt_file "prompts/later.md" does not exist (looked for ${join(dirname(path), 'prompts/later.md')})`,
    ]);
    expect(warnings[0]?.line).toBe(12);
  });
});
