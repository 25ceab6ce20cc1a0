/**
 * The server's verbs, one handler each, in ONE table typed over protocol/requests.ts: a verb
 * without a handler, or a handler for no verb, does not compile. Arguments arrive checked
 * against the verb's schema (`runRequest`, the server's edge), so handlers read them as typed.
 * CLI verbs, the cockpit and (later) the MCP tools are thin clients of these.
 */
import { homedir } from 'node:os';
import type { Clock } from '../base/clock.js';
import type { Disposable } from '../base/disposable.js';
import { buildKickoff } from '../config/kickoff.js';
import { currentPhaseIndex } from '../config/phase-index.js';
import type { FleetConfig } from '../config/types.js';
import { FleetError } from '../fleet/fleet-error.js';
import type { Fleet } from '../fleet/fleet.js';
import { sessionLogPath } from '../fs/fleet-files.js';
import { followKickoffTurn, runTurn, type TurnBackend, type TurnResult } from '../fleet/turn.js';
import { needsAttention } from '../protocol/needs-attention.js';
import { appendVerdict, readVerdicts } from '../fleet/verdict-log.js';
import type { TurnRecords } from '../pilot/session-records.js';
import { waitForStatus } from '../fleet/wait-for-status.js';
import { diffSnapshots } from '../pilot/git-snapshot.js';
import type { FleetUsage } from '../pilot/fleet-usage.js';
import type { Pilot } from '../pilot/pilot.js';
import { costsTotal, turnSpend, withBudget, withUsage } from './usage-view.js';
import type { HumanQuestions } from './human-questions.js';
import type { WorkChanges } from './work-changes.js';
import { pruneWorktrees, removeWorktreeOf, worktreeDiff, worktreeViews } from './agent-worktrees.js';
import { readWorktreeRecord } from '../pilot/worktree-record.js';
import { branch, goto, undo } from '../pilot/rewind.js';
import { locateTranscript } from '../pilot/transcript-source.js';
import { getCheckpoint, pathTo } from '../pilot/timeline.js';
import { timelineView } from '../pilot/timeline-render.js';
import type { FleetEvent } from '../protocol/messages.js';
import { checkArgs } from '../protocol/request-args.js';
import { HOOK_FIELD_MAX } from '../protocol/hook-report.js';
import { isVerb, type Args, type Result, type TurnSpend, type Verb } from '../protocol/requests.js';
import { isKeyName, keyToBytes } from '../terminal/keys.js';
import type { PhaseController } from '../watchdog/phase-controller.js';
import type { BudgetKeeper } from '../watchdog/budget-keeper.js';
import type { WatcherDriver } from '../watchers/watcher-driver.js';
import type { KeptView } from './kept-view.js';
import { RequestError } from './request-error.js';
import type { ConnectionInfo } from './request-handler.js';

/** How long `up` waits at most for an agent it started to end or settle (a launch failure shows by then). */
const UP_SETTLE_MS = 5000;

/** What the handlers need besides their arguments. */
/** The fields that were given (an optional argument left out stays out). */
function defined<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

export interface RequestContext {
  fleet: Fleet;
  /** checkpoints, goto, branch: the pilot's verbs */
  pilot: Pilot;
  /** the loop's phases: `hangar phase`, and the watchdog's checks */
  phases: PhaseController;
  /** reload agents.toml (with this request's --set / env overrides) */
  reloadConfig(overrides: { sets: string[]; env: Record<string, string> }): FleetConfig;
  /** stop every session and end the server process */
  shutdown(): void;
  /** the fleet's own logs (events.jsonl, server.log) that are not being written, and why */
  logProblems(): string[];
  /** the last `count` events of <log_dir>/events.jsonl of these types (all but screens when none given) */
  recentEvents(count: number, types?: readonly string[]): FleetEvent[];
  /** the fleet's view as the last cockpit reported it */
  view: KeptView;
  /** what an agent's backend says about a turn begun at `startedAt` (its session file: tokens, cost, its end); null: nothing */
  turnBackend?: (name: string, startedAt: number) => TurnBackend<TurnRecords> | null;
  /** the watchers over every agent's turns (absent: none run, as in some tests) */
  watchers?: WatcherDriver;
  /** the agent's CLI hooks saying a turn ended (Stop, Codex's notify), each call one; null: none are heard */
  hookTurnEnds?: (name: string, listener: () => void) => Disposable;
  /** every agent's usage and cost, from the fleet's usage ledger */
  usage?: FleetUsage;
  /** budget_usd per agent and for the fleet (the watchdog's) */
  budgets?: Pick<BudgetKeeper, 'lines' | 'line' | 'agentBudget' | 'heldBy' | 'raise'>;
  /** the time `check` measures runtimes and `end` stamps verdicts with */
  clock: Clock;
  /** questions agents ask a person (`ask`), answered by `send` or keys typed into the pane */
  questions: HumanQuestions;
  /** what each agent changed in its dir since it started (`check`) */
  work: WorkChanges;
  /** the assistant's text of an agent's newest turn, from its session file; null: none recorded */
  lastReply?: (name: string) => string | null;
}

