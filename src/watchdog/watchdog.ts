/**
 * The watchdog's driver: it feeds the pure decisions in this folder with what the fleet does
 * (exits, status changes, screens) and with time, and performs the actions they return.
 * Everything it does is a `watchdog` event (events.jsonl, cockpits, `hangar events`).
 *
 * Timing: an exit is healed at once; everything else is looked at on each status change, on a
 * light tick every `signal_interval` seconds (agents.py's cadence), and at the exact moment a
 * decision said it must be looked at again (a backoff, a wake, a limit reset). No timer runs
 * for an agent the watchdog has nothing to do for except the light tick.
 */
import { readFileSync } from 'node:fs';
import type { AgentConfig, FleetConfig } from '../config/types.js';
import type { FleetEvent } from '../protocol/messages.js';
import type { Clock } from '../base/clock.js';
import { DisposableStore, MutableDisposable } from '../base/disposable.js';
import { timer } from '../base/timer.js';
import type { WatchdogAction, WatchdogEventKind } from './actions.js';
import { decideAgentCheck, decideFailure, type AgentCheckEffect } from './agent-check.js';
import type { FleetPort } from './fleet-port.js';
import { carriedOver, DEFAULT_BACKOFF, HEALTHY, nextHealCheck, type HealSettings, type HealState } from './heal.js';
import { AgentSettingsCache, type AgentSettings } from './agent-settings.js';
import { decideLimit, limitMark, nextLimitCheck, type LimitHold, type TranscriptLimit } from './limit-hold.js';
import { decideLaunchExit } from './launch-failure.js';
import { performActions, type ActionHost } from './perform-actions.js';
import { limitHoldPath, readLimitHold, saveLimitHold } from './limit-hold-file.js';
import { readRestarts, restartsPath, saveRestarts } from './restart-budget-file.js';
import { HeavyCheck } from './heavy-check.js';
import { nextStallCheck, startStall, type StallState } from './stall.js';
import { combinePings } from './handoff.js';
import { HandoffMonitor } from './handoff-monitor.js';
import { isSequenceComplete } from './phase-files.js';
import { handoffStatePath } from './handoff-state-file.js';
import { startWake, wakeDueAt, type WakeState } from './wake.js';
import { usageNote } from './usage-note.js';
import { BudgetKeeper, NO_SPENDING, type Spending } from './budget-keeper.js';
import { budgetHoldText } from './agent-check.js';
import { LOCAL_ZONE } from './zoned-time.js';

export interface WatchdogOptions {
  fleet: FleetPort;
  clock: Clock;
  /** the backoff between restarts (tests shorten it) */
  backoff?: Pick<HealSettings, 'backoffBaseMs' | 'backoffMaxMs'>;
  /** reads a prompt file; null when it is missing (tests may substitute) */
  readText?: (path: string) => string | null;
  /** the zone of reset times a banner names without one (default: this machine's) */
  timeZone?: string;
  /** how long screen changes are gathered before the screen is looked at again */
  screenSettleMs?: number;
  /** the loop's phases, checked on the heavy tick and when a loop agent ends a turn */
  phases?: { check(now: number): Promise<unknown> };
  /** read agents.toml again before each heavy check (agents.py re-reads it every tick) */
  reloadConfig?: () => void;
  /** the usage limit an agent's session file records now (the server reads it); null: none known */
  sessionLimit?: (name: string, now: number) => TranscriptLimit | null;
  /** what each agent and the fleet spent (the server's usage ledger), for budget_usd */
  spending?: Spending;
  /** a hold besides the usage limit (a watcher's pause): nothing is typed into the agent while it stands */
  held?: (name: string) => boolean;
}

/** A prompt the watchdog typed that the agent shows no work for ends its turn after this (agents.py judged a nudge after 3 s). */
export const PROMPT_GRACE_MS = 3_000;

