import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHangar } from '../helpers/run-hangar.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hangar-backends-'));
  writeFileSync(join(dir, 'agents.toml'), [
    '[defaults]',
    'session_prefix = "t-"',
    'log_dir = ".hangar"',
    '',
    '[backend.claude]',
    'flags = "--dangerously-skip-permissions"',
    '',
    '[backend.mine]',
    'bin = "my-agent"',
    '',
    '[[agent]]',
    'name = "a"',
    'backend = "claude"',
    '',
  ].join('\n'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface View { name: string; builtin: boolean; keys: Record<string, { value: unknown; from: string }> }

describe('hangar backends', () => {
  it('--json lists every backend, the config\'s first, then the other built-ins, each key with where its value came from', async () => {
    const r = await runHangar(['backends', '--json', '--set', 'backend.codex.model_flag=-m {model}'], { cwd: dir, env: { HOME: dir } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { backends } = JSON.parse(r.stdout) as { backends: View[] };
    expect(backends.map((b) => [b.name, b.builtin])).toEqual([
      ['claude', true], ['mine', false], ['codex', true], ['gemini', true], ['opencode', true], ['aider', true],
    ]);
    const byName = Object.fromEntries(backends.map((b) => [b.name, b.keys]));
    expect(byName['claude']!['flags']).toEqual({ value: '--dangerously-skip-permissions', from: 'agents.toml:6' });
    expect(byName['claude']!['bin']).toEqual({ value: 'claude', from: 'built-in' });
    expect(byName['claude']!['session_id_flag']).toEqual({ value: '--session-id {new_id}', from: 'built-in' });
    expect(byName['claude']!['stall_idle']).toEqual({ value: 300, from: 'default' });
    expect(byName['claude']!['rewind_resume']).toEqual({ value: null, from: 'default' });
    expect(byName['codex']!['model_flag']).toEqual({ value: '-m {model}', from: '--set backend.codex.model_flag=-m {model}' });
    expect(byName['mine']!['bin']).toEqual({ value: 'my-agent', from: 'agents.toml:9' });
    expect(byName['mine']!['active_re']).toEqual({ value: null, from: 'default' });
  });

  it('prints one backend\'s keys that are not defaults, and names a missing one', async () => {
    const r = await runHangar(['backends', 'claude'], { cwd: dir, env: { HOME: dir } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^claude \(built-in, changed by the config\)\n/);
    expect(r.stdout).toMatch(/\n {2}flags +"--dangerously-skip-permissions" +agents\.toml:6\n/);
    expect(r.stdout).toMatch(/\n {2}bin +"claude" +built-in\n/);
    expect(r.stdout).not.toContain('stall_idle');
    const missing = await runHangar(['backends', 'nope'], { cwd: dir, env: { HOME: dir } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no backend "nope" (known: aider, claude, codex, gemini, mine, opencode)');
  });
});
