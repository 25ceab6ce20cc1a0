import { describe, expect, it } from 'vitest';
import { checkRewind } from '../../src/config/rewind-check.js';
import type { BackendConfig } from '../../src/config/types.js';

const backend = (over: Partial<BackendConfig>): BackendConfig => ({
  name: 'b', bin: 'agent', flags: '', prompt_delivery: 'arg', submit_key: 'Enter', stall_idle: 300,
  footer_ui: false, footer_rows: 10, log_grace: 180, supports_resume: false, resume_flag: "--resume '{id}'", rewind: 'none',
  remote_control: false, remote_control_flag: "--remote-control '{session}'", model_flag: "--model '{model}'",
  model_env: false, preamble: '', attach: '{bin}', server: '', connect_delay: 12, hook_silence: 30, session_id_re: 'session: (\\S+)', ...over,
});

describe('checkRewind', () => {
  it('accepts every strategy that has what it needs', () => {
    for (const rewind of ['none', 'replay', 'recap'] as const) expect(checkRewind(backend({ rewind }))).toEqual([]);
    expect(checkRewind(backend({ rewind: 'resume', rewind_resume: "--resume '{id}' --at-turn {turn} --model {model}" }))).toEqual([]);
  });

  it('an unused rewind_resume is a warning on that key', () => {
    expect(checkRewind(backend({ rewind: 'recap', rewind_resume: '--resume {id} --at-turn {turn}' }))).toEqual([
      { key: 'rewind_resume', severity: 'warning', message: '[backend.b] rewind_resume is not used: rewind is "recap" (set rewind = "resume" to use it)' },
    ]);
  });

  it('resume with no way to learn the conversation id is a warning: there is no id to resume', () => {
    const resume = { rewind: 'resume', rewind_resume: '--resume {id} --at-turn {turn}', session_id_re: undefined } as const;
    expect(checkRewind(backend(resume))).toEqual([{ key: 'rewind', severity: 'warning', message: expect.stringContaining('no way to learn the conversation id') }]);
    // given by hangar, read off the screen, or found as the newest session file: each will do
    expect(checkRewind(backend({ ...resume, session_id_flag: '--session-id {new_id}' }))).toEqual([]);
    expect(checkRewind(backend({ ...resume, session_id_re: 'session: (\\S+)' }))).toEqual([]);
    expect(checkRewind(backend({ ...resume, session_file: '~/s/{id}.jsonl' }))).toEqual([]);
    expect(checkRewind(backend({ ...resume, session_file: '~/s/*.jsonl' }))).toHaveLength(1);
  });

  it('session_id_flag must name the new id, on an arg command line', () => {
    expect(checkRewind(backend({ session_id_flag: '--session-id {id}' }))).toEqual([
      { key: 'session_id_flag', severity: 'error', message: expect.stringContaining('must contain {new_id}') },
    ]);
    expect(checkRewind(backend({ session_id_flag: '--session-id {new_id}', prompt_delivery: 'ping' }))).toEqual([
      { key: 'session_id_flag', severity: 'warning', message: expect.stringContaining('is not used') },
    ]);
  });

  it('names each missing piece as an error on its key', () => {
    const errors = (over: Partial<BackendConfig>, written?: boolean) =>
      checkRewind(backend({ rewind: 'resume', ...over }), written).filter((f) => f.severity === 'error').map((f) => [f.key, f.message]);
    expect(errors({})).toEqual([['rewind', expect.stringContaining('needs rewind_resume')]]);
    // written with a wrong type (already reported by validation): not reported again as missing
    expect(errors({}, true)).toEqual([]);
    expect(errors({ rewind_resume: '--resume {id}' })).toEqual([['rewind_resume', expect.stringContaining('must contain {id} and {turn}')]]);
    expect(errors({ rewind_resume: '--at-turn {turn}' })).toEqual([['rewind_resume', expect.stringContaining('must contain {id} and {turn}')]]);
    expect(errors({ rewind_resume: '--resume {id} --at-turn {turn} {sesion}' })).toEqual([['rewind_resume', expect.stringContaining('unknown field {sesion}')]]);
    expect(errors({ rewind_resume: '--resume {id} --at-turn {turn}', prompt_delivery: 'exec' })).toEqual([
      ['rewind', expect.stringContaining('needs prompt_delivery = "arg"')],
    ]);
  });
});
