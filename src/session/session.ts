/**
 * One child process in a pty: its output is appended raw to a log file, parsed once by the
 * emulated Screen, and classified into a status. A Session knows nothing of config files,
 * other sessions or UI; the fleet maps agents.toml onto SessionOptions.
 *
 * Everything it creates — pty, screen, log stream, timers, listeners — is registered in one
 * DisposableStore and released by dispose().
 */
import { markSession } from '../base/key-trace.js';
import pty from 'node-pty';
import type { IPty } from 'node-pty';
import { directPtyWrite, type PtyWrite } from './pty-direct-write.js';
import type { ScreenUpdate, SessionStatus } from '../protocol/messages.js';
import { systemClock, type Clock } from '../base/clock.js';
import { CpuBudget, type CpuBudgetOptions } from './cpu-budget.js';
import { DisposableStore, toDisposable, type Disposable } from '../base/disposable.js';
import { Emitter } from '../base/emitter.js';
import { keyToBytes } from '../terminal/keys.js';
import { liveGroupMembers, signalGroup, stopProcessGroup } from './process-group.js';
import { OutputFlow } from './output-flow.js';
import { ParseFeed } from './parse-feed.js';
import { holdPtySlaveOpen } from './pty-output-guard.js';
import type { LogCap } from '../fs/rotating-file.js';
import { RawLog } from './raw-log.js';
import { Screen } from './screen.js';
import { diffScreens } from './screen-diff.js';
import { sendMessage, type SendMessageOptions, type SendResult } from './send-message.js';
import { showsActivity, type StatusPatterns } from './status.js';
import { StatusTracker, type StatusOrigin } from './status-tracker.js';
import { TypedLine } from './typed-line.js';

export interface SessionTiming {
  /** Output within this long means working (default 800 ms). */
  quietMs?: number;
  /** A new status must hold this long before it is committed (default 250 ms). */
  debounceMs?: number;
  /** Output without a pause for this long since the first is 'working' (default STARTING_OUTPUT_MS). */
  startingMs?: number;
  /** A hook's status holds on its own this long (default HOOK_SILENT_MS: hook-word.ts). */
  hookSilentMs?: number;
}

export interface SessionOptions {
  name: string;
  /** A shell line, run as `/bin/sh -c command`. */
  command: string;
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
  scrollback: number;
  /** Raw output is appended here; the directory is created. */
  logPath: string;
  /** How large the log may grow before it is rotated, and how many rotated files are kept. */
  logCap: LogCap;
  patterns: StatusPatterns;
  /** tmux-style key name: Enter, C-m, C-j, Tab, Escape, Space, C-x, M-x, … */
  submitKey: string;
  timing?: SessionTiming;
  /** The share of a core its output may take to parse (cpu-budget.ts; the defaults there). */
  cpuBudget?: CpuBudgetOptions;
  clock?: Clock;
}

export type SessionMessageOptions = Omit<SendMessageOptions, 'submit'> & { submitKey?: string };

const DEFAULT_QUIET_MS = 800;
const DEFAULT_DEBOUNCE_MS = 250;
const DEFAULT_STOP_GRACE_MS = 5000;

export class Session implements Disposable {
  readonly name: string;
  private readonly opts: SessionOptions;
  private readonly clock: Clock;
  private readonly submitBytes: string;
  private readonly store = new DisposableStore();
  private readonly screen: Screen;
  private readonly tracker: StatusTracker;
  private readonly statusEmitter = this.store.add(new Emitter<[SessionStatus, SessionStatus]>());
  private readonly exitEmitter = this.store.add(new Emitter<[number | null, number | null]>());
  private readonly screenEmitter = this.store.add(new Emitter<[]>());
  private readonly promptEmitter = this.store.add(new Emitter<[string]>());
  private readonly submitEmitter = this.store.add(new Emitter<[string, boolean]>());
  private readonly pacedEmitter = this.store.add(new Emitter<[number]>());
  /** what a person is typing into the pane */
  private readonly typed = new TypedLine();
  private child: IPty | null = null;
  private writeToPty: PtyWrite = () => {};
  /** when the child last wrote (clock ms) */
  private lastOutputAt = -Infinity;
  private log: RawLog | null = null;
  private flow: OutputFlow | null = null;
  private feed: ParseFeed | null = null;
  private exitPromise: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private exited = false;
  /** the message being typed, if any: the next one waits for it (sendMessage) */
  private lastSend: Promise<unknown> = Promise.resolve();

