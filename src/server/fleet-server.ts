import { focusKeyTrace, markKey } from '../base/key-trace.js';
import { rmSync } from 'node:fs';
import { formatDiagnostic } from '../config/diagnostics.js';
import { eventsLogPath, lockfilePath, socketPath, usageLedgerPath } from '../fs/fleet-files.js';
import { loadConfig } from '../config/load.js';
import { withoutAgentOverrides } from '../config/overrides.js';
import type { FleetConfig } from '../config/types.js';
import { agentWorktrees } from '../pilot/agent-worktree.js';
import { Fleet, type FleetOptions } from '../fleet/fleet.js';
import type { ServerIdentity } from '../protocol/messages.js';
import { HANGAR_VERSION } from '../fs/package-root.js';
import { prepareRealDirectory, preparePrivateDirectory } from '../fs/private-directory.js';
import { PhaseController } from '../watchdog/phase-controller.js';
import { EchoPriority } from './echo-priority.js';
import { EventsLog } from './events-log.js';
import { KeptView, keptViewPath } from './kept-view.js';
import { writeLockfile } from './lockfile.js';
import { describeDeadServer, findDeadServer } from './previous-server.js';
import { ProtocolServer } from './protocol-server.js';
import { PtySizes } from './pty-sizes.js';
import { ScreenFeed } from './screen-feed.js';
import { forgetServer, registerServer } from './server-registry.js';
import { systemClock, type Clock } from '../base/clock.js';
import { DisposableStore, MutableDisposable } from '../base/disposable.js';
import { Watchdog } from '../watchdog/watchdog.js';
import { WatcherDriver } from '../watchers/watcher-driver.js';
import { Pilot } from '../pilot/pilot.js';
import { SessionLimitsFollower } from '../pilot/session-limits-follower.js';
import { recordWords } from '../pilot/record-status.js';
import { FleetUsage } from '../pilot/fleet-usage.js';
import { lastReply } from '../transcript/last-reply.js';
import { Transcriber } from '../transcript/transcriber.js';
import { HumanQuestions } from './human-questions.js';
import { WorkChanges } from './work-changes.js';
import { UsageLedger } from '../pilot/usage-ledger.js';
import { runRequest, type RequestContext } from './request-table.js';
import { InstanceRecorder } from './instance-recorder.js';


export interface FleetServerOptions extends FleetOptions {
  /** called once the server has stopped everything (the process entry exits then) */
  onShutdown?: () => void;
  /** the one clock of the fleet, the pilot and the watchdog (tests drive it by hand) */
  clock?: Clock;
  /** the daemon's server.log (server-log.ts): a write it could not make is reported by `status` */
  serverLog?: { readonly error: Error | null };
  /** this run's name in `hangar instances` (`up --name`); the instance recorder's default when none */
  runName?: string;
}

/**
 * One fleet's server: the Fleet (every pty, emulator and file), the protocol server its
 * clients talk to, the event log and the lockfile. Usable in-process (tests, --no-daemon)
 * or as the body of the daemon process (server/main.ts).
 */
export class FleetServer {
  readonly fleet: Fleet;
  /** the loop's phases; the watchdog's driver calls `phases.check()` */
  readonly phases: PhaseController;
  readonly protocol: ProtocolServer;
  readonly identity: ServerIdentity;
  private readonly events: EventsLog;
  private readonly screens: ScreenFeed;
  readonly watchdog: Watchdog;
  /** the watchers over every agent's finished turns (watchers/) */
  readonly watchers: WatcherDriver;
  readonly pilot: Pilot;
  /** every spend read from an agent's session file, kept once across restarts (state/usage.jsonl) */
  private readonly ledger: UsageLedger;
  /** every agent's usage and cost, from the ledger */
  readonly usage: FleetUsage;
  /** questions agents ask a person (`ask`): the answer is a `send` or a line typed into the pane */
  private readonly questions: HumanQuestions;
  /** the commit each agent started from, for the files it changed (`check`) */
  private readonly work = new WorkChanges();
  /** the usage limit each agent's session file records (the watchdog's second banner) */
  private readonly sessionLimits: SessionLimitsFollower;
  /** with several clients attached, each pty takes the smallest size asked for */
  private readonly sizes = new PtySizes();
  /** a keystroke's echo goes before the other panes' output */
  private readonly echo: EchoPriority;
  /** the server's own subscriptions (to the fleet, to each session's clipboard), released as it stops */
  private readonly store = new DisposableStore();
  /** per member: the subscription to its current session's clipboard writes */
  private readonly clipboards = new Map<string, MutableDisposable>();
  private stopping: Promise<void> | null = null;
  private unregister: () => void = () => {};
  /** this run's record in the instance registry */
  private readonly instance: InstanceRecorder;

