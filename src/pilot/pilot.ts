/**
 * The pilot's driver: for every piloted agent (one with a timeline) it follows turns — the
 * prompts sent to it (`Session.onPrompt`: `hangar send`, the prompt bar, wakes and nudges) and
 * text submitted in its pane (`submitted`) against its statuses — and takes a checkpoint at
 * each turn's end: a git snapshot of its directory, the screen transcript, the raw log offset,
 * the conversation id, the files changed, and — when the backend has a `session_file` — the
 * tokens and cost its records give (they also end a turn as soon as they say it ended).
 * goto / undo / branch are in rewind.ts.
 *
 * Operations on one agent are serialized (a checkpoint never races a goto); everything the
 * pilot does is a `log` event naming the checkpoint. Timelines persist under
 * `<state_dir>/pilot/<agent>/`, so a new server picks them up and carries on.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AgentConfig, FleetConfig } from '../config/types.js';
import { FleetError } from '../fleet/fleet-error.js';
import type { Fleet } from '../fleet/fleet.js';
import { sessionLogPath } from '../config/paths.js';
import { extractTurnReply } from '../fleet/turn-reply.js';
import type { FleetEvent } from '../protocol/messages.js';
import type { Clock, TimerHandle } from '../session/clock.js';
import type { Disposable } from '../session/disposable.js';
import type { Session } from '../session/session.js';
import { diffStat, snapshot, type PilotGitOptions } from './git-snapshot.js';
import { createTimeline, findLabel, getCheckpoint, nextLabel, recordTurn, type Checkpoint, type Timeline } from './timeline.js';
import { loadTimeline, saveTimeline, saveTranscript } from './timeline-store.js';
import { sessionFilePattern } from './session-file.js';
import { totalTokens, type TurnRecords } from './session-records.js';
import { turnCost } from './turn-cost.js';
import { TurnSessionFile } from './turn-session-file.js';
import { TurnTracker, type TurnEvent, type TurnSettings } from './turn-tracker.js';
import { TypedLine } from './typed-line.js';

export const TURN_SETTINGS: TurnSettings = { quietMs: 1500, startGraceMs: 5000, submitGraceMs: 3000 };
/** A reply kept for recap is cut to this many characters. */
const MAX_REPLY = 4000;
/** Scrollback rows saved as a checkpoint's transcript. */
const TRANSCRIPT_ROWS = 100_000;
/** How often a running turn's session file is read. */
export const SESSION_FILE_POLL_MS = 250;

export interface PilotOptions {
  fleet: Fleet;
  clock: Clock;
  turn?: TurnSettings;
}

/** One piloted agent. */
export interface Piloted {
  name: string;
  timeline: Timeline;
  /** null while a rewind runs: its own prompts are not turns */
  tracker: TurnTracker | null;
  timer: TimerHandle | null;
  /** the screen when the running turn began, to read its reply off */
  before: string[] | null;
  /** the running turn's reading of the backend's session file, and its poll timer */
  sessionFile: TurnSessionFile | null;
  sessionPoll: TimerHandle | null;
  /** the chain every operation on this agent joins */
  queue: Promise<unknown>;
  release: Disposable[];
}

export class Pilot {
  readonly fleet: Fleet;
  readonly clock: Clock;
  private readonly settings: TurnSettings;
  private readonly piloted = new Map<string, Piloted>();
  /** prompts each agent's current session was sent, for `conversationTurns` at root */
  private readonly sessionTurns = new Map<string, number>();
  private readonly promptCounters = new Map<string, Disposable>();
  /** what is being typed into each piloted agent's pane */
  private readonly lines = new Map<string, TypedLine>();
  private readonly subscription: Disposable;

  constructor(opts: PilotOptions) {
    this.fleet = opts.fleet;
    this.clock = opts.clock;
    this.settings = opts.turn ?? TURN_SETTINGS;
    this.subscription = this.fleet.onEvent((e) => this.onFleetEvent(e));
  }

  get config(): FleetConfig {
    return this.fleet.currentConfig;
  }

