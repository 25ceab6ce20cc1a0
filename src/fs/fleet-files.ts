/**
 * DESIGN's "Files on disk" as code: where each of a fleet's files lives under its log_dir,
 * and where the running servers register themselves. The one definition every writer (the
 * server, the watchdog, the pilot) and every reader (CLI verbs, the cockpit) builds these
 * paths from. A leaf: names and paths only, nothing is read or written here.
 *
 * ```
 * <log_dir>/
 *   hangar.sock  server.pid  server.log  events.jsonl  <session>.log  SEQUENCE-COMPLETE
 *   worktrees/<agent>/   an agent's own git worktree (worktree = true)
 *   state/   <name>.id  kickoff-<session>.txt  restarts-<session>.json  limited-<session>.json
 *            handoff.json  view.json  gemini-defaults.json  models.json  usage.jsonl  verdicts.jsonl
 *            budget.json  workers.json  watchers.json  added-agents.json  <loop.state_file>
 *            pilot/<agent>/  timeline.json  turn.json  <label>.txt  repo.git
 *            worktrees/<agent>.json
 *   instances/<instance>/   the same again for `--instance NAME`: a second copy of the fleet
 * ${XDG_STATE_HOME:-~/.local/state}/hangar/servers/<pid>.json
 * ${XDG_STATE_HOME:-~/.local/state}/hangar/instances/<id>.json
 * ```
 *
 * Every name is joined with pathUnder, so a session or agent name cannot lead outside its folder.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathUnder } from './path-under.js';

/** The fleet's folder: its config's `log_dir`. */
export interface LogDir {
  log_dir: string;
}

/** The fleet's state folder: its config's `state_dir` (`stateDirOf(log_dir)`). */
export interface StateDir {
  state_dir: string;
}

// ── <log_dir> ────────────────────────────────────────────────────────────────────────────────

/** `<log_dir>/state`: what must outlive a server (the config's `state_dir`). */
export function stateDirOf(logDir: string): string {
  return join(logDir, 'state');
}

/**
 * The folder of copy `instance` of the fleet (`--instance NAME`): `<log_dir>/instances/<instance>`,
 * its own log_dir — socket, logs and state — beside the first copy's.
 */
export function instanceLogDir(logDir: string, instance: string): string {
  return pathUnder(logDir, 'instances', instance);
}

/** Where the fleet's server listens: `<log_dir>/hangar.sock`. */
export function socketPath(fleet: LogDir): string {
  return pathUnder(fleet.log_dir, 'hangar.sock');
}

/** The running server's identity (`{pid, socket, version, startedAt, config}`): `<log_dir>/server.pid`. */
export function lockfilePath(fleet: LogDir): string {
  return pathUnder(fleet.log_dir, 'server.pid');
}

/** The fleet server's own output (capped and rotated like the other logs): `<log_dir>/server.log`. */
export function serverLogPath(fleet: LogDir): string {
  return pathUnder(fleet.log_dir, 'server.log');
}

/** The fleet's history, append-only: `<log_dir>/events.jsonl`. */
export function eventsLogPath(fleet: LogDir): string {
  return pathUnder(fleet.log_dir, 'events.jsonl');
}

/** The worktrees of agents with `worktree = true`: `<log_dir>/worktrees`. */
export function worktreesDir(fleet: LogDir): string {
  return pathUnder(fleet.log_dir, 'worktrees');
}

/** An agent's own git worktree (`worktree = true`): `<log_dir>/worktrees/<agent>`. */
export function agentWorktreePath(fleet: LogDir, agent: string): string {
  return pathUnder(fleet.log_dir, 'worktrees', agent);
}

/** Where a session's raw output goes: `<log_dir>/<session>.log`, as agents.py keeps it. */
export function sessionLogPath(fleet: LogDir, session: string): string {
  return pathUnder(fleet.log_dir, `${session}.log`);
}

/** The loop's phases are all done: `<log_dir>/SEQUENCE-COMPLETE`, as agents.py marks it. */
export function sequenceCompletePath(fleet: LogDir): string {
  return pathUnder(fleet.log_dir, 'SEQUENCE-COMPLETE');
}

// ── <state_dir> ──────────────────────────────────────────────────────────────────────────────

/** An agent's conversation id, for `resume = true`: `<state_dir>/<name>.id`, where agents.py kept it. */
export function resumeIdPath(fleet: StateDir, agent: string): string {
  return pathUnder(fleet.state_dir, `${agent}.id`);
}

/** The kickoff an agent was last started with: `<state_dir>/kickoff-<session>.txt`. */
export function kickoffPath(fleet: StateDir, session: string): string {
  return pathUnder(fleet.state_dir, `kickoff-${session}.txt`);
}

/** An agent's restarts and restart budget: `<state_dir>/restarts-<session>.json`. */
export function restartBudgetPath(fleet: StateDir, session: string): string {
  return pathUnder(fleet.state_dir, `restarts-${session}.json`);
}

/** An agent's usage-limit hold: `<state_dir>/limited-<session>.json`. */
export function limitHoldPath(fleet: StateDir, session: string): string {
  return pathUnder(fleet.state_dir, `limited-${session}.json`);
}

/** Budgets' raises and what was said about them (watchdog/budget-file.ts): `<state_dir>/budget.json`. */
export function budgetStatePath(fleet: StateDir): string {
  return pathUnder(fleet.state_dir, 'budget.json');
}