interface Watched {
  heal: HealState;
  wake: WakeState | null;
  /** a usage-limit hold (saved in state/limited-<session>.json) */
  limit: LimitHold | null;
  /** heal+stall agents only */
  stall: StallState | null;
  /** when the session last printed, for the stall check */
  lastOutputAt: number | null;
  /** a look at the screen after output, gathered over screenSettleMs */
  screenCheck: MutableDisposable;
  /** the subscription to its current session's screen: replaced with the session */
  release: MutableDisposable;
  /**
   * handoff pings not yet typed: held while the agent works (never over work in progress) or
   * while the last ones are being typed, then typed together as one message once it is idle
   */
  inbox: Array<{ text: string; reason: string; kind?: WatchdogEventKind }>;
  /** a handoff message to it is being typed */
  pinging: boolean;
  /** the hold pings in the inbox came during (a usage limit, a budget): their delivery says so */
  heldDuring: string | null;
  /** the usage window's percentage its session file last reported */
  usedPercent: number | null;
  /**
   * The watchdog typed a prompt into it (a nudge, a wake): the turn that prompt starts is open
   * until the agent has worked and stopped, or shown no work for PROMPT_GRACE_MS.
   */
  prompted: { at: number; sawWork: boolean } | null;
  /** a look is being carried out: a look its effects set off (a status change) runs after it */
  checking: boolean;
  lookAgain: boolean;
  /** set while the watchdog itself restarts the agent, so its start does not reset the budget */
  restarting: boolean;
  /** the budget an earlier server left: the first start keeps it (state/restarts-<session>.json) */
  carried: boolean;
  /** when its session last started, to tell a program that is not there (launch-failure.ts) */
  startedAt: number;
  /** the one timer for the earliest moment a decision must be looked at again, and that moment */
  timer: MutableDisposable;
  timerAt: number | null;
}

function readTextFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

export class Watchdog {
  private readonly fleet: FleetPort;
  private readonly clock: Clock;
  private readonly readText: (path: string) => string | null;
  private readonly backoff: Pick<HealSettings, 'backoffBaseMs' | 'backoffMaxMs'>;
  private readonly watched = new Map<string, Watched>();
  private readonly settingsCache: AgentSettingsCache;
  /** everything the watchdog holds (its subscription, its timers), released by dispose */
  private readonly store = new DisposableStore();
  private readonly timeZone: string;
  private readonly screenSettleMs: number;
  private readonly tick = this.store.add(new MutableDisposable());
  private readonly handoff: HandoffMonitor;
  private readonly heavyCheck: HeavyCheck;
  private disposed = false;
  private readonly actionHost: ActionHost;
  private readonly sessionLimit: (name: string, now: number) => TranscriptLimit | null;
  /** budget_usd per agent and for the fleet: `hangar budget` reads and raises them here */
  readonly budgets: BudgetKeeper;
  private readonly held: (name: string) => boolean;

  constructor(opts: WatchdogOptions) {
    this.fleet = opts.fleet;
    this.clock = opts.clock;
    this.readText = opts.readText ?? readTextFile;
    this.sessionLimit = opts.sessionLimit ?? (() => null);
    this.held = opts.held ?? (() => false);
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.timeZone = opts.timeZone ?? LOCAL_ZONE; // resolved when a time is first read (zoned-time.ts)
    this.settingsCache = new AgentSettingsCache(this.timeZone);
    this.screenSettleMs = opts.screenSettleMs ?? 1000;
    this.handoff = new HandoffMonitor(handoffStatePath(this.fleet.currentConfig));
    this.heavyCheck = this.store.add(new HeavyCheck({ fleet: opts.fleet, clock: opts.clock, phases: opts.phases, reloadConfig: opts.reloadConfig }));
    this.actionHost = {
      fleet: this.fleet,
      fail: (name, reason) => this.fail(name, reason),
      restarting: (name, on) => void (this.state(name).restarting = on),
      hold: (name, ping) => {
        const w = this.state(name);
        w.inbox.push(ping);
        w.heldDuring ??= this.holdOf(name);
      },
      pingsDeliverable: (name) => this.pingsDeliverable(name),
      holdOf: (name) => this.holdOf(name),
      deliverPings: (name) => this.deliverPings(name),
    };
    // a lift frees deferred wakes and held pings at once
    this.budgets = this.store.add(new BudgetKeeper(this.fleet, opts.spending ?? NO_SPENDING, (names) => names.forEach((n) => this.check(n))));
    this.store.add(this.fleet.onEvent((e) => this.onFleetEvent(e)));
  }

