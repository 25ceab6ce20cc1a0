import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_BACKENDS } from '../../src/config/builtin-backends.js';
import { ConfigError } from '../../src/config/diagnostics.js';
import { loadConfig } from '../../src/config/load.js';
import { checkRewind } from '../../src/config/rewind-check.js';
import { Screen } from '../../src/session/screen.js';
import { decideStatus } from '../../src/session/status.js';
import { compileStatusPatterns } from '../../src/fleet/status-patterns.js';
import { scratchDir } from '../helpers/scratch-dir.js';

const scratch = scratchDir('hangar-builtin');

/** Writes agents.toml in a fresh folder and loads it. */
function load(body: string, sets: string[] = []) {
  const dir = scratch.fresh();
  const path = join(dir, 'agents.toml');
  writeFileSync(path, `[defaults]\nsession_prefix = "t-"\nlog_dir = ".hangar"\n${body}`);
  return { ...loadConfig({ path, sets, env: { HOME: dir } }), path };
}

function loadError(body: string): string {
  try {
    load(body);
  } catch (err) {
    if (err instanceof ConfigError) return err.message.replace(/^.*agents\.toml/gm, 'agents.toml');
    throw err;
  }
  throw new Error('loaded without an error');
}

describe('built-in backends', () => {
  it('every built-in name works with no [backend.NAME] block', () => {
    const names = Object.keys(BUILTIN_BACKENDS);
    expect(names).toEqual(['claude', 'codex', 'gemini', 'opencode', 'aider']);
    const { config, warnings } = load(names.map((n) => `[[agent]]\nname = "${n}-1"\nbackend = "${n}"\n`).join('\n'));
    expect(warnings).toEqual([]);
    for (const n of names) expect(config.backends[n]).toMatchObject({ name: n, bin: BUILTIN_BACKENDS[n]!.bin });
    expect(config.backends['claude']).toMatchObject({
      session_id_flag: '--session-id {new_id}', resume_flag: '--resume {id}', supports_resume: true,
      model_flag: '--model {model}', session_file: '~/.claude/projects/{cwd_slug}/{id}.jsonl', rewind: 'recap',
      submit_key: 'Enter', stall_idle: 300,
    });
    expect(config.backends['codex']).toMatchObject({ resume_flag: 'resume {id}', session_file: '~/.codex/sessions/*/*/*/rollout-*-{id}.jsonl' });
  });

  it('a block of the same name merges over the built-in key by key', () => {
    const { config, backendOrigins } = load(`
[backend.claude]
flags = "--dangerously-skip-permissions"
limit_re = "my limit"

[[agent]]
name = "a"
backend = "claude"
`);
    expect(config.backends['claude']).toMatchObject({
      bin: 'claude', flags: '--dangerously-skip-permissions', limit_re: 'my limit',
      active_re: BUILTIN_BACKENDS['claude']!.active_re, session_id_flag: '--session-id {new_id}',
    });
    expect(backendOrigins['claude']).toMatchObject({ flags: expect.stringMatching(/agents\.toml:6$/), limit_re: expect.stringMatching(/agents\.toml:7$/), bin: 'built-in', stall_idle: 'default' });
    // the others stay as built
    expect(config.backends['codex']?.flags).toBe('');
  });

  it('--set changes one key of a built-in and says so', () => {
    const { config, backendOrigins } = load('', ['backend.codex.flags=--full-auto']);
    expect(config.backends['codex']).toMatchObject({ bin: 'codex', flags: '--full-auto', resume_flag: 'resume {id}' });
    expect(backendOrigins['codex']?.['flags']).toBe('--set backend.codex.flags=--full-auto');
  });

  it('a block for a name that is not built in still needs bin, and errors stay file:line:key', () => {
    expect(loadError('[backend.mine]\nflags = "-x"\n')).toContain('[backend.mine]: missing required key "bin"');
    expect(loadError('\n[backend.claude]\nprompt_delivery = "fax"\n')).toMatch(/^agents\.toml:6: \[backend\.claude\]: key "prompt_delivery" must be one of/m);
    expect(loadError('\n[backend.codex]\nactive_re = "("\n')).toMatch(/^agents\.toml:6: \[backend\.codex\] active_re: invalid regular expression/m);
    expect(loadError('[backend.claude]\nbin = ""\n')).toMatch(/^agents\.toml:5: \[backend\.claude\]: key "bin" must not be empty/m);
  });

  it('a --settings in a claude backend\'s flags is an error: Claude Code keeps only the last --settings, which would drop hangar\'s hooks', () => {
    expect(loadError('\n[backend.claude]\nflags = "--verbose --settings my-settings.json"\n')).toMatch(
      /^agents\.toml:6: \[backend\.claude\] flags: Claude Code keeps only the last --settings, so this one would replace the one hangar passes its hooks in; put these settings in .*\.claude\/settings\.local\.json/m,
    );
    // any backend that runs claude, whatever its name; --settings=VALUE too
    expect(loadError('\n[backend.cc]\nbin = "/opt/bin/claude"\nflags = "--settings={}"\n')).toMatch(/^agents\.toml:7: \[backend\.cc\] flags: Claude Code keeps only the last --settings/m);
    // other flags, and other programs' --settings, are left alone
    expect(load('[backend.claude]\nflags = "--setting-sources user"\n[backend.mine]\nbin = "mycli"\nflags = "--settings x"\n').warnings).toEqual([]);
  });

  it('every built-in passes the checks a written block gets (rewind, session ids)', () => {
    const { config } = load('');
    for (const name of Object.keys(BUILTIN_BACKENDS)) expect(checkRewind(config.backends[name]!)).toEqual([]);
  });
});