/** The agents added at run time, kept for the next server should this one die: `<state_dir>/added-agents.json`. */
export function addedAgentsPath(fleet: StateDir): string {
  return pathUnder(fleet.state_dir, 'added-agents.json');
}

/** What the watchers remember — the agents they paused, each watcher's counts — across servers: `<state_dir>/watchers.json`. */
export function watchersStatePath(fleet: StateDir): string {
  return pathUnder(fleet.state_dir, 'watchers.json');
}

/** The handoff watch's memory: `<state_dir>/handoff.json`. */
export function handoffStatePath(fleet: StateDir): string {
  return pathUnder(fleet.state_dir, 'handoff.json');
}

/** The fleet's usage ledger, append-only (capped and rotated like events.jsonl): `<state_dir>/usage.jsonl`. */
export function usageLedgerPath(fleet: StateDir): string {
  return pathUnder(fleet.state_dir, 'usage.jsonl');
}

/** Every verdict an agent was ended with (`hangar end`, the MCP tool `end`), append-only JSONL: `<state_dir>/verdicts.jsonl`. */
export function verdictsPath(fleet: StateDir): string {
  return pathUnder(fleet.state_dir, 'verdicts.jsonl');
}

/** The fleet's view (layout, zoom, focus) kept for the next attach: `<state_dir>/view.json`. */
export function keptViewPath(fleet: StateDir): string {
  return pathUnder(fleet.state_dir, 'view.json');
}

/** Gemini CLI's system defaults for the fleet's gemini agents, hangar's hooks in them (config/gemini-hooks.ts): `<state_dir>/gemini-defaults.json`. */
export function geminiDefaultsFilePath(fleet: StateDir): string {
  return pathUnder(fleet.state_dir, 'gemini-defaults.json');
}

/** The loop's current phase: `<state_dir>/<loop.state_file>` (agents.py's phase_idx_file). */
export function phaseIndexPath(fleet: StateDir, stateFile: string): string {
  return pathUnder(fleet.state_dir, stateFile);
}

/** What hangar knows of each agent worktree it made (repository, base, branch): `<state_dir>/worktrees`. */
export function worktreeRecordsDir(fleet: StateDir): string {
  return pathUnder(fleet.state_dir, 'worktrees');
}

/** One agent worktree's record: `<state_dir>/worktrees/<agent>.json`. */
export function worktreeRecordPath(fleet: StateDir, agent: string): string {
  return pathUnder(fleet.state_dir, 'worktrees', `${agent}.json`);
}

/** The user's model catalog, merged in by `hangar models --import`: `<state_dir>/models.json`. */
export function modelCatalogPath(fleet: StateDir): string {
  return pathUnder(fleet.state_dir, 'models.json');
}

/** Which orchestrator delegated each worker, kept across a server restart: `<state_dir>/workers.json`. */
export function workerParentsPath(fleet: StateDir): string {
  return pathUnder(fleet.state_dir, 'workers.json');
}

// ── <state_dir>/pilot/<agent> ────────────────────────────────────────────────────────────────

/** `<state_dir>/pilot`: one folder per piloted agent. */
export function pilotRoot(fleet: StateDir): string {
  return pathUnder(fleet.state_dir, 'pilot');
}

/** An agent's checkpoints: `<state_dir>/pilot/<agent>`. */
export function pilotDir(fleet: StateDir, agent: string): string {
  return pathUnder(fleet.state_dir, 'pilot', agent);
}

/** An agent's timeline of checkpoints: `<state_dir>/pilot/<agent>/timeline.json`. */
export function timelinePath(fleet: StateDir, agent: string): string {
  return join(pilotDir(fleet, agent), 'timeline.json');
}

/** The turn running now: `<state_dir>/pilot/<agent>/turn.json`. */
export function runningTurnPath(fleet: StateDir, agent: string): string {
  return join(pilotDir(fleet, agent), 'turn.json');
}

/** The private snapshot repository of an agent outside git: `<state_dir>/pilot/<agent>/repo.git`. */
export function snapshotRepoPath(fleet: StateDir, agent: string): string {
  return pathUnder(fleet.state_dir, 'pilot', agent, 'repo.git');
}

// ── the user's running servers ───────────────────────────────────────────────────────────────

/** `${XDG_STATE_HOME:-~/.local/state}/hangar`: what this user's fleets share. */
function userStateDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state'), 'hangar');
}

/** The running fleet servers of this user: `${XDG_STATE_HOME:-~/.local/state}/hangar/servers/`. */
export function registryDir(env: NodeJS.ProcessEnv): string {
  return join(userStateDir(env), 'servers');
}

/** One running server's entry: `<registry>/<pid>.json`. */
export function registryEntryPath(env: NodeJS.ProcessEnv, pid: number): string {
  return join(registryDir(env), `${pid}.json`);
}

// ── the user's instances ─────────────────────────────────────────────────────────────────────

/** Every run of a fleet on this machine, kept after it ends: `${XDG_STATE_HOME:-~/.local/state}/hangar/instances/`. */
export function instanceRegistryDir(env: NodeJS.ProcessEnv): string {
  return join(userStateDir(env), 'instances');
}

/** One run's record: `<instances>/<id>.json`. */
export function instanceRecordPath(env: NodeJS.ProcessEnv, id: string): string {
  return pathUnder(instanceRegistryDir(env), `${id}.json`);
}
