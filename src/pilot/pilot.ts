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
 * pilot does is a `pilot` event naming the checkpoint. Timelines persist under
 * `<state_dir>/pilot/<agent>/`, so a new server picks them up and carries on: it follows each
 * piloted agent from its next start, and records the turn the old server was in the middle of
 * (turn.json) as the directory stands. A timeline is followed only in the directory it was
 * made in. The conversation's id and position come from conversations.ts — measured where the
 * CLI's session file tells, never assumed to survive a goto, fork or resume.
 */
import { remoteHostText } from '../config/host.js';
import { existsSync, statSync } from 'node:fs';
import type { AgentConfig, FleetConfig } from '../config/types.js';
import { FleetError } from '../fleet/fleet-error.js';
import type { Fleet } from '../fleet/fleet.js';
import { sessionLogPath } from '../fs/fleet-files.js';
import { extractTurnReply } from '../fleet/turn-reply.js';
import type { FleetEvent } from '../protocol/messages.js';
import type { Clock } from '../base/clock.js';
import { DisposableStore, MutableDisposable } from '../base/disposable.js';
import { timer } from '../base/timer.js';
import type { Session } from '../session/session.js';
import { diffStat, snapshot, type PilotGitOptions } from './git-snapshot.js';
import { Conversations, type ConversationInput, type ConversationTurns } from './conversations.js';
import { createTimeline, findLabel, getCheckpoint, nextLabel, NO_FILES, recordTurn, type Checkpoint, type FileChanges, type Timeline } from './timeline.js';
import { clearRunningTurn, loadRunningTurn, loadTimeline, pilotDir, saveRunningTurn, saveTimeline, saveTranscript, type RunningTurn } from './timeline-store.js';
import { totalTokens, type TurnRecords } from './session-records.js';
import { turnCost } from './turn-cost.js';
import { SessionFeed } from './session-feed.js';
import { SessionTurn } from './session-turn.js';
import { BACKEND_POLL_MS } from '../fleet/turn.js';
import { TURN_SETTINGS, TurnTracker, type TurnEvent, type TurnSettings } from '../fleet/turn-tracker.js';

/** A reply kept for recap is cut to this many characters. */
const MAX_REPLY = 4000;
/** Scrollback rows saved as a checkpoint's transcript. */
const TRANSCRIPT_ROWS = 100_000;
/** How often a running turn's session file is read. */
const SESSION_FILE_POLL_MS = BACKEND_POLL_MS;

export interface PilotOptions {
  fleet: Fleet;
  clock: Clock;
  turn?: TurnSettings;
  /** from when records before a session's start are still wanted (the usage ledger's; session-feed.ts) */
  historySince?: (name: string) => number | null;
}

/** One piloted agent. */
export interface Piloted {
  name: string;
  timeline: Timeline;
  /** null while a rewind runs: its own prompts are not turns */
  tracker: TurnTracker | null;
  /** the tick at the tracker's deadline */
  timer: MutableDisposable;
  /** the screen when the running turn began, to read its reply off */
  before: string[] | null;
  /** the running turn's reading of the backend's session file, and its poll timer */
  sessionFile: SessionTurn | null;
  sessionPoll: MutableDisposable;
  /** the chain every operation on this agent joins */
  queue: Promise<unknown>;
  /** what following the current session holds: released by detach */
  release: DisposableStore;
  /** a goto or branch drives the agent: its restarts and prompts are not followed as turns */
  rewinding: boolean;
  /** the running turn: when it began, and the conversation then (a turn that changed nothing is no checkpoint) */
  turn: { startedAt: number; id: string | null; position: ConversationTurns | null } | null;
}

