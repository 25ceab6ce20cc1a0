/**
 * What the watchdog's driver needs of the fleet, and no more: the agents and their config,
 * each running session's screen and status, the fleet's events, and the few things it does to
 * members (start, stop, restart, mark, type a message). `Fleet` is one; the driver's tests
 * give it a fleet of scripted sessions, so they need no pty.
 */
import type { Disposable } from '../base/disposable.js';
import type { AgentConfig, FleetConfig } from '../config/types.js';
import type { FleetEvent, SessionStatus } from '../protocol/messages.js';

/** A running session as the watchdog looks at it. */
export interface WatchedSession {
  readonly status: SessionStatus;
  visibleRows(): string[];
  /** the cursor's row while it is shown; null while hidden (the prompt region ends at the content then) */
  shownCursorRow(): number | null;
  /** the name of the process in the foreground of its terminal */
  foregroundProcess(): string;
  onScreen(listener: () => void): Disposable;
  sendMessage(text: string): Promise<{ confirmed: boolean; attempts: number }>;
}

export interface FleetPort {
  readonly currentConfig: FleetConfig;
  agents(): AgentConfig[];
  names(): string[];
  isRunning(name: string): boolean;
  /** the config a running agent was started with; undefined when it is not running */
  runningConfig(name: string): AgentConfig | undefined;
  /** the member's current (or last) session */
  session(name: string): WatchedSession;
  /** how many times the member was restarted (its `restarts` in status) */
  info(name: string): { restarts: number };
  carryRestarts(name: string, count: number): void;
  onEvent(listener: (event: FleetEvent) => void): Disposable;
  /** agents.toml was read again (currentConfig is the new one): budgets are judged again */
  onReconfigure(listener: () => void): Disposable;
  /** record what it decided or did (kind: a WatchdogEventKind, or 'start', 'config') */
  watchdogEvent(kind: string, level: 'info' | 'warn', message: string, name?: string): void;
  /** the usage window's percentage its session file reports (null: unknown), for status and the pane title */
  noteUsage(name: string, percent: number | null): void;
  annotate(name: string, status: 'crashed' | 'stalled' | 'limited' | null, detail?: string, until?: number, source?: 'session-file'): void;
  up(names: string[]): Promise<string[]>;
  down(names: string[]): Promise<string[]>;
  restart(name: string): Promise<void>;
}