  /** The hold nothing is typed into the agent during, in an event's words; null: none. */
  private holdOf(name: string): string | null {
    const budget = this.budgets.heldBy(name);
    if (budget) return `${budgetHoldText(budget)} hold`;
    if (this.held(name)) return "a watcher's pause";
    return this.state(name).limit !== null ? 'its usage-limit hold' : null;
  }

  private get config(): FleetConfig {
    return this.fleet.currentConfig;
  }

  /**
   * Begin the light tick; agents already running are watched from now on. Restart counts and
   * budgets an earlier server saved are taken over.
   */
  start(): void {
    const agents = this.fleet.agents().filter((a) => a.watch !== 'none' || a.wake).map((a) => a.name);
    const now = this.clock.now();
    const carried = this.carryRestarts(now);
    this.budgets.start();
    for (const name of agents) if (this.fleet.isRunning(name)) this.state(name).wake ??= this.wakeStart(name, now);
    const wd = this.config.watchdog;
    this.fleet.watchdogEvent(
      'start',
      'info',
      `watchdog up — signal every ${wd.signal_interval} s, heavy every ${wd.heavy_interval} s, watching: ${agents.join(', ') || 'nothing'}` +
        (carried.length ? `; restarts carried over: ${carried.join(', ')}` : ''),
    );
    this.armTick();
    void this.heavyCheck.run(); // agents.py forces a heavy check on its first tick
  }

  /** The restarts the last server saved: counts for status, budgets within restart_window. */
  private carryRestarts(now: number): string[] {
    const carried: string[] = [];
    for (const agent of this.fleet.agents()) {
      const saved = readRestarts(restartsPath(this.config, agent));
      if (!saved) continue;
      this.fleet.carryRestarts(agent.name, saved.count);
      const w = this.state(agent.name);
      w.heal = carriedOver(saved, now, this.healSettings());
      w.carried = true;
      if (saved.count > 0) carried.push(`${agent.name} ${saved.count} (${w.heal.restarts.length} of ${this.config.watchdog.max_restarts} in the window)`);
    }
    return carried;
  }

  /** Keep an agent's restart count and budget for the next server. */
  private saveRestarts(name: string): void {
    const agent = this.agent(name);
    if (!agent) return;
    const w = this.state(name);
    try {
      saveRestarts(restartsPath(this.config, agent), { count: this.fleet.info(name).restarts, recent: w.heal.restarts, spent: w.heal.gaveUp !== null });
    } catch (err) {
      this.fleet.watchdogEvent('restart', 'warn', `could not save the restarts of ${name}: ${(err as Error).message}`, name);
    }
  }

  private agent(name: string): AgentConfig | undefined {
    return this.fleet.agents().find((a) => a.name === name);
  }

  private state(name: string): Watched {
    let w = this.watched.get(name);
    if (!w) {
      w = {
        heal: HEALTHY,
        wake: null,
        limit: null,
        stall: null,
        lastOutputAt: null,
        screenCheck: this.store.add(new MutableDisposable()),
        release: this.store.add(new MutableDisposable()),
        inbox: [],
        pinging: false,
        heldDuring: null,
        usedPercent: null,
        prompted: null,
        checking: false,
        lookAgain: false,
        restarting: false,
        carried: false,
        startedAt: 0,
        timer: this.store.add(new MutableDisposable()),
        timerAt: null,
      };
      this.watched.set(name, w);
    }
    return w;
  }

  /**
   * The agent's settings, or undefined when its backend is unknown. A running agent is judged
   * by the backend it was started with, not one a later config names for its next start.
   */
  private settings(agent: AgentConfig): AgentSettings | undefined {
    return this.settingsCache.get(this.config, this.fleet.runningConfig(agent.name) ?? agent);
  }

  private healSettings(): HealSettings {
    const wd = this.config.watchdog;
    return { maxRestarts: wd.max_restarts, windowMs: wd.restart_window * 1000, ...this.backoff };
  }

  private wakeStart(name: string, now: number): WakeState | null {
    return this.agent(name)?.wake ? startWake(now) : null;
  }

