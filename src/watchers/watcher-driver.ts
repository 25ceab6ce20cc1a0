/**
 * The watchers' driver: it turns every agent's session-file records (the one follower per
 * agent, pilot/session-feed.ts) into transcript entries, and at each finished turn hands the
 * turn's observation to the agent's watchers (the fleet's [[watcher]] tables, then its own),
 * one decision each (decide-watcher.ts); the strongest action of the turn is carried out:
 *
 * - nudge, role user (or system where the CLI has no hook channel): typed into the agent by the
 *   watchdog's delivery, as wakes and pings are — once it is idle, never while a hold stands;
 * - nudge, role system: the answer to the CLI's turn-end hook (Claude Code's Stop hook may
 *   answer {"decision":"block","reason":…} and the model goes on with the reason); a hook that
 *   does not come for it within HOOK_CLAIM_MS leaves it to be typed as role user;
 * - pause: a hold — nothing is typed into the agent (wakes, pings, nudges) until a person
 *   resumes it (`hangar watchers --resume NAME`);
 * - abort: an Escape to interrupt it, then it is stopped, with the reason.
 *
 * Every action is a `watchdog` event of kind watcher-nudge / -pause / -abort / -resume, and the
 * agent's title shows the last one (SessionInfo.watcher). Turns of one agent are judged one at a
 * time, in order (a quality command runs between them).
 */
import { watchersStatePath } from '../fs/fleet-files.js';
import { readWatchersMemory, saveWatchersMemory, type KeptState } from './watchers-file.js';
import type { Clock } from '../base/clock.js';
import { DisposableStore, type Disposable } from '../base/disposable.js';
import { timer } from '../base/timer.js';
import { cliOf } from '../config/hook-flags.js';
import type { AgentConfig, WatcherConfig } from '../config/types.js';
import type { Fleet } from '../fleet/fleet.js';
import type { FeedBatch, SessionFeed } from '../pilot/session-feed.js';
import type { WatcherListing } from '../protocol/requests.js';
import { Transcriber } from '../transcript/transcriber.js';
import type { TranscriptEntry } from '../transcript/transcript-entry.js';
import { decideWatcher } from './decide-watcher.js';
import { runQualityCommand } from './quality-run.js';
import type { CommandRun } from './quality.js';
import { observeTurn } from './turn-observation.js';
import { combine, type Verdict, type WatcherAction } from './watcher-action.js';
import { FRESH, type WatcherState } from './watcher-state.js';

/** How long a system-role nudge waits for the CLI's turn-end hook to take it before it is typed instead. */
const HOOK_CLAIM_MS = 3000;
/** How long a turn-end hook waits for the turn's verdict (the CLI waits on the hook: `hangar hook` gives up at 3 s). */
const HOOK_ANSWER_MS = 2000;
/** How often the hook's wait reads the session file again (the CLI may write its records late). */
const HOOK_READ_MS = 100;
/**
 * How long the hook's wait gives the CLI to write the turn's end into its records before the
 * hook's word closes the turn itself: Claude Code writes its session file asynchronously (its
 * end-of-turn records may come after the Stop hook ran), and the hook is the surer word.
 */
const HOOK_SETTLE_MS = 500;
/** Entries of a turn kept while it runs: a turn of more is judged on its last ones. */
const TURN_ENTRIES_MAX = 5000;

export interface WatcherDriverOptions {
  fleet: Fleet;
  feed: SessionFeed;
  clock: Clock;
  /** the agent's cost so far in USD (FleetUsage); null when unknown */
  cost: (name: string) => number | null;
  /** type a message into the agent once it is idle and no hold stands (the watchdog's delivery) */
  deliver: (name: string, text: string, reason: string) => void;
  /** a pause ended: what waited for it may go in now */
  resumed: (name: string) => void;
  /** runs a quality watcher's command (tests may substitute) */
  runCommand?: (command: string, dir: string, timeoutS?: number) => Promise<CommandRun>;
}

