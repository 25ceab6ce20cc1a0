import { mkdirSync } from 'node:fs';
import { compilePattern } from '../config/pattern.js';
import { resolveAddedAgent, type AddAgentSpec } from './added-agent.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { prepareRealDirectory, preparePrivateDirectory } from '../fs/private-directory.js';
import { watchConversationId } from './conversation-id.js';
import { shownModel } from '../config/backend-model.js';
import { agentModel } from '../config/kickoff.js';
import { currentPhaseIndex } from '../config/phase-index.js';
import type { AgentConfig, FleetConfig, ServiceConfig } from '../config/types.js';
import type { FleetEvent, OrchestrationKind, SessionInfo, SessionStatus } from '../protocol/messages.js';
import { Session } from '../session/session.js';
import { FleetError } from './fleet-error.js';
import { planAgentSession, planServiceSession, type LaunchOverride, type SessionPlan } from './session-plan.js';
import { endsTurn } from './turn-tracker.js';
import { waitForStatus, type StatusSource } from './wait-for-status.js';
import { systemClock, type Clock } from '../base/clock.js';
import { DisposableStore, type Disposable } from '../base/disposable.js';
import { Emitter } from '../base/emitter.js';
import { addedAgentsPath, resumeIdPath, workerParentsPath } from '../fs/fleet-files.js';
import { readAddedAgents, saveAddedAgents, type SavedAgent } from './added-agents-file.js';
import { WorkerParents } from './worker-parents.js';
import type { HookReport } from '../protocol/hook-report.js';
import { hookMeaning, type HookMeaning } from './hook-meaning.js';
import { remoteHostText } from '../config/host.js';
import type { AgentWorkspace, WorktreePort } from './worktree-port.js';

export interface FleetOptions {
  env?: NodeJS.ProcessEnv;
  /** the pty size sessions start with, until a cockpit says otherwise */
  cols?: number;
  rows?: number;
  /** how long a stopped child gets between SIGTERM and SIGKILL */
  stopGraceMs?: number;
  /** the time events are stamped with (tests drive it by hand) */
  clock?: Clock;
  /** makes and finds the worktrees of agents with `worktree = true`; without it such an agent cannot start */
  worktrees?: WorktreePort;
}

interface Member {
  name: string;
  agent?: AgentConfig;
  service?: ServiceConfig;
  session?: Session;
  /** the agent's config its session was started with: what the process runs, whatever a reload says since */
  launched?: AgentConfig;
  model: string;
  restarts: number;
  /** the pty size clients asked for; a restarted session starts with it */
  size?: { cols: number; rows: number };
  /** what the current session holds (listeners, the session itself): released when it is replaced or the fleet shuts down */
  release: DisposableStore;
  /**
   * the chain every start, stop and restart of this member joins, so that two of them (a
   * person's restart and the watchdog's) never interleave and kill each other's fresh child
   */
  queue: Promise<unknown>;
  /** the watchdog's word on this member (crashed for good, limited until …); cleared on start */
  note?: { detail: string; until?: number };
  /** the usage window's percentage its session file last reported (the watchdog reads it) */
  usedPercent?: number;
  /** a watcher's last action on it (watchers/), for its title: "paused: …", "nudged: …" */
  watcherNote?: string;
  /** the conversation its session runs (agents); replaced on every start */
  conversation?: Conversation;
  /** why its last start could not happen (its worktree could not be made): shown as crashed until a start succeeds */
  startFailure?: string;
}

/**
 * The conversation an agent's session runs: its id once known (given on the command line,
 * resumed, or learnt off the screen or the newest session file), the turns it held when the
 * session started when known (session-plan.ts), and when that was (epoch ms).
 */
export interface Conversation {
  id: string | null;
  /** the transcript the CLI's SessionStart hook named (the transcript readers' to follow) */
  transcriptPath?: string;
  turnsAtStart: number | null;
  startedAt: number;
}

/**
 * The sessions of one fleet, by name: starts, stops and restarts agents and services, and
 * reports what happens to them as typed events. It owns every Session it creates.
 */
