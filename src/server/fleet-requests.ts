import type { FleetConfig } from '../config/types.js';
import { FleetError } from '../fleet/fleet-error.js';
import type { Fleet } from '../fleet/fleet.js';
import { sessionLogPath } from '../fs/fleet-files.js';
import { runTurn } from '../fleet/turn.js';
import { waitForStatus } from '../fleet/wait-for-status.js';
import { fleetViewProblem, type FleetView, type FleetViewAnswer } from '../protocol/fleet-view.js';
import type { FleetEvent, SessionStatus } from '../protocol/messages.js';
import { isKeyName, keyToBytes } from '../terminal/keys.js';
import type { PhaseController } from '../watchdog/phase-controller.js';
import type { KeptView } from './kept-view.js';
import type { ConnectionInfo } from './request-handler.js';

/** How long `up` waits at most for an agent it started to end or settle (a launch failure shows by then). */
const UP_SETTLE_MS = 5000;

/** What the server's request handler needs besides the fleet. */
export interface FleetRequestContext {
  fleet: Fleet;
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
}

type Args = Record<string, unknown>;
type RequestFn = (ctx: FleetRequestContext, args: Args, conn: ConnectionInfo) => Promise<unknown>;

const PHASE_ACTIONS = ['show', 'next', 'set'] as const;

const WAITABLE: readonly SessionStatus[] = ['starting', 'working', 'idle', 'needs-input', 'limited', 'stalled', 'exited', 'crashed', 'stopped'];

