import xtermHeadless from '@xterm/headless';
import pty from 'node-pty';

const { Terminal } = xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

/** The size of the terminal every subject is driven through, as the issue asks. */
export const OUTER_COLS = 200;
export const OUTER_ROWS = 50;

export interface OuterTerminalOptions {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/**
 * The "real terminal" of the benchmark: a program in a 200×50 pty whose output is parsed by
 * @xterm/headless, byte-counted, and watched. Waiters are checked in the parser's write
 * callback, so a wait ends on the chunk that made the screen match — no polling.
 */
export class OuterTerminal {
  readonly term: HeadlessTerminal;
  readonly pid: number;
  private readonly child: pty.IPty;
  private readonly checks = new Set<() => void>();
  private exited = false;
  /** Bytes the program wrote to the terminal since it started (utf-8). */
  bytesWritten = 0;

  constructor(options: OuterTerminalOptions) {
    this.term = new Terminal({ cols: OUTER_COLS, rows: OUTER_ROWS, allowProposedApi: true, scrollback: 1000 });
    this.child = pty.spawn(options.file, options.args, {
      name: 'xterm-256color',
      cols: OUTER_COLS,
      rows: OUTER_ROWS,
      cwd: options.cwd,
      env: options.env,
    });
    this.pid = this.child.pid;
    this.child.onData((data) => {
      this.bytesWritten += Buffer.byteLength(data, 'utf8');
      this.term.write(data, () => this.runChecks());
    });
    // a terminal answers queries (DA, DSR) the way a real one would
    this.term.onData((reply) => this.child.write(reply));
    this.child.onExit(() => {
      this.term.write('', () => {
        this.exited = true;
        this.runChecks();
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

  /** Resolve once `predicate` holds for the parsed screen; reject on timeout or exit. */
  waitFor(what: string, predicate: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (predicate()) {
          done();
          resolve();
        } else if (this.exited) {
          done();
          reject(new Error(`the program exited while waiting for ${what}:\n${this.screen()}`));
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

  waitForText(text: string, timeoutMs: number): Promise<void> {
    return this.waitFor(JSON.stringify(text), () => this.screen().includes(text), timeoutMs);
  }

  /** Resolve once the program has exited (and its last output is parsed), or after timeoutMs. */
  waitForExit(timeoutMs: number): Promise<boolean> {
    if (this.exited) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = (): void => {
        if (!this.exited) return;
        clearTimeout(timer);
        this.checks.delete(check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.checks.delete(check);
        resolve(false);
      }, timeoutMs);
      this.checks.add(check);
    });
  }

  /** Kill the program if it still runs, and free the emulator. */
  async close(): Promise<void> {
    if (!this.exited) {
      const gone = this.waitForExit(3000);
      this.child.kill('SIGKILL');
      await gone;
    }
    this.checks.clear();
    this.term.dispose();
  }

  private runChecks(): void {
    for (const check of [...this.checks]) check();
  }
}