  pid: number | null = null;
  /** Why the raw log is not being written (the session keeps running without it); null while it is. */
  get logError(): Error | null {
    return this.log?.error ?? null;
  }
  exitCode: number | null = null;
  exitSignal: number | null = null;

  /** (status, previous) whenever the committed status changes. */
  readonly onStatus = this.statusEmitter.event;
  /** (code, signal) once the child has exited. */
  readonly onExit = this.exitEmitter.event;
  /** Something on screen changed (once per parsed batch of output, and on resize). */
  readonly onScreen = this.screenEmitter.event;
  /** A message is being sent with sendMessage (the pilot counts it as a turn's prompt). */
  readonly onPrompt = this.promptEmitter.event;
  /**
   * A person submitted a line typed into the pane (the cockpit's keys, `hangar keys`): its text
   * and whether the keys held it (true), or it was read off the input row because they held
   * none (false: a bare Enter on text the program filled in — or on a menu). The pilot takes it
   * for a turn's prompt once work follows.
   */
  readonly onSubmit = this.submitEmitter.event;
  /** The child wrote the clipboard (OSC 52): whether it goes further is decided above. */
  get onClipboard() {
    return this.screen.onClipboard;
  }
  /** Its output took more than its CPU share to parse: the pty is not read for this many ms. */
  readonly onPaced = this.pacedEmitter.event;

  /** Pieces of costly output handed to the emulator one at a time (parse-feed.ts); 0 while all output is cheap. */
  get costlyPieces(): number {
    return this.feed?.piecesHanded ?? 0;
  }

  constructor(opts: SessionOptions) {
    this.opts = opts;
    this.name = opts.name;
    this.clock = opts.clock ?? systemClock;
    this.submitBytes = keyToBytes(opts.submitKey); // a bad key name fails at construction
    this.screen = this.store.add(
      new Screen({ cols: opts.cols, rows: opts.rows, scrollback: opts.scrollback }),
    );
    this.tracker = this.store.add(
      new StatusTracker({
        clock: this.clock,
        patterns: opts.patterns,
        quietMs: opts.timing?.quietMs ?? DEFAULT_QUIET_MS,
        debounceMs: opts.timing?.debounceMs ?? DEFAULT_DEBOUNCE_MS,
        startingMs: opts.timing?.startingMs,
        hookSilentMs: opts.timing?.hookSilentMs,
        read: () => ({ rows: this.screen.visibleRows(), cursorY: this.screen.shownCursorRow() }),
      }),
    );
    this.store.add(this.tracker.onChange((status, prev) => this.statusEmitter.fire(status, prev)));
    this.store.add(
      this.screen.onParsed(() => {
        markSession(this.name, 'server.parsed');
        this.tracker.screenChanged();
        this.screenEmitter.fire();
      }),
    );
    // Answers to the child's terminal queries (e.g. cursor position) go back to it.
    this.store.add(this.screen.onReply((data) => this.write(data)));
  }

  get status(): SessionStatus {
    return this.tracker.status;
  }

  /** The directory the child was started in. */
  get cwd(): string {
    return this.opts.cwd;
  }

  /** Where the status came from: the CLI's hook, its session file or the screen (status-tracker.ts). */
  get statusOrigin(): StatusOrigin {
    return this.tracker.source;
  }

  /** The CLI's hook says the agent is in `status` now (hook-word.ts says for how long that wins). */
  hookSaid(status: SessionStatus): void {
    this.tracker.hookSaid(status);
  }

  /** The CLI's session file says the agent is in `status` now (below a hook's word, above the screen's). */
  sessionFileSaid(status: SessionStatus): void {
    this.tracker.fileSaid(status);
  }

  /** Whether the child is running (started and not yet exited). */
  get running(): boolean {
    return this.child !== null && !this.exited;
  }