type Handler<V extends Verb> = (ctx: RequestContext, args: Args<V>, conn: ConnectionInfo) => Promise<Result<V>>;

/** Every verb's handler: the mapped type is what makes a missing or misspelt one a compile error. */
export type RequestHandlers = { [V in Verb]: Handler<V> };

function overrides(args: { sets?: string[]; env?: Record<string, string> }): { sets: string[]; env: Record<string, string> } {
  return { sets: args.sets ?? [], env: args.env ?? {} };
}

function notRunning(name: string): FleetError {
  return new FleetError('conflict', `"${name}" is not running (start it with: hangar up ${name})`);
}

/** What follows a turn besides its statuses: the backend's session file, the CLI's hooks. */
function turnFollowers(ctx: RequestContext, name: string) {
  return {
    backend: (startedAt: number) => ctx.turnBackend?.(name, startedAt) ?? null,
    ...(ctx.hookTurnEnds ? { hookTurnEnds: (listener: () => void) => ctx.hookTurnEnds!(name, listener) } : {}),
  };
}

/** A followed turn's tokens and cost, priced for the model the agent runs. */
function spendOf(ctx: RequestContext, name: string, turn: Pick<TurnResult<TurnRecords>, 'backendSaid'>): TurnSpend {
  const config = ctx.fleet.currentConfig;
  const model = ctx.fleet.runningConfig(name)?.model ?? '';
  return turnSpend(turn.backendSaid, config.registry, model);
}

