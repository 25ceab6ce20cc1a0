/**
 * What an agent is told at launch, and with which model — agents.py's agent_prompt,
 * build_loop_kickoff and role_model, for a phase index (config/phase-index.ts reads it).
 * Reads the prompt files; writes nothing.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../fs/package-root.js';
import { launchModel } from '../models/registry.js';
import { fillPromptTemplate } from './template.js';
import type { AgentConfig, FleetConfig, PhaseConfig } from './types.js';

function phaseAt(config: FleetConfig, phaseIndex: number): PhaseConfig | undefined {
  return config.loop.phases[phaseIndex];
}

/** The model an agent is written with: a phase's `models[role]` wins over the agent's own model. */
function writtenModel(config: FleetConfig, agent: AgentConfig, phaseIndex: number): string {
  const override = agent.role ? phaseAt(config, phaseIndex)?.models[agent.role] : undefined;
  return override || agent.model;
}

/** The model an agent is started with: the written one, an alias as the canonical id the registry names (models/registry.ts). */
export function agentModel(config: FleetConfig, agent: AgentConfig, phaseIndex: number): string {
  return launchModel(config.registry, writtenModel(config, agent, phaseIndex), agent.backend);
}

/**
 * Loop agents: the kickoff template (slots filled from the phase) followed by
 * `roles_dir/<role>.md`. Others: the prompt file's text, else `prompt`; an orchestrator's after
 * the orchestrator prompt.
 */
export function buildKickoff(config: FleetConfig, agent: AgentConfig, phaseIndex: number): string {
  if (agent.kind === 'loop') {
    const phase = phaseAt(config, phaseIndex);
    const fields = {
      phase_id: phase?.id ?? '',
      plan: phase?.plan ?? '',
      status: phase?.status ?? '',
      role: agent.role ?? '',
    };
    const preamble = config.loop.kickoff_template
      ? fillPromptTemplate(readFileSync(config.loop.kickoff_template, 'utf8'), fields)
      : '';
    return preamble + readFileSync(join(config.loop.roles_dir, `${agent.role ?? ''}.md`), 'utf8');
  }
  const own = agent.prompt_file ? readFileSync(agent.prompt_file, 'utf8') : agent.prompt;
  return agent.kind === 'orchestrator' ? orchestratorPreamble() + own : own;
}

/** What every orchestrator is told before its own kickoff: the package's prompts/orchestrator.md (README, Orchestrator agents). */
export function orchestratorPreamble(): string {
  return readFileSync(packagePath('prompts', 'orchestrator.md'), 'utf8');
}
