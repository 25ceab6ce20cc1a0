import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentConfig, BackendConfig } from '../../src/config/types.js';
import { buildLaunchPlan } from '../../src/fleet/launch-command.js';
import { scratchDir } from '../helpers/scratch-dir.js';

const backend = (over: Partial<BackendConfig>): BackendConfig => ({
  name: 'b', bin: 'printf "[%s]\\n"', flags: '', prompt_delivery: 'arg', submit_key: 'Enter', stall_idle: 300,
  footer_ui: false, footer_rows: 10, log_grace: 180, supports_resume: false, resume_flag: "--resume '{id}'", rewind: 'none',
  remote_control: false, remote_control_flag: "--remote-control '{session}'", model_flag: "--model '{model}'",
  model_env: false, preamble: '', attach: '{bin}', server: '', connect_delay: 12, hook_silence: 30, ...over,
});
const newId = '11111111-2222-4333-8444-555555555555';
const agent: AgentConfig = {
  name: 'a', kind: 'persistent', backend: 'b', model: '', prompt: '', dir: '/tmp', session: "it's a-1",
  enabled: true, watch: 'none', resume: false, scrollback: 100, log_max: 1 << 20, log_keep: 2,
};

/** Run the command line for real and return the words the program received. */
function argvOf(command: string): string[] {
  return execFileSync('/bin/sh', ['-c', command], { encoding: 'utf8' }).trimEnd().split('\n');
}

