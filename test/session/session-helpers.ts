/** Shared helpers for the real-pty session tests: build sessions and await their events. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionStatus } from '../../src/protocol/messages.js';
import { Session, type SessionOptions } from '../../src/session/session.js';

export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

/** Makes sessions in a private temp dir and releases all of them (and the dir) in cleanup(). */
export class SessionHarness {
  private madeDir: string | null = null;
  /** made on first use: the harness a test file's afterEach makes for a next test that never comes leaves nothing */
  get dir(): string {
    return (this.madeDir ??= mkdtempSync(join(tmpdir(), 'hangar-session-')));
  }
  private sessions: Session[] = [];

  create(command: string, over: Partial<SessionOptions> = {}): Session {
    const session = new Session({
      name: `s${this.sessions.length}`,
      command,
      cwd: this.dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: this.dir, TERM: 'xterm-256color', LANG: 'C.UTF-8' },
      cols: 80,
      rows: 24,
      scrollback: 1000,
      logPath: join(this.dir, 'logs', `s${this.sessions.length}.log`),
      logCap: { maxBytes: 50 * 1024 * 1024, keep: 2 },
      patterns: { footerUi: false, footerRows: 10 },
      submitKey: 'Enter',
      timing: { quietMs: 150, debounceMs: 30 },
      ...over,
    });
    this.sessions.push(session);
    return session;
  }

  start(command: string, over: Partial<SessionOptions> = {}): Session {
    const session = this.create(command, over);
    session.start();
    return session;
  }

  async cleanup(): Promise<void> {
    for (const session of this.sessions) session.dispose();
    this.sessions = [];
    if (this.madeDir) rmSync(this.madeDir, { recursive: true, force: true });
    this.madeDir = null;
  }
}

/** Resolve when `ready()` holds, checked now and after every screen change; reject on timeout. */
export function waitForScreen(session: Session, ready: () => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ready()) return resolve();
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for screen; screen was:\n${session.screenText()}`));
    }, timeoutMs);
    const sub = session.onScreen(() => {
      if (!ready()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

export function waitForText(session: Session, text: string, timeoutMs = 5000): Promise<void> {
  return waitForScreen(session, () => session.screenText().includes(text), timeoutMs);
}

export function waitForStatus(session: Session, status: SessionStatus, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (session.status === status) return resolve();
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${status}; status is ${session.status}`));
    }, timeoutMs);
    const sub = session.onStatus((now) => {
      if (now !== status) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

export function waitForExit(session: Session, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for exit')), timeoutMs);
    void session.waitForExit().then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