  constructor(private config: FleetConfig, private readonly opts: FleetServerOptions = {}) {
    const clock = opts.clock ?? systemClock;
    // worktree = true agents: the pilot's git makes their worktrees, in the folders of the config the fleet has now
    this.fleet = new Fleet(config, { ...opts, clock, worktrees: agentWorktrees(() => this.fleet.currentConfig, () => clock.now()) });
    this.ledger = new UsageLedger(usageLedgerPath(config), { maxBytes: config.log_max, keep: config.log_keep });
    // what the last server may not have read before it ended is read again: the ledger's keys count it once
    this.pilot = new Pilot({ fleet: this.fleet, clock, historySince: (name) => this.ledger.lastAt(name) });
    this.usage = this.store.add(new FleetUsage(this.ledger, this.pilot.sessions, (name) => this.pilot.conversationId(name), () => this.fleet.currentConfig.registry));
    // before the watchdog: a new session's follower is replaced before the watchdog looks at it
    this.sessionLimits = this.store.add(new SessionLimitsFollower(this.fleet, this.pilot.sessions));
    // the session file's word on the status: below a hook's, above the screen's
    this.store.add(
      this.pilot.sessions.onRecords(({ name, records, restarted }) => {
        if (!this.fleet.isRunning(name)) return;
        for (const said of recordWords(records, restarted)) this.fleet.session(name).sessionFileSaid(said);
      }),
    );
    this.phases = new PhaseController(this.fleet);
    this.questions = new HumanQuestions(this.fleet, clock);
    this.store.add(this.questions);
    this.identity = {
      pid: process.pid,
      socket: socketPath(config),
      version: HANGAR_VERSION,
      startedAt: new Date().toISOString(),
      config: config.path,
    };
    this.events = new EventsLog(eventsLogPath(config), { maxBytes: config.log_max, keep: config.log_keep });
    const ctx: RequestContext = {
      fleet: this.fleet,
      pilot: this.pilot,
      phases: this.phases,
      reloadConfig: (o) => this.reloadConfig(o),
      // after the current response has been written
      shutdown: () => setImmediate(() => void this.stop()),
      logProblems: () => this.logProblems(),
      recentEvents: (count, types) => this.events.recent(count, (e) => e.type !== 'screen' && (!types || types.includes(e.type))),
      view: new KeptView(keptViewPath(config.state_dir), (message) => this.fleet.log('warn', message)),
      // send --wait hears the backend's word on its turn as the pilot does
      turnBackend: (name, startedAt) => this.pilot.turnSessionFile(name, startedAt),
      // and the CLI's own word that the turn ended, at once
      hookTurnEnds: (name, listener) => this.fleet.onHook((agent, meaning) => agent === name && meaning.turnEnded && listener()),
      usage: this.usage,
      clock,
      questions: this.questions,
      work: this.work,
      lastReply: (name) => this.lastReply(name),
    };
    this.protocol = new ProtocolServer(
      {
        request: async (verb, args, conn) => runRequest(ctx, verb, args, conn),
        input: (name, data) => {
          if (!this.fleet.isRunning(name)) return;
          focusKeyTrace(name);
          markKey('server.input');
          this.echo.input(name);
          this.screens.input(name);
          // an agent asking a person something takes what is typed into its pane as the answer
          if (this.questions.input(name, data)) return;
          this.fleet.session(name).input(data);
        },
        resize: (conn, name, cols, rows) => {
          if (!this.fleet.names().includes(name) || cols < 1 || rows < 1 || cols > 2000 || rows > 1000) return;
          const size = this.sizes.set(conn.id, name, { cols, rows });
          this.fleet.resize(name, size.cols, size.rows);
        },
        onSubscribe: (conn, screens) => this.screens.subscribe(conn, screens),
        onCaughtUp: (conn, screens) => this.screens.resync(conn, screens),
        onDisconnect: (conn) => {
          this.screens.disconnect(conn);
          for (const { name, size } of this.sizes.drop(conn.id)) this.fleet.resize(name, size.cols, size.rows);
        },
      },
      this.identity,
    );
    this.screens = new ScreenFeed(this.protocol);
    // an agent's cost grew: the cockpits' titles follow
    this.store.add(this.usage.onChange((name) => this.protocol.publish({ type: 'usage', name, at: clock.now() })));
    this.echo = new EchoPriority({
      running: () => this.fleet.names().filter((n) => this.fleet.isRunning(n)).map((n) => [n, this.fleet.session(n)] as const),
    });
    this.store.add(
      this.fleet.onEvent((event) => {
        if (event.type === 'started') {
          const session = this.fleet.session(event.name);
          this.screens.attach(event.name, session);
          if (this.fleet.runningConfig(event.name)) this.work.started(event.name, session.cwd);
          // a child's clipboard write goes to the cockpits showing it; each one's [ui] clipboard
          // decides whether it reaches the real terminal (ui/clipboard.ts)
          this.clipboardOf(event.name).value = session.onClipboard(({ selection, base64 }) => {
            this.protocol.publish({ type: 'clipboard', name: event.name, selection, base64, at: clock.now() });
          });
        }
        this.events.append(event);
        this.protocol.publish(event);
      }),
    );
    // after the recorder above, so an exit is recorded before the restart it causes
    this.watchdog = new Watchdog({
      fleet: this.fleet,
      clock,
      phases: this.phases,
      reloadConfig: () => this.fleet.reconfigure(this.reloadConfig({ sets: [], env: {} })),
      sessionLimit: (name, now) => this.sessionLimits.read(name, now),
      spending: { agent: (name) => this.usage.spent(name), fleet: () => this.usage.spent(null), onChange: this.usage.onChange },
      held: (name) => this.watchers.isPaused(name),
    });
    ctx.budgets = this.watchdog.budgets;
    // recording from listen() on: a server that loses the race for the socket records no run
    this.instance = this.store.add(
      new InstanceRecorder({ env: opts.env ?? process.env, config, identity: this.identity, name: opts.runName, fleet: this.fleet, usage: this.usage, now: () => clock.now() }),
    );
    // after the usage (an agent's cost includes the turn it judges) and the watchdog (its delivery)
    this.watchers = this.store.add(
      new WatcherDriver({
        fleet: this.fleet,
        feed: this.pilot.sessions,
        clock,
        cost: (name) => this.usage.agent(name)?.costUsd ?? null,
        deliver: (name, text, reason) => this.watchdog.deliver(name, text, reason, 'watcher'),
        resumed: (name) => this.watchdog.look(name),
      }),
    );
    ctx.watchers = this.watchers;
  }

