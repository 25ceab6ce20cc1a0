import type { AgentConfig, BackendConfig } from '../config/types.js';
import { renderTemplate, shellQuote, templateFields, type LaunchField } from '../config/template.js';
import { FleetError } from './fleet-error.js';
import { hookFlags } from '../config/hook-flags.js';
import { mcpFlags, type McpServerCommand } from '../config/mcp-flags.js';

/** What it takes to start one agent: a shell line, and for `ping` backends a boot message. */
export interface LaunchPlan {
  command: string;
  /**
   * The id of the conversation this command runs, when the command line says it: the id hangar
   * chose ({new_id}: session_id_flag, or a template that uses it) or the one resumed. null: the
   * CLI picks it (a new conversation, a fork) and it is learnt later, off the screen or the
   * newest session file.
   */
  conversationId: string | null;
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
  /** the id for a conversation this start begins, used where a template asks for {new_id} */
  newId: string;
  /** an orchestrator's: hangar's MCP server, given by the backend's mcp_flags */
  mcp?: McpServerCommand;
}

/**
 * Build the command line for an agent by its backend's prompt_delivery, as agents.py does,
 * with every template field shell-quoted and the kickoff read from its file (never inlined).
 */
export function buildLaunchPlan(input: LaunchInput): LaunchPlan {
  const { agent, backend, model, kickoffPath, resumeId, rewind, noKickoff, newId, mcp } = input;
  const mcpWords = mcp ? mcpFlags(backend, mcp) : '';
  const fields: Record<LaunchField, string> = {
    kickoff: kickoffPath,
    session: agent.session,
    model,
    bin: backend.bin,
    server: backend.server,
    dir: agent.dir,
    id: rewind?.id ?? resumeId ?? '',
    turn: rewind === undefined ? '' : String(rewind.turn),
    new_id: newId,
  };
  const render = (template: string) => renderTemplate(template, fields, { raw: ['bin'] });
  const names = (template: string, field: LaunchField) => templateFields(template).includes(field);
  /** session_id_flag, for a start that begins a conversation, unless the template names it already */
  const chooseId = (template: string) => (backend.session_id_flag !== undefined && !names(template, 'new_id') ? render(backend.session_id_flag) : '');
  const given = (...templates: string[]) => templates.some((t) => names(t, 'new_id'));

  if (rewind !== undefined) {
    // The config loader checks the same; this guards a backend built some other way.
    if (backend.prompt_delivery !== 'arg' || backend.rewind_resume === undefined) {
      throw new FleetError('config', `backend "${backend.name}": rewinding by resume needs prompt_delivery = "arg" and rewind_resume`);
    }
    // a rewind forks: the fork is a new conversation, named by hangar where the CLI lets it
    const idFlag = chooseId(backend.rewind_resume);
    const parts = [backend.bin, render(backend.rewind_resume), idFlag, hookFlags(backend), mcpWords];
    if (backend.remote_control) parts.push(render(backend.remote_control_flag));
    if (model) parts.push(render(backend.model_flag));
    if (backend.flags) parts.push(backend.flags);
    return { command: parts.filter(Boolean).join(' '), conversationId: idFlag || given(backend.rewind_resume) ? newId : null };
  }

  switch (backend.prompt_delivery) {
    case 'exec': {
      const id = given(backend.bin) ? newId : resumeId && names(backend.bin, 'id') ? resumeId : null;
      return { command: render(backend.bin), conversationId: id };
    }
    case 'ping': {
      const modelEnv =
        model && backend.model_env ? `OPENCODE_CONFIG_CONTENT=${shellQuote(JSON.stringify({ model }))} ` : '';
      const preamble = backend.preamble ? `${backend.preamble}; ` : '';
      return {
        command: `${preamble}${modelEnv}${render(backend.attach)}`,
        conversationId: given(backend.attach, backend.preamble) ? newId : null,
        boot: {
          message: `Your full kickoff prompt is in ${kickoffPath} — read it now with: \`cat ${shellQuote(kickoffPath)}\` — then follow it exactly.`,
          connectDelayMs: backend.connect_delay * 1000,
        },
      };
    }
    case 'arg': {
      const parts = [backend.bin];
      // a plain resume continues conversation {id}; a resume_flag that forks names the fork {new_id}
      const idFlag = resumeId ? '' : chooseId('');
      parts.push(resumeId ? render(backend.resume_flag) : idFlag);
      parts.push(hookFlags(backend), mcpWords);
      if (backend.remote_control) parts.push(render(backend.remote_control_flag));
      if (model) parts.push(render(backend.model_flag));
      if (backend.flags) parts.push(backend.flags);
      if (!noKickoff) parts.push(`"$(cat ${shellQuote(kickoffPath)})"`);
      const id = resumeId ? (given(backend.resume_flag) ? newId : resumeId) : idFlag ? newId : null;
      return { command: parts.filter(Boolean).join(' '), conversationId: id };
    }
  }
}
