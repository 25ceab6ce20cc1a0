import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHangar } from '../helpers/run-hangar.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/models');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-models-'));
  writeFileSync(join(dir, 'agents.toml'), [
    '[defaults]',
    'session_prefix = "t-"',
    'log_dir = ".hangar"',
    '',
    '[model.local-coder]',
    'backend = "aider"',
    'input_per_million = 0.5',
    'output_per_million = 1.5',
    '',
  ].join('\n'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const hangar = (...args: string[]) => runHangar(['models', ...args], { cwd: dir, env: { HOME: dir } });

describe('hangar models', () => {
  it('prints the registry as a table, one backend with --backend', async () => {
    const r = await hangar('--backend', 'claude');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ {2}ID +ALIASES +BACKEND +CONTEXT +INPUT +OUTPUT +CACHE READ +CACHE WRITE +TIERS +SOURCE$/);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}claude-sonnet-5-5 +sonnet, claude-sonnet +claude +— +— +— +— +— +— +built-in$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}claude-sonnet-4-20250514 +claude +200k +3 +15 +0\.3 +3\.75 +built-in$/));
    expect(lines.slice(1).every((l) => / claude /.test(l))).toBe(true);
    // columns line up: every row's BACKEND starts where the header's does
    const at = lines[0]!.indexOf('BACKEND');
    expect(lines.slice(1).every((l) => l.slice(at, at + 6) === 'claude')).toBe(true);
  });

  it('--json gives every entry with its source', async () => {
    const r = await hangar('--json');
    expect(r.code).toBe(0);
    const { models } = JSON.parse(r.stdout) as { models: Array<{ id: string; source: string; backend?: string }> };
    expect(models.find((m) => m.id === 'local-coder')).toEqual({
      id: 'local-coder', aliases: [], backend: 'aider', source: 'agents.toml', priceSource: 'agents.toml',
      prices: { input: 0.5, output: 1.5, tiers: [] },
    });
    expect(models.find((m) => m.id === 'gpt-5.3-codex')).toMatchObject({ aliases: ['codex'], backend: 'codex', source: 'built-in' });
  });

  it('--import merges a catalog into the state dir, reports counts, and the table shows it as import', async () => {
    const r = await hangar('--import', join(fixtures, 'litellm-prices.json'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const catalog = join(dir, '.hangar', 'state', 'models.json');
    expect(r.stdout).toBe(`imported 2 models from ${join(fixtures, 'litellm-prices.json')} (LiteLLM): 2 new, 0 replaced; ${catalog} now holds 2 (a running server uses them from its next config reload: hangar up)\n`);
    const table = await hangar('--backend', 'gemini');
    expect(table.stdout).toMatch(/\n {2}gemini-3-pro-preview +gemini +1049k +2 +12 +0\.2 +— +>200k: 4\/18 +import\n/);
  });

  it('a bad file fails with what is wrong and writes nothing', async () => {
    writeFileSync(join(dir, 'bad.json'), '{"models": [');
    const r = await hangar('--import', 'bad.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^hangar: bad\.json: not JSON: .*; nothing imported\n$/);
    expect(existsSync(join(dir, '.hangar', 'state', 'models.json'))).toBe(false);
    const good = await hangar('--import', join(fixtures, 'models-dev-api.json'));
    expect(good.code).toBe(0);
    const before = readFileSync(join(dir, '.hangar', 'state', 'models.json'), 'utf8');
    expect((await hangar('--import', 'bad.json')).code).toBe(1);
    expect(readFileSync(join(dir, '.hangar', 'state', 'models.json'), 'utf8')).toBe(before);
  });
});
