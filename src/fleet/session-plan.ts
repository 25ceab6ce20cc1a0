import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AgentConfig, FleetConfig, ServiceConfig } from '../config/types.js';
import { agentModel, buildKickoff } from '../config/kickoff.js';
import { geminiDefaultsFilePath, kickoffPath as kickoffFileOf, resumeIdPath, sessionLogPath, socketPath } from '../fs/fleet-files.js';
import { GEMINI_DEFAULTS_VARIABLE, geminiDefaults, geminiDefaultsPath } from '../config/gemini-hooks.js';
import { cliOf } from '../config/hook-flags.js';
import { parseHost, remoteHostText, type RemoteHost } from '../config/host.js';
import { currentPhaseIndex } from '../config/phase-index.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { SessionOptions } from '../session/session.js';
import { childEnv } from './child-env.js';
import { FleetError } from './fleet-error.js';
import { buildLaunchPlan, type LaunchPlan } from './launch-command.js';
import { hangarMcpCommand } from './mcp-server-command.js';
import { remoteKickoffPath, remoteLaunchCommand } from './remote-launch.js';
import { compileStatusPatterns } from './status-patterns.js';

export interface SessionPlan {
  options: SessionOptions;
  boot?: LaunchPlan['boot'];
  model: string;
  /** the conversation this start runs, as far as the command line tells */
  conversation: ConversationStart;
  /** why the CLI's hooks could not be given this start (its status then comes from the screen) */
  hookProblem?: string;
}

/**
 * The conversation a session starts on: its id when the command line tells it (given by
 * hangar, or resumed), and how many turns it holds at the start when that is known — a new
 * conversation holds its kickoff (when passed as an argument), a rewound one the turns it
 * kept; a resumed one holds what it held, which only the CLI's own records can say (null).
 */
export interface ConversationStart {
  id: string | null;
  /** hangar chose the id ({new_id}): the CLI makes that conversation once it takes a prompt */
  given: boolean;
  turns: number | null;
}

/**
 * A one-off start the pilot asks for when it rewinds an agent's conversation: resume it at an
 * earlier turn (`rewind`, by the backend's rewind_resume), start with another kickoff (a
 * recap), or start fresh with no kickoff and no resumed conversation (a replay re-sends the
 * turns). Never remembered: the next plain start is as the config says.
 */
export interface LaunchOverride {
  rewind?: { id: string; turn: number };
  /** the kickoff to start with; '' starts with none */
  kickoff?: string;
  /** a new conversation: no resume id even when the agent resumes */
  newConversation?: boolean;
}

export interface PlanContext {
  config: FleetConfig;
  env: NodeJS.ProcessEnv;
  cols: number;
  rows: number;
}