interface Watched {
  transcriber: Transcriber;
  /** the running turn's entries so far */
  entries: TranscriptEntry[];
  /** each watcher's state, by its index in the agent's list */
  states: WatcherState[];
  /** the chain its turns are judged on, one after the other */
  chain: Promise<void>;
  /** a system-role nudge waiting for the CLI's turn-end hook, and its fallback timer */
  forHook: { text: string; reason: string; fallback: Disposable } | null;
  /** the CLI answered a turn-end hook this session: it has a hook channel */
  hookChannel: boolean;
  /** the last turn a turn-end hook closed before its records did: their late end is not judged again */
  closedByHook: number;
}

export class WatcherDriver implements Disposable {
  private readonly watched = new Map<string, Watched>();
  /** agents a watcher paused, with why: the hold stands until a person resumes them (kept in the state dir, so a new server keeps it) */
  private readonly paused: Map<string, string>;
  /** each agent's watchers' states as an earlier server left them, taken back when the agent is first watched */
  private readonly kept: Map<string, Array<KeptState | null>>;
  private readonly store = new DisposableStore();
  private readonly runCommand: (command: string, dir: string, timeoutS?: number) => Promise<CommandRun>;
  private disposed = false;

  constructor(private readonly opts: WatcherDriverOptions) {
    this.runCommand = opts.runCommand ?? runQualityCommand;
    const memory = readWatchersMemory(watchersStatePath(opts.fleet.currentConfig));
    this.paused = memory.paused;
    this.kept = memory.states;
    for (const [name, reason] of this.paused) opts.fleet.noteWatcher(name, `paused: ${reason}`);
    this.store.add(opts.feed.onRecords((batch) => this.onRecords(batch)));
    this.store.add(
      opts.fleet.onEvent((e) => {
        if (e.type !== 'started') return;
        // a new session: a new conversation to read, streaks kept (a budget spans restarts); the
        // title's note of the last session goes, unless a pause still holds it
        if (!this.paused.has(e.name)) opts.fleet.noteWatcher(e.name, null);
        const w = this.watched.get(e.name);
        if (w) {
          w.transcriber = new Transcriber();
          w.entries = [];
          w.hookChannel = false;
          w.closedByHook = 0;
        }
      }),
    );
  }

  /** The watchers over an agent: the fleet's, then its own (as it runs now). */
  watchersOf(name: string): WatcherConfig[] {
    const agent = this.agent(name);
    if (!agent) return [];
    return [...(this.opts.fleet.currentConfig.watchers ?? []), ...(agent.watchers ?? [])];
  }

  private agent(name: string): AgentConfig | undefined {
    return this.opts.fleet.runningConfig(name) ?? this.opts.fleet.agents().find((a) => a.name === name);
  }

  /** Pauses and every watcher's state to the state dir: what a new server carries on from. */
  private saveMemory(): void {
    const states = new Map(this.kept);
    for (const [name, w] of this.watched) {
      const kinds = this.watchersOf(name).map((c) => c.kind);
      states.set(name, kinds.map((kind, i) => (w.states[i] ? { kind, state: w.states[i]! } : null)));
    }
    try {
      saveWatchersMemory(watchersStatePath(this.opts.fleet.currentConfig), { paused: this.paused, states });
    } catch (err) {
      // they hold in this server all the same; a new one would not know of them
      this.opts.fleet.log('error', `cannot keep what the watchers remember: ${(err as Error).message}`);
    }
  }

  /** Whether a watcher's pause holds the agent. */
  isPaused(name: string): boolean {
    return this.paused.has(name);
  }

  /** A person resumes a paused agent; false when it was not paused. */
  resume(name: string): boolean {
    if (!this.paused.delete(name)) return false;
    this.saveMemory();
    this.opts.fleet.noteWatcher(name, null);
    this.opts.fleet.watchdogEvent('watcher-resume', 'info', `${name} resumed: the watcher's pause is lifted`, name);
    this.opts.resumed(name);
    return true;
  }