export const REQUEST_HANDLERS: RequestHandlers = {
  async up(ctx, args) {
    const config = ctx.reloadConfig(overrides(args));
    ctx.fleet.reconfigure(config);
    const started = await ctx.fleet.up(args.names ?? []);
    // an agent whose program is not there exits as it starts: wait until each has either ended
    // or shown a first status of its own (its output settled), so up can tell — events, not a
    // fixed time, so a loaded machine tells the same; at most UP_SETTLE_MS for a slow starter
    const agents = new Set(ctx.fleet.agents().map((a) => a.name));
    await Promise.all(started.filter((n) => agents.has(n)).map((n) => waitForStatus(ctx.fleet.statusOf(n), (st) => st !== 'starting', UP_SETTLE_MS)));
    return { started, ...ctx.fleet.list() };
  },

  /**
   * An agent that is not in agents.toml, made from a backend and [defaults], started now; with
   * wait, its first turn (the kickoff) is followed as `send --wait` follows one, for its reply.
   */
  async add(ctx, args, conn) {
    const { name, backend, prompt, dir, model, watch, worktree, parent } = args;
    // agents.toml is authoritative: a name declared there since the server started is taken
    ctx.fleet.reconfigure(ctx.reloadConfig(overrides(args)));
    const spec = { name, ...defined({ backend, prompt, dir, model, watch, worktree, parent }) };
    if (args.wait !== true) return ctx.fleet.addAgent(spec);
    await ctx.fleet.addAgent(spec, { start: false });
    const config = ctx.fleet.currentConfig;
    const agent = ctx.fleet.agents().find((a) => a.name === name)!;
    const kickoff = buildKickoff(config, agent, currentPhaseIndex(config));
    if (!kickoff.trim()) {
      await ctx.fleet.removeAgent(name);
      throw new FleetError('bad_args', `wait: ${name} would start with no prompt, so there is no first turn to wait for (give it a prompt, or leave wait out)`);
    }
    await ctx.fleet.up([name]);
    const turn = await followKickoffTurn(ctx.fleet.session(name), kickoff, { timeoutMs: args.timeoutMs ?? 600_000, ...turnFollowers(ctx, name), signal: conn.closed });
    // a first turn's reply is not the screen's difference (the whole screen is new): its session file's, where it has one
    const reply = ctx.lastReply?.(name) ?? turn.reply ?? '';
    return { ...ctx.fleet.info(name), reply, timedOut: turn.timedOut === true, ...spendOf(ctx, name, turn) };
  },

  async down(ctx, args) {
    const list = args.names ?? [];
    const stopped = await ctx.fleet.down(list);
    if (list.length === 0) ctx.shutdown();
    return { stopped, server: list.length === 0 ? 'stopping' : 'running' };
  },

  async status(ctx) {
    const problems = ctx.logProblems();
    const { agents, services } = ctx.fleet.list();
    const { usage, budgets } = ctx;
    const costed = usage ? agents.map((a) => withUsage(a, usage.agent(a.name))) : agents;
    // an agent's spend is added up again only when it has a budget to show it against
    const budgeted = budgets ? costed.map((a) => withBudget(a, budgets.agentBudget(a.name) !== null ? budgets.line(a.name) : null, budgets.heldBy(a.name))) : costed;
    return { agents: budgeted, services, ...(problems.length > 0 ? { problems } : {}) };
  },

  /** The fleet's latest history, for a client that just attached (the cockpit's event log). */
  async events(ctx, args) {
    return { events: ctx.recentEvents(args.lines ?? 200, args.types) };
  },

  /** The fleet's view as the last cockpit left it, for a cockpit that attaches (protocol/fleet-view.ts). */
  async view(ctx) {
    return { view: ctx.view.get() };
  },

  /** A cockpit's view changed (layout, zoom, focus, pilot view): kept for the next one to attach. */
  async 'set-view'(ctx, args) {
    ctx.view.set(args.view);
    return { view: ctx.view.get() };
  },

  async restart(ctx, args) {
    const { name } = args;
    ctx.fleet.info(name); // not_found before anything is reloaded
    ctx.fleet.reconfigure(ctx.reloadConfig(overrides(args)));
    await ctx.fleet.restart(name);
    return ctx.fleet.info(name);
  },

  async screen(ctx, { name }) {
    return { name, text: ctx.fleet.session(name).screenText() };
  },

  async peek(ctx, { name, lines }) {
    return { ...ctx.fleet.info(name), lines: ctx.fleet.session(name).tail(lines ?? 20) };
  },

  async scrollback(ctx, args) {
    const { name } = args;
    const count = Math.min(args.count ?? 100, 2000);
    const session = ctx.fleet.session(name);
    const start = args.start ?? Math.max(0, session.history(0, 0).total - count);
    return { name, ...session.history(start, count) };
  },

  async find(ctx, { name, query, from, backwards }) {
    const row = ctx.fleet.session(name).findInHistory(query ?? '', from ?? 0, backwards === true);
    return { name, row };
  },

  async logpath(ctx, { name }) {
    const info = ctx.fleet.info(name);
    // the log is written in batches (session/raw-log.ts): whoever reads it now sees all output so far
    if (ctx.fleet.isRunning(name)) await ctx.fleet.session(name).logFlushed();
    return { name, path: sessionLogPath(ctx.fleet.currentConfig, info.session) };
  },

  async send(ctx, args, conn) {
    const { name, text } = args;
    if (!text.trim()) throw new FleetError('bad_args', 'nothing to send: the message is empty');
    ctx.fleet.info(name); // not_found first: "not running" would mislead about a typo
    if (!ctx.fleet.isRunning(name)) throw notRunning(name);
    // an agent that asks a person something (ask) takes the message as the answer, untyped
    if (ctx.questions.answer(name, text.trim())) return { name, confirmed: true, attempts: 0, status: ctx.fleet.info(name).status, answered: true };
    const { backendSaid, ...result } = await runTurn(ctx.fleet.session(name), text, {
      wait: args.wait === true,
      timeoutMs: args.timeoutMs ?? 600_000,
      ...turnFollowers(ctx, name),
      signal: conn.closed,
    });
    return { name, ...result, ...spendOf(ctx, name, { backendSaid }) };
  },

  async keys(ctx, args) {
    const { name, keys } = args;
    ctx.fleet.info(name);
    if (!ctx.fleet.isRunning(name)) throw notRunning(name);
    // all or nothing: an unknown key name fails before anything is typed
    const bytes = keys.map((k) => (args.literal === true || !isKeyName(k) ? k : keyToBytes(k)));
    const session = ctx.fleet.session(name);
    // a person's keys, as typed into the pane: a submitted line is a turn (or the answer to the question it asks)
    for (const b of bytes) if (!ctx.questions.input(name, b)) session.input(b);
    return { name, sent: keys.length };
  },

  async wait(ctx, args, conn) {
    const { name, for: target } = args;
    const source = ctx.fleet.statusOf(name);
    const status = await waitForStatus(source, (s) => s === target, args.timeoutMs ?? 600_000, conn.closed);
    return { name, status: status ?? source.status, timedOut: status === null };
  },

  /**
   * `hangar phase [show | next | set N]`. Reads agents.toml again first, so a phase appended
   * to the config is seen. next / set stop the loop agents, move the index, start them again.
   */
  async phase(ctx, args) {
    const action = args.action ?? 'show';
    ctx.fleet.reconfigure(ctx.reloadConfig(overrides(args)));
    if (action === 'show') return { report: ctx.phases.report(), actions: [], failures: [] };
    if (action === 'set' && args.phase === undefined) throw new RequestError('bad_args', '"phase" must be a non-empty string');
    const result = await ctx.phases.move(action === 'next' ? { kind: 'next' } : { kind: 'set', phase: args.phase! });
    return { ...result, failures: result.failures.map((f) => f.error) };
  },

  async 'phase-index'(ctx, args) {
    ctx.fleet.reconfigure(ctx.reloadConfig(overrides(args)));
    if (args.action === 'set' && args.phase === undefined) throw new RequestError('bad_args', '"phase" must be a non-empty string');
    const result = await ctx.phases.moveIndex(args.action === 'next' ? { kind: 'next' } : { kind: 'set', phase: args.phase! });
    return { ...result, failures: [] };
  },

  async pilot({ pilot }, { name }) {
    return timelineView(await pilot.enable(name));
  },

  async checkpoints({ pilot }, { name }) {
    return timelineView(pilot.get(name).timeline);
  },

  async goto({ pilot }, { name, to }) {
    const result = await goto(pilot, name, to);
    return { ...result, timeline: timelineView(pilot.get(result.name).timeline) };
  },

  async undo({ pilot }, { name }) {
    const result = await undo(pilot, name);
    return { ...result, timeline: timelineView(pilot.get(result.name).timeline) };
  },

  async branch({ pilot }, { name, from, as }) {
    return branch(pilot, name, from, as || undefined);
  },

  async diff({ fleet, pilot }, args) {
    const { name } = args;
    // no label: a worktree agent's work against its base branch (piloted or not)
    if (args.from === undefined) return worktreeDiff(fleet, name);
    const p = pilot.get(name);
    const tl = p.timeline;
    const from = getCheckpoint(tl, pilot.label(p, args.from));
    // one label: what that turn changed (against its parent)
    const to = args.to ? getCheckpoint(tl, pilot.label(p, args.to)) : null;
    const a = to ? from : from.parent === null ? from : getCheckpoint(tl, from.parent);
    const b = to ?? from;
    const diff = await diffSnapshots(a.snapshot, b.snapshot, { ...pilot.gitOptions(name), workDir: pilot.agent(name).dir });
    return { name, from: a.label, to: b.label, ...diff };
  },

  /** The worktrees of `worktree = true` agents, with what git says of each (`hangar worktrees`). */
  async worktrees({ fleet }) {
    return worktreeViews(fleet);
  },

  /** Remove one agent's worktree, or those of agents no longer in the fleet; uncommitted work only with force. */
  async 'prune-worktrees'({ fleet }, { name, force }) {
    return pruneWorktrees(fleet, name, force === true);
  },

  /** An agent CLI's hook (`hangar hook`, bounded by protocol/hook-report.ts): the fleet takes its word. */
  async hook(ctx, args) {
    // any client may send it: each field cut to the size `hangar hook` keeps
    const [event, detail, conversationId, transcriptPath] = [args.event, args.detail, args.conversationId, args.transcriptPath].map((v) => v?.slice(0, HOOK_FIELD_MAX));
    const { name } = args;
    const report = { event: event!, ...(detail ? { detail } : {}), ...(conversationId ? { conversationId } : {}), ...(transcriptPath ? { transcriptPath } : {}) };
    const heard = ctx.fleet.hookHeard(name, report);
    // a turn's end: a watcher's system-role nudge goes back through the hook (Claude Code's Stop)
    const continueWith = heard && report.event === 'Stop' && ctx.watchers ? await ctx.watchers.answerTurnEnd(name) : null;
    return { name, heard, ...(continueWith ? { continueWith } : {}) };
  },

  /** Each agent's watchers and their state (`hangar watchers`); `resume` lifts a watcher's pause first. */
  async watchers(ctx, args) {
    if (!ctx.watchers) return { agents: [] };
    let resumed: string | undefined;
    if (args.resume !== undefined) {
      ctx.fleet.info(args.resume); // not_found for a name that is no member
      if (!ctx.watchers.resume(args.resume)) throw new FleetError('conflict', `${args.resume} is not paused by a watcher`);
      resumed = args.resume;
    }
    return { agents: ctx.watchers.list(), ...(resumed ? { resumed } : {}) };
  },

  /** One agent in full, for whoever decides on it (`hangar check`, the MCP tool check). */
  async check(ctx, { name }) {
    const info = ctx.fleet.info(name);
    if (info.kind === 'service') throw new FleetError('bad_args', `${name} is a service: check is for agents`);
    const startedAt = ctx.fleet.conversation(name)?.startedAt ?? null;
    const spent = ctx.usage ? withUsage(info, ctx.usage.agent(name)) : info;
    const verdict = readVerdicts(ctx.fleet.currentConfig)
      .filter((v) => v.name === name && startedAt !== null && v.at >= startedAt)
      .at(-1);
    return {
      name,
      status: info.status,
      needs_attention: needsAttention(info.status),
      ...(info.detail ? { detail: info.detail } : {}),
      started_at: startedAt,
      runtime_ms: startedAt !== null && ctx.fleet.isRunning(name) ? ctx.clock.now() - startedAt : null,
      last_reply: ctx.lastReply?.(name) ?? null,
      ...(spent.usage ? { usage: spent.usage } : {}),
      ...(spent.cost_usd !== undefined ? { cost_usd: spent.cost_usd } : {}),
      ...(spent.cost_source ? { cost_source: spent.cost_source } : {}),
      files: await ctx.work.changes(name),
      ...(verdict ? { verdict } : {}),
    };
  },

  /**
   * An agent ended with a verdict: recorded (state/verdicts.jsonl, then an event), the agent
   * stopped, and with delete taken out of the fleet. What cannot be done is refused before
   * anything is: a service, delete of an agent of agents.toml.
   */
  async end(ctx, args) {
    const { name, verdict } = args;
    const reason = args.reason?.trim() ?? '';
    const info = ctx.fleet.info(name);
    if (info.kind === 'service') throw new FleetError('bad_args', `${name} is a service: only agents are ended with a verdict (stop it with: hangar down ${name})`);
    const deleted = args.delete === true;
    if (deleted && !info.addedAtRunTime) {
      throw new FleetError('conflict', `"${name}" is in agents.toml: only an agent added at run time can be deleted (end it without delete, or remove it from agents.toml)`);
    }
    const record = { name, verdict, reason, at: ctx.clock.now(), deleted };
    appendVerdict(ctx.fleet.currentConfig, record);
    const stopped = (await ctx.fleet.down([name])).includes(name);
    ctx.fleet.orchestrationEvent('verdict', name, verdict === 'completed' ? 'info' : 'warn', `${name} ended: ${verdict}${reason ? ` — ${reason}` : ''}`);
    if (deleted) {
      await ctx.fleet.removeAgent(name);
      ctx.work.forget(name);
      // its worktree goes too — never with uncommitted work (kept, and said so); its branch stays
      const worktree = readWorktreeRecord(ctx.fleet.currentConfig, name) ? await removeWorktreeOf(ctx.fleet, name) : null;
      const wt = !worktree ? '' : worktree.removed ? `; its worktree removed (branch ${worktree.branch} kept)` : `; its worktree kept: ${worktree.reason}`;
      ctx.fleet.orchestrationEvent('removed', name, worktree && !worktree.removed ? 'warn' : 'info', `${name} removed from the fleet${wt}`);
      if (worktree) return { ...record, stopped, worktree: worktree.removed ? { path: worktree.path, branch: worktree.branch, removed: true } : { path: worktree.path, branch: worktree.branch, removed: false, reason: worktree.reason } };
    }
    return { ...record, stopped };
  },

  /** An agent asks a person; the answer is whatever `send` or the pane's keys give first (human-questions.ts). */
  async ask(ctx, args, conn) {
    const { name, question } = args;
    const answer = await ctx.questions.ask(name, question, args.timeoutMs ?? 600_000, conn.closed);
    return { name, question, answer, timedOut: answer === null };
  },

  /** The fleet's tokens and cost per agent, model or day, from its usage ledger (`hangar costs`). */
  async costs(ctx, args) {
    const by = args.by ?? 'agent';
    const since = args.since ?? null;
    if (!ctx.usage) return { by, since, rows: [], total: costsTotal(null) };
    const { rows, total } = ctx.usage.totals(by, since);
    return { by, since, rows: rows.map((r) => ({ key: r.key, ...costsTotal(r) })), total: costsTotal(total) };
  },

  /**
   * What each agent and the fleet spent of its budget (`hangar budget`); with raise, USD added to
   * the agent's budget (the fleet's without a name) first, which lifts a hold it ends at once.
   */
  async budget(ctx, { name, raise }) {
    if (name !== undefined) {
      const info = ctx.fleet.info(name); // not_found for a name that is no member
      if (info.kind === 'service') throw new FleetError('bad_args', `${name} is a service: only agents have a budget`);
    }
    const budgets = ctx.budgets;
    if (!budgets) throw new FleetError('conflict', 'this server keeps no budgets');
    if (raise !== undefined) budgets.raise(name ?? null, raise);
    const { agents, fleet } = budgets.lines();
    return { agents: name === undefined ? agents : agents.filter((a) => a.name === name), fleet };
  },

  /** The turns on the path to the current checkpoint, oldest first: prompt, reply, files (`hangar history`). */
  async history({ pilot }, { name }) {
    const tl = pilot.get(name).timeline;
    const turns = pathTo(tl, tl.current).filter((cp) => cp.kind === 'turn');
    return { name: tl.agent, current: tl.current, turns };
  },

  /** Where an agent's conversation is recorded: its session file, for the client to read (`hangar transcript`, C-b t). */
  async transcript({ fleet, pilot }, { name }) {
    const info = fleet.info(name); // not_found for a name that is no member
    // the config it runs with (a reload may have changed agents.toml since)
    const agent = fleet.runningConfig(name) ?? fleet.agents().find((a) => a.name === name);
    if (!agent) throw new FleetError('bad_args', `${name} is a ${info.kind}: only agents have a transcript`);
    const taken = new Set(fleet.agents().flatMap((a) => (a.name === name ? [] : [pilot.conversationId(a.name)].filter((id): id is string => !!id))));
    return locateTranscript(agent, fleet.currentConfig.backends[agent.backend]?.session_file, pilot.conversationId(name), homedir(), taken);
  },
};

/**
 * The server's edge for requests: an unknown verb or arguments its schema refuses get a clear
 * error (unknown_verb, bad_args) before any handler runs.
 */
export function runRequest(ctx: RequestContext, verb: string, args: Record<string, unknown>, conn: ConnectionInfo): Promise<unknown> {
  if (!isVerb(verb)) throw new RequestError('unknown_verb', `unknown request "${verb}"`);
  return dispatch(ctx, verb, args, conn);
}

function dispatch<V extends Verb>(ctx: RequestContext, verb: V, args: Record<string, unknown>, conn: ConnectionInfo): Promise<Result<V>> {
  const checked = checkArgs(verb, args);
  if (!checked.ok) throw new RequestError('bad_args', checked.problem);
  const handler: Handler<V> = REQUEST_HANDLERS[verb];
  return handler(ctx, checked.args, conn);
}