function badArgs(message: string): FleetError {
  return new FleetError('bad_args', message);
}
function str(args: Args, key: string): string {
  const v = args[key];
  if (typeof v !== 'string' || !v) throw badArgs(`"${key}" must be a non-empty string`);
  return v;
}
function optionalStr(args: Args, key: string): string | undefined {
  const v = args[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badArgs(`"${key}" must be a string`);
  return v;
}
function num(args: Args, key: string, fallback: number): number {
  const v = args[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw badArgs(`"${key}" must be a non-negative number`);
  return v;
}
function names(args: Args): string[] {
  const v = args.names ?? [];
  if (!Array.isArray(v) || v.some((n) => typeof n !== 'string')) throw badArgs('"names" must be a list of strings');
  return v as string[];
}
function overrides(args: Args): { sets: string[]; env: Record<string, string> } {
  const sets = Array.isArray(args.sets) ? args.sets.filter((s): s is string => typeof s === 'string') : [];
  const env: Record<string, string> = {};
  if (args.env && typeof args.env === 'object') {
    for (const [k, v] of Object.entries(args.env as Record<string, unknown>)) if (typeof v === 'string') env[k] = v;
  }
  return { sets, env };
}

/**
 * The server's request verbs, one function each. CLI verbs are thin clients of these; the
 * cockpit's command palette will be too.
 */
export const FLEET_REQUESTS: Record<string, RequestFn> = {
  async up(ctx, args) {
    const config = ctx.reloadConfig(overrides(args));
    ctx.fleet.reconfigure(config);
    const started = await ctx.fleet.up(names(args));
    // an agent whose program is not there exits as it starts: wait until each has either ended
    // or shown a first status of its own (its output settled), so up can tell — events, not a
    // fixed time, so a loaded machine tells the same; at most UP_SETTLE_MS for a slow starter
    const agents = new Set(ctx.fleet.agents().map((a) => a.name));
    await Promise.all(started.filter((n) => agents.has(n)).map((n) => waitForStatus(ctx.fleet.statusOf(n), (st) => st !== 'starting', UP_SETTLE_MS)));
    return { started, ...ctx.fleet.list() };
  },

  /** An agent that is not in agents.toml, made from a backend and [defaults], started now. */
  async add(ctx, args) {
    const name = str(args, 'name');
    const backend = optionalStr(args, 'backend');
    const prompt = optionalStr(args, 'prompt');
    // agents.toml is authoritative: a name declared there since the server started is taken
    ctx.fleet.reconfigure(ctx.reloadConfig(overrides(args)));
    return ctx.fleet.addAgent({ name, ...(backend !== undefined ? { backend } : {}), ...(prompt !== undefined ? { prompt } : {}) });
  },

  async down(ctx, args) {
    const list = names(args);
    const stopped = await ctx.fleet.down(list);
    if (list.length === 0) ctx.shutdown();
    return { stopped, server: list.length === 0 ? 'stopping' : 'running' };
  },

  async status(ctx) {
    const problems = ctx.logProblems();
    return { ...ctx.fleet.list(), ...(problems.length > 0 ? { problems } : {}) };
  },

  /** The fleet's latest history, for a client that just attached (the cockpit's event log). */
  async events(ctx, args) {
    const count = args['lines'] ?? 200;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 10_000) throw badArgs('"lines" must be a whole number from 0 to 10000');
    const types = args['types'];
    if (types !== undefined && !(Array.isArray(types) && types.every((t) => typeof t === 'string'))) throw badArgs('"types" must be a list of event types');
    return { events: ctx.recentEvents(count, types as string[] | undefined) };
  },

  /** The fleet's view as the last cockpit left it, for a cockpit that attaches (protocol/fleet-view.ts). */
  async view(ctx): Promise<FleetViewAnswer> {
    return { view: ctx.view.get() };
  },

  /** A cockpit's view changed (layout, zoom, focus, pilot view): kept for the next one to attach. */
  async 'set-view'(ctx, args): Promise<FleetViewAnswer> {
    const problem = fleetViewProblem(args.view);
    if (problem !== null) throw badArgs(problem);
    ctx.view.set(args.view as FleetView);
    return { view: ctx.view.get() };
  },

  async restart(ctx, args) {
    const name = str(args, 'name');
    ctx.fleet.info(name); // not_found before anything is reloaded
    ctx.fleet.reconfigure(ctx.reloadConfig(overrides(args)));
    await ctx.fleet.restart(name);
    return ctx.fleet.info(name);
  },

  async screen(ctx, args) {
    const name = str(args, 'name');
    return { name, text: ctx.fleet.session(name).screenText() };
  },

  async peek(ctx, args) {
    const name = str(args, 'name');
    const lines = num(args, 'lines', 20);
    return { ...ctx.fleet.info(name), lines: ctx.fleet.session(name).tail(lines) };
  },

  async history(ctx, args) {
    const name = str(args, 'name');
    const count = Math.min(num(args, 'count', 100), 2000);
    const session = ctx.fleet.session(name);
    const start = args.start === undefined ? Math.max(0, session.history(0, 0).total - count) : num(args, 'start', 0);
    return { name, ...session.history(start, count) };
  },

  async find(ctx, args) {
    const name = str(args, 'name');
    const query = typeof args.query === 'string' ? args.query : '';
    const row = ctx.fleet.session(name).findInHistory(query, num(args, 'from', 0), args.backwards === true);
    return { name, row };
  },

  async logpath(ctx, args) {
    const name = str(args, 'name');
    const info = ctx.fleet.info(name);
    return { name, path: sessionLogPath(ctx.fleet.currentConfig, info.session) };
  },

  async send(ctx, args, conn) {
    const name = str(args, 'name');
    const text = typeof args.text === 'string' ? args.text : '';
    if (!text.trim()) throw badArgs('nothing to send: the message is empty');
    ctx.fleet.info(name); // not_found first: "not running" would mislead about a typo
    if (!ctx.fleet.isRunning(name)) throw new FleetError('conflict', `"${name}" is not running (start it with: hangar up ${name})`);
    const result = await runTurn(ctx.fleet.session(name), text, {
      wait: args.wait === true,
      timeoutMs: num(args, 'timeoutMs', 600_000),
      signal: conn.closed,
    });
    return { name, ...result };
  },

  async keys(ctx, args) {
    const name = str(args, 'name');
    const keys = args.keys;
    if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k !== 'string')) throw badArgs('"keys" must be a non-empty list of strings');
    ctx.fleet.info(name);
    if (!ctx.fleet.isRunning(name)) throw new FleetError('conflict', `"${name}" is not running (start it with: hangar up ${name})`);
    // all or nothing: an unknown key name fails before anything is typed
    const bytes = (keys as string[]).map((k) => (args.literal === true || !isKeyName(k) ? k : keyToBytes(k)));
    const session = ctx.fleet.session(name);
    // a person's keys, as typed into the pane: a submitted line is a turn
    for (const b of bytes) session.input(b);
    return { name, sent: keys.length };
  },

  async wait(ctx, args, conn) {
    const name = str(args, 'name');
    const target = str(args, 'for') as SessionStatus;
    if (!WAITABLE.includes(target)) throw badArgs(`"for" must be one of: ${WAITABLE.join(', ')}`);
    const source = ctx.fleet.statusOf(name);
    const status = await waitForStatus(source, (s) => s === target, num(args, 'timeoutMs', 600_000), conn.closed);
    return { name, status: status ?? source.status, timedOut: status === null };
  },

  /**
   * `hangar phase [show | next | set N]`. Reads agents.toml again first, so a phase appended
   * to the config is seen. next / set stop the loop agents, move the index, start them again.
   */
  async phase(ctx, args) {
    const action = args.action ?? 'show';
    if (typeof action !== 'string' || !(PHASE_ACTIONS as readonly string[]).includes(action)) {
      throw badArgs(`"action" must be one of: ${PHASE_ACTIONS.join(', ')}`);
    }
    ctx.fleet.reconfigure(ctx.reloadConfig(overrides(args)));
    if (action === 'show') return { report: ctx.phases.report(), actions: [], failures: [] };
    const result = await ctx.phases.move(action === 'next' ? { kind: 'next' } : { kind: 'set', phase: str(args, 'phase') });
    return { ...result, failures: result.failures.map((f) => f.error) };
  },

  /**
   * `hangar phase next | set N` when no server was running: the CLI starts one and asks it to
   * move the phase index only — no loop agent is stopped or started (`up` starts them on it).
   */
  async 'phase-index'(ctx, args) {
    const action = args.action;
    if (action !== 'next' && action !== 'set') throw badArgs('"action" must be one of: next, set');
    ctx.fleet.reconfigure(ctx.reloadConfig(overrides(args)));
    const result = await ctx.phases.moveIndex(action === 'next' ? { kind: 'next' } : { kind: 'set', phase: str(args, 'phase') });
    return { ...result, failures: [] };
  },
};
