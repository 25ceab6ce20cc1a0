/**
 * Turns decideStatus into a committed, debounced status with timing from a Clock.
 *
 * A new decision must hold for debounceMs before it is committed, so badges do not flicker;
 * exit and stop commit at once. Idle means idle: there is no periodic timer. After each
 * evaluation at most one timer is armed, for the next moment the decision could change
 * without new output (the quiet deadline, the starting deadline or the debounce deadline), and
 * none once settled.
 */
import type { SessionStatus } from '../protocol/messages.js';
import type { Clock, TimerHandle } from '../base/clock.js';
import { DisposableStore, type Disposable } from '../base/disposable.js';
import { Emitter } from '../base/emitter.js';
import { hookDeadline, hookStatusNow, HOOK_REDRAW_MS, HOOK_SILENT_MS, type HookTiming, type HookWord } from './hook-word.js';
import { decideStatus, STARTING_OUTPUT_MS, type StatusPatterns } from './status.js';

/**
 * Where a committed status came from, best first: the CLI's hook, its session file (a record
 * of a prompt or a turn's end; a usage limit it records), the screen rules (and the process and
 * the watchdog, which decide from the screen's side).
 */
export type StatusOrigin = 'hook' | 'session-file' | 'screen';

export interface ScreenReading {
  rows: readonly string[];
  /** the shown cursor's row; null while hidden */
  cursorY: number | null;
}

export interface StatusTrackerOptions {
  clock: Clock;
  patterns: StatusPatterns;
  quietMs: number;
  debounceMs: number;
  /** Output without a pause for this long since the first is 'working' (default STARTING_OUTPUT_MS). */
  startingMs?: number;
  /** Reads the screen as it is now. */
  read: () => ScreenReading;
  /** screenChanged() reads the screen at most once per this long (default SCREEN_READ_EVERY_MS) */
  screenReadEveryMs?: number;
  /** a hook's word holds on its own this long (default HOOK_SILENT_MS; hook-word.ts) */
  hookSilentMs?: number;
}

/**
 * While output streams in, the screen is read for the status at most this often. The parser
 * reports a change for every batch of output it parses — hundreds a second in a flood — and
 * reading the screen (every row as text, then the backend's patterns) each time cost a tenth
 * of the server's CPU in a 1,000,000-line flood. A status needs debounceMs to commit anyway.
 */
export const SCREEN_READ_EVERY_MS = 50;
/**
 * While the screen keeps saying what is committed — an agent at work redrawing its spinner
 * twelve times a second — it is read at most this often: each read of a screen that says the
 * same again is wasted, and in a fleet of busy agents these reads were a tenth of the server's
 * CPU. A reading that says something else (a candidate) brings back SCREEN_READ_EVERY_MS until
 * it is committed or gone, so a change is seen at most this much later, then debounced as before.
 * Only for a status the screen decides: a hook's or a session file's word is weighed against each
 * change on screen, so an agent with hooks is read at the quick pace.
 */
export const STEADY_READ_EVERY_MS = 200;

export class StatusTracker implements Disposable {
  private readonly store = new DisposableStore();
  private readonly changed = this.store.add(new Emitter<[SessionStatus, SessionStatus]>());
  private committed: SessionStatus = 'starting';
  private candidate: { status: SessionStatus; since: number } | null = null;
  private firstOutputAt: number | null = null;
  private lastOutputAt: number | null = null;
  private settled = false;
  private exited = false;
  private stopped = false;
  private override: SessionStatus | null = null;
  /** what decided the override: the session file's record, or the screen the watchdog read */
  private overrideSource: StatusOrigin = 'screen';
  /** the CLI's hook's last word on the status */
  private hook: HookWord | null = null;
  /** its session file's last word: below the hook's, above the screen's, held by the same rules (hook-word.ts) */
  private file: HookWord | null = null;
  private committedSource: StatusOrigin = 'screen';
  private timer: TimerHandle | null = null;
  /** the evaluation screenChanged() put off, and when the screen was last read */
  private putOff: TimerHandle | null = null;
  private lastReadAt = -Infinity;

  /** (status, previous) after each committed change. */
  readonly onChange = this.changed.event;

  constructor(private readonly opts: StatusTrackerOptions) {
    this.store.add({
      dispose: () => {
        this.disarm();
        this.cancelPutOff();
      },
    });
  }

  get status(): SessionStatus {
    return this.committed;
  }

  /** Where the committed status came from. */
  get source(): StatusOrigin {
    return this.committedSource;
  }

  /** The CLI's hook says the agent is in `status` now: it wins over the screen while it is fresh (hook-word.ts). */
  hookSaid(status: SessionStatus): void {
    this.hook = { status, at: this.opts.clock.now() };
    this.evaluate();
  }

  /** The CLI's session file says the agent is in `status` now: it wins over the screen, not over a hook. */
  fileSaid(status: SessionStatus): void {
    this.file = { status, at: this.opts.clock.now() };
    this.evaluate();
  }

  /** Stamp output arrival; call evaluate() once the screen has parsed it. */
  noteOutput(): void {
    this.lastOutputAt = this.opts.clock.now();
    this.firstOutputAt ??= this.lastOutputAt;
  }

  /**
   * The screen changed (the emulator parsed output): evaluate now, or — when the screen was
   * read less than screenReadEveryMs ago (STEADY_READ_EVERY_MS while it says what it committed)
   * — once that much time has passed since.
   */
  screenChanged(): void {
    if (this.store.isDisposed) return;
    // only the screen's own steady word is read slowly: a hook's or a session file's word is
    // weighed against each change on screen (hook-word.ts), which must be seen at once
    const steady = this.candidate === null && this.committed !== 'starting' && this.committedSource === 'screen' && this.hook === null && this.file === null;
    const quick = this.opts.screenReadEveryMs ?? SCREEN_READ_EVERY_MS;
    const every = steady ? Math.max(STEADY_READ_EVERY_MS, quick) : quick;
    const now = this.opts.clock.now();
    if (now - this.lastReadAt >= every || now < this.lastReadAt) return this.evaluate(); // (the clock may step back)
    this.putOff ??= this.opts.clock.setTimeout(() => {
      this.putOff = null;
      this.evaluate();
    }, this.lastReadAt + every - now);
  }

