import { describe, expect, it } from 'vitest';
import { argumentWords, programOf, sessionFolder } from '../../src/doctor/backend-use.js';
import type { BackendConfig } from '../../src/config/types.js';

describe('what a backend definition says about its program', () => {
  it('takes the program from bin: its first word, after environment assignments', () => {
    expect(programOf('claude')).toBe('claude');
    expect(programOf('bash --noprofile --norc -i')).toBe('bash');
    expect(programOf('  CODEX_HOME=/tmp/c codex ')).toBe('codex');
    expect(programOf('./bin/agent --x')).toBe('./bin/agent');
  });

  it("collects the words of every argument hangar passes (remote control's only when it is on)", () => {
    const backend = {
      flags: '--dangerously-skip-permissions',
      session_id_flag: '--session-id {new_id}',
      resume_flag: '--resume {id} --fork-session --session-id {new_id}',
      rewind_resume: undefined,
      model_flag: '--model {model}',
      remote_control: false,
      remote_control_flag: '--remote',
    } as unknown as BackendConfig;
    expect(argumentWords(backend)).toEqual(['--dangerously-skip-permissions', '--session-id', '{new_id}', '--resume', '{id}', '--fork-session', '--model', '{model}']);
    expect(argumentWords({ ...backend, remote_control: true })).toContain('--remote');
    // hangar passes claude its hooks with --settings (config/hook-flags.ts): an old claude without it is found out
    expect(argumentWords({ ...backend, bin: 'claude' })).toContain('--settings');
    expect(argumentWords({ ...backend, bin: 'codex' })).toContain('-c');
    // gemini's hooks go by a variable (config/gemini-hooks.ts), checked against its version the same way
    expect(argumentWords({ ...backend, bin: 'gemini' })).toContain('GEMINI_CLI_SYSTEM_DEFAULTS_PATH');
  });

  it('finds the session folder the way the pilot expands session_file, cut before the part a conversation names', () => {
    expect(sessionFolder('~/.claude/projects/{cwd_slug}/{id}.jsonl', '/work/my app', '/home/u')).toBe('/home/u/.claude/projects/-work-my-app');
    expect(sessionFolder('{home}/.codex/sessions/*/*/*/rollout-*-{id}.jsonl', '/w', '/home/u')).toBe('/home/u/.codex/sessions');
    expect(sessionFolder('../demo-state/{id}.jsonl', '/p/.hangar/work', '/home/u')).toBe('/p/.hangar/demo-state');
    expect(sessionFolder('/var/log/agent.jsonl', '/w', '/home/u')).toBe('/var/log');
  });
});
