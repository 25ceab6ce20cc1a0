import type { ScreenSize } from './render.js';

/** The terminal the demo agent draws on and reads keys from. */
export interface DemoTerminal {
  size(): ScreenSize;
  write(data: string): void;
  /** Start delivering input (raw mode); returns the function that stops it. */
  onInput(listener: (chunk: string) => void): () => void;
  /** The window changed size (SIGWINCH); returns the function that stops listening. */
  onResize(listener: () => void): () => void;
}

/** The process's own tty: stdin in raw mode, stdout for drawing. */
export function processTerminal(stdin: NodeJS.ReadStream = process.stdin, stdout: NodeJS.WriteStream = process.stdout): DemoTerminal {
  return {
    size: () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 }),
    write: (data) => {
      stdout.write(data);
    },
    onInput(listener) {
      const onData = (chunk: string): void => listener(chunk);
      if (stdin.isTTY) stdin.setRawMode(true);
      stdin.setEncoding('utf8');
      stdin.on('data', onData);
      stdin.resume();
      return () => {
        stdin.off('data', onData);
        if (stdin.isTTY) stdin.setRawMode(false);
        stdin.pause();
      };
    },
    onResize(listener) {
      // Node turns SIGWINCH into 'resize' on a tty stdout; listen to the signal too for a non-tty stdout.
      const onSignal = (): void => listener();
      stdout.on('resize', onSignal);
      if (!stdout.isTTY) process.on('SIGWINCH', onSignal);
      return () => {
        stdout.off('resize', onSignal);
        process.off('SIGWINCH', onSignal);
      };
    },
  };
}
