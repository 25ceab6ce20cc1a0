import type { Clock } from '../../src/base/clock.js';
import type { Disposable } from '../../src/base/disposable.js';
import { Emitter } from '../../src/base/emitter.js';
import type { AgentConfig, FleetConfig } from '../../src/config/types.js';
import type { FleetEvent, SessionStatus } from '../../src/protocol/messages.js';
import type { FleetPort, WatchedSession } from '../../src/watchdog/fleet-port.js';

/** A session whose screen and status the test sets; what is typed into it is kept. */
export class ScriptedSession implements WatchedSession {
  /** what its screen says */
  screenStatus: SessionStatus = 'idle';
  /** a mark the watchdog put on it (limited, stalled, crashed): shown over the screen's, as Session.setStatusOverride */
  override: SessionStatus | null = null;
  get status(): SessionStatus {
    return this.override ?? this.screenStatus;
  }
  rows: string[] = ['> '];
  foreground = '';
  readonly typed: string[] = [];
  private readonly screen = new Emitter<[]>();

  visibleRows(): string[] {
    return this.rows;
  }

  shownCursorRow(): number | null {
    return this.rows.length - 1;
  }

  foregroundProcess(): string {
    return this.foreground;
  }

  onScreen(listener: () => void): Disposable {
    return this.screen.event(listener);
  }

  async sendMessage(text: string): Promise<{ confirmed: boolean; attempts: number }> {
    this.typed.push(text);
    return { confirmed: true, attempts: 1 };
  }

  /** New screen content (output), as a pty would report it. */
  show(rows: string[]): void {
    this.rows = rows;
    this.screen.fire();
  }
}

interface Member {
  session: ScriptedSession | null;
  running: boolean;
  restarts: number;
  note: { status: string | null; detail?: string } | null;
}

/**
 * The watchdog's FleetPort over scripted sessions, for the driver's tests: no pty. Starts,
 * stops and restarts take effect a microtask later (the real Fleet queues them) and report
 * the events the real one reports; `crash` and `setStatus` play what a child would do.
 */
export class ScriptedFleet implements FleetPort {
  private readonly members = new Map<string, Member>();
  private readonly events = new Emitter<[FleetEvent]>();
  readonly log: FleetEvent[] = [];

  private readonly reconfigured = new Emitter<[]>();

  constructor(
    private config: FleetConfig,
    private readonly clock: Clock,
  ) {
    for (const a of config.agents) this.members.set(a.name, { session: null, running: false, restarts: 0, note: null });
    this.events.event((e) => this.log.push(e));
  }

  get currentConfig(): FleetConfig {
    return this.config;
  }

  /** agents.toml read again, as the real fleet takes it (the same agents: members are not added) */
  reconfigure(config: FleetConfig): void {
    this.config = config;
    this.reconfigured.fire();
  }

  onReconfigure(listener: () => void): Disposable {
    return this.reconfigured.event(listener);
  }

  agents(): AgentConfig[] {
    return this.currentConfig.agents;
  }

  names(): string[] {
    return [...this.members.keys()];
  }

  private member(name: string): Member {
    const m = this.members.get(name);
    if (!m) throw new Error(`no member ${name}`);
    return m;
  }

  isRunning(name: string): boolean {
    return this.members.get(name)?.running ?? false;
  }

  runningConfig(name: string): AgentConfig | undefined {
    return this.isRunning(name) ? this.agents().find((a) => a.name === name) : undefined;
  }

  session(name: string): ScriptedSession {
    const s = this.member(name).session;
    if (!s) throw new Error(`${name} never started`);
    return s;
  }

  info(name: string): { restarts: number } {
    return { restarts: this.member(name).restarts };
  }

  /** The mark the watchdog last put on a member (crashed, stalled, limited), or null. */
  noteOf(name: string): Member['note'] {
    return this.member(name).note;
  }

  carryRestarts(name: string, count: number): void {
    this.member(name).restarts = count;
  }

  onEvent(listener: (event: FleetEvent) => void): Disposable {
    return this.events.event(listener);
  }

  watchdogEvent(kind: string, level: 'info' | 'warn', message: string, name?: string): void {
    this.events.fire({ type: 'watchdog', kind, level, message, name, at: this.clock.now() } as FleetEvent);
  }

  readonly usage = new Map<string, number | null>();

  noteUsage(name: string, percent: number | null): void {
    this.usage.set(name, percent);
  }

  /** As the real fleet: the mark is the session's status until it is taken off, each change a status event (at once). */
  annotate(name: string, status: 'crashed' | 'stalled' | 'limited' | null, detail?: string): void {
    this.member(name).note = status === null ? null : { status, detail };
    const s = this.member(name).session;
    if (!s) return;
    const prev = s.status;
    s.override = status;
    if (s.status !== prev) this.events.fire({ type: 'status', name, status: s.status, prev, at: this.clock.now() });
  }

  async up(names: string[]): Promise<string[]> {
    await Promise.resolve();
    const started = names.filter((n) => !this.isRunning(n));
    for (const name of started) this.start(name);
    return started;
  }

  async down(names: string[]): Promise<string[]> {
    await Promise.resolve();
    const stopped = names.filter((n) => this.isRunning(n));
    for (const name of stopped) this.stop(name);
    return stopped;
  }

  async restart(name: string): Promise<void> {
    await Promise.resolve();
    if (this.isRunning(name)) this.stop(name);
    this.member(name).restarts += 1;
    this.start(name);
  }

  /** The child exits by itself with `code`. */
  crash(name: string, code: number): void {
    const m = this.member(name);
    m.running = false;
    this.setStatus(name, 'exited');
    this.events.fire({ type: 'exit', name, code, signal: null, at: this.clock.now() });
  }

  /** The session's status changes (what its screen would say). */
  setStatus(name: string, status: SessionStatus): void {
    const s = this.session(name);
    const prev = s.status;
    s.screenStatus = status;
    if (s.status !== prev) this.events.fire({ type: 'status', name, status: s.status, prev, at: this.clock.now() });
  }

  /** How many times each member was started, in all. */
  starts(name: string): number {
    return this.log.filter((e) => e.type === 'started' && e.name === name).length;
  }

  private start(name: string): void {
    const m = this.member(name);
    m.session = new ScriptedSession();
    m.running = true;
    m.note = null;
    this.events.fire({ type: 'started', name, pid: 1000 + this.starts(name), at: this.clock.now() });
  }

  private stop(name: string): void {
    const m = this.member(name);
    m.running = false;
    this.setStatus(name, 'stopped');
    this.events.fire({ type: 'exit', name, code: null, signal: 15, at: this.clock.now() });
  }
}