  /** Every agent with watchers: each watcher's settings and state (`hangar watchers`). */
  list(): WatcherListing[] {
    return this.opts.fleet
      .agents()
      .filter((a) => this.watchersOf(a.name).length > 0)
      .map((a) => {
        const fleetWide = (this.opts.fleet.currentConfig.watchers ?? []).length;
        const states = this.watched.get(a.name)?.states ?? this.kept.get(a.name)?.map((k) => k?.state) ?? [];
        return {
          name: a.name,
          paused: this.paused.get(a.name) ?? null,
          watchers: this.watchersOf(a.name).map((config, i) => {
            const s = states[i] ?? FRESH;
            return {
              kind: config.kind,
              from: i < fleetWide ? ('fleet' as const) : ('agent' as const),
              role: config.message_role,
              settings: { ...config },
              turns: s.turns,
              fired: s.fired,
              last: s.last && { action: s.last.action.type, reason: s.last.action.reason, turn: s.last.turn, at: s.last.at },
            };
          }),
        };
      });
  }

  private state(name: string): Watched {
    let w = this.watched.get(name);
    if (!w) {
      // an earlier server's counts, where the agent's watchers still have that kind in that place
      const kinds = this.watchersOf(name).map((c) => c.kind);
      const states = kinds.map((kind, i) => {
        const k = this.kept.get(name)?.[i];
        return k && k.kind === kind ? k.state : FRESH;
      });
      this.kept.delete(name);
      w = { transcriber: new Transcriber(), entries: [], states, chain: Promise.resolve(), forHook: null, hookChannel: false, closedByHook: 0 };
      this.watched.set(name, w);
    }
    return w;
  }

  private onRecords({ name, records, restarted }: FeedBatch): void {
    if (this.disposed || this.watchersOf(name).length === 0) return;
    const w = this.state(name);
    if (restarted) {
      w.transcriber = new Transcriber();
      w.entries = [];
    }
    for (const record of records) {
      for (const entry of w.transcriber.record(record)) {
        if (entry.type === 'turn_end' && !entry.in_progress) {
          const turn = [...w.entries, entry];
          w.entries = [];
          if (entry.turn > w.closedByHook) this.enqueue(name, w, turn);
        } else {
          w.entries.push(entry);
          if (w.entries.length > TURN_ENTRIES_MAX) w.entries.splice(0, w.entries.length - TURN_ENTRIES_MAX);
        }
      }
    }
  }

  private enqueue(name: string, w: Watched, turn: TranscriptEntry[]): void {
    w.chain = w.chain.then(() => this.judge(name, turn)).catch((err: Error) => this.opts.fleet.log('warn', `watchers of ${name}: ${err.message}`, name));
  }

  /** One finished turn through every watcher of the agent; the strongest action carried out. */
  private async judge(name: string, entries: TranscriptEntry[]): Promise<void> {
    const watchers = this.watchersOf(name);
    const agent = this.agent(name);
    if (watchers.length === 0 || !agent || this.disposed) return;
    const { fleet } = this.opts;
    const screen = fleet.isRunning(name) ? fleet.session(name).visibleRows() : [];
    const obs = observeTurn(entries, { totalCostUsd: this.opts.cost(name), screen });
    const w = this.state(name);
    const verdicts: Verdict[] = [];
    for (const [index, watcher] of watchers.entries()) {
      const run = watcher.kind === 'quality' && watcher.command ? await this.runCommand(watcher.command, agent.dir, watcher.timeout) : null;
      if (this.disposed) return;
      const d = decideWatcher(watcher, { obs, now: this.opts.clock.now(), dir: agent.dir, run }, w.states[index] ?? FRESH);
      w.states[index] = d.state;
      verdicts.push({ index, kind: watcher.kind, role: watcher.message_role, action: d.action });
    }
    this.saveMemory();
    const { action, by } = combine(verdicts);
    if (action.type === 'continue') return;
    const kinds = [...new Set(by.map((v) => v.kind))].join(', ');
    this.perform(name, action, kinds, by.some((v) => v.role === 'system'), agent);
  }