  agent(name: string): AgentConfig {
    const agent = this.fleet.agents().find((a) => a.name === name);
    if (!agent) throw new FleetError(this.fleet.names().includes(name) ? 'bad_args' : 'not_found', `"${name}" is not an agent that can be piloted`);
    return agent;
  }

  gitOptions(name: string): PilotGitOptions {
    return { agent: name, stateDir: this.config.state_dir, exclude: [this.config.log_dir] };
  }

  /** The label a person typed ("t3", "root"), or an error naming the labels there are. */
  label(p: Piloted, text: string): string {
    const found = findLabel(p.timeline, text);
    if (!found) throw new FleetError('bad_args', `${p.name} has no checkpoint "${text}" (it has: ${Object.keys(p.timeline.checkpoints).join(', ')})`);
    return found;
  }

  /** The piloted agent, or an error saying how to begin. */
  get(name: string): Piloted {
    const p = this.piloted.get(name) ?? this.restore(name);
    if (!p) throw new FleetError('conflict', `"${name}" is not piloted yet (start with: hangar pilot ${name})`);
    return p;
  }

  /** Every agent that has a timeline on disk, followed again (a new server). */
  resumeAll(): void {
    for (const agent of this.fleet.agents()) this.restore(agent.name);
  }

  private restore(name: string): Piloted | undefined {
    if (!this.fleet.agents().some((a) => a.name === name)) return undefined;
    const timeline = loadTimeline(this.config.state_dir, name);
    return timeline ? this.follow(name, timeline) : undefined;
  }

  /**
   * Begin piloting: the root checkpoint is the directory and conversation as they are now.
   * `from` says where they came from when that is not this agent's own past (a branch).
   */
  async enable(name: string, from?: { what: string; conversationTurns: number }): Promise<Timeline> {
    const existing = this.piloted.get(name) ?? this.restore(name);
    if (existing) return existing.timeline;
    const agent = this.agent(name);
    const now = this.clock.now();
    const snap = await snapshot(agent.dir, { ...this.gitOptions(name), label: 'root', message: from ? `branched from ${from.what}` : 'before the first piloted turn' });
    const timeline = createTimeline(name, {
      startedAt: now,
      endedAt: now,
      snapshot: snap.commit,
      ref: snap.ref,
      transcriptPath: this.fleet.isRunning(name) ? saveTranscript(this.config.state_dir, name, 'root', this.transcript(name)) : null,
      logOffset: this.logOffset(agent),
      conversationId: this.conversationId(name),
      files: { added: 0, removed: 0, changed: 0, insertions: 0, deletions: 0 },
      conversationTurns: from?.conversationTurns ?? this.kickoffTurns(agent) + (this.sessionTurns.get(name) ?? 0),
    });
    saveTimeline(this.config.state_dir, timeline);
    const where = snap.kind === 'private' ? 'a private repository' : 'its git repository';
    this.fleet.pilotEvent(name, 'root', 'info', `${name} piloted from root (${where})`);
    return this.follow(name, timeline).timeline;
  }

  private follow(name: string, timeline: Timeline): Piloted {
    const p: Piloted = { name, timeline, tracker: null, timer: null, before: null, sessionFile: null, sessionPoll: null, queue: Promise.resolve(), release: [] };
    this.piloted.set(name, p);
    if (this.fleet.isRunning(name)) this.attach(p, this.fleet.session(name));
    return p;
  }

  /** Follow a session's prompts and statuses with a fresh turn tracker. */
  attach(p: Piloted, session: Session): void {
    this.detach(p);
    p.tracker = new TurnTracker(this.settings, session.status);
    p.before = null;
    p.release.push(
      session.onPrompt((text) => this.feed(p, (t) => t.promptSent(text, this.clock.now()))),
      session.onStatus((status) => this.feed(p, (t) => t.status(status, this.clock.now()))),
    );
  }