/**
 * The status each built-in's patterns give on screens drawn as the CLIs draw them (facts from
 * ccmanager's and agent-deck's detectors). Only a pattern can give the expected status: a
 * working screen is long quiet (quiescence alone would say idle), every other screen has just
 * printed (quiescence alone would say working). The fake CLIs (test/fixtures/clis) draw the
 * same states in a real pty.
 */
describe('built-in screen patterns', () => {
  const { config } = load('');
  const status = (name: string, screen: string, expected: string) => {
    const rows = screen.split('\n');
    const msSinceOutput = expected === 'working' ? 60_000 : 0;
    const obs = { rows, cursorY: rows.length - 1, msSinceOutput, msSinceFirstOutput: 60_000, settled: true, exited: false, stopped: false };
    return decideStatus(obs, compileStatusPatterns(config.backends[name]), 2000);
  };
  const RULE = '─'.repeat(40);
  const claudeBox = `${RULE}\n❯ \n${RULE}\n  ? for shortcuts`;
  const cases: [string, string, string][] = [
    ['claude', `● Reading files\n\n✽ Reticulating… (12s · ↑ 1.2k tokens · esc to interrupt)\n\n${claudeBox}`, 'working'],
    ['claude', `✳ Simplifying recompute_tangents…\n\n${claudeBox}`, 'working'],
    ['claude', `● Done.\n\n✻ Worked for 12s\n\n${claudeBox}`, 'idle'],
    ['claude', `● Shall I add tests? Do you want me to go on?\n\n${claudeBox}`, 'idle'],
    ['claude', ` Bash command\n   rm -rf build\n Do you want to proceed?\n ❯ 1. Yes\n   2. No, and tell Claude what to do differently (esc)`, 'needs-input'],
    ['claude', `● Claude usage limit reached. Your limit will reset at 3pm (Europe/Paris).\n\n${claudeBox}`, 'limited'],
    ['claude', `  ⎿  5-hour limit reached ∙ resets 3pm\n\n${claudeBox}`, 'limited'],
    ['codex', `• Working (12s • esc to interrupt)\n\n› Ask Codex to do anything`, 'working'],
    ['codex', `• Wrote notes.txt\n\n› Ask Codex to do anything\n  ⏎ send`, 'idle'],
    ['codex', `  Would you like to run the following command?\n  $ rm -rf build\n› 1. Yes, proceed\n  2. No, and tell Codex what to do differently`, 'needs-input'],
    ['codex', `■ You've hit your usage limit. Try again at 3:51 PM.\n\n› Ask Codex to do anything`, 'limited'],
    ['gemini', `⠏ Thinking about it (esc to cancel, 3s)\n\n> Type your message or @path/to/file`, 'working'],
    ['gemini', `✦ Done.\n\n> Type your message or @path/to/file`, 'idle'],
    ['gemini', `│ ? Shell rm -rf build\n│ Allow execution of: 'rm'?\n│ ● 1. Yes, allow once\n│   2. No (esc)`, 'needs-input'],
    ['gemini', `✕ Usage limit reached for all Pro models.\n\n> Type your message or @path/to/file`, 'limited'],
    ['opencode', `  Build  claude-sonnet\n  ■■■■  esc interrupt`, 'working'],
    ['opencode', `  Ask anything... "Fix a TODO in the codebase"\n  enter send`, 'idle'],
    ['opencode', `  △ Permission required\n  $ rm -rf build\n  enter accept   a accept always   d deny`, 'needs-input'],
    ['aider', `░█ Waiting for anthropic/claude-sonnet-4`, 'working'],
    ['aider', `Tokens: 12k sent, 400 received.\n\n> `, 'idle'],
    ['aider', `Add notes.txt to the chat? (Y)es/(N)o/(D)on't ask again [Yes]: `, 'needs-input'],
    ['aider', `The API provider has rate limited you. Try again later or check your quotas.\n\n> `, 'limited'],
  ];
  it.each(cases)('%s: %j is %s', (name, screen, expected) => {
    expect(status(name, screen, expected)).toBe(expected);
  });
});

/**
 * Screens the real CLIs drew, replayed from hangar's own pane log into the emulator hangar
 * uses, so the rows and the cursor are the ones the status rules saw. Captured offline at
 * 120×40 with `npm run test:real-clis` installed CLIs (test/real-clis/real-clis.test.ts checks
 * the same live): Codex 0.171.0's first screen is its sign-in menu, which waits for a choice,
 * with the cursor hidden and parked below the menu.
 */
describe('built-in patterns on screens the real CLIs drew', () => {
  const { config } = load('');
  const replay = (file: string): Promise<{ rows: string[]; cursorY: number | null }> => {
    const screen = new Screen({ cols: 120, rows: 40, scrollback: 100 });
    return new Promise((done) =>
      screen.writeNow(readFileSync(new URL(`../session/screens/${file}`, import.meta.url)), () => {
        done({ rows: screen.visibleRows(), cursorY: screen.shownCursorRow() });
        screen.dispose();
      }),
    );
  };

  it('codex 0.171.0 onboarding (sign-in menu, "Press enter to continue") is needs-input', async () => {
    const { rows, cursorY } = await replay('codex-0.171.0-onboarding.pty');
    expect(rows.join('\n')).toContain('> 1. Sign in with ChatGPT');
    expect(rows.join('\n')).toContain('Press enter to continue');
    // the cursor is hidden (and left 24 rows under the menu): the prompt region ends at the menu
    expect(cursorY).toBeNull();
    const obs = { rows, cursorY, msSinceOutput: 60_000, msSinceFirstOutput: 60_000, settled: true, exited: false, stopped: false };
    expect(decideStatus(obs, compileStatusPatterns(config.backends['codex']), 2000)).toBe('needs-input');
  });
});