export class Fleet {
  private readonly members = new Map<string, Member>();
  private readonly events = new Emitter<[FleetEvent]>();
  private readonly hooks = new Emitter<[string, HookMeaning]>();
  private readonly reconfigured = new Emitter<[]>();
  private readonly clock: Clock;
  private readonly env: NodeJS.ProcessEnv;
  private readonly cols: number;
  private readonly rows: number;
  private readonly stopGraceMs: number;
  /** agents added at run time (addAgent): not in agents.toml, gone after `down` of the whole fleet */
  private readonly added = new Map<string, AgentConfig>();
  /** what each was added with, and whether it was stopped on purpose: kept for the next server should this one die (added-agents-file.ts) */
  private readonly saved = new Map<string, SavedAgent>();
  private readonly worktrees: WorktreePort | undefined;
  /** the worktree each `worktree = true` agent works in, once known (recorded by an earlier start, or made now) */
  private readonly workspaces = new Map<string, AgentWorkspace>();
  /** which orchestrator delegated each agent added at run time (in the state dir: kept across a server restart) */
  private readonly parents: WorkerParents;

  constructor(private config: FleetConfig, opts: FleetOptions = {}) {
    this.env = opts.env ?? process.env;
    this.cols = opts.cols ?? 120;
    this.rows = opts.rows ?? 40;
    this.stopGraceMs = opts.stopGraceMs ?? 3000;
    this.clock = opts.clock ?? systemClock;
    this.worktrees = opts.worktrees;
    this.parents = new WorkerParents(workerParentsPath(config), config.state_dir);
    this.reconfigure(config);
    this.restoreAdded();
  }

  /** The agents a server before this one had added at run time (it died): added again, not started (`up` starts those that ran). */
  private restoreAdded(): void {
    const kept = readAddedAgents(addedAgentsPath(this.config));
    for (const saved of kept) {
      const { name } = saved.spec;
      if (this.config.agents.some((a) => a.name === name)) continue; // agents.toml took the name over
      try {
        const agent = resolveAddedAgent(this.config, saved.spec, this.names());
        this.added.set(name, agent);
        this.member(name, { agent });
        this.saved.set(name, saved);
      } catch (err) {
        this.log('warn', `${name} was added at run time, but cannot be added again: ${(err as Error).message}`, name);
      }
    }
    if (this.saved.size !== kept.length) this.keepAdded();
  }

  private keepAdded(): void {
    try {
      if (this.saved.size > 0) prepareRealDirectory(this.config.state_dir);
      saveAddedAgents(addedAgentsPath(this.config), [...this.saved.values()]);
    } catch (err) {
      // they run on in this server; a new one would not know of them
      this.log('error', `cannot keep the agents added at run time: ${(err as Error).message}`);
    }
  }

  /** An agent added at run time was started or stopped on purpose: what the next server does with it. */
  private markAdded(name: string, stopped: boolean): void {
    const saved = this.saved.get(name);
    if (!saved || saved.stopped === stopped) return;
    this.saved.set(name, { ...saved, stopped });
    this.keepAdded();
  }

  get currentConfig(): FleetConfig {
    return this.config;
  }

  /** Take a freshly loaded config: new members appear; running sessions keep running. */
  reconfigure(config: FleetConfig): void {
    this.config = config;
    for (const agent of config.agents) this.member(agent.name, { agent });
    for (const service of config.services) this.member(service.name, { service });
    this.reconfigured.fire();
  }

  /** A config was taken (`reconfigure`): a reload, `up`, `restart`, `add`. */
  readonly onReconfigure = this.reconfigured.event;

  private member(name: string, spec: { agent?: AgentConfig; service?: ServiceConfig }): void {
    const existing = this.members.get(name);
    if (existing) {
      existing.agent = spec.agent;
      existing.service = spec.service;
      return;
    }
    this.members.set(name, { name, ...spec, model: spec.agent?.model ?? '', restarts: 0, release: new DisposableStore(), queue: Promise.resolve() });
  }

  /** Subscribe to everything that happens to the fleet; dispose the result to unsubscribe. */
  onEvent(listener: (event: FleetEvent) => void): Disposable {
    return this.events.event(listener);
  }

  /** (agent, what its hook meant) for every hook a running agent's CLI ran: the pilot ends turns on them. */
  readonly onHook = this.hooks.event;