  start(): void {
    if (this.child || this.store.isDisposed) throw new Error(`session ${this.name} already started or disposed`);
    const log = this.store.add(new RawLog(this.opts.logPath, this.opts.logCap));
    this.log = log;

    const child = pty.spawn('/bin/sh', ['-c', this.opts.command], {
      name: 'xterm-256color',
      cols: this.opts.cols,
      rows: this.opts.rows,
      cwd: this.opts.cwd,
      env: this.opts.env,
      encoding: null, // raw bytes: the log stays byte-exact, the screen decodes UTF-8 itself
    });
    this.child = child;
    this.writeToPty = directPtyWrite(child);
    this.pid = child.pid;
    const slaveHold = this.store.add(holdPtySlaveOpen(child));

    const flow = new OutputFlow(child, this.clock, (open) => this.feed?.setOpen(open));
    this.flow = flow;
    this.store.add(toDisposable(() => flow.release()));
    const budget = new CpuBudget(this.clock, this.opts.cpuBudget);
    this.store.add(toDisposable(() => flow.stopPacing()));
    const feed = (this.feed = new ParseFeed(
      {
        write: (chunk, parsed) => this.screen.write(chunk, parsed),
        writeNow: (chunk, parsed) => this.screen.writeNow(chunk, parsed),
        later: (fn) => setImmediate(fn),
      },
      (bytes) => flow.parsed(bytes),
    ));
    this.store.add(toDisposable(() => feed.dispose()));
    this.store.add(
      this.screen.onParseTime((ms, units) => {
        feed.noteParse(ms, units);
        const wait = budget.spend(ms);
        if (wait <= 0) return;
        flow.pace(wait);
        this.pacedEmitter.fire(wait);
      }),
    );
    this.store.add(
      child.onData((data: string | Buffer) => {
        markSession(this.name, 'server.pty-read');
        this.lastOutputAt = this.clock.now();
        log.append(data);
        this.tracker.noteOutput();
        const bytes = data.length;
        flow.queued(bytes);
        feed.push(data);
      }),
    );
    this.exitPromise = new Promise((resolve) => {
      this.store.add(
        child.onExit(({ exitCode, signal }) => {
          slaveHold.dispose(); // node-pty has drained and closed the master by now
          this.exited = true;
          this.exitSignal = signal ? signal : null;
          this.exitCode = this.exitSignal === null ? exitCode : null;
          this.tracker.markExited();
          this.exitEmitter.fire(this.exitCode, this.exitSignal);
          resolve();
        }),
      );
    });
    // Whatever happens, dispose leaves no process of this group behind.
    this.store.add(
      toDisposable(() => {
        if (!this.exited || liveGroupMembers(child.pid).length > 0) signalGroup(child.pid, 'SIGKILL');
      }),
    );
    this.tracker.evaluate();
  }

  /** Resolves once the child has exited (immediately if it never started). */
  waitForExit(): Promise<void> {
    return this.exitPromise ?? Promise.resolve();
  }

  /** Resolves when everything logged so far has reached the log file. */
  logFlushed(): Promise<void> {
    this.log?.flush();
    return Promise.resolve();
  }

  /** Raw input bytes to the child. */
  write(data: string): void {
    if (!this.child || this.exited) return;
    this.screen.noteInput();
    this.writeToPty(data);
  }

  /**
   * Input from a person (the cockpit's keys, `hangar keys`) rather than hangar's own writes:
   * passed on byte-exact, and read for the lines it submits (onSubmit). The line is read from
   * the keys, since the screen lags behind fast typing; when the keys hold none (text the agent
   * filled in itself), from the input row as the screen shows it before the child takes the Enter.
   */
  input(data: string): void {
    for (const text of this.typed.feed(data)) this.submitEmitter.fire(text || this.inputRowText(), text !== '');
    markSession(this.name, 'server.pty-write');
    this.write(data);
  }