describe('buildLaunchPlan', () => {
  const dir = scratchDir('hangar-launch').path();
  const kickoffPath = join(dir, "kick off's.txt");
  const kickoff = 'Do "this" and $(that) `now`\nsecond line';
  writeFileSync(kickoffPath, kickoff);

  it('arg: a fresh start (the pilot replays turns into it) has no kickoff argument', () => {
    const fresh = buildLaunchPlan({ agent, backend: backend({}), model: '', kickoffPath, newId, noKickoff: true });
    expect(fresh.command).toBe('printf "[%s]\\n"');
  });

  it('arg: resume, remote-control and model flags, flags, then the kickoff read from its file', () => {
    const plan = buildLaunchPlan({
      agent,
      backend: backend({ supports_resume: true, remote_control: true, flags: '--yes' }),
      model: "m 'x'",
      kickoffPath,
      newId,
      resumeId: 'id $1',
    });
    expect(plan.command).not.toContain('second line'); // never inlined
    expect(argvOf(plan.command)).toEqual(['[--resume]', '[id $1]', '[--remote-control]', "[it's a-1]", '[--model]', "[m 'x']", '[--yes]', `[${kickoff.split('\n')[0]}`, 'second line]']);
  });

  it('arg: no model and no resume id leave their flags out', () => {
    expect(argvOf(buildLaunchPlan({ agent, backend: backend({}), model: '', kickoffPath, newId }).command)).toEqual([`[${kickoff.split('\n')[0]}`, 'second line]']);
  });

  it('exec: runs the bin template with quoted fields', () => {
    const plan = buildLaunchPlan({ agent, backend: backend({ prompt_delivery: 'exec', bin: 'printf "[%s]\\n" {kickoff} {session} {model}' }), model: 'a b', kickoffPath, newId });
    expect(argvOf(plan.command)).toEqual([`[${kickoffPath}]`, "[it's a-1]", '[a b]']);
  });

  it('ping: preamble, model env, attach template, and a boot message pointing at the kickoff file', () => {
    const plan = buildLaunchPlan({
      agent,
      backend: backend({ prompt_delivery: 'ping', preamble: 'true', model_env: true, bin: 'printenv OPENCODE_CONFIG_CONTENT; printf "[%s]\\n"', attach: '{bin} {dir}', connect_delay: 2 }),
      model: 'gpt x',
      kickoffPath,
      newId,
    });
    expect(argvOf(plan.command)).toEqual(['{"model":"gpt x"}', '[/tmp]']);
    expect(plan.boot?.connectDelayMs).toBe(2000);
    expect(plan.boot?.message).toContain(kickoffPath);
  });

  it('rewind: rewind_resume with {id} and {turn} in place of resume_flag, and no kickoff', () => {
    const plan = buildLaunchPlan({
      agent,
      backend: backend({ supports_resume: true, rewind: 'resume', rewind_resume: "--resume {id} --at-turn '{turn}'", flags: '--yes' }),
      model: 'm1',
      kickoffPath,
      newId,
      resumeId: 'the-latest',
      rewind: { id: "conv 'a'", turn: 2 },
    });
    expect(argvOf(plan.command)).toEqual(['[--resume]', "[conv 'a']", '[--at-turn]', '[2]', '[--model]', '[m1]', '[--yes]']);
    expect(plan.boot).toBeUndefined();
  });

  it('rewind: refuses a backend without rewind_resume or not in arg mode', () => {
    expect(() => buildLaunchPlan({ agent, backend: backend({}), model: '', kickoffPath, newId, rewind: { id: 'x', turn: 0 } })).toThrow(/rewind_resume/);
    const ping = backend({ prompt_delivery: 'ping', rewind_resume: '--resume {id} --at-turn {turn}' });
    expect(() => buildLaunchPlan({ agent, backend: ping, model: '', kickoffPath, newId, rewind: { id: 'x', turn: 0 } })).toThrow(/prompt_delivery = "arg"/);
  });
  it('a start that begins a conversation gets the id hangar chose, by session_id_flag', () => {
    const b = backend({ supports_resume: true, session_id_flag: '--session-id {new_id}' });
    const fresh = buildLaunchPlan({ agent, backend: b, model: '', kickoffPath, newId });
    expect(argvOf(fresh.command)).toEqual(['[--session-id]', `[${newId}]`, `[${kickoff.split('\n')[0]}`, 'second line]']);
    expect(fresh.conversationId).toBe(newId);
    // a plain resume continues the conversation it names: no new id
    const resumed = buildLaunchPlan({ agent, backend: b, model: '', kickoffPath, newId, resumeId: 'old-1' });
    expect(argvOf(resumed.command).slice(0, 2)).toEqual(['[--resume]', '[old-1]']);
    expect(resumed.conversationId).toBe('old-1');
    // a resume that forks names the fork
    const forked = buildLaunchPlan({ agent, backend: backend({ resume_flag: '--resume {id} --fork-session --session-id {new_id}' }), model: '', kickoffPath, newId, resumeId: 'old-1' });
    expect(argvOf(forked.command).slice(0, 5)).toEqual(['[--resume]', '[old-1]', '[--fork-session]', '[--session-id]', `[${newId}]`]);
    expect(forked.conversationId).toBe(newId);
  });

  it('a rewind forks: the fork gets the id hangar chose, or is learnt later when the CLI cannot take one', () => {
    const rewind = { id: 'old-1', turn: 2 };
    const withFlag = backend({ rewind: 'resume', rewind_resume: '--resume {id} --at-turn {turn}', session_id_flag: '--session-id {new_id}' });
    const plan = buildLaunchPlan({ agent, backend: withFlag, model: '', kickoffPath, newId, rewind });
    expect(argvOf(plan.command)).toEqual(['[--resume]', '[old-1]', '[--at-turn]', '[2]', '[--session-id]', `[${newId}]`]);
    expect(plan.conversationId).toBe(newId);
    const inTemplate = backend({ rewind: 'resume', rewind_resume: '--resume {id} --at-turn {turn} --as {new_id}', session_id_flag: '--session-id {new_id}' });
    expect(argvOf(buildLaunchPlan({ agent, backend: inTemplate, model: '', kickoffPath, newId, rewind }).command)).toEqual(['[--resume]', '[old-1]', '[--at-turn]', '[2]', '[--as]', `[${newId}]`]);
    const without = buildLaunchPlan({ agent, backend: backend({ rewind: 'resume', rewind_resume: '--resume {id} --at-turn {turn}' }), model: '', kickoffPath, newId, rewind });
    expect(without.conversationId).toBeNull();
    expect(buildLaunchPlan({ agent, backend: backend({}), model: '', kickoffPath, newId }).conversationId).toBeNull();
  });
});
