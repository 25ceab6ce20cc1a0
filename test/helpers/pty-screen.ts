import { WatchedPty, type PtyExit } from '../../src/terminal/watched-pty.js';

export type { PtyExit };

export interface SpawnPtyOptions {
  file: string;
  args?: string[];
  cwd: string;
  env?: Record<string, string>;
  cols?: number;
  rows?: number;
}

/**
 * A program in a real pty, watched through a headless xterm the way a person would read it
 * (terminal/watched-pty.ts), with the tests' defaults: 100×30, the test's environment under
 * the given one, 5 s waits.
 */
export class PtyScreen extends WatchedPty {
  constructor(options: SpawnPtyOptions) {
    super({
      file: options.file,
      args: options.args ?? [],
      cwd: options.cwd,
      env: { ...process.env, ...options.env } as Record<string, string>,
      cols: options.cols ?? 100,
      rows: options.rows ?? 30,
    });
  }

  /** Resolve with the screen once `predicate` holds; reject with the screen on timeout or exit. */
  waitForScreen(predicate: (screen: string) => boolean, timeoutMs = 5000): Promise<string> {
    return this.waitFor('the screen to match', predicate, timeoutMs);
  }

  override waitForText(text: string, timeoutMs = 5000): Promise<string> {
    return super.waitForText(text, timeoutMs);
  }

  override waitForExit(timeoutMs = 5000): Promise<PtyExit> {
    return super.waitForExit(timeoutMs);
  }

  /** Kill the child if it still runs and free the emulator. */
  dispose(): Promise<void> {
    return this.close();
  }
}