  /**
   * An agent's CLI ran a hook (`hangar hook`): the status it says wins over the screen
   * (hook-word.ts), the conversation id and transcript it names are learnt, and a turn's end is
   * told to whoever follows turns. Returns whether a running agent heard it.
   */
  hookHeard(name: string, report: HookReport): boolean {
    const member = this.get(name);
    if (!member.agent || !this.isRunning(name)) return false;
    const meaning = hookMeaning(report);
    if (report.conversationId !== undefined) this.learnConversationId(name, report.conversationId);
    if (report.transcriptPath !== undefined && member.conversation) member.conversation.transcriptPath = report.transcriptPath;
    if (meaning.status !== null) member.session!.hookSaid(meaning.status);
    this.hooks.fire(name, meaning);
    return true;
  }

  private emit(event: FleetEvent): void {
    this.events.fire(event);
  }

  log(level: 'info' | 'warn' | 'error', message: string, name?: string): void {
    this.emit({ type: 'log', level, message, name, at: this.clock.now() });
  }

  /** Record something the watchdog decided or did (events.jsonl, cockpits, `hangar events`). */
  watchdogEvent(kind: string, level: 'info' | 'warn', message: string, name?: string): void {
    this.emit({ type: 'watchdog', kind, level, message, name, at: this.clock.now() });
  }

  /** Record an orchestrator's word on an agent: a verdict, a removal, a question and its answer (`end`, `ask`). */
  orchestrationEvent(kind: OrchestrationKind, name: string, level: 'info' | 'warn', message: string): void {
    this.emit({ type: 'orchestration', kind, name, level, message, at: this.clock.now() });
  }

  /** Record a change of a piloted agent's timeline (events.jsonl, cockpits, `hangar events`). */
  pilotEvent(name: string, current: string, level: 'info' | 'warn', message: string): void {
    this.emit({ type: 'pilot', name, current, level, message, at: this.clock.now() });
  }

  /**
   * Show a status the screen cannot tell — 'crashed' once the restart budget is spent,
   * 'stalled', 'limited' with its reset time — or clear it (null). A new session clears it.
   */
  noteUsage(name: string, percent: number | null): void {
    this.get(name).usedPercent = percent ?? undefined;
  }

  /** A watcher's last action on the member, for its title and status (null clears it). */
  noteWatcher(name: string, note: string | null): void {
    this.get(name).watcherNote = note ?? undefined;
  }

  annotate(name: string, status: 'crashed' | 'stalled' | 'limited' | null, detail?: string, until?: number, source?: 'session-file'): void {
    const member = this.get(name);
    member.note = status === null ? undefined : { detail: detail ?? status, until };
    member.session?.setStatusOverride(status, source);
  }

  /**
   * An agent asks a person something (`ask`): it shows needs-input with the question as its
   * detail (status, its pane's title) until the question is withdrawn (null: answered, given
   * up). Its session's status is held there meanwhile, whatever its screen shows.
   */
  markAsking(name: string, question: string | null): void {
    const member = this.get(name);
    member.note = question === null ? undefined : { detail: question };
    member.session?.setStatusOverride(question === null ? null : 'needs-input');
  }

  /** The restart count an earlier server left (the watchdog keeps it in the state dir): RESTARTS goes on from it. */
  carryRestarts(name: string, count: number): void {
    this.get(name).restarts = count;
  }

  names(): string[] {
    return [...this.members.keys()];
  }

  private get(name: string): Member {
    const member = this.members.get(name);
    if (!member) {
      throw new FleetError('not_found', `no agent or service named "${name}" (known: ${this.names().join(', ') || 'none'})`);
    }
    return member;
  }

  /** The session of a member (running, or the last one, kept so its screen can be read). */
  session(name: string): Session {
    const session = this.get(name).session;
    if (!session) throw new FleetError('conflict', `"${name}" has not been started (start it with: hangar up ${name})`);
    return session;
  }

  /**
   * A member's status across restarts: a wait on it follows whichever session the member has
   * now, unlike a wait on one Session object.
   */
  statusOf(name: string): StatusSource {
    const member = this.get(name);
    const now = () => this.statusNow(member);
    return {
      get status() {
        return now();
      },
      onStatus: (cb) =>
        this.onEvent((e) => {
          if (e.type === 'status' && e.name === name) cb(e.status, e.prev);
        }),
    };
  }

