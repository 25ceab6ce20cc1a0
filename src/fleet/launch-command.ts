import type { AgentConfig, BackendConfig } from '../config/types.js';
import { renderTemplate, shellQuote, type LaunchField } from '../config/template.js';
import { FleetError } from './fleet-error.js';

/** What it takes to start one agent: a shell line, and for `ping` backends a boot message. */
export interface LaunchPlan {
  command: string;
  /** typed into the TUI once it is up (prompt_delivery = ping) */
  boot?: { message: string; connectDelayMs: number };
}

export interface LaunchInput {
  agent: AgentConfig;
  backend: BackendConfig;
  model: string;
  /** absolute path of the file holding the kickoff prompt */
  kickoffPath: string;
  /** the conversation to resume, when the agent resumes and the backend supports it */
  resumeId?: string;
  /**
   * The pilot's `resume` rewind: start on a new conversation holding the first `turn` turns
   * of conversation `id`, by the backend's rewind_resume (instead of resume_flag). The
   * kickoff is not passed: the conversation already holds what it started with.
   */
  rewind?: { id: string; turn: number };
  /** start without the kickoff argument (the pilot replays the turns instead) */
  noKickoff?: boolean;
}

/**
 * Build the command line for an agent by its backend's prompt_delivery, as agents.py does,
 * with every template field shell-quoted and the kickoff read from its file (never inlined).
 */
export function buildLaunchPlan(input: LaunchInput): LaunchPlan {
  const { agent, backend, model, kickoffPath, resumeId, rewind, noKickoff } = input;
  const fields: Record<LaunchField, string> = {
    kickoff: kickoffPath,
    session: agent.session,
    model,
    bin: backend.bin,
    server: backend.server,
    dir: agent.dir,
    id: rewind?.id ?? resumeId ?? '',
    turn: rewind === undefined ? '' : String(rewind.turn),
  };
  const render = (template: string) => renderTemplate(template, fields, { raw: ['bin'] });

  if (rewind !== undefined) {
    // The config loader checks the same; this guards a backend built some other way.
    if (backend.prompt_delivery !== 'arg' || backend.rewind_resume === undefined) {
      throw new FleetError('config', `backend "${backend.name}": rewinding by resume needs prompt_delivery = "arg" and rewind_resume`);
    }
    const parts = [backend.bin, render(backend.rewind_resume)];
    if (backend.remote_control) parts.push(render(backend.remote_control_flag));
    if (model) parts.push(render(backend.model_flag));
    if (backend.flags) parts.push(backend.flags);
    return { command: parts.filter(Boolean).join(' ') };
  }

  switch (backend.prompt_delivery) {
    case 'exec':
      return { command: render(backend.bin) };
    case 'ping': {
      const modelEnv =
        model && backend.model_env ? `OPENCODE_CONFIG_CONTENT=${shellQuote(JSON.stringify({ model }))} ` : '';
      const preamble = backend.preamble ? `${backend.preamble}; ` : '';
      return {
        command: `${preamble}${modelEnv}${render(backend.attach)}`,
        boot: {
          message: `Your full kickoff prompt is in ${kickoffPath} — read it now with: \`cat ${shellQuote(kickoffPath)}\` — then follow it exactly.`,
          connectDelayMs: backend.connect_delay * 1000,
        },
      };
    }
    case 'arg': {
      const parts = [backend.bin];
      if (resumeId) parts.push(render(backend.resume_flag));
      if (backend.remote_control) parts.push(render(backend.remote_control_flag));
      if (model) parts.push(render(backend.model_flag));
      if (backend.flags) parts.push(backend.flags);
      if (!noKickoff) parts.push(`"$(cat ${shellQuote(kickoffPath)})"`);
      return { command: parts.filter(Boolean).join(' ') };
    }
  }
}
