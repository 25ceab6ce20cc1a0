import type { AgentConfig, BackendConfig } from '../config/types.js';
import { renderTemplate, shellQuote } from '../config/template.js';

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
  /** flags that resume a conversation at an earlier turn (the pilot's rewind), in place of resume_flag */
  rewindArgs?: string;
  /** start without the kickoff argument (the pilot replays the turns instead) */
  noKickoff?: boolean;
}

/**
 * Build the command line for an agent by its backend's prompt_delivery, as agents.py does,
 * with every template field shell-quoted and the kickoff read from its file (never inlined).
 */
export function buildLaunchPlan(input: LaunchInput): LaunchPlan {
  const { agent, backend, model, kickoffPath, resumeId, rewindArgs, noKickoff } = input;
  const fields = {
    kickoff: kickoffPath,
    session: agent.session,
    model,
    bin: backend.bin,
    server: backend.server,
    dir: agent.dir,
    id: resumeId ?? '',
  };
  const render = (template: string) => renderTemplate(template, fields, { raw: ['bin'] });

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
      if (rewindArgs !== undefined) parts.push(rewindArgs);
      else if (resumeId) parts.push(render(backend.resume_flag));
      if (backend.remote_control) parts.push(render(backend.remote_control_flag));
      if (model) parts.push(render(backend.model_flag));
      if (backend.flags) parts.push(backend.flags);
      if (!noKickoff) parts.push(`"$(cat ${shellQuote(kickoffPath)})"`);
      return { command: parts.filter(Boolean).join(' ') };
    }
  }
}