  /** The assistant's text of an agent's newest turn, from the records its session-file follower read. */
  private lastReply(name: string): string | null {
    const feed = this.pilot.sessions;
    if (!feed.has(name)) return null;
    feed.read(name);
    const transcriber = new Transcriber();
    return lastReply(feed.recent(name).flatMap((r) => transcriber.record(r)));
  }

  private clipboardOf(name: string): MutableDisposable {
    let slot = this.clipboards.get(name);
    if (!slot) {
      slot = this.store.add(new MutableDisposable());
      this.clipboards.set(name, slot);
    }
    return slot;
  }

  /** The fleet's own logs that are not being written, and why (a full disk, a refused file). */
  private logProblems(): string[] {
    return [this.events.error, this.opts.serverLog?.error, this.ledger.error].filter((e): e is Error => e != null).map((e) => e.message);
  }

  /**
   * Read agents.toml again (it is authoritative) with one request's own overrides: --set and
   * AGENT_MODEL_x / AGENT_BACKEND_x apply to that invocation only, never to later ones.
   */
  private reloadConfig(o: { sets: string[]; env: Record<string, string> }): FleetConfig {
    const { config, warnings } = loadConfig({
      path: this.config.path,
      sets: o.sets,
      env: { ...withoutAgentOverrides(this.opts.env ?? process.env), ...o.env },
      instance: this.config.instance,
    });
    for (const w of warnings) this.fleet.log('warn', formatDiagnostic(w));
    this.config = config;
    return config;
  }

  /**
   * Listen on the fleet's socket and write the lockfile. A server.pid left by a server that
   * died is recorded as an `unclean-exit` event, and that server's registry entry removed.
   */
  async listen(): Promise<void> {
    const previous = findDeadServer(this.config); // before this server's lockfile replaces it
    // refused before anything is written: a log_dir another user owns, a state/ that is a link
    preparePrivateDirectory(this.config.log_dir);
    prepareRealDirectory(this.config.state_dir);
    await this.protocol.listen(this.identity.socket);
    writeLockfile(lockfilePath(this.config), this.identity);
    const env = this.opts.env ?? process.env;
    this.unregister = registerServer(env, { ...this.identity, instance: this.config.instance });
    this.instance.open();
    this.fleet.log('info', `server ${this.identity.pid} listening on ${this.identity.socket} (instance ${this.config.instance}, run ${this.instance.id})`);
    if (previous) {
      forgetServer(env, previous.pid);
      this.fleet.watchdogEvent('unclean-exit', 'warn', `the previous server ${describeDeadServer(previous)}; carrying on from its saved state`);
    }
    // only now: a server that lost the race for the socket must not touch the winner's phase
    this.phases.atServerStart();
    this.watchdog.start();
    this.pilot.resumeAll();
  }

  /**
   * Stop every session (no child survives), close every connection, remove socket and lockfile.
   * The run's record closes by the verdicts (`down`, a signal), or as crashed after an uncaught failure.
   */
  stop(how: 'down' | 'crashed' = 'down'): Promise<void> {
    this.stopping ??= (async () => {
      this.watchdog.dispose(); // nothing is healed while everything stops
      this.watchers.dispose();
      // the spends written since the last read: the ledger has them before the sessions go
      for (const name of this.fleet.names()) this.pilot.sessions.read(name, true);
      this.pilot.dispose();
      this.echo.release();
      await this.fleet.shutdown(); // its last exits still reach the event log and the clients
      this.instance.close(how);
      this.store.dispose();
      this.screens.dispose();
      await this.protocol.close();
      rmSync(lockfilePath(this.config), { force: true });
      this.unregister();
      this.events.close();
      this.ledger.close();
      this.opts.onShutdown?.();
    })();
    return this.stopping;
  }
}