  private perform(name: string, action: Exclude<WatcherAction, { type: 'continue' }>, kinds: string, system: boolean, agent: AgentConfig): void {
    const { fleet } = this.opts;
    switch (action.type) {
      case 'nudge': {
        fleet.noteWatcher(name, `nudged: ${kinds}`);
        if (system && this.hasHookChannel(name, agent)) {
          const w = this.state(name);
          w.forHook?.fallback.dispose();
          const fallback = timer(this.opts.clock, HOOK_CLAIM_MS, () => {
            if (w.forHook?.text !== action.text) return;
            w.forHook = null;
            fleet.watchdogEvent('watcher-nudge', 'info', `${kinds} → ${name}: no turn-end hook took the nudge; typing it instead`, name);
            this.opts.deliver(name, action.text, `watcher ${kinds}`);
          });
          w.forHook = { text: action.text, reason: action.reason, fallback };
          fleet.watchdogEvent('watcher-nudge', 'info', `${kinds} → nudge ${name} (system, through its turn-end hook): ${action.reason}`, name);
          return;
        }
        const how = system ? 'user: its CLI has no hook channel' : 'user';
        fleet.watchdogEvent('watcher-nudge', 'info', `${kinds} → nudge ${name} (${how}): ${action.reason}`, name);
        this.opts.deliver(name, action.text, `watcher ${kinds}`);
        return;
      }
      case 'pause':
        this.paused.set(name, action.reason);
        this.saveMemory();
        fleet.noteWatcher(name, `paused: ${action.reason}`);
        fleet.watchdogEvent('watcher-pause', 'warn', `${kinds} → pause ${name}: ${action.reason}; nothing is typed into it until \`hangar watchers --resume ${name}\``, name);
        return;
      case 'abort':
        fleet.noteWatcher(name, `aborted: ${action.reason}`);
        fleet.watchdogEvent('watcher-abort', 'warn', `${kinds} → abort ${name}: ${action.reason}`, name);
        if (fleet.isRunning(name)) {
          fleet.session(name).input('\x1b'); // interrupt what it does, as a person's Esc would
          void fleet.down([name]);
        }
        return;
    }
  }

  /** Claude Code runs hangar's Stop hook by the flags hangar gives it; another CLI has one once it answered a turn-end hook. */
  private hasHookChannel(name: string, agent: AgentConfig): boolean {
    const backend = this.opts.fleet.currentConfig.backends[agent.backend];
    return (backend !== undefined && cliOf(backend) === 'claude') || this.state(name).hookChannel;
  }

  /**
   * The CLI's turn-end hook ran (Claude Code's Stop): the answer it prints, when a system-role
   * nudge is due — the turn's records are read now, and its verdict waited for at most
   * HOOK_ANSWER_MS: when they still show the turn open after HOOK_SETTLE_MS, the hook's word
   * closes it. At once null for an agent with no system-role watcher.
   */
  async answerTurnEnd(name: string): Promise<string | null> {
    if (this.disposed || !this.watchersOf(name).some((w) => w.message_role === 'system')) return null;
    const w = this.state(name);
    w.hookChannel = true;
    const started = this.opts.clock.now();
    // past HOOK_ANSWER_MS the CLI's hook has given up: a verdict still being reached (a quality
    // command running) is left to its fallback, typed as role user
    let late = false;
    const timers = new DisposableStore();
    const deadline = new Promise<void>((resolve) => {
      timers.add(
        timer(this.opts.clock, HOOK_ANSWER_MS, () => {
          late = true;
          resolve();
        }),
      );
    });
    try {
      for (;;) {
        this.opts.feed.read(name);
        await Promise.race([w.chain, deadline]);
        if (late || this.disposed) return null;
        if (w.forHook) {
          const { text, fallback } = w.forHook;
          fallback.dispose();
          w.forHook = null;
          this.opts.fleet.watchdogEvent('watcher-nudge', 'info', `the nudge reached ${name} through its turn-end hook`, name);
          return text;
        }
        // no turn open in its records: this turn was judged (nothing to say), or none was recorded
        if (w.entries.length === 0) return null;
        if (this.opts.clock.now() - started >= HOOK_SETTLE_MS) {
          // the records have not ended the turn the hook says is over: judge what they hold
          const turn = w.entries;
          w.entries = [];
          w.closedByHook = Math.max(w.closedByHook, ...turn.map((e) => e.turn));
          this.enqueue(name, w, turn);
          continue;
        }
        // the CLI may write the turn's last records after its hook started: read again shortly
        await Promise.race([new Promise<void>((resolve) => timers.add(timer(this.opts.clock, HOOK_READ_MS, resolve))), deadline]);
      }
    } finally {
      timers.dispose();
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.watched.values()) w.forHook?.fallback.dispose();
    this.store.dispose();
  }
}
