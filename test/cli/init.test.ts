import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { SCAFFOLD_PROMPTS, scaffoldConfig, sessionPrefixFor } from '../../src/config/scaffold.js';
import { runHangar } from '../helpers/run-hangar.js';

const FILES = ['agents.toml', ...SCAFFOLD_PROMPTS.map((p) => `prompts/${p}`)];
const repoPrompt = (name: string) => readFileSync(new URL(`../../prompts/${name}`, import.meta.url), 'utf8');
const env = { HOME: '/home/tester' };
/** A PATH with no agent CLI on it, and one with the fake claude, codex and gemini first. */
const NO_CLIS = { PATH: '/nonexistent' };
const FAKE_CLIS = fileURLToPath(new URL('../fixtures/clis', import.meta.url));

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hangar-init-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Every file under dir with its content and mtime, to prove nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const path = join(rel, name);
      const st = statSync(join(dir, path));
      if (st.isDirectory()) walk(path);
      else out[path] = `${st.mtimeMs} ${readFileSync(join(dir, path), 'utf8')}`;
    }
  };
  walk('');
  return out;
}

describe('hangar init', () => {
  it('scaffolds agents.toml and prompts/ into a new folder, and the config loads with no warning', async () => {
    const r = await runHangar(['init', 'My Project'], { cwd: root, env: NO_CLIS });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const dir = join(root, 'My Project');
    for (const f of FILES) expect(r.stdout).toContain(f);
    expect(r.stdout).toContain("next: cd 'My Project' && hangar up");
    expect(Object.keys(snapshot(dir)).sort()).toEqual([...FILES].sort());
    for (const p of SCAFFOLD_PROMPTS) expect(readFileSync(join(dir, 'prompts', p), 'utf8')).toBe(repoPrompt(p));

    const { config, warnings } = loadConfig({ path: join(dir, 'agents.toml'), env });
    expect(warnings).toEqual([]);
    expect(config.session_prefix).toBe('my-project-');
    expect(config.log_dir).toBe(join(dir, '.hangar'));
    expect(config.agents.map((a) => [a.name, a.kind, a.backend, a.session])).toEqual([
      ['builder', 'loop', 'demo', 'my-project-builder'],
      ['adversary', 'loop', 'demo', 'my-project-adversary'],
      ['supervisor', 'persistent', 'demo', 'my-project-supervisor'],
    ]);
    expect(Object.keys(config.backends)).toEqual(['demo', 'claude', 'codex', 'gemini', 'opencode', 'aider']);
    expect(config.backends['demo']).toMatchObject({ bin: 'hangar-demo', prompt_delivery: 'arg', supports_resume: true });
    expect(config.loop.kickoff_template).toBe(join(dir, 'prompts/kickoff.md'));
    expect(config.loop.phases).toHaveLength(1);
    expect(config.agents[2]!.wake).toEqual({ interval: 1800, prompt_file: join(dir, 'prompts/wake.md') });
  });

  it('uses the current folder by default and prints JSON with --json', async () => {
    const dir = join(root, 'here');
    mkdirSync(dir);
    const r = await runHangar(['init', '--json'], { cwd: dir, env: NO_CLIS });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ dir, files: FILES, clis: [] });
    expect(loadConfig({ path: join(dir, 'agents.toml'), env }).config.session_prefix).toBe('here-');
  });

  it('writes an agent for each agent CLI on PATH, on its built-in backend, and the config loads with no warning', async () => {
    const dir = join(root, 'withclis');
    const r = await runHangar(['init', dir], { cwd: root, env: { PATH: `${FAKE_CLIS}:/nonexistent` } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('found on PATH: claude, codex, gemini');
    const text = readFileSync(join(dir, 'agents.toml'), 'utf8');
    expect(text).not.toMatch(/^\[backend\.(claude|codex|gemini)\]/m);
    const { config, warnings } = loadConfig({ path: join(dir, 'agents.toml'), env });
    expect(warnings).toEqual([]);
    expect(config.agents.map((a) => [a.name, a.backend])).toEqual([
      ['builder', 'demo'], ['adversary', 'demo'], ['supervisor', 'demo'], ['claude', 'claude'], ['codex', 'codex'], ['gemini', 'gemini'],
    ]);
  });

  it('refuses to run again, names what exists, exits 1 and changes nothing', async () => {
    const dir = join(root, 'proj');
    expect((await runHangar(['init', dir], { cwd: root })).code).toBe(0);
    writeFileSync(join(dir, 'agents.toml'), '# my own edits\n');
    const before = snapshot(dir);

    const r = await runHangar(['init', dir], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`hangar: refusing to overwrite ${join(dir, 'agents.toml')}, ${join(dir, 'prompts/kickoff.md')}`);
    expect(r.stderr).toContain('(nothing was written)');
    expect(snapshot(dir)).toEqual(before);
  });

  it('writes nothing when only one of its files exists already', async () => {
    const dir = join(root, 'proj');
    mkdirSync(join(dir, 'prompts'), { recursive: true });
    writeFileSync(join(dir, 'prompts/wake.md'), 'my wake prompt\n');
    const r = await runHangar(['init'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('hangar: refusing to overwrite prompts/wake.md (nothing was written)\n');
    expect(Object.keys(snapshot(dir))).toEqual(['prompts/wake.md']);
  });

  it('says so when DIR is a file', async () => {
    writeFileSync(join(root, 'afile'), 'x');
    const r = await runHangar(['init', 'afile'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('hangar: afile is not a folder\n');
  });
});

describe('the scaffolded config', () => {
  /** Uncomment the `# [section]` block that starts at `header`, up to the next blank line. */
  function uncomment(text: string, header: string): string {
    const lines = text.split('\n');
    let inside = false;
    return lines.map((line) => {
      if (line === `# ${header}`) inside = true;
      else if (line.trim() === '') inside = false;
      return inside ? line.replace(/^# /, '') : line;
    }).join('\n');
  }

  function load(text: string, sets: string[] = []) {
    const dir = join(root, 'p');
    mkdirSync(join(dir, 'prompts'), { recursive: true });
    for (const p of SCAFFOLD_PROMPTS) writeFileSync(join(dir, 'prompts', p), repoPrompt(p));
    writeFileSync(join(dir, 'agents.toml'), text);
    return loadConfig({ path: join(dir, 'agents.toml'), env, sets });
  }

  it('still loads, without warnings, with claude or codex chosen, and with the commented [backend.claude] block uncommented', () => {
    for (const backend of ['claude', 'codex']) {
      const { config, warnings } = load(scaffoldConfig('p-'), [`defaults.backend=${backend}`]);
      expect(warnings).toEqual([]);
      expect(config.backends[backend]).toMatchObject({ bin: backend, prompt_delivery: 'arg', stall_idle: 300 });
      expect(config.agents.every((a) => a.backend === backend)).toBe(true);
    }
    const { config, warnings } = load(uncomment(scaffoldConfig('p-'), '[backend.claude]'), ['defaults.backend=claude']);
    expect(warnings).toEqual([]);
    expect(config.backends['claude']).toMatchObject({ bin: 'claude', flags: '--dangerously-skip-permissions', session_id_flag: '--session-id {new_id}' });
  });

  it('still loads with [loop.handoff] uncommented, pinging the loop pair', () => {
    const { config, warnings } = load(uncomment(scaffoldConfig('p-'), '[loop.handoff]'));
    expect(warnings).toEqual([]);
    expect(config.loop.handoff).toEqual({
      state_subdir: 'machine-docs', claim_pattern: '^claim', claim_pings: 'adversary', review_pattern: '^review',
      review_pings: 'builder', inboxes: ['adversary-inbox.md', 'builder-inbox.md'],
    });
  });

  it('takes its session prefix from the folder name', () => {
    expect(sessionPrefixFor('My Project')).toBe('my-project-');
    expect(sessionPrefixFor('api.v2')).toBe('api-v2-');
    expect(sessionPrefixFor('___')).toBe('___-');
    expect(sessionPrefixFor('')).toBe('proj-');
    expect(sessionPrefixFor('日本')).toBe('proj-');
  });
});