  private onFleetEvent(e: FleetEvent): void {
    if (this.disposed) return;
    switch (e.type) {
      case 'started': {
        const w = this.state(e.name);
        // a person (up, restart, the cockpit) started it: the restart budget starts afresh —
        // unless it is the first start after a server that left a budget
        if (!w.restarting && !w.carried) w.heal = HEALTHY;
        w.restarting = false;
        w.carried = false;
        w.startedAt = this.clock.now();
        this.saveRestarts(e.name);
        this.follow(e.name, w);
        this.check(e.name);
        return;
      }
      case 'exit': {
        const agent = this.agent(e.name);
        const w = this.state(e.name);
        if (!agent || w.restarting) return;
        // a stop on purpose (down, restart, quit) is not a failure, and the limit it was
        // held for still applies when it starts again: its saved hold is kept
        if (this.fleet.session(e.name).status === 'stopped') {
          w.limit = null;
          return;
        }
        // a program that is not there is crashed at once, watched or not: restarts cannot help
        const bin = this.config.backends[agent.backend]?.bin ?? '';
        const ranMs = this.clock.now() - w.startedAt;
        const notThere = decideLaunchExit(w.heal, e.name, { code: e.code, signal: e.signal, ranMs, rows: this.fleet.session(e.name).visibleRows(), bin });
        if (notThere) {
          this.endHold(agent);
          w.heal = notThere.state;
          this.perform(notThere.actions, 'launch-failed');
          return this.schedule(e.name);
        }
        if (agent.watch === 'none') return;
        // the loop's work is finished: its agents are not brought back (agents.py)
        if (agent.kind === 'loop' && isSequenceComplete(this.config)) return;
        this.endHold(agent);
        const how = e.signal ? `killed by signal ${e.signal}` : `exited (code ${e.code ?? '-'})`;
        this.fail(e.name, `process ${how}`);
        return;
      }
      case 'status': {
        const w = this.state(e.name);
        if (w.prompted) {
          if (e.status === 'working') w.prompted.sawWork = true;
          else if (w.prompted.sawWork) w.prompted = null; // the turn of our prompt is over
        }
        this.check(e.name);
        // a loop agent that ends a turn may just have written DONE into its status file
        if (e.prev === 'working' && e.status === 'idle' && this.agent(e.name)?.kind === 'loop') void this.heavyCheck.run();
        return;
      }
      default:
        return;
    }
  }

  /** A session (re)started: fresh schedules, its output stamped, a saved hold restored. */
  private follow(name: string, w: Watched): void {
    const agent = this.agent(name);
    const now = this.clock.now();
    w.release.value = undefined;
    w.wake = this.wakeStart(name, now);
    w.lastOutputAt = null;
    w.stall = null;
    if (!agent || agent.watch === 'none') return;
    const settings = this.settings(agent);
    if (agent.watch === 'heal+stall' && settings) w.stall = startStall(now, settings.stall);
    const session = this.fleet.session(name);
    w.release.value = session.onScreen(() => {
      w.lastOutputAt = this.clock.now();
      if (w.screenCheck.value) return;
      w.screenCheck.value = timer(this.clock, this.screenSettleMs, () => {
        w.screenCheck.value = undefined;
        this.check(name);
      });
    });
    // a hold saved by an earlier server: the limit outlives it
    if (w.limit === null) {
      const hold = readLimitHold(limitHoldPath(this.config, agent), now);
      if (hold) {
        w.limit = hold;
        this.perform([limitMark(name, hold, this.timeZone)], 'limit-hold');
      }
    }
  }

  /** The process is gone: so is its usage-limit hold. */
  private endHold(agent: AgentConfig): void {
    const w = this.state(agent.name);
    const settings = this.settings(agent);
    if (w.limit === null || !settings) return;
    const d = decideLimit(w.limit, { now: this.clock.now(), rows: [], cursorY: 0, running: false }, settings.limit);
    w.limit = d.state;
    this.saveHold(agent, d.state);
    this.perform(d.actions, 'limit-clear');
  }

  private saveHold(agent: AgentConfig, hold: LimitHold | null): void {
    try {
      saveLimitHold(limitHoldPath(this.config, agent), hold);
    } catch (err) {
      this.fleet.watchdogEvent('limit-hold', 'warn', `could not save the limit hold of ${agent.name}: ${(err as Error).message}`, agent.name);
    }
  }

