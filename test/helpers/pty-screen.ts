import xtermHeadless from '@xterm/headless';
import pty from 'node-pty';

const { Terminal } = xtermHeadless;
type HeadlessTerminal = InstanceType<typeof Terminal>;

export interface PtyExit {
  exitCode: number;
  signal: number | undefined;
}

export interface SpawnPtyOptions {
  file: string;
  args?: string[];
  cwd: string;
  env?: Record<string, string>;
  cols?: number;
  rows?: number;
}

/**
 * A program in a real pty, watched through a headless xterm the way a person would read it.
 * Waiting is driven by the pty's data events: every chunk is parsed, then the waiters look at the screen.
 */
export class PtyScreen {
  readonly term: HeadlessTerminal;
  private readonly child: pty.IPty;
  private readonly checks = new Set<() => void>();
  private exit: PtyExit | undefined;
  private readonly exited: Promise<PtyExit>;
  /** Everything the program wrote, for assertions about escape sequences. */
  raw = '';

  constructor(options: SpawnPtyOptions) {
    const cols = options.cols ?? 100;
    const rows = options.rows ?? 30;
    this.term = new Terminal({ cols, rows, allowProposedApi: true });
    this.child = pty.spawn(options.file, options.args ?? [], {
      name: 'xterm-256color',
      cols,
      rows,
      cwd: options.cwd,
      env: { ...process.env, ...options.env } as Record<string, string>,
    });
    this.child.onData((data) => {
      this.raw += data;
      this.term.write(data, () => this.runChecks());
    });
    this.exited = new Promise((resolve) => {
      this.child.onExit(({ exitCode, signal }) => {
        // Let the emulator finish parsing what came before the exit, then tell the waiters.
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

  write(data: string): void {
    this.child.write(data);
  }

  resize(cols: number, rows: number): void {
    this.child.resize(cols, rows);
    this.term.resize(cols, rows);
  }

  /** Resolve with the screen once `predicate` holds; reject with the screen on timeout or exit. */
  waitForScreen(predicate: (screen: string) => boolean, timeoutMs = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const screen = this.screen();
        if (predicate(screen)) {
          done();
          resolve(screen);
        } else if (this.exit !== undefined) {
          done();
          reject(new Error(`the program exited (${JSON.stringify(this.exit)}) before the screen matched:\n${screen}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`screen did not match within ${timeoutMs} ms:\n${this.screen()}`));
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
  waitForText(text: string, timeoutMs?: number): Promise<string> {
    return this.waitForScreen((screen) => screen.includes(text), timeoutMs);
  }

  waitForExit(timeoutMs = 5000): Promise<PtyExit> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the program did not exit within ${timeoutMs} ms:\n${this.screen()}`)), timeoutMs);
      void this.exited.then((exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
  }

  /** Kill the child if it still runs and free the emulator. */
  async dispose(): Promise<void> {
    if (this.exit === undefined) {
      this.child.kill('SIGKILL');
      await this.waitForExit(2000).catch(() => undefined);
    }
    this.checks.clear();
    this.term.dispose();
  }

  private runChecks(): void {
    for (const check of [...this.checks]) check();
  }
}