/** The resume id agents.py keeps in `state/<name>.id`, when there is one. */
function readResumeId(config: FleetConfig, agent: AgentConfig): string | undefined {
  try {
    const id = readFileSync(resumeIdPath(config, agent.name), 'utf8').trim();
    return id || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Everything needed to start an agent: the kickoff written to its file under the state dir,
 * the model for the current phase, the launch command, the session options.
 */
export function planAgentSession(ctx: PlanContext, agent: AgentConfig, override: LaunchOverride = {}): SessionPlan {
  const { config } = ctx;
  const backend = config.backends[agent.backend];
  if (!backend) throw new FleetError('config', `agent "${agent.name}": unknown backend "${agent.backend}"`);
  const phase = currentPhaseIndex(config);
  const model = agentModel(config, agent, phase);
  const kickoffPath = kickoffFileOf(config, agent.session);
  const kickoff = override.kickoff ?? buildKickoff(config, agent, phase);
  writeFileAtomic(kickoffPath, kickoff);
  const resumeId = agent.resume && backend.supports_resume && !override.newConversation ? readResumeId(config, agent) : undefined;
  const noKickoff = override.kickoff === '';
  const host = hostOf(remoteHostText(agent, backend));
  const unique = randomUUID();
  // on another machine the command reads the kickoff from a file written there, not from this disk
  const launchKickoff = host ? remoteKickoffPath(agent.session, unique) : kickoffPath;
  // an orchestrator's tools: a server on this machine, so not for one that runs on another
  const mcp = agent.kind === 'orchestrator' && !host ? hangarMcpCommand(config.path, agent.name, config.instance) : undefined;
  const plan = buildLaunchPlan({ agent, backend, model, kickoffPath: launchKickoff, resumeId, rewind: override.rewind, noKickoff, newId: randomUUID(), mcp });
  const env = childEnv(ctx.env, { configPath: config.path, instance: config.instance, session: agent.session, name: agent.name, socket: socketPath(config) });
  // Gemini CLI takes its hooks from a settings file named in its environment (here only: the file is on this disk)
  const hookProblem = !host && cliOf(backend) === 'gemini' ? giveGeminiHooks(config, env) : undefined;
  const readsKickoff = plan.command.includes(launchKickoff) || plan.boot !== undefined;
  const kickoffTurn = backend.prompt_delivery === 'arg' && !noKickoff && kickoff.trim() !== '' ? 1 : 0;
  return {
    model,
    boot: plan.boot,
    ...(hookProblem ? { hookProblem } : {}),
    conversation: {
      id: plan.conversationId,
      given: plan.conversationId !== null && plan.conversationId !== resumeId,
      turns: override.rewind ? override.rewind.turn : resumeId ? null : kickoffTurn,
    },
    options: {
      name: agent.name,
      ...(host
        ? {
          command: remoteLaunchCommand({
            host, command: plan.command, dir: agent.dir, env, session: agent.session, unique, fleetSocket: socketPath(config),
            ...(readsKickoff ? { kickoff: { path: launchKickoff, text: kickoff } } : {}),
          }),
          // ssh or kubectl runs here; the agent's directory is over there
          cwd: config.log_dir,
        }
        : { command: plan.command, cwd: agent.dir }),
      env,
      cols: ctx.cols,
      rows: ctx.rows,
      scrollback: agent.scrollback,
      logPath: sessionLogPath(config, agent.session),
      logCap: { maxBytes: agent.log_max, keep: agent.log_keep },
      patterns: compileStatusPatterns(backend),
      timing: { hookSilentMs: backend.hook_silence * 1000 },
      submitKey: backend.submit_key,
    },
  };
}

/**
 * Write the fleet's Gemini system defaults (the machine's own carried over, hangar's hooks
 * added) and name it in `env`. Returns why not when the machine's file cannot be carried over:
 * env is left alone then, so Gemini reads that file as it would without hangar.
 */
function giveGeminiHooks(config: FleetConfig, env: Record<string, string>): string | undefined {
  const path = geminiDefaultsFilePath(config);
  const theirs = geminiDefaultsPath(env, process.platform);
  let existing: string | null = null;
  try {
    // a server started from one of hangar's gemini agents inherits the variable: its own file is not the machine's
    if (theirs !== path) existing = readFileSync(theirs, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return `cannot read ${theirs}: ${(err as Error).message}`;
  }
  const defaults = geminiDefaults(existing, theirs);
  if (!defaults.ok) return defaults.problem;
  writeFileAtomic(path, defaults.text);
  env[GEMINI_DEFAULTS_VARIABLE] = path;
  return undefined;
}

/** The machine an agent runs on; null: this one. The config loader has checked the text. */
function hostOf(text: string | undefined): RemoteHost | null {
  if (text === undefined) return null;
  const parsed = parseHost(text);
  if (!parsed.ok) throw new FleetError('config', `host ${JSON.stringify(text)}: ${parsed.problem}`);
  return parsed.host;
}

/** A service is a plain command: no kickoff, no patterns, status by output quiescence. */
export function planServiceSession(ctx: PlanContext, service: ServiceConfig): SessionPlan {
  const { config } = ctx;
  return {
    model: '',
    conversation: { id: null, given: false, turns: null },
    options: {
      name: service.name,
      command: service.command,
      cwd: service.dir,
      env: childEnv(ctx.env, { configPath: config.path, instance: config.instance, session: service.session, name: service.name, socket: socketPath(config) }),
      cols: ctx.cols,
      rows: ctx.rows,
      scrollback: service.scrollback,
      logPath: sessionLogPath(config, service.session),
      logCap: { maxBytes: service.log_max, keep: service.log_keep },
      patterns: compileStatusPatterns(undefined),
      submitKey: 'Enter',
    },
  };
}
