import xtermHeadless from '@xterm/headless';
import pty from 'node-pty';

const { Terminal } = xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

export interface PtyExit {
  exitCode: number;
  signal: number | undefined;
}

export interface WatchedPtyOptions {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
  /** scrollback lines of the watching emulator (xterm's default when left out) */
  scrollback?: number;
  /** the clock chunks are timed on (ms; performance.now when left out) */
  now?: () => number;
  /** keep everything the program wrote in `raw` (the default; a benchmark's flood would fill it with megabytes) */
  keepRaw?: boolean;
}

/**
 * A program in a real pty whose output is parsed by @xterm/headless, as a terminal would show
 * it to a person — the outer terminal of the end-to-end tests and of the benchmark. Waiters
 * are checked in the parser's write callback, so a wait ends on the chunk that made the screen
 * match: no polling. The emulator answers the program's queries (DA, DSR) as a terminal does.
 */
export class WatchedPty {
  readonly term: HeadlessTerminal;
  readonly pid: number;
  private readonly child: pty.IPty;
  private readonly checks = new Set<() => void>();
  private exit: PtyExit | undefined;
  private readonly exited: Promise<PtyExit>;
  /** Everything the program wrote, for assertions about escape sequences ('' without keepRaw). */
  raw = '';
  /** Bytes the program wrote since it started (utf-8). */
  bytesWritten = 0;
  /**
   * When the chunk the waiters are being checked after arrived from the pty (`now`'s ms). The
   * emulator parses a write on a timer of its own (xterm's write buffer: setTimeout(0), ≥1 ms
   * in node, unless the user just typed), so a wait ends ~1 ms and more after the bytes came:
   * a latency measured to the chunk's arrival is the program's, not the emulator's schedule.
   */
  chunkArrivedAt = 0;
  readonly now: () => number;

  constructor(options: WatchedPtyOptions) {
    this.term = new Terminal({ cols: options.cols, rows: options.rows, allowProposedApi: true, ...(options.scrollback !== undefined ? { scrollback: options.scrollback } : {}) });
    this.child = pty.spawn(options.file, options.args, { name: 'xterm-256color', cols: options.cols, rows: options.rows, cwd: options.cwd, env: options.env });
    this.pid = this.child.pid;
    this.now = options.now ?? (() => performance.now());
    const keepRaw = options.keepRaw ?? true;
    this.child.onData((data) => {
      const at = this.now();
      if (keepRaw) this.raw += data;
      this.bytesWritten += Buffer.byteLength(data, 'utf8');
      this.term.write(data, () => {
        this.chunkArrivedAt = at;
        this.runChecks();
      });
    });
    this.term.onData((reply) => this.child.write(reply));
    this.exited = new Promise((resolve) => {
      this.child.onExit(({ exitCode, signal }) => {
        // let the emulator finish parsing what came before the exit, then tell the waiters
        this.term.write('', () => {
          this.exit = { exitCode, signal };
          resolve(this.exit);
          this.runChecks();
        });
      });
    });
  }

  /** The visible screen, one string per row, trailing blanks trimmed. */
  rows(): string[] {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return lines;
  }

  screen(): string {
    return this.rows().join('\n');
  }

  cursor(): { row: number; col: number } {
    return { row: this.term.buffer.active.cursorY, col: this.term.buffer.active.cursorX };
  }

  /** The character shown at a cell of the visible screen ('' for the right half of a wide char). */
  charAt(row: number, col: number): string {
    const buffer = this.term.buffer.active;
    return buffer.getLine(buffer.viewportY + row)?.getCell(col)?.getChars() ?? '';
  }

  write(data: string): void {
    this.child.write(data);
  }

  resize(cols: number, rows: number): void {
    this.child.resize(cols, rows);
    this.term.resize(cols, rows);
  }

  /** Resolve with the screen once `predicate` holds; reject, showing the screen, on timeout or exit. */
  waitFor(what: string, predicate: (screen: string) => boolean, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const screen = this.screen();
        if (predicate(screen)) {
          done();
          resolve(screen);
        } else if (this.exit !== undefined) {
          done();
          reject(new Error(`the program exited (${JSON.stringify(this.exit)}) while waiting for ${what}:\n${screen}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}:\n${this.screen()}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.checks.delete(check);
      };
      this.checks.add(check);
      check();
    });
  }

  /** Wait until the screen contains `text`. */
  waitForText(text: string, timeoutMs: number): Promise<string> {
    return this.waitFor(JSON.stringify(text), (screen) => screen.includes(text), timeoutMs);
  }

  /** Resolve once the program has exited and its last output is parsed; reject after timeoutMs. */
  waitForExit(timeoutMs: number): Promise<PtyExit> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the program did not exit within ${timeoutMs} ms:\n${this.screen()}`)), timeoutMs);
      void this.exited.then((exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
  }

  /** Kill the program if it still runs, and free the emulator. */
  async close(): Promise<void> {
    if (this.exit === undefined) {
      this.child.kill('SIGKILL');
      await this.waitForExit(3000).catch(() => undefined);
    }
    this.checks.clear();
    this.term.dispose();
  }

  private runChecks(): void {
    for (const check of [...this.checks]) check();
  }
}