  /** The conversation a member's current (or last) session runs; null before its first start. */
  conversation(name: string): Readonly<Conversation> | null {
    return this.get(name).conversation ?? null;
  }

  /**
   * The id of the conversation a member's session runs, as learnt after its start (off the
   * screen, or the newest session file); kept in state/<name>.id, where agents.py kept it, so
   * `resume = true` resumes it.
   */
  learnConversationId(name: string, id: string): void {
    const member = this.get(name);
    if (!member.conversation || member.conversation.id === id) return;
    member.conversation.id = id;
    this.saveConversationId(name, id);
  }

  private saveConversationId(name: string, id: string): void {
    writeFileAtomic(resumeIdPath(this.config, name), `${id}\n`);
  }

  /**
   * The config a running agent was started with — its backend, patterns, process — which a
   * reload or one request's overrides (an `up` that started nothing) do not change; undefined
   * when it is not running.
   */
  runningConfig(name: string): AgentConfig | undefined {
    return this.isRunning(name) ? this.members.get(name)!.launched : undefined;
  }

  isRunning(name: string): boolean {
    const session = this.members.get(name)?.session;
    return session !== undefined && session.pid !== null && !isEnded(session.status);
  }

  /** A member's status: its session's, or crashed while a start could not happen (its worktree). */
  private statusNow(m: Member): SessionStatus {
    return m.startFailure !== undefined && !this.isRunning(m.name) ? 'crashed' : (m.session?.status ?? 'stopped');
  }

  info(name: string): SessionInfo {
    const m = this.get(name);
    const running = this.isRunning(name);
    const startFailed = !running && m.startFailure !== undefined;
    const enabled = (m.agent ?? m.service)!.enabled;
    return {
      name,
      kind: m.agent ? m.agent.kind : 'service',
      backend: m.agent ? startedAs(m).backend : '-',
      model: m.agent ? shownModel(this.config.backends[startedAs(m).backend], m.session ? m.model : agentModel(this.config, m.agent, currentPhaseIndex(this.config))) : '-',
      watch: m.agent ? m.agent.watch : '-',
      state: `${running ? 'RUNNING' : 'stopped'}${enabled ? '' : ' (disabled)'}`,
      status: this.statusNow(m),
      status_source: m.session?.statusOrigin ?? 'screen',
      pid: running ? m.session!.pid : null,
      restarts: m.restarts,
      session: (m.agent ?? m.service)!.session,
      exitCode: m.session?.exitCode ?? null,
      enabled,
      ...(m.note ? { detail: m.note.detail, ...(m.note.until !== undefined ? { until: m.note.until } : {}) } : {}),
      ...(startFailed ? { detail: m.startFailure } : {}),
      ...(m.usedPercent !== undefined ? { usedPercent: m.usedPercent } : {}),
      ...(m.watcherNote !== undefined ? { watcher: m.watcherNote } : {}),
      ...(this.addedAtRunTime(name) ? { addedAtRunTime: true, ...defined({ parent: this.parentOf(name) }) } : {}),
      ...worktreeInfo(m.agent ? this.knownWorkspace(m.agent) : undefined),
      ...(m.session?.logError ? { logError: m.session.logError.message } : {}),
    };
  }

  list(): { agents: SessionInfo[]; services: SessionInfo[] } {
    return {
      agents: this.agents().map((a) => this.info(a.name)),
      services: this.config.services.map((s) => this.info(s.name)),
    };
  }

  /**
   * Start enabled agents and every service (no names), or exactly the named ones. Members
   * already running are left alone, as agents.py does. Returns the names started.
   */
  async up(names: string[] = []): Promise<string[]> {
    for (const name of names) this.get(name);
    const targets = names.length
      ? names
      : [
          ...this.config.agents.filter((a) => a.enabled).map((a) => a.name),
          ...this.config.services.filter((s) => s.enabled).map((s) => s.name),
          // agents added at run time that ran when an earlier server died
          ...[...this.saved.values()].filter((a) => !a.stopped && this.addedAtRunTime(a.spec.name)).map((a) => a.spec.name),
        ];
    const started = await Promise.all(
      targets.map((name) =>
        this.serialise(name, async () => {
          if (this.isRunning(name)) return null;
          // a worktree that cannot be made: crashed as it started, with the reason, as a program
          // that is not there is — the others start all the same
          if ((await this.prepareWorkspace(name)) === null) this.start(name);
          return name;
        }),
      ),
    );
    return started.filter((name): name is string => name !== null);
  }

