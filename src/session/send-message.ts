/**
 * Typing a message into an agent and making sure it was submitted — agents.py's ping_session
 * (type, press submit, retry until the text leaves the input) with events instead of sleeps:
 *  1. paste the text (bracketed when the child asked for it, so a TUI takes newlines as text),
 *  2. await its echo in the input area (bounded: some children never echo),
 *  3. press the submit key, then await a reaction: the text left the input area, or the screen
 *     turned busy (the backend's `active` pattern appeared; 'working' inferred from output alone
 *     proves nothing, since echoing the key is output too); else press again, up to `attempts`.
 */
import type { SessionStatus } from '../protocol/messages.js';
import type { Clock } from '../base/clock.js';
import { DisposableStore, type Disposable } from '../base/disposable.js';
import { messageInInput, messageRowSpan, messageSnippet } from './input-area.js';
import type { CursorState } from './screen.js';

/** What sendMessage needs from a session. */
export interface MessageTarget {
  clock: Clock;
  write(data: string): void;
  isRunning(): boolean;
  bracketedPaste(): boolean;
  visibleRows(): string[];
  cursor(): CursorState;
  cols(): number;
  /** The screen shows the backend's own sign of being busy (its `active` pattern). */
  showsActivity(): boolean;
  onScreen(listener: () => void): Disposable;
  onStatus(listener: (status: SessionStatus, prev: SessionStatus) => void): Disposable;
  onExit(listener: () => void): Disposable;
}

export interface SendMessageOptions {
  /** Bytes of the submit key (see keys.ts). */
  submit: string;
  /** How many times to press submit before giving up (default 10). */
  attempts?: number;
  /** How long to wait for the typed text to show up (default 2000 ms). */
  echoTimeoutMs?: number;
  /** How long each submit waits for a reaction (default 1000 ms). */
  retryMs?: number;
}

export interface SendResult {
  confirmed: boolean;
  attempts: number;
}

const BRACKETED_PASTE_START = '\x1b[200~';
const BRACKETED_PASTE_END = '\x1b[201~';

/** The bytes that type `text`: a bracketed paste when the child enabled it, else as typed. */
export function typedPayload(text: string, bracketed: boolean): string {
  // An end marker inside the text would end the paste early and type the rest as keys.
  return bracketed ? BRACKETED_PASTE_START + text.split(BRACKETED_PASTE_END).join('') + BRACKETED_PASTE_END : text;
}

/**
 * Resolve true as soon as `ready()` holds — checked now and after every screen or status
 * change — or false after timeoutMs or when the child exits.
 */
function waitUntil(target: MessageTarget, ready: () => boolean, timeoutMs: number): Promise<boolean> {
  if (ready()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const store = new DisposableStore();
    const finish = (result: boolean) => {
      store.dispose();
      resolve(result);
    };
    const check = () => {
      if (ready()) finish(true);
    };
    store.add(target.onScreen(check));
    store.add(target.onStatus(check));
    store.add(target.onExit(() => finish(ready())));
    const timer = target.clock.setTimeout(() => finish(ready()), timeoutMs);
    store.add({ dispose: () => target.clock.clearTimeout(timer) });
  });
}

/** How long the screen must stay unchanged before "the text left the input" is believed. */
const SETTLE_MS = 60;

/**
 * Resolve with `holds()` once the screen has not changed for `quietMs` (a TUI may clear its
 * box in one write and redraw it in the next: a half-drawn frame proves nothing), or after
 * `limitMs` at the latest.
 */
function afterSettling(target: MessageTarget, holds: () => boolean, quietMs: number, limitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const store = new DisposableStore();
    const finish = () => {
      store.dispose();
      resolve(holds());
    };
    let quiet = target.clock.setTimeout(finish, quietMs);
    const limit = target.clock.setTimeout(finish, limitMs);
    store.add({ dispose: () => (target.clock.clearTimeout(quiet), target.clock.clearTimeout(limit)) });
    store.add(
      target.onScreen(() => {
        target.clock.clearTimeout(quiet);
        quiet = target.clock.setTimeout(finish, quietMs);
      }),
    );
    store.add(target.onExit(finish));
  });
}

export async function sendMessage(
  target: MessageTarget,
  text: string,
  opts: SendMessageOptions,
): Promise<SendResult> {
  const attempts = Math.max(1, opts.attempts ?? 10);
  const echoTimeoutMs = opts.echoTimeoutMs ?? 2000;
  const retryMs = opts.retryMs ?? 1000;
  if (!target.isRunning()) return { confirmed: false, attempts: 0 };

  const snippet = messageSnippet(text);
  const span = messageRowSpan(text, target.cols());
  const inInput = () => messageInInput(target.visibleRows(), target.cursor(), snippet, span);

  target.write(typedPayload(text, target.bracketedPaste()));
  const echoed = await waitUntil(target, inInput, echoTimeoutMs);

  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (!target.isRunning()) return { confirmed: false, attempts: attempt - 1 };
    // A reaction to this press: the screen turning busy (not busy already: a busy agent
    // queues input), or the text leaving the input — when the echo was never seen its absence
    // proves nothing, so then some new output must have come too.
    const busyBefore = target.showsActivity();
    let output = false;
    const watch = target.onScreen(() => (output = true));
    target.write(opts.submit);
    const turnedBusy = () => !busyBefore && target.showsActivity();
    const leftInput = () => (echoed || output) && !inInput();
    let confirmed = await waitUntil(target, () => turnedBusy() || leftInput(), retryMs);
    if (confirmed && !turnedBusy()) {
      confirmed = await afterSettling(target, () => turnedBusy() || leftInput(), SETTLE_MS, retryMs);
    }
    watch.dispose();
    if (confirmed) return { confirmed: true, attempts: attempt };
  }
  return { confirmed: false, attempts };
}
