import { WatchedPty } from '../terminal/watched-pty.js';

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
 * @xterm/headless, byte-counted (`bytesWritten`), and watched (terminal/watched-pty.ts). It
 * keeps no copy of the output: a flood's megabytes in one string made this process's own GC
 * pauses (up to 28 ms, seen by --trace) part of the echo times of every subject.
 */
export class OuterTerminal extends WatchedPty {
  constructor(options: OuterTerminalOptions) {
    super({ ...options, cols: OUTER_COLS, rows: OUTER_ROWS, scrollback: 1000, keepRaw: false });
  }
}