  /** Stop the named members, or all of them. Resolves once every child is gone. */
  async down(names: string[] = []): Promise<string[]> {
    for (const name of names) this.get(name);
    const targets = names.length ? names : this.names();
    if (names.length === 0) {
      // the whole fleet down: what was added at run time is gone after it, as a person asked
      this.saved.clear();
      this.keepAdded();
    } else for (const name of names) this.markAdded(name, true);
    const stopped = await Promise.all(
      targets.map((name) =>
        this.serialise(name, async () => {
          const running = this.isRunning(name);
          await this.members.get(name)!.session?.stop(this.stopGraceMs);
          return running ? name : null;
        }),
      ),
    );
    return stopped.filter((name): name is string => name !== null);
  }

  /** Start a member that is not running with a one-off launch (a pilot branch's first start). */
  launch(name: string, override: LaunchOverride): Promise<void> {
    return this.serialise(name, async () => {
      if (this.isRunning(name)) throw new FleetError('conflict', `"${name}" is already running`);
      throwIf(await this.prepareWorkspace(name));
      this.start(name, override);
    });
  }

  /** Stop and start a member again; `override` is a one-off start (the pilot's rewinds). */
  restart(name: string, override?: LaunchOverride): Promise<void> {
    const member = this.get(name);
    return this.serialise(name, async () => {
      await member.session?.stop(this.stopGraceMs);
      throwIf(await this.prepareWorkspace(name));
      member.restarts += 1;
      this.start(name, override);
    });
  }