  /** Something is wrong with a watched agent: restart it, later, or give up. */
  private fail(name: string, reason: string): void {
    const w = this.state(name);
    const failed = decideFailure(w.heal, name, reason, this.clock.now(), this.healSettings());
    w.heal = failed.heal;
    this.apply(name, failed.effects);
    this.schedule(name);
  }

  /** Look at one agent now (agent-check.ts decides what, in which order), then schedule the next look. */
  private check(name: string): void {
    const agent = this.agent(name);
    if (!agent || this.disposed) return;
    const w = this.state(name);
    if (w.restarting) return; // its 'started' event looks again
    // one look at a time: carrying one out (a mark, a nudge) may set off another, which must
    // see it whole (its nudge typed, not half its effects)
    if (w.checking) {
      w.lookAgain = true;
      return;
    }
    const now = this.clock.now();
    if (w.prompted && !w.prompted.sawWork && now >= w.prompted.at + PROMPT_GRACE_MS) w.prompted = null;
    const session = this.fleet.isRunning(name) ? this.fleet.session(name) : null;
    const { state, effects } = decideAgentCheck(
      { heal: w.heal, limit: w.limit, stall: w.stall, wake: w.wake },
      {
        name,
        now: this.clock.now(),
        watch: agent.watch,
        settings: agent.watch !== 'none' ? this.settings(agent) : undefined,
        heal: this.healSettings(),
        backends: this.config.backends,
        session: session && {
          rows: session.visibleRows(),
          cursorY: session.shownCursorRow(),
          status: session.status,
          foregroundProcess: agent.watch !== 'none' ? session.foregroundProcess() : '', // only the problem check reads it
          lastOutputAt: w.lastOutputAt,
          transcript: agent.watch !== 'none' ? this.readSessionLimit(name, w) : null,
        },
        wake: agent.wake ? { intervalMs: agent.wake.interval * 1000, promptFile: agent.wake.prompt_file ?? '', readPrompt: () => this.readText(agent.wake!.prompt_file ?? '') } : null,
        sequenceComplete: agent.wake ? isSequenceComplete(this.config) : false,
        promptTurnOpen: w.prompted !== null || this.held(name),
        budgetHold: this.budgets.heldBy(name),
        inboxWaiting: w.inbox.length > 0,
      },
    );
    Object.assign(w, state);
    w.checking = true;
    try {
      this.apply(name, effects);
    } finally {
      w.checking = false;
    }
    this.schedule(name);
    if (w.lookAgain) {
      w.lookAgain = false;
      this.check(name);
    }
  }

  /** The session file's word on the limit; a new usage percentage goes to status (and an event past 80 %). */
  private readSessionLimit(name: string, w: Watched): TranscriptLimit | null {
    const limit = this.sessionLimit(name, this.clock.now());
    const used = limit?.usedPercent ?? null;
    if (used !== w.usedPercent) {
      const note = usageNote(name, w.usedPercent, used);
      w.usedPercent = used;
      this.fleet.noteUsage(name, used);
      if (note) this.perform([note], 'usage');
    }
    return limit;
  }

  /** Carry out what a look decided, in its order. */
  private apply(name: string, effects: AgentCheckEffect[]): void {
    for (const effect of effects) {
      switch (effect.type) {
        case 'perform':
          this.perform(effect.actions, effect.kind);
          break;
        case 'save-hold': {
          const agent = this.agent(name);
          if (agent) this.saveHold(agent, effect.hold);
          break;
        }
        case 'save-restarts':
          this.saveRestarts(name);
          break;
        case 'deliver-pings':
          this.deliverPings(name);
          break;
      }
    }
  }

  /** One timer per agent, for the earliest moment a decision must be looked at again. */
  private schedule(name: string): void {
    const w = this.state(name);
    const agent = this.agent(name);
    // a budget hold probes no limit (agent-check.ts): its lift looks again
    const limitDue = this.budgets.heldBy(name) ? null : nextLimitCheck(w.limit);
    const dues = [nextHealCheck(w.heal), limitDue, w.stall ? nextStallCheck(w.stall) : null];
    if (w.prompted && !w.prompted.sawWork) dues.push(w.prompted.at + PROMPT_GRACE_MS);
    if (w.wake && agent?.wake && !w.wake.deferred) dues.push(wakeDueAt(w.wake, agent.wake.interval * 1000));
    const at = Math.min(...dues.filter((d): d is number => d !== null));
    if (!Number.isFinite(at)) return this.disarm(w);
    if (w.timerAt === at) return;
    w.timerAt = at;
    w.timer.value = timer(this.clock, at - this.clock.now(), () => {
      w.timer.value = undefined;
      w.timerAt = null;
      this.check(name);
    });
  }