export class Pilot {
  readonly fleet: Fleet;
  readonly clock: Clock;
  /** when a turn ends: the same settings for the turns it follows and those it replays */
  readonly turnSettings: TurnSettings;
  private readonly piloted = new Map<string, Piloted>();
  /** the id and position of every agent's conversation, piloted or not */
  readonly conversations: Conversations;
  /** the subscriptions and followers this pilot holds, released by dispose */
  private readonly store = new DisposableStore();
  /** every agent's session file, followed once for everyone who reads it (turns, usage, limits, status) */
  readonly sessions: SessionFeed;

  constructor(opts: PilotOptions) {
    this.fleet = opts.fleet;
    this.clock = opts.clock;
    this.turnSettings = opts.turn ?? TURN_SETTINGS;
    this.conversations = this.store.add(new Conversations(this.fleet, (name, input) => this.heard(name, input)));
    this.sessions = this.store.add(new SessionFeed(this.fleet, this.clock, (name) => this.conversationId(name), opts.historySince));
    this.store.add(this.fleet.onEvent((e) => this.onFleetEvent(e)));
    // the CLI's own word that its turn ended (Claude's Stop hook, Codex's notify): the
    // checkpoint is taken at once, not after the quiet period
    this.store.add(this.fleet.onHook((name, meaning) => this.hookHeard(name, meaning.turnEnded)));
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

  /**
   * Every agent that has a timeline on disk, followed again (a new server): from its next start
   * on, and with the turn the last server was in the middle of recorded. A timeline it cannot
   * follow (another directory, a broken file) is said, not fatal.
   */
  resumeAll(): void {
    for (const agent of this.fleet.agents()) {
      try {
        this.restore(agent.name);
      } catch (err) {
        this.fleet.pilotEvent(agent.name, 'root', 'warn', (err as Error).message);
      }
    }
  }

  private restore(name: string): Piloted | undefined {
    const agent = this.fleet.agents().find((a) => a.name === name);
    if (!agent) return undefined;
    let timeline = loadTimeline(this.config.state_dir, name);
    if (!timeline) return undefined;
    if (timeline.dir === undefined) {
      // made before hangar kept the directory: it is the one the agent works in now
      timeline = { ...timeline, dir: agent.dir };
      saveTimeline(this.config.state_dir, timeline);
    } else if (timeline.dir !== agent.dir) {
      throw new FleetError(
        'conflict',
        `${name}'s timeline was made in ${timeline.dir}, but ${name} now works in ${agent.dir} (its dir in agents.toml changed): ` +
          `its checkpoints are not followed or restored there. Set dir back, or move ${pilotDir(this.config.state_dir, name)} away to begin a new timeline with: hangar pilot ${name}`,
      );
    }
    const p = this.follow(name, timeline);
    const running = loadRunningTurn(this.config.state_dir, name);
    if (running) void this.enqueue(p, () => this.recordInterrupted(p, running)).catch((err: Error) => this.checkpointFailed(p, err));
    return p;
  }

  /**
   * Begin piloting: the root checkpoint is the directory and conversation as they are now.
   * `from` says where they came from when that is not this agent's own past (a branch).
   */
  async enable(name: string, from?: { what: string; conversationTurns?: number }): Promise<Timeline> {
    const existing = this.piloted.get(name) ?? this.restore(name);
    if (existing) return existing.timeline;
    const agent = this.agent(name);
    const remote = remoteHostText(agent, this.config.backends[agent.backend]);
    if (remote !== undefined) {
      throw new FleetError('bad_args', `${name} runs on ${remote}: checkpoints are snapshots of the agent's directory on this machine, so only agents that run here can be piloted (README, Agents on other machines)`);
    }
    const now = this.clock.now();
    const snap = await snapshot(agent.dir, { ...this.gitOptions(name), label: 'root', message: from ? `branched from ${from.what}` : 'before the first piloted turn' });
    const turns = this.conversations.turns(name)?.turns ?? from?.conversationTurns;
    const timeline = createTimeline(
      name,
      {
        startedAt: now,
        endedAt: now,
        snapshot: snap.commit,
        ref: snap.ref,
        transcriptPath: this.fleet.isRunning(name) ? saveTranscript(this.config.state_dir, name, 'root', this.transcript(name)) : null,
        logOffset: this.logOffset(agent),
        conversationId: this.conversationId(name),
        files: NO_FILES,
        ...(turns !== undefined ? { conversationTurns: turns } : {}),
      },
      agent.dir,
    );
    saveTimeline(this.config.state_dir, timeline);
    const where = snap.kind === 'private' ? 'a private repository' : 'its git repository';
    this.fleet.pilotEvent(name, 'root', 'info', `${name} piloted from root (${where})`);
    return this.follow(name, timeline).timeline;
  }

  private follow(name: string, timeline: Timeline): Piloted {
    const p: Piloted = { name, timeline, tracker: null, timer: new MutableDisposable(), before: null, sessionFile: null, sessionPoll: new MutableDisposable(), queue: Promise.resolve(), release: new DisposableStore(), rewinding: false, turn: null };
    this.piloted.set(name, p);
    if (this.fleet.isRunning(name)) this.attach(p, this.fleet.session(name));
    return p;
  }

  /** Follow a session's statuses with a fresh turn tracker (its lines come through `heard`). */
  attach(p: Piloted, session: Session): void {
    this.detach(p);
    p.tracker = new TurnTracker(this.turnSettings, session.status);
    p.before = null;
    p.release.add(session.onStatus((status) => this.feed(p, (t) => t.status(status, this.clock.now()))));
  }

  /**
   * A line reached the agent (conversations.ts hears it before counting it): a prompt hangar
   * sent, or a line typed into the pane or sent with `hangar keys` — a turn's prompt once work
   * follows.
   */
  private heard(name: string, input: ConversationInput): void {
    const p = this.piloted.get(name);
    if (!p?.tracker) return;
    const now = this.clock.now();
    this.feed(p, (t) => (input.kind === 'prompt' ? t.promptSent(input.text, now) : t.userSubmitted(input.text, now)));
  }

  /** Stop following turns while a rewind drives the agent; `attach` starts again. */
  detach(p: Piloted): void {
    p.release.dispose();
    p.release = new DisposableStore();
    p.tracker = null;
    p.turn = null;
    p.timer.value = undefined;
    this.stopSessionFile(p);
  }

  private feed(p: Piloted, step: (t: TurnTracker) => TurnEvent[]): void {
    if (!p.tracker) return;
    for (const event of step(p.tracker)) this.onTurn(p, event);
    const due = p.tracker?.deadline ?? null;
    p.timer.value = due === null ? undefined : timer(this.clock, due - this.clock.now(), () => this.feed(p, (t) => t.tick(this.clock.now())));
  }

  private onTurn(p: Piloted, event: TurnEvent): void {
    if (event.type === 'turn-start') {
      p.before = this.fleet.isRunning(p.name) ? this.fleet.session(p.name).tail(200) : [];
      this.startSessionFile(p, event.startedAt);
      const id = this.conversationId(p.name);
      p.turn = { startedAt: event.startedAt, id, position: this.conversations.turns(p.name) };
      saveRunningTurn(this.config.state_dir, p.name, { prompt: event.prompt, startedAt: event.startedAt, conversationId: id });
      return;
    }
    const records = p.sessionFile?.read(true) ?? null;
    this.stopSessionFile(p);
    const before = p.before ?? [];
    p.before = null;
    const after = this.fleet.isRunning(p.name) ? this.fleet.session(p.name).tail(200) : [];
    const reply = extractTurnReply(before, after, event.prompt).slice(0, MAX_REPLY);
    // the conversation as the turn ended, before the next turn (already under way, perhaps) adds to it
    const conversation = { id: this.conversationId(p.name), position: this.conversations.turns(p.name), atStart: p.turn };
    p.turn = null;
    void this.enqueue(p, () => this.checkpoint(p, event, reply, records, conversation)).catch((err: Error) => this.checkpointFailed(p, err));
  }

  private checkpointFailed(p: Piloted, err: Error): void {
    this.fleet.pilotEvent(p.name, p.timeline.current, 'warn', `checkpoint of ${p.name} failed: ${err.message}`);
  }

  /**
   * The turn the last server was in the middle of when it ended: a checkpoint of the directory
   * as it stands, with that turn's prompt, marked interrupted — the work done before the end is
   * not lost, and the next turn follows it on the same timeline.
   */
  private async recordInterrupted(p: Piloted, running: RunningTurn): Promise<void> {
    const agent = this.agent(p.name);
    const label = nextLabel(p.timeline);
    const parent = getCheckpoint(p.timeline, p.timeline.current);
    const snap = await snapshot(agent.dir, { ...this.gitOptions(p.name), label, message: `${running.prompt} (interrupted: the server ended)` });
    const stat = await diffStat(parent.snapshot, snap.commit, { ...this.gitOptions(p.name), workDir: agent.dir });
    // the conversation the turn ran in: a goto may have forked it from the parent's
    const conversationId = running.conversationId ?? parent.conversationId;
    const turns = this.conversations.measured(p.name, conversationId);
    const { timeline } = recordTurn(p.timeline, {
      prompt: running.prompt,
      startedAt: running.startedAt,
      endedAt: this.clock.now(),
      snapshot: snap.commit,
      ref: snap.ref,
      transcriptPath: null,
      logOffset: this.logOffset(agent),
      conversationId,
      files: stat.totals,
      interrupted: true,
      ...(turns !== null ? { conversationTurns: turns } : parent.conversationTurns !== undefined ? { conversationTurns: parent.conversationTurns } : {}),
    });
    p.timeline = timeline;
    saveTimeline(this.config.state_dir, timeline);
    clearRunningTurn(this.config.state_dir, p.name, running.startedAt);
    this.fleet.pilotEvent(p.name, label, 'warn', `${p.name} ${label} — the server ended during this turn; recorded as its directory stands: ${firstLine(running.prompt)}`);
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
    conversation: { id: string | null; position: ConversationTurns | null; atStart: Piloted['turn'] },
  ): Promise<Checkpoint> {
    const agent = this.agent(p.name);
    const label = nextLabel(p.timeline);
    const parent = getCheckpoint(p.timeline, p.timeline.current);
    const snap = await snapshot(agent.dir, { ...this.gitOptions(p.name), label, message: turn.prompt });
    const stat = await diffStat(parent.snapshot, snap.commit, { ...this.gitOptions(p.name), workDir: agent.dir });
    const { id: conversationId, position, atStart } = conversation;
    const sameConversation = atStart !== null && atStart.id === conversationId && atStart.position?.measured === true;
    if (sameConversation && position?.measured && position.turns === atStart.position!.turns && !records?.sawUsage && noChanges(stat.totals)) {
      // a command the CLI answered without a turn (/history, /cost): the conversation and the files are as they were
      clearRunningTurn(this.config.state_dir, p.name, turn.startedAt);
      this.fleet.pilotEvent(p.name, p.timeline.current, 'info', `${p.name}: "${firstLine(turn.prompt)}" changed neither the conversation nor a file — no checkpoint`);
      return parent;
    }
    const turns = position?.turns ?? (parent.conversationTurns !== undefined ? parent.conversationTurns + 1 : undefined);
    const { timeline } = recordTurn(p.timeline, {
      prompt: turn.prompt,
      startedAt: turn.startedAt,
      endedAt: turn.endedAt,
      snapshot: snap.commit,
      ref: snap.ref,
      transcriptPath: saveTranscript(this.config.state_dir, p.name, label, this.transcript(p.name)),
      logOffset: this.logOffset(agent),
      conversationId,
      files: stat.totals,
      ...(reply ? { reply } : {}),
      ...this.usage(agent, records),
      ...(turns !== undefined ? { conversationTurns: turns } : {}),
    });
    p.timeline = timeline;
    saveTimeline(this.config.state_dir, timeline);
    clearRunningTurn(this.config.state_dir, p.name, turn.startedAt);
    const t = stat.totals;
    const files = t.added + t.removed + t.changed;
    this.fleet.pilotEvent(p.name, label, 'info', `${p.name} ${label} — ${files} file${files === 1 ? '' : 's'} (+${t.insertions} −${t.deletions}): ${firstLine(turn.prompt)}`);
    return getCheckpoint(timeline, label);
  }

  /** Tokens and cost, when the session file's records tell them. */
  private usage(agent: AgentConfig, records: TurnRecords | null): Pick<Checkpoint, 'tokens' | 'usage' | 'cost'> {
    if (!records?.sawUsage && records?.costUsd == null) return {};
    const cost = turnCost(records, this.config.registry, agent.model);
    return {
      ...(records.sawUsage ? { tokens: totalTokens(records.usage), usage: records.usage } : {}),
      ...(cost !== undefined ? { cost } : {}),
    };
  }

  /** Read the backend's session file while the turn runs: its records may say the turn ended. */
  private startSessionFile(p: Piloted, startedAt: number): void {
    this.stopSessionFile(p);
    p.sessionFile = this.turnSessionFile(p.name, startedAt);
    if (!p.sessionFile) return;
    const poll = () => {
      if (!p.sessionFile) return;
      const { ended } = p.sessionFile.read();
      this.feed(p, (t) => t.backend(ended, this.clock.now()));
      if (p.sessionFile) p.sessionPoll.value = timer(this.clock, SESSION_FILE_POLL_MS, poll);
    };
    p.sessionPoll.value = timer(this.clock, SESSION_FILE_POLL_MS, poll);
  }

  /**
   * One turn's records from the agent's session file (its backend's `session_file`, followed by
   * `sessions`), from `startedAt` (wall-clock ms) on; null when it has none. The pilot's turns
   * and `send --wait` read it; dispose it when the turn is over.
   */
  turnSessionFile(name: string, startedAt: number): SessionTurn | null {
    return this.sessions.has(name) ? new SessionTurn(this.sessions, name, startedAt) : null;
  }

  private stopSessionFile(p: Piloted): void {
    p.sessionPoll.value = undefined;
    p.sessionFile?.dispose();
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
    // the raw log is written in batches (session/raw-log.ts): its size counts all output so far once flushed
    if (this.fleet.isRunning(agent.name)) void this.fleet.session(agent.name).logFlushed();
    const path = sessionLogPath(this.config, agent.session);
    return existsSync(path) ? statSync(path).size : 0;
  }

  /**
   * A goto or branch left the running turn behind (the present saved as a checkpoint holds its
   * work): no later server is to record it as interrupted.
   */
  abandonTurn(p: Piloted): void {
    clearRunningTurn(this.config.state_dir, p.name);
  }

  /** The id of the conversation the agent runs now (conversations.ts); null while unknown. */
  conversationId(name: string): string | null {
    return this.conversations.id(name);
  }

  private hookHeard(name: string, turnEnded: boolean): void {
    const p = this.piloted.get(name);
    if (turnEnded && p?.tracker) this.feed(p, (t) => t.backend(true, this.clock.now()));
  }

  private onFleetEvent(e: FleetEvent): void {
    if (e.type !== 'started') return;
    const p = this.piloted.get(e.name);
    // any start the pilot did not drive itself — the first after a server start, a restart by a
    // person or the watchdog: follow the new session
    if (p && !p.rewinding) this.attach(p, this.fleet.session(e.name));
  }

  dispose(): void {
    this.store.dispose();
    for (const p of this.piloted.values()) this.detach(p);
  }
}

function noChanges(f: FileChanges): boolean {
  return f.added + f.removed + f.changed + f.insertions + f.deletions === 0;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 60);
}