  /**
   * Run `op` after every start, stop and restart already asked of this member (the pilot's
   * enqueue, per member): each sees the session the one before it left.
   */
  private serialise<T>(name: string, op: () => Promise<T>): Promise<T> {
    const member = this.get(name);
    const run = member.queue.then(op, op);
    member.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Add an agent at run time and start it: its AgentConfig is made from the backend and
   * [defaults] as the config loader would make it (added-agent.ts). It is not written to
   * agents.toml — that file is the user's — so it lives until the server stops. The
   * 'started' event tells every client; their next `status` lists it. One whose worktree
   * cannot be made is not added.
   */
  async addAgent(spec: AddAgentSpec, opts: { start?: boolean } = {}): Promise<SessionInfo> {
    const agent = resolveAddedAgent(this.config, spec, this.names());
    const parent = spec.parent?.trim();
    if (parent !== undefined && !this.agents().some((a) => a.name === parent)) {
      throw new FleetError('bad_args', `parent: no agent named "${parent}" (agents: ${this.agents().map((a) => a.name).join(', ') || 'none'})`);
    }
    this.parents.set(agent.name, parent);
    this.added.set(agent.name, agent);
    this.member(agent.name, { agent });
    this.saved.set(agent.name, { spec: { ...spec, name: agent.name }, stopped: true });
    this.keepAdded();
    if (opts.start === false) return this.info(agent.name);
    const failure = await this.serialise(agent.name, () => this.prepareWorkspace(agent.name));
    if (failure) {
      this.added.delete(agent.name);
      this.members.delete(agent.name);
      this.saved.delete(agent.name);
      this.keepAdded();
      throw failure;
    }
    // the queue is empty now: started at once, so the info says RUNNING
    this.start(agent.name);
    return this.info(agent.name);
  }

  /**
   * Take an agent added at run time out of the fleet (`end … delete`): it is stopped, its
   * session released, and its name is free again. One of agents.toml cannot be: the file is
   * the user's, and the next reload would bring it back.
   */
  async removeAgent(name: string): Promise<void> {
    const member = this.get(name);
    if (!this.addedAtRunTime(name)) {
      throw new FleetError('conflict', `"${name}" is ${member.agent ? 'in agents.toml' : 'a service'}: only an agent added at run time can be deleted (end it without delete, or remove it from agents.toml)`);
    }
    await this.serialise(name, async () => {
      await member.session?.stop(this.stopGraceMs);
    });
    this.releaseSession(member);
    this.added.delete(name);
    this.members.delete(name);
    this.saved.delete(name);
    this.keepAdded();
  }

  /** The orchestrator that delegated an agent added at run time (none for agents.toml's). */
  parentOf(name: string): string | undefined {
    return this.addedAtRunTime(name) ? this.parents.of(name) : undefined;
  }

  /**
   * Every agent this fleet knows: agents.toml's, then those added at run time. An agent with
   * `worktree = true` has its worktree's directory as `dir` once the worktree is known, so
   * everyone who reads where it works (the pilot, its session file) reads the worktree.
   */
  agents(): AgentConfig[] {
    return [...this.config.agents, ...[...this.added.values()].filter((a) => this.addedAtRunTime(a.name))].map((a) => this.inWorkspace(a));
  }

  /** `agent` as it runs: in its worktree when it has one (known or recorded), else as configured. */
  private inWorkspace(agent: AgentConfig): AgentConfig {
    const ws = this.knownWorkspace(agent);
    return ws ? { ...agent, dir: ws.dir } : agent;
  }

  private knownWorkspace(agent: AgentConfig): AgentWorkspace | undefined {
    if (!agent.worktree) return undefined;
    let ws = this.workspaces.get(agent.name);
    if (!ws) {
      ws = this.worktrees?.recorded(agent) ?? undefined;
      if (ws) this.workspaces.set(agent.name, ws);
    }
    return ws;
  }

  /** Its worktree was removed (`hangar worktrees prune`, `end … delete`): the next start makes a new one. */
  forgetWorkspace(name: string): void {
    this.workspaces.delete(name);
  }

  /**
   * Before a start of a `worktree = true` agent: its worktree, made now if it has none. Runs
   * inside the member's queue, so a start never races the making of its directory. Returns
   * why it cannot start (null: it can), which is also its status until a start succeeds:
   * crashed, with the reason (a status event and an error log line say so).
   */
  private async prepareWorkspace(name: string): Promise<FleetError | null> {
    const member = this.get(name);
    const agent = member.agent;
    if (!agent?.worktree) return null;
    let failure: FleetError;
    try {
      const remote = remoteHostText(agent, this.config.backends[agent.backend]);
      if (remote !== undefined) throw new FleetError('bad_args', `${name}: worktree = true works on this machine only, and ${name} runs on ${remote} (leave one of them out)`);
      if (!this.worktrees) throw new FleetError('conflict', `${name}: worktree = true, but this fleet makes no worktrees (only the server does)`);
      this.workspaces.set(name, await this.worktrees.ensure(agent));
      return null;
    } catch (err) {
      failure = err instanceof FleetError ? err : new FleetError('conflict', (err as Error).message);
    }
    const prev = this.info(name).status;
    member.startFailure = failure.message;
    this.emit({ type: 'status', name, status: 'crashed', prev, at: this.clock.now() });
    this.log('error', failure.message, name);
    return failure;
  }

  /** Added at run time and still not in agents.toml (a reload that declares it takes it over). */
  private addedAtRunTime(name: string): boolean {
    return this.added.has(name) && !this.config.agents.some((a) => a.name === name);
  }

  /** Resize a member's pty, now and for the sessions it starts later. */
  resize(name: string, cols: number, rows: number): void {
    const member = this.get(name);
    member.size = { cols, rows };
    if (this.isRunning(name)) member.session!.resize(cols, rows);
  }

  /** Spawn a fresh session for a member, replacing (and releasing) its previous one. */
  private start(name: string, override?: LaunchOverride): Session {
    const member = this.get(name);
    this.markAdded(name, false);
    const ctx = { config: this.config, env: this.env, cols: member.size?.cols ?? this.cols, rows: member.size?.rows ?? this.rows };
    preparePrivateDirectory(this.config.log_dir);
    prepareRealDirectory(this.config.state_dir);
    const agent = member.agent ? this.inWorkspace(member.agent) : undefined;
    const plan: SessionPlan = agent ? planAgentSession(ctx, agent, override) : planServiceSession(ctx, member.service!);
    mkdirSync(plan.options.cwd, { recursive: true });

    this.releaseSession(member);
    member.note = undefined;
    member.startFailure = undefined;
    const session = new Session(plan.options);
    member.session = session;
    member.launched = agent;
    member.model = plan.model;
    member.conversation = { id: plan.conversation.id, turnsAtStart: plan.conversation.turns, startedAt: this.clock.now() };
    const given = member.agent && plan.conversation.given ? plan.conversation.id : null;
    if (given) {
      // an id hangar chose is known at once, but kept for resume only once the conversation
      // exists: after the CLI took a prompt (a start that fails must not leave a resume id that
      // leads nowhere in place of the last good one)
      const saving = session.onStatus((status, prev) => {
        if (prev !== 'working' || !endsTurn(status) || isEnded(status)) return;
        saving.dispose();
        if (member.conversation?.id === given) this.saveConversationId(name, given);
      });
      member.release.add(saving);
    }
    // the session is released after its listeners (newest first): its exit is not reported then
    member.release.add(session);
    member.release.add(session.onStatus((status, prev) => this.emit({ type: 'status', name, status, prev, at: this.clock.now() })));
    member.release.add(
      session.onExit((code, signal) => {
        this.emit({ type: 'exit', name, code, signal, at: this.clock.now() });
        this.log(session.status === 'stopped' ? 'info' : 'warn', `${name} exited (code ${code ?? '-'}${signal ? `, signal ${signal}` : ''})`, name);
      }),
    );
    const backend = member.agent ? this.config.backends[member.agent.backend] : undefined;
    if (backend?.session_id_re) {
      // what the CLI says on screen wins over what was assumed (a resume that forked)
      member.release.add(watchConversationId(session, compilePattern(backend.session_id_re), (id) => this.learnConversationId(name, id)));
    }
    session.start();
    this.emit({ type: 'started', name, pid: session.pid ?? -1, at: this.clock.now() });
    const model = shownModel(backend, plan.model) ?? '—';
    if (plan.hookProblem) this.log('warn', `${name}: no hooks this start, its status comes from the screen: ${plan.hookProblem}`, name);
    this.log('info', `started ${name} (${member.agent ? `${member.agent.backend}, kind=${member.agent.kind}, model=${model}` : 'service'})`, name);
    if (plan.boot && override?.kickoff !== '') void this.deliverBoot(session, plan.boot);
    return session;
  }

  /**
   * ping backends: wait for the TUI to be ready — its first idle, at most connect_delay — then
   * type the boot message that points at the kickoff file.
   */
  private async deliverBoot(session: Session, boot: NonNullable<SessionPlan['boot']>): Promise<void> {
    const ready = await waitForStatus(session, (s) => s === 'idle' || isEnded(s), boot.connectDelayMs);
    if (ready !== null && isEnded(ready)) return;
    if (isEnded(session.status)) return;
    const result = await session.sendMessage(boot.message);
    if (!result.confirmed) this.log('warn', `boot message to ${session.name} was not confirmed after ${result.attempts} tries`, session.name);
  }

  private releaseSession(member: Member): void {
    member.release.dispose();
    member.release = new DisposableStore();
  }

  /** Stop everything and release every session: nothing this fleet started survives. */
  async shutdown(): Promise<void> {
    await this.down();
    for (const member of this.members.values()) this.releaseSession(member);
    this.events.dispose();
  }
}

/** The agent config a member's session runs: the one it was started with (a reload does not change it). */
function startedAs(m: Member): AgentConfig {
  return m.session ? (m.launched ?? m.agent!) : m.agent!;
}

function worktreeInfo(ws: AgentWorkspace | undefined): Pick<SessionInfo, 'branch' | 'worktree'> {
  return ws ? { branch: ws.branch, worktree: ws.path } : {};
}

function throwIf(failure: FleetError | null): void {
  if (failure) throw failure;
}

export function isEnded(status: SessionStatus): boolean {
  return status === 'exited' || status === 'stopped' || status === 'crashed';
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