  private disarm(w: Watched): void {
    w.timer.value = undefined;
    w.timerAt = null;
  }

  private armTick(): void {
    if (this.disposed) return;
    this.tick.value = timer(this.clock, this.config.watchdog.signal_interval * 1000, () => {
      for (const agent of this.fleet.agents()) if (agent.watch !== 'none' || agent.wake) this.check(agent.name);
      void this.checkHandoff();
      this.armTick();
    });
  }

  /** The loop pair's handoff: new claim/review commits and inbox changes ping their target. */
  async checkHandoff(): Promise<void> {
    const actions = await this.handoff.check(this.config);
    if (!this.disposed) this.perform(actions, 'handoff-ping');
  }

  /** Whether the agent can take its handoff pings now: idle, not held by a usage limit or a budget, and none being typed. */
  private pingsDeliverable(name: string): boolean {
    const w = this.state(name);
    return !w.pinging && this.holdOf(name) === null && this.fleet.isRunning(name) && this.fleet.session(name).status === 'idle';
  }

  /**
   * A message from outside the watchdog (a watcher's nudge), delivered as wakes and pings are:
   * held in the agent's inbox while it works or a hold stands, typed once it is idle.
   */
  deliver(name: string, text: string, reason: string, kind: WatchdogEventKind): void {
    if (this.disposed) return;
    const w = this.state(name);
    w.inbox.push({ text, reason, kind });
    if (!this.pingsDeliverable(name)) this.fleet.watchdogEvent(kind, 'info', `${reason} → ${name} waits until it is idle${this.holdOf(name) ? ' and its hold ends' : ''}`, name);
    this.deliverPings(name);
  }

  /** Look at an agent now (a hold of its ended: what waited for it goes in). */
  look(name: string): void {
    this.check(name);
  }

  /**
   * Type every handoff ping held for the agent as one message (combinePings), when it can take
   * them. Each ping sent on its own would be typed into the box the one before it left, or
   * while the agent works on that one.
   */
  private deliverPings(name: string): void {
    const w = this.state(name);
    if (w.inbox.length === 0 || !this.pingsDeliverable(name)) return;
    const pings = w.inbox.splice(0);
    const text = combinePings(pings.map((p) => p.text));
    const after = w.heldDuring ? ` (held during ${w.heldDuring})` : '';
    w.heldDuring = null;
    const kind = pings[0]!.kind ?? 'handoff-ping';
    this.fleet.watchdogEvent(kind, 'info', `${pings.map((p) => p.reason).join('; ')} → ${name}${after}: ${text.slice(0, 80)}`, name);
    w.pinging = true;
    w.prompted = { at: this.clock.now(), sawWork: false };
    void this.fleet
      .session(name)
      .sendMessage(text)
      .then(
        (r) => {
          if (!r.confirmed) this.fleet.watchdogEvent(kind, 'warn', `message to ${name} not confirmed after ${r.attempts} tries`, name);
        },
        (err: Error) => this.fleet.watchdogEvent(kind, 'warn', `message to ${name} failed: ${err.message}`, name),
      )
      .finally(() => {
        w.pinging = false; // never left set: the next pings would wait for ever
        if (!this.disposed) this.check(name); // pings that came meanwhile
      });
  }

  /** Carry out a decision's actions, recording each as a watchdog event. */
  private perform(actions: WatchdogAction[], kind: WatchdogEventKind): void {
    performActions(this.actionHost, actions, kind);
    // typed now (a handoff ping waits in the inbox: deliverPings marks it when it is typed)
    if (kind === 'handoff-ping') return;
    for (const a of actions) if (a.type === 'send') this.state(a.name).prompted = { at: this.clock.now(), sawWork: false };
  }

  dispose(): void {
    this.disposed = true;
    this.store.dispose();
  }
}