  markExited(): void {
    this.exited = true;
    this.evaluate();
  }

  /** A deliberate stop: it ends any earlier override (a person's stop is the last word). */
  markStopped(): void {
    this.stopped = true;
    this.override = null;
    this.evaluate();
  }

  /**
   * A status decided above this layer ('stalled', 'crashed', 'limited') wins over the screen
   * until cleared with null. A stop clears it; one set after the stop (the watchdog's verdict
   * on a session it stopped) wins over 'stopped'.
   */
  setOverride(status: SessionStatus | null, source: StatusOrigin = 'screen'): void {
    this.override = status;
    this.overrideSource = source;
    // the verdict is newer than the session file's last word: once it is lifted, the screen decides again
    if (status !== null) this.file = null;
    this.evaluate();
  }

  evaluate(): void {
    if (this.store.isDisposed) return;
    this.disarm();
    const now = this.opts.clock.now();
    const msSinceOutput = this.lastOutputAt === null ? null : now - this.lastOutputAt;
    if (msSinceOutput !== null && msSinceOutput >= this.opts.quietMs) this.settled = true;
    // once it has shown any other status it has started: never back to 'starting'
    if (this.committed !== 'starting') this.settled = true;

    const immediate = this.override ?? (this.stopped ? 'stopped' : this.exited ? 'exited' : null);
    if (immediate) {
      this.candidate = null;
      this.commit(immediate, this.override !== null ? this.overrideSource : 'screen');
      return; // nothing after this depends on time
    }

    this.cancelPutOff(); // this evaluation reads the screen as it is now
    this.lastReadAt = now;
    const reading = this.opts.read();
    const screen = decideStatus(
      {
        rows: reading.rows,
        cursorY: reading.cursorY,
        msSinceOutput,
        msSinceFirstOutput: this.firstOutputAt === null ? null : now - this.firstOutputAt,
        settled: this.settled,
        exited: false,
        stopped: false,
      },
      this.opts.patterns,
      this.opts.quietMs,
      this.startingMs,
    );
    // the hook's word wins over the session file's, both over the screen's — but a limit banner
    // says what no hook of a running turn will, and a session file records prompts and turn ends,
    // never a question on screen: the screen's needs-input stands over the file's word
    const timing: HookTiming = { silentMs: this.opts.hookSilentMs ?? HOOK_SILENT_MS, redrawMs: HOOK_REDRAW_MS };
    const busy = this.opts.patterns.active?.test(reading.rows.join('\n')) ?? false;
    const screenNow = { now, lastOutputAt: this.lastOutputAt, busy };
    const fromHook = hookStatusNow(this.hook, screenNow, timing);
    const fromFile = fromHook === null && screen !== 'needs-input' ? hookStatusNow(this.file, screenNow, timing) : null;
    const word = fromHook ?? fromFile;
    if (word !== null && screen !== 'limited') {
      this.candidate = null;
      this.commit(word, fromHook !== null ? 'hook' : 'session-file');
      // a "working" word going silent: the next word down (or the screen) decides then
      const deadlines = [hookDeadline(this.hook, now, timing), hookDeadline(this.file, now, timing)].filter((d): d is number => d !== null);
      if (deadlines.length > 0) this.armAt(now, Math.min(...deadlines));
      return;
    }
    const decided = screen;

    if (decided === this.committed) this.candidate = null;
    else if (this.candidate?.status !== decided) this.candidate = { status: decided, since: now };
    if (this.candidate && now - this.candidate.since >= this.opts.debounceMs) {
      this.candidate = null;
      this.commit(decided, 'screen');
    } else if (decided === this.committed) this.committedSource = 'screen';
    this.arm(now, msSinceOutput);
  }

  private get startingMs(): number {
    return this.opts.startingMs ?? STARTING_OUTPUT_MS;
  }

  private commit(status: SessionStatus, source: StatusOrigin): void {
    this.committedSource = source;
    if (status === this.committed) return;
    const prev = this.committed;
    this.committed = status;
    this.changed.fire(status, prev);
  }

  /** One timer for the earliest moment the outcome could change without new output. */
  private arm(now: number, msSinceOutput: number | null): void {
    const deadlines: number[] = [];
    if (msSinceOutput !== null && msSinceOutput < this.opts.quietMs) {
      deadlines.push(this.lastOutputAt! + this.opts.quietMs);
      const startingEnds = this.firstOutputAt! + this.startingMs;
      if (!this.settled && startingEnds > now) deadlines.push(startingEnds);
    }
    if (this.candidate) deadlines.push(this.candidate.since + this.opts.debounceMs);
    if (deadlines.length === 0) return;
    this.armAt(now, Math.min(...deadlines));
  }

  private armAt(now: number, at: number): void {
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = null;
      this.evaluate();
    }, Math.max(0, at - now));
  }

  private cancelPutOff(): void {
    if (this.putOff !== null) this.opts.clock.clearTimeout(this.putOff);
    this.putOff = null;
  }

  private disarm(): void {
    if (this.timer !== null) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Whether a re-evaluation is scheduled (false once settled). */
  get hasPendingTimer(): boolean {
    return this.timer !== null;
  }

  dispose(): void {
    this.store.dispose();
  }
}
