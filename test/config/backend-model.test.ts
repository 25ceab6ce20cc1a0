import { describe, expect, it } from 'vitest';
import { backendTakesModel, shownModel } from '../../src/config/backend-model.js';
import type { AgentConfig, BackendConfig } from '../../src/config/types.js';
import { buildLaunchPlan } from '../../src/fleet/launch-command.js';

const backend = (over: Partial<BackendConfig>): BackendConfig => ({
  name: 'b', bin: 'cli', flags: '', prompt_delivery: 'arg', submit_key: 'Enter', stall_idle: 300,
  footer_ui: false, footer_rows: 10, log_grace: 180, supports_resume: false, resume_flag: "--resume '{id}'", rewind: 'none',
  remote_control: false, remote_control_flag: "--remote-control '{session}'", model_flag: "--model '{model}'",
  model_env: false, preamble: '', attach: '{bin}', server: '', connect_delay: 12, hook_silence: 30, ...over,
});
const agent: AgentConfig = {
  name: 'a', kind: 'persistent', backend: 'b', model: '', prompt: '', dir: '/tmp', session: 'a-1',
  enabled: true, watch: 'none', resume: false, scrollback: 100, log_max: 1 << 20, log_keep: 2,
};

const BACKENDS: Record<string, BackendConfig> = {
  'arg, the default model_flag': backend({}),
  'arg, no model_flag': backend({ model_flag: '' }),
  'exec with {model}': backend({ prompt_delivery: 'exec', bin: 'cli --model {model} {kickoff}' }),
  'exec without {model}': backend({ prompt_delivery: 'exec', bin: 'sh' }),
  'ping with model_env': backend({ prompt_delivery: 'ping', model_env: true }),
  'ping, {model} in attach': backend({ prompt_delivery: 'ping', attach: '{bin} -m {model}' }),
  'ping, no model anywhere': backend({ prompt_delivery: 'ping' }),
};

describe('which backends take a model', () => {
  it.each(Object.entries(BACKENDS))('%s: says so exactly when the launch command carries it', (_, b) => {
    const command = buildLaunchPlan({ agent, backend: b, model: 'model-x7', kickoffPath: '/k.txt', newId: 'n-1' }).command;
    expect(backendTakesModel(b)).toBe(command.includes('model-x7'));
  });

  it('shows the model, "default" (the CLI picks) when none is set, and null when the backend takes none', () => {
    expect(shownModel(BACKENDS['arg, the default model_flag'], 'opus')).toBe('opus');
    expect(shownModel(BACKENDS['arg, the default model_flag'], '')).toBe('default');
    expect(shownModel(BACKENDS['exec without {model}'], 'opus')).toBeNull();
    expect(shownModel(BACKENDS['exec without {model}'], '')).toBeNull();
    expect(shownModel(BACKENDS['arg, no model_flag'], 'opus')).toBeNull();
  });
});
