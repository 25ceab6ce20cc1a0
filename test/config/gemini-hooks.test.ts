import { describe, expect, it } from 'vitest';
import { geminiDefaults, geminiDefaultsPath } from '../../src/config/gemini-hooks.js';
import { hookOption } from '../../src/config/hook-flags.js';
import type { BackendConfig } from '../../src/config/types.js';

// Gemini CLI's hooks go in a system defaults file of hangar's own, named by
// GEMINI_CLI_SYSTEM_DEFAULTS_PATH; the machine's own defaults file is carried over into it.
interface Group { matcher?: string; hooks: { name?: string; type: string; command: string; timeout?: number }[] }
const parse = (r: ReturnType<typeof geminiDefaults>) => {
  if (!r.ok) throw new Error(r.problem);
  return JSON.parse(r.text) as { hooks: Record<string, Group[]>; [k: string]: unknown };
};

describe('Gemini CLI hooks', () => {
  it("hangar's hook on each event it reads, each running `hangar hook` with a timeout in milliseconds", () => {
    const settings = parse(geminiDefaults(null, '/etc/gemini-cli/system-defaults.json'));
    expect(Object.keys(settings)).toEqual(['hooks']);
    expect(Object.keys(settings.hooks).sort()).toEqual(['AfterAgent', 'AfterTool', 'BeforeAgent', 'BeforeTool', 'Notification', 'SessionEnd', 'SessionStart']);
    for (const groups of Object.values(settings.hooks)) {
      expect(groups).toEqual([{ hooks: [{ name: 'hangar', type: 'command', command: 'hangar hook', timeout: 10_000 }] }]);
    }
  });

  it("carries the machine's defaults file over: its keys, and its hooks before hangar's", () => {
    const theirs = JSON.stringify({ ui: { theme: 'GitHub' }, hooks: { AfterAgent: [{ hooks: [{ type: 'command', command: 'notify-send done' }] }], PreCompress: [{ hooks: [{ type: 'command', command: 'backup' }] }] } });
    const settings = parse(geminiDefaults(theirs, '/etc/gemini-cli/system-defaults.json'));
    expect(settings.ui).toEqual({ theme: 'GitHub' });
    expect(settings.hooks.AfterAgent!.map((g) => g.hooks[0]!.command)).toEqual(['notify-send done', 'hangar hook']);
    expect(settings.hooks.PreCompress!.map((g) => g.hooks[0]!.command)).toEqual(['backup']);
    expect(parse(geminiDefaults('  \n', '/x')).hooks.BeforeAgent).toHaveLength(1);
  });

  it('gives no hooks rather than hide a defaults file it cannot carry over, and says why', () => {
    expect(geminiDefaults('{ // a comment\n}', '/etc/gemini-cli/system-defaults.json')).toEqual({ ok: false, problem: expect.stringMatching(/^\/etc\/gemini-cli\/system-defaults\.json is not plain JSON/) });
    expect(geminiDefaults('[1]', '/x.json')).toEqual({ ok: false, problem: '/x.json is not a JSON object' });
  });

  it('finds the defaults file Gemini CLI would read: its variable, else beside the system settings file, else the platform folder', () => {
    expect(geminiDefaultsPath({}, 'linux')).toBe('/etc/gemini-cli/system-defaults.json');
    expect(geminiDefaultsPath({}, 'darwin')).toBe('/Library/Application Support/GeminiCli/system-defaults.json');
    expect(geminiDefaultsPath({ GEMINI_CLI_SYSTEM_SETTINGS_PATH: '/opt/g/settings.json' }, 'linux')).toBe('/opt/g/system-defaults.json');
    expect(geminiDefaultsPath({ GEMINI_CLI_SYSTEM_DEFAULTS_PATH: '/opt/d.json', GEMINI_CLI_SYSTEM_SETTINGS_PATH: '/opt/g/settings.json' }, 'linux')).toBe('/opt/d.json');
  });

  it('doctor checks the gemini version for the variable the hooks go by', () => {
    expect(hookOption({ bin: 'gemini' } as BackendConfig)).toBe('GEMINI_CLI_SYSTEM_DEFAULTS_PATH');
  });
});