  /**
   * Input typed into the agent's pane (the cockpit's keys, as the server passes them on): a
   * line submitted with Enter is a turn's prompt once work follows. The line is read from the
   * keys (the screen lags behind fast typing); when the keys hold none (text the agent filled
   * in itself), the input row as the screen shows it.
   */
  typed(name: string, data: string, inputRow: () => string): void {
    const p = this.piloted.get(name);
    if (!p) return;
    let line = this.lines.get(name);
    if (!line) this.lines.set(name, (line = new TypedLine()));
    for (const text of line.feed(data)) {
      const prompt = text || inputRow().replace(/^[\s│┃|>❯›$#%]+/, '').replace(/[\s│┃|]+$/, '');
      this.feed(p, (t) => t.userSubmitted(prompt, this.clock.now()));
    }
  }

  /** Stop following turns while a rewind drives the agent; `attach` starts again. */
  detach(p: Piloted): void {
    for (const r of p.release.splice(0)) r.dispose();
    p.tracker = null;
    if (p.timer !== null) this.clock.clearTimeout(p.timer);
    p.timer = null;
    this.stopSessionFile(p);
  }

  private feed(p: Piloted, step: (t: TurnTracker) => TurnEvent[]): void {
    if (!p.tracker) return;
    for (const event of step(p.tracker)) this.onTurn(p, event);
    if (p.timer !== null) this.clock.clearTimeout(p.timer);
    p.timer = null;
    const due = p.tracker?.deadline ?? null;
    if (due !== null) {
      p.timer = this.clock.setTimeout(() => {
        p.timer = null;
        this.feed(p, (t) => t.tick(this.clock.now()));
      }, Math.max(0, due - this.clock.now()));
    }
  }

  private onTurn(p: Piloted, event: TurnEvent): void {
    if (event.type === 'turn-start') {
      p.before = this.fleet.isRunning(p.name) ? this.fleet.session(p.name).tail(200) : [];
      this.startSessionFile(p, event.startedAt);
      return;
    }
    const records = p.sessionFile?.read() ?? null;
    this.stopSessionFile(p);
    const before = p.before ?? [];
    p.before = null;
    const after = this.fleet.isRunning(p.name) ? this.fleet.session(p.name).tail(200) : [];
    const reply = extractTurnReply(before, after, event.prompt).slice(0, MAX_REPLY);
    void this.enqueue(p, () => this.checkpoint(p, event, reply, records)).catch((err: Error) =>
      this.fleet.pilotEvent(p.name, p.timeline.current, 'warn', `checkpoint of ${p.name} failed: ${err.message}`),
    );
  }

  /** Run `op` after everything already queued for this agent. */
  enqueue<T>(p: Piloted, op: () => Promise<T>): Promise<T> {
    const run = p.queue.then(op, op);
    p.queue = run.catch(() => undefined);
    return run;
  }

  /** The checkpoint at a turn's end, recorded as a child of the current one. */
  private async checkpoint(
    p: Piloted,
    turn: { prompt: string; startedAt: number; endedAt: number },
    reply: string,
    records: TurnRecords | null,
  ): Promise<Checkpoint> {
    const agent = this.agent(p.name);
    const label = nextLabel(p.timeline);
    const parent = getCheckpoint(p.timeline, p.timeline.current);
    const snap = await snapshot(agent.dir, { ...this.gitOptions(p.name), label, message: turn.prompt });
    const stat = await diffStat(parent.snapshot, snap.commit, { ...this.gitOptions(p.name), workDir: agent.dir });
    const { timeline } = recordTurn(p.timeline, {
      prompt: turn.prompt,
      startedAt: turn.startedAt,
      endedAt: turn.endedAt,
      snapshot: snap.commit,
      ref: snap.ref,
      transcriptPath: saveTranscript(this.config.state_dir, p.name, label, this.transcript(p.name)),
      logOffset: this.logOffset(agent),
      conversationId: this.conversationId(p.name),
      files: stat.totals,
      ...(reply ? { reply } : {}),
      ...this.usage(agent, records),
      conversationTurns: (parent.conversationTurns ?? 0) + 1,
    });
    p.timeline = timeline;
    saveTimeline(this.config.state_dir, timeline);
    const t = stat.totals;
    const files = t.added + t.removed + t.changed;
    this.fleet.pilotEvent(p.name, label, 'info', `${p.name} ${label} — ${files} file${files === 1 ? '' : 's'} (+${t.insertions} −${t.deletions}): ${turn.prompt.split('\n')[0]!.slice(0, 60)}`);
    return getCheckpoint(timeline, label);
  }

  /** Tokens and cost, when the session file's records tell them. */
  private usage(agent: AgentConfig, records: TurnRecords | null): Pick<Checkpoint, 'tokens' | 'usage' | 'cost'> {
    if (!records?.sawUsage && records?.costUsd == null) return {};
    const cost = turnCost(records, this.config.prices, agent.model);
    return {
      ...(records.sawUsage ? { tokens: totalTokens(records.usage), usage: records.usage } : {}),
      ...(cost !== undefined ? { cost } : {}),
    };
  }

  /** Read the backend's session file while the turn runs: its records may say the turn ended. */
  private startSessionFile(p: Piloted, startedAt: number): void {
    this.stopSessionFile(p);
    // not this.agent(): an agent a reload dropped still runs, and this runs inside its events
    const agent = this.fleet.agents().find((a) => a.name === p.name);
    const template = agent && this.config.backends[agent.backend]?.session_file;
    if (!agent || template === undefined) return;
    const pattern = () => sessionFilePattern(template, { id: this.conversationId(p.name), cwd: agent.dir, home: homedir() });
    p.sessionFile = new TurnSessionFile(pattern, startedAt);
    const poll = () => {
      p.sessionPoll = null;
      if (!p.sessionFile) return;
      const { ended } = p.sessionFile.read();
      this.feed(p, (t) => t.backend(ended, this.clock.now()));
      if (p.sessionFile) p.sessionPoll = this.clock.setTimeout(poll, SESSION_FILE_POLL_MS);
    };
    p.sessionPoll = this.clock.setTimeout(poll, SESSION_FILE_POLL_MS);
  }

  private stopSessionFile(p: Piloted): void {
    if (p.sessionPoll !== null) this.clock.clearTimeout(p.sessionPoll);
    p.sessionPoll = null;
    p.sessionFile = null;
  }

  /** Save the timeline and say what happened. */
  commit(p: Piloted, timeline: Timeline, message: string): void {
    p.timeline = timeline;
    saveTimeline(this.config.state_dir, timeline);
    this.fleet.pilotEvent(p.name, timeline.current, 'info', message);
  }

  transcript(name: string): string {
    return this.fleet.isRunning(name) ? this.fleet.session(name).tail(TRANSCRIPT_ROWS).join('\n') : '';
  }

  private logOffset(agent: AgentConfig): number {
    const path = sessionLogPath(this.config, agent.session);
    return existsSync(path) ? statSync(path).size : 0;
  }

  /** The backend's conversation id as the fleet last saw it on screen (state/<name>.id). */
  conversationId(name: string): string | null {
    try {
      return readFileSync(join(this.config.state_dir, `${name}.id`), 'utf8').trim() || null;
    } catch {
      return null;
    }
  }

  /** An agent started with its kickoff as an argument has had that as its first turn. */
  kickoffTurns(agent: AgentConfig): number {
    const backend = this.config.backends[agent.backend];
    return backend?.prompt_delivery === 'arg' && (agent.prompt || agent.prompt_file || agent.kind === 'loop') ? 1 : 0;
  }

  private onFleetEvent(e: FleetEvent): void {
    if (e.type !== 'started') return;
    this.sessionTurns.set(e.name, 0);
    this.promptCounters.get(e.name)?.dispose();
    this.promptCounters.set(e.name, this.fleet.session(e.name).onPrompt(() => this.sessionTurns.set(e.name, (this.sessionTurns.get(e.name) ?? 0) + 1)));
    const p = this.piloted.get(e.name);
    // a restart the pilot did not ask for (a person, the watchdog): follow the new session
    if (p && p.tracker) this.attach(p, this.fleet.session(e.name));
  }

  dispose(): void {
    this.subscription.dispose();
    for (const counter of this.promptCounters.values()) counter.dispose();
    for (const p of this.piloted.values()) this.detach(p);
  }
}