  /** The cursor's row without the prompt marks and box borders TUIs draw around input. */
  private inputRowText(): string {
    const row = this.screen.visibleRows()[this.screen.cursor().y] ?? '';
    return row.replace(/^[\s│┃|>❯›$#%]+/, '').replace(/[\s│┃|]+$/, '');
  }

  /**
   * Leave the child's output in its pty for at most `ms` (until releaseOutput): another
   * session's echo is on its way and goes first. The child just waits, as on a slow terminal.
   */
  holdOutput(ms: number): void {
    if (this.child && !this.exited) this.flow?.hold(ms);
  }

  releaseOutput(): void {
    this.flow?.release();
  }

  /** Whether the child wrote anything in the last `ms` (server/echo-priority.ts holds only such). */
  outputWithin(ms: number): boolean {
    return this.clock.now() - this.lastOutputAt < ms;
  }

  /** Press a key by its tmux name. */
  pressKey(name: string): void {
    this.write(keyToBytes(name));
  }

  resize(cols: number, rows: number): void {
    if (cols === this.screen.cols && rows === this.screen.rows) return;
    this.screen.resize(cols, rows);
    if (this.child && !this.exited) this.child.resize(cols, rows);
    this.screenEmitter.fire();
  }

  /** Status decided above this layer ('stalled', 'crashed'); null returns to the screen's. */
  setStatusOverride(status: SessionStatus | null, source?: 'session-file'): void {
    this.tracker.setOverride(status, source);
  }

  /**
   * Type a message and submit it (send-message.ts). Messages go in one after another: each is
   * typed once the one before it was submitted or given up on. Two typed at once would land in
   * the same input box and be submitted as one (a review ping and an inbox ping from one push).
   */
  sendMessage(text: string, opts: SessionMessageOptions = {}): Promise<SendResult> {
    const sent = this.lastSend.then(() => this.typeMessage(text, opts));
    this.lastSend = sent.then(
      () => undefined,
      () => undefined,
    );
    return sent;
  }

  private typeMessage(text: string, opts: SessionMessageOptions): Promise<SendResult> {
    const { submitKey, ...rest } = opts;
    this.promptEmitter.fire(text);
    return sendMessage(
      {
        clock: this.clock,
        write: (data) => this.write(data),
        isRunning: () => this.running,
        bracketedPaste: () => this.screen.bracketedPaste,
        visibleRows: () => this.screen.visibleRows(),
        cursor: () => this.screen.cursor(),
        cols: () => this.screen.cols,
        showsActivity: () => showsActivity(this.screen.visibleRows(), this.screen.shownCursorRow(), this.opts.patterns),
        onScreen: this.onScreen,
        onStatus: this.onStatus,
        onExit: this.onExit,
      },
      text,
      { ...rest, submit: submitKey ? keyToBytes(submitKey) : this.submitBytes },
    );
  }

  /** Visible rows, plain, trailing spaces trimmed. */
  screenText(): string {
    return this.screen.text();
  }

  /** Visible rows as an array (plain). */
  visibleRows(): string[] {
    return this.screen.visibleRows();
  }

  /** The last `lines` rows of scrollback + screen, plain. */
  tail(lines: number): string[] {
    return this.screen.tail(lines);
  }

  /** Rows of scrollback + screen with SGR escapes (see Screen.historyRows). */
  history(start: number, count: number): { total: number; start: number; rows: string[]; screenTop: number } {
    return { ...this.screen.historyRows(start, count), screenTop: this.screen.screenTop() };
  }

  findInHistory(query: string, from: number, backwards: boolean): number | null {
    return this.screen.findRow(query, from, backwards);
  }

  cursor(): { x: number; y: number; visible: boolean } {
    return this.screen.cursor();
  }

  /** The cursor's row while it is shown, null while hidden (Screen.shownCursorRow). */
  shownCursorRow(): number | null {
    return this.screen.shownCursorRow();
  }

  /** Bytes of output parsed onto the screen so far (see ScreenSource). */
  outputBytes(): number {
    return this.screen.bytesParsed;
  }

  /** Inside a DEC 2026 synchronized update of the child's: wait for its end before showing. */
  synchronizing(): boolean {
    return this.screen.synchronizing();
  }

  snapshot(): ScreenUpdate {
    return this.screen.snapshot(this.name);
  }

  /** Rows changed since `previous` (a full snapshot a client holds); full on a size change. */
  diff(previous: ScreenUpdate): ScreenUpdate {
    return diffScreens(previous, this.snapshot());
  }

  /** The pty's foreground process name (for process_name checks); '' before start. */
  foregroundProcess(): string {
    try {
      return this.child?.process ?? '';
    } catch {
      return ''; // the pty is already closed
    }
  }

  /**
   * SIGTERM the child's whole process group, SIGKILL it after graceMs; resolves when the
   * child has exited and no process of its group still runs. The status becomes 'stopped'.
   */
  stop(graceMs = DEFAULT_STOP_GRACE_MS): Promise<void> {
    if (!this.child) {
      this.tracker.markStopped();
      return Promise.resolve();
    }
    const child = this.child;
    this.stopping ??= (async () => {
      this.tracker.markStopped();
      await stopProcessGroup({
        pgid: child.pid,
        leaderExited: this.waitForExit(),
        graceMs,
        clock: this.clock,
      });
    })();
    return this.stopping;
  }

  dispose(): void {
    this.store.dispose();
    this.child = null;
  }
}
